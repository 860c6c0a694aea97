"""The frame around every page: page config, the shared sidebar (language, plan, provenance legend, data version),
the marker that a script run came through the navigation, and the scroll to the top when the page changes. nav.py
draws it; chrome.page_context() asks `in_navigation()` whether a screen was reached through it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pandas as pd
import streamlit as st

from ningxia_dash import config
from ningxia_dash.i18n import LANGS, Lang, pick, t
from ningxia_dash.safe_text import md
from ningxia_dash.ui import data, state
from ningxia_dash.ui.badges import provenance_legend_md

ICON = config.DATA_DIR / "assets" / "icon.png"  # a local file: an emoji icon would make the browser fetch one

_run = threading.local()


@contextmanager
def navigation_run() -> Iterator[None]:
    """Mark the current script run as coming through app.py's navigation."""
    _run.active = True
    try:
        yield
    finally:
        _run.active = False


# Streamlit keeps the main area's scroll offset when the page changes: a page opened from far down the overview's
# table would open half-way down (the clicked table keeps the focus, and a table of the new page drawn in its place
# scrolls itself into view). A fixed script (no user text), sent once per page change at the end of the page: it
# drops the old page's focus and scrolls to the top, now and after the next layout. Not in 汇报模式 (screens that do
# not scroll, and the element's few pixels would push a slide past the screen's edge).
_TO_TOP = (
    "<script>(()=>{document.activeElement?.blur();const m=document.querySelector('[data-testid=\"stMain\"]');"
    "m?.scrollTo(0,0);requestAnimationFrame(()=>m?.scrollTo(0,0));})()</script>"
)


def top_of_new_page(page: str) -> None:
    """Scroll the main area to the top on the first run of a page the session was not on before."""
    if st.session_state.get("_nav.page") != page:
        st.session_state["_nav.page"] = page
        st.html(_TO_TOP, unsafe_allow_javascript=True)


def configure_page() -> None:
    presenting = st.query_params.get("present") == "1"  # 汇报模式 starts with the sidebar folded away
    st.set_page_config(
        page_title="宁夏衔接规划监测", page_icon=str(ICON), layout="wide",
        initial_sidebar_state="collapsed" if presenting else "expanded",
    )  # fmt: skip


def in_navigation() -> bool:
    """Whether the current script run came through app.py's navigation (inside navigation_run)."""
    return bool(getattr(_run, "active", False))


def select_words_css(lang: Lang) -> str:
    """Streamlit's select boxes say "Select all" and "No results" in English whatever the app's language
    (no API to set them). In Chinese, hide those words and show ours from the translation table instead;
    tests/test_browser.py checks it in Chromium."""
    if lang == "en":
        return ""
    hidden = "font-size:0;line-height:0"
    select_all, none = t("select.all", lang), t("select.no_results", lang)
    return (
        "<style>"
        f'[role="option"][data-key="__select_all__"] > div{{{hidden}}}'
        f'[role="option"][data-key="__select_all__"] > div::after{{content:"{select_all}";font-size:.875rem;line-height:1.6}}'
        f'[role="option"][style*="display: contents"] > span{{{hidden}}}'
        f'[role="option"][style*="display: contents"] > span::after{{content:"{none}";font-size:.875rem;line-height:1.6}}'
        "</style>"
    )


def plan_subtitle(plans: pd.DataFrame, plan_id: str, lang: Lang) -> str:
    """The sidebar's subtitle: the chosen plan's short name and document number (the newest plan when the
    choice is unknown, as page_context does)."""
    chosen = plans[plans["id"] == plan_id]
    row = (chosen if len(chosen) else plans.tail(1)).iloc[0]
    name = pick(lang, row["short_zh"], row["short_en"])
    return f"{name} · {row['doc_number']}" if row.get("doc_number") else name


# Streamlit leaves ~6rem above every page's title; at 1366×768 that pushed the ranking and the tables below the
# first screen. 3rem keeps the title clear of the toolbar. (The presenter deck sets its own padding.)
LAYOUT_CSS = (
    '<style>[data-testid="stMainBlockContainer"]{padding-top:3rem}'
    # The language switch sits at the top right of every page, not at the foot of the sidebar: under fifteen
    # menu entries it was below the first screen at 1366×768 (and gone with the sidebar collapsed). The presenter
    # deck hides the sidebar, and the switch with it.
    f".st-key-{state.LANG_WIDGET}{{position:fixed;top:.6rem;right:3.25rem;z-index:999991;width:auto!important}}"
    f".st-key-{state.LANG_WIDGET} label{{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}}"
    "</style>"
)


def render_sidebar(version: str) -> None:
    lang = state.current_lang()
    st.html(LAYOUT_CSS + select_words_css(lang))
    with st.sidebar:
        st.markdown(f"**{t('app.title', lang)}**")
        st.caption(md(plan_subtitle(data.plans(version), state.current_plan(), lang)))
        state.bind_widget(state.LANG, state.LANG_WIDGET)
        st.segmented_control(
            t("sidebar.language", lang),
            options=list(LANGS),
            key=state.LANG_WIDGET,
            format_func=lambda code: "中文" if code == "zh" else "English",
            on_change=state.keep_widget_value,
            args=(state.LANG, state.LANG_WIDGET),
        )
        plans = data.plans(version)
        if len(plans) > 1:
            ids = list(plans["id"])
            names = dict(zip(ids, plans["short_zh" if lang == "zh" else "short_en"], strict=True))
            state.bind_widget(state.PLAN, state.PLAN_WIDGET)
            st.selectbox(
                t("sidebar.plan", lang),
                ids,
                key=state.PLAN_WIDGET,
                format_func=lambda i: names[i],
                on_change=state.keep_widget_value,
                args=(state.PLAN, state.PLAN_WIDGET),
            )
        kind = "sidebar.kind_production" if data.is_production(version) else "sidebar.kind_demo"
        st.caption(t(kind, lang))
        st.caption(provenance_legend_md(lang))
        st.caption(f"{t('sidebar.data_version', lang)}: `{version}` · {t('sidebar.offline', lang)}")
