"""What the place screens show: counties by indicator, the resettlement villages and their status rule, the 闽宁
parks' KPIs, the key-county scorecard (pure; imports pandas, status, i18n, views, style and maps; never streamlit)."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from ningxia_dash import config
from ningxia_dash.i18n import TEXT, Lang, format_number, pick, t, unit_label
from ningxia_dash.labels import clause_label, target_text
from ningxia_dash.maps import LEVEL_LINE_HEX, LEVEL_LINE_PX
from ningxia_dash.safe_text import md, md_code
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.tracking.status import STATUS_ORDER, Obs, TargetSpec, assess
from ningxia_dash.views import demo_marked, rests_on_demo

KEY_LEVELS = ("national", "regional")
BEST_FIRST = tuple(str(s) for s in reversed(STATUS_ORDER))  # achieved, on_track, no_data, lagging, off_track
WORST_FIRST = tuple(str(s) for s in STATUS_ORDER)


def status_label(status: str, lang: Lang) -> str:
    """Symbol and word, never colour alone: '▲ 滞后'."""
    return f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}"


def level_of(value: object) -> str:
    """'national' / 'regional' / 'none' from a nullable assistance_level."""
    return value if isinstance(value, str) and value in KEY_LEVELS else "none"


def _num(value: object) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def value_text(value: object, unit: object, lang: Lang) -> str:
    v = _num(value)
    return t("common.none", lang) if v is None else format_number(v, unit if isinstance(unit, str) else None, lang)


def kpi_text(value: object, unit: object, lang: Lang) -> str:
    """A KPI for a headline figure: as format_number, but 亿元 reads '45.6 bn yuan' in English (not '456 100m')."""
    v = _num(value)
    if v is not None and unit == "亿元" and lang == "en":
        return f"{v / 10:,.1f} bn yuan"
    return value_text(value, unit, lang)


def year_choices(period_start: int, data_years: Iterable[object]) -> list[int]:
    """Years a screen can be shown as of: from the plan's first year to the newest year with data (a plan whose
    data have not started yet offers its first year only). Nothing assumes a particular plan."""
    years = [int(v) for y in data_years if (v := _num(y)) is not None]
    last = max(years) if years else period_start
    return list(range(period_start, max(last, period_start) + 1))


def indicator_link(indicator_id: str, region_code: str, lang: Lang) -> str:
    """Deep link to the indicator detail page for one region (relative, so a proxy's path prefix is kept)."""
    query = {"indicator": indicator_id, "region": region_code}
    if lang == "en":
        query["lang"] = "en"
    return f"indicator?{urlencode(query)}"


def page_link(page: str, lang: Lang, **query: str) -> str:
    if lang == "en":
        query["lang"] = "en"
    return f"{page}?{urlencode(query)}" if query else page


# ---------------------------------------------------------------- counties


def counties(regions: pd.DataFrame) -> pd.DataFrame:
    """The county rows of the regions table (or of county_shapes), by code."""
    df = regions[regions["level"] == "county"] if "level" in regions else regions
    return df.sort_values("code").reset_index(drop=True)


def cities(regions: pd.DataFrame) -> pd.DataFrame:
    """The five prefecture-level cities (regions.level = 'city'), by code."""
    return regions[regions["level"] == "city"].sort_values("code").reset_index(drop=True)


def city_of(regions: pd.DataFrame) -> dict[str, str]:
    """County code → the code of its prefecture-level city (regions.parent_code)."""
    rows = counties(regions)
    return {str(c): str(p) for c, p in zip(rows["code"], rows["parent_code"], strict=True) if isinstance(p, str)}


def names(rows: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """Region code → its full name in the language."""
    return {str(c): pick(lang, z, e) for c, z, e in zip(rows["code"], rows["name_zh"], rows["name_en"], strict=True)}


def map_view(level: str, city: str | None) -> str:
    """What the map and ranking show: 'cities' (the five cities), 'city' (one city's counties) or 'counties'."""
    return "city" if city else ("cities" if level == "city" else "counties")


def higher_is_better(indicator: Mapping[str, Any]) -> bool:
    """Whether a larger value is closer to the target (ranking order; falling targets rank low values first)."""
    rule = indicator.get("rule_kind")
    if rule in ("max", "zero"):
        return False
    b, tv = _num(indicator.get("baseline_value")), _num(indicator.get("target_value"))
    return not (rule in ("min", "gt") and b is not None and tv is not None and tv < b)


def county_indicators(indicators: pd.DataFrame, assessments: pd.DataFrame, county_codes: Iterable[str]) -> pd.DataFrame:
    """Indicators that have values for at least one county (the ones a county map can show), in plan order."""
    codes = set(county_codes)
    with_data = assessments[assessments["region_code"].isin(codes) & assessments["latest_value"].notna()]
    return indicators[indicators["id"].isin(set(with_data["indicator_id"]))].sort_values("seq")


def county_frame(
    county_rows: pd.DataFrame, assessments: pd.DataFrame, indicator: Mapping[str, Any], lang: Lang
) -> pd.DataFrame:
    """One row per county for one indicator: value, year, status and the texts a map and chart show."""
    a = assessments[assessments["indicator_id"] == indicator["id"]].set_index("region_code")
    unit = indicator.get("unit")
    rows = []
    for c in county_rows.itertuples():
        found = c.code in a.index
        status = str(a.at[c.code, "status"]) if found else "no_data"
        value = _num(a.at[c.code, "latest_value"]) if found else None
        year = _num(a.at[c.code, "latest_year"]) if found else None
        kind = a.at[c.code, "latest_source_kind"] if found else None
        explanation = a.at[c.code, "explanation_zh" if lang == "zh" else "explanation_en"] if found else ""
        level = level_of(c.assistance_level)
        rows.append(
            {
                "code": c.code,
                "name": pick(lang, c.name_zh, c.name_en),
                "short": pick(lang, c.short_zh, c.short_en),
                "level": level,
                "level_text": t(f"level.{level}", lang),
                "value": value,
                "year": int(year) if year is not None else None,
                "status": status,
                "status_text": status_label(status, lang),
                "value_text": value_text(value, unit, lang) + (f" ({int(year)})" if year is not None else ""),
                "source_kind": kind if isinstance(kind, str) else None,
                "source_text": t(f"prov.{kind}", lang) if isinstance(kind, str) else t("common.none", lang),
                "mark": t("prov.demo", lang) if kind == "demo" else "",  # the mark a demonstration value carries
                "explanation": explanation if isinstance(explanation, str) else "",
            }
        )
    return pd.DataFrame(rows)


def county_ranking(frame: pd.DataFrame, higher_better: bool) -> pd.DataFrame:
    """Places worst first (the laggards at the top of the ranking: what a leader looks for); no value last."""
    return frame.sort_values(["value", "code"], ascending=[higher_better, True], na_position="last").reset_index(
        drop=True
    )


RELATIVE_RULES = ("above_reference", "reach_reference")


def _reference_rows(indicator: Mapping[str, Any], references: pd.DataFrame, year: int) -> pd.DataFrame | None:
    """The reference series a relative target is judged against, up to `year` (None for other targets)."""
    series = indicator.get("reference_series")
    if indicator.get("rule_kind") not in RELATIVE_RULES or not isinstance(series, str):
        return None
    region = config.NATION_CODE if series.startswith("national") else config.PROVINCE_CODE
    rows = references[(references["series_id"] == series) & (references["region_code"] == region)]
    return rows[rows["year"] <= year].sort_values("year")


def reference_value(indicator: Mapping[str, Any], references: pd.DataFrame, year: int) -> float | None:
    """The latest reference value up to `year` of a relative target (the line its counties are judged against)."""
    rows = _reference_rows(indicator, references, year)
    return None if rows is None or rows.empty else _num(rows["value"].iloc[-1])


def reference_line(
    indicator: Mapping[str, Any], references: pd.DataFrame, sources: pd.DataFrame, year: int, lang: Lang
) -> str | None:
    """For a relative target, the reference it is judged against as of `year` (its latest value up to then, with
    year, provenance and source), as Markdown (database texts escaped); None for any other target."""
    rows = _reference_rows(indicator, references, year)
    if rows is None:
        return None
    key = f"places.ref.{indicator['reference_series']}"
    name = t(key, lang) if key in TEXT else t("chart.reference", lang)
    if rows.empty:
        return t("places.sub.no_reference", lang, name=name)
    last = rows.iloc[-1]
    titles = dict(zip(sources["id"], sources["title"], strict=True))
    kind = str(last["source_kind"])
    return t(
        "places.sub.reference", lang, name=name, year=int(last["year"]),
        value=value_text(last["value"], indicator.get("unit"), lang), kind=t(f"prov.{kind}", lang),
        source=md(str(titles.get(last["source_id"], last["source_id"]))),
    ) if kind != "demo" else t(  # a demonstration figure: its mark says all (the generator is no source)
        "places.sub.reference_demo", lang, name=name, year=int(last["year"]),
        value=value_text(last["value"], indicator.get("unit"), lang), kind=t("prov.demo", lang),
    )  # fmt: skip


def indicator_subtitle(
    indicator: Mapping[str, Any], references: pd.DataFrame, sources: pd.DataFrame, year: int, lang: Lang
) -> str:
    """The line under the county map's title: the target (and its year), the plan's clause and, for a relative
    target, the reference value it is judged against. Markdown; the database's texts are escaped."""
    target = md(target_text(pd.Series(dict(indicator)), lang))
    parts = [
        t("places.sub.target", lang, target=target, year=int(indicator["target_year"])),
        f"{t('col.clause', lang)} {md_code(clause_label(str(indicator['clause']), lang))}",
    ]
    if ref := reference_line(indicator, references, sources, year, lang):
        parts.append(ref)
    return " · ".join(parts)


def miss_at_pace(paces: pd.DataFrame, regions: pd.DataFrame, lang: Lang) -> str | None:
    """Which counties will miss the target at their own pace (tracking.pace_regions rows of one indicator):
    a sentence under the ranking, or None when there is no projection (no pace, or the target year has come)."""
    names = dict(zip(regions["code"], regions["name_zh" if lang == "zh" else "name_en"], strict=True))
    level = dict(zip(regions["code"], regions["level"], strict=True))
    rows = paces[paces["region_code"].map(level).eq("county") & paces["projected"].notna()]
    if rows.empty:
        return None
    year, missing = int(rows["target_year"].iloc[0]), rows[rows["on_pace"] == False]  # noqa: E712 (object column)
    sep = "、" if lang == "zh" else ", "
    text = (t("pace.counties_miss", lang, year=year, n=len(missing), m=len(rows),
              names=sep.join(names.get(c, c) for c in sorted(missing["region_code"])))
            if len(missing) else t("pace.counties_all", lang, year=year, m=len(rows)))  # fmt: skip
    return text + (t("pace.rests_on_demo", lang) if rows["rests_on_demo"].any() else "")


def ranked_label(row: Mapping[str, Any]) -> str:
    """County name with a marker for key-assistance counties (★ national, ☆ regional)."""
    marker = {"national": " ★", "regional": " ☆"}.get(str(row["level"]), "")
    return f"{row['short']}{marker}"


def status_tally(statuses: Iterable[str], lang: Lang) -> str:
    """'✖ 2 · ▲ 3 · ● 4' worst first, only statuses that occur."""
    counts = pd.Series(list(statuses), dtype="object").value_counts()
    parts = [f"{STATUS_SYMBOLS[s]} {t(f'status.{s}', lang)} {int(counts[s])}" for s in WORST_FIRST if s in counts]
    return " · ".join(parts) if parts else t("common.none", lang)


def county_profile_table(
    indicators: pd.DataFrame,
    assessments: pd.DataFrame,
    county_code: str,
    province_code: str,
    lang: Lang,
) -> pd.DataFrame:
    """A county's indicators against their targets, with the province's value beside and a link to the detail."""
    here = assessments[assessments["region_code"] == county_code].set_index("indicator_id")
    prov = assessments[assessments["region_code"] == province_code].set_index("indicator_id")
    rows = []
    for ind in indicators.to_dict("records"):
        if ind["id"] not in here.index:
            continue
        a, unit = here.loc[ind["id"]], ind.get("unit")
        p = prov.loc[ind["id"]] if ind["id"] in prov.index else None
        year = _num(a["latest_year"])
        rows.append(
            {
                t("col.indicator", lang): pick(lang, ind["name_zh"], ind["name_en"]),
                t("places.col.status", lang): status_label(str(a["status"]), lang),
                t("places.col.county_value", lang): value_text(a["latest_value"], unit, lang),
                t("places.col.province_value", lang): value_text(p["latest_value"], unit, lang)
                if p is not None
                else t("common.none", lang),
                t("col.target", lang): f"{target_text(pd.Series(ind), lang)} ({int(ind['target_year'])})",
                t("col.year", lang): int(year) if year is not None else None,
                t("col.clause", lang): clause_label(ind["clause"], lang),
                t("col.source", lang): t(f"prov.{a['latest_source_kind']}", lang)
                if isinstance(a["latest_source_kind"], str)
                else t("common.none", lang),
                t("places.col.detail", lang): indicator_link(str(ind["id"]), county_code, lang),
                t("places.col.explanation", lang): a["explanation_zh" if lang == "zh" else "explanation_en"],
            }
        )
    return pd.DataFrame(rows)


def province_value(assessments: pd.DataFrame, indicator_id: str, province_code: str) -> float | None:
    rows = assessments[(assessments["indicator_id"] == indicator_id) & (assessments["region_code"] == province_code)]
    return _num(rows["latest_value"].iloc[0]) if len(rows) else None


def chart_target(indicator: Mapping[str, Any]) -> float | None:
    """The target as a line on a chart, where the rule has a number to reach (≥, >, ≤)."""
    return _num(indicator.get("target_value")) if indicator.get("rule_kind") in ("min", "gt", "max") else None


def county_profile(county_rows: pd.DataFrame, code: str, lang: Lang) -> dict[str, str]:
    row = county_rows.set_index("code").loc[code]
    level = level_of(row["assistance_level"])
    return {"code": code, "name": pick(lang, row["name_zh"], row["name_en"]), "level_text": t(f"level.{level}", lang)}


def behind_count(assessments: pd.DataFrame, code: str, indicator_ids: Iterable[str]) -> int:
    """How many of the county's targets are lagging or off track."""
    a = assessments[(assessments["region_code"] == code) & assessments["indicator_id"].isin(list(indicator_ids))]
    return int(a["status"].isin(["lagging", "off_track"]).sum())


def selected_object(widget_state: object, layer_id: str, field: str) -> str | None:
    """The `field` of the object picked on a pydeck map (st.pydeck_chart selection state), if any."""
    try:
        objects = widget_state["selection"]["objects"].get(layer_id) or []  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    value = objects[0].get(field) if objects and isinstance(objects[0], Mapping) else None
    return str(value) if value is not None else None


def selected_point(widget_state: object) -> str | None:
    """The customdata of the point picked on a plotly chart (st.plotly_chart selection state), if any."""
    try:
        points = widget_state["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    if not points:
        return None
    value = points[0].get("customdata")
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return str(value) if value is not None else None


# ---------------------------------------------------------------- villages


@dataclass(frozen=True)
class VillageRule:
    """How a village metric is judged. `indicator_id` names the plan target the rule follows, if any."""

    rule_kind: str
    target_value: float | None = None
    reference_series: str | None = None
    indicator_id: str | None = None


# The plan's own targets for 搬迁群众 and 移民村, applied to each village (our reading, shown on the page):
# - income: 专栏1-2 “基本达到全区农村居民平均水平” → the status engine's reach_reference rule against the regional
#   rural income (≥ 100% achieved; ≥ 95% on track, achieved from the target year on; below, the ratio's straight
#   line from the village's first ratio to 95% in the target year);
# - the two household shares: 第四章第三节 “确保有劳动能力家庭至少1人稳定就业 / 至少1个增收项目” by the target year
#   → ≥ 100% on the straight line from the village's baseline-year value;
# - the "9+1" dimension indices have no number in the plan: 稳步提高 (up on the previous year = on track).
VILLAGE_RULES: dict[str, VillageRule] = {
    "v_income": VillageRule("reach_reference", None, "regional_rural_income", "relocated_income_vs_regional_rural"),
    "v_stable_job_share": VillageRule("min", 100.0, None, "resettled_household_stable_employment_share"),
    "v_income_project_share": VillageRule("min", 100.0, None, "resettled_household_income_project_share"),
}
DEFAULT_VILLAGE_METRIC = "v_income"


def village_rule(metric_id: str) -> VillageRule:
    return VILLAGE_RULES.get(metric_id, VillageRule("rising"))


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
        f"{t('villages.col.population', lang)} {format_number(float(v['population']), '人', lang)}",
        f"{t('villages.col.households', lang)} {format_number(float(v['households']), '户', lang)}",
    ]
    if v["leader_contacted"]:
        parts.append(f"**{t('villages.leader_mark', lang)}**")
    parts.append(md(f"{v['status_text']} {v['value_text']} {v['ratio_text']}".strip()))
    return " · ".join(parts) + (f" {_demo_badge(lang)}" if village_is_demo(v) else "")


def village_is_demo(v: Mapping[str, Any]) -> bool:
    """A village row (villages_view) whose list entry or metric value is sample data."""
    return any(v.get(k) == "demo" for k in ("source_kind", "source_kind_metric"))


def _demo_badge(lang: Lang) -> str:
    return f":orange-badge[{t('prov.demo', lang)}]"


def kinds_text(frame: pd.DataFrame, lang: Lang) -> str:
    """The source kinds found in a frame's source_kind columns, as badges: ':orange-badge[示例] 示例数据，非真实统计…'."""
    found = set(frame.filter(like="source_kind").stack().dropna()) if len(frame) else set()
    kinds = [k for k in ("official", "public", "demo") if k in found]
    badges = {"official": "green", "public": "blue", "demo": "orange"}
    return "；".join(
        f":{badges[k]}-badge[{t('prov.' + k, lang)}] {t('prov.' + k + '.desc', lang)}" for k in kinds
    ) or t("common.none", lang)


def village_statuses(
    values: pd.DataFrame,
    metric_id: str,
    as_of_year: int,
    plan_baseline_year: int,
    target_year: int,
    reference: Mapping[int, float] | None = None,
) -> pd.DataFrame:
    """Status of every village on one metric as of a year, by `village_rule(metric_id)` and the status engine.
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
        ratio = None
        if ref and a.latest_year is not None and a.latest_value is not None and ref.get(a.latest_year):
            ratio = a.latest_value / ref[a.latest_year]
        rows.append(
            {
                "village_id": vid,
                "value": a.latest_value,
                "year": a.latest_year,
                "status": str(a.status),
                "ratio": ratio,
                "source_kind": a.latest_source_kind,
            }
        )
    return pd.DataFrame(rows, columns=["village_id", "value", "year", "status", "ratio", "source_kind"])


def villages_view(
    villages: pd.DataFrame, statuses: pd.DataFrame, metric: Mapping[str, Any], lang: Lang
) -> pd.DataFrame:
    """Villages joined with their status on one metric, with the texts the map, table and tooltips show."""
    df = villages.merge(statuses, left_on="id", right_on="village_id", how="left", suffixes=("", "_metric"))
    df["status"] = df["status"].fillna("no_data")
    unit = metric.get("unit")
    df["name"] = [pick(lang, z, e) for z, e in zip(df["name_zh"], df["name_en"], strict=True)]
    df["county"] = [pick(lang, z, e) for z, e in zip(df["county_zh"], df["county_en"], strict=True)]
    df["status_text"] = [status_label(s, lang) for s in df["status"]]
    df["value_text"] = [
        value_text(v, unit, lang) + (f" ({int(y)})" if _num(y) is not None else "")
        for v, y in zip(df["value"], df["year"], strict=True)
    ]
    df["ratio_text"] = [
        t("villages.ratio", lang, pct=f"{r * 100:.0f}") if _num(r) is not None else "" for r in df["ratio"]
    ]
    df["type_text"] = [t(f"relocation.{x}", lang) for x in df["relocation_type"]]
    df["industry_text"] = [t(f"industry.{x}", lang) for x in df["leading_industry"]]
    df["leader_text"] = [t("common.yes" if x else "common.no", lang) for x in df["leader_contacted"]]
    return df


def filter_villages(
    df: pd.DataFrame,
    county_codes: Iterable[str] = (),
    leader: str = "all",
    relocation_types: Iterable[str] = (),
    industries: Iterable[str] = (),
) -> pd.DataFrame:
    """Villages matching every filter; an empty list means 'all'; leader is 'all', 'yes' or 'no'."""
    mask = pd.Series(True, index=df.index)
    if codes := list(county_codes):
        mask &= df["county_code"].isin(codes)
    if leader in ("yes", "no"):
        mask &= df["leader_contacted"].astype(bool) == (leader == "yes")
    if types := list(relocation_types):
        mask &= df["relocation_type"].isin(types)
    if inds := list(industries):
        mask &= df["leading_industry"].isin(inds)
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
            t("villages.col.ratio", lang): [round(r * 100, 1) if _num(r) is not None else None for r in df["ratio"]],
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
    """Counts for a sentence about a set of villages (income status judged by VILLAGE_RULES['v_income'])."""
    return {
        "n": str(len(df)),
        "leader": str(int(df["leader_contacted"].astype(bool).sum())),
        "population": format_number(float(df["population"].sum()), "人", lang),
        "reached": str(int(df["status"].isin(["achieved", "on_track"]).sum())),
    }


def village_choices(table: pd.DataFrame, current: str | None) -> tuple[list[str], str | None]:
    """Village ids in table order and the one to show: the current one if still listed, else the first."""
    ids = [str(i) for i in table["id"]]
    return ids, (current if current in ids else (ids[0] if ids else None))


def worst_first(df: pd.DataFrame) -> pd.DataFrame:
    """Villages ordered worst status first, then by value (lowest first)."""
    order = {s: i for i, s in enumerate(WORST_FIRST)}
    return df.assign(_o=df["status"].map(order)).sort_values(["_o", "value", "id"]).drop(columns="_o")


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """Count per status, best first, every status present."""
    counts = pd.Series(list(statuses), dtype="object").value_counts()
    return {s: int(counts.get(s, 0)) for s in BEST_FIRST}


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
            "value": [_num(now.get(m)) for m in dims["id"]],
            "median": [_num(med.get(m)) for m in dims["id"]],
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


# ---------------------------------------------------------------- parks

PARK_KPIS = ("p_enterprises", "p_fujian_enterprises", "p_investment", "p_output", "p_jobs", "p_jobs_poverty")
PARK_PARTS = {"p_enterprises": "p_fujian_enterprises", "p_jobs": "p_jobs_poverty"}  # total → 'of which'


def parks_frame(parks: pd.DataFrame, values: pd.DataFrame, year: int, lang: Lang) -> pd.DataFrame:
    """One row per park with its KPIs in a year (the latest value up to that year) and the texts for map and table.
    A park without a location (the tenth, not named in the plan) has lon/lat None and `located` False."""
    upto = values[values["year"] <= year].sort_values("year")
    latest = upto.groupby(["park_id", "metric_id"]).last().reset_index()
    wide = latest.pivot(index="park_id", columns="metric_id", values="value")
    kinds = latest.groupby("park_id")["source_kind"].agg(lambda s: sorted(set(s))[0])
    years = latest.groupby("park_id")["year"].max()
    rows = []
    for p in parks.sort_values("seq").itertuples():
        located = _num(p.lon) is not None and _num(p.lat) is not None
        row: dict[str, Any] = {
            "id": p.id,
            "seq": int(p.seq),
            "name": pick(lang, p.name_zh, p.name_en),
            "short": pick(lang, p.name_zh, p.name_en) if p.named_in_plan else t("parks.unnamed_short", lang),
            "named": bool(p.named_in_plan),
            "county": pick(lang, p.county_zh, p.county_en) if isinstance(p.county_zh, str) else None,
            "county_code": p.county_code if isinstance(p.county_code, str) else None,
            "lon": _num(p.lon) if located else None,
            "lat": _num(p.lat) if located else None,
            "located": located,
            "approximate": bool(p.location_approximate),
            "year": int(years[p.id]) if p.id in years.index else None,
            "source_kind": kinds.get(p.id),
        }
        for k in PARK_KPIS:
            row[k] = _num(wide.at[p.id, k]) if p.id in wide.index and k in wide.columns else None
        row["location_text"] = (
            t("parks.location.seat", lang, county=row["county"])
            if located and row["approximate"]
            else (row["county"] or "")
            if located
            else t("parks.location.unknown", lang)
        )
        rows.append(row)
    return pd.DataFrame(rows)


def parks_table(frame: pd.DataFrame, metrics: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The KPI table: one row per park, numbers kept numeric (units in the headers)."""
    m = metrics.set_index("id")
    out = pd.DataFrame(
        {
            t("parks.col.park", lang): frame["name"],
            t("parks.col.location", lang): frame["location_text"],
        }
    )
    for k in PARK_KPIS:
        if k in m.index:
            unit = unit_label(m.at[k, "unit"], lang)
            name = pick(lang, m.at[k, "name_zh"], m.at[k, "name_en"])
            out[f"{name} ({unit})" if unit else name] = frame[k]
    out[t("col.year", lang)] = frame["year"]
    out[t("col.source", lang)] = [t(f"prov.{k}", lang) if isinstance(k, str) else "" for k in frame["source_kind"]]
    return out


def parks_in_county(frame: pd.DataFrame, code: str) -> pd.DataFrame:
    return frame[frame["county_code"] == code]


def unlocated_parks(frame: pd.DataFrame) -> pd.DataFrame:
    """Parks the map cannot show (no location recorded: the tenth, not named in the plan)."""
    return frame[~frame["located"]]


def park_totals(frame: pd.DataFrame) -> dict[str, float]:
    """Sums over all parks of the additive KPIs (investment is cumulative per park, so it adds up too)."""
    return {k: float(frame[k].fillna(0).sum()) for k in PARK_KPIS}


# ---------------------------------------------------------------- key-assistance counties scorecard


SCORECARD_BANDS = (*KEY_LEVELS, "province")


def _band_label(level: str, lang: Lang) -> str:
    return t("places.band.province", lang) if level == "province" else t(f"level.{level}", lang)


def scorecard(
    regions: pd.DataFrame,
    assessments: pd.DataFrame,
    indicators: pd.DataFrame,
    lang: Lang,
    province_code: str | None = None,
) -> pd.DataFrame:
    """Long table of the key counties × indicators: band (national / regional / province), status, value text and
    the link to the detail. National counties first, then regional, then the province for comparison."""
    rows_in = regions[regions["assistance_level"].isin(KEY_LEVELS) | (regions["code"] == province_code)].copy()
    rows_in["band"] = [lvl if lvl in KEY_LEVELS else "province" for lvl in rows_in["assistance_level"]]
    rows_in["_order"] = rows_in["band"].map({b: i for i, b in enumerate(SCORECARD_BANDS)})
    found = {
        (a["region_code"], a["indicator_id"]): (str(a["status"]), a["latest_value"], rests_on_demo(a))
        for a in assessments.to_dict("records")
    }
    inds = indicators[["id", "unit"]].to_dict("records")
    rows = []
    for c in rows_in.sort_values(["_order", "code"]).itertuples():
        county = pick(lang, c.short_zh, c.short_en)
        for ind in inds:
            status, value, demo = found.get((c.code, ind["id"]), ("no_data", None, False))
            rows.append(
                {
                    "code": c.code,
                    "county": county,
                    "level": c.band,
                    "indicator_id": ind["id"],
                    "status": status,
                    "value_text": value_text(value, ind.get("unit"), lang),
                    "demo": demo,  # the value (or its reference) is sample data: the cell says so
                    "link": indicator_link(str(ind["id"]), str(c.code), lang),
                }
            )
    return pd.DataFrame(rows)


def level_statuses(score: pd.DataFrame, level: str) -> list[str]:
    return list(score.loc[score["level"] == level, "status"])


def scorecard_table(score: pd.DataFrame, indicators: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The scorecard as a flat table (download): a row per county, a column per indicator, 'symbol word value'."""
    names = {r["id"]: pick(lang, r["name_zh"], r["name_en"]) for r in indicators.to_dict("records")}
    order = list(dict.fromkeys(score["code"]))
    score = score.assign(
        cell=[
            demo_marked(f"{status_label(s, lang)} {v}", bool(d), lang)
            for s, v, d in zip(score["status"], score["value_text"], score["demo"], strict=True)
        ]
    )
    wide = score.pivot(index=["code", "county", "level"], columns="indicator_id", values="cell").reset_index()
    wide = wide.set_index("code").loc[order].reset_index()
    wide = wide[["code", "county", "level", *[i for i in names if i in wide.columns]]].rename(columns=names)
    wide.insert(2, t("col.assistance", lang), [_band_label(x, lang) for x in wide["level"]])
    return wide.drop(columns=["level"]).rename(columns={"code": t("col.code", lang), "county": t("col.county", lang)})


def _cell_style(status: str) -> str:
    colour = STATUS_COLOURS[status]
    text = "#111" if status in ("on_track", "lagging", "no_data") else "#fff"
    return f"background:{colour};color:{text}"


def scorecard_html(score: pd.DataFrame, indicators: pd.DataFrame, lang: Lang, county_link: str = "county_map") -> str:
    """An HTML table: counties down, indicators across, each cell coloured by status with its symbol, word and
    value, and a link to the indicator detail for that county. National and regional counties are separate bands."""
    e = html.escape
    present = set(score["indicator_id"])
    inds = [r for r in indicators.to_dict("records") if r["id"] in present]
    head = "".join(
        f'<th title="{e(pick(lang, r["name_zh"], r["name_en"]))}"><span class="nxsc-clause">'
        f"{e(clause_label(r['clause'], lang))}</span><br/>{e(pick(lang, r['name_zh'], r['name_en']))}</th>"
        for r in inds
    )
    records = score.to_dict("records")
    cells = {(c["code"], c["indicator_id"]): c for c in records}
    names = {c["code"]: c["county"] for c in records}
    body = []
    for level in SCORECARD_BANDS:
        codes = list(dict.fromkeys(c["code"] for c in records if c["level"] == level))
        if not codes:
            continue
        count = f" · {len(codes)}" if level in KEY_LEVELS else ""
        body.append(
            f'<tr class="nxsc-band nxsc-{level}"><td colspan="{len(inds) + 1}">{e(_band_label(level, lang))}{count}</td></tr>'
        )
        for code in codes:
            name = names[code]
            label_html = (
                e(name)
                if level == "province"
                else f'<a href="{e(page_link(county_link, lang, region=str(code)))}" target="_self">{e(name)}</a>'
            )
            tds = []
            for r in inds:
                c = cells[(code, r["id"])]
                label = status_label(str(c["status"]), lang)
                value = demo_marked(c["value_text"], bool(c["demo"]), lang)
                tip = f"{name} · {pick(lang, r['name_zh'], r['name_en'])}: {label}, {value}"
                tds.append(
                    f'<td style="{_cell_style(c["status"])}"><a href="{e(c["link"])}" target="_self" '
                    f'title="{e(tip)}"><b>{e(label)}</b><br/>{e(value)}</a></td>'
                )
            body.append(f'<tr><th class="nxsc-county nxsc-{level}">{label_html}</th>' + "".join(tds) + "</tr>")
    corner = e(t("col.county", lang))
    return (
        f"<style>{_SCORECARD_CSS}{_level_css()}</style>"
        f'<div class="nxsc-wrap"><table class="nxsc"><thead><tr><th class="nxsc-corner">{corner}</th>{head}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _level_css() -> str:
    return (
        "".join(
            f".nxsc th.nxsc-{lvl}{{border-left:{LEVEL_LINE_PX[lvl] + 2}px solid {LEVEL_LINE_HEX[lvl]}}}"
            for lvl in KEY_LEVELS
        )
        + ".nxsc th.nxsc-province{border-left:5px dotted #888}"
    )


_SCORECARD_CSS = """
.nxsc-wrap{overflow-x:auto;max-width:100%}
.nxsc{border-collapse:separate;border-spacing:2px;font-size:12.5px;line-height:1.3;width:100%}
.nxsc th{font-weight:600;text-align:center;vertical-align:bottom;padding:4px 3px;background:#f4f4f2;
  min-width:70px}
.nxsc .nxsc-clause{color:#666;font-weight:400;font-size:11px}
.nxsc td{text-align:center;padding:4px 3px;border-radius:3px;min-width:70px}
.nxsc td a{color:inherit;text-decoration:none;display:block}
.nxsc td a:hover{text-decoration:underline}
.nxsc th.nxsc-county{text-align:left;white-space:nowrap;vertical-align:middle;padding-left:8px}
.nxsc th.nxsc-county a{color:#111;text-decoration:none}
.nxsc tr.nxsc-band td{text-align:left;background:#fff;font-weight:700;padding:8px 2px 2px 2px;color:#333}
"""


@dataclass(frozen=True)
class ScorecardView:
    """The key-assistance-county page, ready to draw: a status tally per band, the HTML table, the download table."""

    tallies: dict[str, str]
    html: str
    table: pd.DataFrame
    has_demo: bool = False  # some cell rests on sample data


def scorecard_view(
    regions: pd.DataFrame, assessments: pd.DataFrame, indicators: pd.DataFrame, lang: Lang, province_code: str
) -> ScorecardView:
    shown = county_indicators(indicators, assessments, counties(regions)["code"])
    score = scorecard(regions, assessments, shown, lang, province_code)
    return ScorecardView(
        tallies={level: status_tally(level_statuses(score, level), lang) for level in KEY_LEVELS},
        html=scorecard_html(score, shown, lang),
        table=scorecard_table(score, shown, lang),
        has_demo=bool(score["demo"].any()) if len(score) else False,
    )
