"""Upload kind `observations` (指标实际值): actual values per indicator, region, year and period."""

from __future__ import annotations

from ningxia_dash.ingest import plausibility
from ningxia_dash.ingest.kinds.base import Kind
from ningxia_dash.ingest.kinds.shared import (
    INDICATOR,
    INDICATOR_NAME,
    NOTE,
    PERIOD,
    REGION,
    UNIT,
    VALUE,
    YEAR,
    indicator_columns,
    plan_window,
)
from ningxia_dash.ingest.validate import Validator, umap


def check(v: Validator) -> None:
    refs = v.refs
    ids, plan_ids = indicator_columns(v)
    v.required("region_code")
    regions = v.code("region_code", refs.lookup("region"))
    v.region_scope("region_code", regions)
    v.required("year")
    years = v.year("year")
    lo, hi, label = plan_window(v, plan_ids)
    v.year_window(years, lo, hi, label)
    v.period()
    v.required("value")
    values, pct, suffix = v.number("value")
    units = umap(ids, lambda i: refs.indicators[i]["unit"] if isinstance(i, str) else None)
    names = umap(ids, lambda i: refs.indicators[i]["name_zh"] if isinstance(i, str) else None)
    kinds = umap(ids, lambda i: refs.indicators[i]["rule_kind"] if isinstance(i, str) else None)
    v.value_checks(values, pct, suffix, units, names, kinds)
    v.plain_text("note", 500)
    v.duplicates(
        ["indicator_id", "region_code", "year", "period_type", "period_no"],
        ("指标、地区、年份、期别", "indicator, region, year and period"),
    )


KIND = Kind(
    id="observations",
    zh="指标实际值",
    en="Indicator values",
    table="observations",
    key=("indicator_id", "region_code", "year", "period_type", "period_no"),
    cols=(INDICATOR, INDICATOR_NAME, REGION, YEAR, PERIOD, VALUE, UNIT, NOTE),
    check=check,
    entity_zh="实际值",
    entity_en="value",
    help_zh="各项指标的年度（或季度、月度）实际值，全区或分县。导入后来源标为“官方”，替换示例数据。",
    help_en="Actual values per indicator, year (or quarter, month) and region. Imported values are marked Official.",
    honoured_scopes=frozenset({"indicators", "regions"}),
    value_columns=("value", "note"),
    plausibility=plausibility.check,
    warn_replacing_public=True,
    ref_sheets=("indicators", "regions"),
)
