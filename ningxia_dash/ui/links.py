"""Links in static HTML (gauges, short tables) that open a page inside the same session.

The static markup (ningxia_dash/gauge_svg.py, html_table.py) carries ordinary links, which work on their own but
load the whole app again in a new session (the as-of year, the chosen plan and a password sign-in would be lost).
This tiny inline component (Streamlit custom components v2: no iframe, a few lines of script) catches a click on
such a link and reports the target's id, so the page switches with st.switch_page like every other navigation.
A modified click (new tab, Ctrl/Cmd) keeps the browser's own behaviour. The id is untrusted: only known ids open."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

import streamlit as st

_JS = """
export default function (component) {
  const { setTriggerValue } = component
  window.__nxOpenTarget = setTriggerValue
  if (!window.__nxOpenListening) {
    window.__nxOpenListening = true
    document.addEventListener("click", (event) => {
      const a = event.target.closest && event.target.closest("a[href*='indicator=']")
      if (!a || !a.closest(".nx-gauges, .nx-tbl") || event.button !== 0) return
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
      const id = new URL(a.href, window.location.href).searchParams.get("indicator")
      if (!id || !window.__nxOpenTarget) return
      event.preventDefault()
      window.__nxOpenTarget("open", id)
    }, true)
  }
}
"""
_OPENER = st.components.v2.component("ningxia_dash.link_opener", html="<span></span>", js=_JS)


def follow(page_file: str | Path, known: Collection[str], key: str, **query: str) -> None:
    """Mount the link catcher once on a page; when a caught link names a known indicator, switch to `page_file`
    with ?indicator=<id> (and `query`)."""
    result = _OPENER(key=key, on_open_change=lambda: None, height=0)
    wanted = getattr(result, "open", None)
    if isinstance(wanted, str) and wanted in known:
        st.switch_page(page_file, query_params={"indicator": wanted, **query})


_PICK_JS = """
export default function (component) {
  const { setTriggerValue } = component
  window.__nxPickTarget = setTriggerValue
  if (!window.__nxPickListening) {
    window.__nxPickListening = true
    document.addEventListener("click", (event) => {
      const a = event.target.closest && event.target.closest(".nx-rank a[data-nx-pick]")
      if (!a || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
      if (!window.__nxPickTarget) return
      event.preventDefault()
      window.__nxPickTarget("pick", a.getAttribute("data-nx-pick"))
    }, true)
  }
}
"""
_PICKER = st.components.v2.component("ningxia_dash.place_picker", html="<span></span>", js=_PICK_JS)


def pick(key: str, known: Collection[str], on_pick: Callable[[str], None]) -> None:
    """Mount the catcher of a static ranking's place links (places/ranking.py: `.nx-rank a[data-nx-pick]`) once on
    a page; a click calls `on_pick(code)` before the rerun, as a widget's callback would, when the code is known."""

    def picked() -> None:
        code = (st.session_state.get(key) or {}).get("pick")
        if isinstance(code, str) and code in known:
            on_pick(code)

    _PICKER(key=key, on_pick_change=picked, height=0)
