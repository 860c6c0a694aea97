"""The headline gauges (pure): how each headline target's gauge is drawn, and their grouping by category."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import status_label, target_text
from ningxia_dash.safe_text import plotly_text


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
