"""Cached readers: the one caching boundary, keyed on the data version so an import invalidates it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ningxia_dash import accounts
from ningxia_dash.accounts import User
from ningxia_dash.plan import Plan, plan_of
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database, get_database
from ningxia_dash.tracking import assess

if TYPE_CHECKING:
    from ningxia_dash.ingest.refs import Refs


def database() -> Database:
    # Read-only: DuckDB lets many processes read a file but only one hold it for writing, and a writer locks
    # out every reader. Screens only read; writes (imports) get their own short-lived writer.
    return get_database(read_only=True)


def version() -> str:
    """Read on every rerun so the cached readers below see new data at once; a stat() of the file when nothing
    was published since the last read, two tiny queries when something was."""
    db = database()
    return db.per_file("data_version", lambda: queries.data_version(db))


@st.cache_data(show_spinner=False, max_entries=16)
def is_production(data_version: str) -> bool:
    """A production build (build-db --no-demo, meta demo = '0'); builds without the key are demo builds."""
    return queries.meta_value(database(), "demo") == "0"


@st.cache_data(show_spinner=False, max_entries=64)
def indicators_with_latest(plan_id: str, region_code: str, data_version: str) -> pd.DataFrame:
    return queries.indicators_with_latest(database(), plan_id, region_code)


@st.cache_data(show_spinner=False, max_entries=16)
def plans(data_version: str) -> pd.DataFrame:
    return queries.plans(database())


def plan(plan_id: str, data_version: str) -> Plan:
    """The plan `plan_id` as a typed Plan (built from the cached plans table)."""
    return plan_of(plans(data_version), plan_id)


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


# ---------------------------------------------------------------- target tracking


@st.cache_data(show_spinner=False, max_entries=16)
def indicators(plan_id: str, data_version: str) -> pd.DataFrame:
    return queries.indicators(database(), plan_id)


@st.cache_data(show_spinner=False, max_entries=8)
def observations(plan_id: str, data_version: str) -> pd.DataFrame:
    return queries.observations(database(), plan_id)


@st.cache_data(show_spinner=False, max_entries=8)
def reference_values(data_version: str) -> pd.DataFrame:
    return queries.reference_values(database())


def _judged(plan_id: str, data_version: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """What the status engine judges a plan's targets from: the targets, their values and the reference values."""
    return indicators(plan_id, data_version), observations(plan_id, data_version), reference_values(data_version)


