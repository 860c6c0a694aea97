"""The database holds the plan faithfully: 专栏1 exactly as printed, every other target traced, places, provenance."""

from __future__ import annotations

import json
import math

import pytest

from ningxia_dash.plan_text import normalise
from ningxia_dash.store.db import Database

# 专栏1 as printed: (clause, baseline 2020, value 2025, attribute, category). None = blank in the table.
HEADLINE = [
    ("专栏1-1", None, None, "binding", "巩固拓展脱贫攻坚成果"),
    ("专栏1-2", None, None, "expected", "巩固拓展脱贫攻坚成果"),
    ("专栏1-3", 100, 100, "binding", "巩固拓展脱贫攻坚成果"),
    ("专栏1-4", 34, 37, "expected", "巩固拓展脱贫攻坚成果"),
    ("专栏1-5", None, 0, "binding", "巩固拓展脱贫攻坚成果"),
    ("专栏1-6", 95, 97, "expected", "巩固拓展脱贫攻坚成果"),
    ("专栏1-7", 93, 95, "expected", "巩固拓展脱贫攻坚成果"),
    ("专栏1-8", None, 50, "expected", "巩固拓展脱贫攻坚成果"),
    ("专栏1-9", 91, 98, "expected", "巩固拓展脱贫攻坚成果"),
    ("专栏1-10", 0, 0, "binding", "巩固拓展脱贫攻坚成果"),
    ("专栏1-11", 20.5, None, "expected", "乡村宜居宜业"),
    ("专栏1-12", 90, 95, "expected", "乡村宜居宜业"),
    ("专栏1-13", 20.5, 40, "expected", "乡村宜居宜业"),
]
HEADLINE_RULES = {
    "专栏1-1": "above_reference",
    "专栏1-2": "reach_reference",
    "专栏1-5": "zero",
    "专栏1-10": "zero",
    "专栏1-11": "rising",
    "专栏1-12": "gt",
    "专栏1-3": "maintain",
}


def _num(x: object) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)  # type: ignore[arg-type]


def test_headline_rows_exactly_as_printed(db: Database) -> None:
    df = db.df("SELECT * FROM indicators WHERE is_headline ORDER BY seq")
    assert len(df) == 13
    for (clause, base, target, attribute, category), row in zip(HEADLINE, df.to_dict("records"), strict=True):
        assert row["clause"] == clause
        assert _num(row["baseline_value"]) == base, clause
        assert _num(row["target_value"]) == target, clause
        assert row["attribute"] == attribute, clause
        assert row["category_zh"] == category, clause
        if base is not None:
            assert row["baseline_year"] == 2020
        assert row["target_year"] == 2025
        if clause in HEADLINE_RULES:
            assert row["rule_kind"] == HEADLINE_RULES[clause], clause


def test_doubtful_figures_kept_with_a_note(db: Database) -> None:
    toilet = db.df("SELECT * FROM indicators WHERE clause = '专栏1-11'").iloc[0]
    assert toilet["baseline_value"] == 20.5
    assert "60.2" in toilet["note"]
    public = db.df("SELECT * FROM observations WHERE indicator_id = ? AND year = 2020", [toilet["id"]]).iloc[0]
    assert public["value"] == 60.2 and public["source_kind"] == "public"


def test_other_targets_traced_to_clause_and_sentence(db: Database) -> None:
    df = db.df(
        """SELECT i.*, s.text_zh FROM indicators i
           JOIN plan_sections s ON s.plan_id = i.plan_id AND s.id = i.section_id WHERE NOT i.is_headline"""
    )
    assert len(df) >= 35
    for row in df.to_dict("records"):
        assert row["clause"] and row["source_sentence"], row["id"]
        assert normalise(row["source_sentence"]) in normalise(row["text_zh"]), row["id"]
    # the targets the issue names are all there
    sentences = " ".join(df["source_sentence"])
    for figure in (
        "147处",
        "227处",
        "10.8万公里",
        "4万户",
        "5万人次",
        "1.5万人次",
        "95%",
        "85%",
        "90%",
        "250个",
        "传统村落20个",
        "80%",
        "800个",
        "1万家",
        "10亿元",
        "110个",
    ):
        assert figure in sentences, figure
    # a target printed twice is one row that lists its other places
    sewage = db.df("SELECT also_in FROM indicators WHERE clause = '专栏1-13'").iloc[0, 0]
    assert "第八章第二节" in sewage


