"""总览: plan period, what the database holds, where its numbers come from."""

from datetime import date

import streamlit as st

from ningxia_dash import views
from ningxia_dash.i18n import format_number, t
from ningxia_dash.ui import chrome, data

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan

st.title(t("overview.title", lang))
st.caption(f"《{plan['title_zh']}》 {plan['doc_number']}" if lang == "zh" else str(plan["title_en"]))
chrome.demo_banner(lang)

elapsed = views.period_elapsed(int(plan["period_start"]), int(plan["period_end"]), date.today())
latest = data.latest_data_year(ctx.plan_id, ctx.version)
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("overview.period", lang), f"{plan['period_start']}–{plan['period_end']}")
c2.metric(t("overview.baseline", lang), str(plan["baseline_year"]))
c3.metric(t("overview.elapsed", lang), f"{elapsed:.0%}")
c4.metric(t("overview.latest_data", lang), str(latest or "—"))
st.progress(elapsed)
if elapsed >= 1:
    st.caption(t("overview.ended", lang))

st.subheader(t("overview.db_holds", lang))
counts = data.entity_counts(ctx.version)
cards = [
    ("overview.targets", counts["targets"]),
    ("overview.headline", counts["headline"]),
    ("overview.binding", counts["binding"]),
    ("overview.counties", counts["counties"]),
    ("overview.key_counties", counts["key_counties"]),
    ("overview.villages", counts["villages"]),
    ("overview.parks", counts["parks"]),
    ("overview.observations", counts["observations"]),
]
for row_start in (0, 4):
    for col, (key, n) in zip(st.columns(4), cards[row_start : row_start + 4], strict=True):
        col.metric(t(key, lang), format_number(n, None, lang))

left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.headline_list", lang))
    indicators = data.indicators_with_latest(ctx.plan_id, "640000", ctx.version)
    headline = views.targets_table(indicators[indicators["is_headline"]], lang)
    st.dataframe(headline.iloc[:, :9], hide_index=True, width="stretch")
with right:
    st.subheader(t("overview.by_source", lang))
    st.dataframe(views.source_mix_table(data.source_mix(ctx.version), lang), hide_index=True, width="stretch")
    st.markdown(f"**{t('prov.legend', lang)}**")
    for kind in ("official", "public", "demo"):
        st.markdown(f"{chrome.badge(kind, lang)} {t('prov.' + kind + '.desc', lang)}")
st.info(t("overview.next", lang))
