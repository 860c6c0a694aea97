"""Builds data/ningxia.duckdb from data/seed/ and data/geo/, deterministically, into a temporary file that is
then swapped in."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ningxia_dash import catalogue, config
from ningxia_dash.store import demo, demo_regions
from ningxia_dash.store.db import batch_count, create_schema, private_copy, write_lock
from ningxia_dash.store.figures import (
    DEMO_SOURCE,
    Figures,
    demo_observations,
    derive_references,
    plan_baselines,
    plan_source,
    public_figures,
)
from ningxia_dash.store.seeds import indicator_frame, park_frame, plan_frames, region_frames, seed_fingerprint


class BuildRefused(RuntimeError):
    """The target database holds uploaded data; rebuilding would lose it."""


@dataclass
class BuildReport:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    targets_per_chapter: dict[int, int] = field(default_factory=dict)


# ---------------------------------------------------------------- assemble


def _frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def _keyed(
    rows: Mapping[tuple[Any, ...], tuple[Any, ...]], keys: tuple[str, ...], values: tuple[str, ...], **fixed: Any
) -> pd.DataFrame:
    """A table from a dict of key tuples to value tuples (in key order), plus columns of one fixed value."""
    return _frame(
        {**dict(zip(keys, k, strict=True)), **fixed, **dict(zip(values, v, strict=True))}
        for k, v in sorted(rows.items())
    )


def _insert(conn: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> int:
    if df.empty:
        return 0
    conn.register("_frame", df)
    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")  # table names are constants here
    conn.unregister("_frame")
    return len(df)


def _load(
    conn: duckdb.DuckDBPyConnection, seed_dir: Path, geo_dir: Path, report: BuildReport, with_demo: bool = True
) -> None:
    plans, sections = plan_frames(seed_dir)
    plan = plans.iloc[0]
    indicators = indicator_frame(seed_dir, sections)
    regions, shapes = region_frames(seed_dir, geo_dir)
    parks = park_frame(seed_dir, regions, sections)
    figs = Figures()
    figs.sources[f"plan-{plan['id']}"] = plan_source(plan)
    if with_demo:
        figs.sources[DEMO_SOURCE] = {
            "id": DEMO_SOURCE,
            "kind": "demo",
            "title": "示例数据（程序生成，非真实统计）",
            "url": None,
            "quality": None,
            "note": "无公开来源时由程序生成的示例数据，仅用于展示功能，非真实统计",
        }
    pub = public_figures(seed_dir, indicators, figs, regions)
    years = list(range(int(plan["baseline_year"]), int(plan["period_end"]) + 1))
    derive_references(figs, years, with_demo=with_demo)
    if with_demo:
        demo_observations(indicators, plan, figs)
    plan_baselines(indicators, plan, figs)
    if with_demo:  # cities and counties around the province's values, once those are all in (baselines included)
        population = demo_regions.read_population(seed_dir / "region_population.csv")
        demo_regions.fill(figs.observations, indicators, regions, population, years, DEMO_SOURCE)

    geo = {c.code: json.loads(g) for c, g in zip(shapes.itertuples(), shapes["geometry"], strict=True)}
    county_objs = [
        demo.County(r.code, r.short_zh, r.short_en, r.assistance_level, geo[r.code])
        for r in regions[regions["level"] == "county"].itertuples()
    ]
    # Without demo data: no village list and no village or park metrics (only the metric definitions below).
    villages = _frame(
        {**v, "source_kind": "demo", "source_id": DEMO_SOURCE} for v in demo.villages(county_objs) if with_demo
    )
    income = figs.reference("regional_rural_income", config.PROVINCE_CODE)
    vmetrics = _frame(
        {**m, "source_kind": "demo", "source_id": DEMO_SOURCE}
        for m in (
            demo.village_metric_rows(
                villages.to_dict("records"),
                years,
                income,
                demo_regions.county_values(figs.observations, "relocated_income_vs_regional_rural"),
            )
            if with_demo
            else []
        )
    )
    pmetrics = _frame(
        {**m, "source_kind": "demo", "source_id": DEMO_SOURCE}
        for m in (demo.park_metric_rows(list(parks["id"]), years) if with_demo else [])
    )
    metrics = _frame(
        {
            "id": m.id,
            "entity": m.entity,
            "seq": m.seq,
            "name_zh": m.name_zh,
            "name_en": m.name_en,
            "unit": m.unit,
            "dimension": m.dimension,
        }
        for m in catalogue.metrics(seed_dir)
    )
    observations = _keyed(
        figs.observations, ("indicator_id", "region_code", "year"), ("value", "source_kind", "source_id", "note"),
        period_type="year", period_no=0,
    )  # fmt: skip
    references = _keyed(figs.references, ("series_id", "region_code", "year"), ("value", "source_kind", "source_id"))
    ref_series = _frame(
        {"id": s.id, "name_zh": s.name_zh, "name_en": s.name_en, "unit": s.unit, "derivation": s.derivation}
        for s in catalogue.reference_series(seed_dir)
    )
    tables = {
        "plans": plans,
        "plan_sections": sections,
        "indicators": indicators,
        "regions": regions,
        "region_shapes": shapes,
        "sources": _frame(sorted(figs.sources.values(), key=lambda s: s["id"])),
        "public_figures": pub,
        "reference_series": ref_series,
        "reference_values": references,
        "observations": observations,
        "parks": parks,
        "villages": villages,
        "metrics": metrics,
        "village_metrics": vmetrics,
        "park_metrics": pmetrics,
    }
    for name, df in tables.items():
        report.counts[name] = _insert(conn, name, df)
    report.targets_per_chapter = indicators.groupby("chapter_no").size().to_dict()
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            # the kind is part of the version, so no cache mixes a production build with a demo one
            ("data_version", _kind_version(seed_fingerprint(seed_dir, geo_dir), with_demo)),
            ("default_plan_id", str(plan["id"])),
            ("schema", "1"),
            ("demo", "1" if with_demo else "0"),
        ],
    )


def _kind_version(fingerprint: str, with_demo: bool) -> str:
    """The demo build keeps the seed fingerprint; a production build gets its own (its first 12 characters differ)."""
    return fingerprint if with_demo else hashlib.sha256(f"{fingerprint}|demo=0".encode()).hexdigest()


def build_database(
    path: Path | None = None,
    force: bool = False,
    seed_dir: Path = config.SEED_DIR,
    geo_dir: Path = config.GEO_DIR,
    lock_wait: float = 30.0,
    demo: bool = True,
    extend: Callable[[duckdb.DuckDBPyConnection, BuildReport], None] | None = None,
) -> BuildReport:
    """Build into <path>.tmp-<pid> and atomically replace <path>. Refuses to drop uploaded batches unless force.
    Holds the database's write lock throughout (waits up to lock_wait seconds for an import to finish).

    `extend` adds rows in the same transaction before the file is published: the benchmark's generated k× dataset
    (bench/scaled_data.py) is added this way; the default build is the shipped one.
    demo=False builds a production database: the plan, its targets, regions, parks, public figures and the plan's
    baselines, and nothing invented (meta key 'demo' = '0')."""
    if extend is not None and not demo:
        raise ValueError("extra generated data is demo data; it cannot be combined with demo=False")
    target = (path or config.db_path()).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Under the import write lock: an import or rollback publishing while this build swaps the file in would
    # otherwise replace one with the other (and the check for uploaded batches would race it).
    with write_lock(target, wait_seconds=lock_wait):
        if not force and batch_count(target):
            raise BuildRefused(
                f"{target} 中已有上传的导入批次，重建会丢失这些数据。确需重建请加 --force（建议先备份该文件）。"
            )
        report = BuildReport(path=target)
        with private_copy(target, empty=True) as conn:
            create_schema(conn)
            conn.execute("BEGIN TRANSACTION")
            _load(conn, seed_dir, geo_dir, report, with_demo=demo)
            if extend is not None:
                extend(conn, report)
            conn.execute("COMMIT")
    return report
