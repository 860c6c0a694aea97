"""Cached view models: what a page shows (tables of display strings, figures, HTML), built once per inputs,
language and data version instead of on every rerun. A rerun of a page whose view model is cached only sends it.

Why here and not in the pure modules: the builders stay pure (tracking_views, places, maps, charts) and are
tested without Streamlit; this module is the second half of the caching boundary next to `data` (whose readers
it calls with the same data_version, so an import invalidates both at once).

Figures and view models are cached with st.cache_resource, not st.cache_data: cache_data hands every rerun an
unpickled copy, and unpickling a plotly figure re-validates every property (20 % of the overview's server time
under load). The shared objects are therefore read-only by convention: pages pass them to Streamlit (which copies
what it sends) and never change them."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from ningxia_dash.ui import data


@st.cache_resource(show_spinner=False, max_entries=32)
def overview(plan_id: str, as_of_year: int, baseline_year: int, lang: str, data_version: str) -> Any:
    """tracking_views.OverviewModel: alerts, status counts and the headline table."""
    from ningxia_dash import tracking_views

    rows = tracking_views.with_status(
        data.indicators(plan_id, data_version), data.assessments(plan_id, "640000", as_of_year, baseline_year,
                                                                 data_version)
    )  # fmt: skip
    return tracking_views.overview_model(rows, lang)  # type: ignore[arg-type]


@st.cache_resource(show_spinner=False, max_entries=32)
def headline_figure(plan_id: str, as_of_year: int, baseline_year: int, lang: str, data_version: str) -> Any:
    """The overview's 13-gauge figure (the costliest thing it draws), built once per plan, year and language."""
    from ningxia_dash import charts, tracking_views

    rows = tracking_views.with_status(
        data.indicators(plan_id, data_version),
        data.assessments(plan_id, "640000", as_of_year, baseline_year, data_version),
    )
    headline = rows[rows["is_headline"]].reset_index(drop=True)
    gauges = [tracking_views.gauge_for(r, lang) for _, r in headline.iterrows()]  # type: ignore[arg-type]
    groups = [
        (z if lang == "zh" else e, list(headline.index[headline["category_zh"] == z]))
        for z, e in dict(zip(headline["category_zh"], headline["category_en"], strict=True)).items()
    ]
    return charts.headline_gauges(gauges, groups, lang)  # type: ignore[arg-type]


@st.cache_data(show_spinner=False, max_entries=8)
def source_mix_table(lang: str, data_version: str) -> pd.DataFrame:
    from ningxia_dash import views

    return views.source_mix_table(data.source_mix(data_version), lang)  # type: ignore[arg-type]
