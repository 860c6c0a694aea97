"""The tracking screens as a leader uses them: the year selector, alerts, filters, deep links (AppTest)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.i18n import Lang, t
from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.html_tables import page_stats, page_tables
from tests.test_pages_apptest import _app


def _status_cards(at: AppTest) -> list[str]:
    """The five status cards (one st.html block on the overview): their count and binding line each."""
    import re

    html = "".join(h.proto.body for h in at.get("html"))
    return re.findall(r"<div class='nx-count'>(\d+)</div><div[^>]*>([^<]*其中约束性[^<]*)</div>", html)


def test_overview_as_of_year_reassesses_everything(db_path: Path) -> None:
    at = _app("zh")
    at.segmented_control(key="_as_of_widget").set_value(2024).run()
    counts_2024 = _status_cards(at)
    assert len(counts_2024) == 5
    at.segmented_control(key="_as_of_widget").set_value(2022).run()
    assert not at.exception
    counts_2022 = _status_cards(at)
    assert len(counts_2022) == 5 and counts_2022 != counts_2024
    # the choice is shared: the targets page opens on the same year
    at.switch_page("screens/targets.py").run()
    assert at.selectbox(key="_as_of_widget").value == 2022
    assert set(at.dataframe[0].value["年份"].dropna()) <= {2020, 2021, 2022}


def test_overview_flags_binding_targets_not_on_track(db_path: Path) -> None:
    at = _app("zh")
    at.segmented_control(key="_as_of_widget").set_value(2024).run()  # mid-period: progress statuses
    assert any(h.value == "未达进度的约束性指标" for h in at.subheader)
    alerts = [m.value for m in at.markdown if "-badge[" in m.value and "**" in m.value]
    assert alerts, "the demo data has a binding target off track: it must be listed"
    assert all(("滞后" in a) or ("暂无数据" in a) for a in alerts)
    at.segmented_control(key="_as_of_widget").set_value(2025).run()  # the plan's end: verdicts
    alerts = [m.value for m in at.markdown if "-badge[" in m.value and "**" in m.value]
    assert alerts and all(("未完成" in a) or ("基本完成" in a) or ("无法评估" in a) for a in alerts)


def test_overview_headline_table_has_13_rows_with_provenance(db_path: Path) -> None:
    at = _app("en")
    assert not at.dataframe, "the headline table is static HTML, not the data grid"
    (table,) = page_tables(at)
    assert len(table) == 13
    assert set(table["Source"]) <= {"Official", "Public", "Sample"}
    # each name links to its own detail page; each row's hover text is its status explanation
    links = table.attrs["links"]
    assert all(link.startswith("indicator?indicator=") and "&lang=en&year=" in link for link in links), links
    assert len(set(links)) == 13
    assert all(title for title in table.attrs["titles"])


def test_targets_status_filter_and_bullets(db_path: Path) -> None:
    at = _app("zh", "targets")
    # as of the plan's last year the list speaks in verdicts and filters by them
    at.multiselect(key="targets_verdicts").set_value(["not_met"]).run()
    table = at.dataframe[0].value
    assert len(table) > 0 and {s.removesuffix("（示例）") for s in table["状态"]} == {"✖ 未完成"}
    notes = " ".join(c.value for c in at.caption)  # the rule under the table is the rule of the words in it
    assert "终期评估规则" in notes and "严重滞后" not in notes, notes
    at.selectbox(key="_as_of_widget").set_value(2024).run()  # mid-period: progress statuses
    at.multiselect(key="targets_statuses").set_value(["off_track"]).run()
    table = at.dataframe[0].value
    assert len(table) > 0 and {s.removesuffix("（示例）") for s in table["状态"]} == {"✖ 严重滞后"}
    notes = " ".join(c.value for c in at.caption)
    assert "严重滞后" in notes and "终期评估规则" not in notes, notes
    at.segmented_control(key="targets_view").set_value("bullets").run()
    assert not at.exception and not at.dataframe


@pytest.mark.parametrize(
    "indicator",
    ["rural_tap_water_rate", "farmer_income_growth_vs_national", "relocated_income_vs_regional_rural",
     "rural_dilapidated_housing_zeroing", "rural_sanitary_toilet_rate", "low_income_medical_insurance_rate",
     "primary_class_size_standard", "consumption_assistance_sales_annual", "new_tcm_hospitals",
     "rural_income_growth_vs_urban"],
)  # fmt: skip
def test_indicator_detail_deep_link(db_path: Path, indicator: str) -> None:
    at = _app("zh", query={"indicator": indicator})
    at.switch_page("screens/indicator.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="detail_indicator").value == indicator
    assert at.query_params["indicator"] == [indicator] or at.query_params["indicator"] == indicator
    assert any(s.value == "规划原文" for s in at.subheader)
    assert any(("公开" in m.value) or ("示例" in m.value) or ("官方" in m.value) for m in at.markdown)


def test_indicator_detail_county_view_in_english(db_path: Path) -> None:
    at = _app("en", query={"indicator": "rural_tap_water_rate", "region": "640303"})
    at.switch_page("screens/indicator.py").run()
    assert not at.exception
    assert at.selectbox(key="detail_region_rural_tap_water_rate").value == "640303"
    assert "Hongsibu" in " ".join(m.value for m in at.markdown)


def test_plan_text_links_targets_to_their_details(db_path: Path) -> None:
    at = _app("zh", "plan_text", query={"section": "ch8-s6"})
    text = " ".join(m.value for m in at.markdown)
    assert "indicator?indicator=village_yinong_information_stations" in text
    assert any("链接所指段落" in m.value for m in at.markdown)


def test_overview_period_elapsed_follows_the_as_of_year(db_path: Path) -> None:
    # Assessed as of 2023, the overview said 规划期已过 100 % (it counted to today).
    at = _app("zh")
    at.segmented_control(key="_as_of_widget").set_value(2023).run()
    shown = page_stats(at)  # the three headline figures (static HTML)
    assert shown.get("截至2023年底规划期已过") == ("60%", None)
    at.segmented_control(key="_as_of_widget").set_value(2025).run()
    assert page_stats(at).get("截至2025年底规划期已过") == ("100%", "规划期已结束，进入终期评估")


def test_a_click_on_any_cell_picks_its_row() -> None:
    from types import SimpleNamespace

    from ningxia_dash.ui import chrome

    def event(rows: list[int], cells: list[tuple[int, str]]) -> SimpleNamespace:
        return SimpleNamespace(selection=SimpleNamespace(rows=rows, cells=cells))

    assert chrome.picked_row(event([], [(4, "指标")])) == 4
    assert chrome.picked_row(event([2], [])) == 2
    assert chrome.picked_row(event([], [])) is None
    assert set(chrome.TABLE_PICK) == {"single-row", "single-cell"}


def test_overview_speaks_in_verdicts_at_the_plans_end(db_path: Path) -> None:
    # At 100 % of the period the overview still counted 正常 / 滞后: as of 2025 it counts final verdicts.
    import re

    at = _app("zh")
    at.segmented_control(key="_as_of_widget").set_value(2025).run()
    html = "".join(h.proto.body for h in at.get("html"))
    words = re.findall(r"[✔◎✖？●▲] (\S+)</div><div class='nx-count'>", html)
    assert words == ["已完成", "基本完成", "未完成", "无法评估"]
    assert any(h.value == "未全部完成的约束性指标" for h in at.subheader)
    assert at.title[0].value == "规划执行总览：各项目标完成得如何"  # how it ended, not how it is going
    (table,) = page_tables(at)
    assert not {s.removesuffix("（示例）") for s in table["状态"]} & {"● 正常", "▲ 滞后", "✖ 严重滞后"}
    assert "◎ 基本完成" in {
        s.removesuffix("（示例）") for s in table["状态"]
    }  # 农村低收入人口医保参保率: 100% in 2025, one dip in 2023
    at.segmented_control(key="_as_of_widget").set_value(2023).run()
    html = "".join(h.proto.body for h in at.get("html"))
    assert "正常</div>" in html and "基本完成" not in html  # mid-period: progress statuses again
    assert at.title[0].value == "规划执行总览：各项目标进展如何"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_detail_data_table_is_static_html_with_every_column_and_the_download(db_path: Path, lang: Lang) -> None:
    """Issue 17: the detail page's data table is read, not sorted: static HTML (no data grid on the page), with every
    column of the download, one row per value, web addresses as links."""
    at = _app(lang, "indicator", {"indicator": "rural_sewage_treatment_rate"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.dataframe, "no data grid on the detail page"
    table = page_tables(at)[-1]
    keys = ("col.region", "col.year", "col.value", "col.source", "col.title", "col.address", "col.note")
    assert list(table.columns) == [t(k, lang) for k in keys]
    shown = next(c.value for c in at.caption if c.value.endswith(t("detail.rows", lang)))
    assert len(table) == int(shown.split()[0].replace(",", "")) > 20, shown
    html = "".join(h.value for h in at.html)
    assert 'href="https://' in html and "javascript:" not in html
    labels = {b.proto.label for b in at.get("download_button")}
    assert {t("download.csv", lang), t("download.xlsx", lang)} <= labels


@pytest.mark.parametrize(
    ("indicator", "lang", "heading", "named", "not_named"),
    [
        ("rural_tap_water_rate", "zh", "实际值与直线进度", ["虚线", "星号"], ["参照值"]),
        ("farmer_income_growth_vs_national", "zh", "实际值与参照值", ["参照值"], ["虚线", "星号"]),
        ("farmer_income_growth_vs_national", "en", "Actual values against the reference", ["reference"], ["dashed", "star"]),
    ],
)  # fmt: skip
def test_indicator_chart_heading_and_caption_name_what_is_drawn(
    db_path: Path, indicator: str, lang: Lang, heading: str, named: list[str], not_named: list[str]
) -> None:
    """A relative target (above the national growth) has a reference line, no straight-line path and no star: the
    heading and caption say so, instead of describing a dashed line and a star that are not there."""
    at = _app(lang, query={"indicator": indicator})
    at.switch_page("screens/indicator.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert heading in [s.value for s in at.subheader]
    chart = next(c for c in at.caption if c.value.startswith(t("detail.cap.dots", lang)))
    assert all(w in chart.value for w in named) and not any(w in chart.value for w in not_named), chart.value


def test_the_county_breakdown_draws_dots_on_its_zoomed_axis(db_path: Path) -> None:
    """The county chart's axis is zoomed to the data (5.8–8% for income growth): bars would start at the cut and
    draw 1 point as twice the length, so the values are dots."""
    at = _app("zh", query={"indicator": "farmer_income_growth_vs_national"})
    at.switch_page("screens/indicator.py").run()
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    county = next(f for f in figures if len(f["data"][0].get("y", [])) > 10)
    assert county["data"][0]["type"] == "scatter" and "markers" in county["data"][0]["mode"]
    assert county["layout"]["xaxis"]["range"][0] > 0  # zoomed: exactly why no bars


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_the_detail_figures_are_whole_at_1366(db_path: Path) -> None:
    """The four figures above the chart read whole (st.metric cut the target to "above refer…" in English)."""
    cut = """() => [...document.querySelectorAll('.nx-stat-value')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)"""
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, _):
        for lang in ("en", "zh"):
            page.goto(f"{url}/indicator?indicator=farmer_income_growth_vs_national&lang={lang}")  # type: ignore[attr-defined]
            wait_rendered(page)
            page.wait_for_selector(".nx-stat-value", timeout=30_000)  # type: ignore[attr-defined]
            values = page.locator(".nx-stat-value").all_inner_texts()  # type: ignore[attr-defined]
            assert ("above reference (2025)" if lang == "en" else "高于参照 (2025)") in values, values
            assert page.evaluate(cut) == [], lang  # type: ignore[attr-defined]
