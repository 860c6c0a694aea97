"""Plausibility of uploaded indicator values: warnings, never errors (pure; no database).

A value is flagged when it jumps far from its own series or lies far outside the other counties. The officer
sees the history beside the value ("2024年为98%，本次2025年为69.5%，是否录入有误？") and may still commit; the
batch records that the warnings were seen (`batch_note`, kept in the batch's `sources.note`).

Rules (observations kind only; a series is one indicator, region, period type and period number):

* **History.** The history of a file row is what the database holds for its series in *other* periods (rows the
  file itself writes are left out). Its largest year-on-year change is the largest absolute change between two
  stored years, divided by the years between them. The row is compared with the nearest stored year before it
  (after it when none is before): the change per year is flagged when it exceeds
  ``JUMP_MULTIPLE`` × max(largest year-on-year change, ``JUMP_FLOOR_SHARE`` × |reference value|). The floor keeps
  a flat history (no change at all) from flagging every change. Needs ``MIN_HISTORY`` stored years.
* **Rates.** For an indicator whose unit is "%", a move of more than ``RATE_POINTS`` percentage points a year from
  the nearest stored year is flagged, whatever the history (one stored year is enough).
* **Neighbours.** A county row is compared with the other counties' values for the same indicator and period (the
  file's values where it has them, else the database's), when there are at least ``MIN_NEIGHBOURS`` of them. It is
  flagged outside [min − m·s, max + m·s] of the others, where m = ``NEIGHBOUR_MULTIPLE``, min / max are the
  others' smallest and largest values, and s = max(interquartile range of all the counties' values, the floor
  ``JUMP_FLOOR_SHARE`` × |median|) — the IQR of the whole group is used because one wild value barely moves it.

Everything is vectorised (groupby, merge_asof): no query and no Python loop per row.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ningxia_dash.ingest.messages import Issue

JUMP_MULTIPLE = 3.0  # a change per year more than 3× the largest seen in the history is flagged
JUMP_FLOOR_SHARE = 0.05  # …but never less than 5 % of the reference value (flat histories)
MIN_HISTORY = 2  # stored years needed for the history rule (one change)
RATE_POINTS = 10.0  # a rate ("%") moving more than 10 points a year is flagged
MIN_NEIGHBOURS = 5  # other counties needed for the neighbour rule
NEIGHBOUR_MULTIPLE = 1.5  # outside [min − 1.5·IQR, max + 1.5·IQR] of the other counties

SERIES = ["indicator_id", "region_code", "period_type", "period_no"]
SEEN_NOTE = "上传时提示{n}处数值可能有误（已确认导入）"
_SEEN_RE = re.compile(r"上传时提示(\d+)处数值可能有误")


def _fmt(value: float, unit: str) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def _series_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "indicator_id": df["indicator_id"].astype(str),
            "region_code": df["region_code"].astype(str),
            "period_type": df["period_type"].astype(object).where(df["period_type"].notna(), "year").astype(str),
            "period_no": pd.to_numeric(df["period_no"], errors="coerce").fillna(0).astype("int64"),
            "year": pd.to_numeric(df["year"], errors="coerce"),
            "value": pd.to_numeric(df["value"], errors="coerce").astype("float64"),
        },
        index=df.index,
    )
    return out[out["year"].notna() & out["value"].notna()].astype({"year": "int64"})


def largest_yearly_change(history: pd.DataFrame) -> pd.Series:
    """Per series, the largest absolute change between consecutive stored years, per year (NaN with one year)."""
    h = history.sort_values([*SERIES, "year"])
    g = h.groupby(SERIES, sort=False)
    step = (g["value"].diff().abs() / g["year"].diff()).rename("max_step")
    return step.groupby([h[c] for c in SERIES]).max()


def history_flags(incoming: pd.DataFrame, history: pd.DataFrame, units: Mapping[str, str]) -> pd.DataFrame:
    """File rows whose value jumps from the series' history: row, ref_year, ref_value, rule ('jump' / 'rate'),
    the largest yearly change, year and value. `incoming` and `history` hold the SERIES columns, year, value."""
    cols = ["row", "year", "value", "ref_year", "ref_value", "max_step", "rule", "indicator_id"]
    if incoming.empty or history.empty:
        return pd.DataFrame(columns=cols)
    inc = incoming.reset_index(names="row").sort_values("year")
    hist = history[[*SERIES, "year", "value"]].rename(columns={"year": "ref_year", "value": "ref_value"})
    hist = hist.assign(year=hist["ref_year"]).sort_values("year")
    back = pd.merge_asof(inc, hist, on="year", by=SERIES, direction="backward", allow_exact_matches=False)
    fwd = pd.merge_asof(inc, hist, on="year", by=SERIES, direction="forward", allow_exact_matches=False)
    merged = back.set_index("row")
    later = fwd.set_index("row").reindex(merged.index)
    none_before = merged["ref_year"].isna()
    merged.loc[none_before, ["ref_year", "ref_value"]] = later.loc[none_before, ["ref_year", "ref_value"]]
    merged = merged[merged["ref_year"].notna()]
    counts = history.groupby(SERIES).size().rename("n_hist")
    merged = merged.join(largest_yearly_change(history), on=SERIES).join(counts, on=SERIES)
    gap = (merged["year"] - merged["ref_year"]).abs().clip(lower=1)
    per_year = (merged["value"] - merged["ref_value"]).abs() / gap
    floor = JUMP_FLOOR_SHARE * merged["ref_value"].abs()
    allowed = JUMP_MULTIPLE * np.maximum(merged["max_step"].fillna(0), floor)
    jump = (merged["n_hist"] >= MIN_HISTORY) & (per_year > allowed) & (per_year > 0)
    is_rate = merged["indicator_id"].isin([i for i, u in units.items() if u == "%"])
    rate = is_rate & (per_year > RATE_POINTS)
    merged["rule"] = np.where(rate, "rate", "jump")
    out = merged[jump | rate].reset_index()
    return out[cols]


def neighbour_flags(incoming: pd.DataFrame, current: pd.DataFrame, counties: Collection[str]) -> pd.DataFrame:
    """County rows of the file far outside the other counties of the same indicator and period: row, lo, hi,
    n_others and the others' min / max."""
    cols = ["row", "year", "value", "lo", "hi", "n_others", "others_min", "others_max", "indicator_id"]
    inc = incoming[incoming["region_code"].isin(counties)]
    if inc.empty:
        return pd.DataFrame(columns=cols)
    group = ["indicator_id", "period_type", "period_no", "year"]
    wanted = inc[group].drop_duplicates()
    stored = current[current["region_code"].isin(counties)].merge(wanted, on=group)
    pool = pd.concat([inc.reset_index(names="row"), stored.assign(row=-1)], ignore_index=True)
    pool = pool.drop_duplicates([*group, "region_code"], keep="first")  # the file's value wins
    pool = pool.sort_values([*group, "value"], kind="stable")
    g = pool.groupby(group, sort=False)["value"]
    gid = g.ngroup().to_numpy()
    n = g.size().to_numpy()
    q1, q3, median = (g.quantile(q).to_numpy() for q in (0.25, 0.75, 0.5))
    rank = g.cumcount().to_numpy()
    values = pool["value"].to_numpy()
    start = np.concatenate([[0], np.cumsum(n)[:-1]])  # rows are sorted by group, then value
    at = lambda k: values[np.clip(start[gid] + k, 0, len(values) - 1)]  # noqa: E731 - k-th smallest of the group
    size = n[gid]
    pool["others_min"] = np.where(rank == 0, at(1), at(0))
    pool["others_max"] = np.where(rank == size - 1, at(size - 2), at(size - 1))
    pool["q1"], pool["q3"], pool["median"] = q1[gid], q3[gid], median[gid]
    pool["n"] = size
    spread = np.maximum(pool["q3"] - pool["q1"], JUMP_FLOOR_SHARE * pool["median"].abs())
    pool["lo"] = pool["others_min"] - NEIGHBOUR_MULTIPLE * spread
    pool["hi"] = pool["others_max"] + NEIGHBOUR_MULTIPLE * spread
    pool["n_others"] = pool["n"] - 1
    hit = pool[
        (pool["row"] >= 0)
        & (pool["n_others"] >= MIN_NEIGHBOURS)
        & ((pool["value"] < pool["lo"]) | (pool["value"] > pool["hi"]))
    ]
    return hit[cols]


