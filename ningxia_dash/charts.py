"""plotly figure builders: DataFrame → go.Figure (imports plotly and pandas; never streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ningxia_dash.i18n import Lang, t
from ningxia_dash.views import chapter_label

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
BINDING_COLOUR = "#b5282e"
OTHER_COLOUR = "#7f8c9b"


def targets_per_chapter(indicators: pd.DataFrame, lang: Lang) -> go.Figure:
    """Stacked bars: how many quantified targets each chapter sets, binding ones apart."""
    counts = (
        indicators.assign(binding=indicators["attribute"].eq("binding"))
        .groupby(["chapter_no", "binding"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=[True, False], fill_value=0)
    )
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
