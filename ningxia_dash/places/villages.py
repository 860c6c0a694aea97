"""The resettlement villages: the rule that judges a village on a metric (village_rule, from data/seed/metrics.csv),
its status by the status engine, and the texts, filters and tables of the villages screen (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ningxia_dash import catalogue, config
from ningxia_dash.i18n import TEXT, Lang, format_number, pick, t, unit_label
from ningxia_dash.labels import status_label, value_text
from ningxia_dash.places.common import (
    VERDICTS_WORST_FIRST,
    WORST_FIRST,
    demo_badge,
    missing_status,
    num,
)
from ningxia_dash.safe_text import md
from ningxia_dash.tracking.rules import assess
from ningxia_dash.tracking.status import Obs, TargetSpec
from ningxia_dash.tracking.verdicts import evaluate
from ningxia_dash.views import chosen


@dataclass(frozen=True)
class VillageRule:
    """How a village metric is judged. `indicator_id` names the plan target the rule follows, if any."""

    rule_kind: str
    target_value: float | None = None
    reference_series: str | None = None
    indicator_id: str | None = None


# The plan's own targets for 搬迁群众 and 移民村, applied to each village (our reading, shown on the page), are data:
# data/seed/metrics.csv, one row per metric with its rule_kind, target_value, reference_series, the plan target it
# follows (indicator_id), its clause and a note saying the reading. In short:
# - income: 专栏1-2 “基本达到全区农村居民平均水平” → the status engine's reach_reference rule against the regional
#   rural income (≥ 100% achieved; ≥ 95% on track, achieved from the target year on; below, the ratio's straight
#   line from the village's first ratio to 95% in the target year);
# - the two household shares: 第四章第三节 “确保有劳动能力家庭至少1人稳定就业 / 至少1个增收项目” by the target year
#   → ≥ 100% on the straight line from the village's baseline-year value;
# - the "9+1" dimension indices have no number in the plan: 稳步提高 ('rising': up on the previous year = on track).
DEFAULT_VILLAGE_METRIC = "v_income"


def village_rules() -> dict[str, VillageRule]:
    """Metric id → its rule, from the metric catalogue (catalogue.metrics: data/seed/metrics.csv)."""
    return {
        m.id: VillageRule(m.rule_kind or "rising", m.target_value, m.reference_series, m.indicator_id)
        for m in catalogue.metrics()
        if m.entity == "village"
    }


def village_rule(metric_id: str) -> VillageRule:
    """The rule of a village metric; a metric the catalogue does not list is judged 稳步提高 ('rising')."""
    return village_rules().get(metric_id, VillageRule("rising"))


def reference_series(references: pd.DataFrame, series_id: str, region_code: str) -> dict[int, float]:
    rows = references[(references["series_id"] == series_id) & (references["region_code"] == region_code)]
    return {int(y): float(v) for y, v in zip(rows["year"], rows["value"], strict=True)}


def village_reference(references: pd.DataFrame, metric_id: str) -> dict[int, float] | None:
    """The reference series a village metric is judged against (income: the regional rural average), if any."""
    rule = village_rule(metric_id)
    if not rule.reference_series:
        return None
    region = config.NATION_CODE if rule.reference_series.startswith("national") else config.PROVINCE_CODE
    return reference_series(references, rule.reference_series, region)


def village_facts(v: Mapping[str, Any], lang: Lang) -> str:
    """One Markdown line about a village: county, relocation type, industry, people, leader-contacted (the
    village's own texts escaped: a name is never read as Markdown)."""
    parts = [
        f"**{md(v['name'])}**",
        md(v["county"]),
        md(v["type_text"]),
        f"{t('villages.col.industry', lang)}: {md(v['industry_text'])}",
        # zh '人口 8261人'; en 'Population 8,261' (the label names the unit: no 'Households 2,069 households')
        f"{t('villages.col.population', lang)} {format_number(float(v['population']), '人' if lang == 'zh' else None, lang)}",
        f"{t('villages.col.households', lang)} {format_number(float(v['households']), '户' if lang == 'zh' else None, lang)}",
    ]
    if v["leader_contacted"]:
        parts.append(f"**{t('villages.leader_mark', lang)}**")
    parts.append(md(f"{v['status_text']} {v['value_text']} {v['ratio_text']}".strip()))
    return " · ".join(parts) + (f" {demo_badge(lang)}" if village_is_demo(v) else "")


def village_is_demo(v: Mapping[str, Any]) -> bool:
    """A village row (villages_view) whose list entry or metric value is sample data."""
    return any(v.get(k) == "demo" for k in ("source_kind", "source_kind_metric"))


def village_statuses(
    values: pd.DataFrame,
    metric_id: str,
    as_of_year: int,
    plan_baseline_year: int,
    target_year: int,
    reference: Mapping[int, float] | None = None,
    final: bool = False,
) -> pd.DataFrame:
    """Status of every village on one metric as of a year, by `village_rule(metric_id)` and the status engine —
    with final=True (the plan's last year on) its end-of-period verdict instead, as every other screen then speaks.
    Columns: village_id, value, year, status, ratio (value / reference, income only), source_kind."""
    rule = village_rule(metric_id)
    spec = TargetSpec(
        id=metric_id, rule_kind=rule.rule_kind, unit=None, baseline_value=None, baseline_year=None,
        target_value=rule.target_value, target_year=target_year, plan_baseline_year=plan_baseline_year,
        reference_series=rule.reference_series,
    )  # fmt: skip
    ref = dict(reference or {}) if rule.reference_series else None
    series: dict[str, dict[int, Obs]] = {}
    columns = ("village_id", "year", "value", "source_kind", "source_id")
    # .tolist() first: iterating Arrow-backed string columns element by element is ten times slower
    for vid, year, value, kind, src in zip(*(values[c].tolist() for c in columns), strict=True):
        series.setdefault(str(vid), {})[int(year)] = Obs(float(value), str(kind), str(src))
    rows = []
    for vid, obs in series.items():
        a = assess(spec, obs, as_of_year, reference=ref)
        status = str(evaluate(spec, obs, as_of_year, reference=ref).verdict) if final else str(a.status)
        ratio = None
        if ref and a.latest_year is not None and a.latest_value is not None and ref.get(a.latest_year):
            ratio = a.latest_value / ref[a.latest_year]
        rows.append(
            {
                "village_id": vid,
                "value": a.latest_value,
                "year": a.latest_year,
                "status": status,
                "ratio": ratio,
                "source_kind": a.latest_source_kind,
            }
        )
    return pd.DataFrame(rows, columns=["village_id", "value", "year", "status", "ratio", "source_kind"])


def villages_view(
    villages: pd.DataFrame, statuses: pd.DataFrame, metric: Mapping[str, Any], lang: Lang, final: bool = False
) -> pd.DataFrame:
    """Villages joined with their status (verdict, final=True) on one metric, with the texts the map, table and
    tooltips show."""
    df = villages.merge(statuses, left_on="id", right_on="village_id", how="left", suffixes=("", "_metric"))
    df["status"] = df["status"].fillna(missing_status(final))
    unit = metric.get("unit")
    df["name"] = [pick(lang, z, e) for z, e in zip(df["name_zh"], df["name_en"], strict=True)]
    df["county"] = [pick(lang, z, e) for z, e in zip(df["county_zh"], df["county_en"], strict=True)]
    df["status_text"] = [status_label(s, lang) for s in df["status"]]
    df["value_text"] = [
        value_text(v, unit, lang) + (f" ({int(y)})" if num(y) is not None else "")
        for v, y in zip(df["value"], df["year"], strict=True)
    ]
    df["ratio_text"] = [
        t("villages.ratio", lang, pct=f"{r * 100:.0f}") if num(r) is not None else "" for r in df["ratio"]
    ]
    df["type_text"] = [t(f"relocation.{x}", lang) for x in df["relocation_type"]]
    df["industry_text"] = [industry_text(x, lang) for x in df["leading_industry"]]
    df["leader_text"] = [t("common.yes" if x else "common.no", lang) for x in df["leader_contacted"]]
    return df


def industry_text(industry: object, lang: Lang) -> str:
    """A leading industry as it reads: the sample villages carry ids of a small vocabulary (i18n `industry.<id>`),
    an officer's upload carries the word itself (free text, the template's example is 枸杞), shown as written."""
    if not isinstance(industry, str) or not industry.strip():
        return ""
    key = f"industry.{industry}"
    return t(key, lang) if key in TEXT else industry


def industry_options(villages: pd.DataFrame) -> list[str]:
    """The industries the villages have, for the filter: the known ids in their usual order, then uploaded words."""
    present = {x for x in villages["leading_industry"] if isinstance(x, str) and x.strip()}
    known = [k.removeprefix("industry.") for k in TEXT if k.startswith("industry.")]
    return [x for x in known if x in present] + sorted(present - set(known))


def filter_villages(
    df: pd.DataFrame,
    county_codes: Iterable[str] = (),
    leader: str = "all",
    relocation_types: Iterable[str] = (),
    industries: Iterable[str] = (),
) -> pd.DataFrame:
    """Villages matching every filter; an empty list means 'all'; leader is 'all', 'yes' or 'no'."""
    mask = chosen(
        df, {"county_code": county_codes, "relocation_type": relocation_types, "leading_industry": industries}
    )
    if leader in ("yes", "no"):
        mask &= df["leader_contacted"].astype(bool) == (leader == "yes")
    return df[mask]


def villages_table(df: pd.DataFrame, metric: Mapping[str, Any], lang: Lang) -> pd.DataFrame:
    """The filtered villages as the sortable table shows them (numbers stay numbers so sorting works)."""
    metric_name = pick(lang, metric["name_zh"], metric["name_en"])
    unit = unit_label(metric.get("unit"), lang)
    out = pd.DataFrame(
        {
            "id": df["id"],
            t("villages.col.village", lang): df["name"],
            t("places.col.status", lang): df["status_text"],
            f"{metric_name} ({unit})" if unit else metric_name: df["value"],
            t("villages.col.ratio", lang): [round(r * 100, 1) if num(r) is not None else None for r in df["ratio"]],
            t("col.county", lang): df["county"],
            t("villages.col.population", lang): df["population"],
            t("villages.col.households", lang): df["households"],
            t("villages.col.type", lang): df["type_text"],
            t("villages.col.industry", lang): df["industry_text"],
            t("villages.col.leader", lang): df["leader_text"],
            t("col.source", lang): [t(f"prov.{k}", lang) for k in df["source_kind"]],
        }
    )
    if metric.get("id") != "v_income":
        out = out.drop(columns=[t("villages.col.ratio", lang)])
    return out.reset_index(drop=True)


def metric_row(metrics: pd.DataFrame, metric_id: str) -> dict[str, Any]:
    return metrics.set_index("id").loc[metric_id].to_dict() | {"id": metric_id}


def target_year(indicators: pd.DataFrame, metric_id: str, period_end: int) -> int:
    """The target year of the plan target a village metric follows, else the plan's last year."""
    rule = village_rule(metric_id)
    rows = indicators[indicators["id"] == rule.indicator_id] if rule.indicator_id else indicators.iloc[0:0]
    return int(rows["target_year"].iloc[0]) if len(rows) else period_end


def village_summary(df: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """Counts for a sentence about a set of villages (income status judged by village_rule('v_income'))."""
    return {
        "n": str(len(df)),
        "leader": str(int(df["leader_contacted"].astype(bool).sum())),
        "population": format_number(float(df["population"].sum()), "人", lang),
        "reached": str(int(df["status"].isin(["achieved", "on_track", "met", "basically_met"]).sum())),
    }


def village_choices(table: pd.DataFrame, current: str | None) -> tuple[list[str], str | None]:
    """Village ids in table order and the one to show: the current one if still listed, else the first."""
    ids = [str(i) for i in table["id"]]
    return ids, (current if current in ids else (ids[0] if ids else None))


def worst_first(df: pd.DataFrame) -> pd.DataFrame:
    """Villages ordered worst status (or verdict) first, then by value (lowest first)."""
    order = {s: i for i, s in enumerate(WORST_FIRST)} | {s: i for i, s in enumerate(VERDICTS_WORST_FIRST)}
    return df.assign(_o=df["status"].map(order)).sort_values(["_o", "value", "id"]).drop(columns="_o")


def village_dimensions(
    history: pd.DataFrame, medians: pd.DataFrame, metrics: pd.DataFrame, year: int, lang: Lang
) -> pd.DataFrame:
    """The village's "9+1" dimension scores in a year beside the median of all villages."""
    dims = metrics[metrics["dimension"].notna()]
    now = history[history["year"] == year].set_index("metric_id")["value"]
    med = medians.set_index("metric_id")["median"] if not medians.empty else pd.Series(dtype=float)
    return pd.DataFrame(
        {
            "metric_id": dims["id"].to_list(),
            "label": [pick(lang, z, e) for z, e in zip(dims["name_zh"], dims["name_en"], strict=True)],
            "value": [num(now.get(m)) for m in dims["id"]],
            "median": [num(med.get(m)) for m in dims["id"]],
        }
    )


def village_history(history: pd.DataFrame, metric_id: str, reference: Mapping[int, float] | None) -> pd.DataFrame:
    """One metric of a village over the years, with the reference (income: the regional rural average)."""
    h = history[history["metric_id"] == metric_id].sort_values("year")
    ref = reference or {}
    return pd.DataFrame(
        {
            "year": h["year"].astype(int).to_list(),
            "value": h["value"].astype(float).to_list(),
            "reference": [ref.get(int(y)) for y in h["year"]],
        }
    )
