"""Target tracking: database rows (DataFrames) → status assessments for a region and year, for every region, or
for every year (pure)."""

from __future__ import annotations

from dataclasses import fields, replace

import pandas as pd

from ningxia_dash import config
from ningxia_dash.i18n import unit_label
from ningxia_dash.tracking.pace import Pace, pace
from ningxia_dash.tracking.rules import assess
from ningxia_dash.tracking.status import Assessment, Obs, Status, TargetSpec, expected_path, is_binding_alert
from ningxia_dash.tracking.verdicts import Evaluation, evaluate

ASSESSMENT_COLUMNS = [
    "indicator_id", "region_code", "status", "as_of_year", "latest_value", "latest_year", "latest_source_kind",
    "latest_source_id", "expected_value", "progress", "elapsed_share", "reference_value", "reference_source_kind",
    "baseline_value", "baseline_year", "baseline_basis", "explanation_zh", "explanation_en", "binding_alert",
]  # fmt: skip


def reference_region(series_id: str) -> str:
    """National series are stored under the national code, everything else under the province."""
    return config.NATION_CODE if series_id.startswith("national") else config.PROVINCE_CODE


def _series(observations: pd.DataFrame) -> dict[tuple[str, str], dict[int, Obs]]:
    """(indicator, region) → {year: Obs}, yearly values only."""
    yearly = observations[observations["period_type"] == "year"] if "period_type" in observations else observations
    out: dict[tuple[str, str], dict[int, Obs]] = {}
    columns = ("indicator_id", "region_code", "year", "value", "source_kind", "source_id")
    # .tolist() first: iterating Arrow-backed string columns element by element is ten times slower
    for ind, reg, year, value, kind, src in zip(*(yearly[c].tolist() for c in columns), strict=True):
        out.setdefault((ind, reg), {})[int(year)] = Obs(float(value), str(kind), str(src))
    return out


def _references(references: pd.DataFrame) -> dict[str, dict[int, Obs]]:
    out: dict[str, dict[int, Obs]] = {}
    for sid, reg, year, value, kind, src in zip(
        references["series_id"], references["region_code"], references["year"], references["value"],
        references["source_kind"], references["source_id"], strict=True,
    ):  # fmt: skip
        if reg == reference_region(sid):
            out.setdefault(sid, {})[int(year)] = Obs(float(value), str(kind), str(src))
    return out


def english_units(spec: TargetSpec) -> TargetSpec:
    """The spec with its unit's English words, so English sentences never show the stored Chinese unit."""
    if not spec.unit:
        return spec
    return replace(spec, unit_en=(unit_label(spec.unit, "en"), unit_label(spec.unit, "en", 1.0)))


def specs(indicators: pd.DataFrame, plan_baseline_year: int) -> dict[str, TargetSpec]:
    return {
        row["id"]: english_units(TargetSpec.from_row(row, plan_baseline_year=plan_baseline_year))
        for row in indicators.to_dict("records")
    }


_ASSESSMENT_FIELDS = tuple(f.name for f in fields(Assessment))


def _row(a: Assessment, region: str, spec: TargetSpec) -> dict[str, object]:
    d = {name: getattr(a, name) for name in _ASSESSMENT_FIELDS}  # not asdict(): it deep-copies every value
    d["status"] = str(a.status)
    d["region_code"] = region
    d["binding_alert"] = is_binding_alert(spec, a)
    return d


def assess_region(
    indicators: pd.DataFrame, observations: pd.DataFrame, references: pd.DataFrame,
    plan_baseline_year: int, as_of_year: int, region_code: str = config.PROVINCE_CODE,
) -> pd.DataFrame:  # fmt: skip
    """One assessment per indicator for one region as of a year (the overview and the all-targets table)."""
    rows = [
        _row(assess(spec, obs, as_of_year, reference=ref), region_code, spec)
        for spec, obs, ref in _inputs(indicators, observations, references, plan_baseline_year, region_code)
    ]
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


