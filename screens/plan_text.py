"""规划原文: the plan navigable by chapter and searchable, every quantified target highlighted."""

import streamlit as st

from ningxia_dash import config, views
from ningxia_dash.i18n import pick, t
from ningxia_dash.labels import clause_label, target_text
from ningxia_dash.params import one_of
from ningxia_dash.safe_text import md
from ningxia_dash.ui import chrome, data, params

ctx = chrome.page_context()
lang = ctx.lang

st.title(t("plan.title", lang))
sections = data.plan_sections(ctx.plan_id, ctx.version)
indicators = data.indicators_with_latest(ctx.plan_id, config.PROVINCE_CODE, ctx.version)
top = sections[sections["parent_id"].isna()]
labels = {r.id: f"{r.label_zh} {r.title_zh}" if r.kind != "preface" else r.title_zh for r in top.itertuples()}

ids = list(labels)
if not ids:  # a new plan whose text has not been loaded
    st.info(t("plan.no_text", lang))
    st.stop()
if lang == "en":  # the plan exists in Chinese only: say so before a reader meets it
    st.caption(t("plan_text.original_zh", lang))
wanted = params.read(
    "section", lambda raw: one_of(raw, set(sections["id"])), "", lang, labels[ids[min(1, len(ids) - 1)]]
)
wanted_top = wanted.split("-")[0] if wanted else ""
if wanted_top.startswith("box"):
    wanted_top = (
        str(sections.set_index("id").at[wanted_top, "parent_id"] or "") if wanted_top in set(sections["id"]) else ""
    )
c1, c2 = st.columns([2, 3])
chapter = c1.selectbox(
    t("plan.chapter", lang),
    ids,
    index=ids.index(wanted_top) if wanted_top in ids else min(1, len(ids) - 1),
    format_func=lambda i: labels[i],
    key="plan_chapter",
)
query = c2.text_input(t("plan.search", lang), key="plan_query")

if query.strip():
    found = views.search_sections(sections, query)
    st.caption(t("plan.matches", lang, n=len(found)) if len(found) else t("plan.no_match", lang))
    shown = found
else:
    shown = sections[
        (sections["id"] == chapter)
        | sections["parent_id"].eq(chapter)
        | sections["parent_id"].isin(sections.loc[sections["parent_id"].eq(chapter), "id"])
    ]

if wanted in set(sections["id"]) and not query.strip():
    # arrived from a target: its passage first, then the whole chapter below
    linked = sections[sections["id"] == wanted].iloc[0]
    with st.container(border=True):
        st.markdown(f"**{t('plan.linked', lang)}: {md(linked['label_zh'])} {md(linked['title_zh'])}**")
        mine = indicators[indicators["section_id"] == wanted]
        st.markdown(views.highlight(linked["text_zh"], list(mine["source_sentence"])))

for sec in shown.itertuples():
    targets = indicators[indicators["section_id"] == sec.id]
    if sec.kind in ("chapter", "preface"):
        st.header(md(labels.get(sec.id, sec.title_zh)))
    elif sec.kind in ("section", "box"):
        st.subheader(md(f"{sec.label_zh} {sec.title_zh}"))
    else:
        st.markdown(f"**{md(sec.label_zh)}**")
    if sec.text_zh:
        # the highlighted promise opens its target (a plain link reloads the app, so it carries the language)
        links = [f"indicator?indicator={i}&lang={lang}" for i in targets["id"]]
        st.markdown(views.highlight(sec.text_zh, list(targets["source_sentence"]), links))
    if len(targets):
        with st.expander(f"{t('plan.targets_here', lang)} ({len(targets)})", expanded=sec.id == wanted):
            for r in targets.itertuples():
                name = pick(lang, r.name_zh, r.name_en)
                label = f"{clause_label(r.clause, lang)} {name} — {target_text(indicators.loc[r.Index], lang)}"
                chrome.indicator_link(r.id, label)
