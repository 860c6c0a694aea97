"""The benchmark of issue 7: `python -m bench.run` (or `make bench`) measures the app and prints JSON and a table."""