def _inputs(
    indicators: pd.DataFrame, observations: pd.DataFrame, references: pd.DataFrame, plan_baseline_year: int,
    region_code: str,
) -> list[tuple[TargetSpec, dict[int, Obs], dict[int, Obs] | None]]:  # fmt: skip
    """(spec, the region's yearly observations, the reference series) for every indicator."""
    series, refs = _series(observations), _references(references)
    return [
        (
            spec,
            series.get((ind_id, region_code), {}),
            refs.get(spec.reference_series) if spec.reference_series else None,
        )
        for ind_id, spec in specs(indicators, plan_baseline_year).items()
    ]


def assess_all_regions(
    indicators: pd.DataFrame, observations: pd.DataFrame, references: pd.DataFrame,
    plan_baseline_year: int, as_of_year: int,
) -> pd.DataFrame:  # fmt: skip
    """Assessments for every (indicator, region) pair that has data (maps, scorecards, county breakdowns)."""
    rows = [
        _row(assess(spec, obs, as_of_year, reference=ref), region, spec)
        for spec, region, obs, ref in _every_region(indicators, observations, references, plan_baseline_year)
    ]
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


def _every_region(
    indicators: pd.DataFrame, observations: pd.DataFrame, references: pd.DataFrame, plan_baseline_year: int
) -> list[tuple[TargetSpec, str, dict[int, Obs], dict[int, Obs] | None]]:
    """(spec, region, its yearly observations, the reference series) for every (indicator, region) pair with data."""
    series, refs = _series(observations), _references(references)
    all_specs = specs(indicators, plan_baseline_year)
    return [
        (spec, region, obs, refs.get(spec.reference_series) if spec.reference_series else None)
        for (ind_id, region), obs in series.items()
        if (spec := all_specs.get(ind_id)) is not None
    ]


EVALUATION_COLUMNS = [
    "indicator_id", "region_code", "verdict", "as_of_year", "final_value", "final_year", "final_source_kind",
    "target_value_used", "baseline_value_used", "baseline_year_used", "gap", "progress_share", "held_every_year",
    "missed_years", "reference_value", "reference_source_kind", "rests_on_demo", "explanation_zh", "explanation_en",
]  # fmt: skip


def _evaluation_row(e: Evaluation, region: str) -> dict[str, object]:
    return {
        "indicator_id": e.indicator_id, "region_code": region, "verdict": str(e.verdict), "as_of_year": e.as_of_year,
        "final_value": e.final_value, "final_year": e.final_year, "final_source_kind": e.final_source_kind,
        "target_value_used": e.target_value, "baseline_value_used": e.baseline_value,
        "baseline_year_used": e.baseline_year, "gap": e.gap, "progress_share": e.progress,
        "held_every_year": e.held_every_year, "missed_years": list(e.missed_years),
        "reference_value": e.reference_value, "reference_source_kind": e.reference_source_kind,
        "rests_on_demo": e.rests_on_demo, "explanation_zh": e.explanation_zh, "explanation_en": e.explanation_en,
    }  # fmt: skip


def evaluate_region(
    indicators: pd.DataFrame, observations: pd.DataFrame, references: pd.DataFrame,
    plan_baseline_year: int, as_of_year: int, region_code: str = config.PROVINCE_CODE,
) -> pd.DataFrame:  # fmt: skip
    """One end-of-period verdict per indicator for one region as of a year (终期评估)."""
    rows = [
        _evaluation_row(evaluate(spec, obs, as_of_year, reference=ref), region_code)
        for spec, obs, ref in _inputs(indicators, observations, references, plan_baseline_year, region_code)
    ]
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)


def evaluate_all_regions(
    indicators: pd.DataFrame, observations: pd.DataFrame, references: pd.DataFrame,
    plan_baseline_year: int, as_of_year: int,
) -> pd.DataFrame:  # fmt: skip
    """End-of-period verdicts for every (indicator, region) pair that has data, as assess_all_regions gives their
    statuses (the scorecard and the county map from the plan's last year on)."""
    rows = [
        _evaluation_row(evaluate(spec, obs, as_of_year, reference=ref), region)
        for spec, region, obs, ref in _every_region(indicators, observations, references, plan_baseline_year)
    ]
    return pd.DataFrame(rows, columns=EVALUATION_COLUMNS)


