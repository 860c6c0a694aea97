"""Pace and projection (ningxia_dash/pace.py): hand-worked cases per method and rule, and property tests."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ningxia_dash.tracking.pace import pace, path, slope
from ningxia_dash.tracking.status import Obs, TargetSpec


def spec(rule: str = "min", unit: str | None = "%", b: float | None = 95.0, t: float | None = 97.0,
         ty: int = 2025, by: int | None = 2020) -> TargetSpec:  # fmt: skip
    return TargetSpec("x", rule, unit, b, by, t, ty, 2020)


def obs(values: dict[int, float], kind: str = "public") -> dict[int, Obs]:
    return {y: Obs(v, kind, "src") for y, v in values.items()}


def test_slope_by_hand() -> None:
    # years 2020..2022, mean 2021; values 95, 95.1, 95.3, mean 95.1333: Sxy = 0.1333 + 0.1667 = 0.3, Sxx = 2
    assert slope([(2020, 95.0), (2021, 95.1), (2022, 95.3)]) == pytest.approx(0.15)


def test_linear_mid_period_projection_and_required_pace() -> None:
    p = pace(spec(), obs({2020: 95.0, 2021: 95.1, 2022: 95.3}), 2022)
    assert p.applicable and p.method == "linear"
    assert p.observed == pytest.approx(0.15)
    assert p.projected == pytest.approx(95.75)  # 95.3 + 0.15·3, from the latest point
    assert p.required == pytest.approx(0.5667, abs=1e-4)  # (97 − 95.3)/3
    assert p.required_from == "latest" and p.on_pace is False and not p.met
    assert (
        p.sentence_zh
        == "2020–2022年年均提高0.15个百分点；按当前速度，2025年预计达95.8%（目标97%）；需每年提高0.57个百分点"
    )
    assert p.sentence_en == (
        "observed +0.15 points a year 2020–2022; at this pace 95.8% by 2025 (target 97%); needs +0.57 points a year"
    )


def test_later_observations_are_ignored() -> None:
    early = pace(spec(), obs({2020: 95.0, 2021: 95.1, 2022: 95.3, 2023: 99.0}), 2022)
    assert early.latest_year == 2022 and early.projected == pytest.approx(95.75)


def test_target_year_reached_gives_the_pace_that_was_needed_from_the_baseline() -> None:
    values = {2020: 95.0, 2021: 95.1, 2022: 95.3, 2023: 95.5, 2024: 95.6, 2025: 95.8}
    p = pace(spec(), obs(values), 2025)
    assert p.moot and p.projected is None and p.on_pace is None
    assert p.observed == pytest.approx(0.162857, abs=1e-6)  # Sxy = 2.85, Sxx = 17.5
    assert p.required == pytest.approx(0.4)  # (97 − 95)/(2025 − 2020)
    assert p.required_from == "baseline"
    assert "2025年目标期已到，不再预测" in p.sentence_zh
    assert "从2020年基期95%达到目标97%，需每年提高0.4个百分点" in p.sentence_zh
    assert "needed +0.4 points a year" in p.sentence_en
    assert path(p, "projection") == [] and path(p, "required") == []


def test_falling_max_target() -> None:
    p = pace(spec("max", "人", 100.0, 50.0), obs({2021: 90.0, 2022: 80.0}), 2022, unit_en="people")
    assert p.observed == pytest.approx(-10.0)
    assert p.projected == pytest.approx(50.0) and p.on_pace  # ≤ 50 is met at exactly 50
    assert p.required == pytest.approx(-10.0)  # (50 − 80)/3
    assert "年均降低10人" in p.sentence_zh and "目标≤50人" in p.sentence_zh and "需每年降低10人" in p.sentence_zh
    assert "−10 people a year" in p.sentence_en


def test_gt_is_strict() -> None:
    p = pace(spec("gt", "%", 90.0, 95.0), obs({2021: 91.0, 2022: 92.0}), 2022)
    assert p.projected == pytest.approx(95.0) and p.on_pace is False  # > 95 is not met at 95
    assert "目标>95%" in p.sentence_zh


def test_compound_growth_for_amounts_in_yuan() -> None:
    p = pace(spec("min", "元", 100.0, 200.0), obs({2020: 100.0, 2021: 110.0, 2022: 121.0}), 2022, unit_en="yuan")
    assert p.method == "compound"
    assert p.observed == pytest.approx(0.10)
    assert p.projected == pytest.approx(121 * 1.1**3)  # 161.05
    assert p.required == pytest.approx((200 / 121) ** (1 / 3) - 1)  # 18.2%
    assert p.sentence_zh == "2020–2022年年均提高10%；按当前速度，2025年预计达161.1元（目标200元）；需每年提高18.2%"
    assert "at this pace 161.1 yuan by 2025 (target 200 yuan); needs +18.2% a year" in p.sentence_en
    assert path(p, "projection")[-1][1] == pytest.approx(p.projected)
    assert path(p, "required")[-1][1] == pytest.approx(200.0)


def test_already_met_mid_period() -> None:
    p = pace(spec(), obs({2021: 96.0, 2022: 97.5}), 2022)
    assert p.met and p.required == 0.0 and p.on_pace
    assert p.sentence_zh.endswith("已达到目标") and p.sentence_en.endswith("target already met")


@pytest.mark.parametrize(
    ("rule", "zh"),
    [("maintain", "保持类目标不适用速度预测"), ("zero", "清零类目标不适用速度预测"),
     ("milestone", "节点类目标只看是否完成"), ("per_year", "逐年目标"), ("above_reference", "相对参照值"),
     ("reach_reference", "相对参照值"), ("rising", "稳步提高")],
)  # fmt: skip
def test_rule_kinds_without_a_pace_say_why(rule: str, zh: str) -> None:
    p = pace(spec(rule), obs({2020: 1.0, 2021: 2.0, 2022: 3.0}), 2022)
    assert not p.applicable and p.reason == rule and p.observed is None
    assert zh in p.sentence_zh
    assert "no pace" in p.sentence_en or "no value" in p.sentence_en


def test_no_target_value_and_too_few_points() -> None:
    assert pace(spec(t=None), obs({2021: 1.0, 2022: 2.0}), 2022).reason == "no_target"
    few = pace(spec(), obs({2020: 95.0, 2021: 95.5}, "demo"), 2025)  # baseline and one year: no trend
    assert few.reason == "too_few" and "不足两年" in few.sentence_zh
    assert few.source_kinds == ("demo",)
    # observations before the baseline year are not part of the pace
    assert pace(spec(), obs({2018: 90.0, 2019: 91.0, 2021: 95.5}), 2025).reason == "too_few"


def test_provenance_is_carried_and_demo_is_said() -> None:
    p = pace(spec(), {2020: Obs(95.0, "public", "s"), 2021: Obs(95.2, "demo", "d"), 2022: Obs(95.4, "official", "b")},
             2022)  # fmt: skip
    assert p.source_kinds == ("demo", "official", "public") and p.rests_on_demo
    assert p.sentence_zh.endswith("此预测依据示例数据")
    assert p.sentence_en.endswith("this projection rests on sample data")
    assert not pace(spec(), obs({2020: 95.0, 2021: 95.2, 2022: 95.4}), 2022).rests_on_demo


def test_paths_start_at_the_latest_point() -> None:
    p = pace(spec(), obs({2020: 95.0, 2021: 95.1, 2022: 95.3}), 2022)
    proj, req = path(p, "projection"), path(p, "required")
    assert proj[0] == (2022, 95.3) and req[0] == (2022, 95.3)
    assert [y for y, _ in proj] == [2022, 2023, 2024, 2025]
    assert proj[-1][1] == pytest.approx(95.75) and req[-1][1] == pytest.approx(97.0)


@settings(max_examples=60, deadline=None)
@given(start=st.floats(-1000, 1000), step=st.floats(-50, 50), n=st.integers(2, 5), target=st.floats(-2000, 2000))
def test_exact_line_recovers_its_slope_and_required_pace_reaches_the_target(
    start: float, step: float, n: int, target: float
) -> None:
    values = {2020 + i: start + step * i for i in range(n + 1)}
    p = pace(spec("min", "个", start, target, ty=2030), obs(values), 2020 + n)
    assert p.observed == pytest.approx(step, abs=1e-6)
    assert p.projected == pytest.approx(values[2020 + n] + step * (10 - n), abs=1e-5)
    if not p.met:
        assert path(p, "required")[-1][1] == pytest.approx(target, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(start=st.floats(100, 1e6), rate=st.floats(-0.3, 0.5), n=st.integers(2, 5))
def test_geometric_series_recovers_its_rate(start: float, rate: float, n: int) -> None:
    values = {2020 + i: start * (1 + rate) ** i for i in range(n + 1)}
    p = pace(spec("min", "万元", start, start * 3, ty=2030), obs(values), 2020 + n)
    assert p.method == "compound" and p.observed == pytest.approx(rate, abs=1e-9)
    assert p.projected is not None and math.isclose(p.projected, start * (1 + rate) ** 10, rel_tol=1e-9)


@pytest.mark.parametrize("unit_en", [None, ""])
def test_english_sentence_names_no_chinese_unit(unit_en: str | None) -> None:
    # A count in 个 has no English word ("" in i18n.UNITS_EN): the English sentence showed "+2 个 a year".
    p = pace(spec("min", "个", 10.0, 30.0, ty=2030), obs({2020: 10.0, 2021: 12.0, 2022: 14.0}), 2022, unit_en=unit_en)
    assert "个" not in p.sentence_en, p.sentence_en
    assert "+2 a year" in p.sentence_en and "(target 30)" in p.sentence_en, p.sentence_en
    assert "提高2个" in p.sentence_zh


def test_english_sentence_names_the_english_unit_by_default() -> None:
    p = pace(spec("min", "万户", 10.0, 30.0, ty=2030), obs({2020: 10.0, 2021: 12.0, 2022: 14.0}), 2022)
    assert "万户" not in p.sentence_en and "10k households" in p.sentence_en, p.sentence_en
