"""重点帮扶县: where do the 9 key-assistance counties lag? A scorecard of the counties × the targets that have county
figures, each cell coloured by status with its symbol and value and linked to the indicator detail for that county;
national and regional key counties in separate bands."""

from functools import partial

import streamlit as st

from ningxia_dash import config, maps, places
from ningxia_dash.i18n import t
from ningxia_dash.ui import chrome, data, state

ctx = chrome.page_context()
lang = ctx.lang


sticky = partial(state.sticky, "key_counties")  # widget values that survive page switches


st.title(t("key_counties.title", lang))
chrome.demo_banner(lang)

county_rows = places.counties(data.regions(ctx.version))
indicators = data.indicators(ctx.plan_id, ctx.version)
years = places.year_choices(int(ctx.plan["period_start"]), [data.latest_data_year(ctx.plan_id, ctx.version)])
c_year, c_note = st.columns([1, 4])
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
with c_note:
    st.caption(t("key_counties.intro", lang))
assessments = data.assessments_all_regions(ctx.plan_id, year, int(ctx.plan["baseline_year"]), ctx.version)
shown = places.county_indicators(indicators, assessments, county_rows["code"])
score = places.scorecard(data.regions(ctx.version), assessments, shown, lang, config.PROVINCE_CODE)

for col, level in zip(st.columns(2), places.KEY_LEVELS, strict=True):
    col.markdown(f"**{t(f'level.{level}', lang)}** · {places.status_tally(places.level_statuses(score, level), lang)}")
st.html(places.scorecard_html(score, shown, lang))
st.html(
    maps.legend_html(
        t("places.mode.status", lang), maps.status_legend(lang), t("key_counties.legend_note", lang), inline=True
    )
)
st.caption(f"{chrome.badge('demo', lang)} {t('places.county_demo', lang)} {t('status.rule_help', lang)}")
chrome.download_buttons(places.scorecard_table(score, shown, lang), f"key-counties-{year}", lang)
