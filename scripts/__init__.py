"""Developer scripts: the seed checker (check_indicators), the geometry builder, the offline bundle."""
