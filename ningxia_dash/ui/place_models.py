"""Cached view models of the place screens (重点县, villages, county map, parks): what those pages show, built once
per inputs, language and data version. The tracking screens' models are ui/models.py; the same caching rules hold
(see its docstring: figures, decks and frames are shared read-only objects)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from ningxia_dash import config
from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.places import charts as place_charts
from ningxia_dash.places import county_map as county_maps
from ningxia_dash.places import decks, geometry, legends, parks, villages
from ningxia_dash.places import key_counties as scorecards
from ningxia_dash.places import ranking as place_ranking
from ningxia_dash.places.key_counties import ScorecardView
from ningxia_dash.tracking import assess
from ningxia_dash.ui import data, models


@dataclass(frozen=True)
class VillagesScreen:
    """All villages with their status on the metric, the filtered ones worst first, and their table."""

    view: pd.DataFrame
    shown: pd.DataFrame
    table: pd.DataFrame
    final: bool  # the plan's last year on: the statuses are end-of-period verdicts


@dataclass(frozen=True)
class CountyMapView:
    """One indicator, year and colouring of the county map: the indicator's row, the places shown, the class edges,
    the deck and the ranking (static HTML: places/ranking.py)."""

    indicator: dict[str, Any]
    frame: pd.DataFrame
    edges: list[float]
    deck: pdk.Deck
    ranking: str


@dataclass(frozen=True)
class CountyProfile:
    """A county's profile: its name and level, its targets against the province, how many lag, its villages and
    parks (with their tables, None when it has none)."""

    profile: dict[str, str]
    table: pd.DataFrame
    behind: int
    villages: pd.DataFrame
    village_summary: dict[str, str] | None
    village_table: pd.DataFrame | None
    parks: pd.DataFrame
    park_table: pd.DataFrame | None


@dataclass(frozen=True)
class ParksYear:
    """The parks' frame as of a year, their totals and the KPI table."""

    frame: pd.DataFrame
    totals: dict[str, float]
    table: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=32)
def headline_county_frame(
    plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str
) -> tuple[pd.DataFrame | None, dict[str, Any] | None]:
    """The county map of the slides and the big screen: the first headline target with county figures and every
    county's frame for it (statuses, verdicts from the plan's last year on); (None, None) without county figures."""
    assessments = data.assessments_all_regions(plan_id, as_of_year, baseline_year, data_version)
    county_rows = county_maps.counties(data.regions(data_version))
    choices = county_maps.county_indicators(data.indicators(plan_id, data_version), assessments, county_rows["code"])
    if choices.empty:  # e.g. a new plan whose county figures have not been uploaded yet
        return None, None
    headline = choices[choices["is_headline"]] if "is_headline" in choices else choices
    indicator = (headline if len(headline) else choices).iloc[0].to_dict()
    statuses = models.region_statuses(plan_id, as_of_year, baseline_year, data_version)  # verdicts at the plan's end
    final = models.is_final(plan_id, as_of_year, data_version)
    return county_maps.place_frame(county_rows, statuses, indicator, lang, final), indicator


@st.cache_resource(show_spinner=False, max_entries=32)
def key_counties(plan_id: str, as_of_year: int, baseline_year: int, lang: Lang, data_version: str) -> ScorecardView:
    """places.ScorecardView of the 9 key-assistance counties (and the province) as of a year."""
    return scorecards.scorecard_view(
        data.regions(data_version), models.region_statuses(plan_id, as_of_year, baseline_year, data_version),
        data.indicators(plan_id, data_version), lang, config.PROVINCE_CODE,
        models.is_final(plan_id, as_of_year, data_version),
        data.assessments_all_regions(plan_id, as_of_year, baseline_year, data_version),
    )  # fmt: skip


# ---------------------------------------------------------------- villages (a key per filter combination)


@st.cache_resource(show_spinner=False, max_entries=64)
def villages_screen(
    plan_id: str, metric_id: str, year: int, counties: tuple[str, ...], leader: str, types: tuple[str, ...],
    industries: tuple[str, ...], lang: Lang, data_version: str,
) -> VillagesScreen:  # fmt: skip
    """The villages on one metric, filtered: the work between the filters and the map, done once per filter
    combination."""
    plan = data.plan(plan_id, data_version)
    final = models.is_final(plan_id, year, data_version)  # the plan's last year on: verdicts, as on the overview
    statuses = data.village_statuses(
        metric_id, year, plan.baseline_year,
        villages.target_year(data.indicators(plan_id, data_version), metric_id, plan.period_end), final, data_version,
    )  # fmt: skip
    metric = villages.metric_row(data.place_metrics("village", data_version), metric_id)
    view = villages.villages_view(data.villages(data_version), statuses, metric, lang, final)
    shown = villages.worst_first(villages.filter_villages(view, counties, leader, types, industries))
    return VillagesScreen(view, shown, villages.villages_table(shown, metric, lang), final)


