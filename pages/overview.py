"""总览: where the plan stands against each target, which binding targets are in danger, and why."""

from datetime import date

import streamlit as st

from ningxia_dash import tracking_views, views
from ningxia_dash.i18n import format_number, t
from ningxia_dash.safe_text import md, md_code
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.ui import brief_button, chrome, data, models

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan
start, end, base = int(plan["period_start"]), int(plan["period_end"]), int(plan["baseline_year"])

st.title(t("overview.title", lang))
st.caption(f"《{md(plan['title_zh'])}》 {md(plan['doc_number'])}" if lang == "zh" else md(plan["title_en"]))

latest = data.latest_data_year(ctx.plan_id, ctx.version)
elapsed = views.period_elapsed(start, end, date.today())
c1, c2, c3, c4 = st.columns([1, 1, 1, 1.3])
c1.metric(t("overview.period", lang), f"{start}–{end}")
c2.metric(t("overview.elapsed", lang), f"{elapsed:.0%}", help=t("overview.ended", lang) if elapsed >= 1 else None)
c3.metric(t("overview.latest_data", lang), str(latest or "—"))
with c4:
    as_of = chrome.as_of_selector(tracking_views.as_of_choices(start, end, latest), latest or end, lang)
chrome.demo_banner(lang)
brief_button.brief_download(lang, ctx.plan_id, as_of, ctx.version)

model = models.overview(ctx.plan_id, as_of, base, lang, ctx.version)

# The binding targets not on track come first and cannot be missed.
st.subheader(t("tracking.alerts", lang))
if not model.alerts:
    st.success(t("tracking.no_alerts", lang))
else:
    with st.container(border=True):
        for a in model.alerts:
            st.markdown(f":{a.badge_colour}-badge[{a.status_text}] **{md(a.name)}** {md_code(a.clause)} — {md(a.why)}")
            chrome.indicator_link(a.indicator_id, t("tracking.open_detail", lang) + " →")

st.subheader(t("tracking.counts", lang), help=t("status.rule_help", lang))
cards = "".join(
    f"<div class='nx-card'><div style='color:{STATUS_COLOURS[s]};font-size:1.05rem;font-weight:600'>"
    f"{STATUS_SYMBOLS[s]} {t('status.' + s, lang)}</div><div class='nx-count'>{model.counts.get(s, 0)}</div>"
    f"<div style='color:#666;font-size:0.85rem'>{t('tracking.binding_of', lang, n=model.binding_counts.get(s, 0))}"
    "</div></div>"
    for s in ("achieved", "on_track", "lagging", "off_track", "no_data")
)  # one element, not 5 columns of bordered containers: every element is a message the server sends per rerun
st.html(
    "<style>.nx-cards{display:grid;grid-template-columns:repeat(5,minmax(0,1fr));gap:1rem}"
    ".nx-card{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;padding:.75rem 1rem}"
    ".nx-count{font-size:2.2rem;font-weight:700;line-height:1.2}"
    "@media (max-width:640px){.nx-cards{grid-template-columns:repeat(2,minmax(0,1fr))}}</style>"
    f"<div class='nx-cards'>{cards}</div>"
)

st.subheader(t("tracking.gauges", lang), help=t("tracking.gauge_help", lang))
st.plotly_chart(models.headline_figure(ctx.plan_id, as_of, base, lang, ctx.version), width="stretch", key="gauges",
                config={"displayModeBar": False})  # fmt: skip
table = model.table
picked = st.dataframe(
    model.shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="headline_table",
    column_config={t("col.progress", lang): st.column_config.ProgressColumn(t("col.progress", lang), min_value=0,
                                                                            max_value=1, format="percent", color="blue")},
)  # fmt: skip
st.caption(t("tracking.select_hint", lang))
if picked.selection.rows:  # type: ignore[attr-defined]
    st.switch_page(
        chrome.page_file("indicator"), query_params={"indicator": table.iloc[picked.selection.rows[0]]["id"]}
    )  # type: ignore[attr-defined]

holds = st.expander(t("overview.db_holds", lang), key="overview_db_holds", on_change="rerun")
if holds.open:  # drawn only when opened: a collapsed expander's body would still be sent on every rerun
    with holds:
        n = data.entity_counts(ctx.version)
        keys = ["targets", "headline", "binding", "counties", "key_counties", "villages", "parks", "observations"]
        for row_start in (0, 4):
            for col, k in zip(st.columns(4), keys[row_start : row_start + 4], strict=True):
                col.metric(t(f"overview.{k}", lang), format_number(n[k], None, lang))
        st.dataframe(models.source_mix_table(lang, ctx.version), hide_index=True, width="stretch")
        st.caption(chrome.provenance_legend_md(lang))
