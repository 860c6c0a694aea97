"""The values a new database starts with, each with its source: public figures (public_figures.csv, mapped by
public_figure_map.csv), reference series derived from them, the plan's printed baselines, and — in a demo build —
sample observations where no public value exists."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ningxia_dash import config
from ningxia_dash.store import demo
from ningxia_dash.store.seeds import read_csv

DEMO_SOURCE = "demo-generator"
RELATIVE_KINDS = ("above_reference", "reach_reference")


# ---------------------------------------------------------------- observations and references


@dataclass
class Figures:
    """Values keyed (series, region, year) → (value, source_kind, source_id, note)."""

    observations: dict[tuple[str, str, int], tuple[float, str, str, str | None]] = field(default_factory=dict)
    references: dict[tuple[str, str, int], tuple[float, str, str]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def reference(self, series: str, region: str) -> dict[int, float]:
        return {y: v[0] for (s, r, y), v in self.references.items() if s == series and r == region}


def plan_source(plan: pd.Series) -> dict[str, Any]:
    return {
        "id": f"plan-{plan['id']}",
        "kind": "public",
        "title": f"《{plan['title_zh']}》（{plan['doc_number']}）",
        "url": plan["source_url"],
        "quality": "primary",
        "note": "规划原文所列基期值",
    }


def _region_codes(regions: pd.DataFrame) -> dict[str, str]:
    """The names public_figures.csv may give a region (全国, 宁夏, a city's or county's full or short name) → code."""
    names = {"全国": config.NATION_CODE, "宁夏": config.PROVINCE_CODE}
    for code, full, short in zip(regions["code"], regions["name_zh"], regions["short_zh"], strict=True):
        names.setdefault(full, code)
        names.setdefault(short, code)
    return names


def public_figures(seed_dir: Path, indicators: pd.DataFrame, figs: Figures, regions: pd.DataFrame) -> pd.DataFrame:
    """Load public_figures.csv verbatim, and its mapped rows as public observations / reference values."""
    mapping = {r["subject"]: r for r in read_csv(seed_dir / "public_figure_map.csv")}
    codes = _region_codes(regions)
    by_clause = indicators.groupby("clause")["id"].apply(list).to_dict()
    rows = []
    for seq, r in enumerate(read_csv(seed_dir / "public_figures.csv"), start=1):
        m = mapping.get(r["subject"])
        maps_to = m["maps_to"] if m else ""
        kind, _, ref = maps_to.partition(":")
        if kind == "clause":  # a clause that names exactly one target
            ids = by_clause.get(ref, [])
            if len(ids) != 1:
                raise ValueError(f"public_figure_map: clause {ref} matches {ids}")
            kind, ref = "indicator", ids[0]
        source_id = f"public-{seq:03d}"
        figs.sources[source_id] = {
            "id": source_id,
            "kind": "public",
            "title": r["source_title"],
            "url": r["source_address"],
            "quality": r["source_kind"],
            "note": r["note"] or None,
        }
        region = codes.get(r["region"])
        if region is None:
            raise ValueError(f"public_figures.csv 第{seq + 1}行“region”列：地区“{r['region']}”不在 regions.csv 中")
        value, year = float(r["value"]), int(r["year"])
        note = "；".join(x for x in (r["note"], m["note"] if m else "") if x) or None
        if kind == "indicator":
            figs.observations[(ref, region, year)] = (value, "public", source_id, note)
        elif kind == "reference":
            figs.references[(ref, region, year)] = (value, "public", source_id)
        rows.append(
            {
                "seq": seq,
                "subject": r["subject"],
                "subject_en": (m["subject_en"] if m else "") or None,  # the map's English name for the subject
                "region": r["region"],
                "year": year,
                "value": value,
                "unit": r["unit"],
                "source_title": r["source_title"],
                "source_url": r["source_address"],
                "quality": r["source_kind"],
                "note": r["note"] or None,
                "mapped_to": f"{kind}:{ref}" if kind else None,
            }
        )
    return pd.DataFrame(rows)


# Demonstration values for reference years no public source in the seed gives (labelled demo everywhere).
DEMO_REFERENCE_LEVELS = {
    ("national_rural_income", config.NATION_CODE): {2025: 24550.0},
    ("regional_rural_income", config.PROVINCE_CODE): {
        2021: 15330.0,
        2023: 17560.0,
        2024: 18720.0,
        2025: 19850.0,
    },
    ("urban_resident_income_growth", config.PROVINCE_CODE): {
        2021: 7.9,
        2022: 4.2,
        2023: 4.9,
        2024: 4.8,
        2025: 4.6,
    },
}


def derive_references(figs: Figures, years: Iterable[int], with_demo: bool = True) -> None:
    """Fill demo reference levels (unless with_demo is False), then growth rates from levels (public only when
    both years are public; without demo data only public growth rates are derived)."""
    # The public source for the resettled population's 2020 income (11624元) says it was 2265元 below the
    # regional rural average, which puts that average at 13889元: derived from a public figure, kept public.
    moved = figs.observations.get(("relocated_income_vs_regional_rural", config.PROVINCE_CODE, 2020))
    if moved and moved[1] == "public":
        figs.references.setdefault(
            ("regional_rural_income", config.PROVINCE_CODE, 2020), (moved[0] + 2265, "public", moved[2])
        )
    for (series, region), values in DEMO_REFERENCE_LEVELS.items() if with_demo else ():
        for y, v in values.items():
            if y in years:
                figs.references.setdefault((series, region, y), (v, "demo", DEMO_SOURCE))
    for level, growth, region in (
        ("national_rural_income", "national_rural_income_growth", config.NATION_CODE),
        ("regional_rural_income", "rural_resident_income_growth", config.PROVINCE_CODE),
    ):
        for y in years:
            cur, prev = figs.references.get((level, region, y)), figs.references.get((level, region, y - 1))
            if cur and prev:
                kind = "public" if cur[1] == prev[1] == "public" else "demo"
                if kind == "demo" and not with_demo:
                    continue
                src = cur[2] if kind == "public" else DEMO_SOURCE
                figs.references[(growth, region, y)] = (round((cur[0] / prev[0] - 1) * 100, 2), kind, src)


def _target(r: Any, plan: pd.Series) -> demo.Target:
    return demo.Target(
        id=r.id,
        unit=r.unit,
        rule_kind=r.rule_kind,
        baseline_value=None if pd.isna(r.baseline_value) else float(r.baseline_value),
        target_value=None if pd.isna(r.target_value) else float(r.target_value),
        baseline_year=int(r.baseline_year) if not pd.isna(r.baseline_year) else int(plan["baseline_year"]),
        target_year=int(r.target_year),
    )


def _relative_values(r: Any, figs: Figures, years: list[int], region: str) -> dict[int, float]:
    series = r.reference_series
    if r.rule_kind == "above_reference":
        ref_region = config.NATION_CODE if series.startswith("national") else config.PROVINCE_CODE
        return demo.relative_series(f"{r.id}@{region}", figs.reference(series, ref_region), years, margin=1.2)
    ref = figs.reference("regional_rural_income", config.PROVINCE_CODE)
    first = figs.observations.get((r.id, config.PROVINCE_CODE, years[0]))
    start = first[0] if first else ref[years[0]] * 0.84
    rng = demo.rng_for("reach", r.id, region)
    end_ratio = 0.97 if demo.profile_for(r.id) in ("ahead", "on_track") else 0.9
    return demo.approach_series(start * rng.uniform(0.93, 1.05), ref, years, end_ratio + rng.uniform(-0.04, 0.03))


def plan_baselines(indicators: pd.DataFrame, plan: pd.Series, figs: Figures) -> None:
    """The plan's own baselines as public province observations (never over a published figure)."""
    for r in indicators.itertuples():
        if r.rule_kind in RELATIVE_KINDS:
            continue
        t = _target(r, plan)
        if t.baseline_value is not None:
            figs.observations.setdefault(
                (r.id, config.PROVINCE_CODE, t.baseline_year),
                (t.baseline_value, "public", f"plan-{plan['id']}", "规划基期值"),
            )


def demo_observations(indicators: pd.DataFrame, plan: pd.Series, figs: Figures) -> None:
    """Fill every indicator's province series with demo values, never over a public figure (the cities' and
    counties' come after, from demo_regions, so that they add up to the province's)."""
    years = list(range(int(plan["baseline_year"]), int(plan["period_end"]) + 1))
    for r in indicators.itertuples():
        if r.rule_kind in RELATIVE_KINDS:
            values = _relative_values(r, figs, years, config.PROVINCE_CODE)
        else:
            t = _target(r, plan)
            anchor = figs.observations.get((r.id, config.PROVINCE_CODE, t.baseline_year))
            if r.rule_kind == "rising" and anchor and anchor[1] == "public":
                # "稳步提高" has no number: continue from the published level rather than a doubtful baseline
                t = demo.Target(t.id, t.unit, t.rule_kind, anchor[0], None, t.baseline_year, t.target_year)
            demo_years = [y for y in years if not (y == t.baseline_year and t.baseline_value is not None)]
            values = demo.indicator_series(t, demo_years)
        for y, v in values.items():
            figs.observations.setdefault((r.id, config.PROVINCE_CODE, y), (v, "demo", DEMO_SOURCE, None))
