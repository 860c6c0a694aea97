"""指标详情: one target — its path, its status year by year, its counties, its sentence in the plan, its data."""

import streamlit as st

from ningxia_dash import config, html_table, labels
from ningxia_dash.i18n import format_number, pick, t
from ningxia_dash.params import one_of
from ningxia_dash.safe_text import md, md_block, md_code
from ningxia_dash.tracking import detail, overview
from ningxia_dash.ui import chrome, data, models, params

READ_ROWS = 300  # up to this many values the data table is static HTML; a longer series keeps the data grid
ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan
start, end = plan.period_start, plan.period_end

names = models.indicator_names(ctx.plan_id, lang, ctx.version)
ids = list(names)
# A link (?indicator=…) chooses the target; after that the selector does, and the address follows it.
st.session_state.setdefault("detail_indicator", ids[0])
applied = st.session_state.get("detail_applied")
wanted = params.read("indicator", lambda raw: one_of(raw, ids), None, lang, written=applied)
if wanted is not None and wanted != applied:
    st.session_state["detail_indicator"] = wanted

top = st.columns([3, 1.3, 1.2])
indicator_id = top[0].selectbox(t("detail.choose", lang), ids, key="detail_indicator", format_func=lambda i: names[i])
st.query_params["indicator"] = st.session_state["detail_applied"] = indicator_id
region_names = models.indicator_regions(ctx.plan_id, indicator_id, lang, ctx.version)
region_codes = list(region_names)
first_region = config.PROVINCE_CODE if config.PROVINCE_CODE in region_codes else region_codes[0]
wanted_region = params.read(
    "region", lambda raw: one_of(raw, region_codes), first_region, lang, region_names[first_region],
    st.session_state.get("detail_region_written"),
)  # fmt: skip
region = top[1].selectbox(
    t("col.region", lang), region_codes, index=region_codes.index(wanted_region),
    format_func=lambda c: region_names[c], key=f"detail_region_{indicator_id}",
)  # fmt: skip
st.query_params["region"] = st.session_state["detail_region_written"] = region
latest = data.latest_data_year(ctx.plan_id, ctx.version)
with top[2]:
    as_of = chrome.as_of_selector(overview.as_of_choices(start, end, latest), latest or end, lang)

view = models.indicator_detail(ctx.plan_id, indicator_id, region, as_of, lang, ctx.version)
row, assessment, unit = view.row, view.assessment, view.unit
status = str(assessment["status"])

st.title(md(pick(lang, row["name_zh"], row["name_en"])))
st.markdown(
    f"{chrome.status_badge(status, lang)} {chrome.badge(assessment['latest_source_kind'], lang)} "
    f"{md_code(labels.clause_label(row['clause'], lang))} · {t('attr.' + row['attribute'], lang)} · "
    f"{md(region_names.get(region, region))}"
)
st.markdown(
    f"**{md(assessment['explanation_zh' if lang == 'zh' else 'explanation_en'])}**",
    help=t("verdict.rule_help" if view.final else "status.rule_help", lang),  # verdicts from the plan's last year
)

# the four figures as one static row (st.metric cut "above reference (2025)" to "above refer…"; this row wraps)
st.html(html_table.stat_row_html([
    (t("col.baseline", lang), labels.value_text(row["baseline_value"], unit, lang), detail.baseline_help(row, lang)),
    (t("col.target", lang), f"{labels.target_text(row, lang)} ({int(row['target_year'])})", None),
    (t("col.latest", lang), labels.latest_with_year(assessment, unit, lang), None),
    (t("col.expected", lang), labels.value_text(assessment["expected_value"], unit, lang), None),
]))  # fmt: skip

st.subheader(view.history_title)
st.plotly_chart(view.history_chart, width="stretch", key="history", config={"displayModeBar": False})
st.caption(view.history_caption)
st.markdown(
    f"**{t('pace.title', lang)}**{'：' if lang == 'zh' else ': '}{md(view.pace_text)}", help=t("pace.help", lang)
)
if view.has_demo:
    chrome.demo_banner(lang)
if view.rollup_notice:  # uploaded or published values that do not add up (never adjusted to fit)
    st.warning(f"{md(view.rollup_notice)}\n\n{t('rollup.help', lang)}", icon="⚠️")
across = models.indicator_across(ctx.plan_id, indicator_id, region, lang, ctx.version)  # continuing indicator
if across is not None:
    st.subheader(t("continuity.across", lang))
    st.plotly_chart(across.chart, width="stretch", key="across", config={"displayModeBar": False})
    st.caption(md(across.caption))

if view.county_chart is not None:
    st.subheader(t("detail.counties", lang, year=as_of))
    st.plotly_chart(view.county_chart, width="stretch", key="counties", config={"displayModeBar": False})
    if view.county_demo:
        st.caption(f"{chrome.badge('demo', lang)} {t('detail.counties_demo', lang)}")

st.subheader(t("detail.sentence", lang))
st.markdown(f"> {md(detail.plan_sentence(row))}")
also_in = labels.clauses_label(row["also_in"], lang)  # '' when the sentence is in one place only
st.caption(
    md(labels.clause_label(row["clause"], lang))
    + (f" · {t('detail.also_in', lang)} {md(also_in)}" if also_in else "")
    + (f" · {t('detail.sentence_zh', lang)}" if lang == "en" else "")  # the plan is quoted as printed
)
if isinstance(row["note"], str):  # the seed's notes on reading the plan are Chinese only: English says so
    st.info(f"{t('detail.note_zh', lang)}: {md_block(row['note'])}")
st.page_link(chrome.page_file("plan_text"), label=t("detail.to_text", lang) + " →",
             query_params={"section": str(row["section_id"])})  # fmt: skip

st.subheader(t("detail.notes", lang))
notes = view.notes
if notes.empty:
    st.caption(t("detail.no_notes", lang))
else:
    st.html(
        html_table.plain_table_html(notes, numeric=(t("col.year", lang),), nowrap=(t("col.region", lang),))
    )  # read, not sorted: no data grid

st.subheader(t("detail.data", lang))
table = view.table
if len(table) <= READ_ROWS:  # a list people read (and download): static HTML, drawn without the data grid's script
    st.html(html_table.plain_table_html(
        table, numeric=(t("col.year", lang), t("col.value", lang)), links=(t("col.address", lang),),
        nowrap=(t("col.region", lang), t("col.source", lang)), max_height_px=420,
    ))  # fmt: skip
else:  # a long series (monthly figures): the grid scrolls and sorts it
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={t("col.address", lang): st.column_config.LinkColumn(t("col.address", lang))})  # fmt: skip
chrome.download_buttons(table, f"indicator-{indicator_id}", lang)
st.caption(format_number(len(table), None, lang) + " " + t("detail.rows", lang))
