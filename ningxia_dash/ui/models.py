"""Cached view models: what a page shows (tables of display strings, figures, HTML), built once per inputs,
language and data version instead of on every rerun. A rerun of a page whose view model is cached only sends it.

Why here and not in the pure modules: the builders stay pure (tracking/, places, maps) and are
tested without Streamlit; this module is the second half of the caching boundary next to `data` (whose readers
it calls with the same data_version, so an import invalidates both at once).

This module holds the tracking screens' models (overview, targets, evaluation, indicator detail, continuity);
the place screens' models are ui/place_models.py. Every import is at the top: no import circle forbids it (ui/ is
the edge, nothing below imports it), and Streamlit has loaded plotly before this module runs.

Figures and view models are cached with st.cache_resource, not st.cache_data: cache_data hands every rerun an
unpickled copy, and unpickling a plotly figure re-validates every property (20 % of the overview's server time
under load). The shared objects are therefore read-only by convention: pages pass them to Streamlit (which copies
what it sends) and never change them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from ningxia_dash import config, gauge_svg, html_table, views
from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import clause_label
from ningxia_dash.plan import Plan
from ningxia_dash.tracking import assess, charts, continuity, detail, evaluation, gauges
from ningxia_dash.tracking import overview as tracking_overview
from ningxia_dash.tracking.overview import OverviewModel
from ningxia_dash.tracking.pace import Pace
from ningxia_dash.ui import data


@dataclass(frozen=True)
class ContinuityBridge:
    """The 衔接 section: the previous plan and the next, the summary sentence and the tables of continuing, dropped
    and new targets, and whether a continuing target's figures rest on sample data."""

    old: Plan
    new: Plan
    summary: str
    table: pd.DataFrame
    dropped: pd.DataFrame
    new_only: pd.DataFrame
    has_demo: bool


@dataclass(frozen=True)
class IndicatorAcross:
    """The series across plans of a continuing indicator: its chart and caption."""

    chart: go.Figure
    caption: str


@dataclass(frozen=True)
class IndicatorDetail:
    """Everything the indicator page draws below its selectors."""

    row: pd.Series
    final: bool  # the plan's last year on: the assessment reads its verdict
    assessment: pd.Series
    unit: str | None
    history_chart: go.Figure
    history_title: str  # the chart's heading and caption name only what it draws
    history_caption: str
    pace: Pace
    pace_text: str
    has_demo: bool
    counties: pd.DataFrame
    county_demo: bool
    county_chart: go.Figure | None
    notes: pd.DataFrame
    table: pd.DataFrame
    rollup_notice: str | None


