"""Place view logic (counties, villages, parks, scorecard) as pure functions on the seed database, and the four
place screens under AppTest in both languages: filters, selections and deep links."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash import config
from ningxia_dash.i18n import Lang, t
from ningxia_dash.places import common, county_map, key_counties, parks, ranking, villages
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess
from ningxia_dash.tracking.status import Obs, Status
from tests.html_tables import ranking_rows

ROOT = Path(__file__).resolve().parent.parent
PLAN = "nx-14-rr"
PLACE_PAGES = ["county_map", "villages", "parks", "key_counties"]


@pytest.fixture(scope="module")
def grid(db: Database) -> pd.DataFrame:
    ind = queries.indicators(db, PLAN)
    return assess.assess_all_regions(ind, queries.observations(db, PLAN), queries.reference_values(db), 2020, 2025)


@pytest.fixture(scope="module")
def county_rows(db: Database) -> pd.DataFrame:
    return county_map.counties(queries.regions(db))


# ---------------------------------------------------------------- counties


def test_year_choices_follow_the_plan_and_the_data() -> None:
    assert common.year_choices(2021, [2025, 2020]) == [2021, 2022, 2023, 2024, 2025]
    assert common.year_choices(2026, [2025]) == [2026]  # a new plan without data yet
    assert common.year_choices(2026, []) == [2026]


def test_county_frame_and_ranking(db: Database, grid: pd.DataFrame, county_rows: pd.DataFrame) -> None:
    ind = queries.indicators(db, PLAN)
    choices = county_map.county_indicators(ind, grid, county_rows["code"])
    assert 5 <= len(choices) < len(ind) and choices["is_headline"].all()
    row = choices.iloc[0].to_dict()
    frame = county_map.place_frame(county_rows, grid, row, "zh")
    assert len(frame) == 22 and set(frame["status"]) <= {str(s) for s in Status}
    assert (frame["level"] == "national").sum() == 5 and (frame["level"] == "regional").sum() == 4
    assert all(t.split()[0] in "✔●▲✖？" for t in frame["status_text"])
    ranked = county_map.county_ranking(frame, higher_better=True)  # the laggards first: lowest value on top
    assert ranked["value"].is_monotonic_increasing
    assert county_map.county_ranking(frame, higher_better=False)["value"].is_monotonic_decreasing
    assert county_map.ranked_label({"short": "西吉", "level": "national"}) == "西吉 ★"
    assert county_map.ranked_label({"short": "盐池", "level": "regional"}) == "盐池 ☆"


def test_direction_of_a_target() -> None:
    assert county_map.higher_is_better({"rule_kind": "min", "baseline_value": 91, "target_value": 98})
    assert not county_map.higher_is_better({"rule_kind": "max", "baseline_value": 5, "target_value": 3})
    assert not county_map.higher_is_better({"rule_kind": "min", "baseline_value": 10, "target_value": 5})
    assert county_map.chart_target({"rule_kind": "min", "target_value": 98.0}) == 98.0
    assert county_map.chart_target({"rule_kind": "above_reference", "target_value": None}) is None


def test_county_profile_links_to_the_indicator_detail(db: Database, grid: pd.DataFrame) -> None:
    ind = queries.indicators(db, PLAN)
    table = county_map.county_profile_table(ind, grid, "640422", config.PROVINCE_CODE, "en")
    assert len(table) >= 5
    links = table["Detail"].tolist()
    assert all(
        link.startswith("indicator?indicator=") and "region=640422" in link and "lang=en" in link for link in links
    )
    assert table["Ningxia value"].ne("—").all()
    zh = county_map.county_profile_table(ind, grid, "640422", config.PROVINCE_CODE, "zh")
    assert "lang=" not in zh["详情"].iloc[0]
    assert county_map.behind_count(grid, "640422", ind["id"]) == int(
        grid[(grid["region_code"] == "640422")]["status"].isin(["lagging", "off_track"]).sum()
    )


def test_selection_states_are_read_safely() -> None:
    deck = {"selection": {"indices": {"counties": [3]}, "objects": {"counties": [{"code": "640422"}]}}}
    assert common.selected_object(deck, "counties", "code") == "640422"
    assert common.selected_object({"selection": {"objects": {}}}, "counties", "code") is None
    assert common.selected_object(None, "counties", "code") is None
    assert common.selected_point({"selection": {"points": [{"customdata": "640303"}]}}) == "640303"
    assert common.selected_point({"selection": {"points": [{"customdata": ["640303"]}]}}) == "640303"
    assert common.selected_point({"selection": {"points": []}}) is None


# ---------------------------------------------------------------- villages


def _values(rows: dict[str, dict[int, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"village_id": v, "year": y, "value": x, "source_kind": "demo", "source_id": "t"}
            for v, s in rows.items()
            for y, x in s.items()
        ]
    )


def test_village_income_rule_follows_the_plan_target() -> None:
    """专栏1-2: 'basically reach the regional rural average' — ≥100% achieved, ≥95% on track before the target year."""
    ref = {2020: 10000.0, 2021: 11000.0, 2022: 12000.0, 2023: 13000.0, 2024: 14000.0, 2025: 15000.0}
    values = _values(
        {
            "above": {2020: 9000, 2023: 13100},  # 101% of the average
            "basically": {2020: 9000, 2023: 12500},  # 96%
            "stuck": {2020: 7000, 2021: 7100, 2022: 7200, 2023: 7300},  # 70% → 56%: falling behind
        }
    )
    s = villages.village_statuses(values, "v_income", 2023, 2020, 2025, ref).set_index("village_id")
    assert s.loc["above", "status"] == "achieved"
    assert s.loc["basically", "status"] == "on_track"
    assert s.loc["stuck", "status"] == "off_track"
    assert s.loc["basically", "ratio"] == pytest.approx(12500 / 13000)
    at_target = villages.village_statuses(values, "v_income", 2025, 2020, 2025, {**ref, 2023: 13000.0})
    assert set(at_target["status"]) <= {str(x) for x in Status}


def test_village_verdicts_at_the_plans_end() -> None:
    """From the plan's last year on a village reads its end-of-period verdict, as every other place does:
    专栏1-2's ≥ 95% of the regional average is met, ≥ 85.5% basically met, below not met; no figure after the
    baseline year cannot be assessed (a baseline alone is no evidence)."""
    ref = {2020: 10000.0, 2025: 15000.0}
    values = _values(
        {
            "met": {2020: 9000, 2025: 14500},  # 97% of the average
            "basically": {2020: 9000, 2025: 13200},  # 88%
            "missed": {2020: 7000, 2025: 10500},  # 70%
            "baseline_only": {2020: 9000},
        }
    )
    s = villages.village_statuses(values, "v_income", 2025, 2020, 2025, ref, final=True).set_index("village_id")
    assert s["status"].to_dict() == {
        "met": "met", "basically": "basically_met", "missed": "not_met", "baseline_only": "cannot_assess",
    }  # fmt: skip
    view = villages.villages_view(
        pd.DataFrame({"id": ["met", "none"], "name_zh": ["甲", "乙"], "name_en": ["A", "B"], "county_zh": ["丙"] * 2,
                      "county_en": ["C"] * 2, "relocation_type": ["policy"] * 2, "leading_industry": [None] * 2,
                      "leader_contacted": [False] * 2}),
        s.reset_index(), {"unit": "元"}, "zh", final=True,
    )  # fmt: skip
    assert view.set_index("id")["status_text"].to_dict() == {"met": "✔ 已完成", "none": "？ 无法评估"}
    assert list(villages.worst_first(view)["id"]) == ["none", "met"]


def test_village_share_and_index_rules() -> None:
    shares = _values({"on": {2020: 80, 2023: 92}, "slow": {2020: 80, 2023: 84}})
    s = villages.village_statuses(shares, "v_stable_job_share", 2023, 2020, 2025).set_index("village_id")
    assert s.loc["on", "status"] == "on_track" and s.loc["slow", "status"] in ("lagging", "off_track")
    idx = _values({"up": {2022: 60, 2023: 63}, "down": {2022: 60, 2023: 58}})
    s = villages.village_statuses(idx, "d_industry", 2023, 2020, 2025).set_index("village_id")
    assert s.loc["up", "status"] == "on_track" and s.loc["down", "status"] == "off_track"
    assert villages.village_rule("d_governance").rule_kind == "rising"


def test_villages_view_filters_and_table(db: Database) -> None:
    ref = villages.village_reference(queries.reference_values(db), "v_income")
    assert ref and ref[2020] == 13889.0  # the public figure the resettled income is compared with
    statuses = villages.village_statuses(
        queries.village_metric_values(db, "v_income"), "v_income", 2025, 2020, 2025, ref
    )
    metric = villages.metric_row(queries.metrics(db, "village"), "v_income")
    view = villages.villages_view(queries.villages(db), statuses, metric, "zh")
    assert len(view) == 261 and view["status"].isin([str(x) for x in Status]).all()
    assert len(villages.filter_villages(view, leader="yes")) == 20
    assert len(villages.filter_villages(view, leader="no")) == 241
    hsb = villages.filter_villages(view, ["640303"])
    assert len(hsb) == 42 and set(hsb["county_code"]) == {"640303"}
    both = villages.filter_villages(view, ["640303"], "all", ["policy"], ["solar", "tan_sheep"])
    assert set(both["relocation_type"]) <= {"policy"} and set(both["leading_industry"]) <= {"solar", "tan_sheep"}
    assert len(villages.filter_villages(view, [], "all", [], [])) == 261
    ordered = villages.worst_first(view)
    assert ordered["status"].iloc[0] == "off_track" and ordered["status"].iloc[-1] in ("achieved", "on_track")
    table = villages.villages_table(ordered, metric, "zh")
    assert list(table.columns[:4]) == ["id", "移民村", "状态", "人均可支配收入 (元)"]
    assert set(table["来源"]) == {"示例"} and table["占全区农村平均（%）"].max() < 130
    dim = villages.metric_row(queries.metrics(db, "village"), "d_industry")
    en = villages.villages_table(villages.villages_view(queries.villages(db), statuses, dim, "en"), dim, "en")
    assert "% of rural average" not in en.columns and en["Village"].str.startswith("Sample village").all()
    counts = common.legend_counts(view["status"])
    assert sum(counts.values()) == 261 and list(counts) == ["achieved", "on_track", "no_data", "lagging", "off_track"]


def test_village_profile_parts(db: Database) -> None:
    vid = str(queries.villages(db)["id"].iloc[0])
    history = queries.village_history(db, vid)
    dims = villages.village_dimensions(
        history, queries.village_metric_medians(db, 2025), queries.metrics(db, "village"), 2025, "en"
    )
    assert len(dims) == 8 and dims["value"].notna().all() and dims["median"].between(0, 100).all()
    h = villages.village_history(history, "v_income", {2020: 13889.0})
    assert h["year"].tolist() == sorted(h["year"]) and h["reference"].iloc[0] == 13889.0


# ---------------------------------------------------------------- parks and scorecard


def test_parks_frame_keeps_the_unnamed_tenth(db: Database) -> None:
    frame = parks.parks_frame(queries.parks(db), queries.park_metric_values(db), 2025, "zh")
    assert len(frame) == 10 and frame["located"].sum() == 9
    tenth = frame.set_index("id").loc["park_10"]
    assert not tenth["named"] and "位置未知" in tenth["location_text"] and tenth["short"] == "第十个园区（规划未列名）"
    assert (frame["p_fujian_enterprises"] <= frame["p_enterprises"]).all()
    assert (frame["p_jobs_poverty"] <= frame["p_jobs"]).all()
    table = parks.parks_table(frame, queries.metrics(db, "park"), "en")
    assert "Enterprises (firms)" in table.columns and set(table["Source"]) == {"Sample"}
    early = parks.parks_frame(queries.parks(db), queries.park_metric_values(db), 2021, "zh")
    assert (early["p_jobs"] <= frame["p_jobs"]).all()
    assert parks.park_totals(frame)["p_jobs"] == frame["p_jobs"].sum()
    assert len(parks.unlocated_parks(frame)) == 1
    assert common.kpi_text(455.8, "亿元", "en") == "45.6 bn yuan"
    assert common.kpi_text(455.8, "亿元", "zh") == "455.8亿元"


def test_scorecard(db: Database, grid: pd.DataFrame) -> None:
    ind = queries.indicators(db, PLAN)
    regions = queries.regions(db)
    shown = county_map.county_indicators(ind, grid, county_map.counties(regions)["code"])
    score = key_counties.scorecard(regions, grid, shown, "zh", config.PROVINCE_CODE)
    assert score["code"].nunique() == 10 and len(score) == 10 * len(shown)
    assert list(dict.fromkeys(score["level"])) == ["national", "regional", "province"]
    html = key_counties.scorecard_html(score, shown, "zh")
    assert html.count('href="indicator?indicator=') == 10 * len(shown)
    assert html.count('href="county_map?region=') == 9  # the province row is not a county
    assert "国家乡村振兴重点帮扶县 · 5" in html and "自治区乡村振兴重点帮扶县 · 4" in html
    assert all(sym in html for sym in ("✔", "✖"))
    flat = key_counties.scorecard_table(score, shown, "en")
    assert len(flat) == 10 and flat["Assistance level"].iloc[-1] == "Ningxia (for comparison)"
    assert common.status_tally(key_counties.level_statuses(score, "national"), "zh")


# ---------------------------------------------------------------- the screens (AppTest)


def _app(lang: str, page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"screens/{page}.py")
    at.run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PLACE_PAGES)
def test_place_page_runs_and_labels_demo_data(db_path: Path, page: str, lang: str) -> None:
    at = _app(lang, page)
    assert not at.exception, [e.value for e in at.exception]
    title = at.title[0].value
    assert any("\u4e00" <= c <= "\u9fff" for c in title) == (lang == "zh"), title
    texts = " ".join(e.value for e in [*at.caption, *at.warning, *at.markdown] if isinstance(e.value, str))
    assert ("示例" if lang == "zh" else "Sample") in texts


@pytest.mark.parametrize("page", PLACE_PAGES)
def test_place_page_reached_directly(db_path: Path, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "screens" / f"{page}.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_village_filters_narrow_the_table_and_the_profile_follows(db_path: Path) -> None:
    at = _app("zh", "villages")
    assert len(at.dataframe[0].value) == 261
    at.segmented_control(key="_villages.leader").set_value("yes").run()
    table = at.dataframe[0].value
    assert len(table) == 20 and set(table["省级领导包抓"]) == {"是"}
    at.multiselect(key="_villages.counties").set_value(["640303"]).run()
    table = at.dataframe[0].value
    assert 0 < len(table) < 20 and set(table["县（市、区）"]) == {"红寺堡"}
    assert at.selectbox(key="_villages.village").value in set(table["id"])  # the profile shows a listed village
    at.segmented_control(key="_villages.leader").set_value("all").run()
    at.multiselect(key="_villages.industries").set_value(["solar"]).run()
    assert set(at.dataframe[0].value["主导产业"]) == {"光伏"}
    at.selectbox(key="_villages.metric").set_value("d_industry").run()
    assert not at.exception and "% of" not in " ".join(at.dataframe[0].value.columns)
    assert len(at.get("plotly_chart")) == 2  # dimensions and history


def test_village_deep_link_sets_the_county(db_path: Path) -> None:
    at = _app("en", "villages", {"county": "640422"})
    assert at.multiselect(key="_villages.counties").value == ["640422"]
    assert set(at.dataframe[0].value["County"]) == {"Xiji"}


def test_county_map_profile_and_deep_link(db_path: Path) -> None:
    at = _app("zh", "county_map")
    assert not at.tabs and any("点击地图" in i.value for i in at.info)
    at.selectbox(key="_county_map.county").set_value("640422").run()
    assert at.tabs[0].label == "指标对照目标"
    targets = at.dataframe[0].value
    assert targets["详情"].str.contains("region=640422").all()
    at.segmented_control(key="_county_map.mode").set_value("value").run()
    at.selectbox(key="_county_map.year").set_value(2022).run()
    assert not at.exception
    linked = _app("en", "county_map", {"region": "640303"})
    assert linked.selectbox(key="_county_map.county").value == "640303"
    assert "Hongsibu" in " ".join(m.value for m in linked.markdown)


def test_choices_survive_a_page_switch(db_path: Path) -> None:
    at = _app("zh", "parks")
    at.selectbox(key="_parks.kpi").set_value("p_output").run()
    at.switch_page("screens/overview.py").run()
    at.switch_page("screens/parks.py").run()
    assert at.selectbox(key="_parks.kpi").value == "p_output"


def test_key_counties_scorecard_cells_link_to_details(db_path: Path) -> None:
    at = _app("en", "key_counties")
    scorecard = next(h.proto.body for h in at.get("html") if "nxsc" in h.proto.body)
    assert "indicator?indicator=" in scorecard and "lang=en" in scorecard
    assert "National key-assistance county · 5" in scorecard


def test_observation_helper_types() -> None:
    assert Obs(1.0, "demo", "x").value == 1.0  # the engine's input type stays what places builds


# ---------------------------------------------------------------- county map: who lags


def _ranking(at: AppTest) -> list[dict[str, str]]:
    """The ranking's rows as a reader sees them (static HTML, places/ranking.py): name, the text beside the dot, the
    hover text, the place the row's link picks; the line labels above are `_ranking_notes`."""
    markup = next(h.value for h in at.html if "nx-rank" in h.value)
    return ranking_rows(markup)