def check(typed: pd.DataFrame, current: pd.DataFrame, refs: Any) -> list[Issue]:
    """Warnings for the rows of an observations file (typed, indexed by Excel row) against the stored rows of its
    indicators (`current`, the rows the diff already read). The column is left for the caller to name."""
    incoming = _series_frame(typed)
    if incoming.empty:
        return []
    stored = _series_frame(current) if len(current) else incoming.iloc[0:0]
    keys = [*SERIES, "year"]
    in_file = stored.reset_index(drop=True).merge(incoming[keys].drop_duplicates(), on=keys, how="left", indicator=True)
    history = in_file[in_file["_merge"] == "left_only"].drop(columns="_merge")
    units = {k: str(v.get("unit") or "") for k, v in refs.indicators.items()}
    counties = {k for k, v in refs.regions.items() if v.get("level") == "county"}
    issues: list[Issue] = []
    for r in history_flags(incoming, history, units).itertuples(index=False):
        unit = units.get(str(r.indicator_id), "")
        rate = r.rule == "rate"
        change = r.value - r.ref_value
        why_zh = (
            f"一年{'提高' if change > 0 else '下降'}超过{_fmt(RATE_POINTS, '')}个百分点"
            if rate
            else f"以往每年变化最多{_fmt(float(r.max_step) if pd.notna(r.max_step) else 0.0, unit)}"
        )
        why_en = (
            f"a rate moving more than {_fmt(RATE_POINTS, '')} points a year"
            if rate
            else f"the largest yearly change so far is {_fmt(float(r.max_step) if pd.notna(r.max_step) else 0.0, unit)}"
        )
        issues.append(
            Issue(
                "warn.implausible_jump",
                int(r.row),
                None,
                _fmt(float(r.value), ""),
                {
                    "ref_year": int(r.ref_year),
                    "ref_value": _fmt(float(r.ref_value), unit),
                    "year": int(r.year),
                    "new": _fmt(float(r.value), unit),
                    "why": (why_zh, why_en),
                },
                "warning",
            )
        )
    for r in neighbour_flags(incoming, stored, counties).itertuples(index=False):
        unit = units.get(str(r.indicator_id), "")
        issues.append(
            Issue(
                "warn.implausible_neighbours",
                int(r.row),
                None,
                _fmt(float(r.value), ""),
                {
                    "n": int(r.n_others),
                    "year": int(r.year),
                    "low": _fmt(float(r.others_min), unit),
                    "high": _fmt(float(r.others_max), unit),
                    "new": _fmt(float(r.value), unit),
                },
                "warning",
            )
        )
    return sorted(issues, key=lambda i: (i.row or 0, i.code))


def batch_note(warnings: Collection[Issue]) -> str:
    """The sentence added to the batch's sources.note when the officer committed past plausibility warnings."""
    return SEEN_NOTE.format(n=len(warnings)) if warnings else ""


def seen_count(note: object) -> int:
    """How many plausibility warnings the officer saw before committing, read back from the batch's note."""
    found = _SEEN_RE.search(note) if isinstance(note, str) else None
    return int(found.group(1)) if found else 0
