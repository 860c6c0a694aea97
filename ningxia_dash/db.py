"""The one gateway to DuckDB: a connection per process and database file, a cursor per call,
writes in one transaction (imports duckdb and pandas; never streamlit)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ningxia_dash import config

Params = Sequence[Any] | dict[str, Any] | None


class DatabaseLockedError(RuntimeError):
    """Another process holds the database for writing (DuckDB allows one writer)."""


class Database:
    """A DuckDB file opened once; every call works on its own cursor so session threads never share one."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()
        self._conn = self._open()

    def _file_stamp(self) -> tuple[int, int]:
        st = self.path.stat()
        return (st.st_ino, st.st_dev)

    def _open(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=self.read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise DatabaseLockedError(
                    f"数据库文件 {self.path} 正被另一个进程占用（DuckDB 只允许一个写入进程）。"
                    "请先停止正在运行的应用或导入任务，再重试。"
                ) from exc
            raise

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            # build-db swaps in a new file: reopen when the file behind the path changed.
            try:
                stamp = self._file_stamp()
            except FileNotFoundError:
                stamp = self._stamp
            if stamp != self._stamp:
                self._conn.close()
                self._conn = self._open()
                self._stamp = stamp
            return self._conn.cursor()

    def df(self, sql: str, params: Params = None) -> pd.DataFrame:
        cur = self._cursor()
        try:
            return cur.execute(sql, params).df()
        finally:
            cur.close()

    def rows(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        cur = self._cursor()
        try:
            return cur.execute(sql, params).fetchall()
        finally:
            cur.close()

    def scalar(self, sql: str, params: Params = None) -> Any:
        found = self.rows(sql, params)
        return found[0][0] if found else None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a cursor inside BEGIN … COMMIT; any exception rolls everything back."""
        if self.read_only:
            raise PermissionError("database opened read-only")
        cur = self._cursor()
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        else:
            cur.execute("COMMIT")
        finally:
            cur.close()

    def close(self) -> None:
        with self._lock:
            self._conn.close()


_registry: dict[tuple[Path, bool], Database] = {}
_registry_lock = threading.Lock()


def get_database(path: Path | None = None, read_only: bool = False) -> Database:
    """The process-wide Database for a file (opened on first use)."""
    resolved = (path or config.db_path()).resolve()
    key = (resolved, read_only)
    with _registry_lock:
        db = _registry.get(key)
        if db is None:
            if not resolved.exists():
                raise FileNotFoundError(
                    f"找不到数据库 {resolved}。请先运行 `make run` 或 `python -m ningxia_dash build-db`。"
                )
            db = Database(resolved, read_only=read_only)
            _registry[key] = db
        return db


def forget_database(path: Path | None = None) -> None:
    """Close and drop cached connections to a file (tests and build-db use this)."""
    resolved = (path or config.db_path()).resolve()
    with _registry_lock:
        for key in [k for k in _registry if k[0] == resolved]:
            _registry.pop(key).close()


def create_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Run schema.sql on an empty database."""
    conn.execute(config.SCHEMA_FILE.read_text(encoding="utf-8"))
