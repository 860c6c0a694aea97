"""End-of-period verdicts (终期评估): did a target get met, basically met, missed — or can it not be assessed?

Pure Python beside the status engine. Once the assessed year reaches a target's
year, "on the way" words no longer apply; `evaluate` answers instead. The verdict ids and their order live here;
their zh/en labels in ningxia_dash.i18n (`verdict.*`), colours and symbols in ningxia_dash.style.

Decisions (tested in tests/test_verdicts.py):
- Evidence is an observation after the baseline year (the target's, else the plan's) up to the assessed year.
  No evidence, no target value, or (relative targets) no reference value for the final year → **cannot_assess**.
  A baseline on its own is never evidence.
- `Thresholds.basically_met_progress` (0.9) is the one threshold of 基本完成:
  * straight-line targets (min / gt / max, a falling `zero`, a counted milestone): unmet, but progress
    r = (A − B)/(T − B) ≥ 0.9 of the way from the baseline → basically met; else not met. Without a baseline
    (a `max` with none printed) an unmet target is not met.
  * maintain / zero / per_year: two facts apart — the final value against the target and the years it did not
    hold. Final holds and every year held → met (全期保持); final holds, some year slipped → basically met (the
    slip is named: 有1年未保持：2023年98.5%); final does not hold → not met.
  * above_reference (高于全国平均): final A > R → met; within `reference_margin` points at or below → basically
    met; further below → not met. Years not above are listed.
  * reach_reference (基本达到全区平均 = ≥ 95% of R): final ratio A/R ≥ 0.95 → met; ≥ 0.9 · 0.95 = 85.5% →
    basically met; else not met (the gap is to 95% of R).
  * rising (稳步提高): ended above its first plan-period value and never fell → met; ended above but fell in some
    year → basically met (the falls are named); ended at or below → not met. Needs two years, one after the baseline.
- The gap is in the target's unit (for % the gap is in percentage points: 差1.2个百分点) and, where there is a
  straight line, as the share of the way done: 完成目标进度的83%.
- Every verdict records the source kinds of the numbers it rests on (final value, reference), so a verdict that
  rests on demonstration data can say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from ningxia_dash.tracking.status import DEFAULT_THRESHOLDS, Context, Obs, TargetSpec, Thresholds, baseline_of, context


class Verdict(StrEnum):
    MET = "met"
    BASICALLY_MET = "basically_met"
    NOT_MET = "not_met"
    CANNOT_ASSESS = "cannot_assess"


VERDICT_ORDER: tuple[Verdict, ...] = (Verdict.NOT_MET, Verdict.CANNOT_ASSESS, Verdict.BASICALLY_MET, Verdict.MET)
VERDICT_RANK: dict[Verdict, int] = {v: i for i, v in enumerate(VERDICT_ORDER)}
_WORDS = {
    Verdict.MET: ("已完成", "met"),
    Verdict.BASICALLY_MET: ("基本完成", "basically met"),
    Verdict.NOT_MET: ("未完成", "not met"),
    Verdict.CANNOT_ASSESS: ("无法评估", "cannot be assessed"),
}
_DEFAULT_TARGET = {"zero": 0.0, "milestone": 1.0}


@dataclass(frozen=True)
class Evaluation:
    indicator_id: str
    verdict: Verdict
    as_of_year: int
    final_value: float | None
    final_year: int | None
    final_source_kind: str | None
    target_value: float | None
    baseline_value: float | None
    baseline_year: int | None
    gap: float | None  # how far short, in the target's unit (0 when met; None where it does not apply)
    progress: float | None  # share of the way from baseline to target (None without a straight line)
    held_every_year: bool | None  # maintain / zero / per_year / rising: every year held? (None elsewhere)
    missed_years: tuple[tuple[int, float], ...]  # the years that did not hold, with their values
    reference_value: float | None
    reference_source_kind: str | None
    source_kinds: tuple[str, ...]  # kinds of every number the verdict rests on
    explanation_zh: str
    explanation_en: str

    @property
    def rests_on_demo(self) -> bool:
        return "demo" in self.source_kinds


@dataclass
class _V:
    verdict: Verdict
    zh: str
    en: str
    gap: float | None = None
    progress: float | None = None
    held: bool | None = None
    missed: tuple[tuple[int, float], ...] = ()
    baseline: tuple[float, int] | None = None


def _gap_text(c: Context, gap: float, progress: float | None) -> tuple[str, str]:
    unit = c.spec.unit or ""
    g = round(abs(gap), 2) + 0.0
    gz = f"{g:.2f}".rstrip("0").rstrip(".")
    if unit == "%":
        zh, en = f"差{gz}个百分点", f"{gz} points short"
    else:
        zh, en = f"差{c.f(abs(gap))[0]}", f"{c.f(abs(gap))[1]} short"
    if progress is not None:
        p = max(progress, 0.0) * 100
        zh, en = f"{zh}，完成目标进度的{p:.0f}%", f"{en}, {p:.0f}% of the way"
    return zh, en


def _missed_text(c: Context, missed: tuple[tuple[int, float], ...], word_zh: str, word_en: str) -> tuple[str, str]:
    if not missed:
        return word_zh, word_en
    zh = "、".join(f"{y}年{c.f(v)[0]}" for y, v in missed)
    en = ", ".join(f"{y}: {c.f(v)[1]}" for y, v in missed)
    not_zh, not_en = ("未达到", "not reached") if c.spec.rule_kind == "per_year" else ("未保持", "not held")
    return f"有{len(missed)}年{not_zh}：{zh}", f"{not_en} in {len(missed)} year{'s' if len(missed) > 1 else ''}: {en}"


def _straight(c: Context, t: float) -> _V:
    a, base = c.a, baseline_of(c)
    (meets, op), (tz, te) = c.direction(t, base), c.f(t)
    met = meets(a)
    b = (base[0], base[1]) if base else None
    if met:
        return _V(Verdict.MET, f"达到目标{op}{tz}", f"target {op}{te} met", gap=0.0, progress=1.0, baseline=b)
    r = None
    if base is not None and abs(t - base[0]) > c.tol(t):
        r = (a - base[0]) / (t - base[0])
    gap = abs(t - a)
    gz, ge = _gap_text(c, gap, r)
    basic = r is not None and r >= c.th.basically_met_progress - c.tol()
    verdict = Verdict.BASICALLY_MET if basic else Verdict.NOT_MET
    return _V(verdict, f"目标{op}{tz}，{gz}", f"target {op}{te}, {ge}", gap=gap, progress=r, baseline=b)


def _every_year(c: Context, t: float) -> _V:
    sp = c.spec
    zero = sp.rule_kind == "zero"
    if zero and (sp.baseline_value or 0.0) > c.tol():
        return _straight(c, t)  # a positive baseline to bring down to 0 is a falling target
    window = c.period()

    def holds(v: float) -> bool:
        return abs(v - t) <= c.tol(t) if zero else v >= t - c.tol(t)

    missed = tuple((y, o.value) for y, o in window.items() if not holds(o.value))
    tz, te = c.f(t)
    word = ("每年均达到", "reached every year") if sp.rule_kind == "per_year" else ("全期保持", "held every year")
    mz, me = _missed_text(c, missed, *word)
    if holds(c.a):
        verdict = Verdict.BASICALLY_MET if missed else Verdict.MET
        return _V(verdict, f"目标{tz}，{mz}", f"target {te}; {me}", gap=0.0, held=not missed, missed=missed)
    gap = abs(t - c.a)
    gz, ge = _gap_text(c, gap, None)
    return _V(Verdict.NOT_MET, f"目标{tz}，{gz}；{mz}", f"target {te}, {ge}; {me}", gap=gap, held=False, missed=missed)


def _milestone(c: Context, t: float) -> _V:
    sp = c.spec
    b, y0 = (sp.baseline_value or 0.0), (sp.baseline_year or sp.plan_baseline_year)
    tz, te = c.f(t)
    if c.a >= t - c.tol(t):
        return _V(Verdict.MET, f"已达到{tz}", f"{te} reached", gap=0.0, progress=1.0, baseline=(b, y0))
    r = (c.a - b) / (t - b) if abs(t - b) > c.tol(t) else None
    counted = bool(sp.unit) and t - b > 1  # "done or not" milestones have no partial way
    gap = t - c.a
    gz, ge = _gap_text(c, gap, r if counted else None)
    basic = counted and r is not None and r >= c.th.basically_met_progress - c.tol()
    verdict = Verdict.BASICALLY_MET if basic else Verdict.NOT_MET
    return _V(
        verdict, f"目标{tz}，{gz}", f"target {te}, {ge}", gap=gap, progress=r if counted else None, baseline=(b, y0)
    )


def _above_reference(c: Context, _t: float) -> _V:
    rv = c.ref[c.y][0]
    rz, re = c.f(rv)
    missed = tuple((y, o.value) for y, o in c.period().items() if y in c.ref and o.value - c.ref[y][0] <= c.tol(rv))
    tail_z = f"；有{len(missed)}年未高于参照：" + "、".join(f"{y}年" for y, _ in missed) if missed else ""
    tail_e = f"; not above the reference in {', '.join(str(y) for y, _ in missed)}" if missed else ""
    d = c.a - rv
    if d > c.tol(rv):
        return _V(Verdict.MET, f"高于参照值{rz}{tail_z}", f"above the reference {re}{tail_e}", gap=0.0, held=not missed,
                  missed=missed)  # fmt: skip
    gz, ge = _gap_text(c, -d, None)
    verdict = Verdict.BASICALLY_MET if d >= -c.th.reference_margin - c.tol(rv) else Verdict.NOT_MET
    return _V(verdict, f"未高于参照值{rz}（{gz}）{tail_z}", f"not above the reference {re} ({ge}){tail_e}", gap=-d,
              held=False, missed=missed)  # fmt: skip


def _reach_reference(c: Context, _t: float) -> _V:
    rv, goal = c.ref[c.y][0], c.th.reach_reference_ratio
    q = c.a / rv
    rz, re = c.f(rv)
    zh, en = f"为参照值{rz}的{q * 100:.1f}%", f"{q * 100:.1f}% of the reference {re}"
    if q >= goal - c.tol():
        return _V(Verdict.MET, f"{zh}（基本达到＝不低于{goal:.0%}）", f"{en} (basically reaching = at least {goal:.0%})",
                  gap=0.0)  # fmt: skip
    gap = goal * rv - c.a
    gz, ge = _gap_text(c, gap, None)
    basic = q >= c.th.basically_met_progress * goal - c.tol()
    verdict = Verdict.BASICALLY_MET if basic else Verdict.NOT_MET
    return _V(verdict, f"{zh}，距{goal:.0%}{gz}", f"{en}, {ge} of {goal:.0%}", gap=gap)


def _rising(c: Context, _t: float) -> _V:
    years = [y for y in c.obs if y >= c.spec.plan_baseline_year]
    if len(years) < 2:
        return _V(
            Verdict.CANNOT_ASSESS, "只有一年数据，无法判断是否稳步提高", "only one year of data: no trend to judge"
        )
    vals = [c.obs[y].value for y in years]
    falls = tuple(
        (y1, c.obs[y1].value)
        for y0, y1 in pairwise(years)
        if c.obs[y1].value < c.obs[y0].value - c.tol(c.obs[y0].value)
    )
    first_z, first_e = c.f(vals[0])
    if vals[-1] > vals[0] + c.tol(vals[0]):
        if not falls:
            return _V(Verdict.MET, f"较{years[0]}年{first_z}逐年提高", f"up every year from {first_e} in {years[0]}",
                      held=True)  # fmt: skip
        fz = "、".join(f"{y}年{c.f(v)[0]}" for y, v in falls)
        fe = ", ".join(f"{y}: {c.f(v)[1]}" for y, v in falls)
        return _V(Verdict.BASICALLY_MET, f"较{years[0]}年{first_z}提高，但有{len(falls)}年下降：{fz}",
                  f"up from {first_e} in {years[0]}, but fell in {len(falls)} year(s): {fe}", held=False, missed=falls)  # fmt: skip
    return _V(Verdict.NOT_MET, f"未高于{years[0]}年的{first_z}", f"not above {first_e} in {years[0]}", held=False,
              missed=falls)  # fmt: skip


_RULES = {
    "min": _straight, "gt": _straight, "max": _straight, "maintain": _every_year, "zero": _every_year,
    "per_year": _every_year, "milestone": _milestone, "above_reference": _above_reference,
    "reach_reference": _reach_reference, "rising": _rising,
}  # fmt: skip


def _judge(c: Context, as_of: int) -> _V:
    sp = c.spec
    y0 = sp.baseline_year or sp.plan_baseline_year
    t = sp.target_value if sp.target_value is not None else _DEFAULT_TARGET.get(sp.rule_kind)
    if t is None and not sp.rule_kind.endswith("_reference") and sp.rule_kind != "rising":
        return _V(Verdict.CANNOT_ASSESS, "未设定目标值", "no target value set")
    if not c.obs or c.y <= y0:
        return _V(Verdict.CANNOT_ASSESS, f"截至{as_of}年没有{y0}年以后的观测值（仅有基期数据不能说明进展）",
                  f"no observation after {y0} up to {as_of} (a baseline alone is no evidence)")  # fmt: skip
    if sp.rule_kind.endswith("_reference") and c.y not in c.ref:
        return _V(Verdict.CANNOT_ASSESS, f"缺少{c.y}年参照值，无法评估", f"no reference value for {c.y}: cannot assess")
    return _RULES[sp.rule_kind](c, t if t is not None else 0.0)


def evaluate(
    spec: TargetSpec,
    observations: Mapping[int, Obs],
    as_of_year: int,
    reference: Mapping[int, float | Obs] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Evaluation:
    """The end-of-period verdict of one target as of `as_of_year` (meaningful once as_of_year ≥ target year)."""
    c = context(spec, observations, as_of_year, reference, thresholds)
    obs, ref = c.obs, c.ref
    v = _judge(c, as_of_year)
    final = obs[c.y] if obs and c.y > (spec.baseline_year or spec.plan_baseline_year) else None
    rv = ref.get(c.y) if final and spec.rule_kind.endswith("_reference") else None
    kinds = tuple(sorted({k for k in (final.source_kind if final else None, rv[1] if rv else None) if k}))
    words = _WORDS[v.verdict]
    if final:
        fz, fe = c.f(final.value)
        zh, en = f"{c.y}年实际{fz}，{v.zh}。结论：{words[0]}", f"{c.y}: actual {fe}, {v.en}. Verdict: {words[1]}"
    else:
        zh, en = f"{v.zh}。结论：{words[0]}", f"{v.en}. Verdict: {words[1]}"
    target = spec.target_value if spec.target_value is not None else _DEFAULT_TARGET.get(spec.rule_kind)
    return Evaluation(
        indicator_id=spec.id,
        verdict=v.verdict,
        as_of_year=as_of_year,
        final_value=final.value if final else None,
        final_year=c.y if final else None,
        final_source_kind=final.source_kind if final else None,
        target_value=target,
        baseline_value=v.baseline[0] if v.baseline else spec.baseline_value,
        baseline_year=v.baseline[1] if v.baseline else spec.baseline_year,
        gap=v.gap,
        progress=v.progress,
        held_every_year=v.held,
        missed_years=v.missed,
        reference_value=rv[0] if rv else None,
        reference_source_kind=rv[1] if rv else None,
        source_kinds=kinds,
        explanation_zh=zh,
        explanation_en=en,
    )


def is_final(spec: TargetSpec, as_of_year: int) -> bool:
    """Whether a target is judged by its end-of-period verdict as of a year (its target year has come)."""
    return as_of_year >= spec.target_year


def summarise(evaluations: list[Evaluation]) -> dict[str, int]:
    """Counts per verdict id, every verdict present, in VERDICT_ORDER."""
    counts = {v.value: 0 for v in VERDICT_ORDER}
    for e in evaluations:
        counts[Verdict(e.verdict).value] += 1
    return counts
