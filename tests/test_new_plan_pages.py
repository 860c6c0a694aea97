"""The next plan arrives as data: with a second, still sparse plan chosen in the sidebar (one target, one
province value, no county figures), every screen runs and says what is missing instead of failing. With the
test fixture of a next plan whose targets continue indicators of the 十四五 plan (tests/fixtures/next_plan/,
invented), every screen runs with either plan chosen, the evaluation page shows the 衔接 table and a continuing
indicator's detail page one series across both plans."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ningxia_dash.ingest import import_file
from ningxia_dash.ingest.validate import Scope
from ningxia_dash.store.db import forget_database, get_database
from ningxia_dash.ui import nav, state
from tests.app_db import app_database
from tests.html_tables import page_stats
from tests.test_continuity_ingest import load_next_plan
from tests.test_ingest import OBS_HEADER, csv_bytes

ROOT = Path(__file__).resolve().parent.parent
ADMIN = Scope("tester", "admin")
PLAN = ["规划代码", "规划名称", "简称", "起始年", "截止年", "基期年", "接续规划", "印发日期"]
TARGET = ["指标代码", "规划代码", "指标名称", "条款", "章", "单位", "基期值", "目标值", "目标年", "目标类型", "属性"]
TARGET += ["规划原文"]
PAGES = [key for _, entries in nav.REGISTRY for _, key in entries]


@pytest.fixture(scope="module")
def two_plans(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("plans") / "two-plans.duckdb"
    shutil.copyfile(db_path, path)
    db = get_database(path)
    new = ["nx-15-rr", "示例：宁夏衔接“十五五”规划", "衔接“十五五”规划", 2026, 2030, 2025, "nx-14-rr", "2026-03-01"]
    import_file(csv_bytes([PLAN, new]), "plan.csv", "plans", ADMIN, db)
    target = ["tap_water_15", "nx-15-rr", "农村自来水普及率", "专栏1-9", 8, "%", 98, 99, 2030, "≥ 达到", "约束性"]
    import_file(csv_bytes([TARGET, [*target, "农村自来水普及率达到99%"]]), "t.csv", "targets", ADMIN, db)
    obs = csv_bytes([OBS_HEADER, ["tap_water_15", "640000", 2026, "", 98.4, ""]])
    import_file(obs, "o.csv", "observations", ADMIN, db)
    with app_database(path):
        yield path


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_sparse_new_plan(two_plans: Path, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.session_state[state.PLAN] = "nx-15-rr"
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.PLAN] == "nx-15-rr"
    if page in ("county_map", "key_counties"):
        assert any("还没有县级数据" in i.value for i in at.info)


def test_the_sidebar_names_the_chosen_plan(two_plans: Path) -> None:
    # The sidebar's subtitle named the 十四五 plan whatever plan was chosen.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.session_state[state.PLAN] = "nx-15-rr"
    at.run()
    captions = [c.value for c in at.sidebar.caption]
    assert any("十五五" in c for c in captions) and not any("十四五" in c for c in captions), captions
    at.session_state[state.PLAN] = "nx-14-rr"
    at.run()
    captions = [c.value for c in at.sidebar.caption]
    assert any("十四五" in c and "宁政办发" in c for c in captions), captions


@pytest.fixture(scope="module")
def next_plan(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo database with the next-plan fixture imported as an admin would."""
    path = tmp_path_factory.mktemp("next") / "next-plan.duckdb"
    shutil.copyfile(db_path, path)
    load_next_plan(get_database(path))
    forget_database(path)
    # The sparse plan's copy has as many import batches, so the same data version: drop what its pages cached.
    st.cache_data.clear()
    st.cache_resource.clear()
    with app_database(path):
        yield path


def _run(plan: str, lang: str, page: str, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.session_state[state.PLAN] = plan
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.PLAN] == plan
    return at


