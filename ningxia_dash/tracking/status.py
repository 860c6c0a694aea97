"""The target-status vocabulary and what every rule stands on: is a target achieved, on track, lagging or off track?

Pure Python. Callers turn rows into `TargetSpec` and `Obs`; the status ids, their ranking, the thresholds, what a
rule sees (`Context`: the observations up to the assessed year, the reference, the baseline) and the straight line
live here. How each rule kind judges, and `assess`, are in tracking/rules.py; the end-of-period verdicts in
tracking/verdicts.py. Status labels (zh/en) live in `ningxia_dash.i18n`.

The published rule (ARCHITECTURE.md "Target status"): share s = (y − y0)/(y1 − y0) clipped to [0, 1],
expected E = B + (T − B)·s, progress r = (A − B)/(T − B); achieved when A meets T, on track when r ≥ s,
lagging when f·s ≤ r < s, off track below that or when A moved away from T (f = `Thresholds.lagging_factor`).
Every rule judges the latest observation with year ≤ as_of_year; missing data is `no_data`, never on track,
and so is a series whose latest observation is its baseline (the baseline year or earlier): a baseline on its own
is no evidence of progress.

Decisions (documented here and in tracking/rules.py, tested in tests/test_status.py):
- STATUS_ORDER is worst → best: off_track, lagging, no_data, on_track, achieved. An unknown sits after the
  confirmed shortfalls (they need action first) but before anything known to be fine.
- Direction: `min` is ≥ T when T ≥ B and ≤ T (a falling target) when T < B; `gt` is strictly > T; `max` is ≤ T.
  Float comparisons allow `tolerance`·max(1, |T|) (`Context.direction`, shared with the verdicts).
- Time is the latest observed year, not as_of_year: a milestone is overdue once an observation in or after its
  target year shows it undone, so a series whose data lag is not declared overdue before they arrive.
- Missing baseline for `min`/`gt`: the latest observation at or before the plan's baseline year, else the earliest
  observation if it precedes the latest one, else 0 at the plan's baseline year (a count built from nothing).
  `Assessment.baseline_basis` says which: "plan", "observed" or "zero". `expected_path` gives the straight line
  from that same baseline to the target (what the detail chart draws dashed), so the line and the status agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
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
    # The unit in English sentences (plural, for exactly one), e.g. ("times", "time"); ("", "") for 个, which English
    # leaves unnamed. None: the unit as stored (callers that speak English pass it: assess.english_specs).
    unit_en: tuple[str, str] | None = None

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


@dataclass(frozen=True)
class Context:
    """What a rule sees: the target, its finite observations up to the assessed year (ascending), the usable
    reference values (year → value, source kind) and the thresholds. Built by `context`."""

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
        if unit in ("", "%"):
            return zh + unit, en + unit
        if self.spec.unit_en is None:
            return zh + unit, f"{en} {unit}"
        word = self.spec.unit_en[1 if abs(v) == 1 else 0]
        return zh + unit, f"{en} {word}".rstrip()

    def direction(self, t: float, base: tuple[float, int, str] | None) -> tuple[Callable[[float], bool], str]:
        """How a min / gt / max (or falling zero) target is met: `meets(value)` and its operator (≥, > or ≤). A `max`,
        or a `min`/`zero` whose target lies below its baseline, is falling; `gt` is strict."""
        kind = self.spec.rule_kind
        falling = kind == "max" or (kind in ("min", "zero") and base is not None and t < base[0])
        sign, strict = (-1 if falling else 1), kind == "gt"

        def meets(v: float) -> bool:
            return sign * (v - t) > self.tol(t) if strict else sign * (v - t) >= -self.tol(t)

        return meets, ">" if strict else "≤" if falling else "≥"


def elapsed_share(y: int, y0: int, y1: int) -> float:
    """s = (y − y0)/(y1 − y0) clipped to [0, 1] (a target due at or before its start: 0 before, 1 from then on)."""
    if y1 <= y0:
        return 1.0 if y >= y1 else 0.0
    return min(1.0, max(0.0, (y - y0) / (y1 - y0)))


def expected_at(b: float, t: float, s: float) -> float:
    """E = B + (T − B)·s: the straight-line path at share s (the one formula the rules and expected_path use)."""
    return b + (t - b) * s


def line_status(c: Context, a: float, b: float, t: float, s: float) -> tuple[Status, float, float]:
    """Status, r and E on the straight line b → t (b ≠ t) at share s."""
    r, e = (a - b) / (t - b), expected_at(b, t, s)
    if r < -c.tol():
        return Status.OFF_TRACK, r, e
    if r >= s - c.tol():
        return Status.ON_TRACK, r, e
    return (Status.LAGGING if r >= c.th.lagging_factor * s - c.tol() else Status.OFF_TRACK), r, e


def baseline_of(c: Context) -> tuple[float, int, str] | None:
    """The baseline a rule starts from: (value, year, basis) — the plan's, else observed, else 0 (module docstring)."""
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


def context(
    spec: TargetSpec, observations: Mapping[int, Obs], as_of_year: int,
    reference: Mapping[int, float | Obs] | None, thresholds: Thresholds,
) -> Context:  # fmt: skip
    """What a rule sees: the finite observations up to as_of_year (ascending) and the usable reference values
    (year → value, source kind); shared by the status engine and the end-of-period verdicts."""
    obs = {y: observations[y] for y in sorted(observations) if y <= as_of_year and math.isfinite(observations[y].value)}
    ref: dict[int, tuple[float, str | None]] = {}
    for y, v in (reference or {}).items():
        value, kind = (v.value, v.source_kind) if isinstance(v, Obs) else (float(v), None)
        if math.isfinite(value) and (spec.rule_kind != "reach_reference" or value > thresholds.tolerance):
            ref[y] = (value, kind)
    return Context(spec, obs, ref, thresholds)


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
    c = context(spec, observations, as_of_year, None, thresholds)
    if not c.obs and spec.baseline_value is None:
        return []
    base = baseline_of(c)
    if base is None:
        return []
    b, y0, _ = base
    end = max(last_year if last_year is not None else spec.target_year, y0)
    return [(y, expected_at(b, spec.target_value, elapsed_share(y, y0, spec.target_year))) for y in range(y0, end + 1)]


def summarise(assessments: Iterable[Assessment]) -> dict[str, int]:
    """Counts per status id, every status present, in STATUS_ORDER."""
    counts = {s.value: 0 for s in STATUS_ORDER}
    for a in assessments:
        counts[Status(a.status).value] += 1
    return counts


def is_binding_alert(spec: TargetSpec, assessment: Assessment) -> bool:
    """A 约束性 target that is not achieved or on track (no_data included): flag it most prominently."""
    return spec.attribute == "binding" and assessment.status not in (Status.ACHIEVED, Status.ON_TRACK)
