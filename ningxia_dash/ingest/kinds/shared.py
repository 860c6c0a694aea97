"""Columns and checks that several upload kinds share: the indicator, region, year, period, value, unit and note
columns; the village and park ids; the checks of an indicator id, a plan's year window, a metric row and a
master-data row's own id (pure Python and pandas)."""

from __future__ import annotations

from functools import partial
from typing import Literal

import numpy as np
import pandas as pd

from ningxia_dash.config import PROVINCE_CODE
from ningxia_dash.ingest.kinds.base import Col, Kind
from ningxia_dash.ingest.parse import normalise_code
from ningxia_dash.ingest.validate import ID_PATTERN, NO_COUNTY, Validator, umap

MetricEntity = Literal["village", "park"]  # whose yearly metrics a file holds

INDICATOR = Col(
    "indicator_id",
    "指标代码",
    "code",
    required=True,
    help_zh="指标代码（见“指标代码”表），也可填指标的完整中文名称",
    help_en="Indicator id (see the indicator sheet); the full Chinese name is accepted too",
    example="rural_tap_water_rate",
    aliases=("indicator", "indicator code", "指标编码", "指标id", "指标编号"),
)
INDICATOR_NAME = Col(
    "indicator_name",
    "指标名称",
    "text",
    help_zh="可选，仅供核对：与代码不一致时给出提示，以代码为准",
    help_en="Optional, for checking only: a mismatch with the id gives a warning; the id wins",
    example="农村自来水普及率",
    aliases=("indicator name", "指标"),
    info_only=True,
)
REGION = Col(
    "region_code",
    "地区代码",
    "code",
    required=True,
    help_zh=f"行政区划代码：全区 {PROVINCE_CODE}，县（市、区）6位代码；也可填地区名称（如“红寺堡区”）",
    help_en=f"GB/T 2260 code: {PROVINCE_CODE} for Ningxia, 6-digit county codes; names such as 红寺堡区 are accepted",
    example=PROVINCE_CODE,
    aliases=("region", "region code", "地区", "行政区划代码", "区划代码", "地区编码"),
)
YEAR = Col(
    "year",
    "年份",
    "year",
    required=True,
    help_zh="四位年份，须在该指标所属规划的基期年至规划末年之间，且不晚于今年",
    help_en="Four-digit year, from the plan's baseline year to its last year, and not after this year",
    example="2024",
    aliases=("年度", "统计年度"),
)
PERIOD = Col(
    "period",
    "期别",
    "period",
    help_zh="可选：空或“全年”为年度值；季度写“一季度”或“Q1”；月份写“3月”",
    help_en="Optional: blank or 全年 for a yearly value; quarters as Q1 or 一季度; months as 3月",
    example="全年",
    aliases=("统计期", "周期"),
)
VALUE = Col(
    "value",
    "数值",
    "number",
    required=True,
    help_zh="只填数字；可带千分位逗号和全角数字；百分比指标可写“96.5”或“96.5%”",
    help_en="A number; thousands separators and full-width digits are fine; percentages as 96.5 or 96.5%",
    example="96.5",
    aliases=("实际值", "完成值", "数据", "值"),
)
UNIT = Col(
    "unit",
    "单位",
    "text",
    help_zh="可选，仅供核对：填写时须与指标的单位一致",
    help_en="Optional, for checking: when given it must match the indicator's unit",
    example="%",
    aliases=("计量单位",),
    info_only=True,
)
NOTE = Col(
    "note",
    "备注",
    "text",
    help_zh="可选：口径、数据来源文件等说明",
    help_en="Optional: definitions, the document the figure comes from",
    example="据2024年统计公报",
    aliases=("notes", "remark", "remarks", "说明"),
    max_len=500,
)


def metric_col(entity: MetricEntity) -> Col:
    entity_zh = "村" if entity == "village" else "园区"
    return Col(
        "metric_id",
        "指标代码",
        "code",
        required=True,
        help_zh=f"{entity_zh}指标代码（见“{entity_zh}指标代码”表），也可填指标中文名称",
        help_en=f"{'Village' if entity == 'village' else 'Park'} metric id (see its sheet); the Chinese name works too",
        example="v_income" if entity == "village" else "p_enterprises",
        aliases=("metric", "metric id", "指标", "指标编码"),
    )


VILLAGE = Col(
    "village_id",
    "村代码",
    "code",
    required=True,
    help_zh="村（社区）代码（见“村代码”表），也可填村名",
    help_en="Village id (see the village sheet); the village name works too",
    example="demo-v-640303-07",
    aliases=("village", "village id", "村（社区）代码", "村编码"),
)
PARK = Col(
    "park_id",
    "园区代码",
    "code",
    required=True,
    help_zh="闽宁产业园代码（见“园区代码”表），也可填园区名称",
    help_en="Minning park id (see the park sheet); the park name works too",
    example="park_yanchi",
    aliases=("park", "park id", "园区", "园区编码"),
)


