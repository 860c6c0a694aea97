"""终期评估: did the plan meet each of its targets — verdict, gap and the years not held, every target, with
filters, downloads and the Word report officers finish and file."""

import streamlit as st

from ningxia_dash import labels
from ningxia_dash.i18n import t
from ningxia_dash.safe_text import md
from ningxia_dash.style import VERDICT_IDS
from ningxia_dash.tracking import evaluation
from ningxia_dash.ui import chrome, data, models, report_button

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan
end, base = plan.period_end, plan.baseline_year
as_of = end  # the final evaluation is as of the plan's last year

st.title(t("evaluation.title", lang))
st.caption(t("evaluation.caption", lang, plan=md(plan.short(lang)), year=as_of))

rows = models.evaluation_rows(ctx.plan_id, as_of, base, ctx.version)
counts, binding = evaluation.verdict_counts(rows)
n_demo = evaluation.demo_count(rows)
latest = data.latest_data_year(ctx.plan_id, ctx.version)
if latest is None or latest < as_of:
    st.warning(t("evaluation.data_short", lang, latest=latest or "—", year=as_of))

st.subheader(t("evaluation.counts", lang), help=t("verdict.rule_help", lang))
chrome.status_cards(list(VERDICT_IDS), counts, binding, lang, evaluation.demo_counts(rows))
st.markdown(md(evaluation.summary_sentence(rows, as_of, lang)))
if n_demo:
    st.warning(f"{chrome.badge('demo', lang)} {t('evaluation.demo_count', lang, n=n_demo, total=len(rows))}")

f = st.columns([1.2, 1.2, 1.6, 1.4])
chosen_chapters = f[0].multiselect(
    t("targets.filter.chapter", lang), sorted(int(c) for c in rows["chapter_no"].unique()), key="evaluation_chapters",
    format_func=lambda c: labels.chapter_label(c, lang), placeholder=t("common.all", lang),
)  # fmt: skip
chosen_attributes = f[1].multiselect(
    t("targets.filter.attribute", lang), ["binding", "expected", "none"], key="evaluation_attributes",
    format_func=lambda a: t(f"attr.{a}", lang), placeholder=t("common.all", lang),
)  # fmt: skip
chosen_verdicts = f[2].multiselect(
    t("evaluation.col.verdict", lang), list(VERDICT_IDS), key="evaluation_verdicts",
    format_func=lambda v: evaluation.verdict_label(v, lang), placeholder=t("common.all", lang),
)  # fmt: skip
chosen_kinds = f[3].multiselect(
    t("col.kind", lang), ["official", "public", "demo", "none"], key="evaluation_kinds",
    format_func=lambda k: t(f"prov.{k}", lang) if k != "none" else t("evaluation.no_final", lang),
    placeholder=t("common.all", lang),
)  # fmt: skip
shown_rows = evaluation.filter_rows(rows, chosen_chapters, chosen_attributes, chosen_verdicts, chosen_kinds)
table = models.evaluation_table(ctx.plan_id, as_of, base, lang, ctx.version).loc[shown_rows.index]
st.caption(t("targets.shown", lang, n=len(table), total=len(rows)))
picked = st.dataframe(
    table.drop(columns=["id", t("col.chapter", lang)]), hide_index=True, width="stretch", key="evaluation_table",
    height=min(38 + 35 * len(table), 640), on_select="rerun", selection_mode=chrome.TABLE_PICK,
    column_config={
        t("col.indicator", lang): st.column_config.TextColumn(t("col.indicator", lang), width="medium", pinned=True),
        t("col.explanation", lang): st.column_config.TextColumn(t("col.explanation", lang), width="large"),
    },
)  # fmt: skip
st.caption(t("tracking.select_hint", lang))
if (row := chrome.picked_row(picked)) is not None:
    st.switch_page(chrome.page_file("indicator"), query_params={"indicator": table.iloc[row]["id"]})
chrome.download_buttons(table.drop(columns=["id"]), f"evaluation-{as_of}", lang)
report_button.evaluation_report(lang, ctx.plan_id, ctx.version)

# 衔接: the next plan's continuing targets against what this plan achieved (ningxia_dash/continuity.py)
st.subheader(t("continuity.title", lang))
bridge = models.continuity_bridge(ctx.plan_id, lang, ctx.version)
if bridge is None:
    st.info(t("continuity.none", lang))
else:
    old_name, new_name = (md(p.short(lang)) for p in (bridge.old, bridge.new))
    st.caption(t("continuity.caption", lang, old=old_name, new=new_name))
    if bridge.table.empty:
        st.info(t("continuity.no_links", lang))
    else:
        st.markdown(md(bridge.summary))
        # A static table: its sentences wrap, so a reader at 1366 px sees every column (a data grid cuts them).
        with st.container(key="continuity_table"):
            st.table(bridge.table.drop(columns=["id"]).set_index(t("col.indicator", lang)))
        if bridge.has_demo:
            st.caption(f"{chrome.badge('demo', lang)} {t('prov.demo.desc', lang)}")
        chrome.download_buttons(bridge.table.drop(columns=["id"]), "continuity", lang)
    for key, frame in (("continuity.dropped", bridge.dropped), ("continuity.new_only", bridge.new_only)):
        with st.expander(t(key, lang, n=len(frame))):
            st.dataframe(frame, hide_index=True, width="stretch")
