"""The 衔接 table and the series across plans in a real browser (Chromium), with the next-plan test fixture
(tests/fixtures/next_plan/, invented) loaded: what a reader sees — the table's text and the chart's plan labels.
Screenshots at 1366×768 in tests/artifacts/ for a person to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ningxia_dash.store.db import forget_database, get_database
from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.test_continuity_ingest import load_next_plan

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
TEXT = {
    "zh": {
        "heading": "规划衔接：接续指标的新目标",
        "rows": ["需年均提高0.2个百分点，十四五期间实际年均提高1.44个百分点", "▲ 需加快", "✔ 已达到"],
        "plans": ["衔接“十四五”规划 2021–2025", "测试用下一规划 2026–2030"],
        "caption": "测试用下一规划的基期：98%（2025年，上一规划期末实际",
        "next": "测试用下一规划",
        "judged": "评判的是侧栏所选规划（测试用下一规划）的目标",
    },
    "en": {
        "heading": "Into the next plan: continuing targets",
        "rows": ["needs +0.2 points a year; achieved +1.44 points a year in 2020–2025", "▲ Needs a faster pace"],
        "plans": ["14th FYP on poverty gains & rural revitalisation 2021–2025", "Test next plan 2026–2030"],
        "caption": "Baseline of Test next plan: 98% (2025, previous plan's final actual",
        "next": "Test next plan",
        "judged": "the targets judged are those of the plan chosen in the sidebar (Test next plan)",
    },
}


@pytest.fixture(scope="module")
def next_db(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("next-browser") / "next.duckdb"
    shutil.copyfile(db_path, path)
    load_next_plan(get_database(path))
    forget_database(path)
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_continuity_table_and_series_across_plans_in_chromium(next_db: Path, artifacts: Path, lang: str) -> None:
    words = TEXT[lang]
    with streamlit_server(next_db) as url, browser_page() as (page, outbound):
        page.goto(f"{url}/evaluation?lang={lang}")  # type: ignore[attr-defined]
        wait_rendered(page)
        heading = page.get_by_role("heading", name=words["heading"])  # type: ignore[attr-defined]
        heading.scroll_into_view_if_needed()
        table = page.locator(".st-key-continuity_table table")  # type: ignore[attr-defined]
        table.wait_for(timeout=30_000)
        text = table.inner_text()
        for row in words["rows"]:
            assert row in text, text
        table.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 250)")  # type: ignore[attr-defined]  # heading, summary and table in view
        page.screenshot(path=str(artifacts / f"continuity-table-{lang}.png"))  # type: ignore[attr-defined]

        page.goto(f"{url}/indicator?indicator=rural_tap_water_rate&lang={lang}")  # type: ignore[attr-defined]
        wait_rendered(page)
        chart = page.locator(".js-plotly-plot").filter(has_text=words["plans"][1])  # type: ignore[attr-defined]
        chart.first.wait_for(timeout=30_000)
        shown = chart.first.locator(".annotation-text").all_text_contents()
        assert shown == words["plans"], shown
        chart.first.scroll_into_view_if_needed()
        page.get_by_text(words["caption"]).wait_for(timeout=30_000)  # type: ignore[attr-defined]
        page.evaluate("window.scrollBy(0, 120)")  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"continuity-detail-{lang}.png"))  # type: ignore[attr-defined]

        # The sidebar's plan selector switches which targets are judged; the series stays whole.
        box = page.locator('[data-testid="stSidebar"]').get_by_role("combobox")  # type: ignore[attr-defined]
        box.click()
        if not page.get_by_role("option").count():  # type: ignore[attr-defined]
            box.press("ArrowDown")  # a click on the focused box may leave the list closed
        page.get_by_role("option", name=words["next"]).click()  # type: ignore[attr-defined]
        page.get_by_text(words["judged"]).wait_for(timeout=30_000)  # type: ignore[attr-defined]
        chart = page.locator(".js-plotly-plot").filter(has_text=words["plans"][1])  # type: ignore[attr-defined]
        assert chart.first.locator(".annotation-text").all_text_contents() == words["plans"]
        chart.first.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, 120)")  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"continuity-detail-next-plan-{lang}.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []
