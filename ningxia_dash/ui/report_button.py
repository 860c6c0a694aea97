"""The "下载Word评估报告" control of the 终期评估 page: the .docx is written only when clicked and cached per plan,
language and data version."""

from __future__ import annotations

from datetime import datetime
from functools import partial

import streamlit as st

from ningxia_dash.i18n import Lang, t
from ningxia_dash.ui import data

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@st.cache_data(show_spinner=False, max_entries=8, ttl=6 * 3600)
def report_bytes(plan_id: str, lang: Lang, data_version: str) -> bytes:
    from ningxia_dash.brief.evaluation_report import load_evaluation, write_docx

    return write_docx(load_evaluation(data.database(), plan_id), lang, datetime.now())


def evaluation_report(lang: Lang, plan_id: str, version: str) -> None:
    suffix = "" if lang == "zh" else "-en"
    st.download_button(
        t("report.download_docx", lang), data=partial(report_bytes, plan_id, lang, version),
        file_name=f"{t('report.file_stem', lang)}-{plan_id}{suffix}.docx", mime=DOCX_MIME, key="evaluation-docx",
        on_click="ignore", help=t("report.download_help", lang), type="primary",
    )  # fmt: skip