def _ranking_notes(at: AppTest) -> list[str]:
    markup = next(h.value for h in at.html if "nx-rank" in h.value)
    return [m.strip() for m in re.findall(r'class="nx-rank-note"[^>]*>([^<]*)<', markup)]


def _subtitle(at: AppTest) -> str:
    return at.markdown[0].value


def test_county_map_ranks_the_laggards_first(db: Database, grid: pd.DataFrame, county_rows: pd.DataFrame) -> None:
    """At the top of the ranking (the first screen at 1366×768) stands the county furthest from the target."""
    at = _app("zh", "county_map", {"indicator": "rural_tap_water_rate"})
    assert not at.exception
    row = queries.indicators(db, PLAN).set_index("id").loc["rural_tap_water_rate"].to_dict()
    frame = county_map.place_frame(county_rows, assess.assess_all_regions(
        queries.indicators(db, PLAN), queries.observations(db, PLAN), queries.reference_values(db), 2020, 2025,
    ), row | {"id": "rural_tap_water_rate"}, "zh")  # fmt: skip
    worst = frame.loc[frame["value"].idxmin()]
    rows = _ranking(at)
    assert rows[0]["name"].startswith(worst["short"]) and rows[0]["pick"] == worst["code"]
    assert rows[0]["text"].endswith(t("prov.demo", "zh")) and "%" in rows[0]["text"]  # its value, marked as sample
    assert any("离目标最远的在前" in m.value for m in at.markdown)  # the plan's last year: no one "lags" any more
    assert not at.get("plotly_chart"), "the ranking is static HTML: no plotly on the county map"


