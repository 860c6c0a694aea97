"""Shared fixtures: one database built from the checked-in seeds for the whole run, used through $NINGXIA_DB."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ningxia_dash.store.build import build_database
from ningxia_dash.store.db import Database, get_database
from tests.app_db import app_database

ROOT = Path(__file__).resolve().parent.parent
# Production hides exception details from users (.streamlit/config.toml); tests need to see them.
os.environ["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] = "full"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("db") / "ningxia.duckdb"
    build_database(path)
    with app_database(path):
        yield path


@pytest.fixture(scope="session")
def db(db_path: Path) -> Database:
    return get_database(db_path, read_only=True)  # as the app does: one process may not mix modes


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
