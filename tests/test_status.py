"""The target-status engine (ningxia_dash/tracking/status.py and rules.py): hand-worked cases for every rule kind, plus properties.

No database and no streamlit: specs and observations are built by hand (the seed CSV is only read to check
that every real row converts).
"""

from __future__ import annotations

import ast
import csv
import math
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ningxia_dash.tracking import rules as rules_mod
from ningxia_dash.tracking import status as st_mod
from ningxia_dash.tracking.rules import assess
from ningxia_dash.tracking.status import (
    DEFAULT_THRESHOLDS,
    RULE_KINDS,
    STATUS_ORDER,
    STATUS_RANK,
    Assessment,
    Obs,
    Status,
    TargetSpec,
    Thresholds,
    is_binding_alert,
    summarise,
)

ROOT = Path(__file__).resolve().parent.parent
ACH, ON, LAG, OFF, NODATA = Status.ACHIEVED, Status.ON_TRACK, Status.LAGGING, Status.OFF_TRACK, Status.NO_DATA


def spec(
    kind: str,
    b: float | None = None,
    t: float | None = None,
    *,
    by: int | None = None,
    ty: int = 2025,
    unit: str | None = "%",
    attr: str = "none",
) -> TargetSpec:
    return TargetSpec(
        id="t",
        rule_kind=kind,
        unit=unit,
        baseline_value=b,
        baseline_year=by if by is not None else (2020 if b is not None else None),
        target_value=t,
        target_year=ty,
        plan_baseline_year=2020,
        attribute=attr,
    )


def obs(values: Mapping[int, float], kind: str = "demo") -> dict[int, Obs]:
    return {y: Obs(v, kind, f"{kind}-{y}") for y, v in values.items()}


def run(sp: TargetSpec, values: Mapping[int, float], as_of: int, ref: Mapping[int, float] | None = None) -> Assessment:
    return assess(sp, obs(values), as_of, ref)


# --- the module itself ------------------------------------------------------------------------------------


def test_module_is_pure_python() -> None:
    tree = ast.parse((ROOT / "ningxia_dash" / "tracking" / "status.py").read_text(encoding="utf-8"))
    assert ast.get_docstring(tree) and "Pure Python" in (ast.get_docstring(tree) or "")
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= {"__future__", "collections", "dataclasses", "enum", "itertools", "math", "typing"}


def test_status_ids_and_order() -> None:
    assert {s.value for s in Status} == {"achieved", "on_track", "lagging", "off_track", "no_data"}
    assert [s.value for s in STATUS_ORDER] == ["off_track", "lagging", "no_data", "on_track", "achieved"]
    assert STATUS_RANK[OFF] < STATUS_RANK[LAG] < STATUS_RANK[NODATA] < STATUS_RANK[ON] < STATUS_RANK[ACH]
    assert Status.ON_TRACK == "on_track"  # plain string ids for the UI and i18n keys


def test_thresholds_live_in_one_frozen_place() -> None:
    assert Thresholds(lagging_factor=0.5, reach_reference_ratio=0.95, tolerance=1e-9) == DEFAULT_THRESHOLDS
    with pytest.raises(AttributeError):
        DEFAULT_THRESHOLDS.lagging_factor = 0.4  # type: ignore[misc]


# --- min: the ARCHITECTURE.md example: baseline 91 (2020) → target 98 (2025) --------------------------------

TAP = spec("min", 91, 98)


def test_architecture_example_achieved() -> None:
    a = run(TAP, {2020: 91, 2024: 98}, 2024)
    assert a.status == ACH
    assert "2024" in a.explanation_zh and "98%" in a.explanation_zh and "已完成" in a.explanation_zh
    assert "2024" in a.explanation_en and "98%" in a.explanation_en and "target met" in a.explanation_en


