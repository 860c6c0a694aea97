"""The overview (a leader's first screen) draws with element kinds whose script the app has already loaded
(issue 17): no st.metric and no select box, each of which made the browser fetch and parse chunks of its own
for a single use. What a reader sees stays: the three headline figures with their help, the as-of years."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.html_tables import page_stats
from tests.test_pages_apptest import _app


@pytest.mark.parametrize(
    ("lang", "labels", "ended"),
    [
        ("zh", ["规划期", "截至2025年底规划期已过", "最新数据年份"], "规划期已结束，进入终期评估"),
        ("en", ["Plan period", "Period elapsed by end 2025", "Latest data year"], "The plan period is over: final evaluation"),
    ],
)  # fmt: skip
def test_the_overview_first_screen_uses_no_metric_and_no_select_box(
    db_path: Path, lang: str, labels: list[str], ended: str
) -> None:
    at = _app(lang)
    assert not at.main.metric, "three figures are one static HTML row"
    assert not at.main.selectbox, "the as-of years are a row of buttons"
    stats = page_stats(at)
    assert list(stats) == labels
    assert stats[labels[0]] == ("2021–2025", None)
    assert stats[labels[1]] == ("100%", ended)  # the help, shown on hover of its ? mark
    assert stats[labels[2]] == ("2025", None)
    years = at.segmented_control(key="_as_of_widget")
    assert years.options == ["2021", "2022", "2023", "2024", "2025"] and years.value == 2025


def test_the_figures_escape_their_text() -> None:
    from ningxia_dash.html_table import stat_row_html

    markup = stat_row_html([("<b>规划期</b>", "<i>1</i>", '"引号"<script>')])
    assert "<b>" not in markup and "<i>" not in markup and "<script>" not in markup
    assert "&lt;b&gt;规划期&lt;/b&gt;" in markup and 'title="&quot;引号&quot;&lt;script&gt;"' in markup


TABLE_JS = """() => {
    const wrap = document.querySelector('.nx-tbl-wrap');
    const names = [...wrap.querySelectorAll('td.nx-tname')].map(td => td.getBoundingClientRect().width);
    const heads = [...wrap.querySelectorAll('th')].map(th => th.innerText);
    const status = heads.findIndex(h => h === '状态' || h === 'Status');
    const lines = [...wrap.querySelectorAll('tbody tr')].map(tr => {
        const td = tr.querySelectorAll('td')[status];
        const text = document.createRange();
        text.selectNodeContents(td);  // the words' own height: the cell itself stretches to its row
        return Math.round(text.getBoundingClientRect().height / parseFloat(getComputedStyle(td).lineHeight));
    });
    return {overflow: wrap.scrollWidth - wrap.clientWidth, narrowest: Math.min(...names), statusLines: lines};
}"""


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_the_headline_table_fits_1366_and_names_have_room(db_path: Path) -> None:
    """English at 1366×768: every column in view (no sideways scroll) and the indicator names at least 12rem wide —
    not squeezed to two words a line by one-line status cells; Chinese: a status word never broken (基本完 / 成)."""
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, _):
        for lang in ("en", "zh"):
            page.goto(f"{url}/?lang={lang}")  # type: ignore[attr-defined]
            wait_rendered(page)
            page.wait_for_selector(".nx-tbl td.nx-tname", timeout=30_000)  # type: ignore[attr-defined]
            seen = page.evaluate(TABLE_JS)  # type: ignore[attr-defined]
            assert seen["overflow"] <= 1, (lang, seen)
            assert seen["narrowest"] >= 180, (lang, seen)
            if lang == "zh":
                assert max(seen["statusLines"]) == 1, seen
