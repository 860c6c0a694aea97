"""One series across plans (ningxia_dash/continuity.py): which plans and indicators link, the new baseline, the pace
the new target needs against the pace achieved, and the evaluation page when no next plan is loaded."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.i18n import Lang
from ningxia_dash.plan import Plan
from ningxia_dash.tracking import continuity
from ningxia_dash.tracking.status import Obs

ROOT = Path(__file__).resolve().parent.parent
OLD_PLAN = Plan("old", "旧规划", "old plan", "衔接“十四五”规划", "14th", "", 2021, 2025, 2020)
NEW_PLAN = Plan("new", "下一规划", "next plan", "下一规划", "next", "", 2026, 2030, 2025)


def ind(id_: str, plan: str, rule: str = "min", unit: str | None = "%", base: float | None = None,
        target: float | None = None, ty: int = 2025, carries: str | None = None) -> dict[str, object]:  # fmt: skip
    return {"id": id_, "plan_id": plan, "rule_kind": rule, "unit": unit, "baseline_value": base,
            "baseline_year": None, "target_value": target, "target_year": ty, "carries_over_from": carries,
            "name_zh": id_, "name_en": id_, "attribute": "expected", "reference_series": None}  # fmt: skip


def obs(values: dict[int, float], kind: str = "public") -> dict[int, Obs]:
    return {y: Obs(v, kind, "s") for y, v in values.items()}


def test_plan_pair_by_predecessor_or_by_links() -> None:
    plans = pd.DataFrame({"id": ["old", "new"], "predecessor_id": [None, "old"], "period_start": [2021, 2026]})
    inds = pd.DataFrame([ind("a", "old"), ind("b", "new", carries="a")])
    assert continuity.plan_pair(plans, inds, "old") == ("old", "new")
    assert continuity.plan_pair(plans, inds, "new") == ("old", "new")
    unnamed = plans.assign(predecessor_id=[None, None])
    assert continuity.plan_pair(unnamed, inds, "old") == ("old", "new")  # the links alone tie the plans
    alone = pd.DataFrame([ind("a", "old"), ind("b", "new")])
    assert continuity.plan_pair(unnamed, alone, "old") is None


def test_chain_from_either_end() -> None:
    inds = pd.DataFrame([ind("a", "old"), ind("b", "new", carries="a"), ind("c", "new")])
    assert continuity.chain(inds, "a") == ("a", "b") == continuity.chain(inds, "b")
    assert continuity.chain(inds, "c") is None


def test_new_baseline_is_the_previous_final_actual_unless_printed() -> None:
    new = pd.Series(ind("b", "new", target=99, ty=2030, carries="a"))
    b = continuity.new_baseline(new, 2025, obs({2024: 97.0, 2025: 98.0}, "demo"))
    assert (b.value, b.year, b.source, b.from_previous) == (98.0, 2025, "demo", True)
    assert continuity.baseline_text(b, "%", "zh") == "98%（2025年，上一规划期末实际，" + _demo("zh") + "）"
    # no 2025 value: the latest before it
    assert continuity.new_baseline(new, 2025, obs({2023: 96.0})).year == 2023
    printed = pd.Series(ind("b", "new", base=97.5, target=99, ty=2030))
    p = continuity.new_baseline(printed, 2025, obs({2025: 98.0}))
    assert (p.value, p.source, p.from_previous) == (97.5, "plan", False)


def _demo(lang: Lang) -> str:
    from ningxia_dash.i18n import t

    return t("prov.demo", lang)


def test_required_pace_against_achieved_by_hand() -> None:
    # previous: 90 → 95 over 2020–2025, slope exactly 1 point a year; new target 99 by 2030 from 95: 0.8 a year
    old = pd.Series(ind("a", "old", base=90, target=95))
    new = pd.Series(ind("b", "new", target=99, ty=2030, carries="a"))
    prev = obs({2020: 90.0, 2021: 91.0, 2022: 92.0, 2023: 93.0, 2024: 94.0, 2025: 95.0})
    x = continuity.link(old, new, None, prev, OLD_PLAN, NEW_PLAN)
    assert x.required == pytest.approx(0.8) and x.achieved == pytest.approx(1.0)
    assert x.judgement == "within"
    assert x.sentence_zh == "需年均提高0.8个百分点，十四五期间实际年均提高1个百分点"
    assert x.sentence_en == "needs +0.8 points a year; achieved +1 points a year in 2020–2025"
    harder = continuity.link(old, pd.Series(ind("b", "new", target=100.5, ty=2030)), None, prev, OLD_PLAN, NEW_PLAN)
    assert harder.judgement == "stretch" and harder.required == pytest.approx(1.1)
    easy = continuity.link(old, pd.Series(ind("b", "new", target=94, ty=2030)), None, prev, OLD_PLAN, NEW_PLAN)
    assert easy.judgement == "reached" and easy.sentence_zh.startswith("新规划基期已达到新目标")


def test_a_falling_target_needs_a_faster_fall() -> None:
    old = pd.Series(ind("a", "old", rule="max", unit="户", base=100, target=60))
    new = pd.Series(ind("b", "new", rule="max", unit="户", target=20, ty=2030))
    prev = obs({2020: 100.0, 2021: 95.0, 2022: 90.0, 2023: 85.0, 2024: 80.0, 2025: 75.0})  # −5 a year
    x = continuity.link(old, new, None, prev, OLD_PLAN, NEW_PLAN)
    assert x.required == pytest.approx(-11.0) and x.judgement == "stretch"  # (20 − 75)/5
    assert x.sentence_en == "needs −11 households a year; achieved −5 households a year in 2020–2025"


def test_incomes_compare_growth_rates() -> None:
    old = pd.Series(ind("a", "old", unit="元", base=10000, target=15000))
    new = pd.Series(ind("b", "new", unit="元", target=20000, ty=2030))
    prev = obs({y: 10000 * 1.1 ** (y - 2020) for y in range(2020, 2026)})  # +10 % a year
    x = continuity.link(old, new, None, prev, OLD_PLAN, NEW_PLAN)
    assert x.method == "compound" and x.achieved == pytest.approx(0.1)
    assert x.required == pytest.approx((20000 / (10000 * 1.1**5)) ** 0.2 - 1)
    assert x.judgement == "within"


def test_maintain_targets_compare_no_pace() -> None:
    old = pd.Series(ind("a", "old", rule="maintain", base=100, target=100))
    new = pd.Series(ind("b", "new", rule="maintain", target=100, ty=2030))
    x = continuity.link(old, new, None, obs({2020: 100.0, 2025: 100.0}), OLD_PLAN, NEW_PLAN)
    assert x.judgement == "unknown" and "不比较速度" in x.sentence_zh


def test_evaluation_without_a_next_plan_says_how_to_load_one(db_path: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page("screens/evaluation.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "规划衔接：接续指标的新目标" in [h.value for h in at.subheader]
    assert any("尚未导入下一规划" in i.value and "接续指标" in i.value for i in at.info), [i.value for i in at.info]
