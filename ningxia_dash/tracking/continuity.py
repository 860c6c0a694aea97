"""One series across plans: which indicator of a new plan continues which of the previous plan
(`indicators.carries_over_from`), the new plan's baseline, and the 衔接 table that sets each new target's
required pace against the pace the previous plan achieved (pure).

Method (README "One series across plans"):
- The new plan's baseline of a continuing target is the value its row prints; without one, the previous indicator's
  final actual: its observation in the new plan's baseline year, else the latest before it (shown with its source).
- Achieved pace: the previous indicator's observed pace over the previous plan (pace.py: least squares from its
  baseline year to the previous plan's last year; compound growth for amounts in 元).
- Required pace: from the new baseline to the new target in the years between, (T − B)/n (compound:
  (T/B)^(1/n) − 1), for ≥ / > / ≤ targets with a value.
- Judgement: 已达到 when the new baseline already meets the new target; 需加快 when the required pace is faster
  than the achieved one (in the target's direction); 按以往速度可达 when not; 无法比较 without both paces.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

import pandas as pd

from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import clause_label, target_text, value_text
from ningxia_dash.plan import Plan
from ningxia_dash.tracking import pace
from ningxia_dash.tracking.status import Obs, TargetSpec, expected_path

PACED = ("min", "gt", "max")
JUDGEMENTS = ("reached", "stretch", "within", "unknown")


def _text(v: object) -> str | None:
    return v if isinstance(v, str) and v else None


def _num(v: object) -> float | None:
    if v is None or v is pd.NA:
        return None
    try:
        f = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def successor_plan(plans: pd.DataFrame, indicators: pd.DataFrame, plan_id: str) -> str | None:
    """The plan that continues `plan_id`: one naming it as predecessor, else one whose targets continue its
    indicators (the earliest such plan). `indicators`: every plan's indicators."""
    named = plans[plans["predecessor_id"] == plan_id].sort_values("period_start")
    if not named.empty:
        return str(named["id"].iloc[0])
    mine = set(indicators.loc[indicators["plan_id"] == plan_id, "id"])
    linked = indicators[indicators["carries_over_from"].isin(mine) & (indicators["plan_id"] != plan_id)]
    if linked.empty:
        return None
    by_start = plans.set_index("id")["period_start"]
    return str(min(set(linked["plan_id"]), key=lambda p: int(by_start.get(p, 9999))))


def plan_pair(plans: pd.DataFrame, indicators: pd.DataFrame, plan_id: str) -> tuple[str, str] | None:
    """(previous, next) plan the 衔接 section compares for the chosen plan: the chosen plan and its successor,
    else the chosen plan's predecessor and the chosen plan; None when neither exists."""
    nxt = successor_plan(plans, indicators, plan_id)
    if nxt is not None:
        return plan_id, nxt
    row = plans.set_index("id").loc[plan_id]
    pred = _text(row.get("predecessor_id"))
    if pred and pred in set(plans["id"]):
        return pred, plan_id
    mine = indicators[indicators["plan_id"] == plan_id]
    olds = indicators[indicators["id"].isin(set(mine["carries_over_from"].dropna()))]
    return (str(olds["plan_id"].iloc[0]), plan_id) if not olds.empty else None


def chain(indicators: pd.DataFrame, indicator_id: str) -> tuple[str, str] | None:
    """(previous, next) indicator ids of the link `indicator_id` is part of: the one it continues, else the one
    that continues it (the earliest plan's, if several do). `indicators`: every plan's indicators."""
    by_id = indicators.set_index("id")
    if indicator_id not in by_id.index:
        return None
    pred = _text(by_id.at[indicator_id, "carries_over_from"])
    if pred and pred in by_id.index:
        return pred, indicator_id
    nexts = indicators[indicators["carries_over_from"] == indicator_id]
    return (indicator_id, str(nexts["id"].iloc[0])) if not nexts.empty else None


@dataclass(frozen=True)
class Baseline:
    value: float | None
    year: int
    source: str | None  # "plan" (printed in the new plan), or the source kind of the previous final actual
    from_previous: bool


