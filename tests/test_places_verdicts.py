"""From the plan's last year on, the places (key-county scorecard, county map, their slides) speak the words of the
final evaluation, as the overview does: the same verdict for the same target, not a progress status beside it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash import config
from ningxia_dash.i18n import t
from ningxia_dash.places import common, county_map, key_counties
from ningxia_dash.present import slides
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess, overview
from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.html_tables import ranking_rows
from tests.test_places import _app

ROOT = Path(__file__).resolve().parent.parent
PLAN = "nx-14-rr"
INSURANCE = "low_income_medical_insurance_rate"  # 农村低收入人口医保参保率: 严重滞后 mid-period, 基本完成 at the end


def _inputs(db: Database) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return queries.indicators(db, PLAN), queries.observations(db, PLAN), queries.reference_values(db)


def _spoken(db: Database, year: int) -> pd.DataFrame:
    ind, obs, ref = _inputs(db)
    return overview.speak_verdicts_regions(
        assess.assess_all_regions(ind, obs, ref, 2020, year), assess.evaluate_all_regions(ind, obs, ref, 2020, year)
    )


def test_every_region_gets_the_verdict_the_province_gets(db: Database) -> None:
    """One call over all regions gives, for the province, exactly the overview's verdicts (evaluate_region)."""
    ind, obs, ref = _inputs(db)
    every = assess.evaluate_all_regions(ind, obs, ref, 2020, 2025)
    province = assess.evaluate_region(ind, obs, ref, 2020, 2025, config.PROVINCE_CODE).set_index("indicator_id")
    here = every[every["region_code"] == config.PROVINCE_CODE].set_index("indicator_id")
    assert here["verdict"].to_dict() == province.loc[here.index, "verdict"].to_dict()
    assert every["region_code"].nunique() > 10  # counties and cities too
    spoken = _spoken(db, 2025).set_index(["indicator_id", "region_code"])
    assert spoken.loc[(INSURANCE, config.PROVINCE_CODE), "status"] == "basically_met"
    assert set(spoken["status"]) <= {"met", "basically_met", "not_met", "cannot_assess"}


def test_scorecard_table_and_tally_in_verdicts(db: Database) -> None:
    ind, obs, ref = _inputs(db)
    regions = queries.regions(db)
    raw = assess.assess_all_regions(ind, obs, ref, 2020, 2025)
    view = key_counties.scorecard_view(regions, _spoken(db, 2025), ind, "zh", config.PROVINCE_CODE, True, raw)
    province = view.table.set_index("区划代码").loc[config.PROVINCE_CODE]
    cell = province["农村低收入人口医保参保率"]
    assert "基本完成" in cell and "严重滞后" not in cell
    words = " ".join(view.tallies.values())
    assert not any(w in words for w in ("正常", "滞后", "暂无数据")), words
    assert view.final and "基本完成" in view.html
    assert common.status_tally(["not_met", "met", "met"], "en", final=True) == "✖ Not met 1 · ✔ Met 2"


def _province_cell(at: AppTest, name: str) -> str:
    body = next(h.proto.body for h in at.get("html") if "nxsc" in h.proto.body)
    row = body.split('nxsc-county nxsc-province">')[1].split("</tr>")[0]
    cells = row.split("<td ")[1:]
    heads = body.split("<thead>")[1].split("</thead>")[0].split('<th title="')[1:]
    names = [h.split('"')[0] for h in heads]
    return cells[names.index(name)]


