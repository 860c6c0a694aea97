"""The overview (a leader's first screen) draws with element kinds whose script the app has already loaded
(issue 17): no st.metric and no select box, each of which made the browser fetch and parse chunks of its own
for a single use. What a reader sees stays: the three headline figures with their help, the as-of years."""

from __future__ import annotations

from pathlib import Path

import pytest

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
