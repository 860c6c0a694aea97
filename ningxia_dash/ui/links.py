"""Links in static HTML (gauges, short tables) that open a page inside the same session.

The static markup (ningxia_dash/gauge_svg.py, html_table.py) carries ordinary links, which work on their own but
load the whole app again in a new session (the as-of year, the chosen plan and a password sign-in would be lost).
This tiny inline component (Streamlit custom components v2: no iframe, a few lines of script) catches a click on
such a link and reports the target's id, so the page switches with st.switch_page like every other navigation.
A modified click (new tab, Ctrl/Cmd) keeps the browser's own behaviour. The id is untrusted: only known ids open."""

from __future__ import annotations

from collections.abc import Collection
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
