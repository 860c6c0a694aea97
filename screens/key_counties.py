"""重点帮扶县: where do the 9 key-assistance counties lag? A scorecard of the counties × the targets that have county
figures, each cell coloured by status with its symbol and value and linked to the indicator detail for that county;
national and regional key counties in separate bands."""

from functools import partial

import streamlit as st

from ningxia_dash.i18n import t
from ningxia_dash.places import common, legends
from ningxia_dash.ui import chrome, data, place_models, state

ctx = chrome.page_context()
lang = ctx.lang


sticky = partial(state.sticky, "key_counties")  # widget values that survive page switches


title = st.empty()  # filled once the year is known: from the plan's last year on, the question is what was not met
chrome.demo_banner(lang)

years = common.year_choices(ctx.plan.period_start, [data.latest_data_year(ctx.plan_id, ctx.version)])
c_year, c_note = st.columns([1, 4])
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
with c_note:
    st.caption(t("key_counties.intro", lang))
view = place_models.key_counties(ctx.plan_id, year, ctx.plan.baseline_year, lang, ctx.version)
title.title(t("key_counties.title_final" if view.final else "key_counties.title", lang))
if view.table.empty:  # a new plan, or a production database, before any county figures are imported
    chrome.upload_needed("places.no_county_data", lang)
    st.stop()

if view.final:  # from the plan's last year on, the cells speak as the overview does: end-of-period verdicts
    st.info(t("key_counties.final_note", lang, year=year))
for col, level in zip(st.columns(2), common.KEY_LEVELS, strict=True):
    col.markdown(f"**{t(f'level.{level}', lang)}** · {view.tallies[level]}")
st.html(view.html)
st.html(
    legends.legend_html(
        t("places.mode.verdict" if view.final else "places.mode.status", lang),
        legends.status_legend(lang, final=view.final),
        t("key_counties.legend_note_final" if view.final else "key_counties.legend_note", lang),
        inline=True,
    )
)
st.caption(
    (f"{chrome.badge('demo', lang)} {t('places.county_demo', lang)} " if view.has_demo else "")
    + t("verdict.rule_help" if view.final else "status.rule_help", lang)
)
chrome.download_buttons(view.table, f"key-counties-{year}", lang)
