"""目标清单: every target of the plan with its status — filterable, sortable, downloadable, or as bullets."""

import streamlit as st

from ningxia_dash import config, labels
from ningxia_dash.i18n import pick, t
from ningxia_dash.tracking import charts, evaluation, overview, targets
from ningxia_dash.ui import chrome, data, models

ctx = chrome.page_context()
lang, plan = ctx.lang, ctx.plan
start, end, base = plan.period_start, plan.period_end, plan.baseline_year

st.title(t("targets.title", lang))
st.caption(t("targets.caption", lang))

latest = data.latest_data_year(ctx.plan_id, ctx.version)
indicators = data.indicators(ctx.plan_id, ctx.version)
chapters = sorted(int(c) for c in indicators["chapter_no"].unique())
categories = list(dict.fromkeys(indicators["category_zh"]))
cat_en = dict(zip(indicators["category_zh"], indicators["category_en"], strict=False))
all_label = t("common.all", lang)

f = st.columns([1.2, 1.2, 2, 1.4, 1.6, 2])
with f[0]:
    as_of = chrome.as_of_selector(overview.as_of_choices(start, end, latest), latest or end, lang)
final = evaluation.is_final_year(as_of, end)  # from the plan's last year on, the status is the final verdict
chosen_chapters = f[1].multiselect(
    t("targets.filter.chapter", lang),
    chapters,
    key="targets_chapters",
    format_func=lambda c: labels.chapter_label(c, lang),
    placeholder=all_label,
)
chosen_categories = f[2].multiselect(
    t("targets.filter.category", lang),
    categories,
    key="targets_categories",
    format_func=lambda c: pick(lang, c, cat_en.get(c)),
    placeholder=all_label,
)
chosen_attributes = f[3].multiselect(
    t("targets.filter.attribute", lang),
    ["binding", "expected", "none"],
    key="targets_attributes",
    format_func=lambda a: t(f"attr.{a}", lang),
    placeholder=all_label,
)
chosen_statuses = f[4].multiselect(
    t("evaluation.col.verdict" if final else "tracking.filter.status", lang),
    evaluation.status_ids(final),
    key="targets_verdicts" if final else "targets_statuses",
    format_func=lambda s: labels.status_label(s, lang),
    placeholder=all_label,
)
query = f[5].text_input(t("targets.search", lang), key="targets_query")  # fmt: skip

rows = models.province_rows(ctx.plan_id, as_of, base, ctx.version)
shown = targets.filter_tracked(rows, chosen_chapters, chosen_categories, chosen_attributes, chosen_statuses, query)
c1, c2 = st.columns([3, 1])
c1.caption(t("targets.shown", lang, n=len(shown), total=len(rows)))
view = c2.segmented_control(t("tracking.view", lang), ["table", "bullets"], key="targets_view", default="table",
                            format_func=lambda v: t(f"tracking.view.{v}", lang), label_visibility="collapsed")  # fmt: skip
chrome.demo_banner(lang)

table = targets.tracked_table(shown, lang, data.paces(ctx.plan_id, config.PROVINCE_CODE, as_of, base, ctx.version))
if view == "bullets":
    bullets = targets.bullet_rows(shown, lang).dropna(subset=["progress"])
    st.caption(t("tracking.bullets_help", lang))
    st.plotly_chart(charts.bullets(bullets, lang), width="stretch", key="bullets", config={"displayModeBar": False})
else:
    picked = st.dataframe(
        table.drop(columns=["id", t("col.chapter", lang)]), hide_index=True, width="stretch", key="targets_table",
        height=min(38 + 35 * len(table), 640), on_select="rerun", selection_mode=chrome.TABLE_PICK,
        column_config={
            t("col.progress", lang): st.column_config.ProgressColumn(t("col.progress", lang), min_value=0, max_value=1,
                                                                     format="percent", width="small", color="blue"),
            t("col.explanation", lang): st.column_config.TextColumn(t("col.explanation", lang), width="large"),
            t("col.clause", lang): st.column_config.TextColumn(t("col.clause", lang), width="small"),
            t("col.indicator", lang): st.column_config.TextColumn(t("col.indicator", lang), width="medium"),
            t("pace.col.observed", lang): st.column_config.TextColumn(t("pace.col.observed", lang),
                                                                      help=t("pace.help", lang)),
        },
    )  # fmt: skip
    st.caption(t("tracking.select_hint", lang) + " " + t("verdict.rule_help" if final else "status.rule_help", lang))
    if (row := chrome.picked_row(picked)) is not None:
        st.switch_page(chrome.page_file("indicator"), query_params={"indicator": table.iloc[row]["id"]})
chrome.download_buttons(table.drop(columns=["id"]), f"targets-{as_of}", lang)
