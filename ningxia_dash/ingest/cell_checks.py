"""The Validator's cell-type checks: each column's texts → typed values (codes resolved against the reference data,
numbers, integers, years, texts, booleans, choices, dates, periods), with a rule for every cell that does not parse.
validate.Validator builds on CellChecks with the checks across columns, rows and the reference data."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ningxia_dash.ingest.collect import Rule
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
from ningxia_dash.ingest.refs import Lookup

if TYPE_CHECKING:  # the kinds' modules import validate.py; a kind arrives here as an argument
    from ningxia_dash.ingest.kinds.base import Col, Kind

FORMULA_START = ("=", "+", "-", "@")


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


class CellChecks:
    """The typed frame of one file and its rules, built column by column; the helpers every check uses."""

    def __init__(self, kind: Kind, parsed: Parsed) -> None:
        self.kind, self.parsed = kind, parsed
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