@st.cache_resource(show_spinner=False, max_entries=64)
def villages_deck(
    plan_id: str, metric_id: str, year: int, counties: tuple[str, ...], leader: str, types: tuple[str, ...],
    industries: tuple[str, ...], lang: Lang, data_version: str, selected: str | None, height: int, width: int,
) -> pdk.Deck:  # fmt: skip
    shown = villages_screen(plan_id, metric_id, year, counties, leader, types, industries, lang, data_version).shown
    return decks.villages_deck(
        shown,
        data.county_shapes(data_version),
        lang,
        selected,
        geometry.framed_view(height, width),
    )


@st.cache_resource(show_spinner=False, max_entries=128)
def village_charts(
    village_id: str, metric_id: str, year: int, lang: Lang, data_version: str
) -> tuple[go.Figure, go.Figure]:
    """The village profile's two figures: its "9+1" dimensions against the median village, and its history."""
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
def county_choices(
    plan_id: str, year: int, baseline_year: int, lang: Lang, data_version: str
) -> tuple[pd.DataFrame, dict[str, str]]:
    """(indicators with county figures as of the year, {id: name}) for the county map's indicator selector."""
    assessments = data.assessments_all_regions(plan_id, year, baseline_year, data_version)
    regions = data.regions(data_version)
    codes = [*county_maps.counties(regions)["code"], *county_maps.cities(regions)["code"]]  # either level of the map
    choices = county_maps.county_indicators(data.indicators(plan_id, data_version), assessments, codes)
    names = {i: pick(lang, z, e) for i, z, e in zip(choices["id"], choices["name_zh"], choices["name_en"], strict=True)}
    return choices, names


@st.cache_resource(show_spinner=False, max_entries=64)
def county_map(
    plan_id: str, indicator_id: str, year: int, baseline_year: int, mode: str, selected: str | None, lang: Lang,
    data_version: str, height: int, width: int, view: str = "counties", city: str | None = None,
) -> CountyMapView:  # fmt: skip
    """The county map of one indicator, year and colouring, at one level (county_map.map_view: the 22 counties,
    the 5 cities, or one city's counties)."""
    choices, names = county_choices(plan_id, year, baseline_year, lang, data_version)
    assessments = models.region_statuses(plan_id, year, baseline_year, data_version)  # verdicts at the plan's end
    final = models.is_final(plan_id, year, data_version)
    indicator = choices.set_index("id").loc[indicator_id].to_dict() | {"id": indicator_id}
    regions, shapes = data.regions(data_version), data.county_shapes(data_version)
    city_of = county_maps.city_of(regions)
    rows = county_maps.cities(regions) if view == "cities" else county_maps.counties(regions)
    if view == "city":
        rows = rows[rows["code"].map(city_of) == city]
    frame = county_maps.place_frame(rows, assessments, indicator, lang, final)
    edges = legends.value_classes(list(frame["value"].dropna()))
    if view == "cities":
        deck = decks.city_choropleth_deck(
            frame, shapes, city_of, mode, names[indicator_id], edges, geometry.framed_view(height, width)
        )
    else:
        everyone = county_maps.place_frame(county_maps.counties(regions), assessments, indicator, lang, final)
        shown = set(frame["code"])
        bounds = geometry.shape_bounds(shapes, shown) if view == "city" else None
        deck = decks.county_choropleth_deck(
            everyone, shapes, mode, names[indicator_id], edges, selected,
            geometry.framed_view(height, width, bounds=bounds), dim=set(everyone["code"]) - shown,
        )  # fmt: skip
    unit = indicator.get("unit") if isinstance(indicator.get("unit"), str) else None
    reference = county_maps.reference_value(indicator, data.reference_values(data_version), year)  # relative targets
    level = "city" if view == "cities" else "county"
    query = {"lang": lang, "indicator": indicator_id, "year": str(year), "level": level} | (
        {"city": city} if city else {}
    )
    ranking = place_ranking.ranking_html(
        county_maps.county_ranking(frame, county_maps.higher_is_better(indicator)), unit, lang,
        province_value=county_maps.province_value(assessments, indicator_id, config.PROVINCE_CODE),
        target_value=county_maps.chart_target(indicator) if reference is None else reference, selected=selected,
        colours=legends.fill_colours(frame, mode, edges),
        target_label="col.target" if reference is None else "chart.reference",
        pick_param="city" if view == "cities" else "region", query=query,
    )  # fmt: skip
    return CountyMapView(indicator, frame, edges, deck, ranking)


@st.cache_data(show_spinner=False, max_entries=64)
def county_subtitle(plan_id: str, indicator_id: str, year: int, lang: Lang, data_version: str) -> str:
    """The line under the county map's title: target, clause and (relative targets) the reference value."""
    indicator = data.indicators(plan_id, data_version).set_index("id").loc[indicator_id].to_dict()
    return county_maps.indicator_subtitle(
        indicator, data.reference_values(data_version), data.sources(data_version), year, lang
    )


@st.cache_resource(show_spinner=False, max_entries=4)
def empty_county_deck(lang: Lang, data_version: str, height: int, width: int) -> pdk.Deck:
    """The 22 counties in the no-data grey, for a plan (or a production database) without county figures yet."""
    frame = county_maps.place_frame(
        county_maps.counties(data.regions(data_version)), pd.DataFrame(columns=["indicator_id", "region_code"]),
        {"id": None, "unit": None}, lang,
    )  # fmt: skip
    return decks.county_choropleth_deck(frame, data.county_shapes(data_version), "status", "", None, None,
                                       geometry.framed_view(height, width))  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=64)
