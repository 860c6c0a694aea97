"""Import dry run and commit of large files through the upload code path (issue 5: `python -m ningxia_dash import`,
the same pipeline as the upload page), timed with the child process's peak memory (wait4). Runs only when
ningxia_dash.ingest and its CLI exist; otherwise reports why not and never fails the benchmark.

Files are filled from the CLI's own template: its header row, and its `# 中文名（canonical_name，必填|选填 …` lines
that say which canonical column each header is. A village metric's key is (village, metric, year), so 1M distinct
rows need ≈ 15,000 villages: the benchmark adds bench villages to a copy of the 1× database first."""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.common import ROOT
from ningxia_dash.config import PROVINCE_CODE
from ningxia_dash.store.db import Database, forget_database, get_database

YEARS = range(2020, 2026)  # inside the plan (baseline 2020 … 2025) and not after this year
PERIODS = ("", "Q1", "Q2", "Q3", "Q4", *(f"{m}月" for m in range(1, 13)))
COLUMN_DOC = re.compile(r"^#\s*(?P<zh>[^（(]+)[（(](?P<name>[a-z_]+)[，,]\s*(?P<need>必填|选填)")


class Unsupported(RuntimeError):
    """The template has a shape this benchmark does not know how to fill."""


def available() -> str | None:
    if importlib.util.find_spec("ningxia_dash.ingest") is None:
        return "ningxia_dash.ingest does not exist yet (issue 5, the upload pipeline)"
    for cmd in ("import", "template"):
        if _cli([cmd, "--help"]).returncode != 0:
            return f"`python -m ningxia_dash {cmd}` is not available yet"
    return None


def _cli(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ningxia_dash", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def _timed(args: list[str]) -> dict[str, Any]:
    """Run the CLI as a child process: wall time, exit status and the child's own peak RSS."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ningxia_dash", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert proc.stdout is not None
    output = proc.stdout.read()  # drain first: a full pipe would block the child
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = output.decode(errors="replace")
    return {
        "seconds": round(time.perf_counter() - t0, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": proc.returncode,
        "summary": next((line for line in text.splitlines() if line.startswith("数据行")), ""),
        "output_tail": text[-600:] if proc.returncode else "",
    }


def _pipeline(data: Path, kind: str, db: Path) -> dict[str, Any]:
    """The upload page's two steps in a child process (bench/ingest_child.py): dry run and commit timed apart."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.ingest_child", str(data), kind, str(db)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )  # fmt: skip
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"exit": proc.returncode, "error": (proc.stderr or proc.stdout)[-600:]}
    return {"exit": proc.returncode, **json.loads(lines[-1])}


def read_template(path: Path) -> tuple[list[str], list[tuple[str, bool]]]:
    """(header row, [(canonical name, required)] per header) from a CSV template."""
    docs: dict[str, tuple[str, bool]] = {}
    header: list[str] | None = None
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.reader(fh):
            if not row or not "".join(row).strip():
                continue
            if row[0].startswith("#"):
                m = COLUMN_DOC.match(",".join(row))
                if m:
                    docs[m["zh"].strip()] = (m["name"], m["need"] == "必填")
                continue
            header = row
            break
    if header is None:
        raise Unsupported(f"no header row in {path.name}")
    return header, [docs.get(h.strip(), (h.strip(), False)) for h in header]


def _keys(kind: str, db: Database) -> Iterator[dict[str, Any]]:
    if kind == "observations":
        # a value each indicator accepts: 1 for 完成事项 (0/1), else its latest province value (whole for counts)
        accepted = dict(
            db.rows(
                "SELECT i.id, CASE WHEN i.rule_kind = 'milestone' THEN 1 WHEN i.unit = '%' THEN"
                " coalesce(arg_max(o.value, o.year), 0) ELSE round(coalesce(arg_max(o.value, o.year), 0)) END"
                " FROM indicators i LEFT JOIN observations o"
                " ON o.indicator_id = i.id AND o.region_code = ? AND o.period_type = 'year'"
                " GROUP BY i.id, i.rule_kind, i.unit",
                [PROVINCE_CODE],
            )
        )
        indicators = sorted(accepted)
        regions = [r for (r,) in db.rows("SELECT code FROM regions ORDER BY code")]
        for period in PERIODS:
            for y in YEARS:
                for ind in indicators:
                    for reg in regions:
                        yield {
                            "indicator_id": ind,
                            "region_code": reg,
                            "year": y,
                            "period": period,
                            "value": accepted[ind],
                        }
    else:
        metrics = [m for (m,) in db.rows("SELECT id FROM metrics WHERE entity = 'village' ORDER BY seq")]
        villages = [v for (v,) in db.rows("SELECT id FROM villages ORDER BY id")]
        for y in YEARS:
            for met in metrics:
                for vil in villages:
                    yield {"village_id": vil, "metric_id": met, "year": y}