def new_baseline(new: pd.Series, plan_baseline_year: int, previous: dict[int, Obs]) -> Baseline:
    """The new plan's baseline of a continuing target: its own printed value, else the previous indicator's final
    actual (in the new plan's baseline year, else the latest before it)."""
    year = int(new["baseline_year"]) if _num(new.get("baseline_year")) is not None else plan_baseline_year
    own = _num(new.get("baseline_value"))
    carried = _text(new.get("baseline_carried"))  # queries.indicators filled it from the previous final actual
    if own is not None and carried:
        return Baseline(own, year, carried, True)
    if own is not None:
        return Baseline(own, year, "plan", False)
    years = [y for y in previous if y <= year]
    if not years:
        return Baseline(None, year, None, True)
    last = max(years)
    return Baseline(previous[last].value, last, previous[last].source_kind, True)


def baseline_text(b: Baseline, unit: object, lang: Lang) -> str:
    """'98%（2025年，上一规划期末实际，示例数据）' / '98% (2025, previous plan's final actual, demo data)'."""
    if b.value is None:
        return t("common.none", lang)
    parts = [str(b.year) + ("年" if lang == "zh" else "")]
    parts.append(t("continuity.base_previous" if b.from_previous else "continuity.base_plan", lang))
    if b.from_previous and b.source:
        parts.append(t(f"prov.{b.source}", lang))
    sep, (lo, hi) = ("，", ("（", "）")) if lang == "zh" else (", ", (" (", ")"))
    return value_text(b.value, unit, lang) + lo + sep.join(parts) + hi


def required_pace(base: float, target: float, years: int, method: str) -> float | None:
    if years <= 0:
        return None
    if method == "compound":
        return (target / base) ** (1 / years) - 1 if base > 0 and target > 0 else None
    return (target - base) / years


def _meets(rule: str, falling: bool, value: float, target: float) -> bool:
    d = (target - value) if falling else (value - target)
    tol = 1e-9 * max(1.0, abs(target))
    return d > tol if rule == "gt" else d >= -tol


def plan_words(plan: Plan) -> str:
    """How a Chinese sentence names the previous plan's period: '十四五期间' from 衔接“十四五”规划, else
    '<short name>期间' (English names the years the pace spans instead)."""
    m = re.search(r"“([^”]+)”", plan.short_zh)
    return (m.group(1) if m else plan.short_zh) + "期间"


@dataclass(frozen=True)
class Link:
    old: pd.Series
    new: pd.Series
    verdict: str | None
    final_value: float | None
    final_year: int | None
    final_source: str | None
    baseline: Baseline
    method: str | None
    achieved: float | None
    achieved_kinds: tuple[str, ...]
    required: float | None
    judgement: str
    sentence_zh: str
    sentence_en: str


def link(old: pd.Series, new: pd.Series, evaluation: pd.Series | None, previous: dict[int, Obs],
         old_plan: Plan, new_plan: Plan) -> Link:  # fmt: skip
    """One continuing indicator: the previous target and its result, the new target and the paces compared."""
    base = new_baseline(new, new_plan.baseline_year, previous)
    unit = _text(new.get("unit"))
    rule, target = str(new["rule_kind"]), _num(new.get("target_value"))
    method = achieved = required = None
    kinds: tuple[str, ...] = ()
    span = ""
    judgement = "unknown"
    zh: list[str] = []
    en: list[str] = []
    if rule in PACED and target is not None and base.value is not None:
        falling = rule == "max"  # a ≥ target below the new baseline is already met, not a target to fall to
        old_end = old_plan.period_end
        spec = TargetSpec.from_row(old.to_dict(), plan_baseline_year=old_plan.baseline_year)
        # The previous plan's observed pace, as pace.py measures it, for a target of the new plan's kind.
        p = pace.pace(replace(spec, rule_kind=rule, target_value=target, target_year=old_end), previous, old_end)
        method = p.method or ("compound" if unit and unit.endswith("元") else "linear")
        if p.applicable:
            achieved, kinds, span = p.observed, p.source_kinds, f"{p.first_year}–{p.latest_year}"
        years = int(new["target_year"]) - base.year
        if _meets(rule, falling, base.value, target):
            judgement = "reached"
            zh.append("新规划基期已达到新目标")
            en.append("the new baseline already meets the new target")
        else:
            required = required_pace(base.value, target, years, method)
        if required is not None:
            zh.append("需年均" + pace.rate_text(required, method, unit, "zh"))
            en.append("needs " + pace.rate_text(required, method, unit, "en"))
        if achieved is not None:
            zh.append(f"{plan_words(old_plan)}实际年均" + pace.rate_text(achieved, method, unit, "zh"))
            en.append(f"achieved {pace.rate_text(achieved, method, unit, 'en')} in {span}")
            if required is not None:
                sign = -1.0 if falling else 1.0
                judgement = "stretch" if sign * required > sign * achieved + 1e-9 else "within"
        elif judgement != "reached":
            zh.append("上一规划期观测值不足，无法比较")
            en.append("too few values in the previous plan to compare")
        if "demo" in kinds:
            zh[-1] += f"（{t('prov.demo', 'zh')}）"
            en[-1] += f" ({t('prov.demo', 'en')})"
    else:
        zh.append(t("continuity.not_paced", "zh"))
        en.append(t("continuity.not_paced", "en"))
    ev = evaluation if evaluation is not None else pd.Series(dtype=object)
    final_year = _num(ev.get("final_year"))
    return Link(
        old, new, _text(ev.get("verdict")), _num(ev.get("final_value")), None if final_year is None else int(final_year),
        _text(ev.get("final_source_kind")), base, method, achieved, kinds, required, judgement, "，".join(zh),
        "; ".join(en),
    )  # fmt: skip


