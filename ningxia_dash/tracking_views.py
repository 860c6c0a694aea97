"""What the tracking screens show: targets joined with their status, gauge settings, alerts, bullet rows
(pure)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, pick, t
from ningxia_dash.safe_text import plotly_text
from ningxia_dash.style import STATUS_SYMBOLS
from ningxia_dash.views import clause_label, demo_marked, filter_targets, rests_on_demo, target_text, value_text

ALERT_STATUSES = ("off_track", "not_met", "lagging", "basically_met", "no_data", "cannot_assess")


def status_label(status: str, lang: Lang) -> str:
    """Symbol and word, never colour alone: '✖ 严重滞后'."""
    return f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}"


def as_of_choices(period_start: int, period_end: int, latest_data_year: int | None) -> list[int]:
    """Years a reader can assess 'as of': the plan's years up to the newest data (or the period's end)."""
    last = max(period_end, latest_data_year or period_end)
    return list(range(period_start, last + 1))


def with_status(indicators: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Indicators with their assessment columns (latest value, status, progress …) side by side."""
    a = assessments.drop(columns=["region_code"]).rename(columns={"indicator_id": "id"})
    return indicators.merge(a, on="id", how="left", suffixes=("", "_a"))


def speak_verdicts(rows: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """with_status() rows as they read at the plan's end: the status is the end-of-period verdict (met, basically
    met, not met, cannot assess), the explanation the verdict's, the latest value the final one. Every screen that
    shows a status (overview, deck, big screen) then speaks in verdicts without a copy of the rule of its own."""
    v = verdicts.drop(columns=["region_code"]).rename(columns={"indicator_id": "id"}).set_index("id")
    out = rows.copy()
    ids = out["id"]
    out["status"] = ids.map(v["verdict"])
    out["explanation_zh"], out["explanation_en"] = ids.map(v["explanation_zh"]), ids.map(v["explanation_en"])
    out["progress"] = ids.map(v["progress_share"])
    out["rests_on_demo"] = ids.map(v["rests_on_demo"])
    final = ids.map(v["final_value"]).notna()
    for col, src in (("latest_value", "final_value"), ("latest_year", "final_year"),
                     ("latest_source_kind", "final_source_kind")):  # fmt: skip
        out[col] = ids.map(v[src]).where(final, None)
    return out


def progress_share(row: pd.Series) -> float | None:
    """0–1 progress for a progress bar: r clipped, 1 when achieved, None when it does not apply."""
    if row["status"] in ("achieved", "met"):
        return 1.0
    r = row.get("progress")
    if r is None or (isinstance(r, float) and math.isnan(r)):
        return None
    return round(min(max(float(r), 0.0), 1.0), 2)


def alerts(df: pd.DataFrame) -> pd.DataFrame:
    """Binding targets that are not on track, worst first."""
    order = {s: i for i, s in enumerate(ALERT_STATUSES)}
    out = df[(df["attribute"] == "binding") & df["status"].isin(ALERT_STATUSES)].copy()
    out["_rank"] = out["status"].map(order)
    return out.sort_values(["_rank", "seq"]).drop(columns="_rank")


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
    With `paces` (tracking.pace_regions rows) the observed pace and the projection follow the target column."""
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


@dataclass(frozen=True)
class Alert:
    """One binding target not on track, as the overview lists it (plain strings: no frame work per rerun)."""

    indicator_id: str
    status: str
    badge_colour: str
    status_text: str  # symbol and word, with the sample-data mark when the status rests on sample data
    name: str
    clause: str
    why: str


@dataclass(frozen=True)
class OverviewModel:
    """Everything the overview shows below its header, for one plan, as-of year and language."""

    alerts: tuple[Alert, ...]
    counts: dict[str, int]
    binding_counts: dict[str, int]
    demo_counts: dict[str, int]  # per status: how many of them rest on sample data
    table: pd.DataFrame  # the headline targets (tracked_table), with id, chapter and explanation columns
    shown: pd.DataFrame  # the same without them: what the overview's table shows


ALERT_BADGE = {"off_track": "red", "lagging": "orange", "no_data": "gray", "not_met": "red", "basically_met": "blue",
               "cannot_assess": "gray"}  # fmt: skip


def overview_model(rows: pd.DataFrame, lang: Lang) -> OverviewModel:
    """The overview's view model from with_status() rows: alerts worst first, status counts, headline table."""
    explanation = "explanation_zh" if lang == "zh" else "explanation_en"
    listed = tuple(
        Alert(r["id"], r["status"], ALERT_BADGE[r["status"]],
              demo_marked(status_label(r["status"], lang), rests_on_demo(r), lang), pick(lang, r["name_zh"], r["name_en"]), clause_label(r["clause"], lang), r[explanation])
        for r in alerts(rows).to_dict("records")
    )  # fmt: skip
    binding = rows[rows["attribute"] == "binding"]
    table = tracked_table(rows[rows["is_headline"]].reset_index(drop=True), lang)
    return OverviewModel(
        alerts=listed,
        counts={str(k): int(v) for k, v in rows.groupby("status").size().items()},
        binding_counts={str(k): int(v) for k, v in binding.groupby("status").size().items()},
        demo_counts=demo_counts(rows),
        table=table,
        shown=table.drop(columns=["id", t("col.chapter", lang), t("col.explanation", lang)]),
    )


def demo_counts(rows: pd.DataFrame, column: str = "status") -> dict[str, int]:
    """Per status (or verdict, with column='verdict'): how many rest on sample data (rests_on_demo)."""
    demo = rows[[rests_on_demo(r) for _, r in rows.iterrows()]] if len(rows) else rows
    return {str(k): int(v) for k, v in demo.groupby(column).size().items()}


def filter_tracked(df: pd.DataFrame, chapters: list[int], categories: list[str], attributes: list[str],
                   statuses: list[str], query: str) -> pd.DataFrame:  # fmt: skip
    """views.filter_targets plus a filter on status (empty lists mean 'all')."""
    out = filter_targets(df, chapters, categories, attributes, False, query)
    return out[out["status"].isin(statuses)] if statuses else out


@dataclass(frozen=True)
class Gauge:
    """How one headline gauge is drawn."""

    indicator_id: str
    title: str
    value: float | None
    low: float
    high: float
    threshold: float | None
    suffix: str
    status: str
    caption: str  # year · source
    hover: str


def _span(values: list[float], unit: str | None) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.25, 1.0 if unit == "%" else max(abs(hi) * 0.1, 1.0))
    low, high = lo - pad, hi + pad
    if unit == "%":
        low, high = max(low, 0.0), min(high, 100.0)
    return max(low, 0.0) if lo >= 0 else low, high


