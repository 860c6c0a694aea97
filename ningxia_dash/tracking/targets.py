"""The all-targets table and its bullets (pure): progress, pace columns, filters."""

from __future__ import annotations

import math

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, pick, t
from ningxia_dash.labels import clause_label, status_label, target_text, value_text
from ningxia_dash.views import demo_marked, filter_targets, rests_on_demo


def progress_share(row: pd.Series) -> float | None:
    """0–1 progress for a progress bar: r clipped, 1 when achieved, None when it does not apply."""
    if row["status"] in ("achieved", "met"):
        return 1.0
    r = row.get("progress")
    if r is None or (isinstance(r, float) and math.isnan(r)):
        return None
    return round(min(max(float(r), 0.0), 1.0), 2)


def pace_change_text(observed: object, method: object, unit: str | None, lang: Lang) -> str:
    """A pace for a table cell: '+0.16个百分点', '−10人', '+10%（复合）'; '—' without one."""
    if not isinstance(observed, (int, float)) or math.isnan(observed):
        return "—"
    v = float(observed)
    sign = "+" if v > 0 else "−" if v < 0 else "±"
    if method == "compound":
        return f"{sign}{format_number(abs(v) * 100, '%', lang, digits=1)}" + (
            "（复合）" if lang == "zh" else " (compound)"
        )
    if unit == "%":
        return (
            f"{sign}{format_number(abs(v), None, lang, digits=2)}{'' if lang == 'zh' else ' '}{t('pace.points', lang)}"
        )
    return sign + format_number(abs(v), unit, lang, digits=2)


def _projected_text(r: dict[str, object], year: int | None, unit: str | None, lang: Lang) -> str:
    v = r.get("projected")
    if not isinstance(v, (int, float)) or math.isnan(v):
        return "—"
    text = format_number(float(v), unit, lang)
    if r.get("target_year") != year:
        text += f" ({r['target_year']})"
    if r.get("on_pace") is False:
        text += "（不及目标）" if lang == "zh" else " (short of target)"
    return text


def pace_columns(df: pd.DataFrame, paces: pd.DataFrame, lang: Lang) -> dict[str, list[str]]:
    """The all-targets table's pace columns: 年均变化 and 按当前速度{year}年预计 (year: the usual target year)."""
    by_id = {r["indicator_id"]: r for r in paces.to_dict("records")}
    years = df["target_year"].dropna().astype(int)
    year = int(years.mode().iloc[0]) if not years.empty else None
    units = [u if isinstance(u, str) else None for u in df["unit"]]
    rows = [by_id.get(i, {}) for i in df["id"]]
    return {
        t("pace.col.observed", lang): [pace_change_text(r.get("observed"), r.get("method"), u, lang)
                                      for r, u in zip(rows, units, strict=True)],
        t("pace.col.projected", lang, year=year or ""): [_projected_text(r, year, u, lang)
                                                         for r, u in zip(rows, units, strict=True)],
    }  # fmt: skip


def tracked_table(df: pd.DataFrame, lang: Lang, paces: pd.DataFrame | None = None) -> pd.DataFrame:
    """The 目标清单 with status: one row per target, ready to show and download (status right after the name).
    With `paces` (assess.pace_regions rows) the observed pace and the projection follow the target column."""
    table = _tracked_table(df, lang)
    if paces is not None:
        at = table.columns.get_loc(t("col.target", lang)) + 1  # type: ignore[operator]
        for offset, (name, values) in enumerate(pace_columns(df, paces, lang).items()):
            table.insert(at + offset, name, values)
    return table


def _tracked_table(df: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": df["id"],
            t("col.clause", lang): [clause_label(c, lang) for c in df["clause"]],
            t("col.indicator", lang): [pick(lang, z, e) for z, e in zip(df["name_zh"], df["name_en"], strict=True)],
            t("col.status", lang): [demo_marked(status_label(r["status"], lang), rests_on_demo(r), lang)
                                    for _, r in df.iterrows()],
            t("col.progress", lang): [progress_share(r) for _, r in df.iterrows()],
            t("col.latest", lang): [value_text(v, u, lang) for v, u in zip(df["latest_value"], df["unit"], strict=True)],
            t("col.latest_year", lang): [None if pd.isna(y) else int(y) for y in df["latest_year"]],
            t("col.source", lang): [t(f"prov.{k}", lang) if isinstance(k, str) else t("common.none", lang)
                                    for k in df["latest_source_kind"]],
            t("col.target", lang): [target_text(r, lang) + f" ({int(r['target_year'])})" for _, r in df.iterrows()],
            t("col.baseline", lang): [
                value_text(v, u, lang) + (f" ({int(y)})" if not pd.isna(y) else "")
                for v, u, y in zip(df["baseline_value"], df["unit"], df["baseline_year"], strict=True)
            ],
            t("col.attribute", lang): [t(f"attr.{a}", lang) for a in df["attribute"]],
            t("col.explanation", lang): df["explanation_zh" if lang == "zh" else "explanation_en"],
            t("col.chapter", lang): df["chapter_no"],
        }
    )  # fmt: skip


def filter_tracked(df: pd.DataFrame, chapters: list[int], categories: list[str], attributes: list[str],
                   statuses: list[str], query: str) -> pd.DataFrame:  # fmt: skip
    """views.filter_targets plus a filter on status (empty lists mean 'all')."""
    out = filter_targets(df, chapters, categories, attributes, False, query)
    return out[out["status"].isin(statuses)] if statuses else out


def bullet_rows(df: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Every target as progress (0–100%) against the time elapsed: the compact alternative to the table."""
    rows = []
    for _, r in df.iterrows():
        share = progress_share(r)
        expected = r.get("elapsed_share")
        rows.append({
            "id": r["id"],
            "label": f"{clause_label(r['clause'], lang)} {pick(lang, r['name_zh'], r['name_en'])}"[:34],
            "progress": None if share is None else round(share * 100, 1),
            "expected": None if expected is None or pd.isna(expected) else round(float(expected) * 100, 1),
            "status": r["status"],
            "hover": r["explanation_zh" if lang == "zh" else "explanation_en"],
        })  # fmt: skip
    return pd.DataFrame(rows)
