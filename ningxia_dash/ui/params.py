"""Reading the address's query parameters. Every value is untrusted: a pure validator from
ningxia_dash/params.py checks it; a bad one falls back to the default, leaves the address and is named in a small
translated notice (escaped, shortened: never rendered as Markdown or HTML)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from ningxia_dash import params
from ningxia_dash.i18n import Lang, t
from ningxia_dash.views import escape_md

T = TypeVar("T")


def read(
    name: str,
    validate: Callable[[str], T | None],
    default: T,
    lang: Lang,
    shown_default: str | None = None,
    written: object = None,
) -> T:
    """The parameter's value when `validate` accepts it, else `default`. A bad value is removed from the address and
    a notice says so, naming the default (`shown_default`) or, without one, that the value was ignored. `written` is
    what the page itself last put in the address: when it no longer fits (another target, another plan) it is
    dropped without a notice, since no link asked for it."""
    raw = st.query_params.get(name)
    if raw is None:
        return default
    value = validate(raw)
    if value is not None:
        return value
    del st.query_params[name]
    if written is None or raw != str(written):
        notice(name, raw, lang, shown_default)
    return default


def notice(name: str, raw: str, lang: Lang, shown_default: str | None = None) -> None:
    """The small notice about a bad address value (a toast: it does not push the page down)."""
    value = escape_md(params.shown(raw))
    if shown_default is None:
        st.toast(t("params.ignored", lang, name=name, value=value), icon="⚠️")
    else:
        st.toast(t("params.invalid", lang, name=name, value=value, default=escape_md(shown_default)), icon="⚠️")


def notice_page(path: str, lang: Lang) -> None:
    """The small notice about an address that names no page."""
    st.toast(t("params.no_page", lang, path=escape_md(params.shown(path))), icon="⚠️")
