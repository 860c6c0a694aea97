"""Cached readers: the one caching boundary, keyed on the data version so an import invalidates it
(imports streamlit, queries and db)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ningxia_dash import queries
from ningxia_dash.db import Database, get_database


def database() -> Database:
    # Read-only: DuckDB lets many processes read a file but only one hold it for writing, and a writer locks
    # out every reader. Screens only read; writes (imports) get their own short-lived writer.
    return get_database(read_only=True)


def version() -> str:
    """Cheap (two tiny queries): read on every rerun so cached readers below see new data at once."""
    return queries.data_version(database())


@st.cache_data(show_spinner=False, max_entries=64)
def indicators_with_latest(plan_id: str, region_code: str, data_version: str) -> pd.DataFrame:
    return queries.indicators_with_latest(database(), plan_id, region_code)


@st.cache_data(show_spinner=False, max_entries=16)
def plans(data_version: str) -> pd.DataFrame:
    return queries.plans(database())


@st.cache_data(show_spinner=False, max_entries=16)
def plan_sections(plan_id: str, data_version: str) -> pd.DataFrame:
    return queries.plan_sections(database(), plan_id)


@st.cache_data(show_spinner=False, max_entries=16)
def table_counts(data_version: str) -> pd.DataFrame:
    return queries.table_counts(database())


@st.cache_data(show_spinner=False, max_entries=16)
def entity_counts(data_version: str) -> dict[str, int]:
    return queries.entity_counts(database())


@st.cache_data(show_spinner=False, max_entries=16)
def source_mix(data_version: str) -> pd.DataFrame:
    return queries.observation_source_mix(database())


@st.cache_data(show_spinner=False, max_entries=16)
def latest_data_year(plan_id: str, data_version: str) -> int | None:
    return queries.latest_data_year(database(), plan_id)


@st.cache_data(show_spinner=False, max_entries=16)
def regions(data_version: str) -> pd.DataFrame:
    return queries.regions(database())


@st.cache_data(show_spinner=False, max_entries=16)
def county_shapes(data_version: str) -> pd.DataFrame:
    return queries.county_shapes(database())


@st.cache_data(show_spinner=False, max_entries=16)
def public_figures(data_version: str) -> pd.DataFrame:
    return queries.public_figures(database())


@st.cache_data(show_spinner=False, max_entries=16)
def sources(data_version: str) -> pd.DataFrame:
    return queries.sources(database())
