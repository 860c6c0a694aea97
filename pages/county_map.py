"""县域地图: which counties lag? The 22 counties by a chosen indicator (status or value) as of a year, key counties
outlined by level, a ranking beside the map; a county picked on the map, the ranking or the selector opens its
profile (its targets, villages and parks)."""

from functools import partial

import streamlit as st

from ningxia_dash import config, maps, place_charts, places
from ningxia_dash.i18n import pick, t, unit_label
from ningxia_dash.ui import chrome, data, state

ctx = chrome.page_context()
lang = ctx.lang
MAP_H = 540
COUNTY = "county_map.county"


sticky = partial(state.sticky, "county_map")  # widget values that survive page switches


def pick_from_map() -> None:
    if code := places.selected_object(st.session_state.get("county_map_deck"), "counties", "code"):
        st.session_state[COUNTY] = code


def pick_from_chart() -> None:
    if code := places.selected_point(st.session_state.get("county_map_rank")):
        st.session_state[COUNTY] = code


st.title(t("places.county_title", lang))
chrome.demo_banner(lang)

shapes = data.county_shapes(ctx.version)
county_rows = places.counties(data.regions(ctx.version))
indicators = data.indicators(ctx.plan_id, ctx.version)
years = places.year_choices(int(ctx.plan["period_start"]), [data.latest_data_year(ctx.plan_id, ctx.version)])
if (link := st.query_params.get("region")) and link != st.session_state.get("_county_map.link"):
    st.session_state["_county_map.link"] = link  # a deep link (?region=) chooses the county once
    if link in set(county_rows["code"]):
        st.session_state[COUNTY] = link

c_ind, c_mode, c_year = st.columns([3.2, 1.3, 1])
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
assessments = data.assessments_all_regions(ctx.plan_id, year, int(ctx.plan["baseline_year"]), ctx.version)
choices = places.county_indicators(indicators, assessments, county_rows["code"])
ids = list(choices["id"])
names = dict(
    zip(ids, [pick(lang, z, e) for z, e in zip(choices["name_zh"], choices["name_en"], strict=True)], strict=True)
)
with c_ind:
    indicator_id = st.selectbox(
        t("col.indicator", lang), ids, format_func=lambda i: names[i], **sticky("indicator", ids[0], ids)
    )
with c_mode:
    mode = st.segmented_control(
        t("places.colour_by", lang),
        ["status", "value"],
        format_func=lambda m: t(f"places.mode.{m}", lang),
        help=t("status.rule_help", lang),
        **sticky("mode", "status", ["status", "value"]),
    )
mode = mode or "status"
indicator = choices.set_index("id").loc[indicator_id].to_dict() | {"id": indicator_id}
frame = places.county_frame(county_rows, assessments, indicator, lang)
edges = maps.value_classes(list(frame["value"].dropna()))
selected = st.session_state.get(COUNTY)

map_col, legend_col, rank_col = st.columns([4.3, 1.6, 4.3])
with map_col:
    deck = maps.county_choropleth_deck(
        frame, shapes, mode, names[indicator_id], edges, selected, maps.framed_view(MAP_H, 400)
    )
    st.pydeck_chart(deck, height=MAP_H, key="county_map_deck", on_select=pick_from_map, selection_mode="single-object")
with legend_col:
    unit = indicator.get("unit") if isinstance(indicator.get("unit"), str) else None
    fills = (
        maps.status_legend(lang, places.status_counts(frame["status"]))
        if mode == "status"
        else maps.value_legend(edges, unit, lang)
    )
    note = t("places.legend.value_note", lang) if mode == "value" else t("places.legend.status_note", lang)
    st.html(maps.legend_html(t(f"places.mode.{mode}", lang), fills, note))
    st.html(maps.legend_html(t("places.legend.outline", lang), maps.level_legend(lang), t("places.legend.stars", lang)))
