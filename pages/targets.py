"""目标清单: every quantified target of the plan, filterable, downloadable."""

import streamlit as st

from ningxia_dash import views
from ningxia_dash.i18n import pick, t
from ningxia_dash.ui import chrome, data

ctx = chrome.page_context()
lang = ctx.lang

st.title(t("targets.title", lang))
st.caption(t("targets.caption", lang))
chrome.demo_banner(lang)

indicators = data.indicators_with_latest(ctx.plan_id, "640000", ctx.version)
chapters = sorted(int(c) for c in indicators["chapter_no"].unique())
categories = list(dict.fromkeys(indicators["category_zh"]))
cat_en = dict(zip(indicators["category_zh"], indicators["category_en"], strict=False))

f1, f2, f3, f4 = st.columns([2, 3, 2, 3])
chosen_chapters = f1.multiselect(
    t("targets.filter.chapter", lang),
    chapters,
    key="targets_chapters",
    format_func=lambda c: views.chapter_label(c, lang),
    placeholder=t("common.all", lang),
)
chosen_categories = f2.multiselect(
    t("targets.filter.category", lang),
    categories,
    key="targets_categories",
    format_func=lambda c: pick(lang, c, cat_en.get(c)),
    placeholder=t("common.all", lang),
)
chosen_attributes = f3.multiselect(
    t("targets.filter.attribute", lang),
    ["binding", "expected", "none"],
    key="targets_attributes",
    format_func=lambda a: t(f"attr.{a}", lang),
    placeholder=t("common.all", lang),
)
query = f4.text_input(t("targets.search", lang), key="targets_query")
headline_only = st.toggle(t("targets.filter.headline", lang), key="targets_headline")

shown = views.filter_targets(indicators, chosen_chapters, chosen_categories, chosen_attributes, headline_only, query)
st.caption(t("targets.shown", lang, n=len(shown), total=len(indicators)))
table = views.targets_table(shown, lang)
st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 640))
chrome.download_buttons(table, "targets", lang)
