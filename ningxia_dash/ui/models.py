"""Cached view models: what a page shows (tables of display strings, figures, HTML), built once per inputs,
language and data version instead of on every rerun. A rerun of a page whose view model is cached only sends it.

Why here and not in the pure modules: the builders stay pure (tracking/, places, maps) and are
tested without Streamlit; this module is the second half of the caching boundary next to `data` (whose readers
it calls with the same data_version, so an import invalidates both at once).

The package's places, maps and place charts are still imported inside the functions that use them (they move to
a places/ package in the same wave); everything else is imported here: no import circle forbids it (ui/ is the
edge, nothing below imports it), and Streamlit has loaded plotly before this module runs.

Figures and view models are cached with st.cache_resource, not st.cache_data: cache_data hands every rerun an
unpickled copy, and unpickling a plotly figure re-validates every property (20 % of the overview's server time
under load). The shared objects are therefore read-only by convention: pages pass them to Streamlit (which copies
what it sends) and never change them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import streamlit as st

from ningxia_dash import config, gauge_svg, html_table, views
from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import clause_label
from ningxia_dash.tracking import assess, charts, continuity, detail, evaluation, gauges
from ningxia_dash.tracking import overview as tracking_overview
from ningxia_dash.tracking.overview import OverviewModel
from ningxia_dash.ui import data

if TYPE_CHECKING:
    pass


def province_rows(plan_id: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """The plan's targets with their province assessment side by side (overview.with_status); from the
    plan's last year on, in the words of the final evaluation (overview.speak_verdicts)."""
    rows = tracking_overview.with_status(
        data.indicators(plan_id, data_version),
        data.assessments(plan_id, config.PROVINCE_CODE, as_of_year, baseline_year, data_version),
    )
    if evaluation.is_final_year(as_of_year, int(plan_row(plan_id, data_version)["period_end"])):
        verdicts = data.evaluations(plan_id, config.PROVINCE_CODE, as_of_year, baseline_year, data_version)
        rows = tracking_overview.speak_verdicts(rows, verdicts)
    return rows