@pytest.mark.parametrize(
    ("lang", "word", "old"), [("zh", "基本完成", "严重滞后"), ("en", "Basically met", "Off track")]
)
def test_key_counties_page_speaks_verdicts_in_the_final_year(db_path: Path, lang: str, word: str, old: str) -> None:
    at = _app(lang, "key_counties")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="_key_counties.year").value == 2025
    name = (
        "农村低收入人口医保参保率"
        if lang == "zh"
        else "Medical insurance enrolment rate of the rural low-income population"
    )
    cell = _province_cell(at, name)
    assert word in cell and old not in cell, cell
    assert "2023" in cell.split('title="')[1].split('"')[0], cell  # the hover says why: the year that slipped
    assert any(("2025年为规划期末" if lang == "zh" else "2025 is the plan's last year") in i.value for i in at.info)
    title = at.title[0].value  # the question at the plan's end: what was not met, not what lags
    assert title == (
        "9个重点帮扶县：哪些目标未完成" if lang == "zh" else "Key-assistance counties: which targets were not met?"
    )
    legend = " ".join(h.proto.body for h in at.get("html") if "nxsc" not in h.proto.body)
    assert word in legend and old not in legend
    tallies = " ".join(m.value for m in at.markdown)
    assert old not in tallies


def test_key_counties_page_before_the_last_year_keeps_progress_statuses(db_path: Path) -> None:
    at = _app("zh", "key_counties")
    at.selectbox(key="_key_counties.year").set_value(2023).run()
    assert not at.exception, [e.value for e in at.exception]
    body = next(h.proto.body for h in at.get("html") if "nxsc" in h.proto.body)
    assert not any(w in body for w in ("基本完成", "未完成", "无法评估"))
    assert any(w in body for w in ("正常", "滞后", "严重滞后"))
    assert not any("规划期末" in i.value for i in at.info)
    assert at.title[0].value == "9个重点帮扶县：哪些指标滞后"


def _ranking(at: AppTest) -> dict[str, list[str]]:
    """The county ranking (static HTML) as a reader hovers it: each row's hover text."""
    markup = next(h.proto.body for h in at.get("html") if "nx-rank" in h.proto.body)
    return {"hovertext": [r["title"] for r in ranking_rows(markup)]}


def test_county_map_ranking_and_tooltip_speak_verdicts_in_the_final_year(db: Database, db_path: Path) -> None:
    at = _app("zh", "county_map", {"indicator": INSURANCE})
    assert not at.exception, [e.value for e in at.exception]
    hover = " ".join(_ranking(at)["hovertext"])
    assert "基本完成" in hover or "未完成" in hover, hover
    assert not any(w in hover for w in ("正常", "滞后", "暂无数据")), hover
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    texts = json.dumps(deck, ensure_ascii=False)
    assert "严重滞后" not in texts and "进展状态" not in texts
    legend = " ".join(h.proto.body for h in at.get("html"))
    assert "终期评估结论" in legend and "严重滞后" not in legend
    headings = " ".join(m.value for m in at.markdown)
    assert "**各县排名（离目标最远的在前）**" in headings and "滞后在前" not in headings, headings
    spoken = _spoken(db, 2025)
    rows = county_map.place_frame(
        county_map.counties(queries.regions(db)), spoken, {"id": INSURANCE, "unit": "%"}, "zh", final=True
    )
    assert set(rows["status"]) <= {"met", "basically_met", "not_met", "cannot_assess"}
    at.selectbox(key="_county_map.year").set_value(2023).run()
    hover = " ".join(_ranking(at)["hovertext"])  # 已完成 is a progress status too (achieved)
    assert "滞后" in hover and not any(w in hover for w in ("基本完成", "未完成", "无法评估")), hover
    assert "**各县排名（滞后在前）**" in " ".join(m.value for m in at.markdown)


# ---------------------------------------------------------------- what a reader reads in Chromium