def test_county_map_subtitle_names_target_clause_and_reference(db_path: Path) -> None:
    at = _app("zh", "county_map", {"indicator": "rural_tap_water_rate"})
    sub = _subtitle(at)
    assert "≥ 98" in sub and "专栏1-9" in sub and "2025年" in sub and "参照" not in sub
    rel = _app("zh", "county_map", {"indicator": "farmer_income_growth_vs_national", "year": "2023"})
    sub = _subtitle(rel)
    assert "高于参照" in sub and "专栏1-1" in sub
    assert "全国农村居民人均可支配收入增速 2023年 **7.7%**" in sub and "公开" in sub, sub  # public-004, 7.74 %
    notes = _ranking_notes(rel)
    assert "参照值 7.7%" in notes, notes  # the ranking draws the reference its counties are judged against
    en = _app("en", "county_map", {"indicator": "farmer_income_growth_vs_national", "year": "2023"})
    assert "Box 1-1" in _subtitle(en) and "national rural per-capita income growth, 2023" in _subtitle(en)


def test_county_map_view_lives_in_the_address(db_path: Path) -> None:
    at = _app("zh", "county_map", {"indicator": "rural_sewage_treatment_rate", "year": "2023"})
    assert not at.exception and not at.toast
    assert at.selectbox(key="_county_map.indicator").value == "rural_sewage_treatment_rate"
    assert at.selectbox(key="_county_map.year").value == 2023
    assert "专栏1-13" in _subtitle(at)
    at.selectbox(key="_county_map.indicator").set_value("rural_tap_water_rate").run()
    at.selectbox(key="_county_map.year").set_value(2024).run()
    assert at.query_params["indicator"] == "rural_tap_water_rate" and at.query_params["year"] == "2024"
    assert "专栏1-9" in _subtitle(at) and not at.toast
    at.segmented_control(key="_county_map.level").set_value("city").run()
    assert at.query_params["level"] == "city"


