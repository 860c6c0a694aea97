"""Paths and settings read from the environment."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SEED_DIR = DATA_DIR / "seed"
GEO_DIR = DATA_DIR / "geo"
DEFAULT_DB = DATA_DIR / "ningxia.duckdb"
SCHEMA_FILE = Path(__file__).resolve().parent / "store" / "schema.sql"

# The plan a fresh session opens on; a later plan is chosen in the sidebar once its rows exist.
DEFAULT_PLAN_ID = "nx-14-rr"
PROVINCE_CODE = "640000"
NATION_CODE = "000000"
# Roles, least to most allowed: accounts (sign-in) and ingest (who may import what) rank them the same way.
ROLES = ("viewer", "officer", "admin")
ROLE_RANK = {r: i for i, r in enumerate(ROLES)}


def db_path() -> Path:
    """The database file: $NINGXIA_DB when set, else data/ningxia.duckdb."""
    return Path(os.environ.get("NINGXIA_DB", str(DEFAULT_DB))).expanduser().resolve()