def status_history(
    indicator: pd.Series, observations: pd.DataFrame, references: pd.DataFrame,
    plan_baseline_year: int, years: list[int], region_code: str = config.PROVINCE_CODE,
) -> pd.DataFrame:  # fmt: skip
    """The status an indicator had as of each year (the indicator detail page)."""
    spec = english_units(TargetSpec.from_row(indicator.to_dict(), plan_baseline_year=plan_baseline_year))
    obs = _series(observations).get((str(indicator["id"]), region_code), {})
    ref = _references(references).get(spec.reference_series or "") if spec.reference_series else None
    rows = [_row(assess(spec, obs, y, reference=ref), region_code, spec) for y in years]
    return pd.DataFrame(rows, columns=ASSESSMENT_COLUMNS)


PACE_COLUMNS = [
    "indicator_id", "region_code", "applicable", "reason", "method", "first_year", "latest_year", "latest_value",
    "observed", "target_value", "target_year", "projected", "required", "required_from", "on_pace", "met",
    "source_kinds", "rests_on_demo", "sentence_zh", "sentence_en",
]  # fmt: skip


def _pace_row(p: Pace, region: str) -> dict[str, object]:
    d: dict[str, object] = {c: getattr(p, c) for c in PACE_COLUMNS if c not in ("region_code", "rests_on_demo")}
    d["region_code"], d["rests_on_demo"], d["source_kinds"] = region, p.rests_on_demo, list(p.source_kinds)
    return d


def pace_of(
    indicator: pd.Series, observations: pd.DataFrame, plan_baseline_year: int, as_of_year: int,
    region_code: str = config.PROVINCE_CODE,
) -> Pace:  # fmt: skip
    """The pace and projection of one target in one region (the indicator detail page)."""
    spec = TargetSpec.from_row(indicator.to_dict(), plan_baseline_year=plan_baseline_year)
    obs = _series(observations).get((str(indicator["id"]), region_code), {})
    return pace(spec, obs, as_of_year, unit_en=unit_label(spec.unit, "en"))


def pace_regions(
    indicators: pd.DataFrame, observations: pd.DataFrame, plan_baseline_year: int, as_of_year: int,
    region_codes: list[str] | None = None,
) -> pd.DataFrame:  # fmt: skip
    """One pace row per (indicator, region): every indicator for each of `region_codes` (default: the province),
    or, with region_codes=[], every pair that has data (county rankings)."""
    series = _series(observations)
    codes = [config.PROVINCE_CODE] if region_codes is None else region_codes
    pairs = [(i, r) for i in indicators["id"] for r in codes] if codes else list(series)
    all_specs = specs(indicators, plan_baseline_year)
    rows = [
        _pace_row(pace(all_specs[i], series.get((i, r), {}), as_of_year, unit_label(all_specs[i].unit, "en")), r)
        for i, r in pairs
        if i in all_specs
    ]
    return pd.DataFrame(rows, columns=PACE_COLUMNS)


def expected_line(
    indicator: pd.Series, observations: pd.DataFrame, plan_baseline_year: int, as_of_year: int, last_year: int,
    region_code: str = config.PROVINCE_CODE,
) -> pd.DataFrame:  # fmt: skip
    """The straight line the status engine judges one target against as of a year (status.expected_path), as
    year, expected rows up to `last_year` (the indicator detail page's dashed line); empty without one."""
    spec = TargetSpec.from_row(indicator.to_dict(), plan_baseline_year=plan_baseline_year)
    obs = _series(observations).get((str(indicator["id"]), region_code), {})
    return path_frame(expected_path(spec, obs, as_of_year, last_year))


def path_frame(points: list[tuple[int, float]]) -> pd.DataFrame:
    return pd.DataFrame(points, columns=["year", "expected"])


def counts_by_binding(assessments: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Counts by status, binding targets apart: columns status, binding, n (all five statuses present)."""
    merged = assessments.merge(indicators[["id", "attribute"]], left_on="indicator_id", right_on="id")
    merged["binding"] = merged["attribute"].eq("binding")
    rows = []
    for status in Status:
        for binding in (True, False):
            n = int(((merged["status"] == str(status)) & (merged["binding"] == binding)).sum())
            rows.append({"status": str(status), "binding": binding, "n": n})
    return pd.DataFrame(rows)
