"""县域地图: which counties lag? The 22 counties by a chosen indicator (status or value) as of a year, key counties
outlined by level, a ranking beside the map; a county picked on the map, the ranking or the selector opens its
profile (its targets, villages and parks)."""

from functools import partial

import streamlit as st

from ningxia_dash import config, maps, places
from ningxia_dash.i18n import pick, t, unit_label
from ningxia_dash.params import one_of
from ningxia_dash.safe_text import md
from ningxia_dash.ui import chrome, data, models, params, state

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

county_rows = places.counties(data.regions(ctx.version))
years = places.year_choices(int(ctx.plan["period_start"]), [data.latest_data_year(ctx.plan_id, ctx.version)])
link = params.read("region", lambda raw: one_of(raw, set(county_rows["code"])), None, lang)
if link is not None and link != st.session_state.get("_county_map.link"):
    st.session_state["_county_map.link"] = st.session_state[COUNTY] = link  # a deep link chooses the county once

c_ind, c_mode, c_year = st.columns([3.2, 1.3, 1])
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
base = int(ctx.plan["baseline_year"])
choices, names = models.county_choices(ctx.plan_id, year, base, lang, ctx.version)
ids = list(choices["id"])
if not ids:  # a new plan (the next five-year plan) or a production database before county figures are imported
    chrome.upload_needed("places.no_county_data", lang)
    map_col, legend_col = st.columns([4.3, 1.6])
    map_col.pydeck_chart(models.empty_county_deck(lang, ctx.version, MAP_H, 400), height=MAP_H, key="county_map_deck")
    legend_col.html(maps.legend_html(t("places.mode.status", lang), [maps.status_legend(lang)[-1]],
                                     t("places.legend.empty_note", lang)))  # fmt: skip
    st.stop()
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
selected = st.session_state.get(COUNTY)
indicator, frame, edges, deck, ranking = models.county_map(
    ctx.plan_id, indicator_id, year, base, mode, selected, lang, ctx.version, MAP_H, 400
)

map_col, legend_col, rank_col = st.columns([4.3, 1.6, 4.3])
with map_col:
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
    st.markdown(
        f"**{t('places.ranking', lang)}**" + (f" ({md(unit_label(unit, lang))})" if unit_label(unit, lang) else "")
    )
    st.plotly_chart(
        ranking, key="county_map_rank", on_select=pick_from_chart, selection_mode="points",
        config={"displayModeBar": False},
    )  # fmt: skip
    if pace_note := models.county_pace_note(ctx.plan_id, indicator_id, year, base, lang, ctx.version):
        st.caption(md(pace_note), help=t("pace.help", lang))
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

p = models.county_profile(ctx.plan_id, code, year, base, lang, ctx.version)
profile, table, here, parks = p["profile"], p["table"], p["villages"], p["parks"]

st.markdown(f"#### {md(profile['name'])} · {md(profile['level_text'])}")
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("places.metric.targets", lang), len(table), help=t("places.metric.targets_help", lang))
m2.metric(t("places.metric.behind", lang), p["behind"])
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
        st.markdown(t("places.villages_summary", lang, **p["village_summary"]))
        st.dataframe(p["village_table"], hide_index=True, width="stretch", column_config={"id": None}, height=300)
        st.page_link(
            config.ROOT / "screens" / "villages.py", label=t("places.to_villages", lang), query_params={"county": code}
        )
with tab_parks:
    if parks.empty:
        st.write(t("places.no_parks", lang))
    else:
        chrome.demo_banner(lang)
        st.dataframe(p["park_table"], hide_index=True, width="stretch")
        st.page_link(config.ROOT / "screens" / "parks.py", label=t("places.to_parks", lang))
