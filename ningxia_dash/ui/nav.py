"""The page registry and the app's frame: one definition used by app.py and by a page that a freshly started
server runs directly."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from ningxia_dash import config
from ningxia_dash.i18n import Lang, t
from ningxia_dash.params import flag
from ningxia_dash.ui import auth, data, frame, params, state

# (group key, [(file, page key)]) in the order the sidebar shows them. Files are resolved from the project root:
# st.Page resolves relative paths against the main script's folder, which is screens/ when a page runs directly.
REGISTRY: list[tuple[str, list[tuple[str, str]]]] = [
    ("nav.group.overview", [("screens/overview.py", "overview"), ("screens/evaluation.py", "evaluation")]),
    (
        "nav.group.indicators",
        [
            ("screens/targets.py", "targets"),
            ("screens/plan_text.py", "plan_text"),
            ("screens/indicator.py", "indicator"),
        ],
    ),
    (
        "nav.group.maps",
        [
            ("screens/county_map.py", "county_map"),
            ("screens/villages.py", "villages"),
            ("screens/parks.py", "parks"),
            ("screens/key_counties.py", "key_counties"),
        ],
    ),
    (
        "nav.group.data",
        [
            ("screens/sources.py", "sources"),
            ("screens/upload.py", "upload"),
            ("screens/history.py", "history"),
            ("screens/admin.py", "admin"),
        ],
    ),
    (
        "nav.group.present",
        [("screens/present.py", "present"), ("screens/bigscreen.py", "bigscreen"), ("screens/glance.py", "glance")],
    ),
]
DEFAULT_PAGE = "overview"
PAGE_KEYS = {key for _, entries in REGISTRY for _, key in entries}


def _pages(lang: Lang) -> dict[str, list[st.Page]]:
    """The navigation's page objects, made once per session and language: st.Page resolves and stats its file
    (12 % of the server's time under 30 concurrent sessions). Kept per session, never shared between sessions:
    st.navigation marks the page it returns as callable, so two sessions' concurrent runs must not share one."""
    slot = f"_nav.pages.{lang}"
    if slot not in st.session_state:
        # No icons: a page icon becomes the favicon, and a non-file icon makes the browser fetch one.
        st.session_state[slot] = {
            t(group, lang): [
                st.Page(
                    config.ROOT / path,
                    title=t(f"page.{key}", lang),
                    url_path=key,
                    default=key == DEFAULT_PAGE,
                    help=t(f"help.{key}", lang),
                )
                for path, key in entries
            ]
            for group, entries in REGISTRY
        }
    return dict(st.session_state[slot])


def _unknown_page() -> str | None:
    """The page name a first request's address asks for when no page has it (/nonexistent), else None. The default
    page answers at / only, so /overview is one of these too. Streamlit would run the overview under an English
    "Page not found" dialog; forgetting the name makes it run the overview quietly (the address becomes /)."""
    ctx = get_script_run_ctx()
    manager = ctx.pages_manager if ctx else None
    wanted = getattr(manager, "intended_page_name", None)
    if manager is None or not wanted or getattr(manager, "intended_page_script_hash", None):
        return None
    if wanted in PAGE_KEYS - {DEFAULT_PAGE}:
        return None
    manager.set_script_intent("", "")
    return None if wanted == DEFAULT_PAGE else str(wanted)


def run_app() -> None:
    """Configure the page, draw the navigation and the sidebar, run the selected page."""
    frame.configure_page()
    state.init_state()
    lang = state.current_lang()
    pages = _pages(lang)
    presenting = params.read("present", flag, False, lang)  # 汇报模式: no menu, no sidebar (screens/present.py)
    if unknown := _unknown_page():
        params.notice_page(unknown, lang)
    selected = st.navigation(
        pages, position="hidden" if presenting else "sidebar", expanded=True
    )  # no untranslated "View more"
    with contextlib.suppress(FileNotFoundError):  # the page itself explains how to build the database
        if not presenting:
            frame.render_sidebar(data.version())
            auth.sidebar_account(lang)
        if auth.login_wall(lang):  # NINGXIA_REQUIRE_LOGIN=1 and nobody signed in: no page runs
            return
    with frame.navigation_run():
        selected.run()
    if not presenting:
        frame.top_of_new_page(selected.url_path)
