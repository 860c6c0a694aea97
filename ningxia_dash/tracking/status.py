"""The target-status engine: is a target achieved, on track, lagging or off track in a given year?

Pure Python (stdlib + dataclasses only): no pandas, no duckdb, no streamlit. Callers turn rows into `TargetSpec`
and `Obs`; this module only computes. Status ids are exposed here; their zh/en labels live in `ningxia_dash.i18n`.

The published rule (ARCHITECTURE.md "Target status"): share s = (y − y0)/(y1 − y0) clipped to [0, 1],
expected E = B + (T − B)·s, progress r = (A − B)/(T − B); achieved when A meets T, on track when r ≥ s,
lagging when f·s ≤ r < s, off track below that or when A moved away from T (f = `Thresholds.lagging_factor`).
Every rule judges the latest observation with year ≤ as_of_year; missing data is `no_data`, never on track,
and so is a series whose latest observation is its baseline (the baseline year or earlier): a baseline on its own
is no evidence of progress.

Decisions (documented here, tested in tests/test_status.py):
- STATUS_ORDER is worst → best: off_track, lagging, no_data, on_track, achieved. An unknown sits after the
  confirmed shortfalls (they need action first) but before anything known to be fine.
- Direction: `min` is ≥ T when T ≥ B and ≤ T (a falling target) when T < B; `gt` is strictly > T; `max` is ≤ T.
  Float comparisons allow `tolerance`·max(1, |T|). B == T (no room to progress) and not met → off_track; a `gt`
  or `max` target whose baseline already met it and no longer does → off_track; `max` without a baseline → off_track.
  Unmet at or after the target year is never on_track (only `gt` at A == T could be): lagging at best.
- Time is the latest observed year, not as_of_year: a milestone is overdue once an observation in or after its
  target year shows it undone, so a series whose data lag is not declared overdue before they arrive.
- Missing baseline for `min`/`gt`: the latest observation at or before the plan's baseline year, else the earliest
  observation if it precedes the latest one, else 0 at the plan's baseline year (a count built from nothing).
  `Assessment.baseline_basis` says which: "plan", "observed" or "zero". `expected_path` gives the straight line
  from that same baseline to the target (what the detail chart draws dashed), so the line and the status agree.
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

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise
from typing import Any


class Status(StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    LAGGING = "lagging"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


STATUS_ORDER: tuple[Status, ...] = (Status.OFF_TRACK, Status.LAGGING, Status.NO_DATA, Status.ON_TRACK, Status.ACHIEVED)
STATUS_RANK: dict[Status, int] = {s: i for i, s in enumerate(STATUS_ORDER)}
RULE_KINDS = ("min", "gt", "max", "maintain", "zero", "per_year", "above_reference", "reach_reference", "rising", "milestone")  # fmt: skip
_VERDICT = {  # sentence endings of the explanations (the short labels are in i18n.py)
    Status.ACHIEVED: ("已完成", "target met"),
    Status.ON_TRACK: ("进度正常", "on track"),
    Status.LAGGING: ("进度滞后", "lagging"),
    Status.OFF_TRACK: ("严重滞后", "off track"),
}


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of the rules, in one place."""

    lagging_factor: float = 0.5  # off_track when r < lagging_factor·s (per_year: value < lagging_factor·T)
    reach_reference_ratio: float = 0.95  # "基本达到": at least 95% of the reference
    reference_margin: float = 0.5  # above_reference: up to this far below the reference is lagging (points)
    basically_met_progress: float = 0.9  # 基本完成 at the end: ≥ 90% of the way (ningxia_dash/verdicts.py)
    tolerance: float = 1e-9  # float comparisons, scaled by max(1, |T|)


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Obs:
    value: float
    source_kind: str
    source_id: str


def _missing(v: object) -> bool:
    if v is None or (isinstance(v, str) and not v.strip()):
        return True
    try:
        return bool(v != v)  # NaN
    except TypeError:  # pandas.NA refuses bool()
        return True


def _opt_float(v: object) -> float | None:
    return None if _missing(v) else float(v)  # type: ignore[arg-type]


def _opt_int(v: object) -> int | None:
    return None if _missing(v) else int(float(v))  # type: ignore[arg-type]


