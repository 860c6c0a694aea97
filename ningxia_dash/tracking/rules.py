"""How each rule kind judges a target as of a year, and `assess`: the status engine's entry point.

Pure Python over tracking/status.py (the vocabulary, the thresholds, what a rule sees, the straight line).

Decisions per rule kind (tested in tests/test_status.py; the ones every rule shares are in tracking/status.py):
- `min` / `gt` / `max` on the straight line from the baseline: B == T (no room to progress) and not met →
  off_track; a `gt` or `max` target whose baseline already met it and no longer does → off_track; `max` without a
  baseline → off_track. Unmet at or after the target year is never on_track (only `gt` at A == T could be):
  lagging at best.
- `maintain` / `zero` / `per_year` judge every observed year of the plan period (plan_baseline_year + 1 … as_of);
  gaps are not failures. `maintain` holds while value ≥ T (every maintained level in the plan is a floor: coverage
  100%, 261 villages kept paired); `zero` holds while value is 0. A `zero` row with a positive baseline is a
  falling target and follows the `min` rule instead.
- `per_year`: all years ≥ T → achieved from the target year on, else on_track; latest year < T → lagging when
  ≥ f·T, else off_track; latest year met but an earlier year missed → lagging (a lost year cannot be made up).
- `milestone` (T defaults to 1 = done): done → achieved; not done in or after its target year → off_track; before
  it, B (default 0) → T on the straight line: on_track when r ≥ s, else lagging (never off track early).
- `above_reference`: A − R > 0 → achieved from the target year on, else on_track; within `reference_margin`
  below (or equal) → lagging; further below → off_track; no reference for that year → no_data.
- `reach_reference`: A/R ≥ 1 → achieved; ≥ `reach_reference_ratio` (0.95 is our reading of 基本达到) → achieved
  from the target year on, else on_track; otherwise the ratio's straight line from the first observed ratio to 0.95
  at the target year (a single ratio → lagging, off_track from the target year on).
- `rising` (稳步提高): latest vs the previous observed year (years ≥ plan baseline): up → on_track (achieved from the
  target year on if it never fell and ended above the first year); flat → lagging; down → off_track; one year → no_data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ningxia_dash.tracking.status import (
    DEFAULT_THRESHOLDS,
    Assessment,
    Context,
    Obs,
    Status,
    TargetSpec,
    Thresholds,
    baseline_of,
    context,
    elapsed_share,
    line_status,
)

_VERDICT = {  # sentence endings of the explanations (the short labels are in i18n.py)
    Status.ACHIEVED: ("已完成", "target met"),
    Status.ON_TRACK: ("进度正常", "on track"),
    Status.LAGGING: ("进度滞后", "lagging"),
    Status.OFF_TRACK: ("严重滞后", "off track"),
}


@dataclass
class _Out:
    status: Status
    zh: str
    en: str
    expected: float | None = None
    progress: float | None = None
    share: float | None = None
    baseline: tuple[float, int, str] | None = None


def _say(c: Context, status: Status, zh: str, en: str, **kw: Any) -> _Out:
    """An _Out whose sentence starts with the latest year and value."""
    az, ae = c.f(c.a)
    return _Out(status, f"{c.y}年实际{az}，{zh}", f"{c.y}: actual {ae}, {en}", **kw)


def _directional(c: Context, t: float) -> _Out:
    sp, a, base = c.spec, c.a, baseline_of(c)
    (meets, op), (tz, te) = c.direction(t, base), c.f(t)
    s = r = e = None
    status = Status.OFF_TRACK  # no baseline (max), no room to progress, or fell back from a met baseline
    if base is not None:
        s = elapsed_share(c.y, base[1], sp.target_year)
        if abs(t - base[0]) > c.tol(t) and not meets(base[0]):
            status, r, e = line_status(c, a, base[0], t, s)
            if status == Status.ON_TRACK and s >= 1:  # unmet at the deadline (gt: A == T) is not on track
                status = Status.LAGGING
    kw = {"expected": e, "progress": r, "share": s, "baseline": base}
    if meets(a):
        return _say(c, Status.ACHIEVED, f"目标{op}{tz}", f"target {op}{te}", **kw)
    if e is None or (s or 0) >= 1:  # no line, or the deadline has come: say what was missed
        return _say(c, status, f"未达到目标{op}{tz}", f"target {op}{te} not met", **kw)
    ez, ee = c.f(e)
    return _say(c, status, f"按直线进度应达{ez}", f"straight-line path expects {ee}", **kw)


def _every_year(c: Context, t: float) -> _Out:
    zero = c.spec.rule_kind == "zero"
    if zero and (c.spec.baseline_value or 0.0) > c.tol():
        return _directional(c, t)  # a positive baseline to bring down to 0 is a falling target
    win, (tz, te) = c.period(), c.f(t)
    bad = [y for y, o in win.items() if (abs(o.value - t) > c.tol(t) if zero else o.value < t - c.tol(t))]
    if bad and c.y in bad:  # the assessed year itself misses: its actual is already in the sentence
        return _say(c, Status.OFF_TRACK, f"未保持{tz}", f"{te} not held", expected=t)
    if bad:
        vz, ve = c.f(win[bad[0]].value)
        return _say(
            c, Status.OFF_TRACK, f"但{bad[0]}年为{vz}，未保持{tz}", f"but {bad[0]} had {ve}: {te} not held", expected=t
        )
    span = f"{min(win)}–{c.y}" if min(win) < c.y else f"{c.y}"
    return _say(c, Status.ACHIEVED, f"{span}年各年均保持{tz}", f"{te} held every year {span}", expected=t)


def _per_year(c: Context, t: float) -> _Out:
    win, (tz, te) = c.period(), c.f(t)
    if c.y in win and c.a < t - c.tol(t):
        status = Status.LAGGING if c.a >= c.th.lagging_factor * t - c.tol(t) else Status.OFF_TRACK
        return _say(c, status, f"低于每年{tz}的要求", f"below the yearly {te}", expected=t)
    missed = [y for y, o in win.items() if o.value < t - c.tol(t)]
    if missed:
        vz, ve = c.f(win[missed[-1]].value)
        zh, en = f"但{missed[-1]}年为{vz}，未达每年{tz}", f"but {missed[-1]} had {ve}, below the yearly {te}"
        return _say(c, Status.LAGGING, zh, en, expected=t)
    status = Status.ACHIEVED if c.y >= c.spec.target_year else Status.ON_TRACK
    return _say(c, status, f"{min(win)}–{c.y}年每年均达到{tz}", f"{te} reached every year {min(win)}–{c.y}", expected=t)


def _milestone(c: Context, t: float) -> _Out:
    sp = c.spec
    b, y0 = (sp.baseline_value or 0.0), (sp.baseline_year or sp.plan_baseline_year)
    (tz, te), s, ty = c.f(t), elapsed_share(c.y, y0, sp.target_year), sp.target_year
    if c.a >= t - c.tol(t):
        return _say(c, Status.ACHIEVED, f"已达到{tz}", f"{te} reached", expected=t, share=s)
    if c.y >= ty or abs(t - b) <= c.tol(t):
        return _say(c, Status.OFF_TRACK, f"未达到{ty}年应达的{tz}", f"short of {te} due by {ty}", expected=t, share=s)
    status, r, e = line_status(c, c.a, b, t, s)  # before the deadline a milestone is on track or lagging, never off
    status = Status.ON_TRACK if status == Status.ON_TRACK else Status.LAGGING
    (ez, ee), basis = c.f(e), "plan" if sp.baseline_value is not None else "zero"
    zh, en = f"按直线进度应达{ez}（{ty}年{tz}）", f"straight-line path expects {ee} ({te} by {ty})"
    return _say(c, status, zh, en, expected=e, progress=r, share=s, baseline=(b, y0, basis))


def _above_reference(c: Context, _t: float) -> _Out:
    rv, done = c.ref[c.y][0], c.y >= c.spec.target_year
    d, rz, re = c.a - c.ref[c.y][0], *c.f(c.ref[c.y][0])
    if d > c.tol(rv):
        return _say(c, Status.ACHIEVED if done else Status.ON_TRACK, f"高于参照值{rz}", f"above the reference {re}")
    status = Status.LAGGING if d > -c.th.reference_margin else Status.OFF_TRACK
    return _say(c, status, f"未高于参照值{rz}", f"not above the reference {re}")


def _reach_reference(c: Context, _t: float) -> _Out:
    rv, goal, done = c.ref[c.y][0], c.th.reach_reference_ratio, c.y >= c.spec.target_year
    q, rz, re = c.a / rv, *c.f(rv)
    zh, en = f"为参照值{rz}的{q * 100:.1f}%", f"{q * 100:.1f}% of the reference {re}"
    if q >= goal - c.tol():
        return _say(c, Status.ACHIEVED if q >= 1 - c.tol() or done else Status.ON_TRACK, zh, en)
    y0, q0 = next((y, o.value / c.ref[y][0]) for y, o in c.obs.items() if y in c.ref)
    if y0 == c.y:  # one ratio, no line to judge
        return _say(c, Status.OFF_TRACK if done else Status.LAGGING, zh, en)
    if q0 >= goal - c.tol():
        return _say(
            c, Status.OFF_TRACK, f"{zh}，低于{y0}年的{q0 * 100:.1f}%", f"{en}, down from {q0 * 100:.1f}% in {y0}"
        )
    s = elapsed_share(c.y, y0, c.spec.target_year)
    status, r, e = line_status(c, q, q0, goal, s)
    zh, en = f"{zh}，按直线进度应达{e * 100:.1f}%", f"{en}, straight-line path expects {e * 100:.1f}%"
    return _say(c, status, zh, en, expected=e * rv, progress=r, share=s)


def _rising(c: Context, _t: float) -> _Out:
    years = [y for y in c.obs if y >= c.spec.plan_baseline_year]
    if len(years) < 2:
        return _say(c, Status.NO_DATA, "只有一年数据，无法判断趋势", "only one year of data: no trend yet")
    vals = [c.obs[y].value for y in years]
    d, tol, (pz, pe) = vals[-1] - vals[-2], c.tol(vals[-2]), c.f(vals[-2])
    if d > tol:
        steady = all(b >= a - c.tol(a) for a, b in pairwise(vals)) and vals[-1] > vals[0]
        status = Status.ACHIEVED if steady and c.y >= c.spec.target_year else Status.ON_TRACK
    else:
        status = Status.LAGGING if d >= -tol else Status.OFF_TRACK
    wz, we = ("上升", "up") if d > tol else ("持平", "flat") if d >= -tol else ("下降", "down")
    return _say(c, status, f"较{years[-2]}年{pz}{wz}", f"{we} from {pe} in {years[-2]}")


_RULES: dict[str, Callable[[Context, float], _Out]] = {
    "min": _directional, "gt": _directional, "max": _directional, "maintain": _every_year, "zero": _every_year,
    "per_year": _per_year, "milestone": _milestone, "above_reference": _above_reference,
    "reach_reference": _reach_reference, "rising": _rising,
}  # fmt: skip
_DEFAULT_TARGET = {"zero": 0.0, "milestone": 1.0, "above_reference": 0.0, "reach_reference": 0.0, "rising": 0.0}


def _judge(c: Context, as_of: int) -> _Out:
    sp = c.spec
    t = sp.target_value if sp.target_value is not None else _DEFAULT_TARGET.get(sp.rule_kind)
    if not c.obs:
        return _Out(Status.NO_DATA, f"截至{as_of}年暂无数据", f"no data up to {as_of}")
    if t is None:
        return _say(c, Status.NO_DATA, "未设定目标值", "no target value set")
    if c.y <= (y0 := sp.baseline_year or sp.plan_baseline_year):
        return _say(c, Status.NO_DATA, f"仅有基期（{y0}年及以前）数据，暂无规划期内观测值",
                     f"only baseline data (up to {y0}): no observation in the plan period yet")  # fmt: skip
    if sp.rule_kind in ("maintain", "zero", "per_year") and not c.period():
        y = sp.plan_baseline_year + 1
        return _say(c, Status.NO_DATA, f"规划期内（{y}年起）暂无数据", f"no data in the plan period (from {y})")
    if sp.rule_kind.endswith("_reference") and c.y not in c.ref:
        return _say(c, Status.NO_DATA, f"缺少{c.y}年参照值，无法比较", f"no reference value for {c.y} to compare with")
    return _RULES[sp.rule_kind](c, t)


def assess(
    spec: TargetSpec,
    observations: Mapping[int, Obs],
    as_of_year: int,
    reference: Mapping[int, float | Obs] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Assessment:
    """The status of one target as of `as_of_year`, from its yearly observations (later years are ignored).
    `reference` is the series a relative target is judged against (year → value or Obs with its source kind)."""
    c = context(spec, observations, as_of_year, reference, thresholds)
    obs, ref = c.obs, c.ref
    out = _judge(c, as_of_year)
    latest = obs[c.y] if obs else None
    share = out.share
    if share is None and obs:
        share = elapsed_share(c.y, spec.baseline_year or spec.plan_baseline_year, spec.target_year)
    verdict = _VERDICT.get(out.status)
    rv = ref.get(c.y) if obs and spec.rule_kind.endswith("_reference") else None
    return Assessment(
        indicator_id=spec.id,
        status=out.status,
        as_of_year=as_of_year,
        latest_value=latest.value if latest else None,
        latest_year=c.y if obs else None,
        latest_source_kind=latest.source_kind if latest else None,
        latest_source_id=latest.source_id if latest else None,
        expected_value=out.expected,
        progress=out.progress,
        elapsed_share=share,
        reference_value=rv[0] if rv else None,
        reference_source_kind=rv[1] if rv else None,
        baseline_value=out.baseline[0] if out.baseline else None,
        baseline_year=out.baseline[1] if out.baseline else None,
        baseline_basis=out.baseline[2] if out.baseline else None,
        explanation_zh=out.zh + (f"，{verdict[0]}" if verdict else ""),
        explanation_en=out.en + (f": {verdict[1]}" if verdict else ""),
    )
