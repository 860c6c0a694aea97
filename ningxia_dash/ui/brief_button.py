"""The "导出汇报材料" control: a popover with PDF and PPTX download buttons whose files are generated only when
clicked (Streamlit runs a callable `data` on its own thread when the download is requested, so the page does not
wait) and cached per plan, as-of year, language and data version; the two formats share one rendering of the
figures."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from ningxia_dash.brief import FORMATS, MIME, Format, brief_content, write_brief
from ningxia_dash.i18n import Lang, t
from ningxia_dash.ui import data


@st.cache_data(show_spinner=False, max_entries=4, ttl=6 * 3600)
def brief_and_figures(plan_id: str, as_of: int, lang: Lang, data_version: str) -> tuple[Any, Any]:
    """The assembled brief and its figures (PNG); data_version is in the key so an import makes new ones."""
    from ningxia_dash.brief.render import render_figures

    brief = brief_content(data.database(), plan_id, as_of, lang)
    return brief, render_figures(brief)


@st.cache_data(show_spinner=False, max_entries=8, ttl=6 * 3600)
def brief_bytes(fmt: Format, plan_id: str, as_of: int, lang: Lang, data_version: str) -> bytes:
    brief, images = brief_and_figures(plan_id, as_of, lang, data_version)
    return write_brief(brief, images, fmt)


def brief_file_name(fmt: str, plan_id: str, as_of: int, lang: Lang) -> str:
    suffix = "" if lang == "zh" else "-en"
    return f"{t('brief.file_stem', lang)}-{plan_id}-{as_of}{suffix}.{fmt}"


def brief_download(lang: Lang, plan_id: str, as_of: int, version: str) -> None:
    """Render the control where it is called (a page places it; it draws a popover button)."""
    with st.popover(t("brief.export", lang)):
        st.caption(t("brief.export_help", lang))
        for fmt in FORMATS:
            st.download_button(
                t(f"brief.download_{fmt}", lang),
                data=partial(brief_bytes, fmt, plan_id, as_of, lang, version),
                file_name=brief_file_name(fmt, plan_id, as_of, lang),
                mime=MIME[fmt],
                key=f"brief-download-{fmt}",
                on_click="ignore",
                width="stretch",
            )
