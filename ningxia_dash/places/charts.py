"""plotly builders for the place screens: village dimensions and history, park comparison (DataFrame → go.Figure;
imports plotly, pandas, i18n, style and places; never streamlit). The county ranking is static HTML: places/ranking.py."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ningxia_dash.i18n import Lang, format_number, t, unit_label
from ningxia_dash.safe_text import plotly_text
from ningxia_dash.style import FONT

INK = "#222222"
MUTED = "#8a8a8a"
VILLAGE_COLOUR = "#0072B2"
PART_COLOUR = "#D55E00"


def _wrap(label: str, width: int = 20) -> str:
    """Break a long Latin label over lines at spaces (plotly axis labels do not wrap by themselves)."""
    if len(label) <= width or " " not in label:
        return label
    lines, line = [], ""
    for word in label.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def _layout(fig: go.Figure, height: int, **extra: object) -> go.Figure:
    fig.update_layout(
        font={"family": FONT, "size": 13, "color": INK},
        margin={"l": 8, "r": 12, "t": 28, "b": 8},
        height=height,
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font": {"family": FONT}},
        **extra,
    )
    return fig


def village_dimensions_chart(dims: pd.DataFrame, lang: Lang, height: int = 330) -> go.Figure:
    """The village's "9+1" dimension scores (bars) against the median of all villages (ticks)."""
    fig = go.Figure()
    fig.add_bar(
        x=dims["value"],
        y=[plotly_text(x) for x in dims["label"]],
        orientation="h",
        name=t("villages.chart.this_village", lang),
        marker_color=VILLAGE_COLOUR,
        text=[format_number(v, None, lang) for v in dims["value"]],
        textposition="inside",
        insidetextanchor="end",
        textfont={"color": "white"},
    )
    fig.add_scatter(
        x=dims["median"],
        y=[plotly_text(x) for x in dims["label"]],
        mode="markers",
        name=t("villages.chart.median", lang),
        marker={"symbol": "line-ns", "size": 22, "line": {"width": 3, "color": PART_COLOUR}},
    )
    return _layout(
        fig,
        height,
        xaxis={"range": [0, 100], "gridcolor": "#eee", "title": t("villages.chart.score", lang)},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": 1.12, "x": 0},
        bargap=0.35,
    )


def village_history_chart(
    history: pd.DataFrame, metric_name: str, unit: str | None, lang: Lang, reference_name: str | None = None,
    reach_ratio: float = 0.95, height: int = 330,
) -> go.Figure:  # fmt: skip
    """A village metric over the years; for income, the regional rural average and the 95% line beside it."""
    fig = go.Figure()
    fig.add_scatter(
        x=history["year"], y=history["value"], mode="lines+markers+text", name=plotly_text(metric_name),
        line={"color": VILLAGE_COLOUR, "width": 3}, marker={"size": 8},
        text=[format_number(v, unit, lang) for v in history["value"]], textposition="top center",
        textfont={"size": 11},
    )  # fmt: skip
    if reference_name and history["reference"].notna().any():
        ref = history["reference"].astype(float)
        fig.add_scatter(
            x=history["year"], y=ref, mode="lines", name=plotly_text(reference_name), line={"color": INK, "width": 2, "dash": "dash"}
        )  # fmt: skip
        fig.add_scatter(
            x=history["year"], y=ref * reach_ratio, mode="lines",
            name=t("villages.chart.reach_line", lang, pct=f"{reach_ratio * 100:.0f}"),
            line={"color": MUTED, "width": 1.5, "dash": "dot"},
        )  # fmt: skip
    return _layout(
        fig,
        height,
        xaxis={"dtick": 1, "gridcolor": "#eee"},
        yaxis={"gridcolor": "#eee", "rangemode": "tozero" if unit != "元" else "normal", "tickformat": ",d"},
        legend={"orientation": "h", "y": -0.18, "x": 0},
    )


def park_comparison_chart(
    frame: pd.DataFrame, kpi: str, labels: dict[str, str], unit: str | None, lang: Lang,
    part: str | None = None, height: int = 380,
) -> go.Figure:  # fmt: skip
    """One KPI across the parks, largest first; where the KPI has an 'of which' part (Fujian-invested
    enterprises, jobs for people lifted out of poverty) the bar is split into that part and the rest.
    Parks without a value (the unnamed tenth until uploaded) stay on the axis with '—'."""
    df = frame.sort_values(kpi, ascending=False, na_position="last")
    names = [_wrap(plotly_text(n)) for n in df["short"]]
    total = df[kpi].astype(float)
    fig = go.Figure()
    if part:
        share = df[part].astype(float)
        fig.add_bar(x=share, y=names, orientation="h", name=plotly_text(labels[part]), marker_color=PART_COLOUR)
        fig.add_bar(
            x=total - share, y=names, orientation="h", name=t("parks.chart.rest", lang), marker_color=VILLAGE_COLOUR
        )
    else:
        fig.add_bar(
            x=total,
            y=names,
            orientation="h",
            name=plotly_text(labels[kpi]),
            marker_color=VILLAGE_COLOUR,
            showlegend=False,
        )
    fig.add_scatter(
        x=total.fillna(0), y=names, mode="text", showlegend=False, hoverinfo="skip", textposition="middle right",
        text=[f" {format_number(v, None, lang)}" if not math.isnan(v) else f" {t('common.none', lang)}" for v in total],
    )  # fmt: skip
    top = float(total.max()) if total.notna().any() else 1.0
    return _layout(
        fig,
        height,
        barmode="stack",
        xaxis={"range": [0, top * 1.45], "gridcolor": "#eee"},
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": 1.1, "x": 0},
    )


def park_trend_chart(values: pd.DataFrame, frame: pd.DataFrame, kpi: str, unit: str | None, lang: Lang) -> go.Figure:
    """One KPI of every park over the years (one line per park)."""
    names = dict(zip(frame["id"], frame["short"], strict=True))
    fig = go.Figure()
    for pid, rows in values[values["metric_id"] == kpi].groupby("park_id", sort=False):
        rows = rows.sort_values("year")
        fig.add_scatter(
            x=rows["year"], y=rows["value"], mode="lines+markers", name=plotly_text(names.get(str(pid), str(pid)))
        )
    return _layout(
        fig,
        380,
        xaxis={"dtick": 1, "gridcolor": "#eee"},
        yaxis={"gridcolor": "#eee", "title": unit_label(unit, lang) or None},
        legend={"font": {"size": 11}},
    )