def test_county_map_drills_down_and_back(db_path: Path) -> None:
    """Region (5 cities) → a city's counties → a county (its profile, its villages) and back, in the address."""
    at = _app("zh", "county_map", {"level": "city"})
    assert not at.exception
    assert len(_ranking(at)) == 5  # with a value, or saying it has none
    assert any("不由各县数值推算" in c.value for c in at.caption)  # says how city figures are taken
    assert any("各市排名" in m.value for m in at.markdown)
    at = _app("zh", "county_map", {"region": "640422"})  # a county's link: its city in the breadcrumb
    assert at.query_params["region"] == "640422"
    at.button(key="crumb_city").click().run()  # up to the county's city: its counties
    assert not at.exception and at.query_params["city"] == "640400" and "region" not in at.query_params
    assert any("固原市各县排名" in m.value for m in at.markdown)
    assert {r["name"].split()[0] for r in _ranking(at)} == {"原州", "西吉", "隆德", "泾源", "彭阳"}
    assert not at.tabs  # the profile closed
    at.button(key="crumb_region").click().run()  # back to the whole region
    assert "city" not in at.query_params and len(_ranking(at)) == 22


def test_a_county_profile_links_to_its_villages_from_the_breadcrumb(db_path: Path) -> None:
    at = _app("en", "county_map", {"region": "640303"})
    links = [p for p in at.get("page_link") if "Villages of" in p.proto.label]
    assert (
        links
        and "Hongsibu" in links[0].proto.label
        and "county=640303" in links[0].proto.page + str(links[0].proto.query_string)
    )


