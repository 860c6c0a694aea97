"""Reference data validation needs (indicators, regions, villages, parks, metrics, plans), read from the database
through anything with `rows(sql, params)`: the gateway's Database or a writable copy's connection."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import duckdb
import pandas as pd

from ningxia_dash.config import PROVINCE_CODE


class Store(Protocol):
    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]: ...

    def df(self, sql: str, params: Any = None) -> pd.DataFrame: ...


class ConnStore:
    """A raw DuckDB connection (the writable copy during a commit) seen as a Store."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql, params).fetchall()

    def df(self, sql: str, params: Any = None) -> pd.DataFrame:
        return self.conn.execute(sql, params).df()


@dataclass
class Lookup:
    """Ids of one kind of thing, their display names, and other spellings (names) that resolve to an id."""

    what: tuple[str, str]  # ('指标代码', 'indicator id')
    names: dict[str, str]  # id → name shown in suggestions
    spellings: dict[str, str] = field(default_factory=dict)  # other accepted text → id
    _cache: dict[str, tuple[str, str] | None] = field(default_factory=dict)

    def resolve(self, text: str) -> str | None:
        if text in self.names:
            return text
        return self.spellings.get(text)

    def closest(self, text: str) -> tuple[str, str] | None:
        """(id, name) of the closest id or name, for 'did you mean'."""
        if text not in self._cache:
            pool = {**{i: i for i in self.names}, **self.spellings}
            lowered = {k.lower(): v for k, v in pool.items()}
            found = difflib.get_close_matches(text.lower(), list(lowered), n=1, cutoff=0.6)
            self._cache[text] = (lowered[found[0]], self.names[lowered[found[0]]]) if found else None
        return self._cache[text]


@dataclass
class Refs:
    indicators: dict[str, dict[str, Any]]  # id → {name_zh, unit, rule_kind, plan_id, seq, attribute, carries_over_from}
    plans: dict[str, dict[str, Any]]  # id → {baseline_year, period_start, period_end, short_zh, short_en}
    regions: dict[str, dict[str, Any]]  # code → {name_zh, short_zh, level, parent_code}
    villages: dict[str, dict[str, Any]]  # id → {name_zh, county_code}
    parks: dict[str, dict[str, Any]]  # id → {name_zh, county_code}
    metrics: dict[str, dict[str, Any]]  # id → {entity, name_zh, unit}
    reference_series: set[str]
    plans_with_data: set[str]
    this_year: int = field(default_factory=lambda: date.today().year)

    def lookup(self, what: str) -> Lookup:
        if what == "indicator":
            return Lookup(
                ("指标代码", "indicator id"),
                {k: v["name_zh"] for k, v in self.indicators.items()},
                {v["name_zh"]: k for k, v in self.indicators.items()},
            )
        if what in ("region", "county"):
            regions = {k: v for k, v in self.regions.items() if what == "region" or v["level"] == "county"}
            spellings = {v["name_zh"]: k for k, v in regions.items()}
            spellings.update({v["short_zh"]: k for k, v in regions.items()})
            if PROVINCE_CODE in regions:
                spellings.update({"全区": PROVINCE_CODE, "全自治区": PROVINCE_CODE})
            label = ("地区代码", "region code") if what == "region" else ("县区代码", "county code")
            return Lookup(label, {k: v["name_zh"] for k, v in regions.items()}, spellings)
        if what == "village":
            return Lookup(
                ("村代码", "village id"),
                {k: v["name_zh"] for k, v in self.villages.items()},
                {v["name_zh"]: k for k, v in self.villages.items()},
            )
        if what == "park":
            return Lookup(
                ("园区代码", "park id"),
                {k: v["name_zh"] for k, v in self.parks.items()},
                {v["name_zh"]: k for k, v in self.parks.items()},
            )
        if what in ("village_metric", "park_metric"):
            entity = what.split("_")[0]
            ms = {k: v for k, v in self.metrics.items() if v["entity"] == entity}
            return Lookup(
                ("指标代码", "metric id"),
                {k: v["name_zh"] for k, v in ms.items()},
                {v["name_zh"]: k for k, v in ms.items()},
            )
        if what == "plan":
            return Lookup(("规划代码", "plan id"), {k: v["short_zh"] for k, v in self.plans.items()})
        if what == "reference_series":
            return Lookup(("参照序列", "reference series"), {k: k for k in self.reference_series})
        raise KeyError(what)

    def year_span(self) -> tuple[int, int]:
        """Earliest baseline year to the last plan year, over every plan (village and park metrics)."""
        return (
            min(int(p["baseline_year"]) for p in self.plans.values()),
            max(int(p["period_end"]) for p in self.plans.values()),
        )


def _dicts(store: Store, sql: str, cols: list[str]) -> dict[str, dict[str, Any]]:
    return {str(r[0]): dict(zip(cols, r[1:], strict=True)) for r in store.rows(sql)}


def load_refs(store: Store) -> Refs:
    return Refs(
        indicators=_dicts(
            store,
            "SELECT id, name_zh, unit, rule_kind, plan_id, seq, attribute, carries_over_from FROM indicators",
            ["name_zh", "unit", "rule_kind", "plan_id", "seq", "attribute", "carries_over_from"],
        ),
        plans=_dicts(
            store,
            "SELECT id, baseline_year, period_start, period_end, short_zh, short_en FROM plans",
            ["baseline_year", "period_start", "period_end", "short_zh", "short_en"],
        ),
        regions=_dicts(
            store,
            "SELECT code, name_zh, short_zh, level, parent_code FROM regions",
            ["name_zh", "short_zh", "level", "parent_code"],
        ),
        villages=_dicts(store, "SELECT id, name_zh, county_code FROM villages", ["name_zh", "county_code"]),
        parks=_dicts(store, "SELECT id, name_zh, county_code FROM parks", ["name_zh", "county_code"]),
        metrics=_dicts(store, "SELECT id, entity, name_zh, unit FROM metrics", ["entity", "name_zh", "unit"]),
        reference_series={str(r[0]) for r in store.rows("SELECT id FROM reference_series")},
        plans_with_data={
            str(r[0])
            for r in store.rows(
                "SELECT DISTINCT i.plan_id FROM observations o JOIN indicators i ON i.id = o.indicator_id"
            )
        },
    )
