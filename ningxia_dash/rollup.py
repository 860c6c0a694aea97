"""How the values of counties, cities and villages add up to their region's: rates and per-capita values as
population-weighted means, counts as sums (pure).

The demo generator uses it to make numbers that add up (`spread_mean`, `split_sum`, `rescale_to_mean`); the
indicator detail page uses `disagreements` to say where uploaded numbers do not. Nothing here alters a value that
came from outside: the generator fills only the gaps around fixed (official or public) values.

Weights: each county's resident population, 2020 (第七次全国人口普查), from data/seed/region_population.csv; a city
weighs the sum of its counties. The weight is total population, a proxy for the rural population the rural indicators
actually average over (the county figures of the latter were not found in a citable source).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

MEAN, SUM = "mean", "sum"

# Units whose values add up across places (a count of things or people).
COUNT_UNITS = frozenset(
    ("个", "户", "处", "座", "名", "人次", "万人次", "家", "万家", "所", "条", "对", "亩", "亿元", "万户", "万公里")
)
# Counts that do not add up across places: lists of disease types, class-size standards, per-county minimums, and
# acts of the region as a whole (an evaluation, an interview campaign).
NOT_ADDITIVE = frozenset(
    (
        "major_disease_special_treatment_types",
        "major_chronic_disease_screening_types",
        "primary_class_size_standard",
        "junior_secondary_class_size_standard",
        "fever_clinic_health_centres_per_county",
        "township_health_centres_national_standard_per_county",
        "third_party_post_evaluation_annual",
        "joint_media_interview_annual",
    )
)
RATE_UNITS = frozenset(("%", "元", "分"))


def aggregation(indicator_id: str, unit: str | None, rule_kind: str) -> str | None:
    """MEAN (a rate or per-capita value), SUM (a count) or None (places' values do not combine)."""
    if indicator_id in NOT_ADDITIVE or rule_kind == "milestone":
        return None
    if unit in RATE_UNITS:
        return MEAN
    if unit in COUNT_UNITS:
        return SUM
    return None


def weighted_mean(values: Mapping[str, float], weights: Mapping[str, float]) -> float:
    total = sum(weights[k] for k in values)
    return sum(values[k] * weights[k] for k in values) / total


def _clip(value: float, lo: float, hi: float | None) -> float:
    value = max(value, lo)
    return min(value, hi) if hi is not None else value


def spread_mean(
    parent: float,
    weights: Mapping[str, float],
    offsets: Mapping[str, float],
    fixed: Mapping[str, float] | None = None,
    *,
    scale: float = 1.0,
    lo: float = 0.0,
    hi: float | None = None,
    digits: int = 2,
) -> dict[str, float]:
    """Values for the children without a fixed value: parent + scale·(offset + s), clipped to [lo, hi], with one
    shift s (found by bisection) that makes the weighted mean of all children — fixed ones included — equal the
    parent. Where rounding or fixed values still leave the parent outside the children's range, the generated child
    nearest to it is moved onto the parent, so the parent always lies within its children's range."""
    fixed = dict(fixed or {})
    free = [k for k in weights if k not in fixed]
    if not free:
        return {}
    total = sum(weights.values())

    def mean_for(s: float) -> float:
        made = sum(weights[k] * _clip(parent + scale * (offsets.get(k, 0.0) + s), lo, hi) for k in free)
        return (made + sum(weights[k] * v for k, v in fixed.items())) / total

    low, high = -1e6, 1e6
    for _ in range(200):
        mid = (low + high) / 2
        if mean_for(mid) < parent:
            low = mid
        else:
            high = mid
    s = (low + high) / 2
    out = {k: round(_clip(parent + scale * (offsets.get(k, 0.0) + s), lo, hi), digits) for k in free}
    every = {**fixed, **out}
    if min(every.values()) > parent:
        k = min(out, key=lambda c: out[c])
        out[k] = round(parent, digits)
    if max(every.values()) < parent:
        k = max(out, key=lambda c: out[c])
        out[k] = round(parent, digits)
    return out


def split_sum(total: float, weights: Mapping[str, float], fixed: Mapping[str, float] | None = None) -> dict[str, float]:
    """Whole numbers for the children without a fixed value that, with the fixed ones, sum to `total` (largest
    remainder over the weights; nothing below zero: when the fixed values already exceed the total, the rest get 0)."""
    fixed = dict(fixed or {})
    free = [k for k in weights if k not in fixed]
    if not free:
        return {}
    rest = max(round(total - sum(fixed.values())), 0)
    w = sum(weights[k] for k in free) or 1.0
    shares = {k: rest * weights[k] / w for k in free}
    out = {k: float(int(v)) for k, v in shares.items()}
    left = int(rest - sum(out.values()))
    for k in sorted(free, key=lambda c: (-(shares[c] - int(shares[c])), c))[:left]:
        out[k] += 1.0
    return out


def rescale_to_mean(values: Mapping[str, float], weights: Mapping[str, float], target: float) -> dict[str, float]:
    """The values scaled by one factor so their weighted mean is `target` (their spread around it is kept)."""
    mean = weighted_mean(values, weights)
    factor = target / mean if mean else 1.0
    return {k: v * factor for k, v in values.items()}


# ---------------------------------------------------------------- checks


@dataclass(frozen=True)
class Disagreement:
    """A region's value that its places' values cannot give: `kind` 'sum' (counts) or 'range' (rates)."""

    year: int
    parent: str
    children_level: str  # 'county' or 'city'
    kind: str
    parent_value: float
    low: float  # range: the children's min; sum: their sum
    high: float  # range: the children's max; sum: their sum
    demo_only: bool  # every value involved is demonstration data


def _tolerance(kind: str, parent: float) -> float:
    if kind == "sum":
        return max(0.5, 0.005 * abs(parent))  # whole numbers rounded per place, or decimals of a unit like 万人次
    return max(0.05, 1e-4 * abs(parent))  # rates printed to one or two decimals


def family(regions: pd.DataFrame) -> list[tuple[str, str, list[str]]]:
    """(parent code, children level, children codes): the province over its cities and over its counties, each
    city over its counties."""
    level = dict(zip(regions["code"], regions["level"], strict=True))
    parent = dict(zip(regions["code"], regions["parent_code"], strict=True))
    cities = sorted(c for c, lv in level.items() if lv == "city")
    counties = sorted(c for c, lv in level.items() if lv == "county")
    province = next(c for c, lv in level.items() if lv == "province")
    out = [(province, "city", cities), (province, "county", counties)]
    out += [(c, "county", [k for k in counties if parent.get(k) == c]) for c in cities]
    return [f for f in out if f[2]]


def disagreements(
    values: pd.DataFrame, regions: pd.DataFrame, how: str | None, families: Sequence[tuple[str, str, list[str]]] = ()
) -> list[Disagreement]:
    """Where a region's yearly value disagrees with its places' (all of them present that year): a count that is not
    their sum, a rate outside their range. `values`: one indicator's rows with region_code, year, value, source_kind."""
    if how is None or values.empty:
        return []
    fams = list(families) or family(regions)
    by_year: dict[int, dict[str, tuple[float, str]]] = {}
    for code, year, value, kind in zip(
        values["region_code"], values["year"], values["value"], values["source_kind"], strict=True
    ):
        by_year.setdefault(int(year), {})[str(code)] = (float(value), str(kind))
    out: list[Disagreement] = []
    for year in sorted(by_year):
        here = by_year[year]
        for parent, level, children in fams:
            if parent not in here or not all(c in here for c in children):
                continue
            pv = here[parent][0]
            vals = [here[c][0] for c in children]
            demo_only = all(here[c][1] == "demo" for c in [parent, *children])
            if how == SUM:
                total = sum(vals)
                if abs(total - pv) > _tolerance(SUM, pv):
                    out.append(Disagreement(year, parent, level, SUM, pv, total, total, demo_only))
            else:
                tol = _tolerance(MEAN, pv)
                if pv < min(vals) - tol or pv > max(vals) + tol:
                    out.append(Disagreement(year, parent, level, "range", pv, min(vals), max(vals), demo_only))
    return out
