"""plotly builders for the place screens: county ranking, village dimensions and history, park comparison
(DataFrame → go.Figure)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ningxia_dash.i18n import Lang, format_number, t, unit_label
from ningxia_dash.places.county_map import ranked_label
from ningxia_dash.safe_text import plotly_text
from ningxia_dash.style import FONT, STATUS_COLOURS, STATUS_SYMBOLS

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


def county_ranking_chart(
    ranked: pd.DataFrame,
    unit: str | None,
    lang: Lang,
    province_value: float | None = None,
    target_value: float | None = None,
    selected: str | None = None,
    height: int = 540,
    colours: dict[str, str] | None = None,
    target_label: str = "col.target",
) -> go.Figure:
    """A dot plot of the places in the order given (places.county_ranking: worst at the top), the symbol beside
    each dot gives the status and a demonstration value's mark (`mark`), the dot has the place's colour on the map
    (`colours`, code → CSS; status colours by default), ★/☆ mark key counties, dashed and solid lines the
    province's value and the target; places without a value stay at the bottom, saying so. Each point carries the
    place's code as customdata, so a click selects it (st.plotly_chart on_select)."""
    df = ranked[ranked["value"].notna()]
    empty = ranked[ranked["value"].isna()]
    labels = [plotly_text(ranked_label(r)) for r in df.to_dict("records")]
    marks = list(df["mark"]) if "mark" in df else [""] * len(df)
    fig = go.Figure()
    fig.add_scatter(
        x=df["value"],
        y=labels,
        mode="markers+text",
        customdata=df["code"],
        marker={
            "size": 15,
            "color": [(colours or {}).get(c, STATUS_COLOURS[s]) for c, s in zip(df["code"], df["status"], strict=True)],
            "line": {
                "color": ["#000" if c == selected else "#777" for c in df["code"]],
                "width": [3 if c == selected else 1 for c in df["code"]],
            },
        },
        text=[
            f"   {STATUS_SYMBOLS[s]} {format_number(v, unit, lang)}" + (f" · {m}" if m else "")
            for s, v, m in zip(df["status"], df["value"], marks, strict=True)
        ],
        textposition="middle right",
        textfont={"size": 12},
        hovertext=[
            plotly_text(f"{n}: {v} · {s}" + (f" · {m}" if m else ""))
            for n, v, s, m in zip(df["name"], df["value_text"], df["status_text"], marks, strict=True)
        ],
        hoverinfo="text",
        showlegend=False,
    )
    values = [float(v) for v in df["value"]] + [v for v in (province_value, target_value) if v is not None]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)
    pad = (hi - lo) * 0.08 or max(abs(hi) * 0.05, 1.0)
    if len(empty):
        fig.add_scatter(
            x=[lo - pad * 0.5] * len(empty), y=[plotly_text(ranked_label(r)) for r in empty.to_dict("records")],
            mode="markers+text", customdata=empty["code"], showlegend=False, hoverinfo="text",
            hovertext=[plotly_text(f"{n}: {s}") for n, s in zip(empty["name"], empty["status_text"], strict=True)],
            marker={"size": 11, "symbol": "circle-open", "color": MUTED},
            text=[f"  {s}" for s in empty["status_text"]],  # 暂无数据 (无法评估 at the plan's end)
            textposition="middle right", textfont={"size": 12, "color": MUTED},
        )  # fmt: skip
    lines = ((province_value, "places.chart.province", "dash"), (target_value, target_label, "solid"))
    both = province_value is not None and target_value is not None
    for value, key, dash in lines:
        if value is not None and not math.isnan(value):
            fig.add_vline(x=value, line={"color": MUTED if dash == "dash" else INK, "width": 1.5, "dash": dash})
            other = target_value if dash == "dash" else province_value
            # two lines close together: each label leans away from the other, so they do not print over each other
            side = "center"
            if both and other is not None:  # a tie: Ningxia's label to the left, the target's to the right
                side = "right" if (value < other if dash == "solid" else value <= other) else "left"
            fig.add_annotation(
                x=value, y=1.0, yref="paper", yanchor="bottom", xanchor=side, showarrow=False, font={"size": 11},
                text=f"{t(key, lang)} {format_number(value, unit, lang)}",
            )  # fmt: skip
    rows = len(df) + len(empty)
    return _layout(
        fig,
        min(height, 70 + 26 * rows),  # a few places (the five cities) get a short chart, not wide gaps
        xaxis={
            "range": [lo - pad, hi + pad + (hi - lo + 2 * pad) * (0.6 if any(marks) else 0.35)],
            "gridcolor": "#eee",
            "zeroline": False,
            "showticklabels": False,
        },
        yaxis={"autorange": "reversed", "gridcolor": "#f3f3f3", "automargin": True, "fixedrange": True},
        clickmode="event+select",
        dragmode=False,
    )


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
