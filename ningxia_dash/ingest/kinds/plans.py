"""Upload kind `plans` (规划信息): an admin adds a plan (e.g. the next five-year plan) or updates one."""

from __future__ import annotations

import pandas as pd

from ningxia_dash.ingest.kinds.base import Col, Kind
from ningxia_dash.ingest.kinds.shared import own_id, require_for_new
from ningxia_dash.ingest.refs import Refs
from ningxia_dash.ingest.validate import Validator


def check(v: Validator) -> None:
    refs = v.refs
    is_new = own_id(v, set(refs.plans))
    ids = v.frame["id"]
    require_for_new(v, is_new, ids)
    for col in v.kind.cols:
        if col.type == "text":
            v.plain_text(col.name, col.max_len)
    given = {name: v.year(name) for name in ("period_start", "period_end", "baseline_year")}
    current = ids.map(lambda i: refs.plans.get(i) if isinstance(i, str) else None)

    def stored(name: str) -> pd.Series:
        return current.map(lambda p: p[name] if p else None).astype("Float64")

    # A plan with actual values keeps its years: moving them would leave data outside the plan period.
    for name, years in given.items():
        moved = years.notna() & ids.isin(refs.plans_with_data) & (years.astype("Float64") != stored(name))
        v.rule(
            name,
            "cell.plan_has_data",
            ~moved.fillna(False).astype(bool),
            lambda r: {"value": f"{refs.plans[ids.at[r]]['short_zh']}（{ids.at[r]}）"},
        )
    # Each order is checked against the stored value of a year the file leaves out, and blames a year it gives.
    start = given["period_start"].astype("Float64").fillna(stored("period_start"))
    end = given["period_end"].astype("Float64").fillna(stored("period_end"))
    base = given["baseline_year"].astype("Float64").fillna(stored("baseline_year"))
    end_before_start = (end < start).fillna(False).astype(bool)
    base_after_start = (base >= start).fillna(False).astype(bool)
    end_given, base_given = given["period_end"].notna(), given["baseline_year"].notna()
    v.rule("period_end", "cell.period_order", ~(end_before_start & end_given), lambda r: {"start": int(start.at[r])})
    v.rule(
        "period_start",
        "cell.period_order_start",
        ~(end_before_start & ~end_given),
        lambda r: {"end": int(end.at[r])},
    )
    v.rule(
        "baseline_year",
        "cell.baseline_order",
        ~(base_after_start & base_given),
        lambda r: {"start": int(start.at[r])},
    )
    v.rule(
        "period_start",
        "cell.baseline_order_start",
        ~(base_after_start & ~base_given),
        lambda r: {"base": int(base.at[r])},
    )
    v.date_value("issued_on")
    v.code("predecessor_id", refs.lookup("plan"))


def fill_new(rows: pd.DataFrame, refs: Refs) -> pd.DataFrame:
    """A new plan without English titles is called by its Chinese ones."""
    out = rows.copy()
    out["title_en"] = out["title_en"].where(out["title_en"].notna(), out["title_zh"])
    out["short_en"] = out["short_en"].where(out["short_en"].notna(), out["short_zh"])
    return out


KIND = Kind(
    id="plans",
    zh="规划信息",
    en="Plans",
    table="plans",
    key=("id",),
    cols=(
        Col(
            "id",
            "规划代码",
            "code",
            required=True,
            help_zh="规划代码（字母、数字、连字符）",
            help_en="Plan id (letters, digits, hyphens)",
            example="nx-15-rr",
            aliases=("plan_id",),
        ),
        Col("title_zh", "规划名称", "text", help_zh="规划全称", help_en="Full title", max_len=200, aliases=("title",)),
        Col("title_en", "英文名称", "text", help_zh="可选：英文名称", help_en="Optional", max_len=300),
        Col(
            "short_zh",
            "简称",
            "text",
            help_zh="侧栏显示的简称",
            help_en="Short name for the sidebar",
            example="衔接“十五五”规划",
            max_len=40,
        ),
        Col("short_en", "英文简称", "text", help_zh="可选", help_en="Optional", max_len=80),
        Col("doc_number", "文号", "text", help_zh="可选：发文字号", help_en="Optional: document number", max_len=60),
        Col("issuer_zh", "发文机关", "text", help_zh="可选", help_en="Optional", max_len=60),
        Col("issued_on", "印发日期", "date", help_zh="可选：如 2026-03-01", help_en="Optional"),
        Col("period_start", "起始年", "year", help_zh="规划期第一年", help_en="First year", example="2026"),
        Col("period_end", "截止年", "year", help_zh="规划期最后一年", help_en="Last year", example="2030"),
        Col(
            "baseline_year",
            "基期年",
            "year",
            help_zh="基期年（早于起始年）",
            help_en="Baseline year (before the first year)",
            example="2025",
        ),
        Col("source_url", "原文地址", "text", help_zh="可选", help_en="Optional", max_len=500),
        Col(
            "predecessor_id",
            "接续规划",
            "code",
            help_zh="可选：上一规划代码",
            help_en="Optional: the previous plan's id",
            example="nx-14-rr",
        ),
    ),
    check=check,
    role="admin",
    partial=True,
    entity_zh="规划",
    entity_en="plan",
    help_zh="（管理员）新增规划（如“十五五”），再导入其目标。",
    help_en="(Admin) add a plan (e.g. the next five-year plan), then import its targets.",
    honoured_scopes=frozenset(),  # plans belong to no county and define the indicators themselves
    new_row_required=("title_zh", "short_zh", "period_start", "period_end", "baseline_year"),
    fill_new=fill_new,
    ref_sheets=("plans",),
)