# ------------------------------------------------------------ shared checks
def indicator_columns(v: Validator) -> tuple[pd.Series, pd.Series]:
    """The indicator id (inside the account's indicators) and its name cross-check → the ids and their plans."""
    refs = v.refs
    v.required("indicator_id")
    ids = v.code("indicator_id", refs.lookup("indicator"))
    if v.scope.indicators is not None:
        allowed = v.scope.indicators
        scope_text = v.scope_label(allowed, {k: x["name_zh"] for k, x in refs.indicators.items()})
        v.rule(
            "indicator_id",
            "cell.scope_indicator",
            umap(ids, lambda i: not isinstance(i, str) or i in allowed),
            lambda r: {"scope": scope_text},
        )
    v.name_crosscheck("indicator_name", ids, {k: x["name_zh"] for k, x in refs.indicators.items()})
    return ids, umap(ids, lambda i: refs.indicators[i]["plan_id"] if isinstance(i, str) else None)


def plan_window(v: Validator, plan_ids: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each row's plan: its baseline year, its last year and its short names."""
    plans = v.refs.plans
    lo = umap(plan_ids, lambda p: plans[p]["baseline_year"] if p in plans else np.nan).astype("float64")
    hi = umap(plan_ids, lambda p: plans[p]["period_end"] if p in plans else np.nan).astype("float64")
    label = umap(plan_ids, lambda p: (plans[p]["short_zh"], plans[p]["short_en"]) if p in plans else "")
    return lo, hi, label


def county_of(ids: pd.Series, table: dict[str, dict[str, object]]) -> pd.Series:
    """The county each known id belongs to now (NO_COUNTY when it has none; None for an id not in the table)."""
    return umap(ids, lambda i: (table[i]["county_code"] or NO_COUNTY) if isinstance(i, str) and i in table else None)


def metric_rows(v: Validator, entity: MetricEntity) -> None:
    """A village's or park's yearly metric: the thing (in the account's counties), the metric, year and value."""
    refs = v.refs
    key = f"{entity}_id"
    v.required(key)
    things = v.code(key, refs.lookup(entity))
    v.region_scope(key, county_of(things, refs.villages if entity == "village" else refs.parks))
    v.required("metric_id")
    metrics = v.code("metric_id", refs.lookup(f"{entity}_metric"))
    v.required("year")
    years = v.year("year")
    start, end = refs.year_span()
    lo = pd.Series(float(start), index=v.index)
    hi = pd.Series(float(end), index=v.index)
    v.year_window(years, lo, hi, pd.Series([("各规划期", "the plan periods")] * len(v.index), index=v.index))
    v.frame["period_type"], v.frame["period_no"] = "year", 0
    v.required("value")
    values, pct, suffix = v.number("value")
    units = umap(metrics, lambda m: refs.metrics[m]["unit"] if isinstance(m, str) else None)
    names = umap(metrics, lambda m: refs.metrics[m]["name_zh"] if isinstance(m, str) else None)
    v.value_checks(values, pct, suffix, units, names)
    label = (
        ("村、指标、年份", "village, metric and year")
        if entity == "village"
        else ("园区、指标、年份", "park, metric and year")
    )
    v.duplicates([key, "metric_id", "year"], label)


def metric_kind(
    entity: MetricEntity, *, zh: str, en: str, entity_zh: str, entity_en: str, help_zh: str, help_en: str
) -> Kind:
    """The upload kind of the villages' or the parks' yearly metrics: all but its words follows from the entity."""
    thing = VILLAGE if entity == "village" else PARK
    return Kind(
        id=f"{entity}_metrics",
        zh=zh,
        en=en,
        table=f"{entity}_metrics",
        key=(thing.name, "metric_id", "year", "period_type", "period_no"),
        cols=(thing, metric_col(entity), YEAR, VALUE, UNIT),
        check=partial(metric_rows, entity=entity),
        entity_zh=entity_zh,
        entity_en=entity_en,
        help_zh=help_zh,
        help_en=help_en,
        honoured_scopes=frozenset({"regions"}),
        value_columns=("value",),
        ref_sheets=(f"{entity}s", f"{entity}_metrics"),
    )


def require_for_new(v: Validator, is_new: pd.Series, ids: pd.Series) -> None:
    """A new row of a master-data kind must fill the kind's new_row_required columns."""
    entity = (v.kind.entity_zh, v.kind.entity_en)
    for name in v.kind.new_row_required:
        missing = is_new & v.blank(name)
        v.rule(
            name,
            "cell.required_new",
            ~missing,
            lambda r: {"entity": entity, "id": ids.at[r]},
            report_column=v.header(name),
        )


def own_id(v: Validator, existing: set[str]) -> pd.Series:
    """A master-data row's own id: an existing one updates it, a new one (a well-formed id) adds a row → is_new."""
    v.required("id")
    ids = umap(v.text("id"), normalise_code)
    v.frame["id"] = ids.where(ids != "", None)
    new = umap(ids, lambda i: isinstance(i, str) and i != "" and i not in existing)
    v.rule("id", "cell.bad_id", ~new | umap(ids, lambda i: bool(ID_PATTERN.match(i))))
    v.duplicates(["id"], ("代码", "id"))
    return new
