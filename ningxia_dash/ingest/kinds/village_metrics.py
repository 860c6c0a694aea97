"""Upload kind `village_metrics` (移民村指标): yearly metrics of the key resettlement villages."""

from __future__ import annotations

from ningxia_dash.ingest.kinds.base import Kind
from ningxia_dash.ingest.kinds.shared import UNIT, VALUE, VILLAGE, YEAR, metric_col, metric_rows
from ningxia_dash.ingest.validate import Validator


def check(v: Validator) -> None:
    metric_rows(v, "village")


KIND = Kind(
    id="village_metrics",
    zh="移民村指标",
    en="Village metrics",
    table="village_metrics",
    key=("village_id", "metric_id", "year", "period_type", "period_no"),
    cols=(VILLAGE, metric_col("村"), YEAR, VALUE, UNIT),
    check=check,
    entity_zh="村指标值",
    entity_en="village value",
    help_zh="重点移民村的年度指标（收入、就业、“9+1”各维度等）。",
    help_en="Yearly metrics of the key resettlement villages (income, jobs, the 9+1 dimensions …).",
    honoured_scopes=frozenset({"regions"}),
    value_columns=("value",),
    ref_sheets=("villages", "village_metrics"),
)
