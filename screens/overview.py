"""总览: where the plan stands against each target, which binding targets are in danger, and why."""

from datetime import date

import streamlit as st

from ningxia_dash import html_table, views
from ningxia_dash.i18n import format_number, t
from ningxia_dash.safe_text import md, md_code
from ningxia_dash.tracking import evaluation, overview
from ningxia_dash.ui import brief_button, chrome, data, links, models

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan
start, end, base = plan.period_start, plan.period_end, plan.baseline_year

title = st.empty()  # filled once the as-of year is known: from the plan's last year on, the question is how it ended
st.caption(f"《{md(plan.title_zh)}》 {md(plan.doc_number)}" if lang == "zh" else md(plan.title_en))

latest = data.latest_data_year(ctx.plan_id, ctx.version)
figures, year_col = st.columns([2.7, 1.9], vertical_alignment="bottom")
with year_col:
    years = overview.as_of_choices(start, end, latest)  # a row of buttons while they fit beside the figures
    as_of = chrome.as_of_selector(years, latest or end, lang, buttons=len(years) <= 6)
elapsed = views.period_elapsed(start, end, min(date.today(), date(as_of, 12, 31)))  # as of the chosen year
# the three figures as one static block (st.metric would load its own script chunks for three numbers)
figures.html(html_table.stat_row_html([
    (t("overview.period", lang), f"{start}–{end}", None),
    (t("overview.elapsed_by", lang, year=as_of), f"{elapsed:.0%}", t("overview.ended", lang) if elapsed >= 1 else None),
    (t("overview.latest_data", lang), str(latest or "—"), None),
]))  # fmt: skip
chrome.demo_banner(lang)
brief_button.brief_download(lang, ctx.plan_id, as_of, ctx.version)

model = models.overview(ctx.plan_id, as_of, base, lang, ctx.version)
final = evaluation.is_final_year(as_of, end)  # from the plan's last year on, statuses are end-of-period verdicts
title.title(t("overview.title_final" if final else "overview.title", lang))
shown_ids = evaluation.status_ids(final)
if final:
    st.info(t("overview.final_note", lang, year=as_of))
    st.page_link(chrome.page_file("evaluation"), label=t("overview.to_evaluation", lang) + " →")

# The binding targets not on track (not met, at the end) come first and cannot be missed.
st.subheader(t("tracking.alerts_final" if final else "tracking.alerts", lang))
if not model.alerts:
    st.success(t("tracking.no_alerts", lang))
else:
    with st.container(border=True):
        for a in model.alerts:
            st.markdown(f":{a.badge_colour}-badge[{a.status_text}] **{md(a.name)}** {md_code(a.clause)} — {md(a.why)}")
            chrome.indicator_link(a.indicator_id, t("tracking.open_detail", lang) + " →")

st.subheader(t("evaluation.counts" if final else "tracking.counts", lang),
             help=t("verdict.rule_help" if final else "status.rule_help", lang))  # fmt: skip
chrome.status_cards(shown_ids, model.counts, model.binding_counts, lang, model.demo_counts)
if n_demo := sum(model.demo_counts.get(s, 0) for s in shown_ids):
    st.caption(f"{chrome.badge('demo', lang)} {t('prov.demo_total', lang, n=n_demo, total=sum(model.counts.values()))}")

st.subheader(t("tracking.gauges", lang), help=t("tracking.gauge_help", lang))
st.html(models.headline_html(ctx.plan_id, as_of, base, lang, ctx.version, "indicator"))
# a static table (13 rows people read, not sort): drawn at once, no data grid; the names link to the details
st.html(models.headline_table_html(ctx.plan_id, as_of, base, lang, ctx.version, "indicator"))
st.caption(t("tracking.link_hint", lang))
links.follow(chrome.page_file("indicator"), set(model.table["id"]), "overview_links", year=str(as_of))

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