def county_pace_note(plan_id: str, indicator_id: str, year: int, baseline_year: int, lang: Lang,
                     data_version: str) -> str | None:  # fmt: skip
    """Under the county ranking: which counties miss the target at their own pace (county_map.miss_at_pace)."""
    indicators = data.indicators(plan_id, data_version)
    paces = assess.pace_regions(
        indicators[indicators["id"] == indicator_id], data.observations(plan_id, data_version), baseline_year, year, []
    )  # fmt: skip
    return county_maps.miss_at_pace(paces, data.regions(data_version), lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def county_profile(
    plan_id: str, code: str, year: int, baseline_year: int, lang: Lang, data_version: str
) -> CountyProfile:
    """A county's profile: its name and level, its targets against the province, how many lag, its villages
    (with their table) and its parks (with their table)."""
    plan = data.plan(plan_id, data_version)
    choices, _ = county_choices(plan_id, year, baseline_year, lang, data_version)
    assessments = models.region_statuses(plan_id, year, baseline_year, data_version)  # verdicts at the plan's end
    metric = villages.DEFAULT_VILLAGE_METRIC  # income: the metric the village table of a profile shows too
    metric_row = villages.metric_row(data.place_metrics("village", data_version), metric)
    final = models.is_final(plan_id, year, data_version)
    village_rows = villages.villages_view(
        data.villages(data_version),
        data.village_statuses(
            metric, year, baseline_year,
            villages.target_year(data.indicators(plan_id, data_version), metric, plan.period_end), final,
            data_version,
        ),
        metric_row, lang, final,
    )  # fmt: skip
    here = villages.filter_villages(village_rows, [code])
    park_rows = parks.parks_in_county(
        parks.parks_frame(data.parks(data_version), data.park_metric_values(data_version), year, lang), code
    )
    return CountyProfile(
        profile=county_maps.county_profile(county_maps.counties(data.regions(data_version)), code, lang),
        table=county_maps.county_profile_table(choices, assessments, code, config.PROVINCE_CODE, lang),
        behind=county_maps.behind_count(assessments, code, list(choices["id"])),
        villages=here,
        village_summary=villages.village_summary(here, lang) if len(here) else None,
        village_table=villages.villages_table(here, metric_row, lang) if len(here) else None,
        parks=park_rows,
        park_table=parks.parks_table(park_rows, data.place_metrics("park", data_version), lang)
        if len(park_rows)
        else None,
    )


# ---------------------------------------------------------------- parks


@st.cache_data(show_spinner=False, max_entries=8)
def park_list(lang: Lang, data_version: str) -> pd.DataFrame:
    """The parks as the plan names them (name, county, lead industries, clause): what a production database holds
    before any park figure is uploaded."""
    listed = data.parks(data_version)
    rows = [
        {
            t("parks.col.park", lang): pick(lang, p["name_zh"], p["name_en"]) or t("parks.unnamed_short", lang),
            t("col.county", lang): pick(lang, p["county_zh"], p["county_en"]) if p["county_zh"] else "",
            t("parks.col.industries", lang): pick(lang, p["lead_industries_zh"], p["lead_industries_en"]) or "",
            t("col.clause", lang): p["clause"],
        }
        for p in listed.where(listed.notna(), None).to_dict("records")
    ]
    return pd.DataFrame(rows)


@st.cache_resource(show_spinner=False, max_entries=32)
def parks_year(year: int, lang: Lang, data_version: str) -> ParksYear:
    """The parks as of the year, their totals and the KPI table."""
    frame = parks.parks_frame(data.parks(data_version), data.park_metric_values(data_version), year, lang)
    return ParksYear(
        frame, parks.park_totals(frame), parks.parks_table(frame, data.place_metrics("park", data_version), lang)
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def parks_figures(
    kpi: str, year: int, lang: Lang, data_version: str, height: int, width: int
) -> tuple[pdk.Deck, go.Figure, go.Figure]:
    """(map, comparison chart, trend chart) of the parks on one KPI as of a year."""
    metrics = data.place_metrics("park", data_version).to_dict("records")
    labels = {m["id"]: pick(lang, m["name_zh"], m["name_en"]) for m in metrics}
    units = {m["id"]: m["unit"] for m in metrics}
    frame = parks_year(year, lang, data_version).frame
    deck = decks.parks_deck(
        frame, data.county_shapes(data_version), lang, kpi, {k: labels[k] for k in parks.PARK_KPIS},
        view=geometry.framed_view(height, width),
    )  # fmt: skip
    comparison = place_charts.park_comparison_chart(
        frame, kpi, labels, units[kpi], lang, part=parks.PARK_PARTS.get(kpi), height=height - 30
    )
    trend = place_charts.park_trend_chart(data.park_metric_values(data_version), frame, kpi, units[kpi], lang)
    return deck, comparison, trend
