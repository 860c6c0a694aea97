"""What each upload kind holds: its columns (Chinese header, English aliases, type, help), its table and key
(pure Python; the declarations that templates, parsing, validation and diff all read)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from ningxia_dash import config

ColType = Literal["code", "text", "number", "int", "year", "bool", "enum", "period", "date"]


@dataclass(frozen=True)
class Col:
    name: str  # canonical name: the table's column, or a virtual one (period, unit, *_name)
    zh: str  # the template's header
    en: str  # the English header (accepted as an alias)
    type: ColType
    required: bool = False  # the column must be in the file
    help_zh: str = ""
    help_en: str = ""
    example: str = ""
    aliases: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # stored value → accepted spellings (enum)
    max_len: int | None = None
    info_only: bool = False  # read and cross-checked, never written (e.g. 指标名称 beside 指标代码)


@dataclass(frozen=True)
class Kind:
    id: str
    zh: str
    en: str
    table: str
    key: tuple[str, ...]  # key columns in the table
    cols: tuple[Col, ...]
    role: str = "officer"  # the least role that may import it
    partial: bool = False  # columns absent from the file keep their current values (updates of master data)
    entity_zh: str = "记录"
    entity_en: str = "record"
    help_zh: str = ""
    help_en: str = ""
    defaults: dict[str, object] = field(default_factory=dict)

    def col(self, name: str) -> Col:
        return next(c for c in self.cols if c.name == name)

    @property
    def required(self) -> list[Col]:
        return [c for c in self.cols if c.required]


def _c(name: str, zh: str, en: str, type_: ColType, **kw: object) -> Col:
    return Col(name, zh, en, type_, **kw)  # type: ignore[arg-type]


INDICATOR = _c(
    "indicator_id",
    "指标代码",
    "indicator_id",
    "code",
    required=True,
    help_zh="指标代码（见“指标代码”表），也可填指标的完整中文名称",
    help_en="Indicator id (see the indicator sheet); the full Chinese name is accepted too",
    example="rural_tap_water_rate",
    aliases=("indicator", "indicator code", "指标编码", "指标id", "指标编号"),
)
INDICATOR_NAME = _c(
    "indicator_name",
    "指标名称",
    "indicator_name",
    "text",
    help_zh="可选，仅供核对：与代码不一致时给出提示，以代码为准",
    help_en="Optional, for checking only: a mismatch with the id gives a warning; the id wins",
    example="农村自来水普及率",
    aliases=("indicator name", "指标"),
    info_only=True,
)
REGION = _c(
    "region_code",
    "地区代码",
    "region_code",
    "code",
    required=True,
    help_zh="行政区划代码：全区 640000，县（市、区）6位代码；也可填地区名称（如“红寺堡区”）",
    help_en="GB/T 2260 code: 640000 for Ningxia, 6-digit county codes; names such as 红寺堡区 are accepted",
    example="640000",
    aliases=("region", "region code", "地区", "行政区划代码", "区划代码", "地区编码"),
)
YEAR = _c(
    "year",
    "年份",
    "year",
    "year",
    required=True,
    help_zh="四位年份，须在该指标所属规划的基期年至规划末年之间，且不晚于今年",
    help_en="Four-digit year, from the plan's baseline year to its last year, and not after this year",
    example="2024",
    aliases=("年度", "统计年度"),
)
PERIOD = _c(
    "period",
    "期别",
    "period",
    "period",
    help_zh="可选：空或“全年”为年度值；季度写“一季度”或“Q1”；月份写“3月”",
    help_en="Optional: blank or 全年 for a yearly value; quarters as Q1 or 一季度; months as 3月",
    example="全年",
    aliases=("统计期", "周期"),
)
VALUE = _c(
    "value",
    "数值",
    "value",
    "number",
    required=True,
    help_zh="只填数字；可带千分位逗号和全角数字；百分比指标可写“96.5”或“96.5%”",
    help_en="A number; thousands separators and full-width digits are fine; percentages as 96.5 or 96.5%",
    example="96.5",
    aliases=("实际值", "完成值", "数据", "值"),
)
UNIT = _c(
    "unit",
    "单位",
    "unit",
    "text",
    help_zh="可选，仅供核对：填写时须与指标的单位一致",
    help_en="Optional, for checking: when given it must match the indicator's unit",
    example="%",
    aliases=("计量单位",),
    info_only=True,
)
NOTE = _c(
    "note",
    "备注",
    "note",
    "text",
    help_zh="可选：口径、数据来源文件等说明",
    help_en="Optional: definitions, the document the figure comes from",
    example="据2024年统计公报",
    aliases=("notes", "remark", "remarks", "说明"),
    max_len=500,
)
METRIC_VALUE = VALUE


def _metric(entity_zh: str) -> Col:
    return _c(
        "metric_id",
        "指标代码",
        "metric_id",
        "code",
        required=True,
        help_zh=f"{entity_zh}指标代码（见“{entity_zh}指标代码”表），也可填指标中文名称",
        help_en=f"{'Village' if entity_zh == '村' else 'Park'} metric id (see its sheet); the Chinese name works too",
        example="v_income" if entity_zh == "村" else "p_enterprises",
        aliases=("metric", "metric id", "指标", "指标编码"),
    )


VILLAGE = _c(
    "village_id",
    "村代码",
    "village_id",
    "code",
    required=True,
    help_zh="村（社区）代码（见“村代码”表），也可填村名",
    help_en="Village id (see the village sheet); the village name works too",
    example="demo-v-640303-07",
    aliases=("village", "village id", "村（社区）代码", "村编码"),
)
PARK = _c(
    "park_id",
    "园区代码",
    "park_id",
    "code",
    required=True,
    help_zh="闽宁产业园代码（见“园区代码”表），也可填园区名称",
    help_en="Minning park id (see the park sheet); the park name works too",
    example="park_yanchi",
    aliases=("park", "park id", "园区", "园区编码"),
)

OBSERVATIONS = Kind(
    "observations",
    "指标实际值",
    "Indicator values",
    "observations",
    ("indicator_id", "region_code", "year", "period_type", "period_no"),
    (INDICATOR, INDICATOR_NAME, REGION, YEAR, PERIOD, VALUE, UNIT, NOTE),
    entity_zh="实际值",
    entity_en="value",
    help_zh="各项指标的年度（或季度、月度）实际值，全区或分县。导入后来源标为“官方”，替换演示值。",
    help_en="Actual values per indicator, year (or quarter, month) and region. Imported values are marked Official.",
)

NOTES = Kind(
    "indicator_notes",
    "情况说明",
    "Indicator notes",
    "indicator_notes",
    ("indicator_id", "region_code", "year"),
    (
        INDICATOR,
        INDICATOR_NAME,
        _c(
            "region_code",
            "地区代码",
            "region_code",
            "code",
            help_zh="可选，默认 640000（全区）",
            help_en="Optional, 640000 (Ningxia) when blank",
            example="640000",
            aliases=REGION.aliases,
        ),
        YEAR,
        _c(
            "text_zh",
            "情况说明",
            "text_zh",
            "text",
            required=True,
            help_zh="对该年数值的说明（进展、滞后原因、措施），不超过2000字",
            help_en="What explains the year's value (progress, reasons for lagging, measures), ≤ 2000 characters",
            example="受疫情影响，部分工程延期至次年完工。",
            aliases=("note_zh", "explanation", "说明", "情况"),
            max_len=2000,
        ),
        _c(
            "text_en",
            "英文说明",
            "text_en",
            "text",
            help_zh="可选：英文说明",
            help_en="Optional: the explanation in English",
            aliases=("explanation_en", "english"),
            max_len=4000,
        ),
    ),
    defaults={"region_code": "640000"},
    entity_zh="情况说明",
    entity_en="note",
    help_zh="指标某年数值的情况说明（进展、滞后原因、措施）。",
    help_en="Explanations of an indicator's value in a year (progress, reasons for lagging, measures).",
)

RELOCATION = (("policy", ("政策性移民", "政策性", "policy")), ("spontaneous", ("自发移民", "自发", "spontaneous")))

VILLAGES = Kind(
    "villages",
    "重点移民村名单",
    "Key resettlement villages",
    "villages",
    ("id",),
    (
        _c(
            "id",
            "村代码",
            "id",
            "code",
            required=True,
            help_zh="村（社区）代码：修改已有村时填“村代码”表中的代码；新增村自拟代码（字母、数字、连字符）",
            help_en="Village id: an existing one to update it, a new one (letters, digits, hyphens) to add a village",
            example="demo-v-640303-07",
            aliases=("village_id", "village", "code", "村（社区）代码", "村编码"),
        ),
        _c(
            "name_zh",
            "村名",
            "name_zh",
            "text",
            help_zh="村（社区）名称",
            help_en="Village name",
            example="某某村",
            aliases=("name", "村（社区）名称", "名称"),
            max_len=60,
        ),
        _c(
            "name_en",
            "英文名",
            "name_en",
            "text",
            help_zh="可选：英文或拼音名称，空则同村名",
            help_en="Optional: English or pinyin name (the Chinese name when blank)",
            aliases=("english name",),
            max_len=120,
        ),
        _c(
            "county_code",
            "县区代码",
            "county_code",
            "code",
            help_zh="所属县（市、区）的6位代码或名称",
            help_en="The county's 6-digit code or name",
            example="640303",
            aliases=("county", "所属县区", "县区"),
        ),
        _c(
            "lon",
            "经度",
            "lon",
            "number",
            help_zh="村委会位置经度（WGS84，宁夏境内约104.2–107.7）",
            help_en="Longitude of the village office (WGS84, about 104.2–107.7 in Ningxia)",
            example="106.06",
            aliases=("longitude", "lng"),
        ),
        _c(
            "lat",
            "纬度",
            "lat",
            "number",
            help_zh="纬度（WGS84，宁夏境内约35.2–39.4）",
            help_en="Latitude (WGS84, about 35.2–39.4 in Ningxia)",
            example="37.42",
            aliases=("latitude",),
        ),
        _c(
            "relocation_type",
            "搬迁类型",
            "relocation_type",
            "enum",
            help_zh="“政策性移民”或“自发移民”",
            help_en="policy or spontaneous",
            example="政策性移民",
            aliases=("type", "移民类型"),
            choices=RELOCATION,
        ),
        _c(
            "households",
            "户数",
            "households",
            "int",
            help_zh="户数（整数）",
            help_en="Households (whole number)",
            example="1200",
            aliases=("户",),
        ),
        _c(
            "population",
            "人口",
            "population",
            "int",
            help_zh="人口（整数）",
            help_en="Population (whole number)",
            example="5000",
            aliases=("人数", "人口数"),
        ),
        _c(
            "leading_industry",
            "主导产业",
            "leading_industry",
            "text",
            help_zh="主导产业",
            help_en="Leading industry",
            example="枸杞",
            aliases=("industry",),
            max_len=60,
        ),
        _c(
            "leader_contacted",
            "省级领导包抓",
            "leader_contacted",
            "bool",
            help_zh="是否为省级领导包抓村：是/否",
            help_en="Contacted by a provincial leader: 是 (yes) / 否 (no)",
            example="否",
            aliases=("leader", "领导包抓"),
        ),
    ),
    partial=True,
    entity_zh="村",
    entity_en="village",
    help_zh="新增或修改重点移民村（社区）的基本信息；未填写的列保持原值。",
    help_en="Add or update key resettlement villages; columns left out keep their values.",
)

VILLAGE_METRICS = Kind(
    "village_metrics",
    "移民村指标",
    "Village metrics",
    "village_metrics",
    ("village_id", "metric_id", "year", "period_type", "period_no"),
    (VILLAGE, _metric("村"), YEAR, VALUE, UNIT),
    entity_zh="村指标值",
    entity_en="village value",
    help_zh="重点移民村的年度指标（收入、就业、“9+1”各维度等）。",
    help_en="Yearly metrics of the key resettlement villages (income, jobs, the 9+1 dimensions …).",
)

PARKS = Kind(
    "parks",
    "闽宁产业园信息",
    "Minning parks",
    "parks",
    ("id",),
    (
        _c(
            "id",
            "园区代码",
            "id",
            "code",
            required=True,
            help_zh="园区代码（见“园区代码”表），也可填园区名称",
            help_en="Park id (see the park sheet) or its name",
            example="park_yanchi",
            aliases=("park_id", "park", "园区", "园区编码"),
        ),
        _c(
            "name_zh",
            "园区名称",
            "name_zh",
            "text",
            help_zh="园区名称（规划未列名的第十个园区可在此填写）",
            help_en="Park name (the tenth park, unnamed in the plan, can be named here)",
            aliases=("name", "名称"),
            max_len=60,
        ),
        _c(
            "name_en",
            "英文名称",
            "name_en",
            "text",
            help_zh="可选：英文名称",
            help_en="Optional: English name",
            max_len=120,
        ),
        _c(
            "lead_industries_zh",
            "主导产业",
            "lead_industries_zh",
            "text",
            help_zh="主导产业",
            help_en="Lead industries",
            aliases=("industries",),
            max_len=200,
        ),
        _c(
            "lead_industries_en",
            "英文主导产业",
            "lead_industries_en",
            "text",
            help_zh="可选：主导产业英文",
            help_en="Optional: lead industries in English",
            max_len=300,
        ),
        _c(
            "fujian_partner_zh",
            "福建结对方",
            "fujian_partner_zh",
            "text",
            help_zh="福建对口协作方",
            help_en="Fujian partner",
            aliases=("fujian_partner", "partner", "结对方"),
            max_len=120,
        ),
        _c("note", "备注", "note", "text", help_zh="可选", help_en="Optional", aliases=("notes",), max_len=500),
    ),
    partial=True,
    entity_zh="园区",
    entity_en="park",
    help_zh="修改10个闽宁产业园的名称、主导产业、福建结对方；未填写的列保持原值。",
    help_en="Update the 10 Minning parks' names, industries and Fujian partners; columns left out keep their values.",
)

PARK_METRICS = Kind(
    "park_metrics",
    "产业园指标",
    "Park metrics",
    "park_metrics",
    ("park_id", "metric_id", "year", "period_type", "period_no"),
    (PARK, _metric("园区"), YEAR, VALUE, UNIT),
    entity_zh="园区指标值",
    entity_en="park value",
    help_zh="闽宁产业园的年度指标（入驻企业、投资、产值、就业等）。",
    help_en="Yearly metrics of the Minning parks (enterprises, investment, output, jobs …).",
)

RULES = (
    ("min", ("≥", "≥ 达到", "达到", "不低于", "min")),
    ("gt", (">", "> 高于", "高于", "超过", "gt")),
    ("max", ("≤", "≤ 不超过", "不超过", "不高于", "max")),
    ("maintain", ("保持", "maintain")),
    ("zero", ("动态清零", "清零", "zero")),
    ("per_year", ("每年", "per_year", "per year")),
    ("above_reference", ("高于参照", "above_reference")),
    ("reach_reference", ("达到参照水平", "达到参照", "reach_reference")),
    ("rising", ("稳步提高", "rising")),
    ("milestone", ("完成事项", "milestone")),
)
ATTRIBUTES = (
    ("binding", ("约束性", "binding")),
    ("expected", ("预期性", "expected")),
    ("none", ("无", "—", "-", "none")),
)

TARGETS = Kind(
    "targets",
    "规划目标（新规划）",
    "Plan targets",
    "indicators",
    ("id",),
    (
        _c(
            "id",
            "指标代码",
            "id",
            "code",
            required=True,
            help_zh="新指标自拟代码（小写字母、数字、下划线）",
            help_en="An id for the target (lower-case letters, digits, underscores)",
            example="rural_tap_water_rate_15",
            aliases=("indicator_id",),
        ),
        _c(
            "plan_id",
            "规划代码",
            "plan_id",
            "code",
            required=True,
            help_zh="所属规划代码（须先导入规划）",
            help_en="The plan's id (import the plan first)",
            example="nx-15-rr",
            aliases=("plan",),
        ),
        _c("seq", "序号", "seq", "int", help_zh="可选：显示顺序，空则按文件顺序", help_en="Optional: order shown"),
        _c(
            "name_zh",
            "指标名称",
            "name_zh",
            "text",
            help_zh="指标名称",
            help_en="Name",
            example="农村自来水普及率",
            aliases=("name",),
            max_len=120,
        ),
        _c(
            "name_en",
            "英文名称",
            "name_en",
            "text",
            help_zh="可选：英文名称",
            help_en="Optional: English name",
            max_len=200,
        ),
        _c(
            "category_zh",
            "类别",
            "category_zh",
            "text",
            help_zh="类别",
            help_en="Category",
            example="提升乡村建设水平",
            aliases=("category",),
            max_len=60,
        ),
        _c("category_en", "英文类别", "category_en", "text", help_zh="可选：类别英文", help_en="Optional", max_len=120),
        _c(
            "chapter_no",
            "章",
            "chapter_no",
            "int",
            help_zh="可选：所在章（数字）",
            help_en="Optional: chapter number",
            example="8",
            aliases=("chapter",),
        ),
        _c(
            "clause",
            "条款",
            "clause",
            "text",
            help_zh="条款：“专栏1-9”或“第八章第六节”",
            help_en="Clause: 专栏1-9 or 第八章第六节",
            example="专栏1-9",
            max_len=40,
        ),
        _c(
            "unit",
            "单位",
            "unit",
            "text",
            help_zh="单位，如 % 元 个",
            help_en="Unit, e.g. % 元 个",
            example="%",
            max_len=20,
        ),
        _c("baseline_value", "基期值", "baseline_value", "number", help_zh="可选", help_en="Optional", example="98"),
        _c(
            "baseline_year",
            "基期年",
            "baseline_year",
            "year",
            help_zh="可选，默认规划基期年",
            help_en="Optional, the plan's baseline year by default",
        ),
        _c(
            "target_value",
            "目标值",
            "target_value",
            "number",
            help_zh="数值目标须填",
            help_en="Needed for numeric rules",
            example="99",
        ),
        _c(
            "target_year",
            "目标年",
            "target_year",
            "year",
            help_zh="目标年，须在规划期内",
            help_en="Target year, inside the plan period",
            example="2030",
        ),
        _c(
            "rule_kind",
            "目标类型",
            "rule_kind",
            "enum",
            help_zh="≥ 达到、> 高于、≤ 不超过、保持、动态清零、每年、高于参照、达到参照水平、稳步提高、完成事项",
            help_en="min, gt, max, maintain, zero, per_year, above_reference, reach_reference, rising, milestone",
            example="≥ 达到",
            aliases=("rule",),
            choices=RULES,
        ),
        _c(
            "attribute",
            "属性",
            "attribute",
            "enum",
            help_zh="约束性 / 预期性 / 无",
            help_en="binding / expected / none",
            example="约束性",
            choices=ATTRIBUTES,
        ),
        _c(
            "reference_series",
            "参照序列",
            "reference_series",
            "code",
            help_zh="相对目标的参照序列代码",
            help_en="Reference series id for relative targets",
        ),
        _c(
            "source_sentence",
            "规划原文",
            "source_sentence",
            "text",
            help_zh="规划中的原句",
            help_en="The plan's sentence",
            max_len=1000,
            aliases=("sentence",),
        ),
        _c(
            "is_headline",
            "主要指标",
            "is_headline",
            "bool",
            help_zh="是否列入主要指标表：是/否",
            help_en="A headline indicator: 是 / 否",
            example="否",
            aliases=("headline",),
        ),
        _c("note", "备注", "note", "text", help_zh="可选", help_en="Optional", max_len=1000),
        _c(
            "carries_over_from",
            "接续指标",
            "carries_over_from",
            "code",
            help_zh="可选：本目标接续的上一规划指标代码（单位、方向须相同）",
            help_en="Optional: the previous plan's indicator this continues (same unit and direction)",
        ),
    ),
    role="admin",
    partial=True,
    entity_zh="目标",
    entity_en="target",
    help_zh="（管理员）新增或修改规划的量化目标，例如“十五五”规划。",
    help_en="(Admin) add or update a plan's quantified targets, e.g. for the next five-year plan.",
)

PLANS = Kind(
    "plans",
    "规划信息",
    "Plans",
    "plans",
    ("id",),
    (
        _c(
            "id",
            "规划代码",
            "id",
            "code",
            required=True,
            help_zh="规划代码（字母、数字、连字符）",
            help_en="Plan id (letters, digits, hyphens)",
            example="nx-15-rr",
            aliases=("plan_id",),
        ),
        _c(
            "title_zh",
            "规划名称",
            "title_zh",
            "text",
            help_zh="规划全称",
            help_en="Full title",
            max_len=200,
            aliases=("title",),
        ),
        _c("title_en", "英文名称", "title_en", "text", help_zh="可选：英文名称", help_en="Optional", max_len=300),
        _c(
            "short_zh",
            "简称",
            "short_zh",
            "text",
            help_zh="侧栏显示的简称",
            help_en="Short name for the sidebar",
            example="衔接“十五五”规划",
            max_len=40,
        ),
        _c("short_en", "英文简称", "short_en", "text", help_zh="可选", help_en="Optional", max_len=80),
        _c(
            "doc_number",
            "文号",
            "doc_number",
            "text",
            help_zh="可选：发文字号",
            help_en="Optional: document number",
            max_len=60,
        ),
        _c("issuer_zh", "发文机关", "issuer_zh", "text", help_zh="可选", help_en="Optional", max_len=60),
        _c("issued_on", "印发日期", "issued_on", "date", help_zh="可选：如 2026-03-01", help_en="Optional"),
        _c(
            "period_start",
            "起始年",
            "period_start",
            "year",
            help_zh="规划期第一年",
            help_en="First year",
            example="2026",
        ),
        _c("period_end", "截止年", "period_end", "year", help_zh="规划期最后一年", help_en="Last year", example="2030"),
        _c(
            "baseline_year",
            "基期年",
            "baseline_year",
            "year",
            help_zh="基期年（早于起始年）",
            help_en="Baseline year (before the first year)",
            example="2025",
        ),
        _c("source_url", "原文地址", "source_url", "text", help_zh="可选", help_en="Optional", max_len=500),
        _c(
            "predecessor_id",
            "接续规划",
            "predecessor_id",
            "code",
            help_zh="可选：上一规划代码",
            help_en="Optional: the previous plan's id",
            example="nx-14-rr",
        ),
    ),
    role="admin",
    partial=True,
    entity_zh="规划",
    entity_en="plan",
    help_zh="（管理员）新增规划（如“十五五”），再导入其目标。",
    help_en="(Admin) add a plan (e.g. the next five-year plan), then import its targets.",
)

KINDS: dict[str, Kind] = {
    k.id: k for k in (OBSERVATIONS, NOTES, VILLAGE_METRICS, VILLAGES, PARK_METRICS, PARKS, TARGETS, PLANS)
}
# Columns a new row must have (partial kinds), beyond the key.
NEW_ROW_REQUIRED: dict[str, tuple[str, ...]] = {
    "villages": (
        "name_zh",
        "county_code",
        "lon",
        "lat",
        "relocation_type",
        "households",
        "population",
        "leading_industry",
        "leader_contacted",
    ),
    "parks": (),  # parks are the plan's ten: no new ones
    "targets": ("plan_id", "name_zh", "clause", "target_year", "rule_kind", "source_sentence"),
    "plans": ("title_zh", "short_zh", "period_start", "period_end", "baseline_year"),
}
ROLE_RANK = config.ROLE_RANK
# The account scopes each kind can honour (docs/UPLOAD.md, "Scopes"): a county scope checks each row's region (a
# village's or park's county; for villages both its current and its new county), an indicator scope the row's
# indicator. An account limited by a scope the kind cannot honour may not import that kind at all.
HONOURED_SCOPES: dict[str, frozenset[str]] = {
    "observations": frozenset({"indicators", "regions"}),
    "indicator_notes": frozenset({"indicators", "regions"}),
    "village_metrics": frozenset({"regions"}),
    "villages": frozenset({"regions"}),
    "park_metrics": frozenset({"regions"}),
    "parks": frozenset({"regions"}),
    "targets": frozenset(),  # targets and plans belong to no county and define the indicators themselves
    "plans": frozenset(),
}


def header_key(text: str) -> str:
    """A header as compared with names and aliases: NFKC, lower case, no spaces, no '*' or （必填） marks."""
    t = unicodedata.normalize("NFKC", text).strip().lower()
    t = re.sub(r"[（(]\s*(必填|选填|可选|required|optional)\s*[)）]", "", t)
    return re.sub(r"[\s*_\-]+", "", t)


def header_map(kind: Kind) -> dict[str, str]:
    """header_key(any accepted spelling) → canonical column name."""
    out: dict[str, str] = {}
    for col in kind.cols:
        for spelling in (col.name, col.zh, col.en, *col.aliases):
            out.setdefault(header_key(spelling), col.name)
    return out


def unhonoured_scope(kind_id: str, indicators: frozenset[str] | None, regions: frozenset[str] | None) -> str | None:
    """'indicators' or 'regions' when the account carries that limit and the kind cannot honour it, else None."""
    honoured = HONOURED_SCOPES[kind_id]
    for name, limit in (("indicators", indicators), ("regions", regions)):
        if limit is not None and name not in honoured:
            return name
    return None


def kinds_for_role(
    role: str, indicators: frozenset[str] | None = None, regions: frozenset[str] | None = None
) -> list[Kind]:
    """The kinds an account may import: its role is high enough and the kind honours every limit it carries."""
    rank = ROLE_RANK.get(role, -1)
    return [
        k for k in KINDS.values() if ROLE_RANK[k.role] <= rank and unhonoured_scope(k.id, indicators, regions) is None
    ]
