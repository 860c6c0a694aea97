"""Page chrome: the page context, status cards, banners, downloads, links (the frame itself — page config,
sidebar — is ui/frame.py; provenance badges are ui/badges.py).

Pages call `page_context()` first. When app.py runs a page through st.navigation the frame is already drawn;
when a screen's file is run directly (AppTest.from_file on screens/X.py), `page_context()` runs the same frame
(navigation, sidebar, the page) itself, so every page works either way. The screens live in screens/, not pages/:
Streamlit takes a pages/ folder beside app.py for a legacy multipage app and, on a cold server, showed its file names
in the sidebar for a second before st.navigation drew the Chinese menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
import streamlit as st

from ningxia_dash import config
from ningxia_dash import params as checks
from ningxia_dash.export import to_csv_bytes, to_xlsx_bytes
from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.plan import Plan, plan_of
from ningxia_dash.safe_text import md
from ningxia_dash.style import BADGE_COLOURS as STATUS_BADGES
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.ui import data, frame, nav, params, state
from ningxia_dash.ui.badges import BADGE_COLOURS, badge, provenance_legend_md
from ningxia_dash.ui.frame import render_sidebar


def status_cards(
    ids: list[str], counts: dict[str, int], binding: dict[str, int], lang: Lang, demo: dict[str, int] | None = None
) -> None:
    """One card per status (or verdict): symbol and word in its colour, the count, the binding targets among them
    and, where some rest on sample data, how many (`demo`, counted at run time from the data's source kinds).
    One element, not a column of bordered containers per card: every element is a message sent per rerun."""
    demo = demo or {}

    def demo_line(s: str) -> str:
        n = demo.get(s, 0)
        text = t("prov.demo_of", lang, n=n) if n else "&nbsp;"
        return f"<div class='nx-demo' style='color:#8a4b00;font-size:0.85rem'>{text}</div>" if demo else ""

    cards = "".join(
        f"<div class='nx-card'><div style='color:{STATUS_COLOURS[s]};font-size:1.05rem;font-weight:600'>"
        f"{STATUS_SYMBOLS[s]} {t('status.' + s, lang)}</div><div class='nx-count'>{counts.get(s, 0)}</div>"
        f"<div style='color:#666;font-size:0.85rem'>{t('tracking.binding_of', lang, n=binding.get(s, 0))}</div>"
        f"{demo_line(s)}</div>"
        for s in ids
    )
    st.html(
        f"<style>.nx-cards{{display:grid;grid-template-columns:repeat({len(ids)},minmax(0,1fr));gap:1rem}}"
        ".nx-card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem}"
        ".nx-count{font-size:2.2rem;font-weight:700;line-height:1.2}"
        "@media (max-width:640px){.nx-cards{grid-template-columns:repeat(2,minmax(0,1fr))}}</style>"
        f"<div class='nx-cards'>{cards}</div>"
    )


@dataclass(frozen=True)
class PageContext:
    lang: Lang
    plan_id: str
    version: str
    plan: Plan


def page_context() -> PageContext:
    """Everything a page needs to start: language, plan, data version. Stops with a clear message if the
    database is missing."""
    if not frame.in_navigation():
        # Reached directly (a screen's file run as the main script): hand over to the real frame, which
        # draws the navigation and runs this same page through it, then end this outer run.
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
    return PageContext(state.current_lang(), plan_id, version, plan_of(plans, plan_id))


def status_badge(status: str, lang: Lang) -> str:
    """Markdown badge for a status: colour, symbol and word."""
    return f":{STATUS_BADGES[status]}-badge[{STATUS_SYMBOLS[status]} {t('status.' + status, lang)}]"


def provenance_label(kind: str | None, lang: Lang) -> str:
    """Plain-text provenance word for table cells."""
    return t(f"prov.{kind}", lang) if kind else t("common.none", lang)


def demo_banner(lang: Lang) -> None:
    if data.is_production(data.version()):  # a production build holds no demonstration data to warn of
        return
    st.caption(f"{badge('demo', lang)} {t('prov.demo_banner', lang)}")


def upload_needed(key: str, lang: Lang) -> None:
    """An empty state that says what to upload, with a link to the upload page (a production database)."""
    st.info(t(key, lang))
    st.page_link(page_file("upload"), label=t("empty.upload_link", lang) + " →")


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
    """A registered page's file, absolute (a page may run with screens/ as the main script's folder)."""
    return config.ROOT / "screens" / f"{key}.py"


def indicator_link(indicator_id: str, label: str, region_code: str | None = None) -> None:
    """A link to an indicator's detail page that keeps the session (language, as-of year). `label` is plain text
    (it may hold an indicator's name): it is escaped, never read as Markdown."""
    params = {"indicator": indicator_id, **({"region": region_code} if region_code else {})}
    st.page_link(page_file("indicator"), label=md(label), query_params=params)


TABLE_PICK: list[Literal["single-row", "single-cell"]] = [
    "single-row",
    "single-cell",
]  # a click on any cell, or the row's box, picks the row


def picked_row(event: object) -> int | None:
    """The row position a table click picked (a cell or a row's box; selection_mode=TABLE_PICK), else None."""
    selection = getattr(event, "selection", None)
    rows, cells = getattr(selection, "rows", None) or [], getattr(selection, "cells", None) or []
    if rows:
        return int(rows[0])
    return int(cells[0][0]) if cells else None


def as_of_selector(choices: list[int], default: int, lang: Lang, container: object = st, buttons: bool = False) -> int:
    """The shared 'as of' year (persists across pages); a link's ?year= chooses it, and the address then follows it.
    `buttons`: the years as one row of buttons (a segmented control, whose script the sidebar's language switch has
    already loaded) instead of a select box (a dozen script chunks of its own on a page that has no other)."""
    if st.session_state.get(state.AS_OF) not in choices:
        st.session_state[state.AS_OF] = default
    link = params.read("year", lambda raw: checks.year(raw, choices), None, lang, str(st.session_state[state.AS_OF]),
                       st.session_state.get("_as_of.link"))  # fmt: skip
    if link is not None and link != st.session_state.get("_as_of.link"):
        st.session_state["_as_of.link"] = st.session_state[state.AS_OF] = link  # a deep link applies once
    state.bind_widget(state.AS_OF, state.AS_OF_WIDGET)
    widget = container.segmented_control if buttons else container.selectbox  # type: ignore[attr-defined]
    widget(
        t("tracking.as_of", lang), choices, key=state.AS_OF_WIDGET, help=t("tracking.as_of_help", lang),
        on_change=state.keep_widget_value, args=(state.AS_OF, state.AS_OF_WIDGET),
        format_func=lambda y: f"{y}年" if lang == "zh" and not buttons else str(y),  # a button: the year alone
        **({"required": True, "width": "stretch"} if buttons else {}),
    )  # fmt: skip
    if "year" in st.query_params:
        st.session_state["_as_of.link"] = st.session_state[state.AS_OF]
        st.query_params["year"] = str(st.session_state[state.AS_OF])
    return int(st.session_state[state.AS_OF])


__all__ = [
    "BADGE_COLOURS",
    "PageContext",
    "badge",
    "demo_banner",
    "download_buttons",
    "page_context",
    "pick",
    "provenance_label",
    "provenance_legend_md",
    "render_sidebar",
]
