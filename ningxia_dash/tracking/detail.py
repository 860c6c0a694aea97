"""What the indicator detail page shows: history with per-year status, county breakdown, notes, data table
(pure)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ningxia_dash import config, rollup
from ningxia_dash.i18n import Lang, format_number, pick, t
from ningxia_dash.labels import source_title, status_label
from ningxia_dash.safe_text import plotly_text
from ningxia_dash.tracking import assess, pace
from ningxia_dash.tracking.pace import Pace
from ningxia_dash.views import demo_marked, rests_on_demo


def region_names(regions: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """code → name in the language: one pass, so tables never filter the regions once per row."""
    return {
        c: pick(lang, z, e) for c, z, e in zip(regions["code"], regions["name_zh"], regions["name_en"], strict=True)
    }


def regions_with_data(observations: pd.DataFrame, indicator_id: str, regions: pd.DataFrame) -> list[str]:
    """The province first, then the counties that have values for this indicator, in code order."""
    codes = set(observations.loc[observations["indicator_id"] == indicator_id, "region_code"])
    ordered = [c for c in regions["code"] if c in codes and c != config.PROVINCE_CODE]
    return [config.PROVINCE_CODE, *ordered]


def rollup_notice(indicator: pd.Series, observations: pd.DataFrame, regions: pd.DataFrame, lang: Lang) -> str | None:
    """One sentence when uploaded or published values of this target do not add up (a county sum that is not the
    region's count, a region's rate outside its counties' range); None when they do or cannot be compared. Values
    are only reported, never changed; disagreements among demonstration values alone are the generator's to avoid."""
    unit = indicator["unit"] if isinstance(indicator["unit"], str) else None
    how = rollup.aggregation(str(indicator["id"]), unit, str(indicator["rule_kind"]))
    mine = observations[(observations["indicator_id"] == indicator["id"]) & (observations["period_type"] == "year")]
    found = [d for d in rollup.disagreements(mine, regions, how) if not d.demo_only]
    if not found:
        return None
    names = region_names(regions, lang)
    sep = "；" if lang == "zh" else "; "
    parts = []
    for d in found[:3]:
        values = {
            "year": d.year,
            "parent": names.get(d.parent, d.parent),
            "children": t(f"rollup.children.{d.children_level}", lang),
            "value": format_number(d.parent_value, unit, lang, 2),
            "total": format_number(d.low, unit, lang, 2),
            "low": format_number(d.low, unit, lang, 2),
            "high": format_number(d.high, unit, lang, 2),
        }
        parts.append(t("rollup.sum" if d.kind == rollup.SUM else "rollup.range", lang, **values))
    more = f"{sep}{t('rollup.more', lang, n=len(found))}" if len(found) > 3 else ""
    return f"{t('rollup.title', lang)}{'：' if lang == 'zh' else ': '}{sep.join(parts)}{more}"


@dataclass
class History:
    actual: pd.DataFrame  # year, value, status, source_kind, hover
    target: float | None
    reference: pd.DataFrame  # year, value (relative targets only)


def history_frame(indicator: pd.Series, observations: pd.DataFrame, references: pd.DataFrame, baseline_year: int,
                  region_code: str, lang: Lang) -> History:  # fmt: skip
    """Every observed year with the status the target had as of that year."""
    unit = indicator["unit"] if isinstance(indicator["unit"], str) else None
    mine = observations[(observations["indicator_id"] == indicator["id"]) & (observations["region_code"] == region_code)
                        & (observations["period_type"] == "year")].sort_values("year")  # fmt: skip
    years = [int(y) for y in mine["year"]]
    statuses = assess.status_history(indicator, observations, references, baseline_year, years, region_code)
    status_by_year = dict(zip(statuses["as_of_year"], statuses["status"], strict=True))
    why = dict(
        zip(statuses["as_of_year"], statuses["explanation_zh" if lang == "zh" else "explanation_en"], strict=True)
    )
    actual = pd.DataFrame({
        "year": years,
        "value": mine["value"].astype(float).tolist(),
        "status": [status_by_year[y] for y in years],
        "source_kind": mine["source_kind"].tolist(),
    })  # fmt: skip
    actual["hover"] = [
        f"{y}: {plotly_text(format_number(v, unit, lang))} ({t('prov.' + k, lang)})<br>{status_label(s, lang)}<br>"
        f"{plotly_text(why[y])}"
        for y, v, k, s in zip(actual["year"], actual["value"], actual["source_kind"], actual["status"], strict=True)
    ]
    target = None if pd.isna(indicator["target_value"]) else float(indicator["target_value"])
    series = indicator.get("reference_series")
    reference = pd.DataFrame(columns=["year", "value"])
    if isinstance(series, str) and series != "previous_year":
        ref = references[(references["series_id"] == series)
                         & (references["region_code"] == assess.reference_region(series))]  # fmt: skip
        reference = ref[["year", "value"]].sort_values("year")
        if indicator["rule_kind"] == "reach_reference":
            target = None  # the reference line is the target
    return History(actual, target, reference)


def pace_text(p: Pace, lang: Lang) -> str:
    """The pace sentence under the chart (or why a target has no pace)."""
    return pick(lang, p.sentence_zh, p.sentence_en)


def pace_paths(p: Pace) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """The projection from the latest point at the observed pace, and the required path beside it (none once the
    target is met: there is nothing left to require)."""
    return pace.path(p, "projection"), [] if p.met else pace.path(p, "required")


def county_frame(assessments: pd.DataFrame, regions: pd.DataFrame, indicator_id: str, lang: Lang) -> pd.DataFrame:
    """Counties' latest values and statuses for one indicator (empty when no county has data)."""
    counties = regions[regions["level"] == "county"].set_index("code")
    mine = assessments[(assessments["indicator_id"] == indicator_id) & assessments["region_code"].isin(counties.index)]
    mine = mine.dropna(subset=["latest_value"])
    if mine.empty:
        return pd.DataFrame(columns=["code", "name", "value", "status", "hover", "demo"])
    names = [pick(lang, counties.at[c, "name_zh"], counties.at[c, "name_en"]) for c in mine["region_code"]]
    demo = [rests_on_demo(a) for a in mine.to_dict("records")]
    return pd.DataFrame({
        "code": mine["region_code"].tolist(),
        "name": names,
        "value": mine["latest_value"].astype(float).tolist(),
        "status": mine["status"].tolist(),
        "hover": [f"<b>{plotly_text(n)}</b><br>{demo_marked(status_label(s, lang), d, lang)}<br>{plotly_text(e)}"
                  for n, s, e, d in zip(names, mine["status"], mine["explanation_zh" if lang == "zh" else "explanation_en"],
                                        demo, strict=True)],
        "demo": demo,
    })  # fmt: skip


def notes_table(notes: pd.DataFrame, regions: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    if notes.empty:
        return pd.DataFrame()
    return pd.DataFrame({
        t("col.year", lang): notes["year"],
        t("col.region", lang): notes["region_code"].map(region_names(regions, lang)).fillna(notes["region_code"]),
        t("col.note", lang): [pick(lang, z, e) for z, e in zip(notes["text_zh"], notes["text_en"], strict=True)],
        t("col.source", lang): [t(f"prov.{k}", lang) for k in notes["source_kind"]],
    })  # fmt: skip


def data_table(observations: pd.DataFrame, sources: pd.DataFrame, regions: pd.DataFrame, indicator_id: str,
               lang: Lang) -> pd.DataFrame:  # fmt: skip
    """Every value of an indicator with where it came from: what the page shows and lets users download."""
    mine = observations[observations["indicator_id"] == indicator_id].merge(
        sources[["id", "title", "url"]], left_on="source_id", right_on="id", how="left"
    ).sort_values(["region_code", "year"])  # fmt: skip
    return pd.DataFrame({
        t("col.region", lang): mine["region_code"].map(region_names(regions, lang)).fillna(mine["region_code"]).tolist(),
        t("col.year", lang): mine["year"].astype(int).tolist(),
        t("col.value", lang): mine["value"].astype(float).tolist(),
        t("col.source", lang): [t(f"prov.{k}", lang) for k in mine["source_kind"]],
        t("col.title", lang): [source_title(k, x, lang) for k, x in zip(mine["source_kind"], mine["title"], strict=True)],
        t("col.address", lang): mine["url"].fillna("").tolist(),
        t("col.note", lang): mine["note"].fillna("").tolist(),
    })  # fmt: skip


def baseline_help(row: pd.Series, lang: Lang) -> str | None:
    """The baseline's year, and for a continuing target judged from the previous plan's final actual, that and its
    source: '2025 · 上一规划期末实际（示例数据）'."""
    if pd.isna(row["baseline_year"]):
        return None
    carried = row.get("baseline_carried")
    if not isinstance(carried, str):
        return f"{int(row['baseline_year'])}"
    return f"{int(row['baseline_year'])} · {t('continuity.base_previous', lang)} ({t('prov.' + carried, lang)})"


def plan_sentence(indicator: pd.Series) -> str:
    """The promise as the plan prints it. 专栏1 is a table, so its row is read back as a sentence (in Chinese,
    as printed)."""
    if not indicator["is_headline"]:
        return str(indicator["source_sentence"])
    unit = indicator["unit"] if isinstance(indicator["unit"], str) else None
    parts = [f"{indicator['name_zh']}" + (f"（{unit}）" if unit else "")]
    if not pd.isna(indicator["baseline_value"]):
        parts.append(
            f"{int(indicator['baseline_year'])}年 {format_number(float(indicator['baseline_value']), None, 'zh')}"
        )
    if not pd.isna(indicator["target_value"]):
        parts.append(f"{int(indicator['target_year'])}年 {format_number(float(indicator['target_value']), None, 'zh')}")
    parts.append(t(f"attr.{indicator['attribute']}", "zh"))
    return f"{indicator['clause']}：" + "，".join(parts)