def test_architecture_example_on_track() -> None:
    # 2023: s = 3/5 = 0.6; E = 91 + 7·0.6 = 95.2; r = (96 − 91)/7 = 0.714 ≥ 0.6 → on track
    a = run(TAP, {2020: 91, 2023: 96}, 2023)
    assert a.status == ON
    assert a.elapsed_share == pytest.approx(0.6)
    assert a.expected_value == pytest.approx(95.2)
    assert a.progress == pytest.approx(5 / 7)
    assert a.explanation_zh == "2023年实际96%，按直线进度应达95.2%，进度正常"
    assert a.explanation_en == "2023: actual 96%, straight-line path expects 95.2%: on track"
    assert (a.baseline_value, a.baseline_year, a.baseline_basis) == (91, 2020, "plan")


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (95.2, ON),  # r = 4.2/7 = 0.6 = s exactly: on the line counts as on track (float tolerance)
        (94, LAG),  # r = 3/7 = 0.429: 0.3 ≤ r < 0.6 → lagging
        (93.1, LAG),  # r = 2.1/7 = 0.3 = 0.5·s exactly → still lagging
        (92, OFF),  # r = 1/7 = 0.143 < 0.3 → off track
        (91, OFF),  # r = 0 < 0.3 → off track
        (90, OFF),  # r = −1/7 < 0: moved away from the target → off track
    ],
)
def test_min_bands_in_2023(actual: float, expected: Status) -> None:
    a = run(TAP, {2023: actual}, 2023)
    assert a.status == expected
    assert "2023" in a.explanation_zh and "95.2%" in a.explanation_zh
    assert "2023" in a.explanation_en and "95.2%" in a.explanation_en


def test_falling_min_target() -> None:
    fall = spec("min", 20, 10)  # B 20 → T 10: a falling target, met when ≤ 10
    assert run(fall, {2024: 9}, 2024).status == ACH
    assert run(fall, {2024: 10}, 2024).status == ACH
    on = run(fall, {2023: 14}, 2023)  # r = (14 − 20)/(10 − 20) = 0.6 = s; E = 20 − 10·0.6 = 14
    assert on.status == ON and on.expected_value == pytest.approx(14)
    assert run(fall, {2023: 17}, 2023).status == LAG  # r = 0.3 = 0.5·s
    assert run(fall, {2023: 18}, 2023).status == OFF  # r = 0.2
    assert run(fall, {2023: 21}, 2023).status == OFF  # moved away
    assert "≤10%" in run(fall, {2024: 9}, 2024).explanation_zh


def test_gt_is_strict() -> None:
    gt = spec("gt", 90, 95)  # "> 95"
    at_target = run(gt, {2025: 95}, 2025)
    assert at_target.status != ACH  # 95 is not > 95
    assert at_target.status == LAG  # r = 1 = s, but unmet at the deadline is never on track
    assert run(gt, {2023: 95}, 2023).status == ON  # r = 1 ≥ s = 0.6, not yet due
    assert run(gt, {2025: 95.1}, 2025).status == ACH
    assert ">95%" in at_target.explanation_zh and ">95%" in at_target.explanation_en


def test_max_without_baseline() -> None:
    cap = spec("max", None, 45, unit="人")
    a = run(cap, {2024: 39}, 2024)
    assert a.status == ACH and a.explanation_zh == "2024年实际39人，目标≤45人，已完成"
    assert a.explanation_en == "2024: actual 39 人, target ≤45 人: target met"
    over = run(cap, {2024: 47}, 2024)
    assert over.status == OFF and over.progress is None and over.expected_value is None


def test_max_falling_from_a_baseline() -> None:
    cap = spec("max", 60, 45, unit="人")
    # 2023: s = 0.6; r = (52 − 60)/(45 − 60) = 0.533 → lagging; 50 → r = 0.667 → on track
    assert run(cap, {2023: 52}, 2023).status == LAG
    assert run(cap, {2023: 50}, 2023).status == ON
    assert run(cap, {2023: 45}, 2023).status == ACH
    # baseline already under the cap, now over it: fell back → off track
    assert run(spec("max", 40, 45, unit="人"), {2023: 47}, 2023).status == OFF


def test_no_room_to_progress_is_off_track() -> None:
    flat = spec("min", 50, 50)
    assert run(flat, {2023: 50}, 2023).status == ACH
    assert run(flat, {2023: 49}, 2023).status == OFF


def test_missing_baseline_uses_the_baseline_year_observation() -> None:
    # B from the 2020 observation (40); s = 0.6; r = (55 − 40)/(100 − 40) = 0.25 < 0.3 → off track
    a = run(spec("min", None, 100), {2019: 10, 2020: 40, 2023: 55}, 2023)
    assert (a.baseline_value, a.baseline_year, a.baseline_basis) == (40, 2020, "observed")
    assert a.status == OFF and a.progress == pytest.approx(0.25)


