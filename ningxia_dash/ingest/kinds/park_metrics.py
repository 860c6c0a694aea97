"""Upload kind `park_metrics` (产业园指标): yearly metrics of the Minning industrial parks."""

from __future__ import annotations

from ningxia_dash.ingest.kinds.base import Kind
from ningxia_dash.ingest.kinds.shared import PARK, UNIT, VALUE, YEAR, metric_col, metric_rows
from ningxia_dash.ingest.validate import Validator


def check(v: Validator) -> None:
    metric_rows(v, "park")


KIND = Kind(
    id="park_metrics",
    zh="产业园指标",
    en="Park metrics",
    table="park_metrics",
    key=("park_id", "metric_id", "year", "period_type", "period_no"),
    cols=(PARK, metric_col("园区"), YEAR, VALUE, UNIT),
    check=check,
    entity_zh="园区指标值",
    entity_en="park value",
    help_zh="闽宁产业园的年度指标（入驻企业、投资、产值、就业等）。",
    help_en="Yearly metrics of the Minning parks (enterprises, investment, output, jobs …).",
    honoured_scopes=frozenset({"regions"}),
    value_columns=("value",),
    ref_sheets=("parks", "park_metrics"),
)
