"""A plan as the pages read it (pure): the plans table's row (store/schema.sql) as a frozen dataclass with typed
fields, built once from the row, so no page casts `int(plan["baseline_year"])` again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ningxia_dash.i18n import Lang, pick


def _text(value: Any) -> str | None:
    """A nullable text column: None for NULL/NaN/'' (pandas reads a NULL as None, NaN or pd.NA)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value) or None


def _date(value: Any) -> dt.date | None:
    """A nullable DATE column (pandas reads a NULL date as NaT)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


@dataclass(frozen=True)
class Plan:
    id: str
    title_zh: str
    title_en: str
    short_zh: str
    short_en: str
    doc_number: str  # '' when the plan has none (an imported plan may have no document number)
    period_start: int
    period_end: int
    baseline_year: int
    issuer_zh: str | None = None
    issued_on: dt.date | None = None
    source_url: str | None = None
    predecessor_id: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | pd.Series, plan_id: str | None = None) -> Plan:
        """The plan of one plans-table row (a Series indexed by id may pass its id as `plan_id`)."""
        return cls(
            id=str(plan_id if plan_id is not None else row["id"]),
            title_zh=str(row["title_zh"]),
            title_en=str(row["title_en"]),
            short_zh=str(row["short_zh"]),
            short_en=str(row["short_en"]),
            doc_number=_text(row.get("doc_number")) or "",
            period_start=int(row["period_start"]),
            period_end=int(row["period_end"]),
            baseline_year=int(row["baseline_year"]),
            issuer_zh=_text(row.get("issuer_zh")),
            issued_on=_date(row.get("issued_on")),
            source_url=_text(row.get("source_url")),
            predecessor_id=_text(row.get("predecessor_id")),
        )

    def title(self, lang: Lang) -> str:
        return pick(lang, self.title_zh, self.title_en)

    def short(self, lang: Lang) -> str:
        return pick(lang, self.short_zh, self.short_en)


def plan_of(plans: pd.DataFrame, plan_id: str) -> Plan:
    """The plan `plan_id` of the plans table (KeyError when it has no such plan)."""
    rows = plans[plans["id"] == plan_id]
    if rows.empty:
        raise KeyError(plan_id)
    return Plan.from_row(rows.iloc[0])