def test_missing_baseline_uses_the_earliest_observation() -> None:
    # start 2022 = 30: s = (2024 − 2022)/(2025 − 2022) = 0.667; r = 30/70 = 0.429 → lagging
    a = run(spec("min", None, 100), {2022: 30, 2024: 60}, 2024)
    assert (a.baseline_value, a.baseline_year, a.baseline_basis) == (30, 2022, "observed")
    assert a.elapsed_share == pytest.approx(2 / 3) and a.status == LAG


def test_missing_baseline_single_observation_counts_from_zero() -> None:
    # B = 0 in 2020: s = 0.8; r = 90/100 = 0.9 → on track; E = 80
    a = run(spec("min", None, 100, unit="个"), {2024: 90}, 2024)
    assert a.baseline_basis == "zero" and a.status == ON
    assert a.expected_value == pytest.approx(80)
    assert a.explanation_zh == "2024年实际90个，按直线进度应达80个，进度正常"


def test_missing_target_value_is_no_data() -> None:
    assert run(spec("min", 1, None), {2023: 5}, 2023).status == NODATA


# --- maintain / zero ----------------------------------------------------------------------------------------

KEEP = spec("maintain", 100, 100)


def test_maintain_held_every_year() -> None:
    a = run(KEEP, {2020: 100, 2021: 100, 2022: 100, 2023: 100, 2024: 100}, 2024)
    assert a.status == ACH and a.expected_value == 100
    assert "2021–2024" in a.explanation_zh and "100%" in a.explanation_zh
    assert "2021–2024" in a.explanation_en and "100%" in a.explanation_en


def test_maintain_broken_in_one_year_is_off_track() -> None:
    a = run(KEEP, {2021: 100, 2022: 100, 2023: 98.5, 2024: 100}, 2024)
    assert a.status == OFF
    assert "2023" in a.explanation_zh and "98.5%" in a.explanation_zh
    assert "2023" in a.explanation_en and "98.5%" in a.explanation_en


@pytest.mark.parametrize(
    "sp",
    [spec("min", 80, 90), spec("gt", 5, 6), spec("max", 10, 5), spec("milestone", 0, 3, unit="个"),
     spec("min", None, 90), spec("maintain", 100, 100), spec("rising", None, None)],
)  # fmt: skip
def test_a_baseline_alone_is_never_progress(sp: TargetSpec) -> None:
    # A target whose only observation is its 2020 baseline read 进度正常 when assessed as of 2025.
    for as_of in (2021, 2023, 2025):
        a = run(sp, {2019: 79.0, 2020: 80.0}, as_of)
        assert a.status == NODATA, (sp.rule_kind, as_of, a.explanation_zh)
        assert "基期" in a.explanation_zh and "baseline" in a.explanation_en


def test_maintain_broken_in_the_assessed_year_does_not_repeat_that_year() -> None:
    # The overview alert read "2023年实际98.5%，但2023年为98.5%": the actual of the assessed year said twice.
    a = run(KEEP, {2021: 100, 2022: 100, 2023: 98.5}, 2023)
    assert a.status == OFF
    assert a.explanation_zh.count("2023") == 1 and a.explanation_zh.count("98.5%") == 1
    assert "未保持100%" in a.explanation_zh
    assert a.explanation_en.count("2023") == 1 and "100% not held" in a.explanation_en


def test_maintain_window_starts_after_the_plan_baseline() -> None:
    assert run(KEEP, {2020: 97, 2021: 100}, 2021).status == ACH  # 2020 is before the plan period
    assert run(KEEP, {2020: 100}, 2024).status == NODATA  # nothing in the period: not assumed to hold
    assert run(spec("maintain", None, 261, unit="个"), {2021: 261, 2022: 262}, 2022).status == ACH  # a floor


def test_zero_targets() -> None:
    z = spec("zero", 0, 0, unit="户")
    assert run(z, {2021: 0, 2022: 0, 2023: 0}, 2023).status == ACH
    broken = run(z, {2021: 0, 2022: 3, 2023: 0}, 2023)
    assert broken.status == OFF and "2022" in broken.explanation_zh and "3户" in broken.explanation_zh
    assert "2022" in broken.explanation_en and "3 户" in broken.explanation_en
    assert run(spec("zero", None, 0), {2024: 0}, 2024).status == ACH  # seed rows with no baseline


