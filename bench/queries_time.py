"""Query times: every public function of ningxia_dash.store.queries (discovered, so new queries are measured too) and the
tracking glue the pages run on their results (tracking.assess_region, tracking.assess_all_regions)."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import median, ms
from ningxia_dash import config
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database, forget_database, get_database
from ningxia_dash.tracking import assess


def _sample_arguments(db: Database) -> dict[str, Any]:
    """A plausible value for every parameter name the queries use (the busiest county, the first village …)."""
    plan_id = db.scalar("SELECT value FROM meta WHERE key = 'default_plan_id'") or config.DEFAULT_PLAN_ID
    year = queries.latest_data_year(db, plan_id) or 2025
    return {
        "plan_id": plan_id,
        "region_code": config.PROVINCE_CODE,
        "county_code": db.scalar("SELECT county_code FROM villages GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"),
        "village_id": db.scalar("SELECT min(id) FROM villages"),
        "park_id": db.scalar("SELECT min(id) FROM parks"),
        "indicator_id": db.scalar("SELECT min(id) FROM indicators WHERE is_headline"),
        "metric_id": "v_income",
        "entity": "village",
        "year": year,
        "as_of_year": year,
        "lang": "zh",
    }


def _rows(result: Any) -> int | None:
    try:
        return len(result)
    except TypeError:
        return None


def _time(fn: Callable[[], Any], repeats: int) -> tuple[float, float, int | None]:
    """(first call ms, median of `repeats` further calls ms, rows of the result)."""
    t0 = time.perf_counter()
    result = fn()
    first = ms(time.perf_counter() - t0)
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        samples.append(ms(time.perf_counter() - t0))
    return first, median(samples) or first, _rows(result)


def measure(path: Path, repeats: int) -> dict[str, Any]:
    forget_database(path)
    db = get_database(path, read_only=True)
    args = _sample_arguments(db)
    rows: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    for name, fn in inspect.getmembers(queries, inspect.isfunction):
        if fn.__module__ != queries.__name__ or name.startswith("_"):
            continue
        params = list(inspect.signature(fn).parameters.values())
        if not params or params[0].name != "db":
            continue
        required = [p for p in params[1:] if p.default is inspect.Parameter.empty]
        missing = [p.name for p in required if p.name not in args]
        if missing:
            skipped.append({"query": name, "reason": f"no sample value for {', '.join(missing)}"})
            continue
        kwargs = {p.name: args[p.name] for p in required}
        try:
            first, warm, n = _time(lambda fn=fn, kwargs=kwargs: fn(db, **kwargs), repeats)  # type: ignore[misc]
        except Exception as exc:  # a broken query is a result to report, not a reason to stop
            rows.append({"name": f"queries.{name}", "error": f"{type(exc).__name__}: {exc}"[:300]})
            continue
        rows.append({"name": f"queries.{name}", "first_ms": first, "median_ms": warm, "rows": n})

    plan_id = args["plan_id"]
    plan = queries.plans(db).set_index("id").loc[plan_id]
    baseline, as_of = int(plan["baseline_year"]), int(args["year"])
    indicators = queries.indicators(db, plan_id)
    references = queries.reference_values(db)
    province = queries.observations(db, plan_id, config.PROVINCE_CODE)
    everywhere = queries.observations(db, plan_id)
    glue: list[tuple[str, Callable[[], Any]]] = [
        (
            "tracking.assess_region",
            lambda: assess.assess_region(indicators, province, references, baseline, as_of),
        ),
        (
            "tracking.assess_all_regions",
            lambda: assess.assess_all_regions(indicators, everywhere, references, baseline, as_of),
        ),
        (
            "load+assess_all_regions",
            lambda: assess.assess_all_regions(
                queries.indicators(db, plan_id),
                queries.observations(db, plan_id),
                queries.reference_values(db),
                baseline,
                as_of,
            ),
        ),
    ]
    for name, call in glue:
        try:
            first, warm, n = _time(call, repeats)
            rows.append({"name": name, "first_ms": first, "median_ms": warm, "rows": n})
        except Exception as exc:
            rows.append({"name": name, "error": f"{type(exc).__name__}: {exc}"[:300]})
    forget_database(path)
    return {
        "db": str(path),
        "repeats": repeats,
        "arguments": {k: str(v) for k, v in args.items()},
        "queries": rows,
        "skipped": skipped,
    }
