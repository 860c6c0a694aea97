"""The county map's logic: counties and cities by one indicator (values, statuses and the texts a map and
ranking show), the reference a relative target is judged against, the county profile (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ningxia_dash import config
from ningxia_dash.i18n import TEXT, Lang, pick, t
from ningxia_dash.labels import clause_label, status_label, target_text, value_text
from ningxia_dash.places.common import (
    indicator_link,
    level_of,
    missing_status,
    num,
)
from ningxia_dash.safe_text import md, md_code


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
    b, tv = num(indicator.get("baseline_value")), num(indicator.get("target_value"))
    return not (rule in ("min", "gt") and b is not None and tv is not None and tv < b)


def county_indicators(indicators: pd.DataFrame, assessments: pd.DataFrame, county_codes: Iterable[str]) -> pd.DataFrame:
    """Indicators that have values for at least one county (the ones a county map can show), in plan order."""
    codes = set(county_codes)
    with_data = assessments[assessments["region_code"].isin(codes) & assessments["latest_value"].notna()]
    return indicators[indicators["id"].isin(set(with_data["indicator_id"]))].sort_values("seq")


def place_frame(
    county_rows: pd.DataFrame, assessments: pd.DataFrame, indicator: Mapping[str, Any], lang: Lang,
    final: bool = False,
) -> pd.DataFrame:  # fmt: skip
    """One row per county for one indicator: value, year, status and the texts a map and chart show. `final`: the
    assessments speak in verdicts (ui.models.region_statuses, the plan's last year on): a place without one reads
    无法评估."""
    a = assessments[assessments["indicator_id"] == indicator["id"]].set_index("region_code")
    unit = indicator.get("unit")
    rows = []
    for c in county_rows.itertuples():
        found = c.code in a.index
        status = str(a.at[c.code, "status"]) if found else missing_status(final)
        value = num(a.at[c.code, "latest_value"]) if found else None
        year = num(a.at[c.code, "latest_year"]) if found else None
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
    return None if rows is None or rows.empty else num(rows["value"].iloc[-1])


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
        year = num(a["latest_year"])
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
    return num(rows["latest_value"].iloc[0]) if len(rows) else None


def chart_target(indicator: Mapping[str, Any]) -> float | None:
    """The target as a line on a chart, where the rule has a number to reach (≥, >, ≤)."""
    return num(indicator.get("target_value")) if indicator.get("rule_kind") in ("min", "gt", "max") else None


def county_profile(county_rows: pd.DataFrame, code: str, lang: Lang) -> dict[str, str]:
    row = county_rows.set_index("code").loc[code]
    level = level_of(row["assistance_level"])
    return {"code": code, "name": pick(lang, row["name_zh"], row["name_en"]), "level_text": t(f"level.{level}", lang)}


def behind_count(assessments: pd.DataFrame, code: str, indicator_ids: Iterable[str]) -> int:
    """How many of the county's targets are lagging or off track (not met, at the plan's end)."""
    a = assessments[(assessments["region_code"] == code) & assessments["indicator_id"].isin(list(indicator_ids))]
    return int(a["status"].isin(["lagging", "off_track", "not_met"]).sum())