def test_rule_kinds_cover_the_plan(db: Database) -> None:
    kinds = set(db.df("SELECT DISTINCT rule_kind FROM indicators")["rule_kind"])
    assert {"min", "gt", "max", "maintain", "zero", "per_year", "above_reference", "reach_reference", "rising"} <= kinds
    relative = db.df("SELECT * FROM indicators WHERE rule_kind IN ('above_reference','reach_reference','rising')")
    assert relative["reference_series"].notna().all()


def test_regions_and_geometry(db: Database) -> None:
    regions = db.df("SELECT * FROM regions")
    assert (regions["level"] == "province").sum() == 1
    assert (regions["level"] == "city").sum() == 5
    counties = regions[regions["level"] == "county"]
    assert len(counties) == 22
    national = set(counties.loc[counties["assistance_level"] == "national", "name_zh"])
    regional = set(counties.loc[counties["assistance_level"] == "regional", "name_zh"])
    assert national == {"原州区", "西吉县", "海原县", "同心县", "红寺堡区"}
    assert regional == {"盐池县", "隆德县", "泾源县", "彭阳县"}
    shapes = db.df("SELECT * FROM region_shapes")
    assert set(shapes["code"]) == set(counties["code"])
    for geometry in shapes["geometry"]:
        assert json.loads(geometry)["type"] in ("Polygon", "MultiPolygon")


def test_geojson_is_small() -> None:
    from ningxia_dash.config import GEO_DIR

    assert (GEO_DIR / "ningxia_counties.geojson").stat().st_size < 500_000


def test_parks(db: Database) -> None:
    parks = db.df("SELECT * FROM parks ORDER BY seq")
    assert len(parks) == 10
    assert parks["named_in_plan"].sum() == 9
    unnamed = parks[~parks["named_in_plan"]].iloc[0]
    assert "未在规划中列名" in unnamed["name_zh"]
    assert parks.loc[parks["named_in_plan"], "location_approximate"].all()
    box = db.scalar("SELECT text_zh FROM plan_sections WHERE id = 'box6-1'")
    for name in parks.loc[parks["named_in_plan"], "name_zh"]:
        assert name in box


def test_villages_are_demo_and_placed(db: Database) -> None:
    villages = db.df("SELECT * FROM villages")
    assert len(villages) == 261
    assert villages["leader_contacted"].sum() == 20
    assert (villages["source_kind"] == "demo").all()
    assert villages["name_zh"].str.startswith("示例移民村").all()
    assert villages["name_en"].str.startswith("Sample village").all()
    key = set(db.df("SELECT code FROM regions WHERE assistance_level IS NOT NULL")["code"])
    assert villages["county_code"].isin(key).mean() > 0.6  # weighted toward the resettlement areas


def test_village_points_inside_their_county(db: Database) -> None:
    from ningxia_dash.store.demo import point_in_polygon

    shapes = {r["code"]: json.loads(r["geometry"]) for r in db.df("SELECT * FROM region_shapes").to_dict("records")}
    for v in db.df("SELECT * FROM villages").to_dict("records"):
        geom = shapes[v["county_code"]]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        assert any(point_in_polygon(v["lon"], v["lat"], p) for p in polys), v["id"]


@pytest.mark.parametrize("table", ["observations", "reference_values", "village_metrics", "park_metrics", "villages"])
def test_every_value_has_provenance(db: Database, table: str) -> None:
    missing = db.scalar(
        f"SELECT count(*) FROM {table} t LEFT JOIN sources s ON s.id = t.source_id "
        "WHERE t.source_kind IS NULL OR s.id IS NULL OR s.kind <> t.source_kind"
    )
    assert missing == 0


def test_public_figures_keep_their_addresses(db: Database) -> None:
    pub = db.df("SELECT * FROM public_figures")
    assert len(pub) == 25
    assert pub["source_url"].str.startswith("http").all()
    obs = db.df(
        "SELECT o.*, s.url FROM observations o JOIN sources s ON s.id = o.source_id "
        "WHERE o.source_kind = 'public' AND s.id LIKE 'public-%'"
    )
    assert len(obs) >= 6 and obs["url"].str.startswith("http").all()


def test_plan_row_is_data_not_code(db: Database) -> None:
    plan = db.df("SELECT * FROM plans").iloc[0]
    assert plan["doc_number"] == "宁政办发〔2021〕93号"
    assert (plan["period_start"], plan["period_end"], plan["baseline_year"]) == (2021, 2025, 2020)