def test_demonstration_values_are_marked_in_the_ranking(db_path: Path) -> None:
    at = _app("zh", "county_map", {"indicator": "rural_tap_water_rate"})
    from ningxia_dash.i18n import t

    rows = _ranking(at)
    assert all(r["text"].endswith(t("prov.demo", "zh")) for r in rows)
    assert all(t("prov.demo", "zh") in r["title"] for r in rows)


def test_the_mark_follows_source_kind(grid: pd.DataFrame, county_rows: pd.DataFrame, db: Database) -> None:
    """An official value loses the mark, the others keep it (derived at run time, not a fixed caption)."""
    from ningxia_dash.i18n import t
    from ningxia_dash.places import county_map

    row = queries.indicators(db, PLAN).set_index("id").loc["rural_tap_water_rate"].to_dict()
    row["id"] = "rural_tap_water_rate"
    official = grid.copy()
    one = (official["indicator_id"] == "rural_tap_water_rate") & (official["region_code"] == "640422")
    official.loc[one, "latest_source_kind"] = "official"
    frame = county_map.place_frame(county_rows, official, row, "zh")
    marks = dict(zip(frame["code"], frame["mark"], strict=True))
    assert marks.pop("640422") == "" and set(marks.values()) == {t("prov.demo", "zh")}
    html = ranking.ranking_html(county_map.county_ranking(frame, True), "%", "zh")
    texts = {r["pick"]: r["text"] for r in ranking_rows(html)}
    assert t("prov.demo", "zh") not in texts["640422"] and t("prov.demo", "zh") in texts["640423"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_county_map_ranking_is_text_without_plotly(db_path: Path, lang: Lang) -> None:
    """Issue 17: the ranking is static HTML (no plotly on the county map's first screen) and reads as the chart did:
    each place's name (★/☆ for key counties), its status symbol, value with unit and sample-data mark, the hover text
    with the status, the target line's label; a name picks its county (a link to ?region=)."""
    at = _app(lang, "county_map", {"indicator": "rural_tap_water_rate"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.get("plotly_chart")
    rows = _ranking(at)
    assert len(rows) == 22
    assert any(r["name"].endswith("★") for r in rows) and any(r["name"].endswith("☆") for r in rows)
    first = rows[0]
    assert first["text"].startswith("✖ ") and "%" in first["text"] and first["text"].endswith(t("prov.demo", lang))
    # the county map opens at the plan's last year, where a place reads its end-of-period verdict
    assert t("status.not_met", lang) in first["title"] and t("prov.demo", lang) in first["title"], first
    assert any(n.startswith(t("col.target", lang)) for n in _ranking_notes(at))
    html = next(h.value for h in at.html if "nx-rank" in h.value)
    assert f"region={first['pick']}" in html and f"lang={lang}" in html


def test_a_place_without_a_value_reads_its_status_in_the_ranking() -> None:
    """A place with no figure sits at the bottom of the ranking saying what its frame says: 暂无数据 during the plan,
    无法评估 from the plan's last year on (the county map speaks end-of-period verdicts then)."""
    from ningxia_dash.places import ranking
    from tests.html_tables import ranking_rows

    ranked = pd.DataFrame(
        [
            {"code": "640104", "name": "兴庆区", "short": "兴庆", "level": None, "value": 99.0, "value_text": "99%",
             "status": "met", "status_text": "✔ 已完成", "mark": ""},
            {"code": "640105", "name": "西夏区", "short": "西夏", "level": None, "value": None, "value_text": "—",
             "status": "cannot_assess", "status_text": "无法评估", "mark": ""},
        ]
    )  # fmt: skip
    rows = ranking_rows(ranking.ranking_html(ranked, "%", "zh"))
    assert [r["name"] for r in rows] == ["兴庆", "西夏"]
    assert "无法评估" in rows[1]["text"] and "暂无数据" not in rows[1]["text"], rows[1]
    assert rows[1]["title"] == "西夏区: 无法评估"
    during = ranked.assign(status=["on_track", "no_data"], status_text=["正常", "暂无数据"])
    assert "暂无数据" in ranking_rows(ranking.ranking_html(during, "%", "zh"))[1]["text"]
