"""A new plan's target that continues an indicator of the previous plan (接续指标, `carries_over_from`): checks that
the two measure the same thing, so one series can run across both plans (pure Python and pandas).

- Refused (error): a reference to an unknown indicator (validate.Validator.code), to the row itself or to an
  indicator of the same plan, a loop (A continues B, B continues A, over the stored links and the file's together),
  a different unit (units compared as validate.unit_key does: % = 百分比 = 百分点) and a different direction (a
  target to raise — ≥, >, maintain, per year, rising, relative, milestone — continued by one to lower, ≤ or 动态清零,
  or the reverse).
- Said but not refused (warning): a different attribute (约束性 / 预期性): a new plan may make a target binding.
Every message names the row, the 接续指标 column, the previous indicator and what differs.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ningxia_dash.ingest.validate import Validator, unit_key

COLUMN = "carries_over_from"
DOWN_RULES = frozenset({"max", "zero"})
DIRECTION = {"up": ("提高", "raise"), "down": ("降低", "lower")}
ATTRIBUTE = {"binding": ("约束性", "binding"), "expected": ("预期性", "expected"), "none": ("无", "none")}


def direction(rule_kind: object) -> str | None:
    if not isinstance(rule_kind, str) or not rule_kind:
        return None
    return "down" if rule_kind in DOWN_RULES else "up"


def _cell(v: Validator, name: str, row: int, stored: dict[str, Any]) -> Any:
    """The row's value of a column: the file's when given, else the stored one (an update leaves it out)."""
    value = v.frame[name].at[row] if name in v.frame.columns else None
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return stored.get(name)
    return value


def loops_back(start: str, own: str, links: dict[str, str]) -> bool:
    """Whether following `links` (indicator → the one it continues) from `start` comes back to `own`."""
    cur, seen = start, set()
    while cur not in seen:
        if cur == own:
            return True
        seen.add(cur)
        nxt = links.get(cur)
        if nxt is None:
            return False
        cur = nxt
    return False


def check(v: Validator, carries: pd.Series, plan_ids: pd.Series) -> None:
    """The continuity rules of a targets file; `carries` is the resolved 接续指标 column, `plan_ids` each row's plan."""
    refs, ids = v.refs, v.frame["id"]
    links = {k: str(x["carries_over_from"]) for k, x in refs.indicators.items() if x.get("carries_over_from")}
    for row in v.index:
        own, pred = ids.at[row], carries.at[row]
        if isinstance(own, str) and isinstance(pred, str):
            links[own] = pred
    bad: dict[str, dict[int, dict[str, object]]] = {
        k: {} for k in ("cell.carry_loop", "cell.carry_same_plan", "cell.carry_differs")
    }
    warn: dict[int, dict[str, object]] = {}
    for row in v.index:
        own, pred = ids.at[row], carries.at[row]
        if not isinstance(pred, str) or not isinstance(own, str):
            continue  # nothing named, or unknown: Validator.code reports an unknown id
        old, mine = refs.indicators[pred], refs.indicators.get(own, {})
        named = f"“{pred}”（{old['name_zh']}）"
        if loops_back(pred, own, links):
            bad["cell.carry_loop"][row] = {"pred": named}
            continue
        plan = plan_ids.at[row]
        if isinstance(plan, str) and plan == old["plan_id"]:
            bad["cell.carry_same_plan"][row] = {"pred": named, "plan": f"{refs.plans[plan]['short_zh']}（{plan}）"}
            continue
        differs: list[tuple[str, str]] = []
        unit_new, unit_old = _cell(v, "unit", row, mine), old.get("unit")
        if unit_key(unit_new) != unit_key(unit_old):
            un, uo = unit_new or "无", unit_old or "无"
            differs.append((f"单位为“{uo}”，本行为“{un}”", f"its unit is “{uo}”, this row's “{un}”"))
        dir_new, dir_old = direction(_cell(v, "rule_kind", row, mine)), direction(old.get("rule_kind"))
        if dir_new and dir_old and dir_new != dir_old:
            (oz, oe), (nz, ne) = DIRECTION[dir_old], DIRECTION[dir_new]
            differs.append((f"目标方向为{oz}，本行为{nz}", f"it aims to {oe}, this row to {ne}"))
        if differs:
            what = ("，".join(z for z, _ in differs), "; ".join(e for _, e in differs))
            bad["cell.carry_differs"][row] = {"pred": named, "what": what}
        attr_new, attr_old = _cell(v, "attribute", row, mine), old.get("attribute")
        if attr_new in ATTRIBUTE and attr_old in ATTRIBUTE and attr_new != attr_old:
            warn[row] = {"pred": named, "old": ATTRIBUTE[attr_old], "new": ATTRIBUTE[attr_new]}
    for code, rows in bad.items():
        v.rule(COLUMN, code, pd.Series(~v.index.isin(list(rows)), index=v.index), rows.__getitem__)
    v.rule(
        COLUMN,
        "warn.carry_attribute",
        pd.Series(~v.index.isin(list(warn)), index=v.index),
        lambda r: warn[r],
        severity="warning",
    )
