"""Validation: cell texts → typed values, then every check of the kind as a boolean vector attached to the column
it blames; the failures come back as Issues (row as Excel numbers it, column as the file names it, Chinese reason).

Checks that depend on other columns of the row (a percentage range depends on the indicator's unit) or on the
reference data are computed as vectors, so one pass collects every failure. Each kind writes its checks in its own
module (ingest/kinds/<kind>.py). Pure Python, pandas and numpy; reference data arrives as Refs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ningxia_dash.config import PROVINCE_CODE
from ningxia_dash.ingest.limits import MAX_ERRORS
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

if TYPE_CHECKING:  # the kinds' modules import this one; a kind arrives here as an argument
    from ningxia_dash.ingest.kinds.base import Col, Kind

COUNT_UNITS = {"个", "人", "户", "家", "所", "处", "座", "名", "对", "条", "种", "次", "人次"}
PERCENT_UNITS = {"%", "百分比", "百分点"}
GROWTH_RULES = {"above_reference"}  # % indicators that are growth rates may be negative
NINGXIA_LON = (104.0, 108.0)
NINGXIA_LAT = (35.0, 39.6)
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
FORMULA_START = ("=", "+", "-", "@")
NO_COUNTY = ""  # region_scope: a known row without a county (inside no county's scope)
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


def umap(series: pd.Series, fn: Callable[[Any], Any]) -> pd.Series:
    """series.map(fn), computed once per distinct value (files repeat ids, regions and years on every row);
    all-boolean results come back as a bool Series."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = [fn(u) for u in uniques]
    if (codes == -1).any():
        try:
            values.append(fn(None))
        except (TypeError, AttributeError):
            values.append(None)
    else:
        values.append(False if values and all(isinstance(x, bool | np.bool_) for x in values) else None)
    table = np.empty(len(values), dtype=object)
    table[:] = values
    out = pd.Series(table[codes], index=series.index, dtype=object)
    if all(isinstance(x, bool | np.bool_) for x in values):
        return out.astype(bool)
    return out


def unit_key(unit: object) -> str:
    if not isinstance(unit, str):
        return ""
    u = normalise_code(unit)
    return "%" if u in PERCENT_UNITS else u


