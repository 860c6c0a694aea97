"""Static bar charts for slides (ningxia_dash/html_bars.py): what they show, and user text escaped."""

from __future__ import annotations

import re

import pandas as pd

from ningxia_dash import html_bars
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import charts


def test_stacked_columns_are_proportional_and_count_every_target() -> None:
    out = html_bars.stacked_columns_html(
        ["第一章", "<b>x</b>"], [("约束性", "#b00", [3, 0]), ("其他", "#888", [1, 2])], "目标数", height_px=200
    )
    assert "<b>x</b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    heights = [float(h) for h in re.findall(r"height:([0-9.]+)%;background", out)]
    assert heights == [75.0, 25.0, 50.0]  # 3 and 1 of the tallest column's 4, then 2; a zero draws nothing
    assert re.findall(r'aria-label="([^"]+)"', out) == ["第一章: 4", "&lt;b&gt;x&lt;/b&gt;: 2"]


def test_chapter_columns_from_indicators() -> None:
    indicators = pd.DataFrame({"chapter_no": [2, 2, 3, 5], "attribute": ["binding", "expected", "binding", "x"]})
    out = html_bars.targets_per_chapter_html(indicators, "zh")
    assert re.findall(r'aria-label="([^"]+)"', out) == ["第二章: 2", "第三章: 1", "第五章: 1"]
    assert "约束性" in out


def test_chapter_columns_by_status() -> None:
    rows = pd.DataFrame({"chapter_no": [2, 2, 2, 3], "status": ["met", "not_met", "met", "elsewhere"]})
    keys = [("met", "已完成", "#0a0"), ("not_met", "未完成", "#d50")]
    out = html_bars.statuses_per_chapter_html(rows, keys, "zh", height_px=200, max_vh=20)
    assert re.findall(r'aria-label="([^"]+)"', out) == ["第二章: 3", "第三章: 0"]  # a status not listed is not counted
    assert [float(h) for h in re.findall(r"height:([0-9.]+)%;background", out)] == [66.67, 33.33]
    assert "已完成" in out and "未完成" in out and "height:min(200px, 20vh)" in out


def test_park_bars_largest_first_with_the_part_and_a_park_without_value() -> None:
    frame = pd.DataFrame(
        {"short": ["A园", "B<园>", "C园"], "p_jobs": [100.0, 300.0, None], "p_jobs_poverty": [40.0, 60.0, None]}
    )
    labels = {"p_jobs": "就业", "p_jobs_poverty": "其中脱贫人口"}
    out = html_bars.park_bars_html(frame, "p_jobs", labels, "人", "p_jobs_poverty", "zh")
    names = re.findall(r'class="nx-hbars-name">([^<]*)<', out)
    assert names == ["B&lt;园&gt;", "A园", "C园"]
    assert re.findall(r'class="nx-hbars-total">([^<]*)<', out) == ["300人", "100人", "—"]
    widths = [float(w) for w in re.findall(r"width:([0-9.]+)%", out)]
    assert widths == [14.0, 56.0, 9.33, 14.0, 0.0, 0.0]  # part then rest; the longest bar takes 70 %
    assert "其中脱贫人口" in out


def test_the_glance_chart_keeps_short_bars_numbers_upright(db: Database) -> None:
    """第九章 sets 2 targets: its number stood turned on its side and clipped in a bar too short for it."""
    fig = charts.targets_per_chapter(queries.indicators(db, "nx-14-rr"), "zh")
    assert {(tr.textangle, tr.constraintext) for tr in fig.data} == {(0, "none")}
