"""The checks of each upload kind, written against validate.Validator: which columns are ids (and of what),
which ranges apply, which keys must be unique, what a new master-data row needs (pure Python and pandas)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ningxia_dash.ingest import continuity
from ningxia_dash.ingest.kinds import NEW_ROW_REQUIRED, Kind
from ningxia_dash.ingest.parse import Parsed, normalise_code
from ningxia_dash.ingest.refs import Refs
from ningxia_dash.ingest.validate import (
    ID_PATTERN,
    NINGXIA_LAT,
    NINGXIA_LON,
    NO_COUNTY,
    NUMERIC_RULES,
    Checked,
    Scope,
    Validator,
    umap,
)
from ningxia_dash.plan_text import section_id_for_clause


def _indicator_columns(v: Validator) -> tuple[pd.Series, pd.Series]:
    refs = v.refs
    v.required("indicator_id")
    ids = v.code("indicator_id", refs.lookup("indicator"))
    if v.scope.indicators is not None:
        allowed = v.scope.indicators
        scope_text = v.scope_label(allowed, {k: x["name_zh"] for k, x in refs.indicators.items()})
        v.rule(
            "indicator_id",
            "cell.scope_indicator",
            umap(ids, lambda i: not isinstance(i, str) or i in allowed),
            lambda r: {"scope": scope_text},
        )
    v.name_crosscheck("indicator_name", ids, {k: x["name_zh"] for k, x in refs.indicators.items()})
    return ids, umap(ids, lambda i: refs.indicators[i]["plan_id"] if isinstance(i, str) else None)


def _plan_window(v: Validator, plan_ids: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    plans = v.refs.plans
    lo = umap(plan_ids, lambda p: plans[p]["baseline_year"] if p in plans else np.nan).astype("float64")
    hi = umap(plan_ids, lambda p: plans[p]["period_end"] if p in plans else np.nan).astype("float64")
    label = umap(plan_ids, lambda p: (plans[p]["short_zh"], plans[p]["short_en"]) if p in plans else "")
    return lo, hi, label


def observations(v: Validator) -> None:
    refs = v.refs
    ids, plan_ids = _indicator_columns(v)
    v.required("region_code")
    regions = v.code("region_code", refs.lookup("region"))
    v.region_scope("region_code", regions)
    v.required("year")
    years = v.year("year")
    lo, hi, label = _plan_window(v, plan_ids)
    v.year_window(years, lo, hi, label)
    v.period()
    v.required("value")
    values, pct, suffix = v.number("value")
    units = umap(ids, lambda i: refs.indicators[i]["unit"] if isinstance(i, str) else None)
    names = umap(ids, lambda i: refs.indicators[i]["name_zh"] if isinstance(i, str) else None)
    kinds = umap(ids, lambda i: refs.indicators[i]["rule_kind"] if isinstance(i, str) else None)
    v.value_checks(values, pct, suffix, units, names, kinds)
    v.plain_text("note", 500)
    v.duplicates(
        ["indicator_id", "region_code", "year", "period_type", "period_no"],
        ("指标、地区、年份、期别", "indicator, region, year and period"),
    )


def indicator_notes(v: Validator) -> None:
    refs = v.refs
    _ids, plan_ids = _indicator_columns(v)
    regions = v.code("region_code", refs.lookup("region"), default="640000")
    v.region_scope("region_code", regions)
    v.required("year")
    years = v.year("year")
    lo, hi, label = _plan_window(v, plan_ids)
    v.year_window(years, lo, hi, label)
    v.required("text_zh")
    v.plain_text("text_zh", 2000)
    v.plain_text("text_en", 4000)
    v.duplicates(["indicator_id", "region_code", "year"], ("指标、地区、年份", "indicator, region and year"))


def _county_of(ids: pd.Series, table: dict[str, dict[str, object]]) -> pd.Series:
    """The county each known id belongs to now (NO_COUNTY when it has none; None for an id not in the table)."""
    return umap(ids, lambda i: (table[i]["county_code"] or NO_COUNTY) if isinstance(i, str) and i in table else None)


def _metric_rows(v: Validator, entity: str) -> None:
    refs = v.refs
    key = f"{entity}_id"
    v.required(key)
    things = v.code(key, refs.lookup(entity))
    v.region_scope(key, _county_of(things, refs.villages if entity == "village" else refs.parks))
    v.required("metric_id")
    metrics = v.code("metric_id", refs.lookup(f"{entity}_metric"))
    v.required("year")
    years = v.year("year")
    start, end = refs.year_span()
    lo = pd.Series(float(start), index=v.index)
    hi = pd.Series(float(end), index=v.index)
    v.year_window(years, lo, hi, pd.Series([("各规划期", "the plan periods")] * len(v.index), index=v.index))
    v.frame["period_type"], v.frame["period_no"] = "year", 0
    v.required("value")
    values, pct, suffix = v.number("value")
    units = umap(metrics, lambda m: refs.metrics[m]["unit"] if isinstance(m, str) else None)
    names = umap(metrics, lambda m: refs.metrics[m]["name_zh"] if isinstance(m, str) else None)
    v.value_checks(values, pct, suffix, units, names)
    label = (
        ("村、指标、年份", "village, metric and year")
        if entity == "village"
        else ("园区、指标、年份", "park, metric and year")
    )
    v.duplicates([key, "metric_id", "year"], label)


def village_metrics(v: Validator) -> None:
    _metric_rows(v, "village")


def park_metrics(v: Validator) -> None:
    _metric_rows(v, "park")


def _new_ids(v: Validator, ids: pd.Series, existing: set[str]) -> pd.Series:
    return umap(ids, lambda i: isinstance(i, str) and i != "" and i not in existing)


def _require_for_new(v: Validator, is_new: pd.Series, ids: pd.Series) -> None:
    entity = (v.kind.entity_zh, v.kind.entity_en)
    for name in NEW_ROW_REQUIRED.get(v.kind.id, ()):
        missing = is_new & v.blank(name)
        v.rule(
            name,
            "cell.required_new",
            ~missing,
            lambda r: {"entity": entity, "id": ids.at[r]},
            report_column=v.header(name),
        )


def _own_id(v: Validator, existing: set[str]) -> pd.Series:
    v.required("id")
    ids = umap(v.text("id"), normalise_code)
    v.frame["id"] = ids.where(ids != "", None)
    new = _new_ids(v, ids, existing)
    v.rule("id", "cell.bad_id", ~new | umap(ids, lambda i: bool(ID_PATTERN.match(i))))
    v.duplicates(["id"], ("代码", "id"))
    return new


def villages(v: Validator) -> None:
    refs = v.refs
    is_new = _own_id(v, set(refs.villages))
    ids = v.frame["id"]
    _require_for_new(v, is_new, ids)
    for name in ("name_zh", "name_en", "leading_industry"):
        v.plain_text(name, v.kind.col(name).max_len)
    counties = v.code("county_code", refs.lookup("county"))
    # A county scope covers both ends of a move: the county a village is in now and the one the file gives it.
    v.region_scope("id", _county_of(ids, refs.villages), current=True)
    v.region_scope("county_code", counties)
    lon, _, _ = v.number("lon")
    lat, _, _ = v.number("lat")
    v.rule(
        "lon",
        "cell.lon_range",
        lon.isna() | lon.between(*NINGXIA_LON),
        lambda r: {"min": NINGXIA_LON[0], "max": NINGXIA_LON[1]},
    )
    v.rule(
        "lat",
        "cell.lat_range",
        lat.isna() | lat.between(*NINGXIA_LAT),
        lambda r: {"min": NINGXIA_LAT[0], "max": NINGXIA_LAT[1]},
    )
    v.enum(v.kind.col("relocation_type"))
    households = v.integer("households")
    population = v.integer("population")
    v.boolean("leader_contacted")
    odd = households.notna() & population.notna() & (population < households)
    v.rule(
        "population",
        "warn.population",
        ~odd.fillna(False).astype(bool),
        lambda r: {"population": population.at[r], "households": households.at[r]},
        severity="warning",
    )


def parks(v: Validator) -> None:
    refs = v.refs
    v.required("id")
    ids = v.code("id", refs.lookup("park"))
    v.region_scope("id", _county_of(ids, refs.parks), current=True)
    for col in v.kind.cols[1:]:
        v.plain_text(col.name, col.max_len)
    v.duplicates(["id"], ("园区", "park"))


def targets(v: Validator) -> None:
    refs = v.refs
    is_new = _own_id(v, set(refs.indicators))
    ids = v.frame["id"]
    _require_for_new(v, is_new, ids)
    plan_ids = v.code("plan_id", refs.lookup("plan"))
    plan_ids = plan_ids.fillna(
        umap(ids, lambda i: refs.indicators.get(i, {}).get("plan_id") if isinstance(i, str) else None)
    )
    for col in v.kind.cols:
        if col.type == "text":
            v.plain_text(col.name, col.max_len)
    clauses = v.text("clause")

    def clause_ok(t: str) -> bool:
        try:
            section_id_for_clause(t)
        except ValueError:
            return False
        return True

    v.rule("clause", "cell.clause", (clauses == "") | umap(clauses, clause_ok))
    v.integer("seq")
    chapters = v.integer("chapter_no")
    v.rule("chapter_no", "cell.chapter_range", chapters.isna() | chapters.between(1, 99).fillna(True).astype(bool))
    # A 专栏 clause does not say its chapter: a new target then needs the 章 column.
    no_chapter = is_new & chapters.isna() & ~clauses.str.startswith("第")
    v.rule(
        "chapter_no",
        "cell.required_new",
        ~no_chapter.astype(bool),
        lambda r: {"entity": (v.kind.entity_zh, v.kind.entity_en), "id": ids.at[r]},
        report_column=v.header("chapter_no"),
    )
    v.number("baseline_value")
    target_value, _, _ = v.number("target_value")
    v.year("baseline_year")
    target_year = v.year("target_year")
    lo = umap(plan_ids, lambda p: refs.plans[p]["period_start"] if p in refs.plans else np.nan).astype("float64")
    hi = umap(plan_ids, lambda p: refs.plans[p]["period_end"] if p in refs.plans else np.nan).astype("float64")
    inside = target_year.isna() | lo.isna() | ((target_year >= lo) & (target_year <= hi))
    v.rule(
        "target_year",
        "cell.target_year_range",
        inside.astype(bool),
        lambda r: {"start": int(lo.at[r]), "end": int(hi.at[r])},
    )
    rule_kind = v.enum(v.kind.col("rule_kind"))
    v.enum(v.kind.col("attribute"))
    v.boolean("is_headline")
    needs_value = rule_kind.isin(NUMERIC_RULES) & target_value.isna() & (is_new | v.has("target_value"))
    v.rule(
        "target_value",
        "cell.target_needs_value",
        ~needs_value.astype(bool),
        lambda r: {"rule": rule_kind.at[r]},
        report_column=v.header("target_value"),
    )
    series = v.code("reference_series", refs.lookup("reference_series"))
    needs_ref = rule_kind.isin(["above_reference", "reach_reference"]) & series.isna() & v.blank("reference_series")
    v.rule(
        "reference_series",
        "cell.reference_needed",
        ~(needs_ref & is_new).astype(bool),
        lambda r: {"rule": rule_kind.at[r]},
        report_column=v.header("reference_series"),
    )
    continuity.check(v, v.code("carries_over_from", refs.lookup("indicator")), plan_ids)


def plans(v: Validator) -> None:
    refs = v.refs
    is_new = _own_id(v, set(refs.plans))
    ids = v.frame["id"]
    _require_for_new(v, is_new, ids)
    for col in v.kind.cols:
        if col.type == "text":
            v.plain_text(col.name, col.max_len)
    given = {name: v.year(name) for name in ("period_start", "period_end", "baseline_year")}
    current = ids.map(lambda i: refs.plans.get(i) if isinstance(i, str) else None)

    def stored(name: str) -> pd.Series:
        return current.map(lambda p: p[name] if p else None).astype("Float64")

    # A plan with actual values keeps its years: moving them would leave data outside the plan period.
    for name, years in given.items():
        moved = years.notna() & ids.isin(refs.plans_with_data) & (years.astype("Float64") != stored(name))
        v.rule(
            name,
            "cell.plan_has_data",
            ~moved.fillna(False).astype(bool),
            lambda r: {"value": f"{refs.plans[ids.at[r]]['short_zh']}（{ids.at[r]}）"},
        )
    # Each order is checked against the stored value of a year the file leaves out, and blames a year it gives.
    start = given["period_start"].astype("Float64").fillna(stored("period_start"))
    end = given["period_end"].astype("Float64").fillna(stored("period_end"))
    base = given["baseline_year"].astype("Float64").fillna(stored("baseline_year"))
    end_before_start = (end < start).fillna(False).astype(bool)
    base_after_start = (base >= start).fillna(False).astype(bool)
    end_given, base_given = given["period_end"].notna(), given["baseline_year"].notna()
    v.rule("period_end", "cell.period_order", ~(end_before_start & end_given), lambda r: {"start": int(start.at[r])})
    v.rule(
        "period_start",
        "cell.period_order_start",
        ~(end_before_start & ~end_given),
        lambda r: {"end": int(end.at[r])},
    )
    v.rule(
        "baseline_year",
        "cell.baseline_order",
        ~(base_after_start & base_given),
        lambda r: {"start": int(start.at[r])},
    )
    v.rule(
        "period_start",
        "cell.baseline_order_start",
        ~(base_after_start & ~base_given),
        lambda r: {"base": int(base.at[r])},
    )
    v.date_value("issued_on")
    v.code("predecessor_id", refs.lookup("plan"))


CHECKERS: dict[str, Callable[[Validator], None]] = {
    "observations": observations,
    "indicator_notes": indicator_notes,
    "village_metrics": village_metrics,
    "park_metrics": park_metrics,
    "villages": villages,
    "parks": parks,
    "targets": targets,
    "plans": plans,
}


def validate(kind: Kind, parsed: Parsed, refs: Refs, scope: Scope) -> Checked:
    """Every check of the kind, run through pandera; the Issues come back with the typed values."""
    v = Validator(kind, parsed, refs, scope)
    CHECKERS[kind.id](v)
    return v.run()
