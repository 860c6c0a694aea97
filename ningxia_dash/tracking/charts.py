"""plotly figure builders: DataFrame → go.Figure."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ningxia_dash.html_bars import BINDING_COLOUR, OTHER_COLOUR, chapter_counts
from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.labels import chapter_label
from ningxia_dash.safe_text import plotly_text
from ningxia_dash.style import FONT, STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.tracking.gauges import Gauge


def targets_per_chapter(indicators: pd.DataFrame, lang: Lang) -> go.Figure:
    """Stacked bars: how many quantified targets each chapter sets, binding ones apart."""
    counts = chapter_counts(indicators)
    labels = [chapter_label(int(c), lang) for c in counts.index]
    fig = go.Figure()
    fig.add_bar(
        name=t("attr.binding", lang),
        x=labels,
        y=counts[True],
        marker_color=BINDING_COLOUR,
        text=counts[True].where(counts[True] > 0, ""),
        textposition="inside",
    )
    fig.add_bar(
        name=t("glance.other_targets", lang),
        x=labels,
        y=counts[False],
        marker_color=OTHER_COLOUR,
        text=counts[False],
        textposition="inside",
    )
    # a short bar (第九章: 2) keeps its number upright and full size instead of turned and shrunk to fit
    fig.update_traces(textangle=0, constraintext="none", insidetextanchor="middle", cliponaxis=False)
    fig.update_layout(
        barmode="stack",
        font={"family": FONT, "size": 18},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        height=360,
        legend={"orientation": "h", "y": 1.1},
        plot_bgcolor="white",
        yaxis={"title": t("col.targets_n", lang), "gridcolor": "#eee"},
    )
    return fig


# ---------------------------------------------------------------- target tracking


def headline_gauges(
    gauges: list[Gauge], groups: list[tuple[str, list[int]]], lang: Lang, columns: int = 5, cell_px: int = 225
) -> go.Figure:
    """All headline gauges in ONE figure (few figures per view), grouped under their category headings.

    Each cell: the name above (annotation, up to two lines), the gauge, then year · source · status below.
    Plotly's Indicator traces take no hover, so an invisible scatter point over each gauge carries the status
    explanation. `groups` is [(heading, [index into gauges])] in display order."""
    traces: list[go.Indicator | go.Scatter] = []
    notes: list[dict[str, object]] = []
    n_rows = sum(math.ceil(len(ix) / columns) for _, ix in groups)
    heading_px = 34
    height = n_rows * cell_px + len(groups) * heading_px + 10
    hover_x, hover_y, hover_text = [], [], []
    y_px = 0.0  # distance from the top, in pixels

    def paper(px: float) -> float:
        return 1 - px / height

    for heading, idx in groups:
        notes.append(dict(x=0, y=paper(y_px), xref="paper", yref="paper", text=f"<b>{plotly_text(heading)}</b>", showarrow=False,
                           xanchor="left", yanchor="top", font={"size": 17, "color": "#333"}))  # fmt: skip
        y_px += heading_px
        for k, gi in enumerate(idx):
            r, c = divmod(k, columns)
            top = y_px + r * cell_px
            x0, x1 = c / columns + 0.01, (c + 1) / columns - 0.01
            g = gauges[gi]
            colour = STATUS_COLOURS[g.status]
            notes.append(dict(x=(x0 + x1) / 2, y=paper(top + 2), xref="paper", yref="paper", showarrow=False,
                               text=_wrap(g.title, 10 if lang == "zh" else 20), yanchor="top", xanchor="center", align="center",
                               font={"size": 13, "color": "#222"}))  # fmt: skip
            traces.append(go.Indicator(
                mode="gauge+number" if g.value is not None else "gauge",
                value=g.value if g.value is not None else g.low,
                number={"suffix": g.suffix, "font": {"size": 24, "color": colour}, "valueformat": ",.4~g"},
                gauge={"axis": {"range": [g.low, g.high], "showticklabels": False, "ticks": ""},
                       "bar": {"color": colour, "thickness": 0.6}, "bgcolor": "#f1f1f1", "borderwidth": 0,
                       "threshold": None if g.threshold is None else
                       {"line": {"color": "#222", "width": 3}, "thickness": 0.9, "value": g.threshold}},
                domain={"x": [x0, x1], "y": [paper(top + cell_px - 46), paper(top + 44)]},
            ))  # fmt: skip
            notes.append(dict(x=(x0 + x1) / 2, y=paper(top + cell_px - 44), xref="paper", yref="paper",
                               showarrow=False, yanchor="top", xanchor="center", align="center",
                               font={"size": 12, "color": "#555"},
                               text=f"{plotly_text(g.caption)}<br><span style='color:{colour}'><b>{STATUS_SYMBOLS[g.status]} "
                                    f"{t('status.' + g.status, lang)}</b></span>"))  # fmt: skip
            hover_x.append((x0 + x1) / 2)
            hover_y.append(paper(top + cell_px / 2))
            hover_text.append(g.hover)
        y_px += math.ceil(len(idx) / columns) * cell_px
    traces.append(go.Scatter(x=hover_x, y=hover_y, mode="markers", hovertext=hover_text, hoverinfo="text",
                             marker={"size": 80, "opacity": 0}, showlegend=False))  # fmt: skip
    # one Figure and one layout call: per-call add_annotation/add_trace grows quadratically with their number
    fig = go.Figure(data=traces)
    fig.update_layout(
        annotations=notes,
        height=int(height), margin={"l": 6, "r": 6, "t": 6, "b": 6}, font={"family": FONT},
        xaxis={"range": [0, 1], "visible": False, "fixedrange": True, "domain": [0, 1]},
        yaxis={"range": [0, 1], "visible": False, "fixedrange": True, "domain": [0, 1]},
        plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)", hoverlabel={"font": {"size": 13}},
    )  # fmt: skip
    return fig


def _wrap(text: str, width: int) -> str:
    """Break a long gauge title into two lines (plotly does not wrap); the title's text is escaped."""
    if len(text) <= width:
        return plotly_text(text)
    cut = text.rfind(" ", 0, width) if " " in text[:width] else width
    rest = text[cut:].strip()
    return (
        plotly_text(text[:cut].strip()) + "<br>" + plotly_text(rest if len(rest) <= width else rest[: width - 1] + "…")
    )


