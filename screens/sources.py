"""数据来源: public figures with their addresses, the provenance of every table, what is demonstration data."""

import streamlit as st

from ningxia_dash import config, views
from ningxia_dash.i18n import t
from ningxia_dash.ui import chrome, data

ctx = chrome.page_context()
lang = ctx.lang

st.title(t("sources.title", lang))
st.subheader(t("sources.kinds", lang))
for kind in ("official", "public", "demo"):
    st.markdown(f"{chrome.badge(kind, lang)} {t('prov.' + kind + '.desc', lang)}")
st.dataframe(views.source_mix_table(data.source_mix(ctx.version), lang), hide_index=True, width="stretch")

st.subheader(t("sources.public", lang))
table = views.public_figures_table(data.public_figures(ctx.version), data.regions(ctx.version), lang)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={t("col.address", lang): st.column_config.LinkColumn(t("col.address", lang))},
)
chrome.download_buttons(table, "public_figures", lang)

if (data.source_mix(ctx.version)["source_kind"] == "demo").any():  # only while some data are sample data
    st.subheader(t("sources.demo_title", lang))
    st.markdown(f"{chrome.badge('demo', lang)} {t('sources.demo_text', lang)}")

st.subheader(t("sources.doubt", lang))
indicators = data.indicators_with_latest(ctx.plan_id, config.PROVINCE_CODE, ctx.version)
doubts = indicators[indicators["note"].fillna("").str.contains("不一致|缺失|存疑|疑", regex=True)]
st.dataframe(views.targets_table(doubts, lang), hide_index=True, width="stretch")