@dataclass(frozen=True)
class TargetSpec:
    id: str
    rule_kind: str
    unit: str | None
    baseline_value: float | None
    baseline_year: int | None
    target_value: float | None
    target_year: int
    plan_baseline_year: int  # the plan's baseline year: fallback for baseline_year, start of the judged window
    attribute: str = "none"  # binding / expected / none
    reference_series: str | None = None

    def __post_init__(self) -> None:
        if self.rule_kind not in RULE_KINDS:
            raise ValueError(f"unknown rule_kind {self.rule_kind!r}")

    @classmethod
    def from_row(cls, row: Mapping[str, Any], plan_baseline_year: int | None = None) -> TargetSpec:
        """From a row with the indicators table's columns (NaN/None/"" → None). The plan's baseline year comes
        from the argument, else a `plan_baseline_year` key, else the row's baseline_year."""
        pby = plan_baseline_year if plan_baseline_year is not None else _opt_int(row.get("plan_baseline_year"))
        pby = pby if pby is not None else _opt_int(row.get("baseline_year"))
        target_year = _opt_int(row.get("target_year"))
        if pby is None or target_year is None:
            raise ValueError(f"{row.get('id')}: plan_baseline_year and target_year are required")
        unit, ref, attr = row.get("unit"), row.get("reference_series"), row.get("attribute")
        return cls(
            id=str(row["id"]),
            rule_kind=str(row["rule_kind"]),
            unit=None if _missing(unit) else str(unit),
            baseline_value=_opt_float(row.get("baseline_value")),
            baseline_year=_opt_int(row.get("baseline_year")),
            target_value=_opt_float(row.get("target_value")),
            target_year=target_year,
            plan_baseline_year=pby,
            attribute="none" if _missing(attr) else str(attr),
            reference_series=None if _missing(ref) else str(ref),
        )


@dataclass(frozen=True)
class Assessment:
    indicator_id: str
    status: Status
    as_of_year: int
    latest_value: float | None
    latest_year: int | None
    latest_source_kind: str | None
    latest_source_id: str | None
    expected_value: float | None  # what the rule expects for latest_year; None where it does not apply
    progress: float | None  # r; None where there is no straight line
    elapsed_share: float | None  # s at latest_year
    reference_value: float | None  # relative targets: the reference for latest_year
    reference_source_kind: str | None
    baseline_value: float | None  # the B actually used
    baseline_year: int | None
    baseline_basis: str | None  # plan / observed / zero
    explanation_zh: str
    explanation_en: str


@dataclass
class _Out:
    status: Status
    zh: str
    en: str
    expected: float | None = None
    progress: float | None = None
    share: float | None = None
    baseline: tuple[float, int, str] | None = None


@dataclass(frozen=True)
class _Ctx:
    spec: TargetSpec
    obs: dict[int, Obs]  # years ≤ as_of, ascending
    ref: Mapping[int, tuple[float, str | None]]
    th: Thresholds

    @property
    def y(self) -> int:
        return max(self.obs)

    @property
    def a(self) -> float:
        return self.obs[self.y].value

    def tol(self, scale: float = 0.0) -> float:
        return self.th.tolerance * max(1.0, abs(scale))

    def period(self) -> dict[int, Obs]:
        return {y: o for y, o in self.obs.items() if y > self.spec.plan_baseline_year}

    def f(self, v: float) -> tuple[str, str]:
        """A number as zh and en text: at most 2 decimals, no trailing zeros, % without a space."""
        v = round(v, 2) + 0.0  # no "-0"
        zh, en = (f"{v:{sep}.2f}".rstrip("0").rstrip(".") for sep in ("", ","))
        unit = self.spec.unit or ""
        return (zh + unit, en + unit) if unit in ("", "%") else (zh + unit, f"{en} {unit}")

    def say(self, status: Status, zh: str, en: str, **kw: Any) -> _Out:
        """An _Out whose sentence starts with the latest year and value."""
        az, ae = self.f(self.a)
        return _Out(status, f"{self.y}年实际{az}，{zh}", f"{self.y}: actual {ae}, {en}", **kw)


def _share(y: int, y0: int, y1: int) -> float:
    if y1 <= y0:
        return 1.0 if y >= y1 else 0.0
    return min(1.0, max(0.0, (y - y0) / (y1 - y0)))


def expected_at(b: float, t: float, s: float) -> float:
    """E = B + (T − B)·s: the straight-line path at share s (the one formula the rules and expected_path use)."""
    return b + (t - b) * s


def _line(c: _Ctx, a: float, b: float, t: float, s: float) -> tuple[Status, float, float]:
    """Status, r and E on the straight line b → t (b ≠ t) at share s."""
    r, e = (a - b) / (t - b), expected_at(b, t, s)
    if r < -c.tol():
        return Status.OFF_TRACK, r, e
    if r >= s - c.tol():
        return Status.ON_TRACK, r, e
    return (Status.LAGGING if r >= c.th.lagging_factor * s - c.tol() else Status.OFF_TRACK), r, e


