"""Upload kind `targets` (规划目标): an admin adds or updates a plan's quantified targets (partial rows)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ningxia_dash.ingest import continuity
from ningxia_dash.ingest.kinds.base import Col, Kind
from ningxia_dash.ingest.kinds.shared import own_id, require_for_new
from ningxia_dash.ingest.refs import Refs
from ningxia_dash.ingest.validate import NUMERIC_RULES, Validator, umap
from ningxia_dash.plan_text import section_id_for_clause

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


def _clause_ok(text: str) -> bool:
    try:
        section_id_for_clause(text)
    except ValueError:
        return False
    return True


def check(v: Validator) -> None:
    refs = v.refs
    is_new = own_id(v, set(refs.indicators))
    ids = v.frame["id"]
    require_for_new(v, is_new, ids)
    plan_ids = v.code("plan_id", refs.lookup("plan"))
    plan_ids = plan_ids.fillna(
        umap(ids, lambda i: refs.indicators.get(i, {}).get("plan_id") if isinstance(i, str) else None)
    )
    for col in v.kind.cols:
        if col.type == "text":
            v.plain_text(col.name, col.max_len)
    clauses = v.text("clause")
    v.rule("clause", "cell.clause", (clauses == "") | umap(clauses, _clause_ok))
    v.integer("seq")
    chapters = v.integer("chapter_no")
    v.rule("chapter_no", "cell.chapter_range", chapters.isna() | chapters.between(1, 99).fillna(True).astype(bool))
    # A 专栏 clause does not say its chapter: a new target then needs the 章 column.
    no_chapter = is_new & chapters.isna() & ~clauses.str.startswith("第")
    v.rule(
        "chapter_no",
        "cell.required_new",
        ~no_chapter.astype(bool),
        lambda r: {"entity": (v.kind.entity_zh, v.kind.entity_en), "id": ids.at[r]},
        report_column=v.header("chapter_no"),
    )
    v.number("baseline_value")
    target_value, _, _ = v.number("target_value")
    v.year("baseline_year")
    target_year = v.year("target_year")
    lo = umap(plan_ids, lambda p: refs.plans[p]["period_start"] if p in refs.plans else np.nan).astype("float64")
    hi = umap(plan_ids, lambda p: refs.plans[p]["period_end"] if p in refs.plans else np.nan).astype("float64")
    inside = target_year.isna() | lo.isna() | ((target_year >= lo) & (target_year <= hi))
    v.rule(
        "target_year",
        "cell.target_year_range",
        inside.astype(bool),
        lambda r: {"start": int(lo.at[r]), "end": int(hi.at[r])},
    )
    rule_kind = v.enum(v.kind.col("rule_kind"))
    v.enum(v.kind.col("attribute"))
    v.boolean("is_headline")
    needs_value = rule_kind.isin(NUMERIC_RULES) & target_value.isna() & (is_new | v.has("target_value"))
    v.rule(
        "target_value",
        "cell.target_needs_value",
        ~needs_value.astype(bool),
        lambda r: {"rule": rule_kind.at[r]},
        report_column=v.header("target_value"),
    )
    series = v.code("reference_series", refs.lookup("reference_series"))
    needs_ref = rule_kind.isin(["above_reference", "reach_reference"]) & series.isna() & v.blank("reference_series")
    v.rule(
        "reference_series",
        "cell.reference_needed",
        ~(needs_ref & is_new).astype(bool),
        lambda r: {"rule": rule_kind.at[r]},
        report_column=v.header("reference_series"),
    )
    continuity.check(v, v.code("carries_over_from", refs.lookup("indicator")), plan_ids)


def fill_new(rows: pd.DataFrame, refs: Refs) -> pd.DataFrame:
    """A new target: English name as the Chinese, category 其他, no attribute, not a headline, its section and
    chapter from the clause, and the next number of its plan."""
    out = rows.copy()
    out["name_en"] = out["name_en"].where(out["name_en"].notna(), out["name_zh"])
    out["category_zh"] = out["category_zh"].where(out["category_zh"].notna(), "其他")
    out["category_en"] = out["category_en"].where(out["category_en"].notna(), "Other")
    out["attribute"] = out["attribute"].where(out["attribute"].notna(), "none")
    out["is_headline"] = out["is_headline"].where(out["is_headline"].notna(), False)
    sections = out["clause"].map(lambda c: section_id_for_clause(c) if isinstance(c, str) else None)
    out["section_id"] = out["section_id"].where(out["section_id"].notna(), sections)
    chapters = sections.map(lambda s: int(s[2:].split("-")[0]) if isinstance(s, str) and s.startswith("ch") else 0)
    out["chapter_no"] = out["chapter_no"].where(out["chapter_no"].notna(), chapters)
    last: dict[str, int] = {}
    for info in refs.indicators.values():
        last[info["plan_id"]] = max(last.get(info["plan_id"], 0), int(info.get("seq") or 0))
    seqs = []
    for plan, seq in zip(out["plan_id"], out["seq"], strict=True):
        if pd.isna(seq):
            last[plan] = last.get(plan, 0) + 1
            seqs.append(last[plan])
        else:
            seqs.append(int(seq))
    out["seq"] = seqs
    return out


KIND = Kind(
    id="targets",
    zh="规划目标（新规划）",
    en="Plan targets",
    table="indicators",
    key=("id",),
    cols=(
        Col(
            "id",
            "指标代码",
            "code",
            required=True,
            help_zh="新指标自拟代码（小写字母、数字、下划线）",
            help_en="An id for the target (lower-case letters, digits, underscores)",
            example="rural_tap_water_rate_15",
            aliases=("indicator_id",),
        ),
        Col(
            "plan_id",
            "规划代码",
            "code",
            required=True,
            help_zh="所属规划代码（须先导入规划）",
            help_en="The plan's id (import the plan first)",
            example="nx-15-rr",
            aliases=("plan",),
        ),
        Col("seq", "序号", "int", help_zh="可选：显示顺序，空则按文件顺序", help_en="Optional: order shown"),
        Col(
            "name_zh",
            "指标名称",
            "text",
            help_zh="指标名称",
            help_en="Name",
            example="农村自来水普及率",
            aliases=("name",),
            max_len=120,
        ),
        Col("name_en", "英文名称", "text", help_zh="可选：英文名称", help_en="Optional: English name", max_len=200),
        Col(
            "category_zh",
            "类别",
            "text",
            help_zh="类别",
            help_en="Category",
            example="提升乡村建设水平",
            aliases=("category",),
            max_len=60,
        ),
        Col("category_en", "英文类别", "text", help_zh="可选：类别英文", help_en="Optional", max_len=120),
        Col(
            "chapter_no",
            "章",
            "int",
            help_zh="可选：所在章（数字）",
            help_en="Optional: chapter number",
            example="8",
            aliases=("chapter",),
        ),
        Col(
            "clause",
            "条款",
            "text",
            help_zh="条款：“专栏1-9”或“第八章第六节”",
            help_en="Clause: 专栏1-9 or 第八章第六节",
            example="专栏1-9",
            max_len=40,
        ),
        Col("unit", "单位", "text", help_zh="单位，如 % 元 个", help_en="Unit, e.g. % 元 个", example="%", max_len=20),
        Col("baseline_value", "基期值", "number", help_zh="可选", help_en="Optional", example="98"),
        Col(
            "baseline_year",
            "基期年",
            "year",
            help_zh="可选，默认规划基期年",
            help_en="Optional, the plan's baseline year by default",
        ),
        Col(
            "target_value", "目标值", "number", help_zh="数值目标须填", help_en="Needed for numeric rules", example="99"
        ),
        Col(
            "target_year",
            "目标年",
            "year",
            help_zh="目标年，须在规划期内",
            help_en="Target year, inside the plan period",
            example="2030",
        ),
        Col(
            "rule_kind",
            "目标类型",
            "enum",
            help_zh="≥ 达到、> 高于、≤ 不超过、保持、动态清零、每年、高于参照、达到参照水平、稳步提高、完成事项",
            help_en="min, gt, max, maintain, zero, per_year, above_reference, reach_reference, rising, milestone",
            example="≥ 达到",
            aliases=("rule",),
            choices=RULES,
        ),
        Col(
            "attribute",
            "属性",
            "enum",
            help_zh="约束性 / 预期性 / 无",
            help_en="binding / expected / none",
            example="约束性",
            choices=ATTRIBUTES,
        ),
        Col(
            "reference_series",
            "参照序列",
            "code",
            help_zh="相对目标的参照序列代码",
            help_en="Reference series id for relative targets",
        ),
        Col(
            "source_sentence",
            "规划原文",
            "text",
            help_zh="规划中的原句",
            help_en="The plan's sentence",
            max_len=1000,
            aliases=("sentence",),
        ),
        Col(
            "is_headline",
            "主要指标",
            "bool",
            help_zh="是否列入主要指标表：是/否",
            help_en="A headline indicator: 是 / 否",
            example="否",
            aliases=("headline",),
        ),
        Col("note", "备注", "text", help_zh="可选", help_en="Optional", max_len=1000),
        Col(
            "carries_over_from",
            "接续指标",
            "code",
            help_zh="可选：本目标接续的上一规划指标代码（单位、方向须相同）",
            help_en="Optional: the previous plan's indicator this continues (same unit and direction)",
        ),
    ),
    check=check,
    role="admin",
    partial=True,
    entity_zh="目标",
    entity_en="target",
    help_zh="（管理员）新增或修改规划的量化目标，例如“十五五”规划。",
    help_en="(Admin) add or update a plan's quantified targets, e.g. for the next five-year plan.",
    honoured_scopes=frozenset(),  # targets belong to no county and define the indicators themselves
    new_row_required=("plan_id", "name_zh", "clause", "target_year", "rule_kind", "source_sentence"),
    fill_new=fill_new,
    ref_sheets=("indicators", "plans"),
)
