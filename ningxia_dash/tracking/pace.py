"""Pace and projection: where a target is heading at the pace observed, and the pace it needs.

Pure Python beside the status engine. Callers hand over a `TargetSpec` and its yearly `Obs`; this module computes
and words the result in zh and en.

Method (README "Pace and projection"; tests/test_pace.py works every case by hand):
- Applies to targets with a value to reach: `min`, `gt`, `max` with a target value. Not to maintain / zero /
  per_year / milestone / relative (above_reference, reach_reference) / rising targets: they hold, repeat, happen
  once, follow a moving reference or have no value to project to; `Pace.reason_zh/en` says which.
- Points: the observations from the target's baseline year y0 (its own baseline year, else the plan's) to the
  as-of year. At least two of them must lie after y0, else no pace (a baseline and one year is not a trend).
- Observed pace: the least-squares slope of value on year over those points (units a year). For amounts in 元
  (元, 万元, 亿元) with every point above 0, compound growth instead: the least-squares slope g of ln(value) on year,
  reported as the annual rate e^g − 1 (incomes grow by a share, not by a fixed amount).
- Projection for the target year: from the latest point at the observed pace, latest + pace·n (compound:
  latest·(1 + rate)^n), n = target year − latest year. The projection starts at the latest value, not on the
  fitted line, so the dotted line in the chart leaves from the last dot.
- Required pace: (T − latest)/n (compound: (T/latest)^(1/n) − 1); zero when the latest value already meets T.
- Target year reached (the latest observation is in or after the target year): no projection. The observed pace
  stays, and the required pace is what WOULD have been needed from the baseline, (T − B)/(ty − y0) (compound:
  (T/B)^(1/(ty − y0)) − 1): set against the observed pace it tells the next plan what pace was realistic.
  B is the target's printed baseline, else the observation in y0, else none (then no required pace).
- Provenance: a projection is as good as the points it rests on. `Pace.source_kinds` lists their kinds; when one is
  demo the sentence says the projection rests on demonstration data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ningxia_dash.i18n import unit_label
from ningxia_dash.tracking.status import DEFAULT_THRESHOLDS, Obs, TargetSpec

PACED_RULES = ("min", "gt", "max")
_NOT_PACED = {
    "maintain": ("保持类目标不适用速度预测", "a target to maintain has no pace to project"),
    "zero": ("清零类目标不适用速度预测", "a zero target (动态清零) has no pace to project"),
    "per_year": ("逐年目标按每年判断，不适用速度预测", "a per-year target is judged year by year: no pace to project"),
    "milestone": ("节点类目标只看是否完成，不适用速度预测", "a milestone is done or not: no pace to project"),
    "above_reference": ("相对参照值的目标（参照值逐年变化）不适用速度预测",
                        "a target relative to a moving reference has no pace to project"),
    "reach_reference": ("相对参照值的目标（参照值逐年变化）不适用速度预测",
                        "a target relative to a moving reference has no pace to project"),
    "rising": ("“稳步提高”类目标没有目标值，不适用速度预测", "a 'rising steadily' target has no value to project to"),
}  # fmt: skip
_NO_TARGET = ("未设定目标值，不计算速度", "no target value set: no pace")
_TOO_FEW = ("基期后观测值不足两年，暂不计算速度", "fewer than two observations after the baseline: no pace yet")


@dataclass(frozen=True)
class Pace:
    indicator_id: str
    applicable: bool  # a pace was computed
    reason: str | None  # why not: the rule kind, "no_target" or "too_few"
    method: str | None  # "linear" (units a year) or "compound" (a growth rate a year)
    first_year: int | None  # the points' span
    latest_year: int | None
    latest_value: float | None
    observed: float | None  # the observed pace
    target_value: float | None
    target_year: int
    projected: float | None  # value at the target year at the observed pace; None once the target year is reached
    required: float | None  # pace needed from the latest value (or, once the target year is reached, from B)
    required_from: str | None  # "latest" or "baseline"
    on_pace: bool | None  # the projection meets the target (None without a projection)
    met: bool  # the latest value already meets the target
    source_kinds: tuple[str, ...]  # kinds of the points the pace rests on, sorted
    sentence_zh: str
    sentence_en: str

    @property
    def rests_on_demo(self) -> bool:
        return "demo" in self.source_kinds

    @property
    def moot(self) -> bool:
        """The target year has been reached: a pace, but no projection."""
        return self.applicable and self.required_from == "baseline"


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of value on year (at least two distinct years)."""
    n = len(points)
    mx, my = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def _num(v: float, lang: str) -> str:
    """Whole numbers from 1000 up, 1 decimal from 10, 2 below; no trailing zeros; thousands separators in en."""
    digits = 0 if abs(v) >= 1000 else 1 if abs(v) >= 10 else 2
    v = round(v, digits) + 0.0  # no "-0"
    text = f"{v:{',' if lang == 'en' else ''}.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(v: float, unit: str | None, unit_en: str | None, lang: str) -> str:
    if not unit or unit == "%":
        return _num(v, lang) + (unit or "")
    if lang == "zh":
        return _num(v, lang) + unit
    # English names the unit in English; some have no word ("个": "" → a bare number), never the Chinese unit.
    word = unit_label(unit, "en") if unit_en is None else unit_en
    return f"{_num(v, lang)} {word}".rstrip()


