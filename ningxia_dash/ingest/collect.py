"""The error collection: the rules of one file (a boolean vector per check, attached to the column it blames) →
the Issues an officer reads, in row order with the most basic check first, one reason per cell, cut after
MAX_ERRORS errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ningxia_dash.ingest.limits import MAX_ERRORS
from ningxia_dash.ingest.messages import Issue, Severity


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


def failing_rows(rules: list[Rule], index: pd.Index) -> pd.Index:
    """Rows where some rule fails, cut after the row that brings the rows with errors past MAX_ERRORS: rows
    that pass yield no failure, and an officer is shown the first MAX_ERRORS errors only, so only these rows
    are looked at again — seconds, not minutes, for a file where every row is wrong."""
    if not rules:
        return index[:0]
    errors = np.zeros(len(index), dtype=bool)
    warnings = np.zeros(len(index), dtype=bool)
    for rule in rules:
        bad = ~rule.ok.reindex(index).fillna(True).to_numpy(dtype=bool)
        if rule.severity == "error":
            errors |= bad
        else:
            warnings |= bad
    cut = len(index)
    error_at = np.flatnonzero(errors)
    if len(error_at) > MAX_ERRORS:
        cut = int(error_at[MAX_ERRORS]) + 1
    return index[:cut][(errors | warnings)[:cut]]


def collect(rules: list[Rule], raw: pd.DataFrame, header: Callable[[str], str]) -> list[Issue]:
    """The failures as Issues; header(column) is the column's name as the file gives it."""
    rows_at = failing_rows(rules, raw.index)
    at = rows_at.to_numpy(dtype="int64")
    found_rows: list[np.ndarray] = []
    found_nums: list[np.ndarray] = []
    for n, rule in enumerate(rules):
        bad = ~rule.ok.reindex(rows_at).fillna(True).to_numpy(dtype=bool)
        found_rows.append(at[bad])
        found_nums.append(np.full(int(bad.sum()), n, dtype="int64"))
    rows = np.concatenate(found_rows) if found_rows else np.empty(0, dtype="int64")
    nums = np.concatenate(found_nums) if found_nums else np.empty(0, dtype="int64")
    # In row order, the most basic check first; a 合计 row reports only that it is one. Vectorised, because a
    # file where every row is wrong has millions of failures and only the first MAX_ERRORS are turned into text.
    totals = {n for n, rule in enumerate(rules) if rule.code == "cell.total_row"}
    total_rows = rows[np.isin(nums, list(totals))]
    keep = ~np.isin(rows, total_rows) | np.isin(nums, list(totals))
    rows, nums = rows[keep], nums[keep]
    order = np.lexsort((nums, rows))
    failures = ((int(rows[k]), int(nums[k]), rules[int(nums[k])]) for k in order)
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
        src = rule.column if rule.column in raw.columns else None
        value = str(raw.at[row, src]) if src else ""
        if rule.report_column is None:
            column = None
        elif isinstance(rule.report_column, str):
            column = rule.report_column
        else:
            column = header(rule.column)
        issues.append(Issue(rule.code, row, column, value, rule.params(row), rule.severity))
    return issues
