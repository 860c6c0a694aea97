"""The 闽宁 industrial parks: their KPIs in a year, the KPI table and totals (pure)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ningxia_dash.i18n import Lang, pick, t, unit_label
from ningxia_dash.places.common import (
    num,
)

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
        located = num(p.lon) is not None and num(p.lat) is not None
        row: dict[str, Any] = {
            "id": p.id,
            "seq": int(p.seq),
            "name": pick(lang, p.name_zh, p.name_en),
            "short": pick(lang, p.name_zh, p.name_en) if p.named_in_plan else t("parks.unnamed_short", lang),
            "named": bool(p.named_in_plan),
            "county": pick(lang, p.county_zh, p.county_en) if isinstance(p.county_zh, str) else None,
            "county_code": p.county_code if isinstance(p.county_code, str) else None,
            "lon": num(p.lon) if located else None,
            "lat": num(p.lat) if located else None,
            "located": located,
            "approximate": bool(p.location_approximate),
            "year": int(years[p.id]) if p.id in years.index else None,
            "source_kind": kinds.get(p.id),
        }
        for k in PARK_KPIS:
            row[k] = num(wide.at[p.id, k]) if p.id in wide.index and k in wide.columns else None
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