def series(observations: pd.DataFrame, indicator_id: str, region: str) -> dict[int, Obs]:
    """{year: Obs} of one indicator in one region (yearly values)."""
    mine = observations[(observations["indicator_id"] == indicator_id) & (observations["region_code"] == region)]
    if "period_type" in mine:
        mine = mine[mine["period_type"] == "year"]
    return {
        int(y): Obs(float(v), str(k), str(s))
        for y, v, k, s in zip(mine["year"], mine["value"], mine["source_kind"], mine["source_id"], strict=True)
    }


@dataclass(frozen=True)
class Bridge:
    links: list[Link]
    dropped: pd.DataFrame  # previous plan's indicators no new target continues
    new_only: pd.DataFrame  # new plan's indicators that continue none of the previous plan's


def bridge(old_plan: Plan, new_plan: Plan, old_inds: pd.DataFrame, new_inds: pd.DataFrame,
           evaluations: pd.DataFrame, old_obs: pd.DataFrame, region: str) -> Bridge:  # fmt: skip
    """Every continuing indicator between two plans, in the new plan's order; `evaluations`: the previous plan's
    end-of-period verdicts (assess.evaluate_region columns) for `region`."""
    old_by_id = old_inds.set_index("id", drop=False)
    ev_by_id = evaluations.set_index("indicator_id", drop=False) if not evaluations.empty else evaluations
    continuing = new_inds[new_inds["carries_over_from"].isin(set(old_inds["id"]))]
    links = [
        link(
            old_by_id.loc[pred],
            new,
            ev_by_id.loc[pred] if pred in ev_by_id.index else None,
            series(old_obs, pred, region),
            old_plan,
            new_plan,
        )
        for pred, (_, new) in zip(continuing["carries_over_from"], continuing.iterrows(), strict=True)
    ]
    dropped = old_inds[~old_inds["id"].isin(set(continuing["carries_over_from"]))]
    new_only = new_inds[~new_inds["carries_over_from"].isin(set(old_inds["id"]))]
    return Bridge(links, dropped.reset_index(drop=True), new_only.reset_index(drop=True))


def judgement_label(j: str, lang: Lang) -> str:
    return t(f"continuity.judge.{j}", lang)


def counts(b: Bridge) -> dict[str, int]:
    return {j: sum(x.judgement == j for x in b.links) for j in JUDGEMENTS}


def _final(x: Link, lang: Lang) -> str:
    if x.final_value is None or x.final_year is None:
        return t("common.none", lang)
    unit = x.old["unit"]
    kind = t(f"prov.{x.final_source}", lang) if x.final_source else ""
    if lang == "zh":
        return f"{value_text(x.final_value, unit, lang)}（{x.final_year}年" + (f"，{kind}）" if kind else "）")
    return f"{value_text(x.final_value, unit, lang)} ({x.final_year}" + (f", {kind})" if kind else ")")


def _verdict(v: str | None, lang: Lang) -> str:
    from ningxia_dash.tracking.evaluation import verdict_label

    return verdict_label(v, lang) if v else t("common.none", lang)


