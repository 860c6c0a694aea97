"""Validation: cell texts → typed values, then every check of the kind as a boolean vector attached to the column
it blames; the failures come back as Issues (row as Excel numbers it, column as the file names it, Chinese reason).

Checks that depend on other columns of the row (a percentage range depends on the indicator's unit) or on the
reference data are computed as vectors, so one pass collects every failure. Each kind writes its checks in its own
module (ingest/kinds/<kind>.py). Pure Python, pandas and numpy; reference data arrives as Refs.

The Validator's cell-type checks (a column's texts → typed values) are in cell_checks.py, the checks across columns,
rows and the reference data here, and the error collection (failing rows → Issues) in collect.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ningxia_dash.config import PROVINCE_CODE
from ningxia_dash.ingest.cell_checks import CellChecks, umap
from ningxia_dash.ingest.collect import Checked, collect
from ningxia_dash.ingest.parse import Parsed, normalise_code
from ningxia_dash.ingest.refs import Refs

if TYPE_CHECKING:  # the kinds' modules import this one; a kind arrives here as an argument
    from ningxia_dash.ingest.kinds.base import Kind

COUNT_UNITS = {"个", "人", "户", "家", "所", "处", "座", "名", "对", "条", "种", "次", "人次"}
PERCENT_UNITS = {"%", "百分比", "百分点"}
GROWTH_RULES = {"above_reference"}  # % indicators that are growth rates may be negative
NINGXIA_LON = (104.0, 108.0)
NINGXIA_LAT = (35.0, 39.6)
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
NO_COUNTY = ""  # region_scope: a known row without a county (inside no county's scope)
NUMERIC_RULES = {"min", "gt", "max", "maintain", "zero", "per_year", "milestone"}


@dataclass(frozen=True)
class Scope:
    """What the importing account may do: its role and, for officers, the indicators and regions it covers."""

    username: str
    role: str
    indicators: frozenset[str] | None = None
    regions: frozenset[str] | None = None


def unit_key(unit: object) -> str:
    if not isinstance(unit, str):
        return ""
    u = normalise_code(unit)
    return "%" if u in PERCENT_UNITS else u


class Validator(CellChecks):
    """Builds the typed frame and the rules of one file: the cell-type checks (cell_checks.py), the checks across
    columns, rows and the reference data here; `run()` turns the failing rows into Issues (collect.py)."""

    def __init__(self, kind: Kind, parsed: Parsed, refs: Refs, scope: Scope) -> None:
        super().__init__(kind, parsed)
        self.refs, self.scope = refs, scope

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

    def run(self) -> Checked:
        names = {c.name for c in self.kind.cols}
        issues = collect(self.rules, self.raw, lambda column: self.header(column) if column in names else column)
        return Checked(self.frame, [c for c in self.parsed.present], issues + self.extra)


def validate(kind: Kind, parsed: Parsed, refs: Refs, scope: Scope) -> Checked:
    """Every check of the kind (its module's `check`); the Issues come back with the typed values."""
    v = Validator(kind, parsed, refs, scope)
    kind.check(v)
    return v.run()