def _rate(v: float, method: str, unit: str | None, unit_en: str | None, lang: str) -> str:
    """A pace as words: zh '提高1.2个百分点', en '+1.2 points a year'."""
    mag = abs(v) * 100 if method == "compound" else abs(v)
    if method == "compound":
        size = _num(mag, lang) + "%"
    elif unit == "%":
        size = _num(mag, lang) + ("个百分点" if lang == "zh" else " points")
    else:
        size = _value(mag, unit, unit_en, lang)
    flat = _num(mag, lang) == "0"
    if lang == "zh":
        return "基本持平" if flat else ("提高" if v > 0 else "降低") + size
    return "about flat" if flat else f"{'+' if v > 0 else '−'}{size} a year"


def rate_text(v: float, method: str, unit: str | None, lang: str) -> str:
    """A pace in words, as the sentences say it (zh '提高1.2个百分点', en '+1.2 points a year'): for callers that
    compare paces, such as the 衔接 table (ningxia_dash/continuity.py)."""
    return _rate(v, method, unit, unit_label(unit, "en") if unit else None, lang)


def _not_paced(spec: TargetSpec, reason: str, words: tuple[str, str], kinds: tuple[str, ...] = ()) -> Pace:
    return Pace(spec.id, False, reason, None, None, None, None, None, spec.target_value, spec.target_year,
                None, None, None, None, False, kinds, *words)  # fmt: skip


