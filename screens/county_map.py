"""县域地图: which counties lag? The 22 counties by a chosen indicator (status or value) as of a year, key counties
outlined by level, a ranking beside the map; a county picked on the map, the ranking or the selector opens its
profile (its targets, villages and parks)."""

from collections.abc import Callable
from functools import partial

import streamlit as st

from ningxia_dash import config
from ningxia_dash import params as checks
from ningxia_dash.i18n import t, unit_label
from ningxia_dash.params import one_of
from ningxia_dash.places import common, county_map, legends
from ningxia_dash.safe_text import md
from ningxia_dash.ui import chrome, data, links, models, params, place_models, state

ctx = chrome.page_context()
lang = ctx.lang
MAP_H = 540
COUNTY = "county_map.county"  # the county whose profile is open (?region=)
CITY = "county_map.city"  # the city whose counties the map shows (?city=)
LEVEL = "county_map.level"  # the region's view: its 22 counties or its 5 cities (?level=)
LEVELS = ["county", "city"]
WRITTEN = "_county_map.written"  # what the page last put in the address: {name: value}


sticky = partial(state.sticky, "county_map")  # widget values that survive page switches
regions = data.regions(ctx.version)
county_rows, city_rows = county_map.counties(regions), county_map.cities(regions)
city_of = county_map.city_of(regions)
written: dict[str, str] = st.session_state.setdefault(WRITTEN, {})


def from_address(name: str, validate: Callable[[str], object], target: str, shown_default: str | None = None) -> None:
    """A link's ?name= chooses the value once (untrusted: a bad one gets a notice); later the page writes it."""
    value = params.read(name, validate, None, lang, shown_default, written.get(name))
    if value is not None and str(value) != written.get(name):
        st.session_state[target] = value
        written[name] = str(value)


def to_address(name: str, value: object) -> None:
    if value is None:
        st.query_params.pop(name, None)
        written.pop(name, None)
    else:
        st.query_params[name] = written[name] = str(value)


def open_city(code: str | None) -> None:
    """Show a city's counties (None: the whole region); the open county profile closes."""
    if code:
        st.session_state[CITY] = code
    else:
        st.session_state.pop(CITY, None)
    st.session_state.pop(COUNTY, None)
    st.session_state["_county_map.county"] = None


def pick_place(code: str | None) -> None:
    if not code:
        return
    if county_map.map_view(str(st.session_state.get(LEVEL)), st.session_state.get(CITY)) == "cities":
        open_city(city_of.get(code, code))  # a county of the city map, or a city's dot in the ranking
    else:
        st.session_state[COUNTY] = code
        if st.session_state.get(CITY):
            st.session_state[CITY] = city_of.get(code, st.session_state[CITY])


def pick_from_map() -> None:
    pick_place(common.selected_object(st.session_state.get("county_map_deck"), "counties", "code"))


st.title(t("places.county_title", lang))
subtitle = st.empty()  # the chosen indicator's target, clause and reference, once it is known
chrome.demo_banner(lang)

years = common.year_choices(ctx.plan.period_start, [data.latest_data_year(ctx.plan_id, ctx.version)])
from_address("year", lambda raw: checks.year(raw, years), "county_map.year", str(years[-1]))
from_address("region", lambda raw: one_of(raw, set(county_rows["code"])), COUNTY)
from_address("city", lambda raw: one_of(raw, set(city_rows["code"])), CITY)
from_address("level", lambda raw: one_of(raw, LEVELS), LEVEL, t("places.level.county", lang))


def no_county_figures() -> None:
    """No county has a figure yet (a new plan, a production database): say what to upload, show the counties in
    grey with a legend that says why, and draw nothing else."""
    chrome.upload_needed("places.no_county_data", lang)
    map_col, legend_col = st.columns([4.3, 1.6])
    map_col.pydeck_chart(
        place_models.empty_county_deck(lang, ctx.version, MAP_H, 400), height=MAP_H, key="county_map_deck"
    )
    legend_col.html(legends.legend_html(t("places.mode.status", lang), [legends.status_legend(lang)[-1]],
                                        t("places.legend.empty_note", lang)))  # fmt: skip
    st.stop()


c_ind, c_mode, c_level, c_year = st.columns([2.4, 1.7, 1.8, 1])  # colour-by buttons whole at 1366 px
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
to_address("year", year)
base = ctx.plan.baseline_year
final = models.is_final(ctx.plan_id, year, ctx.version)  # the plan's last year on: verdicts, as on the overview
status_mode = "places.mode.verdict" if final else "places.mode.status"
choices, names = place_models.county_choices(ctx.plan_id, year, base, lang, ctx.version)
ids = list(choices["id"])
if not ids:  # a new plan (the next five-year plan) or a production database before county figures are imported
    no_county_figures()
from_address("indicator", lambda raw: one_of(raw, ids), "county_map.indicator")
with c_ind:
    indicator_id = st.selectbox(
        t("col.indicator", lang), ids, format_func=lambda i: names[i], **sticky("indicator", ids[0], ids)
    )
to_address("indicator", indicator_id)
with c_mode:
    mode = st.segmented_control(
        t("places.colour_by", lang),
        ["status", "value"],
        format_func=lambda m: t(status_mode if m == "status" else f"places.mode.{m}", lang),
        help=t("verdict.rule_help" if final else "status.rule_help", lang),
        **sticky("mode", "status", ["status", "value"]),
    )
