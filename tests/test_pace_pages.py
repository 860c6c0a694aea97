"""Pace and projection as a reader sees them: the detail page's sentence and the all-targets columns (AppTest)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.test_pages_apptest import _app


def _detail(lang: str, indicator: str, as_of: int | None = None):  # type: ignore[no-untyped-def]
    at = _app(lang, query={"indicator": indicator})
    at.switch_page("screens/indicator.py").run()
    if as_of is not None:
        at.selectbox(key="_as_of_widget").set_value(as_of).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _pace_line(at, title: str) -> str:  # type: ignore[no-untyped-def]
    lines = [m.value for m in at.markdown if m.value.startswith(f"**{title}**")]
    assert len(lines) == 1, [m.value for m in at.markdown]
    return re.sub(r"\\(.)", r"\1", lines[0])  # the text as read: Markdown escapes undone


def _trace_names(at) -> set[str]:  # type: ignore[no-untyped-def]
    return {tr.get("name") for tr in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]}


def test_detail_shows_the_projection_mid_period(db_path: Path) -> None:
    # compulsory_education_retention_rate: 95% (2020) → 97% by 2025; demo values 95.1, 95.3, 95.5 in 2021–2023
    at = _detail("zh", "compulsory_education_retention_rate", 2023)
    line = _pace_line(at, "速度与预测")
    assert "按当前速度，2025年预计达" in line and "（目标97%）" in line and "需每年提高" in line
    assert "此预测依据示例数据" in line  # demonstration data makes a demonstration projection
    assert {"预测（按当前速度）", "所需速度"} <= _trace_names(at)


def test_detail_after_the_target_year_gives_the_pace_that_was_needed(db_path: Path) -> None:
    at = _detail("en", "compulsory_education_retention_rate", 2025)
    line = _pace_line(at, "Pace and projection")
    assert "the target year 2025 has come: no projection" in line
    assert "from the 2020 baseline of 95% needed +0.4 points a year (for the next plan)" in line
    assert not {"Projection (at current pace)", "Required pace"} & _trace_names(at)  # nothing left to project


def test_detail_says_why_a_maintain_target_has_no_pace(db_path: Path) -> None:
    zh = _pace_line(_detail("zh", "low_income_medical_insurance_rate"), "速度与预测")
    assert "保持类目标不适用速度预测" in zh
    en = _pace_line(_detail("en", "low_income_medical_insurance_rate"), "Pace and projection")
    assert "a target to maintain has no pace to project" in en


def test_targets_table_has_the_pace_columns(db_path: Path) -> None:
    at = _app("zh", "targets")
    at.selectbox(key="_as_of_widget").set_value(2023).run()
    table = at.dataframe[0].value
    assert {"年均变化", "按当前速度2025年预计"} <= set(table.columns)
    assert (table["年均变化"].str.endswith("个百分点")).any()
    assert table["按当前速度2025年预计"].str.contains("不及目标").any()
    at = _app("en", "targets")
    at.selectbox(key="_as_of_widget").set_value(2023).run()
    table = at.dataframe[0].value
    assert {"Change a year", "At this pace by 2025"} <= set(table.columns)
    assert table["Change a year"].str.endswith(" pts").any()


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_detail_projection_in_chromium(db_path: Path, artifacts: Path, lang: str) -> None:
    """Mid-period (as of 2023) the chart's legend names the projection and the required pace, and the sentence
    under the chart reads as a projection; screenshots at 1366×768 for a person to look at."""
    with streamlit_server(db_path) as url, browser_page() as (page, outbound):
        page.goto(f"{url}/indicator?indicator=compulsory_education_retention_rate&lang={lang}")  # type: ignore[attr-defined]
        wait_rendered(page)
        label = "评估年份（截至）" if lang == "zh" else "Assess as of"
        page.get_by_role("combobox", name=label).first.click()  # type: ignore[attr-defined]
        page.get_by_role("option", name="2023年" if lang == "zh" else "2023", exact=True).click()  # type: ignore[attr-defined]
        sentence = "按当前速度，2025年预计达95.8%" if lang == "zh" else "at this pace 95.8% by 2025"
        page.get_by_text(sentence).wait_for(timeout=30_000)  # type: ignore[attr-defined]
        names = (
            ["预测（按当前速度）", "所需速度"] if lang == "zh" else ["Projection (at current pace)", "Required pace"]
        )
        page.wait_for_function(  # type: ignore[attr-defined]
            "names => [...document.querySelectorAll('.js-plotly-plot .legend')]"
            ".some(l => names.every(n => l.textContent.includes(n)))",
            arg=names, timeout=30_000,
        )  # fmt: skip
        page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"pace-detail-{lang}.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []


def test_counties_that_miss_at_their_pace_are_named() -> None:
    import pandas as pd

    from ningxia_dash.places import county_map
    from ningxia_dash.tracking import assess

    indicators = pd.DataFrame([{"id": "x", "rule_kind": "min", "unit": "%", "baseline_value": 90.0,
                                "baseline_year": 2020, "target_value": 95.0, "target_year": 2025}])  # fmt: skip
    rows = [
        ("640104", 2020, 90.0),
        ("640104", 2021, 91.0),
        ("640104", 2022, 92.0),  # +1 a year: 95 by 2025
        ("640105", 2020, 90.0),
        ("640105", 2021, 90.2),
        ("640105", 2022, 90.4),
    ]  # +0.2 a year: 91 by 2025
    observations = pd.DataFrame([{"indicator_id": "x", "region_code": c, "year": y, "value": v,
                                  "source_kind": "demo", "source_id": "d", "period_type": "year"} for c, y, v in rows])  # fmt: skip
    regions = pd.DataFrame({"code": ["640000", "640104", "640105"], "level": ["province", "county", "county"],
                            "name_zh": ["宁夏", "兴庆区", "西夏区"], "name_en": ["Ningxia", "Xingqing", "Xixia"]})  # fmt: skip
    paces = assess.pace_regions(indicators, observations, 2020, 2022, [])
    assert (
        county_map.miss_at_pace(paces, regions, "zh")
        == "按当前速度，2025年仍达不到目标的县（1/2）：西夏区（预测依据示例数据）"
    )
    assert county_map.miss_at_pace(paces, regions, "en") == (
        "At their current pace, counties short of the target in 2025 (1 of 2): Xixia (projection from sample data)"
    )
    # once the target year has come there is nothing to project
    assert (
        county_map.miss_at_pace(assess.pace_regions(indicators, observations, 2020, 2025, []), regions, "zh")
        is not None
    )
    late = observations.assign(year=observations["year"] + 3)
    assert county_map.miss_at_pace(assess.pace_regions(indicators, late, 2020, 2025, []), regions, "zh") is None


def test_county_map_names_the_counties_short_at_their_pace(db_path: Path) -> None:
    at = _app("zh", "county_map")
    year = next(s for s in at.selectbox if s.label == "截至年份")
    year.set_value(2023).run()
    indicator = next(s for s in at.selectbox if s.label == "指标")
    indicator.set_value("compulsory_education_retention_rate").run()
    assert not at.exception, [e.value for e in at.exception]
    notes = [c.value for c in at.caption if "按当前速度" in c.value]
    assert len(notes) == 1 and "预测依据示例数据" in notes[0], [c.value for c in at.caption]


def test_english_pace_sentence_names_no_chinese_unit(db_path: Path) -> None:
    # 大病专项救治病种 counts in 个, a unit English leaves unnamed: the sentence read "+0.5 个 a year".
    line = _pace_line(_detail("en", "major_disease_special_treatment_types", 2023), "Pace and projection")
    assert "a year" in line and not any("\u4e00" <= c <= "\u9fff" for c in line), line
