"""闽宁产业园: what do the 10 Minning industrial parks of 专栏6-1 deliver? The parks on the map sized by a chosen KPI,
a comparison chart, the KPI table (figures resting on sample data say so; the unnamed tenth park has no location)."""

from functools import partial

import streamlit as st

from ningxia_dash import views
from ningxia_dash.i18n import pick, t, unit_label
from ningxia_dash.places import common, legends, parks
from ningxia_dash.safe_text import md
from ningxia_dash.ui import chrome, data, place_models, state

ctx = chrome.page_context()
lang = ctx.lang
MAP_H = 500


sticky = partial(state.sticky, "parks")  # widget values that survive page switches


st.title(t("parks.title", lang))
metrics = data.place_metrics("park", ctx.version)
values = data.park_metric_values(ctx.version)
if values.empty:  # a production database: the parks as the plan names them, no figures yet
    chrome.upload_needed("empty.parks_upload", lang)
    st.dataframe(place_models.park_list(lang, ctx.version), hide_index=True, width="stretch")
    st.stop()
if (values["source_kind"] == "demo").any():
    chrome.demo_banner(lang)
labels = {m["id"]: pick(lang, m["name_zh"], m["name_en"]) for m in metrics.to_dict("records")}
units = {m["id"]: m["unit"] for m in metrics.to_dict("records")}
kpis = [k for k in parks.PARK_KPIS if k in labels and k not in parks.PARK_PARTS.values()]
years = common.year_choices(ctx.plan.period_start, values["year"])

c_kpi, c_year = st.columns([3, 1])
with c_kpi:
    kpi = st.selectbox(t("parks.kpi", lang), kpis, format_func=lambda k: labels[k], **sticky("kpi", "p_jobs", kpis))
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
park_year = place_models.parks_year(year, lang, ctx.version)
frame, totals, table = park_year.frame, park_year.totals, park_year.table
deck, comparison, trend = place_models.parks_figures(kpi, year, lang, ctx.version, MAP_H, 400)
mark = partial(views.demo_marked, demo=bool((frame["source_kind"] == "demo").any()), lang=lang)  # this year's figures

m = st.columns(4)
for col, (total, part) in zip(
    m, [("p_enterprises", "p_fujian_enterprises"), ("p_investment", None), ("p_output", None), ("p_jobs", "p_jobs_poverty")],
    strict=True,
):  # fmt: skip
    col.metric(
        mark(md(labels[total])),
        common.kpi_text(totals[total], units[total], lang),
        help=md(f"{labels[part]}: {common.kpi_text(totals[part], units[part], lang)}")
        if part
        else t("parks.total_help", lang),
    )
    if part:
        col.caption(md(f"{labels[part]} {common.kpi_text(totals[part], units[part], lang)}"))

map_col, legend_col, chart_col = st.columns([4.2, 1.6, 4.6])
with map_col:
    st.pydeck_chart(deck, height=MAP_H, key="parks_deck")
with legend_col:
    st.html(legends.legend_html(t("parks.legend", lang), legends.park_legend(lang, labels[kpi], frame)))
    for p in parks.unlocated_parks(frame).to_dict("records"):
        st.caption(t("parks.unlocated", lang, name=md(p["name"])))
    st.caption(t("parks.location_note", lang))
    st.html(legends.legend_html(t("places.legend.outline", lang), legends.level_legend(lang)))
with chart_col:
    unit = units[kpi]
    st.markdown(
        f"**{mark(t('parks.compare', lang, kpi=md(labels[kpi]), year=year))}**"
        + (f" ({md(unit_label(unit, lang))})" if unit_label(unit, lang) else "")
    )
    st.plotly_chart(comparison, config={"displayModeBar": False})

st.subheader(t("parks.table", lang, year=year))
st.dataframe(table, hide_index=True, width="stretch")
chrome.download_buttons(table, f"parks-{year}", lang)
st.caption(t("parks.source_note", lang, kinds=common.kinds_text(values, lang)))

st.subheader(t("parks.trend", lang, kpi=md(labels[kpi])))
st.plotly_chart(trend, config={"displayModeBar": False})
