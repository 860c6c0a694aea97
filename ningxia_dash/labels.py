"""How a status, a value, a clause, a chapter or a target reads on screen (pure): one name and one home for each."""

from __future__ import annotations

import re

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.plan_text import cn_to_int, int_to_cn
from ningxia_dash.style import STATUS_SYMBOLS


def status_label(status: str, lang: Lang) -> str:
    """Symbol and word, never colour alone: '✖ 严重滞后'."""
    return f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}"


def latest_with_source(row: pd.Series, lang: Lang) -> str:
    """'98% (2024, 公开)' for a headline card."""
    if pd.isna(row["latest_value"]):
        return t("status.no_data", lang)
    value = format_number(float(row["latest_value"]), row["unit"] if isinstance(row["unit"], str) else None, lang)
    return f"{value} ({int(row['latest_year'])}, {t('prov.' + row['latest_source_kind'], lang)})"


def latest_with_year(assessment: pd.Series, unit: str | None, lang: Lang) -> str:
    """'98% (2024)' for one target's detail (the source is shown beside it)."""
    if pd.isna(assessment["latest_value"]):
        return t("status.no_data", lang)
    value = format_number(float(assessment["latest_value"]), unit, lang)
    return f"{value} ({int(assessment['latest_year'])})"


def chapter_label(chapter_no: int, lang: Lang) -> str:
    return f"第{int_to_cn(chapter_no)}章" if lang == "zh" else f"Ch. {chapter_no}"


def clause_label(clause: str, lang: Lang) -> str:
    """'专栏1-9' → 'Box 1-9', '第八章第六节' → 'Ch. 8 §6' in English; unchanged in Chinese."""
    if lang == "zh":
        return clause
    if m := re.fullmatch(r"专栏(\d+)(?:-(\d+))?", clause):
        return f"Box {m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
    if m := re.fullmatch(r"第(\w+?)章(?:第(\w+?)节)?", clause):
        return f"Ch. {cn_to_int(m.group(1))}" + (f" §{cn_to_int(m.group(2))}" if m.group(2) else "")
    return clause


def clauses_label(clauses: object, lang: Lang) -> str:
    """Several clauses as the seed lists them ('第三章第五节;专栏2-4'), each as clause_label reads it; '' for none."""
    if not isinstance(clauses, str):
        return ""
    parts = [c.strip() for c in re.split(r"[;；]", clauses) if c.strip()]
    return ("；" if lang == "zh" else "; ").join(clause_label(c, lang) for c in parts)


def source_title(kind: object, title: object, lang: Lang) -> str:
    """A source's title as a reader sees it: the sample-data generator's in the reader's language (its stored
    title is Chinese); an official or public document's title as written."""
    if kind == "demo":
        return t("prov.demo.title", lang)
    return title if isinstance(title, str) else ""


def target_text(row: pd.Series, lang: Lang) -> str:
    """The target as a reader says it: '≥ 98%', '动态清零', '高于参照'."""
    rule = row["rule_kind"]
    value = row["target_value"]
    if rule in ("above_reference", "reach_reference", "rising") or pd.isna(value):
        return t(f"rule.{rule}", lang)
    shown = format_number(float(value), row["unit"] if isinstance(row["unit"], str) else None, lang)
    prefix = {"min": "≥ ", "gt": "> ", "max": "≤ ", "zero": "", "maintain": "= ", "milestone": ""}.get(rule, "")
    if rule == "per_year":
        return t("rule.per_year_value", lang, value=shown)
    if rule == "zero":
        return f"{t('rule.zero', lang)} ({shown})"
    return f"{prefix}{shown}"


def value_text(value: object, unit: object, lang: Lang) -> str:
    if value is None or pd.isna(value):  # type: ignore[arg-type]
        return t("common.none", lang)
    return format_number(float(value), unit if isinstance(unit, str) else None, lang)  # type: ignore[arg-type]
