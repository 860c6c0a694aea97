"""Validation: cell texts → typed values, then every check of the kind declared as a pandera schema and run lazily,
its failure cases turned into Issues (row as Excel numbers it, column as the file names it, Chinese reason).

Checks that depend on other columns of the row (a percentage range depends on the indicator's unit) are
computed as vectors first and attached to the column they blame, so one pandera pass collects every failure.
Pure Python, pandas and pandera; reference data arrives as Refs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ningxia_dash.ingest.kinds import NEW_ROW_REQUIRED, Col, Kind
from ningxia_dash.ingest.messages import Issue, Severity
from ningxia_dash.ingest.parse import (
    Parsed,
    is_total_row,
    normalise_code,
    parse_bool,
    parse_enum,
    parse_numbers,
    parse_period,
    parse_year,
)
from ningxia_dash.ingest.refs import Lookup, Refs
from ningxia_dash.plan_text import section_id_for_clause

COUNT_UNITS = {"个", "人", "户", "家", "所", "处", "座", "名", "对", "条", "种", "次", "人次"}
PERCENT_UNITS = {"%", "百分比", "百分点"}
GROWTH_RULES = {"above_reference"}  # % indicators that are growth rates may be negative
NINGXIA_LON = (104.0, 108.0)
NINGXIA_LAT = (35.0, 39.6)
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
FORMULA_START = ("=", "+", "-", "@")
NUMERIC_RULES = {"min", "gt", "max", "maintain", "zero", "per_year", "milestone"}


@dataclass(frozen=True)
class Scope:
    """What the importing account may do: its role and, for officers, the indicators and regions it covers."""

    username: str
    role: str
    indicators: frozenset[str] | None = None
    regions: frozenset[str] | None = None


@dataclass
class Rule:
    column: str  # the frame column the check is attached to
    code: str
    ok: pd.Series  # True where the row passes
    params: Callable[[int], dict[str, object]] = field(default=lambda row: {})
    report_column: str | bool | None = True  # True: the column's header; None: the whole row
    severity: Severity = "error"


@dataclass
class Checked:
    typed: pd.DataFrame  # canonical typed columns (absent ones NaN), index = Excel row
    present: list[str]
    issues: list[Issue]


def unit_key(unit: object) -> str:
    if not isinstance(unit, str):
        return ""
    u = normalise_code(unit)
    return "%" if u in PERCENT_UNITS else u


class Validator:
    """Builds the typed frame and the rules of one file; `run()` passes them through pandera."""

    def __init__(self, kind: Kind, parsed: Parsed, refs: Refs, scope: Scope) -> None:
        self.kind, self.parsed, self.refs, self.scope = kind, parsed, refs, scope
        self.raw = parsed.raw
        self.index = parsed.raw.index
        self.frame = pd.DataFrame(index=self.index)
        self.rules: list[Rule] = []
        self.extra: list[Issue] = []

    # ------------------------------------------------------------ helpers
    def text(self, name: str) -> pd.Series:
        if name in self.raw.columns:
            return self.raw[name]
        return pd.Series("", index=self.index, dtype=object)

    def has(self, name: str) -> bool:
        return name in self.raw.columns

    def header(self, name: str) -> str:
        return self.parsed.headers.get(name) or self.kind.col(name).zh

    def rule(
        self,
        column: str,
        code: str,
        ok: pd.Series,
        params: Callable[[int], dict[str, object]] | None = None,
        report_column: str | bool | None = True,
        severity: Severity = "error",
    ) -> None:
        if column not in self.frame.columns:
            self.frame[column] = np.nan
        self.rules.append(
            Rule(column, code, ok.fillna(True).astype(bool), params or (lambda row: {}), report_column, severity)
        )

    def blank(self, name: str) -> pd.Series:
        return self.text(name) == ""

    def required(self, name: str) -> None:
        if self.has(name):
            self.rule(name, "cell.required", ~self.blank(name))

    # ------------------------------------------------------------ typed columns
    def code(self, name: str, lookup: Lookup, default: str | None = None) -> pd.Series:
        texts = self.text(name).map(normalise_code)
        if default is not None:
            texts = texts.where(texts != "", default)
        resolved = texts.map(lambda t: lookup.resolve(t) if t else None)
        self.frame[name] = resolved
        total = texts.map(is_total_row)
        self.rule(name, "cell.total_row", ~total)
        unknown = (texts != "") & resolved.isna() & ~total

        def params(row: int) -> dict[str, object]:
            hit = lookup.closest(str(texts.at[row]))
            suggest = (
                ("", "")
                if hit is None
                else (f"，是否为“{hit[0]}”（{hit[1]}）？", f"; did you mean “{hit[0]}” ({hit[1]})?")
            )
            return {"what": lookup.what, "suggest": suggest}

        self.rule(name, "cell.unknown", ~unknown, params)
        return resolved

    def number(self, name: str) -> tuple[pd.Series, pd.Series, pd.Series]:
        texts = self.text(name)
        values, pct, suffix = parse_numbers(texts)
        finite = values.map(lambda v: v is None or (isinstance(v, float) and (math.isnan(v) or math.isfinite(v))))
        values = values.where(finite, np.nan)
        bad = (texts != "") & values.isna() & (suffix == "")
        self.frame[name] = values
        self.rule(name, "cell.not_number", ~bad)
        return values, pct, suffix

    def integer(self, name: str) -> pd.Series:
        values, _, suffix = self.number(name)
        self.rule(name, "cell.unit_in_value", suffix == "", lambda r: {"suffix": suffix.at[r], "expected": "—"})
        whole = values.isna() | (values == values.round())
        self.rule(name, "cell.not_integer", whole)
        self.rule(name, "cell.negative", values.isna() | (values >= 0))
        out = values.where(whole).astype("Float64").round().astype("Int64")
        self.frame[name] = out
        return out

    def year(self, name: str) -> pd.Series:
        texts = self.text(name)
        years = texts.map(lambda t: parse_year(t) if t else None)
        self.rule(name, "cell.not_year", (texts == "") | years.notna())
        out = pd.array(years.tolist(), dtype="Int64")
        self.frame[name] = pd.Series(out, index=self.index)
        return self.frame[name]

    def plain_text(self, name: str, max_len: int | None) -> pd.Series:
        texts = self.text(name)
        self.frame[name] = texts.where(texts != "", None)
        if max_len:
            self.rule(
                name, "cell.too_long", texts.str.len() <= max_len, lambda r: {"n": len(texts.at[r]), "max": max_len}
            )
        formula = texts.str.startswith(FORMULA_START) & ~texts.str.match(r"^[+-]?\d")
        self.rule(name, "warn.formula", ~formula, lambda r: {"first": texts.at[r][:1]}, severity="warning")
        return self.frame[name]

    def boolean(self, name: str) -> pd.Series:
        texts = self.text(name)
        values = texts.map(lambda t: parse_bool(t) if t else None)
        self.rule(name, "cell.bool", (texts == "") | values.notna())
        self.frame[name] = values
        return values

    def enum(self, col: Col) -> pd.Series:
        texts = self.text(col.name)
        values = texts.map(lambda t: parse_enum(col, t) if t else None)
        choices = "、".join(f"“{spellings[0]}”" for _, spellings in col.choices)
        self.rule(col.name, "cell.enum", (texts == "") | values.notna(), lambda r: {"choices": choices})
        self.frame[col.name] = values
        return values

    def date_value(self, name: str) -> pd.Series:
        texts = self.text(name)

        def parse(t: str) -> date | None:
            m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?", normalise_code(t))
            if not m:
                return None
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None

        values = texts.map(lambda t: parse(t) if t else None)
        self.rule(name, "cell.date", (texts == "") | values.notna())
        self.frame[name] = values
        return values

    def period(self) -> None:
        texts = self.text("period")
        parsed = texts.map(parse_period)
        self.rule("period", "cell.period", parsed.notna())
        self.frame["period_type"] = parsed.map(lambda p: p[0] if p else "year")
        self.frame["period_no"] = parsed.map(lambda p: p[1] if p else 0).astype("int64")

    def duplicates(self, key: list[str], labels: tuple[str, str]) -> None:
        keys = self.frame[key]
        complete = keys.notna().all(axis=1)
        dup = keys.duplicated(keep="first") & complete
        if not dup.any():
            return
        first_row: dict[tuple[object, ...], int] = {}
        for row, values in zip(keys.index, keys.itertuples(index=False, name=None), strict=True):
            first_row.setdefault(values, row)
        first = pd.Series([first_row[v] for v in keys.itertuples(index=False, name=None)], index=keys.index)
        self.rule(
            key[0], "cell.duplicate", ~dup, lambda r: {"first": int(first.at[r]), "keys": labels}, report_column=None
        )

    def year_window(self, years: pd.Series, lo: pd.Series, hi: pd.Series, plan: pd.Series, name: str = "year") -> None:
        inside = years.isna() | lo.isna() | ((years >= lo) & (years <= hi))
        self.rule(
            name,
            "cell.year_range",
            inside.astype(bool),
            lambda r: {"start": int(lo.at[r]), "end": int(hi.at[r]), "plan": plan.at[r]},
        )
        this = self.refs.this_year
        self.rule(name, "cell.year_future", years.isna() | (years <= this), lambda r: {"this": this})

    def value_checks(
        self,
        values: pd.Series,
        pct: pd.Series,
        suffix: pd.Series,
        units: pd.Series,
        names: pd.Series,
        rules: pd.Series | None = None,
    ) -> None:
        """Ranges by unit: percentages 0–100 (growth rates > -100), counts whole and ≥ 0, milestones 0/1."""
        ukey = units.map(unit_key)
        is_pct = ukey == "%"
        growth = is_pct & (rules.isin(GROWTH_RULES) if rules is not None else False)
        milestone = rules == "milestone" if rules is not None else pd.Series(False, index=self.index)
        self.rule(
            "value",
            "cell.unit_in_value",
            suffix == "",
            lambda r: {"suffix": suffix.at[r], "expected": units.at[r] or "—"},
        )
        self.rule(
            "value",
            "cell.percent_sign",
            ~pct | is_pct | names.isna(),
            lambda r: {"name": names.at[r], "expected": units.at[r] or "—"},
        )
        v = values
        self.rule("value", "cell.pct_range", v.isna() | ~is_pct | growth | ((v >= 0) & (v <= 100)))
        self.rule("value", "cell.growth_range", v.isna() | ~growth | (v > -100))
        self.rule("value", "cell.milestone", v.isna() | ~milestone | v.isin([0.0, 1.0]))
        self.rule("value", "cell.negative", v.isna() | is_pct | milestone | (v >= 0))
        counts = ukey.isin(COUNT_UNITS)
        self.rule("value", "cell.count_integer", v.isna() | ~counts | (v == v.round()), lambda r: {"unit": units.at[r]})
        if self.has("unit"):
            given = self.text("unit")
            match = (given == "") | names.isna() | (given.map(unit_key) == ukey)
            self.rule(
                "unit", "cell.unit_mismatch", match, lambda r: {"name": names.at[r], "expected": units.at[r] or "—"}
            )

    def name_crosscheck(self, name_col: str, ids: pd.Series, names: dict[str, str]) -> None:
        if not self.has(name_col) or name_col in ("indicator_id",):
            return
        given = self.text(name_col)
        expected = ids.map(lambda i: names.get(i) if isinstance(i, str) else None)
        ok = (
            (given == "")
            | expected.isna()
            | (given.map(normalise_code) == expected.map(lambda x: normalise_code(x or "")))
        )
        self.rule(
            name_col, "warn.name_mismatch", ok, lambda r: {"id": ids.at[r], "name": expected.at[r]}, severity="warning"
        )

    def region_scope(self, column: str, regions: pd.Series) -> None:
        allowed = self.scope.regions
        if allowed is None:
            return
        parent = {k: v.get("parent_code") for k, v in self.refs.regions.items()}

        def ok(code: object) -> bool:
            if not isinstance(code, str):
                return True
            return "640000" in allowed or code in allowed or parent.get(code) in allowed

        scope_text = "、".join(sorted(allowed))
        self.rule(column, "cell.scope_region", regions.map(ok).astype(bool), lambda r: {"scope": scope_text})

    # ------------------------------------------------------------ running
    def run(self) -> Checked:
        frame = self.frame.copy()
        checks: dict[str, list[pa.Check]] = {}
        by_name: dict[str, Rule] = {}
        for n, rule in enumerate(self.rules):
            name = f"{n}:{rule.code}"
            by_name[name] = rule
            checks.setdefault(rule.column, []).append(
                pa.Check(lambda s, ok=rule.ok: ok.reindex(s.index).fillna(True), name=name, ignore_na=False)
            )
        schema = pa.DataFrameSchema(
            {col: pa.Column(None, checks=cs, nullable=True, required=True) for col, cs in checks.items()},
            strict=False,
        )
        failures: list[tuple[int, int, Rule]] = []
        try:
            schema.validate(frame, lazy=True)
        except pa.errors.SchemaErrors as exc:
            fc = exc.failure_cases
            fc = fc[fc["check"].isin(by_name)]
            for check, idx in zip(fc["check"], fc["index"], strict=True):
                failures.append((int(idx), int(str(check).split(":", 1)[0]), by_name[str(check)]))
        failures.sort(key=lambda f: (f[0], f[1]))
        issues: list[Issue] = []
        seen: set[tuple[int, str]] = set()
        for row, _, rule in failures:
            column_key = (row, rule.column)
            if rule.severity == "error":
                if column_key in seen:
                    continue  # one reason per cell: the first (most basic) check that failed
                seen.add(column_key)
            src = rule.column if rule.column in self.raw.columns else None
            value = str(self.raw.at[row, src]) if src else ""
            if rule.report_column is None:
                column = None
            elif isinstance(rule.report_column, str):
                column = rule.report_column
            else:
                column = self.header(rule.column) if rule.column in {c.name for c in self.kind.cols} else rule.column
            issues.append(Issue(rule.code, row, column, value, rule.params(row), rule.severity))
        return Checked(self.frame, [c for c in self.parsed.present], issues + self.extra)


# ---------------------------------------------------------------- kinds


def _indicator_columns(v: Validator) -> tuple[pd.Series, pd.Series]:
    refs = v.refs
    v.required("indicator_id")
    ids = v.code("indicator_id", refs.lookup("indicator"))
    if v.scope.indicators is not None:
        allowed = v.scope.indicators
        scope_text = "、".join(sorted(allowed))
        v.rule(
            "indicator_id",
            "cell.scope_indicator",
            ids.map(lambda i: not isinstance(i, str) or i in allowed),
            lambda r: {"scope": scope_text},
        )
    v.name_crosscheck("indicator_name", ids, {k: x["name_zh"] for k, x in refs.indicators.items()})
    return ids, ids.map(lambda i: refs.indicators[i]["plan_id"] if isinstance(i, str) else None)


def _plan_window(v: Validator, plan_ids: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    plans = v.refs.plans
    lo = plan_ids.map(lambda p: plans[p]["baseline_year"] if p in plans else np.nan).astype("float64")
    hi = plan_ids.map(lambda p: plans[p]["period_end"] if p in plans else np.nan).astype("float64")
    label = plan_ids.map(lambda p: (plans[p]["short_zh"], plans[p]["short_en"]) if p in plans else "")
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
    units = ids.map(lambda i: refs.indicators[i]["unit"] if isinstance(i, str) else None)
    names = ids.map(lambda i: refs.indicators[i]["name_zh"] if isinstance(i, str) else None)
    kinds = ids.map(lambda i: refs.indicators[i]["rule_kind"] if isinstance(i, str) else None)
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


def _metric_rows(v: Validator, entity: str) -> None:
    refs = v.refs
    key = f"{entity}_id"
    v.required(key)
    things = v.code(key, refs.lookup(entity))
    table = refs.villages if entity == "village" else refs.parks
    v.region_scope(key, things.map(lambda i: table[i]["county_code"] if isinstance(i, str) else None))
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
    units = metrics.map(lambda m: refs.metrics[m]["unit"] if isinstance(m, str) else None)
    names = metrics.map(lambda m: refs.metrics[m]["name_zh"] if isinstance(m, str) else None)
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
    return ids.map(lambda i: isinstance(i, str) and i != "" and i not in existing)


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
    ids = v.text("id").map(normalise_code)
    v.frame["id"] = ids.where(ids != "", None)
    new = _new_ids(v, ids, existing)
    v.rule("id", "cell.bad_id", ~new | ids.map(lambda i: bool(ID_PATTERN.match(i))))
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
    current = ids.map(lambda i: refs.villages.get(i, {}).get("county_code") if isinstance(i, str) else None)
    v.region_scope("county_code", counties.fillna(current) if v.has("county_code") else current)
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
    v.region_scope("id", ids.map(lambda i: refs.parks[i]["county_code"] if isinstance(i, str) else None))
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
        ids.map(lambda i: refs.indicators.get(i, {}).get("plan_id") if isinstance(i, str) else None)
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

    v.rule("clause", "cell.clause", (clauses == "") | clauses.map(clause_ok))
    v.integer("seq")
    v.integer("chapter_no")
    v.number("baseline_value")
    target_value, _, _ = v.number("target_value")
    v.year("baseline_year")
    target_year = v.year("target_year")
    lo = plan_ids.map(lambda p: refs.plans[p]["period_start"] if p in refs.plans else np.nan).astype("float64")
    hi = plan_ids.map(lambda p: refs.plans[p]["period_end"] if p in refs.plans else np.nan).astype("float64")
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
    v.code("carries_over_from", refs.lookup("indicator"))


def plans(v: Validator) -> None:
    refs = v.refs
    is_new = _own_id(v, set(refs.plans))
    ids = v.frame["id"]
    _require_for_new(v, is_new, ids)
    for col in v.kind.cols:
        if col.type == "text":
            v.plain_text(col.name, col.max_len)
    start, end, base = v.year("period_start"), v.year("period_end"), v.year("baseline_year")
    current = ids.map(lambda i: refs.plans.get(i) if isinstance(i, str) else None)
    start = start.fillna(current.map(lambda p: p["period_start"] if p else None)).astype("Float64")
    v.rule(
        "period_end",
        "cell.period_order",
        (end.isna() | start.isna() | (end >= start)).astype(bool),
        lambda r: {"start": int(start.at[r])},
    )
    v.rule(
        "baseline_year",
        "cell.baseline_order",
        (base.isna() | start.isna() | (base < start)).astype(bool),
        lambda r: {"start": int(start.at[r])},
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
    v = Validator(kind, parsed, refs, scope)
    CHECKERS[kind.id](v)
    return v.run()


def error_count(issues: list[Issue]) -> int:
    return sum(1 for i in issues if i.severity == "error")


def summarise(values: Any) -> str:  # pragma: no cover - debugging aid
    return ", ".join(map(str, values))