def _baseline(c: _Ctx) -> tuple[float, int, str] | None:
    sp = c.spec
    if sp.baseline_value is not None:
        return sp.baseline_value, sp.baseline_year or sp.plan_baseline_year, "plan"
    if sp.rule_kind == "max":
        return None
    before = [y for y in c.obs if y <= sp.plan_baseline_year]
    if before:
        return c.obs[before[-1]].value, before[-1], "observed"
    first = min(c.obs)
    return (c.obs[first].value, first, "observed") if first < c.y else (0.0, sp.plan_baseline_year, "zero")


def _directional(c: _Ctx, t: float) -> _Out:
    sp, a, base = c.spec, c.a, _baseline(c)
    falling = sp.rule_kind == "max" or (sp.rule_kind in ("min", "zero") and base is not None and t < base[0])
    sign, strict = (-1 if falling else 1), sp.rule_kind == "gt"

    def meets(v: float) -> bool:
        return sign * (v - t) > c.tol(t) if strict else sign * (v - t) >= -c.tol(t)

    tz, te = c.f(t)
    op = ">" if strict else "≤" if falling else "≥"
    s = r = e = None
    status = Status.OFF_TRACK  # no baseline (max), no room to progress, or fell back from a met baseline
    if base is not None:
        s = _share(c.y, base[1], sp.target_year)
        if abs(t - base[0]) > c.tol(t) and not meets(base[0]):
            status, r, e = _line(c, a, base[0], t, s)
            if status == Status.ON_TRACK and s >= 1:  # unmet at the deadline (gt: A == T) is not on track
                status = Status.LAGGING
    kw = {"expected": e, "progress": r, "share": s, "baseline": base}
    if meets(a):
        return c.say(Status.ACHIEVED, f"目标{op}{tz}", f"target {op}{te}", **kw)
    if e is None or (s or 0) >= 1:  # no line, or the deadline has come: say what was missed
        return c.say(status, f"未达到目标{op}{tz}", f"target {op}{te} not met", **kw)
    ez, ee = c.f(e)
    return c.say(status, f"按直线进度应达{ez}", f"straight-line path expects {ee}", **kw)


def _every_year(c: _Ctx, t: float) -> _Out:
    zero = c.spec.rule_kind == "zero"
    if zero and (c.spec.baseline_value or 0.0) > c.tol():
        return _directional(c, t)  # a positive baseline to bring down to 0 is a falling target
    win, (tz, te) = c.period(), c.f(t)
    bad = [y for y, o in win.items() if (abs(o.value - t) > c.tol(t) if zero else o.value < t - c.tol(t))]
    if bad and c.y in bad:  # the assessed year itself misses: its actual is already in the sentence
        return c.say(Status.OFF_TRACK, f"未保持{tz}", f"{te} not held", expected=t)
    if bad:
        vz, ve = c.f(win[bad[0]].value)
        return c.say(
            Status.OFF_TRACK, f"但{bad[0]}年为{vz}，未保持{tz}", f"but {bad[0]} had {ve}: {te} not held", expected=t
        )
    span = f"{min(win)}–{c.y}" if min(win) < c.y else f"{c.y}"
    return c.say(Status.ACHIEVED, f"{span}年各年均保持{tz}", f"{te} held every year {span}", expected=t)


def _per_year(c: _Ctx, t: float) -> _Out:
    win, (tz, te) = c.period(), c.f(t)
    if c.y in win and c.a < t - c.tol(t):
        status = Status.LAGGING if c.a >= c.th.lagging_factor * t - c.tol(t) else Status.OFF_TRACK
        return c.say(status, f"低于每年{tz}的要求", f"below the yearly {te}", expected=t)
    missed = [y for y, o in win.items() if o.value < t - c.tol(t)]
    if missed:
        vz, ve = c.f(win[missed[-1]].value)
        zh, en = f"但{missed[-1]}年为{vz}，未达每年{tz}", f"but {missed[-1]} had {ve}, below the yearly {te}"
        return c.say(Status.LAGGING, zh, en, expected=t)
    status = Status.ACHIEVED if c.y >= c.spec.target_year else Status.ON_TRACK
    return c.say(status, f"{min(win)}–{c.y}年每年均达到{tz}", f"{te} reached every year {min(win)}–{c.y}", expected=t)