@pytest.mark.parametrize("plan", ["fx-next-rr", "nx-14-rr"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_continuing_next_plan(next_plan: Path, page: str, plan: str) -> None:
    at = _run(plan, "zh", page)
    # An imported plan has no document number: no page may print the missing value as "nan".
    shown = [e.value for kind in ("title", "caption", "markdown", "subheader", "info") for e in getattr(at, kind)]
    shown += [c.value for c in at.sidebar.caption]
    assert not [v for v in shown if re.search(r"\bnan\b", str(v))], shown
    # … nor an empty place where it would stand ("### · 规划期 …" on the glance page)
    assert not [v for v in shown if re.search(r"(^|#\s*)·|·\s*·|·\s*$", str(v))], shown


def _continuity_table(at: AppTest, lang: str) -> str:
    heading = "规划衔接：接续指标的新目标" if lang == "zh" else "Into the next plan: continuing targets"
    assert heading in [h.value for h in at.subheader], [h.value for h in at.subheader]
    tables = [d.value for d in at.table if "Judgement" in d.value.columns or "判断" in d.value.columns]
    assert len(tables) == 1
    return "\n".join(" | ".join(str(c) for c in row) for row in tables[0].itertuples(index=True))


@pytest.mark.parametrize("plan", ["nx-14-rr", "fx-next-rr"])
def test_evaluation_shows_the_continuity_table_in_chinese(next_plan: Path, plan: str) -> None:
    at = _run(plan, "zh", "evaluation")
    text = _continuity_table(at, "zh")
    assert "农村自来水普及率 | ● 按已有速度可达 | 需年均提高0.2个百分点，十四五期间实际年均提高1.44个百分点" in text, (
        text
    )
    assert "九年义务教育巩固率 | ▲ 需加快 | 需年均提高0.44个百分点，十四五期间实际年均提高0.16个百分点" in text
    assert "农村生活污水治理率 | ✔ 已达到 | 新规划基期已达到新目标" in text
    assert "98%（2025年，上一规划期末实际，" in text  # the new baseline and where it comes from
    assert "✔ 已完成" in text and "✖ 未完成" in text  # the previous target's verdict
    summary = (
        "4项接续指标：新规划基期已达到新目标1项，所需速度快于上一规划期实际速度2项，按已有速度可达1项，无法比较0项。"
    )
    assert summary in [m.value for m in at.markdown]
    labels = [e.label for e in at.expander]
    assert "上一规划有、新规划未接续的指标（89项）" in labels and "新规划新增、无上一规划对应的指标（1项）" in labels


def test_evaluation_shows_the_continuity_table_in_english(next_plan: Path) -> None:
    at = _run("nx-14-rr", "en", "evaluation")
    text = _continuity_table(at, "en")
    assert "needs +0.2 points a year; achieved +1.44 points a year in 2020–2025" in text, text
    assert "needs +0.6 a year; achieved +0.54 a year in 2020–2025" in text  # 个: no Chinese unit in English
    assert not any("\u4e00" <= c <= "\u9fff" for c in text), text


@pytest.mark.parametrize(("plan", "lang"), [("fx-next-rr", "zh"), ("nx-14-rr", "en")])
def test_detail_of_a_continuing_indicator_shows_one_series_across_plans(next_plan: Path, plan: str, lang: str) -> None:
    indicator = "fx_tap_water" if plan == "fx-next-rr" else "rural_tap_water_rate"
    at = _run(plan, lang, "indicator", {"indicator": indicator})
    heading = "跨规划序列" if lang == "zh" else "One series across plans"
    assert heading in [h.value for h in at.subheader]
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    across = [c for c in charts if any("测试用下一规划" in str(tr.get("name")) or "Test next plan" in str(tr.get("name"))
                                       for tr in c["data"])]  # fmt: skip
    assert len(across) == 1
    names = {html.unescape(str(tr.get("name"))) for tr in across[0]["data"]}  # as plotly shows them
    old, new = (
        ("衔接“十四五”规划", "测试用下一规划")
        if lang == "zh"
        else ("14th FYP on poverty gains & rural revitalisation", "Test next plan")
    )
    if lang == "zh":
        assert {f"{old}目标", f"{new}目标", f"{old}实际值", f"{new}实际值", f"{new}基期"} <= names, names
    else:
        assert {f"{old} target", f"{new} target", f"{new} baseline"} <= names, names
    spans = [html.unescape(a["text"]) for a in across[0]["layout"]["annotations"]]
    assert spans == [f"<b>{old}</b> 2021–2025", f"<b>{new}</b> 2026–2030"], spans  # both plans, whole
    stars = {tr["name"]: tr["x"] for tr in across[0]["data"] if tr.get("marker", {}).get("symbol") == "star"}
    assert sorted(x for xs in stars.values() for x in xs) == [2025, 2030], stars
    captions = [re.sub(r"\\(.)", r"\1", c.value) for c in at.caption]  # as read: Markdown escapes undone
    if lang == "zh":
        assert any("测试用下一规划的基期：98%（2025年，上一规划期末实际，" in c for c in captions), captions
    else:
        assert any("Baseline of Test next plan: 98% (2025, previous plan's final actual" in c for c in captions)


def test_detail_of_an_indicator_without_a_link_has_no_cross_plan_chart(next_plan: Path) -> None:
    at = _run("fx-next-rr", "zh", "indicator", {"indicator": "fx_digital_villages"})
    assert "跨规划序列" not in [h.value for h in at.subheader]


def test_the_new_plan_judges_from_the_previous_final_actual(next_plan: Path) -> None:
    # fx_tap_water prints no baseline: the new plan's targets are judged from 十四五's final actual (98% in 2025),
    # as the metric above the chart says (before, it read "—" and the path from baseline to target was missing).
    at = _run("fx-next-rr", "zh", "indicator", {"indicator": "fx_tap_water"})
    value, help_text = page_stats(at)["基期值"]
    assert value == "98%", value
    assert help_text is not None and "2025 · 上一规划期末实际" in help_text, help_text  # and its source
    names = {tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}
    assert "按进度应达" in names, names  # the straight line from the baseline to the target


def test_the_brief_of_a_plan_without_an_issuer_says_so(two_plans: Path) -> None:
    """发文机关 is optional on a plan's upload: the brief's title page then reads “—”, not “None”."""
    from datetime import datetime

    from ningxia_dash.brief import brief_content

    for lang in ("zh", "en"):
        facts = dict(
            brief_content(
                get_database(two_plans, read_only=True), lang=lang, plan_id="nx-15-rr", now=datetime(2026, 6, 1)
            ).facts
        )
        issuer = facts["印发单位" if lang == "zh" else "Issued by"]
        assert issuer == "—", issuer