def gauge_for(row: pd.Series, lang: Lang) -> Gauge:
    """Gauge settings for a headline target by its rule kind (the needle is the latest value)."""
    rule, unit = row["rule_kind"], row["unit"] if isinstance(row["unit"], str) else None
    a = None if pd.isna(row["latest_value"]) else float(row["latest_value"])
    b = None if pd.isna(row["baseline_value"]) else float(row["baseline_value"])
    tv = None if pd.isna(row["target_value"]) else float(row["target_value"])
    ref = None if pd.isna(row.get("reference_value")) else float(row["reference_value"])
    suffix = "%" if unit == "%" else ""
    threshold = tv
    value = a
    if rule == "reach_reference" and a is not None and ref:
        value, threshold, suffix = round(a / ref * 100, 1), 95.0, "%"  # share of the reference; 基本达到 = 95%
        low, high = 50.0, 110.0
    elif rule == "above_reference":
        threshold = ref
        vals = [v for v in (a, ref) if v is not None] or [0.0]
        low, high = min(min(vals) - 3, 0.0), max(vals) + 3
    elif rule == "zero":
        low, high, threshold = 0.0, max((a or 0) * 2, 5.0), 0.0
    elif rule == "rising":
        threshold = None if pd.isna(row.get("expected_value")) else float(row["expected_value"])
        vals = [v for v in (a, b, threshold) if v is not None] or [0.0, 100.0]
        low, high = _span(vals, unit)
    else:
        vals = [v for v in (a, b, tv) if v is not None] or [0.0, 100.0]
        low, high = _span(vals, unit)
    name = pick(lang, row["name_zh"], row["name_en"])
    year = "" if pd.isna(row["latest_year"]) else str(int(row["latest_year"]))
    source = t(f"prov.{row['latest_source_kind']}", lang) if isinstance(row["latest_source_kind"], str) else ""
    caption = "·".join(x for x in (year, source) if x) or t("status.no_data", lang)
    shown_target = target_text(row, lang)
    explanation = row["explanation_zh" if lang == "zh" else "explanation_en"]
    hover = (
        f"<b>{plotly_text(name)}</b><br>{t('col.target', lang)}: {plotly_text(shown_target)}<br>"
        f"{status_label(row['status'], lang)}<br>{plotly_text(explanation)}"
    )  # plotly markup: user text escaped
    return Gauge(row["id"], name, value, low, high, threshold, suffix, row["status"], caption, hover)


def headline_gauge_inputs(rows: pd.DataFrame, lang: Lang) -> tuple[list[Gauge], list[tuple[str, list[int]]]]:
    """From with_status() rows: a Gauge per headline target and the (category, gauge positions) groups that
    charts.headline_gauges lays them out by."""
    headline = rows[rows["is_headline"]].reset_index(drop=True)
    gauges = [gauge_for(r, lang) for _, r in headline.iterrows()]
    groups = [
        (pick(lang, z, e), list(headline.index[headline["category_zh"] == z]))
        for z, e in dict(zip(headline["category_zh"], headline["category_en"], strict=True)).items()
    ]
    return gauges, groups


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


def latest_text(row: pd.Series, lang: Lang) -> str:
    """'98% (2024, 公开)' for a headline card."""
    if pd.isna(row["latest_value"]):
        return t("status.no_data", lang)
    value = format_number(float(row["latest_value"]), row["unit"] if isinstance(row["unit"], str) else None, lang)
    return f"{value} ({int(row['latest_year'])}, {t('prov.' + row['latest_source_kind'], lang)})"