with rank_col:
    st.markdown(f"**{t('places.ranking', lang)}**" + (f" ({unit_label(unit, lang)})" if unit_label(unit, lang) else ""))
    fig = place_charts.county_ranking_chart(
        places.county_ranking(frame, places.higher_is_better(indicator)),
        unit,
        lang,
        province_value=places.province_value(assessments, indicator_id, config.PROVINCE_CODE),
        target_value=places.chart_target(indicator),
        selected=selected,
        height=MAP_H - 30,
        colours=maps.fill_colours(frame, mode, edges),
    )
    st.plotly_chart(
        fig, key="county_map_rank", on_select=pick_from_chart, selection_mode="points", config={"displayModeBar": False}
    )
st.caption(f"{t('places.pick_hint', lang)} {t('map.caption', lang)}")

# ---------------------------------------------------------------- the chosen county's profile
st.subheader(t("places.profile", lang))
codes = list(county_rows["code"])
county_names = dict(
    zip(
        codes,
        [pick(lang, z, e) for z, e in zip(county_rows["name_zh"], county_rows["name_en"], strict=True)],
        strict=True,
    )
)
if COUNTY in st.session_state:
    state.bind_widget(COUNTY, "_county_map.county")
code = st.selectbox(
    t("col.county", lang),
    codes,
    index=None,
    format_func=lambda c: county_names[c],
    placeholder=t("places.pick_placeholder", lang),
    key="_county_map.county",
    on_change=state.keep_widget_value,
    args=(COUNTY, "_county_map.county"),
)
if code is None:
    st.info(t("places.pick_hint", lang))
    st.stop()

profile = places.county_profile(county_rows, code, lang)
villages = places.villages_view(
    data.villages(ctx.version),
    data.village_statuses(
        places.DEFAULT_VILLAGE_METRIC, year, int(ctx.plan["baseline_year"]),
        places.target_year(indicators, places.DEFAULT_VILLAGE_METRIC, int(ctx.plan["period_end"])), ctx.version,
    ),
    places.metric_row(data.place_metrics("village", ctx.version), places.DEFAULT_VILLAGE_METRIC),
    lang,
)  # fmt: skip
here = places.filter_villages(villages, [code])
parks = places.parks_in_county(
    places.parks_frame(data.parks(ctx.version), data.park_metric_values(ctx.version), year, lang), code
)
table = places.county_profile_table(choices, assessments, code, config.PROVINCE_CODE, lang)

st.markdown(f"#### {profile['name']} · {profile['level_text']}")
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("places.metric.targets", lang), len(table), help=t("places.metric.targets_help", lang))
m2.metric(t("places.metric.behind", lang), places.behind_count(assessments, code, ids))
m3.metric(t("places.metric.villages", lang), len(here))
m4.metric(t("places.metric.parks", lang), len(parks))

tab_targets, tab_villages, tab_parks = st.tabs(
    [
        t("places.tab.targets", lang),
        t("places.tab.villages", lang, n=len(here)),
        t("places.tab.parks", lang, n=len(parks)),
    ]
)
with tab_targets:
    st.caption(f"{chrome.badge('demo', lang)} {t('places.county_demo', lang)}")
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("places.col.detail", lang): st.column_config.LinkColumn(display_text=t("places.link_text", lang)),
            t("places.col.explanation", lang): st.column_config.TextColumn(width="large"),
            t("col.indicator", lang): st.column_config.TextColumn(pinned=True),
        },
    )
    chrome.download_buttons(table, f"county-{code}-{year}", lang)
with tab_villages:
    chrome.demo_banner(lang)
    if here.empty:
        st.write(t("places.no_villages", lang))
    else:
        st.markdown(t("places.villages_summary", lang, **places.village_summary(here, lang)))
        vt = places.villages_table(
            here, places.metric_row(data.place_metrics("village", ctx.version), "v_income"), lang
        )
        st.dataframe(vt, hide_index=True, width="stretch", column_config={"id": None}, height=300)
        st.page_link(
            config.ROOT / "pages" / "villages.py", label=t("places.to_villages", lang), query_params={"county": code}
        )
with tab_parks:
    if parks.empty:
        st.write(t("places.no_parks", lang))
    else:
        chrome.demo_banner(lang)
        st.dataframe(
            places.parks_table(parks, data.place_metrics("park", ctx.version), lang), hide_index=True, width="stretch"
        )
        st.page_link(config.ROOT / "pages" / "parks.py", label=t("places.to_parks", lang))
