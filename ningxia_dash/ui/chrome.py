"""Page chrome: page config, the shared sidebar, provenance badges and banners, downloads (imports streamlit).

Pages call `page_context()` first. When app.py runs a page through st.navigation the frame is already drawn;
when a freshly started server runs a file in pages/ directly (Streamlit's legacy pages/ routing),
`page_context()` runs the same frame (navigation, sidebar, the page) itself, so every page works either way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from ningxia_dash import config
from ningxia_dash import params as checks
from ningxia_dash.export import to_csv_bytes, to_xlsx_bytes
from ningxia_dash.i18n import LANGS, Lang, pick, t
from ningxia_dash.style import STATUS_SYMBOLS
from ningxia_dash.ui import data, params, state

ICON = config.DATA_DIR / "assets" / "icon.png"  # a local file: an emoji icon would make the browser fetch one
BADGE_COLOURS = {"official": "green", "public": "blue", "demo": "orange", "plan": "violet"}

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


def render_sidebar(version: str) -> None:
    lang = state.current_lang()
    with st.sidebar:
        st.markdown(f"**{t('app.title', lang)}**")
        st.caption(t("app.subtitle", lang))
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
        st.caption(provenance_legend_md(lang))
        st.caption(f"{t('sidebar.data_version', lang)}: `{version}` · {t('sidebar.offline', lang)}")


@dataclass(frozen=True)
class PageContext:
    lang: Lang
    plan_id: str
    version: str
    plan: pd.Series


def page_context() -> PageContext:
    """Everything a page needs to start: language, plan, data version. Stops with a clear message if the
    database is missing."""
    if not getattr(_run, "active", False):
        # Reached directly (Streamlit's pages/ routing on a fresh server): hand over to the real frame, which
        # draws the navigation and runs this same page through it, then end this outer run.
        from ningxia_dash.ui import nav

        nav.run_app()
        st.stop()
    state.init_state()
    try:
        version = data.version()
    except FileNotFoundError:
        st.error(t("error.no_db", state.current_lang()))
        st.stop()
        raise  # unreachable: st.stop() raises
    plans = data.plans(version)
    plan_id = state.current_plan()
    if plan_id not in set(plans["id"]):
        plan_id = str(plans.iloc[-1]["id"])
    plan = plans.set_index("id").loc[plan_id].copy()
    plan["id"] = plan_id
    return PageContext(state.current_lang(), plan_id, version, plan)


def badge(kind: str | None, lang: Lang) -> str:
    """Markdown badge for a source kind: colour plus a word, never colour alone."""
    if not kind:
        return t("common.none", lang)
    return f":{BADGE_COLOURS.get(kind, 'gray')}-badge[{t('prov.' + kind, lang)}]"


STATUS_BADGE = {"achieved": "green", "on_track": "blue", "lagging": "orange", "off_track": "red", "no_data": "gray"}


def status_badge(status: str, lang: Lang) -> str:
    """Markdown badge for a status: colour, symbol and word."""
    return f":{STATUS_BADGE[status]}-badge[{STATUS_SYMBOLS[status]} {t('status.' + status, lang)}]"


def provenance_label(kind: str | None, lang: Lang) -> str:
    """Plain-text provenance word for table cells."""
    return t(f"prov.{kind}", lang) if kind else t("common.none", lang)


def provenance_legend_md(lang: Lang) -> str:
    return " ".join(f"{badge(k, lang)} {t('prov.' + k + '.desc', lang)}" for k in ("official", "public", "demo"))


def demo_banner(lang: Lang) -> None:
    st.caption(f"{badge('demo', lang)} {t('prov.demo_banner', lang)}")


def download_buttons(df: pd.DataFrame, stem: str, lang: Lang) -> None:
    """CSV (UTF-8 with BOM, so Excel on Chinese Windows opens it) and xlsx of exactly what is shown. The files are
    built only when clicked (deferred data), not on every rerun."""
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(t("download.csv", lang), lambda: to_csv_bytes(df), f"{stem}.csv", "text/csv",
                       key=f"dl-csv-{stem}")  # fmt: skip
    c2.download_button(
        t("download.xlsx", lang), lambda: to_xlsx_bytes(df), f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"dl-xlsx-{stem}",
    )  # fmt: skip


def page_file(key: str) -> Path:
    """A registered page's file, absolute (a page may run with pages/ as the main script's folder)."""
    return config.ROOT / "pages" / f"{key}.py"


def indicator_link(indicator_id: str, label: str, region_code: str | None = None) -> None:
    """A link to an indicator's detail page that keeps the session (language, as-of year)."""
    params = {"indicator": indicator_id, **({"region": region_code} if region_code else {})}
    st.page_link(page_file("indicator"), label=label, query_params=params)


def as_of_selector(choices: list[int], default: int, lang: Lang, container: object = st) -> int:
    """The shared 'as of' year (persists across pages); a link's ?year= chooses it, and the address then follows it."""
    if st.session_state.get(state.AS_OF) not in choices:
        st.session_state[state.AS_OF] = default
    link = params.read("year", lambda raw: checks.year(raw, choices), None, lang, str(st.session_state[state.AS_OF]),
                       st.session_state.get("_as_of.link"))  # fmt: skip
    if link is not None and link != st.session_state.get("_as_of.link"):
        st.session_state["_as_of.link"] = st.session_state[state.AS_OF] = link  # a deep link applies once
    state.bind_widget(state.AS_OF, state.AS_OF_WIDGET)
    container.selectbox(  # type: ignore[attr-defined]
        t("tracking.as_of", lang), choices, key=state.AS_OF_WIDGET, help=t("tracking.as_of_help", lang),
        on_change=state.keep_widget_value, args=(state.AS_OF, state.AS_OF_WIDGET),
        format_func=lambda y: f"{y}年" if lang == "zh" else str(y),
    )  # fmt: skip
    if "year" in st.query_params:
        st.session_state["_as_of.link"] = st.session_state[state.AS_OF]
        st.query_params["year"] = str(st.session_state[state.AS_OF])
    return int(st.session_state[state.AS_OF])


__all__ = [
    "PageContext",
    "badge",
    "demo_banner",
    "download_buttons",
    "page_context",
    "pick",
    "provenance_label",
    "render_sidebar",
]
