"""End-of-period verdicts (ningxia_dash/verdicts.py): hand-worked cases per rule kind at the end of the period,
and properties. No database and no streamlit."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ningxia_dash.tracking.status import Obs, TargetSpec
from ningxia_dash.tracking.verdicts import VERDICT_RANK, Evaluation, Verdict, evaluate, summarise
from tests.test_status import spec

ROOT = Path(__file__).resolve().parent.parent
MET, BASIC, NOT, CANNOT = Verdict.MET, Verdict.BASICALLY_MET, Verdict.NOT_MET, Verdict.CANNOT_ASSESS


def obs(values: Mapping[int, float], kind: str = "official") -> dict[int, Obs]:
    return {y: Obs(float(v), kind, f"src-{y}") for y, v in values.items()}


def ev(sp: TargetSpec, values: Mapping[int, float], as_of: int = 2025, ref: Mapping[int, float] | None = None,
       kind: str = "official") -> Evaluation:  # fmt: skip
    return evaluate(sp, obs(values, kind), as_of, ref)


# --- straight-line targets ----------------------------------------------------------------------------------


def test_rising_target_met_basically_met_and_not_met_with_the_gap() -> None:
    sp = spec("min", 90, 98)  # 90% (2020) → 98% (2025)
    assert ev(sp, {2025: 98.0}).verdict == MET
    e = ev(sp, {2024: 96.0, 2025: 97.6})  # r = 7.6 / 8 = 0.95 ≥ 0.9
    assert e.verdict == BASIC and e.gap == pytest.approx(0.4) and e.progress == pytest.approx(0.95)
    assert "差0.4个百分点，完成目标进度的95%" in e.explanation_zh and "基本完成" in e.explanation_zh
    assert "0.4 points short, 95% of the way" in e.explanation_en
    e = ev(sp, {2025: 96.8})  # r = 0.85
    assert e.verdict == NOT and "差1.2个百分点，完成目标进度的85%" in e.explanation_zh and "未完成" in e.explanation_zh
    assert e.final_year == 2025 and e.final_value == 96.8 and e.final_source_kind == "official"


def test_falling_and_strict_targets() -> None:
    assert ev(spec("max", 10, 5, unit="万人"), {2025: 5.0}).verdict == MET
    e = ev(spec("max", 10, 5, unit="万人"), {2025: 5.4})  # r = 4.6 / 5 = 0.92
    assert e.verdict == BASIC and "差0.4万人" in e.explanation_zh
    assert ev(spec("gt", 5, 6), {2025: 6.0}).verdict == BASIC  # "> 6" not met at 6; r = 1.0
    assert ev(spec("gt", 5, 6), {2025: 6.1}).verdict == MET
    assert ev(spec("max", None, 5), {2025: 7.0}).verdict == NOT  # no baseline: no way to measure, just missed


def test_a_target_year_before_the_end_is_judged_at_its_own_year_value() -> None:
    e = ev(spec("min", 0, 10, ty=2023, unit="个"), {2023: 10, 2024: 9})
    assert e.final_year == 2024 and e.verdict == BASIC  # the latest value is what the evaluation reports


# --- maintain / zero / per_year: two facts apart -----------------------------------------------------------------


def test_maintain_held_every_year_or_slipped_once() -> None:
    keep = spec("maintain", 100, 100)
    e = ev(keep, {2021: 100, 2022: 100, 2023: 100, 2024: 100, 2025: 100})
    assert e.verdict == MET and e.held_every_year is True and "全期保持" in e.explanation_zh
    # 农村低收入人口医保参保率: 100% in 2025, one dip in 2023 — not "severely behind", and the dip is named
    e = ev(keep, {2021: 100, 2022: 100, 2023: 98.5, 2024: 100, 2025: 100})
    assert e.verdict == BASIC and e.held_every_year is False and e.missed_years == ((2023, 98.5),)
    assert "有1年未保持：2023年98.5%" in e.explanation_zh and "2023: 98.5%" in e.explanation_en
    e = ev(keep, {2021: 100, 2025: 99.0})
    assert e.verdict == NOT and e.gap == pytest.approx(1.0) and "差1个百分点" in e.explanation_zh


def test_zero_and_per_year() -> None:
    z = spec("zero", 0, 0, unit="户")
    assert ev(z, {2021: 0, 2025: 0}).verdict == MET
    assert ev(z, {2021: 3, 2025: 0}).verdict == BASIC
    assert ev(z, {2025: 2}).verdict == NOT
    yearly = spec("per_year", None, 5, unit="亿元")
    assert ev(yearly, {2021: 5, 2022: 6, 2025: 5}).verdict == MET
    e = ev(yearly, {2021: 4, 2022: 6, 2025: 5})
    assert e.verdict == BASIC and "2021年4亿元" in e.explanation_zh
    assert ev(yearly, {2025: 4}).verdict == NOT


# --- milestones and relative targets -----------------------------------------------------------------------------


def test_milestones() -> None:
    assert ev(spec("milestone", None, None, unit=None), {2025: 1}).verdict == MET
    assert ev(spec("milestone", None, None, unit=None), {2025: 0}).verdict == NOT  # done or not: no "basically"
    counted = spec("milestone", 0, 10, unit="个")
    assert ev(counted, {2025: 9}).verdict == BASIC and ev(counted, {2025: 8}).verdict == NOT


def test_relative_targets_against_their_reference_year_by_year() -> None:
    above = spec("above_reference", None, None)
    above = TargetSpec(**{**above.__dict__, "reference_series": "national"})
    e = ev(above, {2021: 10.0, 2022: 6.0, 2025: 7.7}, ref={2021: 9.0, 2022: 6.5, 2025: 6.5})
    assert e.verdict == MET and e.missed_years == ((2022, 6.0),) and "2022年" in e.explanation_zh
    assert e.reference_value == 6.5
    assert ev(above, {2025: 6.3}, ref={2025: 6.5}).verdict == BASIC  # 0.2 points below: within the margin
    assert ev(above, {2025: 5.0}, ref={2025: 6.5}).verdict == NOT
    assert ev(above, {2025: 7.0}, ref={2024: 6.5}).verdict == CANNOT  # no reference for the final year
    reach = spec("reach_reference", None, None, unit="元")
    assert ev(reach, {2025: 19000}, ref={2025: 20000}).verdict == MET  # 95% = 基本达到
    assert ev(reach, {2025: 17500}, ref={2025: 20000}).verdict == BASIC  # 87.5% ≥ 85.5%
    e = ev(reach, {2025: 16000}, ref={2025: 20000})
    assert e.verdict == NOT and e.gap == pytest.approx(3000) and "差3000元" in e.explanation_zh


def test_rising() -> None:
    up = spec("rising", None, None, unit="元")
    assert ev(up, {2020: 100, 2021: 110, 2025: 130}).verdict == MET
    e = ev(up, {2020: 100, 2021: 110, 2022: 105, 2025: 130})
    assert e.verdict == BASIC and "2022年105元" in e.explanation_zh
    assert ev(up, {2020: 100, 2025: 90}).verdict == NOT
    assert ev(up, {2020: 100}).verdict == CANNOT


# --- no evidence --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["min", "gt", "max", "maintain", "zero", "per_year", "milestone", "rising"])
def test_a_baseline_alone_cannot_be_assessed(kind: str) -> None:
    e = ev(spec(kind, 80, 90), {2019: 70, 2020: 80})
    assert e.verdict == CANNOT and e.final_value is None and "无法评估" in e.explanation_zh
    assert ev(spec(kind, 80, 90), {}).verdict == CANNOT


def test_provenance_of_a_verdict() -> None:
    e = ev(spec("min", 90, 98), {2025: 98}, kind="demo")
    assert e.rests_on_demo and e.source_kinds == ("demo",)
    assert not ev(spec("min", 90, 98), {2025: 98}, kind="public").rests_on_demo
    counts = summarise([e, ev(spec("min", 90, 98), {2025: 91})])
    assert counts == {"not_met": 1, "cannot_assess": 0, "basically_met": 0, "met": 1}


# --- properties ---------------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    b=st.floats(0, 100), t=st.floats(0, 100), a1=st.floats(-50, 150), a2=st.floats(-50, 150),
    kind=st.sampled_from(["min", "max", "gt"]),
)  # fmt: skip
def test_closer_to_the_target_never_gets_a_worse_verdict(b: float, t: float, a1: float, a2: float, kind: str) -> None:
    if (kind == "max" and t > b) or (kind == "min" and t < b):
        b, t = t, b
    sp = spec(kind, b, t)
    near, far = (min(a1, a2), max(a1, a2)) if kind == "max" else (max(a1, a2), min(a1, a2))  # near: toward T
    e_near, e_far = ev(sp, {2025: near}), ev(sp, {2025: far})
    assert VERDICT_RANK[e_near.verdict] >= VERDICT_RANK[e_far.verdict], (near, far, e_near, e_far)


def test_every_seed_target_gets_a_verdict() -> None:
    with (ROOT / "data" / "seed" / "indicators.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sp = TargetSpec.from_row(row, plan_baseline_year=2020)
            e = evaluate(sp, {2025: Obs(1.0, "demo", "x")}, 2025, {2025: 1.0})
            assert e.verdict in Verdict and e.explanation_zh and e.explanation_en
