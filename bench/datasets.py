"""The databases the benchmark runs on: the shipped build (1×) and the generated k× build, kept between runs
under bench/out/db/ while their inputs (seeds, schema, build code) are unchanged."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from bench.scaled_data import build_scaled
from ningxia_dash import config
from ningxia_dash.store.db import forget_database
from ningxia_dash.store.seeds import seed_fingerprint

BUILD_CODE = (
    *sorted((config.ROOT / "ningxia_dash" / "store").glob("*.py")),  # the build, its seeds, figures and samples
    config.ROOT / "ningxia_dash" / "store" / "schema.sql",
    config.ROOT / "ningxia_dash" / "catalogue.py",
    config.ROOT / "ningxia_dash" / "rollup.py",
    config.ROOT / "bench" / "scaled_data.py",
)


def _key(scale: int) -> str:
    h = hashlib.sha256(seed_fingerprint(config.SEED_DIR, config.GEO_DIR).encode())
    for p in BUILD_CODE:
        h.update(p.read_bytes())
    h.update(f"scale={scale}".encode())
    return h.hexdigest()


def dataset(scale: int, work_dir: Path, reuse: bool = True) -> tuple[Path, dict[str, Any]]:
    """The database for a scale (built when missing or stale) and facts about it: rows, size, build time."""
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"ningxia-x{scale}.duckdb"
    stamp = path.with_suffix(".json")
    key = _key(scale)
    if reuse and path.exists() and stamp.exists():
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if info.get("key") == key:
            return path, {**info, "reused": True}
    forget_database(path)
    t0 = time.perf_counter()
    report = build_scaled(path, scale)
    info = {
        "key": key,
        "scale": scale,
        "build_s": round(time.perf_counter() - t0, 2),
        "size_mb": round(path.stat().st_size / 2**20, 1),
        "rows": report.counts,
    }
    stamp.write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return path, {**info, "reused": False}
