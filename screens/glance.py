"""规划一览: a large-type summary of the plan for screen sharing."""

import streamlit as st

from ningxia_dash import config
from ningxia_dash.i18n import t
from ningxia_dash.safe_text import md
from ningxia_dash.tracking import charts
from ningxia_dash.ui import chrome, data

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan

st.title(t("glance.title", lang))
st.markdown(f"## {md(plan.title(lang))}")
parts = [
    md(plan.doc_number) if plan.doc_number else "",  # an imported plan may have no document number
    f"{t('overview.period', lang)} {plan.period_start}–{plan.period_end}",
    f"{t('overview.baseline', lang)} {plan.baseline_year}",
]
st.markdown("### " + " · ".join(p for p in parts if p))
counts = data.entity_counts(ctx.version)
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("overview.targets", lang), counts["targets"])
c2.metric(t("overview.binding", lang), counts["binding"])
c3.metric(t("overview.key_counties", lang), counts["key_counties"])
c4.metric(t("overview.parks", lang), counts["parks"])

st.subheader(t("glance.targets_by_chapter", lang))
indicators = data.indicators_with_latest(ctx.plan_id, config.PROVINCE_CODE, ctx.version)
st.plotly_chart(charts.targets_per_chapter(indicators, lang), width="stretch", config={"displayModeBar": False})

st.subheader(t("glance.key_counties", lang))
regions = data.regions(ctx.version)
for level in ("national", "regional"):
    names = regions.loc[regions["assistance_level"] == level, "name_zh" if lang == "zh" else "name_en"]
    st.markdown(f"**{t('level.' + level, lang)}**: " + ("、" if lang == "zh" else ", ").join(md(n) for n in names))