@st.cache_data(show_spinner=False, max_entries=64)
def assessments(plan_id: str, region_code: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """Status of every target of a plan for one region as of a year."""
    return assess.assess_region(*_judged(plan_id, data_version), baseline_year, as_of_year, region_code)


@st.cache_data(show_spinner=False, max_entries=32)
def evaluations(plan_id: str, region_code: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """End-of-period verdict of every target of a plan for one region as of a year (终期评估)."""
    return assess.evaluate_region(*_judged(plan_id, data_version), baseline_year, as_of_year, region_code)


@st.cache_data(show_spinner=False, max_entries=32)
def paces(plan_id: str, region_code: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """Pace and projection of every target of a plan for one region as of a year (ningxia_dash/tracking/pace.py)."""
    targets, values, _ = _judged(plan_id, data_version)
    return assess.pace_regions(targets, values, baseline_year, as_of_year, [region_code])


@st.cache_data(show_spinner=False, max_entries=16)
def assessments_all_regions(plan_id: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """Status of every (target, region) pair with data, as of a year (maps, scorecards, county breakdowns)."""
    return assess.assess_all_regions(*_judged(plan_id, data_version), baseline_year, as_of_year)


@st.cache_data(show_spinner=False, max_entries=16)
def evaluations_all_regions(plan_id: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """End-of-period verdict of every (target, region) pair with data, as of a year (the places from the plan's
    last year on)."""
    return assess.evaluate_all_regions(
        indicators(plan_id, data_version), observations(plan_id, data_version), reference_values(data_version),
        baseline_year, as_of_year,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def indicator_evaluations_all_regions(
    plan_id: str, indicator_id: str, as_of_year: int, baseline_year: int, data_version: str
) -> pd.DataFrame:
    """evaluations_all_regions for one target (its detail page): the verdicts of its ~30 places, not of every pair."""
    targets, values, references = _judged(plan_id, data_version)
    one = targets[targets["id"] == indicator_id]
    return assess.evaluate_all_regions(one, values[values["indicator_id"] == indicator_id], references, baseline_year,
                                       as_of_year)  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def indicator_notes(indicator_id: str, data_version: str) -> pd.DataFrame:
    return queries.indicator_notes(database(), indicator_id)


# ---------------------------------------------------------------- places: villages, parks


@st.cache_data(show_spinner=False, max_entries=16)
def villages(data_version: str) -> pd.DataFrame:
    return queries.villages(database())


@st.cache_data(show_spinner=False, max_entries=16)
def place_metrics(entity: str, data_version: str) -> pd.DataFrame:
    return queries.metrics(database(), entity)


@st.cache_data(show_spinner=False, max_entries=32)
def village_metric_values(metric_id: str, data_version: str) -> pd.DataFrame:
    return queries.village_metric_values(database(), metric_id)


@st.cache_data(show_spinner=False, max_entries=64)
def village_history(village_id: str, data_version: str) -> pd.DataFrame:
    return queries.village_history(database(), village_id)


@st.cache_data(show_spinner=False, max_entries=16)
def village_metric_medians(year: int, data_version: str) -> pd.DataFrame:
    return queries.village_metric_medians(database(), year)


@st.cache_data(show_spinner=False, max_entries=64)
def village_statuses(
    metric_id: str, as_of_year: int, baseline_year: int, target_year: int, final: bool, data_version: str
) -> pd.DataFrame:
    """Every village's status (verdict, final=True) on one metric as of a year (villages.village_statuses;
    cached: the heavy part)."""
    from ningxia_dash.places import villages

    reference = villages.village_reference(reference_values(data_version), metric_id)
    values = village_metric_values(metric_id, data_version)
    return villages.village_statuses(values, metric_id, as_of_year, baseline_year, target_year, reference, final)


@st.cache_data(show_spinner=False, max_entries=16)
def parks(data_version: str) -> pd.DataFrame:
    return queries.parks(database())


@st.cache_data(show_spinner=False, max_entries=16)
def park_metric_values(data_version: str) -> pd.DataFrame:
    return queries.park_metric_values(database())


# ---------------------------------------------------------------- uploads and accounts


def clear() -> None:
    """After a commit or rollback: drop every cached table so all sessions of this process read the new data at
    once (other processes notice the new data version on their next rerun)."""
    st.cache_data.clear()


@st.cache_data(show_spinner=False, max_entries=16)
def import_batches(data_version: str) -> pd.DataFrame:
    return queries.import_batches(database())


@st.cache_data(show_spinner=False, max_entries=64)
def batch_changes(batch_id: int, data_version: str) -> pd.DataFrame:
    return queries.batch_changes(database(), batch_id)


@st.cache_data(show_spinner=False, max_entries=16)
def ingest_refs(data_version: str) -> Refs:
    """Ids and names uploads are checked against (ingest.refs.Refs), for labels and templates. Imported here:
    the upload code loads only on the pages that need it."""
    from ningxia_dash.ingest.refs import load_refs

    return load_refs(database())


def users() -> list[User]:
    """Every account (no password hashes), scopes as sets or None. Not cached: account changes do not change the
    data version."""
    return accounts.list_users(database())


def meta_value(key: str) -> str | None:
    """A setting (e.g. the presenter deck order). Settings change without changing the data version, so this is
    memoised per database file instead: every write publishes a new file, in every process."""
    db = database()
    return db.per_file(f"meta:{key}", lambda: queries.meta_value(db, key))