def _milestone(c: _Ctx, t: float) -> _Out:
    sp = c.spec
    b, y0 = (sp.baseline_value or 0.0), (sp.baseline_year or sp.plan_baseline_year)
    (tz, te), s, ty = c.f(t), _share(c.y, y0, sp.target_year), sp.target_year
    if c.a >= t - c.tol(t):
        return c.say(Status.ACHIEVED, f"已达到{tz}", f"{te} reached", expected=t, share=s)
    if c.y >= ty or abs(t - b) <= c.tol(t):
        return c.say(Status.OFF_TRACK, f"未达到{ty}年应达的{tz}", f"short of {te} due by {ty}", expected=t, share=s)
    status, r, e = _line(c, c.a, b, t, s)  # before the deadline a milestone is on track or lagging, never off
    status = Status.ON_TRACK if status == Status.ON_TRACK else Status.LAGGING
    (ez, ee), basis = c.f(e), "plan" if sp.baseline_value is not None else "zero"
    zh, en = f"按直线进度应达{ez}（{ty}年{tz}）", f"straight-line path expects {ee} ({te} by {ty})"
    return c.say(status, zh, en, expected=e, progress=r, share=s, baseline=(b, y0, basis))


def _above_reference(c: _Ctx, _t: float) -> _Out:
    rv, done = c.ref[c.y][0], c.y >= c.spec.target_year
    d, rz, re = c.a - c.ref[c.y][0], *c.f(c.ref[c.y][0])
    if d > c.tol(rv):
        return c.say(Status.ACHIEVED if done else Status.ON_TRACK, f"高于参照值{rz}", f"above the reference {re}")
    status = Status.LAGGING if d > -c.th.reference_margin else Status.OFF_TRACK
    return c.say(status, f"未高于参照值{rz}", f"not above the reference {re}")


def _reach_reference(c: _Ctx, _t: float) -> _Out:
    rv, goal, done = c.ref[c.y][0], c.th.reach_reference_ratio, c.y >= c.spec.target_year
    q, rz, re = c.a / rv, *c.f(rv)
    zh, en = f"为参照值{rz}的{q * 100:.1f}%", f"{q * 100:.1f}% of the reference {re}"
    if q >= goal - c.tol():
        return c.say(Status.ACHIEVED if q >= 1 - c.tol() or done else Status.ON_TRACK, zh, en)
    y0, q0 = next((y, o.value / c.ref[y][0]) for y, o in c.obs.items() if y in c.ref)
    if y0 == c.y:  # one ratio, no line to judge
        return c.say(Status.OFF_TRACK if done else Status.LAGGING, zh, en)
    if q0 >= goal - c.tol():
        return c.say(Status.OFF_TRACK, f"{zh}，低于{y0}年的{q0 * 100:.1f}%", f"{en}, down from {q0 * 100:.1f}% in {y0}")
    s = _share(c.y, y0, c.spec.target_year)
    status, r, e = _line(c, q, q0, goal, s)
    zh, en = f"{zh}，按直线进度应达{e * 100:.1f}%", f"{en}, straight-line path expects {e * 100:.1f}%"
    return c.say(status, zh, en, expected=e * rv, progress=r, share=s)


def _rising(c: _Ctx, _t: float) -> _Out:
    years = [y for y in c.obs if y >= c.spec.plan_baseline_year]
    if len(years) < 2:
        return c.say(Status.NO_DATA, "只有一年数据，无法判断趋势", "only one year of data: no trend yet")
    vals = [c.obs[y].value for y in years]
    d, tol, (pz, pe) = vals[-1] - vals[-2], c.tol(vals[-2]), c.f(vals[-2])
    if d > tol:
        steady = all(b >= a - c.tol(a) for a, b in pairwise(vals)) and vals[-1] > vals[0]
        status = Status.ACHIEVED if steady and c.y >= c.spec.target_year else Status.ON_TRACK
    else:
        status = Status.LAGGING if d >= -tol else Status.OFF_TRACK
    wz, we = ("上升", "up") if d > tol else ("持平", "flat") if d >= -tol else ("下降", "down")
    return c.say(status, f"较{years[-2]}年{pz}{wz}", f"{we} from {pe} in {years[-2]}")


_RULES: dict[str, Callable[[_Ctx, float], _Out]] = {
    "min": _directional, "gt": _directional, "max": _directional, "maintain": _every_year, "zero": _every_year,
    "per_year": _per_year, "milestone": _milestone, "above_reference": _above_reference,
    "reach_reference": _reach_reference, "rising": _rising,
}  # fmt: skip
_DEFAULT_TARGET = {"zero": 0.0, "milestone": 1.0, "above_reference": 0.0, "reach_reference": 0.0, "rising": 0.0}


