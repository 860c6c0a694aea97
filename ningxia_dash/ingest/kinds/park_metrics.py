"""Upload kind `park_metrics` (产业园指标): yearly metrics of the Minning industrial parks."""

from __future__ import annotations

from ningxia_dash.ingest.kinds.shared import metric_kind

KIND = metric_kind(
    "park",
    zh="产业园指标",
    en="Park metrics",
    entity_zh="园区指标值",
    entity_en="park value",
    help_zh="闽宁产业园的年度指标（入驻企业、投资、产值、就业等）。",
    help_en="Yearly metrics of the Minning parks (enterprises, investment, output, jobs …).",
)
