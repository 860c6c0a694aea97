"""What the 终期评估 screens and documents show: targets joined with their end-of-period verdict, counts, the
summary sentence, the display table and its filters (pure). The page, the overview at the period's end, the deck and the Word report all read from here, so
they agree with each other and with the verdict engine (ningxia_dash/verdicts.py)."""

from __future__ import annotations

import math

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, pick, t
from ningxia_dash.labels import clause_label, target_text, value_text
from ningxia_dash.style import STATUS_IDS, VERDICT_IDS, VERDICT_SYMBOLS
from ningxia_dash.views import chosen, demo_marked, rests_on_demo


def verdict_label(verdict: str, lang: Lang) -> str:
    """Symbol and word, never colour alone: '✖ 未完成'."""
    return f"{VERDICT_SYMBOLS[verdict]} {t(f'status.{verdict}', lang)}"


def evaluation_rows(indicators: pd.DataFrame, evaluations: pd.DataFrame) -> pd.DataFrame:
    """Indicators with their verdict columns, binding targets first, then by chapter and the plan's order."""
    e = evaluations.drop(columns=["region_code"]).rename(columns={"indicator_id": "id"})
    rows = indicators.merge(e, on="id", how="left")
    rows["_binding"] = rows["attribute"].ne("binding")
    return rows.sort_values(["_binding", "chapter_no", "seq"]).drop(columns="_binding").reset_index(drop=True)


def verdict_counts(rows: pd.DataFrame) -> tuple[dict[str, int], dict[str, int]]:
    """(all, binding) counts per verdict, every verdict present."""
    binding = rows[rows["attribute"] == "binding"]
    return (
        {v: int((rows["verdict"] == v).sum()) for v in VERDICT_IDS},
        {v: int((binding["verdict"] == v).sum()) for v in VERDICT_IDS},
    )


def demo_count(rows: pd.DataFrame) -> int:
    """How many verdicts rest on sample data."""
    return int(rows["rests_on_demo"].fillna(False).astype(bool).sum())


def demo_counts(rows: pd.DataFrame) -> dict[str, int]:
    """Per verdict: how many rest on sample data (the cards' 其中N项依据示例数据)."""
    demo = rows[rows["rests_on_demo"].fillna(False).astype(bool)]
    return {v: int((demo["verdict"] == v).sum()) for v in VERDICT_IDS}


def summary_sentence(rows: pd.DataFrame, as_of: int, lang: Lang) -> str:
    """'截至2025年，93项量化目标中，已完成X项、基本完成Y项、未完成Z项，W项无法评估；其中约束性目标N项……'"""
    counts, binding = verdict_counts(rows)
    n_binding = int((rows["attribute"] == "binding").sum())
    return t(
        "evaluation.summary", lang, year=as_of, n=len(rows), met=counts["met"], basic=counts["basically_met"],
        not_met=counts["not_met"], cannot=counts["cannot_assess"], nb=n_binding, b_met=binding["met"],
        b_basic=binding["basically_met"], b_not=binding["not_met"], b_cannot=binding["cannot_assess"],
    )  # fmt: skip


def _num(v: object) -> float | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def gap_text(row: pd.Series, lang: Lang) -> str:
    """'差1.2个百分点（完成83%）' / '1.2 points short (83% of the way)'; '—' when met or not applicable."""
    gap, share = _num(row.get("gap")), _num(row.get("progress_share"))
    if row.get("verdict") in ("met", "cannot_assess") or gap is None or gap <= 0:
        return t("common.none", lang)
    unit = row["unit"] if isinstance(row.get("unit"), str) else None
    if unit == "%":
        shown = t("evaluation.points", lang, n=format_number(round(gap, 2), None, lang, digits=2))
    else:
        shown = format_number(round(gap, 2), unit, lang, digits=2)
    text = t("evaluation.short_by", lang, gap=shown)
    if share is not None:
        text += t("evaluation.way", lang, pct=f"{max(share, 0.0) * 100:.0f}")
    return text


def missed_text(row: pd.Series, lang: Lang) -> str:
    """The years a maintain / per-year / relative / rising target did not hold: '2023年98.5%'."""
    missed = row.get("missed_years")
    if not isinstance(missed, list | tuple) or not missed:
        held = row.get("held_every_year")
        return t("evaluation.held", lang) if held is True else t("common.none", lang)
    unit = row["unit"] if isinstance(row.get("unit"), str) else None
    sep = "、" if lang == "zh" else ", "
    year = "{y}年" if lang == "zh" else "{y}: "
    return sep.join(year.format(y=int(y)) + format_number(float(v), unit, lang) for y, v in missed)


def _final(row: pd.Series, lang: Lang) -> str:
    value = row.get("final_value")
    if _num(value) is None:
        return t("common.none", lang)
    year = int(row["final_year"])
    return value_text(value, row["unit"], lang) + (f"（{year}年）" if lang == "zh" else f" ({year})")


def _source(kind: object, lang: Lang) -> str:
    return t(f"prov.{kind}", lang) if isinstance(kind, str) else t("common.none", lang)


def evaluation_table(rows: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The 终期评估 table: one row per target, as the page shows and the downloads and the report carry it (the
    verdict and the gap right after the name, where a reader at 1366 px sees them without scrolling)."""
    return pd.DataFrame(
        {
            "id": rows["id"],
            t("col.clause", lang): [clause_label(c, lang) for c in rows["clause"]],
            t("col.indicator", lang): [pick(lang, z, e) for z, e in zip(rows["name_zh"], rows["name_en"], strict=True)],
            t("evaluation.col.verdict", lang): [demo_marked(verdict_label(r["verdict"], lang), rests_on_demo(r), lang)
                                                for _, r in rows.iterrows()],
            t("evaluation.col.gap", lang): [gap_text(r, lang) for _, r in rows.iterrows()],
            t("col.attribute", lang): [t(f"attr.{a}", lang) for a in rows["attribute"]],
            t("col.baseline", lang): [
                value_text(v, u, lang) + (f" ({int(y)})" if not pd.isna(y) else "")
                for v, u, y in zip(rows["baseline_value"], rows["unit"], rows["baseline_year"], strict=True)
            ],
            t("evaluation.col.final", lang): [_final(r, lang) for _, r in rows.iterrows()],
            t("col.source", lang): [_source(k, lang) for k in rows["final_source_kind"]],
            t("col.target", lang): [target_text(r, lang) + f" ({int(r['target_year'])})" for _, r in rows.iterrows()],
            t("evaluation.col.missed", lang): [missed_text(r, lang) for _, r in rows.iterrows()],
            t("col.explanation", lang): rows["explanation_zh" if lang == "zh" else "explanation_en"],
            t("col.chapter", lang): rows["chapter_no"],
        }
    )  # fmt: skip


def filter_rows(
    rows: pd.DataFrame, chapters: list[int], attributes: list[str], verdicts: list[str], kinds: list[str]
) -> pd.DataFrame:
    """Rows matching every filter; an empty list means 'all'. kinds: the final value's source kind ('none' for
    a target without a final value)."""
    mask = chosen(rows, {"chapter_no": chapters, "attribute": attributes, "verdict": verdicts})
    if kinds:
        mask &= rows["final_source_kind"].fillna("none").isin(kinds)
    return rows[mask]


def status_ids(final: bool) -> list[str]:
    """The words a screen counts by: progress statuses mid-period, verdicts from the plan's last year on."""
    return list(VERDICT_IDS) if final else list(STATUS_IDS)


def is_final_year(as_of: int, period_end: int) -> bool:
    """The one rule for when screens speak in verdicts: the assessed year has reached the plan's last year."""
    return as_of >= period_end
