"""build-db: deterministic, atomic, and it refuses to throw away uploaded data."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ningxia_dash.store.build import BuildRefused, build_database
from ningxia_dash.store.db import get_database
from ningxia_dash.store.queries import COUNTED_TABLES

ROOT = Path(__file__).resolve().parent.parent


def _content_digest(path: Path) -> str:
    conn = duckdb.connect(str(path), read_only=True)
    h = hashlib.sha256()
    try:
        for table in (*COUNTED_TABLES, "meta", "metrics", "reference_series", "batch_changes", "indicator_notes"):
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            h.update(f"{table}:{rows!r}".encode())
    finally:
        conn.close()
    return h.hexdigest()


def test_two_builds_have_identical_content(tmp_path: Path) -> None:
    a, b = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    build_database(a)
    build_database(b)
    assert _content_digest(a) == _content_digest(b)


def test_build_swaps_in_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "n.duckdb"
    build_database(path)
    build_database(path)  # rebuild over an existing file without batches
    assert path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.duckdb", "n.duckdb.lock"]  # the write lock's file stays


def test_refuses_to_overwrite_uploaded_batches(tmp_path: Path) -> None:
    path = tmp_path / "n.duckdb"
    build_database(path)
    with get_database(path).transaction() as cur:
        cur.execute(
            "INSERT INTO import_batches (id, kind, file_name, sha256, size_bytes, username, created_at) "
            "VALUES (1, 'observations', 'x.csv', 'abc', 1, 'officer', now())"
        )
    from ningxia_dash.store.db import forget_database

    forget_database(path)
    with pytest.raises(BuildRefused):
        build_database(path)
    assert duckdb.connect(str(path), read_only=True).execute("SELECT count(*) FROM import_batches").fetchone() == (1,)
    build_database(path, force=True)
    assert duckdb.connect(str(path), read_only=True).execute("SELECT count(*) FROM import_batches").fetchone() == (0,)


def test_cli_build_db(tmp_path: Path) -> None:
    path = tmp_path / "cli.duckdb"
    out = subprocess.run(
        [sys.executable, "-m", "ningxia_dash", "build-db", "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "indicators" in out.stdout and path.exists()
    again = subprocess.run(
        [sys.executable, "-m", "ningxia_dash", "build-db", "--db", str(path), "--if-missing"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "跳过" in again.stdout


def test_read_only_handle_recomputes_per_file_values_after_a_publish(tmp_path: Path) -> None:
    """data.version() is memoised per database file: it must change the moment a new file is published."""
    import shutil

    from ningxia_dash.store import queries
    from ningxia_dash.store.db import forget_database, writable_copy

    path = tmp_path / "n.duckdb"
    build_database(path)
    db = get_database(path, read_only=True)
    calls: list[int] = []

    def version() -> str:
        calls.append(1)
        return queries.data_version(db)

    try:
        first = db.per_file("v", version)
        assert db.per_file("v", version) == first and len(calls) == 1  # memoised while the file is the same
        with writable_copy(path) as conn:  # a publish: copy, write, os.replace
            conn.execute("UPDATE meta SET value = 'changed-by-test' WHERE key = 'data_version'")
        second = db.per_file("v", version)
        assert len(calls) == 2 and second != first and second.startswith("changed-by-t")
        shutil.copyfile(path, tmp_path / "copy.duckdb")  # reading or copying the file is no change
        assert db.per_file("v", version) == second and len(calls) == 2
    finally:
        forget_database(path)


def test_build_waits_for_the_import_write_lock(tmp_path: Path) -> None:
    """build-db swaps the file: it must not do so while an import or rollback holds the write lock."""
    from ningxia_dash.store.db import DatabaseBusyError, write_lock

    path = tmp_path / "n.duckdb"
    build_database(path)
    before = path.stat().st_ino
    with write_lock(path), pytest.raises(DatabaseBusyError):
        build_database(path, force=True, lock_wait=0.2)
    assert path.stat().st_ino == before  # nothing was swapped in
    assert not list(tmp_path.glob("n.duckdb.tmp-*"))
    build_database(path, force=True)  # and once the lock is free, it builds
    assert path.stat().st_ino != before


def test_every_write_publishes_through_one_routine_that_keeps_permissions(tmp_path: Path) -> None:
    """build-db and writable_copy swap their private copy in by the same db.publish (permissions, fsync, .wal)."""
    import os
    import stat

    from ningxia_dash.store import db as db_mod

    path = tmp_path / "nx.duckdb"
    build_database(path)
    os.chmod(path, 0o640)  # the operator's choice: readable by the service's group only
    build_database(path)  # a rebuild used to create the file anew with the default mode
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    with db_mod.writable_copy(path) as conn:
        conn.execute("UPDATE meta SET value = value WHERE key = 'data_version'")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert not list(tmp_path.glob("nx.duckdb.tmp-*")) and not (tmp_path / "nx.duckdb.wal").exists()
    calls: list[Path] = []
    original = db_mod.publish

    def spy(tmp: Path, target: Path) -> None:
        calls.append(target)
        original(tmp, target)

    db_mod.publish = spy  # type: ignore[assignment]
    try:
        build_database(path, force=True)
        with db_mod.writable_copy(path) as conn:
            conn.execute("UPDATE meta SET value = value WHERE key = 'data_version'")
    finally:
        db_mod.publish = original  # type: ignore[assignment]
    assert calls == [path.resolve(), path.resolve()]