def write_file(kind: str, template: Path, rows: int, db_path: Path, out: Path) -> int:
    """Write `rows` distinct rows of a kind; returns how many could be written (fewer when keys run out)."""
    header, cols = read_template(template)
    db = get_database(db_path, read_only=True)
    written = 0
    try:
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            for key in _keys(kind, db):
                if written == rows:
                    break
                values = {"value": 40 + written % 50, **key}  # 40–89: valid for %, 分 and counts alike
                missing = [name for name, required in cols if required and name not in values]
                if missing:
                    raise Unsupported(f"{kind}: required template columns not understood: {missing}")
                w.writerow([values.get(name, "") for name, _ in cols])
                written += 1
    finally:
        forget_database(db_path)
    return written


def ingest_base(source: Path, work: Path, village_metric_rows: int) -> Path:
    """A copy of the 1× database with enough (bench) villages for the largest village-metrics file."""
    base = work / "ingest-base.duckdb"
    shutil.copyfile(source, base)
    db = get_database(base, read_only=False)
    try:
        per_village = len(YEARS) * int(db.scalar("SELECT count(*) FROM metrics WHERE entity = 'village'"))
        villages_needed = math.ceil(village_metric_rows / per_village)
        have = int(db.scalar("SELECT count(*) FROM villages"))
        if villages_needed > have:
            with db.transaction() as cur:
                cur.execute(
                    """
                    INSERT INTO villages (id, name_zh, name_en, county_code, lon, lat, relocation_type, households,
                                          population, leading_industry, leader_contacted, source_kind, source_id)
                    SELECT 'demo-bench-' || lpad(i.range::VARCHAR, 6, '0'), '示例压测村-' || i.range,
                           'Bench village ' || i.range, v.county_code, v.lon, v.lat, v.relocation_type, v.households,
                           v.population, v.leading_industry, false, 'demo', v.source_id
                    FROM range(?) i, (SELECT * FROM villages ORDER BY id LIMIT 1) v
                    """,
                    [villages_needed - have],
                )
    finally:
        forget_database(base)
    return base


def measure(source_db: Path, runs: list[tuple[str, int]], work: Path, startup: bool = True) -> dict[str, Any]:
    """`runs`: (kind, rows) pairs. Each: a fresh copy of the base database, a dry run, then a commit."""
    reason = available()
    if reason:
        return {"available": False, "reason": reason}
    work.mkdir(parents=True, exist_ok=True)
    biggest = max((n for kind, n in runs if kind == "village_metrics"), default=0)
    base = ingest_base(source_db, work, biggest)
    results: list[dict[str, Any]] = []
    for kind, n in runs:
        template = work / f"template-{kind}.csv"
        if not template.exists():
            done = _cli(["template", "--kind", kind, "--out", str(template), "--db", str(base)])
            if done.returncode != 0:
                results.append({"kind": kind, "rows": n, "error": f"template failed: {done.stdout[-300:]}"})
                continue
        data = work / f"{kind}-{n}.csv"
        try:
            written = write_file(kind, template, n, base, data)
        except Unsupported as exc:
            results.append({"kind": kind, "rows": n, "error": str(exc)})
            continue
        if written < n:
            results.append({"kind": kind, "rows": n, "error": f"only {written} distinct {kind} rows exist"})
            continue
        target = work / "ingest.duckdb"
        row = {"kind": kind, "rows": n, "file_mb": round(data.stat().st_size / 2**20, 1)}
        shutil.copyfile(base, target)
        row["pipeline"] = _pipeline(data, kind, target)
        shutil.copyfile(base, target)  # the CLI commits the same rows again, into a fresh copy
        common = ["import", str(data), "--kind", kind, "--db", str(target), "--max-mb", "2000", "--show", "0"]
        row["dry_run"] = _timed([*common, "--dry-run"])
        row["commit"] = _timed(common)
        results.append(row)
        data.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
    startup_s = None
    if startup:  # what every CLI run pays before reading the file: interpreter start and imports
        t0 = time.perf_counter()
        loaded = subprocess.run(
            [sys.executable, "-c", "import ningxia_dash.__main__, ningxia_dash.ingest.pipeline"], cwd=ROOT, check=False
        )
        startup_s = round(time.perf_counter() - t0, 2) if loaded.returncode == 0 else None
    return {
        "available": True,
        "runs": results,
        "cli_startup_s": startup_s,
        "note": "pipeline: the upload page's dry run and commit timed apart in a child process with the modules "
        "loaded (as in the app's server), peak RSS of that process; CLI: `python -m ningxia_dash import` end to end "
        "(interpreter start and imports, cli_startup_s, included; its commit run does the dry run again first)",
    }