@st.cache_resource(show_spinner=False, max_entries=32)
def province_rows(plan_id: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """The plan's targets with their province assessment side by side (overview.with_status); from the
    plan's last year on, in the words of the final evaluation (overview.speak_verdicts)."""
    rows = tracking_overview.with_status(
        data.indicators(plan_id, data_version),
        data.assessments(plan_id, config.PROVINCE_CODE, as_of_year, baseline_year, data_version),
    )
    if evaluation.is_final_year(as_of_year, data.plan(plan_id, data_version).period_end):
        verdicts = data.evaluations(plan_id, config.PROVINCE_CODE, as_of_year, baseline_year, data_version)
        rows = tracking_overview.speak_verdicts(rows, verdicts)
    return rows


def is_final(plan_id: str, as_of_year: int, data_version: str) -> bool:
    """Whether screens speak in verdicts as of the year (evaluation.is_final_year: the plan's last year on)."""
    return evaluation.is_final_year(as_of_year, data.plan(plan_id, data_version).period_end)


@st.cache_resource(show_spinner=False, max_entries=16)
def region_statuses(plan_id: str, as_of_year: int, baseline_year: int, data_version: str) -> pd.DataFrame:
    """Every (target, region) pair's status as of a year, as province_rows gives the province's: progress statuses
    before the plan's last year, end-of-period verdicts from it on (scorecard, county map, slides, big screen)."""
    rows = data.assessments_all_regions(plan_id, as_of_year, baseline_year, data_version)
    if is_final(plan_id, as_of_year, data_version):
        verdicts = data.evaluations_all_regions(plan_id, as_of_year, baseline_year, data_version)
        rows = tracking_overview.speak_verdicts_regions(rows, verdicts)
    return rows


def indicator_region_statuses(
    plan_id: str, indicator_id: str, as_of_year: int, baseline_year: int, data_version: str
) -> pd.DataFrame:
    """region_statuses for one target (its detail page's county breakdown): at the plan's end only its own places'
    verdicts are worked out, not every (target, region) pair's."""
    rows = data.assessments_all_regions(plan_id, as_of_year, baseline_year, data_version)
    rows = rows[rows["indicator_id"] == indicator_id]
    if is_final(plan_id, as_of_year, data_version):
        verdicts = data.indicator_evaluations_all_regions(
            plan_id, indicator_id, as_of_year, baseline_year, data_version
        )
        rows = tracking_overview.speak_verdicts_regions(rows, verdicts)
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


# --- continuity across plans: the 衔接 section and the series across plans ---
def all_indicators(data_version: str) -> pd.DataFrame:
    """Every plan's indicators (continuity links run between plans)."""
    frames = [data.indicators(str(p), data_version) for p in data.plans(data_version)["id"]]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


@st.cache_resource(show_spinner=False, max_entries=16)
def continuity_bridge(plan_id: str, lang: Lang, data_version: str) -> ContinuityBridge | None:
    """The 衔接 section of the evaluation page: the chosen plan and the next one (or its predecessor and it);
    None when no such pair exists."""
    plans = data.plans(data_version)
    pair = continuity.plan_pair(plans, all_indicators(data_version), plan_id)
    if pair is None:
        return None
    old_id, new_id = pair
    old_plan, new_plan = data.plan(old_id, data_version), data.plan(new_id, data_version)
    end, base = old_plan.period_end, old_plan.baseline_year
    b = continuity.bridge(
        old_plan, new_plan, data.indicators(old_id, data_version), data.indicators(new_id, data_version),
        data.evaluations(old_id, config.PROVINCE_CODE, end, base, data_version),
        data.observations(old_id, data_version), config.PROVINCE_CODE,
    )  # fmt: skip
    return ContinuityBridge(
        old=old_plan,
        new=new_plan,
        summary=continuity.summary(b, lang),
        table=continuity.bridge_table(b, lang),
        dropped=continuity.list_table(b.dropped, lang),
        new_only=continuity.list_table(b.new_only, lang),
        has_demo=any("demo" in x.achieved_kinds or x.final_source == "demo" for x in b.links),
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def indicator_across(
    plan_id: str, indicator_id: str, region: str, lang: Lang, data_version: str
) -> IndicatorAcross | None:
    """The series across plans of a continuing indicator (its chart and caption), None for one that continues
    nothing and is continued by nothing."""
    inds = all_indicators(data_version)
    pair = continuity.chain(inds, indicator_id)
    if pair is None:
        return None
    by_id = inds.set_index("id", drop=False)
    old, new = by_id.loc[pair[0]], by_id.loc[pair[1]]
    old_plan, new_plan = data.plan(str(old["plan_id"]), data_version), data.plan(str(new["plan_id"]), data_version)
    old_series = continuity.series(data.observations(str(old["plan_id"]), data_version), pair[0], region)
    new_series = continuity.series(data.observations(str(new["plan_id"]), data_version), pair[1], region)
    segments = continuity.across(old, new, old_plan, new_plan, old_series, new_series, plan_id, lang)
    unit = new["unit"] if isinstance(new["unit"], str) else None
    return IndicatorAcross(charts.across_plans(segments, unit, lang), continuity.across_caption(segments, unit, lang))


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
        numeric=(t("col.latest", lang), t("col.year", lang)),
        # Chinese breaks anywhere (基本完 / 成): its status stays on one line; English wraps at spaces, which leaves
        # the indicator names room at 1366 px instead of seven lines of two words
        nowrap=(t("col.clause", lang), t("col.attribute", lang), t("col.source", lang))
        + ((t("col.status", lang),) if lang == "zh" else ()),
        titles=list(table[t("col.explanation", lang)]), year=as_of_year,
    )  # fmt: skip


@st.cache_data(show_spinner=False, max_entries=8)
def source_mix_table(lang: Lang, data_version: str) -> pd.DataFrame:
    return views.source_mix_table(data.source_mix(data_version), lang)


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
) -> IndicatorDetail:
    """Everything the indicator page draws below its selectors, for one target, region and as-of year."""
    plan = data.plan(plan_id, data_version)
    end, base = plan.period_end, plan.baseline_year
    row = data.indicators(plan_id, data_version).set_index("id").loc[indicator_id].copy()
    row["id"] = indicator_id
    assessment = data.assessments(plan_id, region, as_of_year, base, data_version)
    final = is_final(plan_id, as_of_year, data_version)
    if final:  # from the plan's last year on, the target reads its verdict, as on the overview
        verdicts = data.evaluations(plan_id, region, as_of_year, base, data_version)
        assessment = tracking_overview.speak_verdicts_regions(assessment, verdicts)
    regions = data.regions(data_version)
    observations = data.observations(plan_id, data_version)
    history = detail.history_frame(row, observations, data.reference_values(data_version), base, region, lang)
    line = assess.expected_line(row, observations, base, as_of_year, end, region)  # the path the status judges by
    unit = row["unit"] if isinstance(row["unit"], str) else None
    pace = assess.pace_of(row, observations, base, as_of_year, region)
    projection, required = detail.pace_paths(pace)
    statuses = indicator_region_statuses(plan_id, indicator_id, as_of_year, base, data_version)
    counties = detail.county_frame(statuses, regions, indicator_id, lang)
    has_reference = history.reference is not None and not history.reference.empty
    history_title, history_caption = charts.history_legend(
        not line.empty, has_reference, history.target is not None, lang
    )
    return IndicatorDetail(
        row=row,
        final=final,
        assessment=assessment.set_index("indicator_id").loc[indicator_id],
        unit=unit,
        history_chart=charts.indicator_history(
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
        history_title=history_title,
        history_caption=history_caption,
        pace=pace,
        pace_text=detail.pace_text(pace, lang),
        has_demo=bool((history.actual["source_kind"] == "demo").any()),
        counties=counties,
        county_demo=bool(counties["demo"].any()) if len(counties) else False,
        county_chart=None if counties.empty else charts.county_breakdown(counties, history.target, unit, lang),
        notes=detail.notes_table(data.indicator_notes(indicator_id, data_version), regions, lang),
        table=detail.data_table(observations, data.sources(data_version), regions, indicator_id, lang),
        rollup_notice=detail.rollup_notice(row, observations, regions, lang),
    )
