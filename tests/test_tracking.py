"""The glue between database rows and the status engine, on the real seed database."""

from __future__ import annotations

import pandas as pd

from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess
from ningxia_dash.tracking.status import STATUS_ORDER


def _inputs(db: Database) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (queries.indicators(db, "nx-14-rr"), queries.observations(db, "nx-14-rr"), queries.reference_values(db))


def test_every_indicator_gets_one_assessment(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    a = assess.assess_region(ind, obs, ref, 2020, 2025)
    assert list(a["indicator_id"]) == list(ind["id"])
    assert set(a["status"]) <= {str(s) for s in STATUS_ORDER}
    assert a["explanation_zh"].str.contains("年").all()


def test_as_of_year_changes_the_verdict(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    early = assess.assess_region(ind, obs, ref, 2020, 2021)
    late = assess.assess_region(ind, obs, ref, 2020, 2025)
    assert (early["latest_year"].dropna() <= 2021).all()
    assert not early["status"].equals(late["status"])


def test_tap_water_uses_the_public_figure(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    a = assess.assess_region(ind, obs, ref, 2020, 2024).set_index("indicator_id").loc["rural_tap_water_rate"]
    assert a["latest_value"] == 98.0 and a["latest_source_kind"] == "public"
    assert a["status"] == "achieved"


def test_relative_target_is_judged_against_its_reference(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    a = assess.assess_region(ind, obs, ref, 2020, 2024).set_index("indicator_id")
    row = a.loc["farmer_income_growth_vs_national"]
    assert row["reference_value"] == 6.58  # national rural income growth 2024, from public figures
    assert row["status"] in ("on_track", "lagging", "off_track", "achieved")


def test_all_regions_and_counts(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    grid = assess.assess_all_regions(ind, obs, ref, 2020, 2025)
    assert grid["region_code"].nunique() == 28  # the province, its 5 cities and 22 counties
    counts = assess.counts_by_binding(assess.assess_region(ind, obs, ref, 2020, 2025), ind)
    assert counts["n"].sum() == len(ind)
    assert len(counts) == 10


def test_history_and_expected_line(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    row = ind.set_index("id").loc["rural_tap_water_rate"].copy()
    row["id"] = "rural_tap_water_rate"
    hist = assess.status_history(row, obs, ref, 2020, [2021, 2022, 2023, 2024, 2025])
    assert list(hist["as_of_year"]) == [2021, 2022, 2023, 2024, 2025]
    line = assess.expected_line(row, obs, 2020, 2025, 2025)
    assert list(line["year"]) == [2020, 2021, 2022, 2023, 2024, 2025]
    assert line["expected"].iloc[0] == 91.0 and line["expected"].iloc[-1] == 98.0
