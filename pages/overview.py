"""总览: where the plan stands against each target, which binding targets are in danger, and why."""

from datetime import date

import streamlit as st

from ningxia_dash import tracking_views, views
from ningxia_dash.i18n import format_number, pick, t
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.ui import brief_button, chrome, data

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan
start, end, base = int(plan["period_start"]), int(plan["period_end"]), int(plan["baseline_year"])

st.title(t("overview.title", lang))
st.caption(f"《{plan['title_zh']}》 {plan['doc_number']}" if lang == "zh" else str(plan["title_en"]))

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

rows = tracking_views.with_status(
    data.indicators(ctx.plan_id, ctx.version), data.assessments(ctx.plan_id, "640000", as_of, base, ctx.version)
)

# The binding targets not on track come first and cannot be missed.
alerts = tracking_views.alerts(rows)
st.subheader(t("tracking.alerts", lang))
if alerts.empty:
    st.success(t("tracking.no_alerts", lang))
else:
    with st.container(border=True):
        for _, r in alerts.iterrows():
            name = pick(lang, r["name_zh"], r["name_en"])
            why = r["explanation_zh" if lang == "zh" else "explanation_en"]
            colour = "red" if r["status"] == "off_track" else "orange" if r["status"] == "lagging" else "gray"
            st.markdown(f":{colour}-badge[{tracking_views.status_label(r['status'], lang)}] **{name}** "
                        f"`{views.clause_label(r['clause'], lang)}` — {why}")  # fmt: skip
            chrome.indicator_link(r["id"], t("tracking.open_detail", lang) + " →")

st.subheader(t("tracking.counts", lang), help=t("status.rule_help", lang))
counts = rows.groupby("status").size()
binding = rows[rows["attribute"] == "binding"].groupby("status").size()
for col, status in zip(st.columns(5), ["achieved", "on_track", "lagging", "off_track", "no_data"], strict=True):
    with col, st.container(border=True):
        st.markdown(f"<div style='color:{STATUS_COLOURS[status]};font-size:1.05rem;font-weight:600'>"
                    f"{STATUS_SYMBOLS[status]} {t('status.' + status, lang)}</div>"
                    f"<div style='font-size:2.2rem;font-weight:700;line-height:1.2'>{int(counts.get(status, 0))}</div>"
                    f"<div style='color:#666;font-size:0.85rem'>"
                    f"{t('tracking.binding_of', lang, n=int(binding.get(status, 0)))}</div>",
                    unsafe_allow_html=True)  # fmt: skip

st.subheader(t("tracking.gauges", lang), help=t("tracking.gauge_help", lang))
headline = rows[rows["is_headline"]].reset_index(drop=True)
st.plotly_chart(data.headline_figure(ctx.plan_id, as_of, base, lang, ctx.version), width="stretch", key="gauges",
                config={"displayModeBar": False})  # fmt: skip
table = tracking_views.tracked_table(headline, lang)
shown = table.drop(columns=["id", t("col.chapter", lang), t("col.explanation", lang)])
picked = st.dataframe(
    shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="headline_table",
    column_config={t("col.progress", lang): st.column_config.ProgressColumn(t("col.progress", lang), min_value=0,
                                                                            max_value=1, format="percent", color="blue")},
)  # fmt: skip
st.caption(t("tracking.select_hint", lang))
if picked.selection.rows:  # type: ignore[attr-defined]
    st.switch_page(
        chrome.page_file("indicator"), query_params={"indicator": table.iloc[picked.selection.rows[0]]["id"]}
    )  # type: ignore[attr-defined]

with st.expander(t("overview.db_holds", lang)):
    n = data.entity_counts(ctx.version)
    keys = ["targets", "headline", "binding", "counties", "key_counties", "villages", "parks", "observations"]
    labels = ["overview.targets", "overview.headline", "overview.binding", "overview.counties",
              "overview.key_counties", "overview.villages", "overview.parks", "overview.observations"]  # fmt: skip
    for row_start in (0, 4):
        for col, k, label in zip(st.columns(4), keys[row_start:row_start + 4], labels[row_start:row_start + 4], strict=True):  # fmt: skip
            col.metric(t(label, lang), format_number(n[k], None, lang))
    st.dataframe(views.source_mix_table(data.source_mix(ctx.version), lang), hide_index=True, width="stretch")
    st.caption(chrome.provenance_legend_md(lang))
