"""移民村: are resettled people's incomes catching up? The 261 key resettlement villages (demonstration data) as points
coloured by status on a chosen metric and sized by population, filters, a sortable table in sync, a village profile."""

from functools import partial

import streamlit as st

from ningxia_dash import views
from ningxia_dash.i18n import pick, t
from ningxia_dash.params import one_of
from ningxia_dash.places import common, county_map, legends, villages
from ningxia_dash.safe_text import md
from ningxia_dash.ui import chrome, data, params, place_models, state

ctx = chrome.page_context()
lang = ctx.lang
MAP_H = 520
VILLAGE = "villages.village"


sticky = partial(state.sticky, "villages")  # widget values that survive page switches


def pick_from_map() -> None:
    if vid := common.selected_object(st.session_state.get("villages_deck"), "villages", "id"):
        st.session_state[VILLAGE] = vid


def pick_from_table(ids: list[str]) -> None:
    rows = st.session_state["villages_table"]["selection"]["rows"]
    if rows and rows[0] < len(ids):
        st.session_state[VILLAGE] = ids[rows[0]]


st.title(t("villages.title", lang))
all_villages = data.villages(ctx.version)
if all_villages.empty:  # a production database before the village list is uploaded
    chrome.upload_needed("empty.villages_upload", lang)
    st.stop()
if (all_villages["source_kind"] == "demo").any():
    st.warning(f"{chrome.badge('demo', lang)} {t('villages.demo_notice', lang)}")

metrics = data.place_metrics("village", ctx.version)
metric_ids = list(metrics["id"])
metric_names = dict(
    zip(
        metric_ids, [pick(lang, z, e) for z, e in zip(metrics["name_zh"], metrics["name_en"], strict=True)], strict=True
    )
)
county_rows = county_map.counties(data.regions(ctx.version))
county_codes = [c for c in county_rows["code"] if c in set(all_villages["county_code"])]
county_names = dict(
    zip(
        county_rows["code"],
        [pick(lang, z, e) for z, e in zip(county_rows["short_zh"], county_rows["short_en"], strict=True)],
        strict=True,
    )
)
years = common.year_choices(ctx.plan.period_start, data.village_metric_values("v_income", ctx.version)["year"])
link = params.read("county", lambda raw: one_of(raw, county_codes), None, lang, t("common.all", lang))
if link is not None and link != st.session_state.get("_villages.link"):
    st.session_state["_villages.link"] = link  # a deep link (?county=) sets the county filter once
    st.session_state["villages.counties"] = [link]

c_metric, c_year = st.columns([3, 1])
with c_metric:
    metric_id = st.selectbox(
        t("villages.metric", lang), metric_ids, format_func=lambda m: metric_names[m],
        **sticky("metric", villages.DEFAULT_VILLAGE_METRIC, metric_ids),
    )  # fmt: skip
with c_year:
    year = st.selectbox(t("places.as_of", lang), years, **sticky("year", years[-1], years))
f1, f2, f3, f4 = st.columns([2.2, 1.4, 1.6, 2.2])
with f1:
    chosen_counties = st.multiselect(
        t("col.county", lang), county_codes, format_func=lambda c: county_names[c],
        placeholder=t("common.all", lang), **sticky("counties", []),
    )  # fmt: skip
with f2:
    leader = st.segmented_control(
        t("villages.filter.leader", lang), ["all", "yes", "no"], format_func=lambda x: t(f"villages.leader.{x}", lang),
        help=t("villages.filter.leader_help", lang), **sticky("leader", "all", ["all", "yes", "no"]),
    )  # fmt: skip
with f3:
    types = st.multiselect(
        t("villages.col.type", lang), ["policy", "spontaneous"], format_func=lambda x: t(f"relocation.{x}", lang),
        placeholder=t("common.all", lang), **sticky("types", []),
    )  # fmt: skip
with f4:
    industries = st.multiselect(
        t("villages.col.industry", lang), (industry_options := villages.industry_options(all_villages)),
        format_func=lambda x: villages.industry_text(x, lang), placeholder=t("common.all", lang),
        **sticky("industries", [], industry_options),
    )  # fmt: skip

key = (ctx.plan_id, metric_id, year, tuple(chosen_counties), leader or "all", tuple(types), tuple(industries), lang)
screen = place_models.villages_screen(*key, ctx.version)
view, shown, table = screen.view, screen.shown, screen.table
ids, current = villages.village_choices(table, st.session_state.get(VILLAGE))
st.session_state[VILLAGE] = current

map_col, legend_col, table_col = st.columns([4.2, 1.6, 4.6])
with map_col:
    deck = place_models.villages_deck(*key, ctx.version, current, MAP_H, 400)
    st.pydeck_chart(deck, height=MAP_H, key="villages_deck", on_select=pick_from_map, selection_mode="single-object")
final = screen.final  # from the plan's last year on: end-of-period verdicts, as on the overview
with legend_col:
    counts = common.legend_counts(shown["status"], final)
    title = t("places.mode.verdict" if final else "villages.legend.status", lang)
    st.html(legends.legend_html(title, legends.status_legend(lang, counts, final)))
    st.html(legends.legend_html(t("villages.legend.markers", lang), legends.village_marker_legend(lang)))
with table_col:
    st.markdown(t("villages.shown", lang, n=len(shown), total=len(view)))
    st.dataframe(
        table, hide_index=True, width="stretch", height=MAP_H - 40, key="villages_table",
        on_select=partial(pick_from_table, ids), selection_mode="single-row",
        column_config={  # the name, its status and the chosen metric's value in view at 1366 px (it scrolled away)
            "id": None, t("villages.col.village", lang): st.column_config.TextColumn(pinned=True, width="medium"),
            t("places.col.status", lang): st.column_config.TextColumn(width="small"),
            str(table.columns[3]): st.column_config.NumberColumn(width="small"),
        },
    )  # fmt: skip
if final:  # the verdict's rule, and what the village's rule judged on the way
    st.caption(t("villages.final_note", lang, year=year) + " " + t("verdict.rule_help", lang))
st.caption(t(f"villages.rule.{villages.village_rule(metric_id).rule_kind}", lang))
chrome.download_buttons(table.drop(columns=["id"]), f"villages-{metric_id}-{year}", lang)

# ---------------------------------------------------------------- the chosen village
st.subheader(t("villages.profile", lang))
if current is None:
    st.info(t("villages.none_match", lang))
    st.stop()
names = dict(zip(shown["id"], shown["name"], strict=True))
state.bind_widget(VILLAGE, "_villages.village")
vid = st.selectbox(
    t("villages.col.village", lang), ids, format_func=lambda i: names[i], key="_villages.village",
    on_change=state.keep_widget_value, args=(VILLAGE, "_villages.village"),
)  # fmt: skip
v = shown.set_index("id").loc[vid]
st.markdown(villages.village_facts(v, lang))
mark = partial(views.demo_marked, demo=villages.village_is_demo(v), lang=lang)  # the charts show this village's values
dims_chart, history_chart = place_models.village_charts(vid, metric_id, year, lang, ctx.version)
d_col, h_col = st.columns(2)
with d_col:
    st.markdown(f"**{mark(t('villages.dimensions', lang, year=year))}**")
    st.plotly_chart(dims_chart, config={"displayModeBar": False})
with h_col:
    st.markdown(f"**{mark(t('villages.history', lang, metric=md(metric_names[metric_id])))}**")
    st.plotly_chart(history_chart, config={"displayModeBar": False})
st.caption(t("villages.source_note", lang, kinds=common.kinds_text(view, lang)))