PROVINCE_CELL_JS = """(name) => {
    const table = document.querySelector('table.nxsc');
    const heads = [...table.querySelectorAll('thead th')].map(th => th.getAttribute('title'));
    const row = table.querySelector('th.nxsc-province').parentElement;
    const td = row.querySelectorAll('td')[heads.indexOf(name) - 1];
    return {text: td.innerText, title: td.querySelector('a').title};
}"""


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_scorecard_slide_reads_the_verdict_in_chromium(db_path: Path, artifacts: Path) -> None:
    """On the scorecard slide at 1366×768 the province's 医保参保率 cell reads 基本完成 as of 2025 (as the overview),
    and 严重滞后 as of 2023 (before the plan's last year: progress statuses): the slide's cells show the word's
    symbol and the value (the words in a key above the table), the cell's hover the word itself."""
    n = slides.DEFAULT_DECK.index("scorecard") + 1
    name = "农村低收入人口医保参保率"
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, outbound):
        for year, word, old, symbol in (("2025", "基本完成", "严重滞后", "◎"), ("2023", "严重滞后", "基本完成", "✖")):
            page.goto(f"{url}/present?present=1&slide={n}&year={year}")  # type: ignore[attr-defined]
            wait_rendered(page)
            page.wait_for_selector("table.nxsc", timeout=30_000)  # type: ignore[attr-defined]
            page.screenshot(path=str(artifacts / f"slide-scorecard-{year}-zh.png"))  # type: ignore[attr-defined]
            cell = page.evaluate(PROVINCE_CELL_JS, name)  # type: ignore[attr-defined]
            assert cell["text"].startswith(symbol), (year, cell)
            assert word in cell["title"] and old not in cell["title"], (year, cell)
            assert page.get_by_text(word).count() >= 1, year  # type: ignore[attr-defined]  # the key spells it
            said = page.get_by_text("2025年为规划期末").count()  # type: ignore[attr-defined]
            assert said == (1 if year == "2025" else 0), (year, said)
        assert outbound.urls == []


@pytest.mark.parametrize(("year", "word", "old"), [(2025, "基本完成", "严重滞后"), (2023, "严重滞后", "基本完成")])
def test_indicator_page_reads_the_verdict_the_overview_links_from(
    db_path: Path, year: int, word: str, old: str
) -> None:
    """The overview's 基本完成 links to the indicator page, whose badge said 严重滞后 for the same target in 2025."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "zh"
    at.query_params["indicator"] = INSURANCE
    at.query_params["year"] = str(year)
    at.run()
    at.switch_page("screens/indicator.py").run()
    assert not at.exception, [e.value for e in at.exception]
    head = at.markdown[0].value + at.markdown[1].value
    assert word in head and old not in head, head


@pytest.mark.parametrize(
    ("lang", "title", "words", "old"),
    [("zh", "终期评估结论", ["已完成", "基本完成", "未完成"], ["正常", "滞后"]),
     ("en", "Final verdict", ["Met", "Basically met", "Not met"], ["On track", "Lagging", "Off track"])],
)  # fmt: skip
def test_villages_page_speaks_verdicts_in_the_final_year(
    db_path: Path, lang: str, title: str, words: list[str], old: list[str]
) -> None:
    """The villages' map legend and table read the verdicts the overview reads in 2025 — and progress statuses in
    an earlier year."""
    at = _app(lang, "villages")
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="_villages.year").value == 2025
    legend = next(h.proto.body for h in at.get("html") if title in h.proto.body)
    assert all(w in legend for w in words) and not any(w in legend for w in old), legend
    column = " ".join(at.dataframe[0].value.iloc[:, 1:].astype(str).agg(" ".join, axis=1))
    assert any(w in column for w in words) and not any(w in column for w in old)
    assert any(("规划期末" if lang == "zh" else "plan's last year") in c.value for c in at.caption)
    at.selectbox(key="_villages.year").set_value(2023).run()
    legend = " ".join(h.proto.body for h in at.get("html"))
    assert title not in legend and any(w in legend for w in old), legend


def test_villages_slide_speaks_verdicts_in_the_final_year(db_path: Path) -> None:
    n = slides.DEFAULT_DECK.index("villages") + 1
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for k, v in {"present": "1", "slide": str(n), "lang": "zh"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("screens/present.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("present.villages", "zh"), at.title
    legend = next(h.proto.body for h in at.get("html") if "终期评估结论" in h.proto.body)
    assert "基本完成" in legend and "滞后" not in legend
