"""Display logic of the tracking screens: alerts, gauges, progress, the table and the plan sentence. Alerts, the
table and the bars read the small database written in tests/small_db.py (its docstring gives each target's status);
the gauges read the demo build, whose 13 headline targets cover every gauge rule."""

from __future__ import annotations

import pandas as pd
import pytest

from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess, detail, gauges, overview, targets
from tests.small_db import PLAN_ID, small_database


def _with_status(db: Database, plan_id: str, as_of: int) -> pd.DataFrame:
    ind = queries.indicators(db, plan_id)
    a = assess.assess_region(ind, queries.observations(db, plan_id), queries.reference_values(db), 2020, as_of)
    return overview.with_status(ind, a)


@pytest.fixture(scope="module")
def demo_rows(db: Database) -> pd.DataFrame:
    return _with_status(db, "nx-14-rr", 2025)


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The small database's five targets as of 2024: tap on track, income off track, relapse achieved, training
    lagging, station without data."""
    return _with_status(small_database(tmp_path_factory.mktemp("small") / "small.duckdb"), PLAN_ID, 2024)


def test_as_of_choices_follow_the_plan_and_the_data() -> None:
    assert overview.as_of_choices(2021, 2025, 2025) == [2021, 2022, 2023, 2024, 2025]
    assert overview.as_of_choices(2026, 2030, None) == [2026, 2027, 2028, 2029, 2030]  # a later plan
    assert overview.as_of_choices(2021, 2025, 2026)[-1] == 2026


def test_alerts_are_binding_and_not_on_track(rows: pd.DataFrame) -> None:
    # A small frame written here: which rows alert, and in which order, is known without the demo build.
    hand = pd.DataFrame(
        {
            "id": ["b_off", "b_on", "e_off", "b_lag", "b_met", "b_nodata", "b_off2"],
            "attribute": ["binding", "binding", "expected", "binding", "binding", "binding", "binding"],
            "status": ["off_track", "on_track", "off_track", "lagging", "achieved", "no_data", "off_track"],
            "seq": [5, 1, 2, 3, 4, 6, 0],
        }
    )
    assert list(overview.alerts(hand)["id"]) == ["b_off2", "b_off", "b_lag", "b_nodata"]  # worst first
    # The small database: of its binding targets (tap on track, relapse achieved, station without data) only the
    # station alerts; income is off track but expected, not binding.
    assert list(overview.alerts(rows)["id"]) == ["station"]


def test_gauges_for_every_headline_rule(demo_rows: pd.DataFrame) -> None:
    rows = demo_rows
    for _, r in rows[rows["is_headline"]].iterrows():
        g = gauges.gauge_for(r, "zh")
        assert g.low < g.high, r["id"]
        if g.value is not None and r["rule_kind"] != "reach_reference":
            assert g.low <= g.value <= g.high, r["id"]
        assert g.status in ("achieved", "on_track", "lagging", "off_track", "no_data")
        assert "示例" in g.caption or "公开" in g.caption or "官方" in g.caption
    reach = gauges.gauge_for(rows[rows["id"] == "relocated_income_vs_regional_rural"].iloc[0], "en")
    assert reach.threshold == 95.0 and reach.suffix == "%"


def test_progress_share() -> None:
    assert targets.progress_share(pd.Series({"status": "achieved", "progress": 0.3})) == 1.0
    assert targets.progress_share(pd.Series({"status": "lagging", "progress": 0.456})) == 0.46
    assert targets.progress_share(pd.Series({"status": "off_track", "progress": -0.2})) == 0.0
    assert targets.progress_share(pd.Series({"status": "no_data", "progress": None})) is None


def test_tracked_table_and_filters(rows: pd.DataFrame) -> None:
    table = targets.tracked_table(rows, "en")
    assert list(table.columns[:5]) == ["id", "Clause", "Indicator", "Status", "Progress"]
    assert list(table["id"]) == ["tap", "income", "relapse", "training", "station"]
    assert list(table["Status"]) == [
        "● On track",
        "✖ Off track (sample)",
        "✔ Achieved (sample)",
        "▲ Lagging",
        "？ No data",
    ]
    assert list(targets.filter_tracked(rows, [], [], [], ["off_track"], "")["id"]) == ["income"]
    assert list(targets.filter_tracked(rows, [], [], [], [], "自来水")["id"]) == ["tap"]


def test_bullet_rows_are_percentages(rows: pd.DataFrame) -> None:
    hand = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d", "e"],
            "clause": ["专栏1-9"] * 5,
            "name_zh": ["甲", "乙", "丙", "丁", "戊"],
            "name_en": ["A", "B", "C", "D", "E"],
            "status": ["achieved", "lagging", "off_track", "no_data", "on_track"],
            "progress": [0.3, 0.456, -0.2, None, 1.7],
            "elapsed_share": [0.8, 0.8, 0.8, 0.8, None],
            "explanation_zh": [""] * 5,
            "explanation_en": [""] * 5,
        }
    )
    shown = targets.bullet_rows(hand, "zh").set_index("id")
    assert shown["progress"].fillna(-1).to_dict() == {"a": 100.0, "b": 46.0, "c": 0.0, "d": -1, "e": 100.0}
    assert shown.loc["a", "expected"] == 80.0 and pd.isna(shown.loc["e", "expected"])
    # The small database: one bar per target; tap (97.2−90)/8 = 90 % against 80 % of the time gone (2020→2024 of
    # 2020→2025), income 20 %, relapse achieved; training (per year) and station have no share of the way.
    b = targets.bullet_rows(rows, "zh").set_index("id")
    assert b["progress"].fillna(-1).to_dict() == {
        "tap": 90.0,
        "income": 20.0,
        "relapse": 100.0,
        "training": -1,
        "station": -1,
    }
    assert b.loc["tap", "expected"] == 80.0


def test_plan_sentence_reads_box_1_as_a_sentence(db: Database) -> None:
    ind = queries.indicators(db, "nx-14-rr").set_index("id", drop=False)
    assert (
        detail.plan_sentence(ind.loc["rural_tap_water_rate"])
        == "专栏1-9：农村自来水普及率（%），2020年 91，2025年 98，预期性"
    )
    assert (
        detail.plan_sentence(ind.loc["village_yinong_information_stations"])
        == ind.loc["village_yinong_information_stations", "source_sentence"]
    )