def pace(spec: TargetSpec, observations: Mapping[int, Obs], as_of_year: int, unit_en: str | None = None) -> Pace:
    """The pace of one target as of `as_of_year` (later observations are ignored). `unit_en` is the unit as the
    English sentence names it (default: i18n.unit_label's English name; "" for units English leaves unnamed)."""
    if spec.rule_kind not in PACED_RULES:
        return _not_paced(spec, spec.rule_kind, _NOT_PACED[spec.rule_kind])
    if spec.target_value is None:
        return _not_paced(spec, "no_target", _NO_TARGET)
    y0, t, ty, unit = spec.baseline_year or spec.plan_baseline_year, spec.target_value, spec.target_year, spec.unit
    points = [(y, observations[y]) for y in sorted(observations) if y0 <= y <= as_of_year]
    points = [(y, o) for y, o in points if math.isfinite(o.value)]
    kinds = tuple(sorted({o.source_kind for _, o in points}))
    if sum(y > y0 for y, _ in points) < 2:
        return _not_paced(spec, "too_few", _TOO_FEW, kinds)
    ly, a = points[-1][0], points[-1][1].value
    b = (
        spec.baseline_value
        if spec.baseline_value is not None
        else observations[y0].value
        if y0 in observations
        else None
    )
    compound = bool(unit) and str(unit).endswith("元") and all(o.value > 0 for _, o in points) and t > 0
    method = "compound" if compound else "linear"
    if compound:
        observed = math.exp(slope([(y, math.log(o.value)) for y, o in points])) - 1
    else:
        observed = slope([(y, o.value) for y, o in points])

    falling = spec.rule_kind == "max" or (b is not None and t < b)
    tol = DEFAULT_THRESHOLDS.tolerance * max(1.0, abs(t))

    def meets(v: float) -> bool:
        d = (t - v) if falling else (v - t)
        return d > tol if spec.rule_kind == "gt" else d >= -tol

    def needed(start: float, years: int) -> float:
        if compound:
            return (t / start) ** (1 / years) - 1 if start > 0 else math.nan
        return (t - start) / years

    op = ">" if spec.rule_kind == "gt" else "≤" if falling else ""
    words = {lang: (lambda v, lang=lang: _value(v, unit, unit_en, lang)) for lang in ("zh", "en")}
    rate = {lang: (lambda v, lang=lang: _rate(v, method, unit, unit_en, lang)) for lang in ("zh", "en")}
    tz, te = op + words["zh"](t), op + words["en"](t)
    zh, en = (
        [f"{points[0][0]}–{ly}年年均{rate['zh'](observed)}"],
        [f"observed {rate['en'](observed)} {points[0][0]}–{ly}"],
    )
    met = meets(a)
    projected = required = on_pace = None
    required_from = None
    if ly < ty:
        n = ty - ly
        projected = a * (1 + observed) ** n if compound else a + observed * n
        on_pace, required_from = meets(projected), "latest"
        required = 0.0 if met else needed(a, n)
        pz, pe = words["zh"](projected), words["en"](projected)
        zh.append(f"按当前速度，{ty}年预计达{pz}（目标{tz}）")
        en.append(f"at this pace {pe} by {ty} (target {te})")
        if met:
            zh.append("已达到目标")
            en.append("target already met")
        else:
            zh.append(f"需每年{rate['zh'](required)}")
            en.append(f"needs {rate['en'](required)}")
    else:
        zh.append(f"{ty}年目标期已到，不再预测")
        en.append(f"the target year {ty} has come: no projection")
        if b is not None and ty > y0 and not (compound and b <= 0):
            required, required_from = needed(b, ty - y0), "baseline"
            bz, be = words["zh"](b), words["en"](b)
            zh.append(f"从{y0}年基期{bz}达到目标{tz}，需每年{rate['zh'](required)}（供下一规划参考）")
            en.append(f"reaching {te} from the {y0} baseline of {be} needed {rate['en'](required)} (for the next plan)")
        else:
            required_from = "baseline"  # the target year has come, whether or not B is known
    sentence_zh, sentence_en = "；".join(zh), "; ".join(en)
    if "demo" in kinds:  # a projection from demonstration data is demonstration
        sentence_zh += "；此预测依据示例数据" if projected is not None else "；依据示例数据"
        sentence_en += "; this projection rests on sample data" if projected is not None else "; rests on sample data"
    return Pace(spec.id, True, None, method, points[0][0], ly, a, observed, t, ty, projected, required,
                required_from, on_pace, met, kinds, sentence_zh, sentence_en)  # fmt: skip


def path(p: Pace, kind: str) -> list[tuple[int, float]]:
    """Yearly points from the latest value to the target year: kind "projection" at the observed pace, "required"
    at the required pace (empty when there is none, or the target year has been reached)."""
    rate = p.observed if kind == "projection" else p.required
    if not p.applicable or p.required_from != "latest" or rate is None or p.latest_year is None:
        return []
    a, y0 = p.latest_value or 0.0, p.latest_year
    if p.method == "compound":
        return [(y, a * (1 + rate) ** (y - y0)) for y in range(y0, p.target_year + 1)]
    return [(y, a + rate * (y - y0)) for y in range(y0, p.target_year + 1)]
