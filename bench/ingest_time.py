"""Import dry run and commit of large files through the upload code path (issue 5), timed with the child process's
peak memory. Runs only when ningxia_dash.ingest and its CLI (`python -m ningxia_dash template|import`) exist;
otherwise reports why not, never fails the benchmark."""

from __future__ import annotations

import csv
import importlib.util
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
from ningxia_dash.db import forget_database, get_database

KINDS = ("observations", "village_metrics")
# header (zh or en, as the template prints it) → the field we fill; unknown headers make the kind unsupported.
FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("indicator", re.compile(r"指标.*(代码|编号|id)|indicator", re.I)),
    ("village", re.compile(r"村.*(代码|编号|id)|village", re.I)),
    ("metric", re.compile(r"(指标|度量).*(代码|编号|id)|metric", re.I)),
    ("region", re.compile(r"(地区|区划|行政区|县).*(代码|编码|编号)|region", re.I)),
    ("period_type", re.compile(r"期间类型|周期类型|频率|period.?type", re.I)),
    ("period_no", re.compile(r"月份?|期数|期次|period.?no|month", re.I)),
    ("year", re.compile(r"年份?|年度|year", re.I)),
    ("value", re.compile(r"数值|^值$|value", re.I)),
    ("unit", re.compile(r"单位|unit", re.I)),
    ("blank", re.compile(r"说明|备注|来源|note|source|comment", re.I)),
]


class Unsupported(RuntimeError):
    """The template has a shape this benchmark does not know how to fill."""


def available() -> str | None:
    if importlib.util.find_spec("ningxia_dash.ingest") is None:
        return "ningxia_dash.ingest does not exist yet (issue 5, the upload pipeline)"
    for cmd in ("import", "template"):
        done = _cli([cmd, "--help"])
        if done.returncode != 0:
            return f"`python -m ningxia_dash {cmd}` is not available yet"
    return None


def _cli(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ningxia_dash", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


def _timed(args: list[str]) -> dict[str, Any]:
    """Run the CLI as a child process; wall time and the child's own peak RSS (wait4)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ningxia_dash", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # drain first: a full pipe would block the child
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "seconds": round(time.perf_counter() - t0, 2),
        "peak_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": proc.returncode,
        "stderr_tail": err.decode(errors="replace")[-400:] if proc.returncode else "",
    }


def _fields(header: list[str]) -> list[str]:
    out = []
    for col in header:
        match = next((name for name, rx in FIELDS if rx.search(col.strip())), None)
        if match is None:
            raise Unsupported(f"template column not understood: {col!r}")
        out.append(match)
    return out


def _keys(kind: str, db_path: Path, fields: list[str]) -> Iterator[dict[str, Any]]:
    """Distinct keys in the plan period: monthly when the template has a period column, else yearly."""
    db = get_database(db_path, read_only=True)
    monthly = "period_no" in fields
    periods = [(y, m) for y in range(2021, 2026) for m in (range(1, 13) if monthly else [0])]
    if kind == "observations":
        units = dict(db.rows("SELECT id, coalesce(unit, '') FROM indicators"))
        regions = [r for (r,) in db.rows("SELECT code FROM regions ORDER BY code")]
        for (y, m), ind, reg in ((p, i, r) for p in periods for i in sorted(units) for r in regions):
            yield {"indicator": ind, "region": reg, "year": y, "period_no": m, "unit": units[ind]}
    else:
        units = dict(db.rows("SELECT id, unit FROM metrics WHERE entity = 'village'"))
        villages = [v for (v,) in db.rows("SELECT id FROM villages ORDER BY id")]
        for (y, m), met, vil in ((p, k, v) for p in periods for k in sorted(units) for v in villages):
            yield {"village": vil, "metric": met, "year": y, "period_no": m, "unit": units[met]}


def write_file(kind: str, header: list[str], rows: int, db_path: Path, out: Path) -> None:
    fields = _fields(header)
    if kind == "village_metrics":  # its metric column reads like an indicator column ("指标代码")
        fields = ["metric" if f == "indicator" else f for f in fields]
    written = 0
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i, key in enumerate(_keys(kind, db_path, fields)):
            if written == rows:
                break
            value = 40 + (i % 50) if key["unit"] in ("%", "分") else 1000 + (i % 5000)
            row = {**key, "value": value, "period_type": "month" if key["period_no"] else "year", "blank": ""}
            w.writerow([row[f] for f in fields])
            written += 1
    forget_database(db_path)
    if written < rows:
        raise Unsupported(f"{kind}: only {written} distinct rows possible for this template")


def measure(db_path: Path, sizes: list[int], work: Path) -> dict[str, Any]:
    reason = available()
    if reason:
        return {"available": False, "reason": reason}
    work.mkdir(parents=True, exist_ok=True)
    problems = []
    for kind in KINDS:
        template = work / f"template-{kind}.csv"
        done = _cli(["template", "--kind", kind, "--out", str(template)])
        if done.returncode != 0 or not template.exists():
            problems.append(f"{kind}: template failed: {done.stderr[-200:]}")
            continue
        with template.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh))
        results = []
        try:
            for n in sizes:
                data = work / f"{kind}-{n}.csv"
                write_file(kind, header, n, db_path, data)
                target = work / "ingest.duckdb"
                shutil.copyfile(db_path, target)
                base = ["import", str(data), "--kind", kind, "--db", str(target)]
                dry = _timed([*base, "--dry-run"])
                commit = _timed(base)
                results.append(
                    {"rows": n, "file_mb": round(data.stat().st_size / 2**20, 1), "dry_run": dry, "commit": commit}
                )
                data.unlink(missing_ok=True)
                target.unlink(missing_ok=True)
        except Unsupported as exc:
            problems.append(str(exc))
            continue
        return {"available": True, "kind": kind, "sizes": results, "note": "commit includes its own validation"}
    return {"available": False, "reason": "; ".join(problems)}