def bridge_table(b: Bridge, lang: Lang) -> pd.DataFrame:
    """The 衔接 table as the evaluation page shows and downloads it."""
    return pd.DataFrame({
        "id": [str(x.new["id"]) for x in b.links],
        t("col.indicator", lang): [pick(lang, x.new["name_zh"], x.new["name_en"]) for x in b.links],
        t("continuity.col.judgement", lang): [judgement_label(x.judgement, lang) for x in b.links],
        t("continuity.col.pace", lang): [pick(lang, x.sentence_zh, x.sentence_en) for x in b.links],
        t("continuity.col.old_target", lang): [
            target_text(x.old, lang) + f" ({int(x.old['target_year'])})" for x in b.links
        ],
        t("continuity.col.final", lang): [_final(x, lang) for x in b.links],
        t("evaluation.col.verdict", lang): [_verdict(x.verdict, lang) for x in b.links],
        t("continuity.col.new_base", lang): [baseline_text(x.baseline, x.new["unit"], lang) for x in b.links],
        t("continuity.col.new_target", lang): [
            target_text(x.new, lang) + f" ({int(x.new['target_year'])})" for x in b.links
        ],
    })  # fmt: skip


def list_table(inds: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Dropped or new indicators: clause and name."""
    return pd.DataFrame({
        t("col.clause", lang): [clause_label(c, lang) for c in inds["clause"]],
        t("col.indicator", lang): [pick(lang, z, e) for z, e in zip(inds["name_zh"], inds["name_en"], strict=True)],
    })  # fmt: skip


def summary(b: Bridge, lang: Lang) -> str:
    c = counts(b)
    return t("continuity.summary", lang, n=len(b.links), reached=c["reached"], stretch=c["stretch"],
             within=c["within"], unknown=c["unknown"])  # fmt: skip


@dataclass(frozen=True)
class Segment:
    """One plan's part of a series across plans (the indicator detail page)."""

    plan_id: str
    label: str  # the plan's short name in the language
    start: int
    end: int
    judged: bool  # the plan chosen in the sidebar: its target is the one judged
    actual: pd.DataFrame  # year, value, source_kind
    line: pd.DataFrame  # year, expected: baseline → target
    target: float | None
    target_year: int
    target_label: str  # '≥ 99%'
    baseline: Baseline


def across(old: pd.Series, new: pd.Series, old_plan: Plan, new_plan: Plan, old_series: dict[int, Obs],
           new_series: dict[int, Obs], judged_plan: str, lang: Lang) -> list[Segment]:  # fmt: skip
    """The two plans' parts of one series: each plan's actual values, its path from baseline to target and its
    target; the new plan's baseline is its printed one or the previous plan's final actual (new_baseline)."""
    out = []
    for ind, plan, obs in ((old, old_plan, old_series), (new, new_plan, new_series)):
        base_year = plan.baseline_year
        if ind is new:
            b = new_baseline(new, base_year, old_series)
        else:
            by = int(old["baseline_year"]) if _num(old.get("baseline_year")) is not None else base_year
            value = _num(old.get("baseline_value"))
            value = value if value is not None else (obs[by].value if by in obs else None)
            b = Baseline(value, by, "plan", False)
        row = ind.copy()
        row["baseline_value"], row["baseline_year"] = b.value, b.year
        spec = TargetSpec.from_row(row.to_dict(), plan_baseline_year=base_year)  # the shown baseline b, as printed
        points = expected_path(spec, {}, plan.period_end, plan.period_end) if b.value is not None else []
        line = pd.DataFrame(points, columns=["year", "expected"])
        start, end = plan.period_start, plan.period_end
        years = sorted(y for y in obs if (start <= y <= end) or (ind is old and y == b.year))
        actual = pd.DataFrame({
            "year": years, "value": [obs[y].value for y in years], "source_kind": [obs[y].source_kind for y in years],
        })  # fmt: skip
        out.append(Segment(
            plan.id, plan.short(lang), start, end, plan.id == judged_plan,
            actual, line, _num(ind.get("target_value")), int(ind["target_year"]), target_text(ind, lang), b,
        ))  # fmt: skip
    return out


def across_caption(segments: list[Segment], unit: object, lang: Lang) -> str:
    """'测试下一规划的基期：98%（2025年，上一规划期末实际，示例数据）；侧栏所选规划的目标用于评判。'"""
    new = segments[-1]
    judged = next((s.label for s in segments if s.judged), new.label)
    return t("continuity.across_caption", lang, plan=new.label, base=baseline_text(new.baseline, unit, lang),
             judged=judged)  # fmt: skip