@st.cache_resource(show_spinner=False, max_entries=32)
def evaluation_rows(plan_id: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """The plan's targets with their end-of-period verdict for the province (evaluation.evaluation_rows)."""
    return evaluation.evaluation_rows(
        data.indicators(plan_id, data_version),
        data.evaluations(plan_id, config.PROVINCE_CODE, as_of_year, baseline_year, data_version),
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def evaluation_table(plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str) -> pd.DataFrame:
    """The 终期评估 display table of every target (filtered by the page by position)."""
    return evaluation.evaluation_table(evaluation_rows(plan_id, as_of_year, baseline_year, data_version), lang)


# --- continuity across plans (helper plan): the 衔接 section and the series across plans ---
def all_indicators(data_version: str) -> pd.DataFrame:
    """Every plan's indicators (continuity links run between plans)."""
    frames = [data.indicators(str(p), data_version) for p in data.plans(data_version)["id"]]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@st.cache_resource(show_spinner=False, max_entries=16)
def continuity_bridge(plan_id: str, lang: Lang, data_version: str) -> dict[str, Any] | None:
    """The 衔接 section of the evaluation page: the chosen plan and the next one (or its predecessor and it);
    None when no such pair exists."""
    plans = data.plans(data_version)
    pair = continuity.plan_pair(plans, all_indicators(data_version), plan_id)
    if pair is None:
        return None
    old_id, new_id = pair
    old_plan, new_plan = plan_row(old_id, data_version).copy(), plan_row(new_id, data_version).copy()
    old_plan["id"], new_plan["id"] = old_id, new_id
    end, base = int(old_plan["period_end"]), int(old_plan["baseline_year"])
    b = continuity.bridge(
        old_plan, new_plan, data.indicators(old_id, data_version), data.indicators(new_id, data_version),
        data.evaluations(old_id, config.PROVINCE_CODE, end, base, data_version),
        data.observations(old_id, data_version), config.PROVINCE_CODE,
    )  # fmt: skip
    return {
        "old": old_plan,
        "new": new_plan,
        "summary": continuity.summary(b, lang),
        "table": continuity.bridge_table(b, lang),
        "dropped": continuity.list_table(b.dropped, lang),
        "new_only": continuity.list_table(b.new_only, lang),
        "has_demo": any("demo" in x.achieved_kinds or x.final_source == "demo" for x in b.links),
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def indicator_across(
    plan_id: str, indicator_id: str, region: str, lang: Lang, data_version: str
) -> dict[str, Any] | None:
    """The series across plans of a continuing indicator (its chart and caption), None for one that continues
    nothing and is continued by nothing."""
    inds = all_indicators(data_version)
    pair = continuity.chain(inds, indicator_id)
    if pair is None:
        return None
    by_id = inds.set_index("id", drop=False)
    old, new = by_id.loc[pair[0]], by_id.loc[pair[1]]
    old_plan = plan_row(str(old["plan_id"]), data_version).copy()
    new_plan = plan_row(str(new["plan_id"]), data_version).copy()
    old_plan["id"], new_plan["id"] = old["plan_id"], new["plan_id"]
    old_series = continuity.series(data.observations(str(old["plan_id"]), data_version), pair[0], region)
    new_series = continuity.series(data.observations(str(new["plan_id"]), data_version), pair[1], region)
    segments = continuity.across(old, new, old_plan, new_plan, old_series, new_series, plan_id, lang)
    unit = new["unit"] if isinstance(new["unit"], str) else None
    return {
        "chart": charts.across_plans(segments, unit, lang),
        "caption": continuity.across_caption(segments, unit, lang),
    }


def plan_row(plan_id: str, data_version: str) -> pd.Series:
    return data.plans(data_version).set_index("id").loc[plan_id]


@st.cache_resource(show_spinner=False, max_entries=32)
def overview(plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str) -> OverviewModel:
    """The overview's model: alerts, status counts and the headline table."""
    return tracking_overview.overview_model(province_rows(plan_id, as_of_year, baseline_year, data_version), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def headline_html(
    plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str, link: str | None, columns: int = 5
) -> str:
    """The 13 headline gauges as static HTML + SVG (no charting library on the first screen), once per input: the
    overview's (linked to `link`, 5 columns) and the presenter slide's (no links, 7 columns)."""
    rows = province_rows(plan_id, as_of_year, baseline_year, data_version)
    shown, groups = gauges.headline_gauge_inputs(rows, lang)
    return gauge_svg.headline_html(shown, groups, lang, link, columns=columns, year=as_of_year)


@st.cache_resource(show_spinner=False, max_entries=32)
def headline_table_html(
    plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str, link: str
) -> str:
    """The overview's headline table as static HTML with links to the details, once per input."""
    model = overview(plan_id, as_of_year, baseline_year, lang, data_version)
    shown, table = model.shown, model.table
    return html_table.table_html(
        shown, list(table["id"]), link, lang, name_col=t("col.indicator", lang), progress_col=t("col.progress", lang),
        numeric=(t("col.latest", lang), t("col.year", lang)), nowrap=(t("col.clause", lang), t("col.status", lang), t("col.attribute", lang), t("col.source", lang)),
        titles=list(table[t("col.explanation", lang)]), year=as_of_year,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=8)
def source_mix_table(lang: Lang, data_version: str) -> pd.DataFrame:
    return views.source_mix_table(data.source_mix(data_version), lang)


@st.cache_resource(show_spinner=False, max_entries=32)
def key_counties(plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str) -> Any:
    """places.ScorecardView of the 9 key-assistance counties (and the province) as of a year."""
    from ningxia_dash import config
    from ningxia_dash.places import key_counties

    return key_counties.scorecard_view(
        data.regions(data_version), data.assessments_all_regions(plan_id, as_of_year, baseline_year, data_version),
        data.indicators(plan_id, data_version), lang, config.PROVINCE_CODE,
    )  # fmt: skip


# ---------------------------------------------------------------- villages (a key per filter combination)


@st.cache_resource(show_spinner=False, max_entries=64)
def villages_screen(
    plan_id: str, metric_id: str, year: int, counties: tuple[str, ...], leader: str, types: tuple[str, ...],
    industries: tuple[str, ...], lang: Lang, data_version: str,
) -> Any:  # fmt: skip
    """(all villages with their status on the metric, the filtered ones worst first, their table): the work
    between the filters and the map, done once per filter combination."""
    from ningxia_dash.places import villages

    plan = plan_row(plan_id, data_version)
    statuses = data.village_statuses(
        metric_id, year, int(plan["baseline_year"]),
        villages.target_year(data.indicators(plan_id, data_version), metric_id, int(plan["period_end"])), data_version,
    )  # fmt: skip
    metric = villages.metric_row(data.place_metrics("village", data_version), metric_id)
    view = villages.villages_view(data.villages(data_version), statuses, metric, lang)
    shown = villages.worst_first(villages.filter_villages(view, counties, leader, types, industries))
    return view, shown, villages.villages_table(shown, metric, lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def villages_deck(
    plan_id: str, metric_id: str, year: int, counties: tuple[str, ...], leader: str, types: tuple[str, ...],
    industries: tuple[str, ...], lang: Lang, data_version: str, selected: str | None, height: int, width: int,
) -> Any:  # fmt: skip
    from ningxia_dash.places import decks, geometry

    _, shown, _ = villages_screen(plan_id, metric_id, year, counties, leader, types, industries, lang, data_version)
    return decks.villages_deck(
        shown,
        data.county_shapes(data_version),
        lang,
        selected,
        geometry.framed_view(height, width),
    )


@st.cache_resource(show_spinner=False, max_entries=128)
def village_charts(village_id: str, metric_id: str, year: int, lang: Lang, data_version: str) -> Any:
    """The village profile's two figures: its "9+1" dimensions against the median village, and its history."""
    from ningxia_dash.i18n import pick, t
    from ningxia_dash.places import charts as place_charts
    from ningxia_dash.places import villages

    metrics = data.place_metrics("village", data_version)
    history = data.village_history(village_id, data_version)
    reference = villages.village_reference(data.reference_values(data_version), metric_id)
    metric = villages.metric_row(metrics, metric_id)
    dims = villages.village_dimensions(history, data.village_metric_medians(year, data_version), metrics, year, lang)
    return (
        place_charts.village_dimensions_chart(dims, lang),
        place_charts.village_history_chart(
            villages.village_history(history, metric_id, reference), pick(lang, metric["name_zh"], metric["name_en"]),
            metric.get("unit"), lang, t("villages.chart.reference", lang) if reference else None,
        ),
    )  # fmt: skip


# ---------------------------------------------------------------- county map


@st.cache_resource(show_spinner=False, max_entries=32)
def county_choices(plan_id: str, year: int, baseline_year: int, lang: Lang, data_version: str) -> Any:
    """(indicators with county figures as of the year, {id: name}) for the county map's indicator selector."""
    from ningxia_dash.i18n import pick
    from ningxia_dash.places import county_map

    assessments = data.assessments_all_regions(plan_id, year, baseline_year, data_version)
    regions = data.regions(data_version)
    codes = [*county_map.counties(regions)["code"], *county_map.cities(regions)["code"]]  # either level of the map
    choices = county_map.county_indicators(data.indicators(plan_id, data_version), assessments, codes)
    names = {i: pick(lang, z, e) for i, z, e in zip(choices["id"], choices["name_zh"], choices["name_en"], strict=True)}
    return choices, names


@st.cache_resource(show_spinner=False, max_entries=64)
def county_map(
    plan_id: str, indicator_id: str, year: int, baseline_year: int, mode: str, selected: str | None, lang: Lang,
    data_version: str, height: int, width: int, view: str = "counties", city: str | None = None,
) -> Any:  # fmt: skip
    """(indicator row, frame of the places shown, class edges, deck, ranking HTML) for one indicator, year and
    colouring, at one level (county_map.map_view: the 22 counties, the 5 cities, or one city's counties)."""
    from ningxia_dash import config
    from ningxia_dash.places import county_map, decks, geometry, legends
    from ningxia_dash.places import ranking as place_ranking

    choices, names = county_choices(plan_id, year, baseline_year, lang, data_version)
    assessments = data.assessments_all_regions(plan_id, year, baseline_year, data_version)
    indicator = choices.set_index("id").loc[indicator_id].to_dict() | {"id": indicator_id}
    regions, shapes = data.regions(data_version), data.county_shapes(data_version)
    city_of = county_map.city_of(regions)
    rows = county_map.cities(regions) if view == "cities" else county_map.counties(regions)
    if view == "city":
        rows = rows[rows["code"].map(city_of) == city]
    frame = county_map.place_frame(rows, assessments, indicator, lang)
    edges = legends.value_classes(list(frame["value"].dropna()))
    if view == "cities":
        deck = decks.city_choropleth_deck(
            frame, shapes, city_of, mode, names[indicator_id], edges, geometry.framed_view(height, width)
        )
    else:
        everyone = county_map.place_frame(county_map.counties(regions), assessments, indicator, lang)
        shown = set(frame["code"])
        bounds = geometry.shape_bounds(shapes, shown) if view == "city" else None
        deck = decks.county_choropleth_deck(
            everyone, shapes, mode, names[indicator_id], edges, selected,
            geometry.framed_view(height, width, bounds=bounds), dim=set(everyone["code"]) - shown,
        )  # fmt: skip
    unit = indicator.get("unit") if isinstance(indicator.get("unit"), str) else None
    reference = county_map.reference_value(indicator, data.reference_values(data_version), year)  # relative targets
    level = "city" if view == "cities" else "county"
    query = {"lang": lang, "indicator": indicator_id, "year": str(year), "level": level} | (
        {"city": city} if city else {}
    )
    ranking = place_ranking.ranking_html(
        county_map.county_ranking(frame, county_map.higher_is_better(indicator)), unit, lang,
        province_value=county_map.province_value(assessments, indicator_id, config.PROVINCE_CODE),
        target_value=county_map.chart_target(indicator) if reference is None else reference, selected=selected,
        colours=legends.fill_colours(frame, mode, edges),
        target_label="col.target" if reference is None else "chart.reference",
        pick_param="city" if view == "cities" else "region", query=query,
    )  # fmt: skip
    return indicator, frame, edges, deck, ranking


@st.cache_data(show_spinner=False, max_entries=64)
def county_subtitle(plan_id: str, indicator_id: str, year: int, lang: Lang, data_version: str) -> str:
    """The line under the county map's title: target, clause and (relative targets) the reference value."""
    from ningxia_dash.places import county_map

    indicator = data.indicators(plan_id, data_version).set_index("id").loc[indicator_id].to_dict()
    return county_map.indicator_subtitle(
        indicator, data.reference_values(data_version), data.sources(data_version), year, lang
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def empty_county_deck(lang: Lang, data_version: str, height: int, width: int) -> Any:
    """The 22 counties in the no-data grey, for a plan (or a production database) without county figures yet."""
    from ningxia_dash.places import county_map, decks, geometry

    frame = county_map.place_frame(
        county_map.counties(data.regions(data_version)), pd.DataFrame(columns=["indicator_id", "region_code"]),
        {"id": None, "unit": None}, lang,
    )  # fmt: skip
    return decks.county_choropleth_deck(frame, data.county_shapes(data_version), "status", "", None, None,
                                       geometry.framed_view(height, width))  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def county_pace_note(plan_id: str, indicator_id: str, year: int, baseline_year: int, lang: Lang,
                     data_version: str) -> str | None:  # fmt: skip
    """Under the county ranking: which counties miss the target at their own pace (county_map.miss_at_pace)."""
    from ningxia_dash.places import county_map

    indicators = data.indicators(plan_id, data_version)
    paces = assess.pace_regions(
        indicators[indicators["id"] == indicator_id], data.observations(plan_id, data_version), baseline_year, year, []
    )  # fmt: skip
    return county_map.miss_at_pace(paces, data.regions(data_version), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def county_profile(plan_id: str, code: str, year: int, baseline_year: int, lang: Lang, data_version: str) -> Any:
    """A county's profile: its name and level, its targets against the province, how many lag, its villages
    (with their table) and its parks (with their table)."""
    from ningxia_dash import config
    from ningxia_dash.places import county_map, parks, villages

    plan = plan_row(plan_id, data_version)
    choices, _ = county_choices(plan_id, year, baseline_year, lang, data_version)
    assessments = data.assessments_all_regions(plan_id, year, baseline_year, data_version)
    metric = villages.DEFAULT_VILLAGE_METRIC  # income: the metric the village table of a profile shows too
    metric_row = villages.metric_row(data.place_metrics("village", data_version), metric)
    village_rows = villages.villages_view(
        data.villages(data_version),
        data.village_statuses(
            metric, year, baseline_year,
            villages.target_year(data.indicators(plan_id, data_version), metric, int(plan["period_end"])), data_version,
        ),
        metric_row, lang,
    )  # fmt: skip
    here = villages.filter_villages(village_rows, [code])
    park_rows = parks.parks_in_county(
        parks.parks_frame(data.parks(data_version), data.park_metric_values(data_version), year, lang), code
    )
    return {
        "profile": county_map.county_profile(county_map.counties(data.regions(data_version)), code, lang),
        "table": county_map.county_profile_table(choices, assessments, code, config.PROVINCE_CODE, lang),
        "behind": county_map.behind_count(assessments, code, list(choices["id"])),
        "villages": here,
        "village_summary": villages.village_summary(here, lang) if len(here) else None,
        "village_table": villages.villages_table(here, metric_row, lang) if len(here) else None,
        "parks": park_rows,
        "park_table": parks.parks_table(park_rows, data.place_metrics("park", data_version), lang)
        if len(park_rows)
        else None,
    }


# ---------------------------------------------------------------- parks


@st.cache_data(show_spinner=False, max_entries=8)
def park_list(lang: Lang, data_version: str) -> pd.DataFrame:
    """The parks as the plan names them (name, county, lead industries, clause): what a production database holds
    before any park figure is uploaded."""
    from ningxia_dash.i18n import pick, t

    parks = data.parks(data_version)
    rows = [
        {
            t("parks.col.park", lang): pick(lang, p["name_zh"], p["name_en"]) or t("parks.unnamed_short", lang),
            t("col.county", lang): pick(lang, p["county_zh"], p["county_en"]) if p["county_zh"] else "",
            t("parks.col.industries", lang): pick(lang, p["lead_industries_zh"], p["lead_industries_en"]) or "",
            t("col.clause", lang): p["clause"],
        }
        for p in parks.where(parks.notna(), None).to_dict("records")
    ]
    return pd.DataFrame(rows)


@st.cache_resource(show_spinner=False, max_entries=32)
def parks_year(year: int, lang: Lang, data_version: str) -> Any:
    """(the parks' frame as of the year, their totals, the KPI table)."""
    from ningxia_dash.places import parks

    frame = parks.parks_frame(data.parks(data_version), data.park_metric_values(data_version), year, lang)
    return frame, parks.park_totals(frame), parks.parks_table(frame, data.place_metrics("park", data_version), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def parks_figures(kpi: str, year: int, lang: Lang, data_version: str, height: int, width: int) -> Any:
    """(map, comparison chart, trend chart) of the parks on one KPI as of a year."""
    from ningxia_dash.i18n import pick
    from ningxia_dash.places import charts as place_charts
    from ningxia_dash.places import decks, geometry, parks

    metrics = data.place_metrics("park", data_version).to_dict("records")
    labels = {m["id"]: pick(lang, m["name_zh"], m["name_en"]) for m in metrics}
    units = {m["id"]: m["unit"] for m in metrics}
    frame, _, _ = parks_year(year, lang, data_version)
    deck = decks.parks_deck(
        frame, data.county_shapes(data_version), lang, kpi, {k: labels[k] for k in parks.PARK_KPIS},
        view=geometry.framed_view(height, width),
    )  # fmt: skip
    comparison = place_charts.park_comparison_chart(
        frame, kpi, labels, units[kpi], lang, part=parks.PARK_PARTS.get(kpi), height=height - 30
    )
    trend = place_charts.park_trend_chart(data.park_metric_values(data_version), frame, kpi, units[kpi], lang)
    return deck, comparison, trend


# ---------------------------------------------------------------- indicator detail


@st.cache_resource(show_spinner=False, max_entries=16)
def indicator_names(plan_id: str, lang: Lang, data_version: str) -> dict[str, str]:
    """{id: "专栏1-1 name"} for the indicator selector, in the plan's order."""
    rows = data.indicators(plan_id, data_version).to_dict("records")
    return {r["id"]: f"{clause_label(r['clause'], lang)} {pick(lang, r['name_zh'], r['name_en'])}" for r in rows}


@st.cache_resource(show_spinner=False, max_entries=64)
def indicator_regions(plan_id: str, indicator_id: str, lang: Lang, data_version: str) -> dict[str, str]:
    """{region code: name} of the regions with data for one indicator, province first."""
    regions = data.regions(data_version)
    codes = detail.regions_with_data(data.observations(plan_id, data_version), indicator_id, regions)
    names = detail.region_names(regions, lang)
    return {c: names.get(c, c) for c in codes}


@st.cache_resource(show_spinner=False, max_entries=64)
def indicator_detail(
    plan_id: str, indicator_id: str, region: str, as_of_year: int, lang: Lang, data_version: str
) -> dict[str, Any]:
    """Everything the indicator page draws below its selectors, for one target, region and as-of year."""
    plan = plan_row(plan_id, data_version)
    end, base = int(plan["period_end"]), int(plan["baseline_year"])
    row = data.indicators(plan_id, data_version).set_index("id").loc[indicator_id].copy()
    row["id"] = indicator_id
    assessment = data.assessments(plan_id, region, as_of_year, base, data_version)
    regions = data.regions(data_version)
    observations = data.observations(plan_id, data_version)
    history = detail.history_frame(row, observations, data.reference_values(data_version), base, region, lang)
    line = assess.expected_line(row, observations, base, as_of_year, end, region)  # the path the status judges by
    unit = row["unit"] if isinstance(row["unit"], str) else None
    pace = assess.pace_of(row, observations, base, as_of_year, region)
    projection, required = detail.pace_paths(pace)
    counties = detail.county_frame(
        data.assessments_all_regions(plan_id, as_of_year, base, data_version), regions, indicator_id, lang
    )
    return {
        "row": row,
        "assessment": assessment.set_index("indicator_id").loc[indicator_id],
        "unit": unit,
        "history_chart": charts.indicator_history(
            history.actual,
            line,
            history.target,
            int(row["target_year"]),
            unit,
            lang,
            history.reference,
            projection,
            required,
            detail.pace_text(pace, lang),
        ),
        "pace": pace,
        "pace_text": detail.pace_text(pace, lang),
        "has_demo": bool((history.actual["source_kind"] == "demo").any()),
        "counties": counties,
        "county_demo": bool(counties["demo"].any()) if len(counties) else False,
        "county_chart": None if counties.empty else charts.county_breakdown(counties, history.target, unit, lang),
        "notes": detail.notes_table(data.indicator_notes(indicator_id, data_version), regions, lang),
        "table": detail.data_table(observations, data.sources(data_version), regions, indicator_id, lang),
        "rollup_notice": detail.rollup_notice(row, observations, regions, lang),
    }
