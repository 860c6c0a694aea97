"""The benchmark's k× dataset, generated on top of the shipped build and never shipped itself (the build in
ningxia_dash/store/build.py holds only the seeds): round(2,254·k/20) villages (never fewer than the 261), 20 metrics × 60
monthly rows (the plan period) per village, and county series of every target, yearly and monthly. All demo; its
data version differs from the shipped build's so no cache mixes the two.

`build_scaled(path, k)` builds it (bench/datasets.py keeps it between runs); from a shell:
`python -m bench.scaled_data --scale 20 --db PATH` (a path is required: the shipped database is never overwritten).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from ningxia_dash import config
from ningxia_dash.store import demo
from ningxia_dash.store.build import DEMO_SOURCE, BuildReport, _frame, _insert, build_database

ALL_VILLAGES = 2254  # Ningxia's administrative villages: the 20× benchmark dataset holds this many
BENCH_METRICS: tuple[tuple[str, str, str, str, str | None], ...] = tuple(
    (f"b_metric_{i:02d}", f"压测指标{i:02d}（仅压测）", f"Benchmark metric {i:02d} (scale test only)", "分", None)
    for i in range(1, 21 - len(demo.VILLAGE_METRICS))
)  # with VILLAGE_METRICS: the 20 monthly metrics of the scaled dataset


def scaled_village_count(scale: int) -> int:
    """Villages in a k× dataset: 2,254 at 20× (every administrative village), never fewer than the 261."""
    return max(sum(demo.VILLAGE_ALLOCATION.values()), round(ALL_VILLAGES * scale / 20))


def extra_villages(counties: Sequence[demo.County], count: int) -> list[dict[str, Any]]:
    """`count` more demonstration villages spread over every county (scaled benchmark datasets only)."""
    ordered = sorted(counties, key=lambda c: c.code)
    per_county: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for i in range(count):
        rng = demo.rng_for("xvillage", i)
        county = rng.choice(ordered)
        n = per_county[county.code] = per_county.get(county.code, 0) + 1
        lon, lat = demo.point_inside(county.geometry, rng)
        households = rng.randint(120, 1600)
        rows.append(
            {
                "id": f"demo-x-{county.code}-{n:04d}",
                "name_zh": f"示例行政村·{county.short_zh}-{n:03d}",
                "name_en": f"Sample admin village · {county.short_en}-{n:03d}",
                "county_code": county.code,
                "lon": lon,
                "lat": lat,
                "relocation_type": "policy" if rng.random() < 0.3 else "spontaneous",
                "households": households,
                "population": int(households * rng.uniform(3.4, 4.4)),
                "leading_industry": rng.choice(demo.LEADING_INDUSTRIES),
                "leader_contacted": False,
            }
        )
    return rows


def add_scaled_data(conn: duckdb.DuckDBPyConnection, report: BuildReport, scale: int) -> None:
    """The benchmark's k× dataset on top of a normal build (issue 7): round(2,254·k/20) villages (never fewer than
    the 261), 20 metrics × 60 monthly rows (the plan period) per village, and county series of every target, yearly
    and monthly. All demo; its data version differs from the shipped build's so no cache mixes the two."""
    conn.execute("SET enable_progress_bar = false")
    (base_year, start, end), *_ = conn.execute("SELECT baseline_year, period_start, period_end FROM plans").fetchall()
    years = list(range(int(base_year), int(end) + 1))
    counties = [
        demo.County(code, zh, en, level, json.loads(geometry))
        for code, zh, en, level, geometry in conn.execute(
            "SELECT r.code, r.short_zh, r.short_en, r.assistance_level, s.geometry"
            " FROM regions r JOIN region_shapes s ON s.code = r.code WHERE r.level = 'county' ORDER BY r.code"
        ).fetchall()
    ]
    have = int(conn.execute("SELECT count(*) FROM villages").fetchall()[0][0])
    extra = extra_villages(counties, scaled_village_count(scale) - have)
    income = dict(
        conn.execute(
            "SELECT year, value FROM reference_values WHERE series_id = 'regional_rural_income' AND region_code = ?",
            [config.PROVINCE_CODE],
        ).fetchall()
    )
    demo_tag = {"source_kind": "demo", "source_id": DEMO_SOURCE}
    _insert(conn, "villages", _frame({**v, **demo_tag} for v in extra))
    _insert(conn, "village_metrics", _frame({**m, **demo_tag} for m in demo.village_metric_rows(extra, years, income)))
    first_seq = int(conn.execute("SELECT count(*) FROM metrics WHERE entity = 'village'").fetchall()[0][0])
    _insert(
        conn,
        "metrics",
        _frame(
            {"id": m[0], "entity": "village", "seq": first_seq + i, "name_zh": m[1], "name_en": m[2], "unit": m[3]}
            for i, m in enumerate(BENCH_METRICS, start=1)
        ),
    )
    # Monthly values: a level and a slope per (village, metric) plus noise per month, from DuckDB's hash (stable
    # for a given DuckDB version, which requirements.txt pins).
    conn.execute(
        """
        INSERT INTO village_metrics (village_id, metric_id, year, period_type, period_no, value, source_kind, source_id)
        WITH t AS (SELECT y.range AS year, mo.range AS month, (y.range - ?) * 12 + mo.range AS k
                   FROM range(?, ?) y, range(1, 13) mo)
        SELECT v.id, m.id, t.year, 'month', t.month,
               round(CASE WHEN m.id = 'v_income' THEN 20 ELSE 1 END * least(100.0,
                     40 + (hash(v.id, m.id) % 5000) / 100.0 + (hash(m.id, v.id) % 100) / 1000.0 * t.k
                     + (hash(v.id, m.id, t.k) % 2000) / 1000.0 - 1.0), 1),
               'demo', ?
        FROM villages v, metrics m, t
        WHERE m.entity = 'village'
        """,
        [int(start), int(start), int(end) + 1, DEMO_SOURCE],
    )
    # County series of every target: the province's yearly values times a fixed factor per (target, county) …
    conn.execute(
        """
        INSERT INTO observations (indicator_id, region_code, year, period_type, period_no, value, source_kind, source_id)
        SELECT o.indicator_id, r.code, o.year, 'year', 0,
               CASE WHEN i.unit = '%' THEN least(100.0, greatest(0.0, round(o.value * f.f, 2)))
                    ELSE greatest(0.0, round(o.value * f.f, 2)) END,
               'demo', ?
        FROM observations o
        JOIN indicators i ON i.id = o.indicator_id
        CROSS JOIN regions r
        CROSS JOIN LATERAL (SELECT 0.85 + (hash(o.indicator_id, r.code) % 250) / 1000.0 AS f) f
        WHERE o.region_code = ? AND o.period_type = 'year' AND r.level = 'county'
          AND NOT EXISTS (SELECT 1 FROM observations x WHERE x.indicator_id = o.indicator_id
                          AND x.region_code = r.code AND x.year = o.year AND x.period_type = 'year')
        """,
        [DEMO_SOURCE, config.PROVINCE_CODE],
    )
    # … and every yearly series spread over the months of the plan period (a straight line from the year before).
    conn.execute(
        """
        INSERT INTO observations (indicator_id, region_code, year, period_type, period_no, value, source_kind, source_id)
        WITH y AS (
            SELECT indicator_id, region_code, year, value,
                   coalesce(lag(value) OVER (PARTITION BY indicator_id, region_code ORDER BY year), value) AS prev
            FROM observations WHERE period_type = 'year'
        )
        SELECT indicator_id, region_code, year, 'month', mo.range, round(prev + (value - prev) * mo.range / 12.0, 2),
               'demo', ?
        FROM y, range(1, 13) mo
        WHERE y.year BETWEEN ? AND ?
        """,
        [DEMO_SOURCE, int(start), int(end)],
    )
    fingerprint = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()[0][0]
    scaled = hashlib.sha256(f"{fingerprint}|scale={scale}".encode()).hexdigest()
    conn.execute("UPDATE meta SET value = ? WHERE key = 'data_version'", [scaled])
    conn.execute("INSERT INTO meta VALUES ('scale', ?)", [str(scale)])
    for table in report.counts:  # table names are the build's own constants
        report.counts[table] = int(conn.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def build_scaled(path: Path, scale: int, lock_wait: float = 30.0) -> BuildReport:
    """The shipped (demo) build with the k× dataset added in the same transaction, at `path` (rebuilt over it)."""
    if scale < 1:
        raise ValueError(f"scale must be ≥ 1, got {scale}")
    extend = functools.partial(add_scaled_data, scale=scale) if scale > 1 else None
    return build_database(path, force=True, lock_wait=lock_wait, extend=extend)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scaled_data", description="生成 k 倍规模的示例压测数据库")
    parser.add_argument("--scale", type=int, required=True, help="倍数（20 = 2254 个村 × 60 个月 × 20 项指标）")
    parser.add_argument("--db", help="压测数据库路径（必填，以免覆盖正式数据库）")
    args = parser.parse_args(argv)
    if args.scale < 1:
        print("--scale 须为不小于 1 的整数", file=sys.stderr)
        return 2
    if not args.db:
        print("压测数据库须用 --db 指定路径，以免覆盖正式数据库", file=sys.stderr)
        return 2
    report = build_scaled(Path(args.db), args.scale)
    print(f"已构建 {report.path}（{args.scale} 倍压测示例数据）")
    for table, n in report.counts.items():
        print(f"  {table:<18} {n:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