PROJECTION_COLOUR = "#7b3294"  # apart from every status colour: a projection is not a status


def history_legend(has_line: bool, has_reference: bool, has_target: bool, lang: Lang) -> tuple[str, str]:
    """The heading and caption of `indicator_history`: they name only what the chart draws (a relative target has a
    reference line and no straight-line path; a target without a value has no star)."""
    title = "detail.path" if has_line else "detail.path_reference" if has_reference else "detail.path_actual"
    parts = ["dots"] + ["line"] * has_line + ["reference"] * has_reference + ["target"] * has_target
    text = ("；" if lang == "zh" else "; ").join(t(f"detail.cap.{p}", lang) for p in parts)
    return t(title, lang), text + ("。" if lang == "zh" else ".")


def indicator_history(actual: pd.DataFrame, line: pd.DataFrame, target: float | None, target_year: int,
                      unit: str | None, lang: Lang, reference: pd.DataFrame | None = None,
                      projection: list[tuple[int, float]] | None = None, required: list[tuple[int, float]] | None = None,
                      pace_hover: str = "") -> go.Figure:  # fmt: skip
    """Actual values (markers coloured by that year's status, provenance in the hover) against the straight
    line from baseline to target and the target itself. `actual`: year, value, status, source, hover.
    `projection` / `required`: (year, value) paths from the latest point to the target year (ningxia_dash/pace.py),
    drawn dotted and labelled as a projection; `pace_hover` is their hover text (the pace sentence)."""
    fig = go.Figure()
    hover = plotly_text(pace_hover)
    if required:
        fig.add_scatter(
            x=[y for y, _ in required], y=[v for _, v in required], mode="lines", name=t("pace.required", lang),
            line={"color": "#2b8cbe", "dash": "dashdot", "width": 2}, hovertext=hover, hoverinfo="text",
        )  # fmt: skip
    if projection:
        fig.add_scatter(
            x=[y for y, _ in projection], y=[v for _, v in projection], mode="lines+markers+text",
            name=t("pace.projection", lang), line={"color": PROJECTION_COLOUR, "dash": "dot", "width": 3},
            marker={"size": [0] * (len(projection) - 1) + [11], "symbol": "diamond-open", "color": PROJECTION_COLOUR},
            text=[""] * (len(projection) - 1) + [format_number(projection[-1][1], unit, lang)],
            textposition="top center", textfont={"color": PROJECTION_COLOUR}, hovertext=hover, hoverinfo="text", cliponaxis=False,
        )  # fmt: skip
    if not line.empty:
        fig.add_scatter(
            x=line["year"],
            y=line["expected"],
            mode="lines",
            name=t("col.expected", lang),
            line={"color": "#888", "dash": "dash", "width": 2},
            hoverinfo="skip",
        )
    if reference is not None and not reference.empty:
        fig.add_scatter(
            x=reference["year"],
            y=reference["value"],
            mode="lines+markers",
            name=t("chart.reference", lang),
            line={"color": "#6a51a3", "width": 2, "dash": "dot"},
            marker={"symbol": "diamond"},
        )
    if target is not None:
        fig.add_scatter(
            x=[target_year],
            y=[target],
            mode="markers+text",
            name=t("col.target", lang),
            marker={"symbol": "star", "size": 18, "color": "#222"},
            text=[format_number(target, unit, lang)],
            textposition="top center",
            cliponaxis=False,  # the label above the star stays whole at the top of the plot
        )
    if not actual.empty:
        fig.add_scatter(
            x=actual["year"],
            y=actual["value"],
            mode="lines",
            name=t("col.actual", lang),
            line={"color": "#444", "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
        for status in STATUS_COLOURS:
            part = actual[actual["status"] == status]
            if part.empty:
                continue
            # demo values are hollow and every point is labelled with its source kind
            fig.add_scatter(
                x=part["year"], y=part["value"], mode="markers+text",
                name=f"{STATUS_SYMBOLS[status]} {t('status.' + status, lang)}",
                marker={"size": 14, "color": STATUS_COLOURS[status],
                        "symbol": ["circle-open" if k == "demo" else "circle" for k in part["source_kind"]],
                        "line": {"color": STATUS_COLOURS[status], "width": 3}},
                text=[t(f"prov.{k}", lang) for k in part["source_kind"]], textposition="bottom center",
                textfont={"size": 11, "color": "#666"}, hovertext=part["hover"], hoverinfo="text",
            )  # fmt: skip
    fig.update_layout(height=380, margin={"l": 10, "r": 10, "t": 40, "b": 10}, font={"family": FONT, "size": 14},
                      plot_bgcolor="white", legend={"orientation": "h", "y": -0.15},
                      xaxis={"dtick": 1, "gridcolor": "#eee"},
                      yaxis={"gridcolor": "#eee", "ticksuffix": "%" if unit == "%" else ""})  # fmt: skip
    return fig


JUDGED_COLOUR = "#1f4e79"  # the plan chosen in the sidebar (its targets are judged)
OTHER_PLAN_COLOUR = "#9aa5b1"


def across_plans(segments: list[Any], unit: str | None, lang: Lang) -> go.Figure:
    """One series across plans (continuity.Segment, oldest first): each plan's actual values (hollow = demo,
    hover with the source), its path from baseline to target (dashed) and its target (star), the plans' spans
    named at the top; the judged plan in blue, the other in grey. The new plan's baseline is a square."""
    from ningxia_dash.tracking.continuity import baseline_text

    fig = go.Figure()
    for i, s in enumerate(segments):
        colour = JUDGED_COLOUR if s.judged else OTHER_PLAN_COLOUR
        label = plotly_text(s.label)
        if i:
            fig.add_vline(x=s.start - 0.5, line={"color": "#666", "width": 1, "dash": "dot"})
        if s.judged:
            fig.add_vrect(
                x0=s.start - 0.5, x1=s.end + 0.5, fillcolor="#e8f0f8", opacity=0.6, line_width=0, layer="below"
            )
        fig.add_annotation(x=(s.start + s.end) / 2, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"<b>{label}</b> {s.start}–{s.end}", font={"color": colour, "size": 13})  # fmt: skip
        if not s.line.empty:
            fig.add_scatter(x=s.line["year"], y=s.line["expected"], mode="lines", hoverinfo="skip",
                            name=t("continuity.chart.path", lang, plan=label),
                            line={"color": colour, "dash": "dash", "width": 2})  # fmt: skip
        if s.target is not None:
            fig.add_scatter(x=[s.target_year], y=[s.target], mode="markers+text", cliponaxis=False,
                            name=t("continuity.chart.target", lang, plan=label),
                            marker={"symbol": "star", "size": 18, "color": "#222" if s.judged else colour},
                            text=[plotly_text(s.target_label)], textposition="top center")  # fmt: skip
        if i and s.baseline.value is not None and not s.actual.empty:  # the series runs on from the baseline
            fig.add_scatter(x=[s.baseline.year, s.actual["year"].iloc[0]], y=[s.baseline.value, s.actual["value"].iloc[0]],
                            mode="lines", line={"color": colour, "width": 2}, hoverinfo="skip", showlegend=False)  # fmt: skip
        if not s.actual.empty:
            kinds = list(s.actual["source_kind"])
            fig.add_scatter(
                x=s.actual["year"], y=s.actual["value"], mode="lines+markers",
                name=t("continuity.chart.actual", lang, plan=label), line={"color": colour, "width": 2},
                marker={"size": 12, "color": colour, "line": {"color": colour, "width": 2},
                        "symbol": ["circle-open" if k == "demo" else "circle" for k in kinds]},
                hovertext=[f"{y}: {plotly_text(format_number(v, unit, lang))} ({t('prov.' + k, lang)})"
                           for y, v, k in zip(s.actual["year"], s.actual["value"], kinds, strict=True)],
                hoverinfo="text",
            )  # fmt: skip
        if i and s.baseline.value is not None:
            fig.add_scatter(x=[s.baseline.year], y=[s.baseline.value], mode="markers",
                            name=t("continuity.chart.baseline", lang, plan=label),
                            marker={"symbol": "square-open", "size": 20, "color": colour, "line": {"width": 3}},
                            hovertext=[plotly_text(baseline_text(s.baseline, unit, lang))],
                            hoverinfo="text")  # fmt: skip
    fig.update_layout(height=400, margin={"l": 10, "r": 10, "t": 50, "b": 10}, font={"family": FONT, "size": 14},
                      plot_bgcolor="white", legend={"orientation": "h", "y": -0.15},
                      xaxis={"dtick": 1, "gridcolor": "#eee"},
                      yaxis={"gridcolor": "#eee", "ticksuffix": "%" if unit == "%" else ""})  # fmt: skip
    return fig


def county_breakdown(df: pd.DataFrame, target: float | None, unit: str | None, lang: Lang) -> go.Figure:
    """Counties' latest values as dots coloured by status, the target as a line. df: name, value, status, hover.
    Dots, not bars: the axis is zoomed to the data (a 0–100% axis hides a 90–98% spread), and a bar cut off at a
    zoomed axis would draw a difference of 1 point as twice the length."""
    df = df.sort_values("value")
    fig = go.Figure(go.Scatter(
        x=df["value"], y=[plotly_text(n) for n in df["name"]], mode="markers+text",
        marker={"color": [STATUS_COLOURS[s] for s in df["status"]], "size": 13, "line": {"color": "#555", "width": 1}},
        text=[f"{STATUS_SYMBOLS[s]}" for s in df["status"]], textposition="middle right",
        hovertext=df["hover"], hoverinfo="text", cliponaxis=False,
    ))  # fmt: skip
    if target is not None:
        fig.add_vline(
            x=target,
            line={"color": "#222", "width": 2, "dash": "dash"},
            annotation_text=f"{t('col.target', lang)} {format_number(target, unit, lang)}",
        )
    values = [*df["value"], *([target] if target is not None else [])]
    span = max(values) - min(values) or 1.0
    low = max(min(values) - span * 0.3, 0.0)  # zoom to the data: a 0–100% axis hides a 90–98% spread
    fig.update_layout(height=max(300, 22 * len(df) + 60), margin={"l": 10, "r": 30, "t": 30, "b": 10},
                      font={"family": FONT, "size": 13}, plot_bgcolor="white",
                      xaxis={"gridcolor": "#eee", "ticksuffix": "%" if unit == "%" else "",
                             "range": [low, max(values) + span * 0.12]},
                      yaxis={"showgrid": True, "gridcolor": "#f3f3f3"})  # fmt: skip
    return fig


def bullets(rows: pd.DataFrame, lang: Lang) -> go.Figure:
    """Every target's progress toward its target (bars, status colour) against the time elapsed (tick)."""
    rows = rows.iloc[::-1]
    labels = [plotly_text(x) for x in rows["label"]]
    progress = rows["progress"].fillna(0)
    fig = go.Figure()
    fig.add_bar(
        x=[100] * len(rows),
        y=labels,
        orientation="h",
        marker_color="#eeeeee",
        hoverinfo="skip",
        showlegend=False,
        width=0.8,
    )
    fig.add_bar(
        x=progress,
        y=labels,
        orientation="h",
        width=0.45,
        showlegend=False,
        marker_color=[STATUS_COLOURS[s] for s in rows["status"]],
        text=[STATUS_SYMBOLS[s] for s in rows["status"]],
        textposition="outside",
        hovertext=[plotly_text(x) for x in rows["hover"]],
        hoverinfo="text",
    )
    fig.add_scatter(
        x=rows["expected"],
        y=labels,
        mode="markers",
        name=t("col.expected", lang),
        marker={"symbol": "line-ns", "size": 16, "line": {"width": 3, "color": "#222"}},
        hoverinfo="skip",
    )
    fig.update_layout(barmode="overlay", height=max(320, 21 * len(rows) + 60), font={"family": FONT, "size": 12},
                      margin={"l": 10, "r": 20, "t": 30, "b": 10}, plot_bgcolor="white",
                      xaxis={"range": [0, 108], "ticksuffix": "%", "gridcolor": "#eee", "side": "top"},
                      legend={"orientation": "h", "y": 1.06})  # fmt: skip
    return fig
