"""Session-state keys shared across pages, as constants."""

from __future__ import annotations

from typing import Any, cast

import streamlit as st

from ningxia_dash.config import DEFAULT_PLAN_ID
from ningxia_dash.i18n import LANGS, Lang
from ningxia_dash.params import one_of
from ningxia_dash.ui import params

LANG = "lang"
PLAN = "plan_id"
# Widgets get their own keys: Streamlit drops a widget's state when a page switch re-creates it, so the
# lasting value lives under LANG / PLAN and is copied into the widget before it is drawn.
LANG_WIDGET = "_lang_widget"
PLAN_WIDGET = "_plan_widget"
AS_OF = "as_of_year"  # the year every status is assessed as of; shared by all pages
AS_OF_WIDGET = "_as_of_widget"


def init_state() -> None:
    """Defaults for a new session; `?lang=en` in the address chooses the language of a shared link."""
    if LANG not in st.session_state:
        st.session_state[LANG] = params.read("lang", lambda raw: one_of(raw, LANGS), "zh", "zh", "中文")
    st.session_state.setdefault(PLAN, DEFAULT_PLAN_ID)


def current_lang() -> Lang:
    init_state()
    return cast(Lang, st.session_state[LANG])


def current_plan() -> str:
    init_state()
    return str(st.session_state[PLAN])


def bind_widget(persistent: str, widget: str) -> None:
    """Seed a widget's key from the lasting value (call right before drawing the widget)."""
    st.session_state[widget] = st.session_state[persistent]


def keep_widget_value(persistent: str, widget: str) -> None:
    """on_change callback: copy the widget's new value to the lasting key (ignore a cleared selection)."""
    value = st.session_state.get(widget)
    if value is not None:
        st.session_state[persistent] = value


def sticky(page: str, name: str, default: Any, options: list[Any] | None = None) -> dict[str, Any]:
    """Widget kwargs whose value survives page switches (kept under a lasting key, copied in before drawing).
    Pages bind their own prefix: `sticky = functools.partial(state.sticky, "villages")`."""
    lasting, widget = f"{page}.{name}", f"_{page}.{name}"
    if lasting not in st.session_state:
        st.session_state[lasting] = default
    elif options is not None:
        kept = st.session_state[lasting]
        if isinstance(kept, list):  # a multiselect: keep the choices still offered (the data may have changed)
            if any(x not in options for x in kept):
                st.session_state[lasting] = [x for x in kept if x in options]
        elif kept not in options:
            st.session_state[lasting] = default
    bind_widget(lasting, widget)
    return {"key": widget, "on_change": keep_widget_value, "args": (lasting, widget)}
