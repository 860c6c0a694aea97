"""Writers in separate processes: two commits at once are applied in order (or the second refused with a
message), never a lost update; a process killed with SIGKILL mid-commit leaves the database and its audit
exactly as they were, and the next import proceeds."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

ROOT = Path(__file__).resolve().parent.parent
HEADER = "指标代码,地区代码,年份,数值\r\n"


def _child(db: Path, csv: Path, *, hook: str = "", wait: float = 60.0, delay: float = 1.5) -> subprocess.Popen[str]:
    """`python -m ningxia_dash import` in a fresh process, with an optional monkeypatch run first."""
    code = textwrap.dedent(
        f"""
        import os, sys, time
        {hook}
        from ningxia_dash.__main__ import main
        sys.exit(main(["import", {str(csv)!r}, "--kind", "observations", "--db", {str(db)!r},
                       "--wait", "{wait}", "--show", "0"]))
        """
    )
    return subprocess.Popen(
        [sys.executable, "-u", "-c", code],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PUBLISH_DELAY": str(delay)},
    )


# Hold the lock a moment before publishing, so the other writer really has to wait for it.
SLOW_PUBLISH = textwrap.indent(
    textwrap.dedent(
        """
        import ningxia_dash.store.db as _db
        _replace = _db.os.replace
        def _slow(a, b):
            print("PUBLISHING", flush=True)
            time.sleep(float(os.environ.get("PUBLISH_DELAY", "1.5")))
            _replace(a, b)
        _db.os.replace = _slow
        """
    ),
    "        ",
).strip()


def _value(db: Path) -> list[tuple[object, ...]]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        return conn.execute(
            "SELECT value, source_id FROM observations "
            "WHERE indicator_id = 'rural_tap_water_rate' AND region_code = '640000' AND year = 2024"
        ).fetchall()
    finally:
        conn.close()


def _audit(db: Path) -> dict[str, Any]:
    conn = duckdb.connect(str(db), read_only=True)
    try:
        batches = conn.execute("SELECT id, rows_new + rows_changed FROM import_batches ORDER BY id").fetchall()
        changes = dict(conn.execute("SELECT batch_id, count(*) FROM batch_changes GROUP BY ALL").fetchall())
        olds = conn.execute("SELECT batch_id, old_row, new_row FROM batch_changes ORDER BY batch_id").fetchall()
        official = conn.execute("SELECT count(*) FROM observations WHERE source_kind = 'official'").fetchone()
    finally:
        conn.close()
    return {"batches": batches, "changes": changes, "rows": olds, "official": official[0] if official else 0}


@pytest.fixture
def copy_db(db_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copyfile(db_path, path)
    return path


def _files(tmp_path: Path, *values: float) -> list[Path]:
    out = []
    for i, v in enumerate(values):
        f = tmp_path / f"v{i}.csv"
        f.write_text(HEADER + f"rural_tap_water_rate,640000,2024,{v}\r\n", encoding="utf-8")
        out.append(f)
    return out


def test_two_commits_at_once_are_applied_in_order(copy_db: Path, tmp_path: Path) -> None:
    a, b = _files(tmp_path, 91.1, 92.2)
    procs = [_child(copy_db, f, hook=SLOW_PUBLISH) for f in (a, b)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    audit = _audit(copy_db)
    assert [b[0] for b in audit["batches"]] == [1, 2]  # type: ignore[union-attr]
    rows = audit["rows"]
    first_new = json.loads(rows[0][2])["value"]  # type: ignore[index]
    second_old = json.loads(rows[1][1])["value"]  # type: ignore[index]
    second_new = json.loads(rows[1][2])["value"]  # type: ignore[index]
    assert second_old == first_new, "the second commit saw the first one's value: no lost update"
    assert {first_new, second_new} == {91.1, 92.2}
    assert _value(copy_db) == [(second_new, "batch-2")]


def test_a_commit_that_cannot_wait_is_refused_with_a_message(copy_db: Path, tmp_path: Path) -> None:
    a, b = _files(tmp_path, 91.1, 92.2)
    first = _child(copy_db, a, hook=SLOW_PUBLISH, delay=10)  # long enough for the second to start and try
    assert first.stdout is not None
    assert "PUBLISHING" in first.stdout.readline()  # the first writer holds the lock now
    second = _child(copy_db, b, wait=0)
    _, err = second.communicate(timeout=60)
    first.communicate(timeout=60)
    assert first.returncode == 0
    assert second.returncode == 4
    assert "正在写入数据库" in err and "没有写入任何数据" in err
    assert _value(copy_db) == [(91.1, "batch-1")]
    assert len(_audit(copy_db)["batches"]) == 1  # type: ignore[arg-type]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


KILL_AT_PUBLISH = SLOW_PUBLISH
KILL_IN_TRANSACTION = textwrap.indent(
    textwrap.dedent(
        """
        import ningxia_dash.ingest.write as _c
        _write = _c.write_rows
        def _stall(*a, **k):
            _write(*a, **k)
            print("WRITTEN", flush=True)
            time.sleep(60)
        _c.write_rows = _stall
        """
    ),
    "        ",
).strip()


@pytest.mark.parametrize(("hook", "marker"), [(KILL_IN_TRANSACTION, "WRITTEN"), (KILL_AT_PUBLISH, "PUBLISHING")])
def test_sigkill_mid_commit_leaves_database_and_audit_untouched(
    copy_db: Path, tmp_path: Path, hook: str, marker: str
) -> None:
    before, audit_before, value_before = _sha(copy_db), _audit(copy_db), _value(copy_db)
    (a,) = _files(tmp_path, 93.3)
    proc = _child(copy_db, a, hook=hook)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert marker in line, proc.communicate(timeout=30)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert _sha(copy_db) == before, "the published database is untouched"
    assert _audit(copy_db) == audit_before and _value(copy_db) == value_before
    assert list(copy_db.parent.glob("w.duckdb.tmp-*")), "the killed writer's private copy is left behind"
    # The kernel released the dead writer's lock: the next import proceeds and clears the stale copy.
    retry = _child(copy_db, a, wait=5)
    _out, err = retry.communicate(timeout=120)
    assert retry.returncode == 0, err
    assert _value(copy_db) == [(93.3, "batch-1")]
    assert not list(copy_db.parent.glob("w.duckdb.tmp-*"))


def test_sigkill_at_random_moments_never_corrupts(copy_db: Path, tmp_path: Path) -> None:
    """Kill writers at spread-out moments of their run: afterwards the database opens, and either holds the whole
    batch with its audit or none of it."""
    files = _files(tmp_path, 80.0, 81.0, 82.0, 83.0, 84.0, 85.0, 86.0)
    started = time.monotonic()
    full = _child(copy_db, files[0])
    full.communicate(timeout=120)
    span = time.monotonic() - started  # one whole run: interpreter start, dry run, copy, write, publish
    for i, f in enumerate(files[1:]):
        proc = _child(copy_db, f)
        time.sleep(span * (0.6 + 0.07 * i))  # the late part of the run, where the commit happens
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        audit = _audit(copy_db)
        for batch_id, n in audit["batches"]:  # type: ignore[union-attr]
            assert audit["changes"].get(batch_id) == n, (i, audit)  # type: ignore[union-attr]
        value = _value(copy_db)
        assert len(value) == 1
        if str(value[0][1]).startswith("batch-"):
            assert value[0][0] == json.loads(audit["rows"][-1][2])["value"]  # type: ignore[index]