def test_zero_with_a_positive_baseline_is_a_falling_target() -> None:
    elim = spec("zero", 12, 0, unit="处")
    # s = 0.6; r = (3 − 12)/(0 − 12) = 0.75 ≥ 0.6 → on track
    assert run(elim, {2021: 8, 2023: 3}, 2023).status == ON
    assert run(elim, {2024: 0}, 2024).status == ACH


# --- per_year -------------------------------------------------------------------------------------------------

YEARLY = spec("per_year", None, 200, unit="名")


def test_per_year_all_met() -> None:
    before = run(YEARLY, {2020: 0, 2021: 210, 2022: 200, 2023: 250}, 2023)
    assert before.status == ON and before.expected_value == 200  # 2020 (before the period) is ignored
    assert "2021–2023" in before.explanation_zh and "200名" in before.explanation_zh
    full = run(YEARLY, {y: 200 for y in range(2021, 2026)}, 2025)
    assert full.status == ACH


@pytest.mark.parametrize(
    ("latest", "expected"),
    [(150, LAG), (100, LAG), (99, OFF), (71, OFF)],  # lagging while ≥ 0.5·200 = 100
)
def test_per_year_latest_below(latest: float, expected: Status) -> None:
    a = run(YEARLY, {2021: 200, 2022: 200, 2023: latest}, 2023)
    assert a.status == expected
    assert "2023" in a.explanation_zh and "200名" in a.explanation_zh


def test_per_year_earlier_year_missed() -> None:
    a = run(YEARLY, {2021: 200, 2022: 150, 2023: 210}, 2023)
    assert a.status == LAG and "2022" in a.explanation_zh and "150名" in a.explanation_zh
    assert "2022" in a.explanation_en


# --- milestone ------------------------------------------------------------------------------------------------


def test_milestone_yes_no() -> None:
    stage = spec("milestone", None, 1, ty=2023, unit=None)
    assert run(stage, {2021: 0, 2022: 1}, 2022).status == ACH
    # 2021: s = 1/3, r = 0 < s → lagging (a milestone is never off track before its year)
    assert run(stage, {2021: 0}, 2021).status == LAG
    assert run(stage, {2020: 0}, 2020).status == NODATA  # only the baseline: no evidence yet
    due = run(stage, {2021: 0, 2023: 0}, 2023)
    assert due.status == OFF and "2023" in due.explanation_zh and "2023" in due.explanation_en
    assert run(spec("milestone", None, None, unit=None), {2024: 1}, 2024).status == ACH  # T defaults to 1


def test_milestone_count() -> None:
    six = spec("milestone", None, 6, unit="家")
    # 2024: s = 0.8, E = 4.8; 5 → r = 0.833 ≥ 0.8 on track; 4 → r = 0.667 lagging
    on = run(six, {2024: 5}, 2024)
    assert on.status == ON and on.expected_value == pytest.approx(4.8)
    assert on.explanation_zh == "2024年实际5家，按直线进度应达4.8家（2025年6家），进度正常"
    assert run(six, {2024: 4}, 2024).status == LAG
    assert run(six, {2024: 0}, 2024).status == LAG
    assert run(six, {2025: 6}, 2025).status == ACH


# --- relative targets -----------------------------------------------------------------------------------------

ABOVE = spec("above_reference", unit="%")
NATIONAL = {2023: 7.74, 2024: 6.58, 2025: 6.19}


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (7.9, ON),  # above, before the target year
        (6.58, LAG),  # equal is not above
        (6.2, LAG),  # 0.38 pt below: within the 0.5 pt margin
        (6.0, OFF),  # 0.58 pt below
    ],
)
def test_above_reference(actual: float, expected: Status) -> None:
    a = run(ABOVE, {2024: actual}, 2024, NATIONAL)
    assert a.status == expected and a.reference_value == 6.58
    assert "2024" in a.explanation_zh and "6.58%" in a.explanation_zh
    assert "2024" in a.explanation_en and "6.58%" in a.explanation_en


def test_above_reference_in_the_target_year_and_provenance() -> None:
    ref = {2025: Obs(6.19, "demo", "demo-generator")}
    a = assess(ABOVE, obs({2025: 7.7}), 2025, ref)
    assert a.status == ACH and a.reference_source_kind == "demo"