mode = mode or "status"
with c_level:
    level = st.segmented_control(
        t("places.show", lang), LEVELS, format_func=lambda v: t(f"places.level.{v}", lang),
        **sticky("level", "county", LEVELS),
    ) or "county"  # fmt: skip
to_address("level", level)
city = st.session_state.get(CITY)
selected = st.session_state.get(COUNTY)
if selected and city and city_of.get(selected) != city:
    city = st.session_state[CITY] = city_of.get(selected)
to_address("city", city)
to_address("region", selected)
subtitle.markdown(place_models.county_subtitle(ctx.plan_id, indicator_id, year, lang, ctx.version))
view = county_map.map_view(level, city)
if final and mode == "status":
    st.info(t("places.final_note", lang, year=year))

# ---------------------------------------------------------------- where we are: region › city › county › villages
city_names, county_names = county_map.names(city_rows, lang), county_map.names(county_rows, lang)
crumb_city = city or (city_of.get(selected) if selected else None)
with st.container(horizontal=True, vertical_alignment="center", gap="small", key="county_map_crumbs"):
    st.button(t("places.crumb.region", lang), type="tertiary", icon=":material/public:", on_click=open_city,
              args=(None,), disabled=not (city or selected), key="crumb_region", help=t("places.crumb.help", lang))  # fmt: skip
    if crumb_city:
        st.markdown("›")
        st.button(md(city_names[crumb_city]), type="tertiary", on_click=open_city, args=(crumb_city,),
                  disabled=bool(city) and not selected, key="crumb_city")  # fmt: skip
    if selected:
        st.markdown(f"› **{md(county_names[selected])}** ›")
        st.page_link(chrome.page_file("villages"), label=t("places.crumb.villages", lang, county=md(county_names[selected])),
                     query_params={"county": selected})  # fmt: skip

county_view = place_models.county_map(
    ctx.plan_id, indicator_id, year, base, mode, selected, lang, ctx.version, MAP_H, 400, view, city
)
indicator, frame, edges, deck, ranking = (
    county_view.indicator,
    county_view.frame,
    county_view.edges,
    county_view.deck,
    county_view.ranking,
)

if view != "cities" and frame["value"].isna().all():  # e.g. a production database: city figures, no county ones
    no_county_figures()

map_col, legend_col, rank_col = st.columns([4.3, 1.6, 4.3])
with map_col:
    st.pydeck_chart(deck, height=MAP_H, key="county_map_deck", on_select=pick_from_map, selection_mode="single-object")
with legend_col:
    unit = indicator.get("unit") if isinstance(indicator.get("unit"), str) else None
    fills = (
        legends.status_legend(lang, common.legend_counts(frame["status"], final), final)
        if mode == "status"
        else legends.value_legend(edges, unit, lang)
    )
    note = t("places.legend.value_note", lang) if mode == "value" else t("places.legend.status_note", lang)
    st.html(legends.legend_html(t(status_mode if mode == "status" else "places.mode.value", lang), fills, note))
    if view != "cities":
        st.html(legends.legend_html(t("places.legend.outline", lang), legends.level_legend(lang),
                                 t("places.legend.stars", lang)))  # fmt: skip
with rank_col:
    end = "_final" if final else ""  # the plan's end: no one "lags" any more, some are furthest from the target
    title = (
        t("places.rank.cities" + end, lang) if view == "cities"
        else t("places.rank.city" + end, lang, city=md(city_names[city])) if view == "city" and city
        else t("places.rank.counties" + end, lang)
    )  # fmt: skip
    st.markdown(f"**{title}**" + (f" ({md(unit_label(unit, lang))})" if unit_label(unit, lang) else ""))
    st.html(ranking)  # static: a click on a name picks the place (links.pick, below)
    if view == "cities":
        st.caption(t("places.city_note", lang))
    elif pace_note := place_models.county_pace_note(ctx.plan_id, indicator_id, year, base, lang, ctx.version):
        st.caption(md(pace_note), help=t("pace.help", lang))
links.pick("county_map_rank", set(county_rows["code"]) | set(city_rows["code"]), pick_place)
hint = t("places.pick_hint_city", lang) if view == "cities" else t("places.pick_hint", lang)
st.caption(f"{hint} {t('map.caption', lang)}")

# ---------------------------------------------------------------- the chosen county's profile
st.subheader(t("places.profile", lang))
codes = list(county_rows["code"])
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

p = place_models.county_profile(ctx.plan_id, code, year, base, lang, ctx.version)
profile, table, here, parks = p.profile, p.table, p.villages, p.parks

st.markdown(f"#### {md(profile['name'])} · {md(profile['level_text'])}")
m1, m2, m3, m4 = st.columns(4)
m1.metric(t("places.metric.targets", lang), len(table), help=t("places.metric.targets_help", lang))
m2.metric(t("places.metric.not_met" if final else "places.metric.behind", lang), p.behind)
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
        st.markdown(t("places.villages_summary_final" if final else "places.villages_summary", lang,
                      **(p.village_summary or {})))  # fmt: skip
        st.dataframe(p.village_table, hide_index=True, width="stretch", column_config={"id": None}, height=300)
        st.page_link(
            config.ROOT / "screens" / "villages.py", label=t("places.to_villages", lang), query_params={"county": code}
        )
with tab_parks:
    if parks.empty:
        st.write(t("places.no_parks", lang))
    else:
        chrome.demo_banner(lang)
        st.dataframe(p.park_table, hide_index=True, width="stretch")
        st.page_link(config.ROOT / "screens" / "parks.py", label=t("places.to_parks", lang))