class Validator:
    """Builds the typed frame and the rules of one file; `run()` turns the failing rows into Issues."""

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
        if column not in self.frame.columns:  # the typed frame has a column for every column a rule blames
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
        texts = umap(self.text(name), normalise_code)
        if default is not None:
            texts = texts.where(texts != "", default)
        resolved = umap(texts, lambda t: lookup.resolve(t) if t else None)
        self.frame[name] = resolved
        total = umap(texts, is_total_row)
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
        values = values.where(values.isna() | np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan)), np.nan)
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
        years = umap(texts, lambda t: parse_year(t) if t else None)
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
        values = umap(texts, lambda t: parse_bool(t) if t else None)
        self.rule(name, "cell.bool", (texts == "") | values.notna())
        self.frame[name] = values
        return values

    def enum(self, col: Col) -> pd.Series:
        texts = self.text(col.name)
        values = umap(texts, lambda t: parse_enum(col, t) if t else None)
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

        values = umap(texts, lambda t: parse(t) if t else None)
        self.rule(name, "cell.date", (texts == "") | values.notna())
        self.frame[name] = values
        return values

    def period(self) -> None:
        texts = self.text("period")
        kinds = umap(texts, lambda t: (parse_period(t) or ("?", 0))[0])
        self.rule("period", "cell.period", kinds != "?")
        self.frame["period_type"] = kinds.where(kinds != "?", "year")
        self.frame["period_no"] = umap(texts, lambda t: (parse_period(t) or ("?", 0))[1]).astype("int64")

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
        """Ranges by unit: percentages 0–100 (growth rates > -100), counts whole and ≥ 0, unitless milestones 0/1."""
        ukey = umap(units, unit_key)
        is_pct = ukey == "%"
        growth = is_pct & (rules.isin(GROWTH_RULES) if rules is not None else False)
        # A milestone without a unit is done (1) or not (0); one counted in a unit ("新建2所", "3家达到三级乙等")
        # takes a count from 0 to its target, checked by the count rules below.
        milestone = rules == "milestone" if rules is not None else pd.Series(False, index=self.index)
        milestone = milestone & (units.isna() | (units.astype("string").fillna("") == ""))
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
            match = (given == "") | names.isna() | (umap(given, unit_key) == ukey)
            self.rule(
                "unit", "cell.unit_mismatch", match, lambda r: {"name": names.at[r], "expected": units.at[r] or "—"}
            )

    def name_crosscheck(self, name_col: str, ids: pd.Series, names: dict[str, str]) -> None:
        if not self.has(name_col) or name_col in ("indicator_id",):
            return
        given = self.text(name_col)
        expected = umap(ids, lambda i: names.get(i) if isinstance(i, str) else None)
        ok = (
            (given == "")
            | expected.isna()
            | (umap(given, normalise_code) == umap(expected, lambda x: normalise_code(x or "")))
        )
        self.rule(
            name_col, "warn.name_mismatch", ok, lambda r: {"id": ids.at[r], "name": expected.at[r]}, severity="warning"
        )

    def region_label(self, code: object) -> str:
        """'盐池县（640323）' — a county named, its code in brackets; NO_COUNTY for a row that has none."""
        if not isinstance(code, str) or code == NO_COUNTY:
            return "未定县区"
        found = self.refs.regions.get(code)
        return f"{found['name_zh']}（{code}）" if found else code

    def scope_label(self, items: frozenset[str], names: dict[str, str]) -> str:
        return "、".join(f"{names[c]}（{c}）" if c in names else c for c in sorted(items))

    def region_scope(self, column: str, regions: pd.Series, current: bool = False) -> None:
        """Each row's region (a region code; NO_COUNTY for a known row that has none; None when unknown, which
        another check reports) must lie inside the account's regions. current=True: the region the row belongs
        to now (an update may not touch another county's row), else the region the file gives it."""
        allowed = self.scope.regions
        if allowed is None:
            return
        parent = {k: v.get("parent_code") for k, v in self.refs.regions.items()}

        def ok(code: object) -> bool:
            if not isinstance(code, str):
                return True
            return PROVINCE_CODE in allowed or code in allowed or parent.get(code) in allowed

        scope_text = self.scope_label(allowed, {k: v["name_zh"] for k, v in self.refs.regions.items()})
        entity = (self.kind.entity_zh, self.kind.entity_en)
        self.rule(
            column,
            "cell.scope_region_current" if current else "cell.scope_region",
            umap(regions, ok).astype(bool),
            lambda r: {"region": self.region_label(regions.at[r]), "scope": scope_text, "entity": entity},
        )

    # ------------------------------------------------------------ running
    def failing_rows(self) -> pd.Index:
        """Rows where some rule fails, cut after the row that brings the rows with errors past MAX_ERRORS: rows
        that pass yield no failure, and an officer is shown the first MAX_ERRORS errors only, so only these rows
        are looked at again — seconds, not minutes, for a file where every row is wrong."""
        if not self.rules:
            return self.index[:0]
        errors = np.zeros(len(self.index), dtype=bool)
        warnings = np.zeros(len(self.index), dtype=bool)
        for rule in self.rules:
            bad = ~rule.ok.reindex(self.index).fillna(True).to_numpy(dtype=bool)
            if rule.severity == "error":
                errors |= bad
            else:
                warnings |= bad
        cut = len(self.index)
        error_at = np.flatnonzero(errors)
        if len(error_at) > MAX_ERRORS:
            cut = int(error_at[MAX_ERRORS]) + 1
        return self.index[:cut][(errors | warnings)[:cut]]

    def run(self) -> Checked:
        rows_at = self.failing_rows()
        at = rows_at.to_numpy(dtype="int64")
        found_rows: list[np.ndarray] = []
        found_nums: list[np.ndarray] = []
        for n, rule in enumerate(self.rules):
            bad = ~rule.ok.reindex(rows_at).fillna(True).to_numpy(dtype=bool)
            found_rows.append(at[bad])
            found_nums.append(np.full(int(bad.sum()), n, dtype="int64"))
        rows = np.concatenate(found_rows) if found_rows else np.empty(0, dtype="int64")
        nums = np.concatenate(found_nums) if found_nums else np.empty(0, dtype="int64")
        # In row order, the most basic check first; a 合计 row reports only that it is one. Vectorised, because a
        # file where every row is wrong has millions of failures and only the first MAX_ERRORS are turned into text.
        totals = {n for n, rule in enumerate(self.rules) if rule.code == "cell.total_row"}
        total_rows = rows[np.isin(nums, list(totals))]
        keep = ~np.isin(rows, total_rows) | np.isin(nums, list(totals))
        rows, nums = rows[keep], nums[keep]
        order = np.lexsort((nums, rows))
        failures = ((int(rows[k]), int(nums[k]), self.rules[int(nums[k])]) for k in order)
        issues: list[Issue] = []
        seen: set[tuple[int, str]] = set()
        for row, _, rule in failures:
            column_key = (row, rule.column)
            if rule.severity == "error":
                if column_key in seen:
                    continue  # one reason per cell: the first (most basic) check that failed
                seen.add(column_key)
                if len(seen) > MAX_ERRORS:
                    issues.append(Issue("file.more_errors", params={"n": MAX_ERRORS}))
                    break  # a file where every row is wrong: the first errors are what the officer needs
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


def validate(kind: Kind, parsed: Parsed, refs: Refs, scope: Scope) -> Checked:
    """Every check of the kind (its module's `check`); the Issues come back with the typed values."""
    v = Validator(kind, parsed, refs, scope)
    kind.check(v)
    return v.run()