def test_above_reference_missing_reference_is_no_data() -> None:
    a = run(ABOVE, {2024: 7.9}, 2024, {2023: 7.74})
    assert a.status == NODATA and "2024" in a.explanation_zh and "2024" in a.explanation_en
    assert run(ABOVE, {2024: 7.9}, 2024, None).status == NODATA


REACH = spec("reach_reference", unit="元")
REGIONAL = {2020: 13889.0, 2024: 18720.0, 2025: 19850.0}


def test_reach_reference_on_the_line() -> None:
    # q0 = 11624/13889 = 0.8369 (2020); q = 17503/18720 = 0.9350; s = 0.8
    # E = 0.8369 + (0.95 − 0.8369)·0.8 = 0.9274; r = (0.9350 − 0.8369)/0.1131 = 0.867 ≥ 0.8 → on track
    a = run(REACH, {2020: 11624, 2024: 17503}, 2024, REGIONAL)
    assert a.status == ON
    q0, q = 11624 / 13889, 17503 / 18720
    assert a.progress == pytest.approx((q - q0) / (0.95 - q0))
    assert a.expected_value == pytest.approx((q0 + (0.95 - q0) * 0.8) * 18720)
    assert "93.5%" in a.explanation_zh and "18720元" in a.explanation_zh
    assert "93.5%" in a.explanation_en and "18,720 元" in a.explanation_en


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (16942, LAG),  # q = 0.9050, r = 0.600: 0.4 ≤ r < 0.8
        (16308, OFF),  # q = 0.8712, r = 0.303 < 0.4
        (11000, OFF),  # q = 0.5876 < q0: moved away
    ],
)
def test_reach_reference_behind(actual: float, expected: Status) -> None:
    assert run(REACH, {2020: 11624, 2024: actual}, 2024, REGIONAL).status == expected


def test_reach_reference_basically_reached() -> None:
    assert run(REACH, {2024: 18000}, 2024, REGIONAL).status == ON  # 96.2% ≥ 95%, before the target year
    assert run(REACH, {2025: 19000}, 2025, REGIONAL).status == ACH  # 95.7% in the target year
    assert run(REACH, {2024: 18720}, 2024, REGIONAL).status == ACH  # fully reached
    assert run(REACH, {2024: 16000}, 2024, REGIONAL).status == LAG  # one ratio, no line yet
    assert run(REACH, {2025: 16000}, 2025, REGIONAL).status == OFF
    assert run(REACH, {2020: 13500, 2024: 17000}, 2024, REGIONAL).status == OFF  # was 97.2%, fell to 90.8%
    assert run(REACH, {2023: 17000}, 2023, REGIONAL).status == NODATA  # no 2023 reference


RISE = spec("rising", 20.5, None)
TOILET = {2020: 60.2, 2021: 62.0, 2022: 64.1, 2023: 64.6, 2024: 65.9}


def test_rising() -> None:
    a = run(RISE, TOILET, 2024)
    assert a.status == ON
    assert a.explanation_zh == "2024年实际65.9%，较2023年64.6%上升，进度正常"
    assert a.explanation_en == "2024: actual 65.9%, up from 64.6% in 2023: on track"
    assert run(RISE, {**TOILET, 2025: 67.8}, 2025).status == ACH
    assert run(RISE, {**TOILET, 2022: 61.0, 2025: 67.8}, 2025).status == ON  # fell once (2022): not steady
    assert run(RISE, {**TOILET, 2025: 65.9}, 2025).status == LAG  # flat
    assert run(RISE, {**TOILET, 2025: 65.0}, 2025).status == OFF  # down


def test_rising_single_year_is_no_data() -> None:
    a = run(RISE, {2021: 62.0}, 2024)
    assert a.status == NODATA and "只有一年数据，无法判断趋势" in a.explanation_zh and "2021" in a.explanation_zh


# --- common behaviour -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", RULE_KINDS)
def test_no_observations_is_no_data(kind: str) -> None:
    a = assess(spec(kind, 1, 2), {}, 2024, {2024: 5.0})
    assert a.status == NODATA and a.latest_value is None and a.latest_year is None
    assert "2024" in a.explanation_zh and "2024" in a.explanation_en


