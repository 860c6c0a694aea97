"""Upload kind `village_metrics` (移民村指标): yearly metrics of the key resettlement villages."""

from __future__ import annotations

from ningxia_dash.ingest.kinds.shared import metric_kind

KIND = metric_kind(
    "village",
    zh="移民村指标",
    en="Village metrics",
    entity_zh="村指标值",
    entity_en="village value",
    help_zh="重点移民村的年度指标（收入、就业、“9+1”各维度等）。",
    help_en="Yearly metrics of the key resettlement villages (income, jobs, the 9+1 dimensions …).",
)
