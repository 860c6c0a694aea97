"""Demonstration values of the 5 cities and 22 counties that add up to the region's (pure).

For each headline target whose values combine across places (rollup.aggregation) and each year the region has a value
(public or demo): the cities' values are spread around the region's so that their population-weighted mean is the
region's rate (or their sum its count), then each city's counties around the city's value the same way. Fixed values
(public figures, later official uploads) are never changed: the generated places around them adapt.

A city with published values of a rate (the five 2021 sewage rates) keeps, in its demo years, its published ratio to
the region's value, so its line continues its published level instead of jumping away from it. Those published
figures are not population-weighted means of one another (weighting the five cities' 2021 rates by population gives
about 43 %, the region published 28.96 %), so for such a target the region's value is kept within its places' range
but is not their weighted mean; everywhere else it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ningxia_dash import config, rollup
from ningxia_dash.store import demo

Observations = dict[tuple[str, str, int], tuple[float, str, str, str | None]]


def read_population(path: Path) -> dict[str, float]:
    """county code → resident population (data/seed/region_population.csv)."""
    df = pd.read_csv(path, dtype={"code": str})
    return {str(c): float(p) for c, p in zip(df["code"], df["population"], strict=True)}


def _scale(unit: str | None, rule_kind: str, parent: float) -> float:
    """How far one unit of a place's offset moves its value: points for rates, a share of the value for money."""
    if rule_kind in ("above_reference",):  # growth rates: counties differ by fractions of a point
        return 0.15
    if unit == "元":
        return 0.015 * abs(parent)
    return 1.0


def _bounds(unit: str | None, rule_kind: str) -> tuple[float, float | None, int]:
    if rule_kind == "above_reference":
        return -100.0, None, 2
    if unit == "%":
        return 0.0, 100.0, 2
    return 0.0, None, 0 if unit == "元" else 1


def fill(
    observations: Observations,
    indicators: pd.DataFrame,
    regions: pd.DataFrame,
    population: Mapping[str, float],
    years: Iterable[int],
    source_id: str,
) -> None:
    """Add demo city and county values (never over an existing value) for every combinable headline target."""
    counties = regions[regions["level"] == "county"]
    cities = sorted(regions.loc[regions["level"] == "city", "code"])
    by_city = {c: sorted(counties.loc[counties["parent_code"] == c, "code"]) for c in cities}
    level = dict(zip(counties["code"], counties["assistance_level"], strict=True))
    county_offset = {c: demo.county_adjustment(c, lv if isinstance(lv, str) else None)[1] for c, lv in level.items()}
    city_weight = {c: sum(population[k] for k in by_city[c]) for c in cities}
    city_offset = {c: rollup.weighted_mean({k: county_offset[k] for k in by_city[c]}, population) for c in cities}
    years = list(years)
    for r in indicators[indicators["is_headline"]].itertuples():
        unit = r.unit if isinstance(r.unit, str) else None
        how = rollup.aggregation(r.id, unit, r.rule_kind)
        if how is None:
            continue
        ratios = _published_ratios(observations, r.id, cities, years) if how == rollup.MEAN else {}
        for y in years:
            province = observations.get((r.id, config.PROVINCE_CODE, y))
            if province is None:
                continue
            spec: dict[str, Any] = {"how": how, "id": r.id, "year": y, "unit": unit, "rule": r.rule_kind}
            lo, hi, digits = _bounds(unit, r.rule_kind)
            for c, ratio in ratios.items():
                value = round(min(max(province[0] * ratio, lo), hi if hi is not None else float("inf")), digits)
                observations.setdefault((r.id, c, y), (value, "demo", source_id, None))
            city_values = _children(observations, province[0], city_weight, city_offset, spec)
            for c, v in city_values.items():
                observations.setdefault((r.id, c, y), (v, "demo", source_id, None))
            for c in cities:
                value = observations[(r.id, c, y)][0]
                weights = {k: population[k] for k in by_city[c]}
                for k, v in _children(observations, value, weights, county_offset, spec).items():
                    observations.setdefault((r.id, k, y), (v, "demo", source_id, None))


def _published_ratios(
    observations: Observations, indicator_id: str, cities: list[str], years: list[int]
) -> dict[str, float]:
    """A city's published value over the region's (averaged over the years it has one beside the region's)."""
    out: dict[str, float] = {}
    for c in cities:
        seen = []
        for y in years:
            mine, region = (
                observations.get((indicator_id, c, y)),
                observations.get((indicator_id, config.PROVINCE_CODE, y)),
            )
            if mine and region and mine[1] != "demo" and region[0]:
                seen.append(mine[0] / region[0])
        if seen:
            out[c] = sum(seen) / len(seen)
    return out


def _children(
    observations: Observations,
    parent: float,
    weights: Mapping[str, float],
    offsets: Mapping[str, float],
    spec: Mapping[str, Any],
) -> dict[str, float]:
    """Generated values for the places under one parent (those with a value already are kept as fixed)."""
    key = spec["id"], spec["year"]
    fixed = {c: v[0] for c in weights if (v := observations.get((key[0], c, key[1])))}
    if spec["how"] == rollup.SUM:
        jitter = {c: w * demo.rng_for("split", *key, c).uniform(0.3, 1.7) for c, w in weights.items()}
        return rollup.split_sum(parent, jitter, fixed)
    noisy = {c: offsets.get(c, 0.0) + demo.rng_for("roll", *key, c).uniform(-0.6, 0.6) for c in weights}
    lo, hi, digits = _bounds(spec["unit"], spec["rule"])
    return rollup.spread_mean(
        parent, weights, noisy, fixed, scale=_scale(spec["unit"], spec["rule"], parent), lo=lo, hi=hi, digits=digits
    )


def county_values(observations: Observations, indicator_id: str) -> dict[tuple[str, int], float]:
    """(region code, year) → value of one indicator (what the village generator centres a county's villages on)."""
    return {(r, y): v[0] for (i, r, y), v in observations.items() if i == indicator_id}