def test_as_of_year_ignores_later_observations() -> None:
    values = {2020: 91, 2022: 93, 2025: 98}
    a = assess(TAP, {**obs(values), 2023: Obs(96, "official", "upload-7")}, 2023)
    assert a.latest_year == 2023 and a.latest_value == 96 and a.status == ON
    assert (a.latest_source_kind, a.latest_source_id) == ("official", "upload-7")
    early = run(TAP, values, 2022)  # 2022: s = 0.4, r = 2/7 = 0.286 → lagging (0.2 ≤ r < 0.4); 2025's 98 unseen
    assert early.latest_year == 2022 and early.status == LAG
    assert run(TAP, values, 2019).status == NODATA


def test_number_formatting() -> None:
    a = run(spec("min", 34, 37, unit="个"), {2024: 36.0}, 2024)
    assert "36个" in a.explanation_zh and "36.4个" in a.explanation_zh and ".0" not in a.explanation_zh
    assert "36 个" in a.explanation_en and "36.4 个" in a.explanation_en


# --- TargetSpec.from_row, summarise, alerts -------------------------------------------------------------------


def test_from_row_handles_missing_values() -> None:
    row = {
        "id": "x",
        "rule_kind": "min",
        "unit": float("nan"),
        "baseline_value": float("nan"),
        "baseline_year": None,
        "target_value": "98",
        "target_year": 2025.0,
        "attribute": "binding",
        "reference_series": "",
    }
    sp = TargetSpec.from_row(row, plan_baseline_year=2020)
    assert sp == TargetSpec("x", "min", None, None, None, 98.0, 2025, 2020, "binding", None)
    assert TargetSpec.from_row({**row, "plan_baseline_year": 2020}).plan_baseline_year == 2020
    with pytest.raises(ValueError):
        TargetSpec.from_row(row)  # no plan baseline year anywhere
    with pytest.raises(ValueError):
        TargetSpec.from_row({**row, "rule_kind": "sometimes"}, plan_baseline_year=2020)