def _judge(c: _Ctx, as_of: int) -> _Out:
    sp = c.spec
    t = sp.target_value if sp.target_value is not None else _DEFAULT_TARGET.get(sp.rule_kind)
    if not c.obs:
        return _Out(Status.NO_DATA, f"截至{as_of}年暂无数据", f"no data up to {as_of}")
    if t is None:
        return c.say(Status.NO_DATA, "未设定目标值", "no target value set")
    if c.y <= (y0 := sp.baseline_year or sp.plan_baseline_year):
        return c.say(Status.NO_DATA, f"仅有基期（{y0}年及以前）数据，暂无规划期内观测值",
                     f"only baseline data (up to {y0}): no observation in the plan period yet")  # fmt: skip
    if sp.rule_kind in ("maintain", "zero", "per_year") and not c.period():
        y = sp.plan_baseline_year + 1
        return c.say(Status.NO_DATA, f"规划期内（{y}年起）暂无数据", f"no data in the plan period (from {y})")
    if sp.rule_kind.endswith("_reference") and c.y not in c.ref:
        return c.say(Status.NO_DATA, f"缺少{c.y}年参照值，无法比较", f"no reference value for {c.y} to compare with")
    return _RULES[sp.rule_kind](c, t)


def _context(
    spec: TargetSpec, observations: Mapping[int, Obs], as_of_year: int,
    reference: Mapping[int, float | Obs] | None, thresholds: Thresholds,
) -> _Ctx:  # fmt: skip
    """What a rule sees: the finite observations up to as_of_year (ascending) and the usable reference values
    (year → value, source kind); shared by the status engine and the end-of-period verdicts."""
    obs = {y: observations[y] for y in sorted(observations) if y <= as_of_year and math.isfinite(observations[y].value)}
    ref: dict[int, tuple[float, str | None]] = {}
    for y, v in (reference or {}).items():
        value, kind = (v.value, v.source_kind) if isinstance(v, Obs) else (float(v), None)
        if math.isfinite(value) and (spec.rule_kind != "reach_reference" or value > thresholds.tolerance):
            ref[y] = (value, kind)
    return _Ctx(spec, obs, ref, thresholds)


def assess(
    spec: TargetSpec,
    observations: Mapping[int, Obs],
    as_of_year: int,
    reference: Mapping[int, float | Obs] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Assessment:
    """The status of one target as of `as_of_year`, from its yearly observations (later years are ignored).
    `reference` is the series a relative target is judged against (year → value or Obs with its source kind)."""
    c = _context(spec, observations, as_of_year, reference, thresholds)
    obs, ref = c.obs, c.ref
    out = _judge(c, as_of_year)
    latest = obs[c.y] if obs else None
    share = out.share
    if share is None and obs:
        share = _share(c.y, spec.baseline_year or spec.plan_baseline_year, spec.target_year)
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


PATH_RULES = ("min", "gt", "max")  # the rules judged against a straight line from baseline to target


def expected_path(
    spec: TargetSpec,
    observations: Mapping[int, Obs],
    as_of_year: int,
    last_year: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[tuple[int, float]]:
    """The straight line a ≥ / > / ≤ target is judged against as of `as_of_year`, year by year: from the baseline the
    status uses (the plan's, else an observed one, else 0 — Assessment.baseline_basis) to the target in its year,
    then level up to `last_year` (default: the target year). Charts draw this path, so their dashed line is the one
    the status was judged against. Empty when the rule has no such line, there is no target value, or nothing to
    start from (`max` without a baseline; no baseline and no observation)."""
    if spec.rule_kind not in PATH_RULES or spec.target_value is None:
        return []
    c = _context(spec, observations, as_of_year, None, thresholds)
    if not c.obs and spec.baseline_value is None:
        return []
    base = _baseline(c)
    if base is None:
        return []
    b, y0, _ = base
    end = max(last_year if last_year is not None else spec.target_year, y0)
    return [(y, expected_at(b, spec.target_value, _share(y, y0, spec.target_year))) for y in range(y0, end + 1)]


def summarise(assessments: Iterable[Assessment]) -> dict[str, int]:
    """Counts per status id, every status present, in STATUS_ORDER."""
    counts = {s.value: 0 for s in STATUS_ORDER}
    for a in assessments:
        counts[Status(a.status).value] += 1
    return counts


def is_binding_alert(spec: TargetSpec, assessment: Assessment) -> bool:
    """A 约束性 target that is not achieved or on track (no_data included): flag it most prominently."""
    return spec.attribute == "binding" and assessment.status not in (Status.ACHIEVED, Status.ON_TRACK)