def test_every_seed_row_converts_and_assesses() -> None:
    with (ROOT / "data" / "seed" / "indicators.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    specs = [TargetSpec.from_row(r, plan_baseline_year=2020) for r in rows]
    assert len(specs) == len(rows) > 0
    tap = next(s for s in specs if s.id == "rural_tap_water_rate")
    assert (tap.baseline_value, tap.baseline_year, tap.target_value, tap.target_year) == (91, 2020, 98, 2025)
    for sp in specs:
        assert assess(sp, {}, 2024).status == NODATA


def test_summarise_and_binding_alerts() -> None:
    binding = spec("min", 91, 98, attr="binding")
    lag = run(binding, {2023: 94}, 2023)
    fine = run(binding, {2023: 96}, 2023)
    empty = run(binding, {}, 2023)
    counts = summarise([lag, fine, empty, fine])
    assert counts == {"off_track": 0, "lagging": 1, "no_data": 1, "on_track": 2, "achieved": 0}
    assert list(counts) == [s.value for s in STATUS_ORDER]
    assert is_binding_alert(binding, lag) and is_binding_alert(binding, empty)
    assert not is_binding_alert(binding, fine)
    assert not is_binding_alert(spec("min", 91, 98, attr="expected"), lag)


# --- properties -----------------------------------------------------------------------------------------------

values = st.floats(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False)
years = st.integers(min_value=2021, max_value=2030)


def _direction(sp: TargetSpec) -> int:
    """+1 when moving up approaches the target, −1 when moving down does (the test's own reading of the rule)."""
    assert sp.target_value is not None
    if sp.rule_kind == "max":
        return -1
    if sp.rule_kind == "min" and sp.baseline_value is not None and sp.target_value < sp.baseline_value:
        return -1
    return 1


@st.composite
def directional_specs(draw: st.DrawFn) -> TargetSpec:
    kind = draw(st.sampled_from(["min", "gt", "max"]))
    t = draw(values)
    b = draw(st.one_of(st.none(), values, st.just(t))) if kind == "max" else draw(st.one_of(values, st.just(t)))
    return spec(kind, b, t, ty=draw(years))


@settings(max_examples=400)
@given(sp=directional_specs(), a1=values, a2=values, y=years)
def test_moving_toward_the_target_never_worsens_the_status(sp: TargetSpec, a1: float, a2: float, y: int) -> None:
    lo, hi = sorted((a1, a2))
    start, closer = (lo, hi) if _direction(sp) > 0 else (hi, lo)
    s1, s2 = run(sp, {y: start}, y).status, run(sp, {y: closer}, y).status
    assert NODATA not in (s1, s2)
    assert STATUS_RANK[s2] >= STATUS_RANK[s1], (start, s1, closer, s2)


@settings(max_examples=400)
@given(sp=directional_specs(), gap=st.floats(min_value=0, max_value=500), y=years, as_of_extra=st.integers(0, 3))
def test_meeting_the_target_is_always_achieved(sp: TargetSpec, gap: float, y: int, as_of_extra: int) -> None:
    assert sp.target_value is not None
    if sp.rule_kind == "gt":
        gap += 0.001  # strictly above
    actual = sp.target_value + _direction(sp) * gap
    a = run(sp, {2020: sp.target_value - _direction(sp) * 7, y: actual}, y + as_of_extra)
    assert a.status == ACH, (actual, a)


observation_maps = st.dictionaries(
    st.integers(min_value=2015, max_value=2030),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
    max_size=8,
)


@st.composite
def any_specs(draw: st.DrawFn) -> TargetSpec:
    pool = st.sampled_from([0.0, 1.0, 50.0, 100.0]) | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    b, t = draw(st.none() | pool), draw(st.none() | pool)
    if draw(st.booleans()):
        t = b  # B == T happens in the plan (maintain, zero) and divides by zero if unguarded
    return spec(
        draw(st.sampled_from(RULE_KINDS)),
        b,
        t,
        ty=draw(st.integers(2020, 2030)),
        unit=draw(st.sampled_from(["%", "个", None])),
    )


@settings(max_examples=600)
@given(sp=any_specs(), values_=observation_maps, ref=observation_maps, as_of=st.integers(2015, 2032))
def test_every_assessment_is_well_formed(
    sp: TargetSpec, values_: dict[int, float], ref: dict[int, float], as_of: int
) -> None:
    a = run(sp, values_, as_of, ref)
    assert a.status in set(Status) and a.status in STATUS_ORDER
    for number in (a.progress, a.expected_value, a.elapsed_share, a.reference_value):
        assert number is None or math.isfinite(number)
    assert a.explanation_zh and a.explanation_en
    visible = [y for y in values_ if y <= as_of]
    if not visible:
        assert a.status == NODATA
    else:
        assert a.latest_year == max(visible) and str(a.latest_year) in a.explanation_en
    # observations after as_of_year change nothing
    assert run(sp, {y: v for y, v in values_.items() if y <= as_of}, as_of, ref) == a


@given(
    sp=any_specs(),
    values_=observation_maps,
    as_of=st.integers(2015, 2032),
    th=st.builds(Thresholds, lagging_factor=st.floats(0, 1), reach_reference_ratio=st.floats(0.5, 1)),
)
def test_thresholds_are_honoured_without_crashing(
    sp: TargetSpec, values_: dict[int, float], as_of: int, th: Thresholds
) -> None:
    assume(values_)
    assert assess(sp, obs(values_), as_of, None, th).status in set(Status)


def test_stricter_lagging_factor_changes_the_band() -> None:
    # r = 0.429, s = 0.6: lagging at f = 0.5 (0.3), off track at f = 0.8 (0.48)
    assert assess(TAP, obs({2023: 94}), 2023).status == LAG
    assert assess(TAP, obs({2023: 94}), 2023, thresholds=Thresholds(lagging_factor=0.8)).status == OFF


ENGINE = {"ningxia_dash.tracking.status": st_mod, "ningxia_dash.tracking.rules": rules_mod}


def test_public_names() -> None:
    """What the package takes from the engine (status and rules): every name exists there and none is private —
    what another module needs (the verdicts read the engine's context and baseline) is a public seam."""
    taken: set[tuple[str, str, str]] = set()
    for path in sorted([*(ROOT / "ningxia_dash").rglob("*.py"), *(ROOT / "screens").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in ENGINE:
                taken |= {(path.relative_to(ROOT).as_posix(), node.module, a.name) for a in node.names}
    names = {name for _, _, name in taken}
    assert {"assess", "Obs", "TargetSpec", "Status", "is_binding_alert", "context"} <= names, names  # not on nothing
    assert [(m, n) for _, m, n in sorted(taken) if not hasattr(ENGINE[m], n)] == []
    assert [(f, n) for f, _, n in sorted(taken) if n.startswith("_")] == []
