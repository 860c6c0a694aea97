"""The one gateway to DuckDB: a connection per process and database file, a cursor per call,
writes in one transaction."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import duckdb
import pandas as pd

from ningxia_dash import config

Params = Sequence[Any] | dict[str, Any] | None
T = TypeVar("T")


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
        self._per_file: dict[str, Any] = {}

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

    def _refresh(self) -> None:
        """Reopen when the file behind the path changed (a publish or build-db swaps in a new file). Call locked."""
        try:
            stamp = self._file_stamp()
        except FileNotFoundError:
            stamp = self._stamp
        if stamp != self._stamp:
            self._conn.close()
            self._conn = self._open()
            self._stamp = stamp
            self._per_file.clear()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            self._refresh()
            return self._conn.cursor()

    def per_file(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per database file, for read-only handles. Their file cannot change in place: DuckDB
        lets no process write a file others hold read-only, so new data always arrives as a new file (a publish
        or build-db's swap), which _refresh notices and which drops these values. A read-write handle computes
        every time."""
        if not self.read_only:
            return compute()
        with self._lock:
            self._refresh()
            if key in self._per_file:
                return cast(T, self._per_file[key])
            stamp = self._stamp
        value = compute()
        with self._lock:
            self._refresh()
            if self._stamp == stamp:  # not when the file was replaced while computing: the value may be the old one
                self._per_file.setdefault(key, value)
        return value

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


_resolved_paths: dict[Path, Path] = {}


def _resolved(path: Path) -> Path:
    """Path.resolve() once per path: it walks every component with lstat, on every rerun of every session."""
    found = _resolved_paths.get(path)
    if found is None:
        found = _resolved_paths[path] = path.resolve()
    return found


def get_database(path: Path | None = None, read_only: bool = False) -> Database:
    """The process-wide Database for a file (opened on first use)."""
    resolved = _resolved(path or config.db_path())
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


# ---------------------------------------------------------------- copy-on-write writes
#
# The app opens the file read-only (many readers, no writer lock). A write (an import, a rollback, an account
# change) takes an exclusive lock on <db>.lock, copies the file to <db>.tmp-<pid>, writes the copy, checkpoints it
# and atomically renames it over the database. Readers reopen when the file's inode changes (Database._cursor).
# A process killed mid-write leaves the original file untouched; the kernel frees its lock.


class DatabaseBusyError(DatabaseLockedError):
    """Another write (import, rollback, account change) holds the database's write lock."""


def lock_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.lock")


@contextmanager
def write_lock(path: Path, wait_seconds: float = 30.0) -> Iterator[None]:
    """Hold the exclusive write lock of a database file, waiting up to wait_seconds for it."""
    fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait_seconds, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
                    raise DatabaseBusyError(
                        f"另一个导入、回滚或账户变更正在写入数据库 {path.name}（进程 {holder}），"
                        f"已等待 {wait_seconds:g} 秒。请稍后重试；本次没有写入任何数据。"
                    ) from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_copies(path: Path) -> list[Path]:
    """Delete <db>.tmp-<pid> files left by killed processes (never one whose process still runs)."""
    removed = []
    for tmp in path.parent.glob(f"{path.name}.tmp-*"):
        pid_text = tmp.name.rsplit("-", 1)[-1].split(".", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and not _pid_alive(int(pid_text)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def publish(tmp: Path, target: Path) -> None:
    """Swap a finished private copy in over the database: the operator's permissions kept, the copy's data
    flushed to disk, an atomic rename, a stale .wal of the old file removed, the directory entry flushed.
    The one routine every write (import, rollback, account change, build) publishes through."""
    if target.exists():
        shutil.copymode(target, tmp)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)
    Path(f"{target}.wal").unlink(missing_ok=True)
    dir_fd = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


@contextmanager
def private_copy(target: Path, empty: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to <db>.tmp-<pid> (a copy of the database, or a new empty file), published over
    the database when the block ends without an exception, discarded otherwise. The caller holds write_lock."""
    remove_stale_copies(target)
    tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    Path(f"{tmp}.wal").unlink(missing_ok=True)
    if not empty:
        shutil.copyfile(target, tmp)
    conn = duckdb.connect(str(tmp))
    try:
        yield conn
        conn.execute("CHECKPOINT")
    except BaseException:
        conn.close()
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    conn.close()
    publish(tmp, target)


@contextmanager
def writable_copy(path: Path | None = None, wait_seconds: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a read-write connection to a private copy of the database; publish it over the original when the
    block ends without an exception, discard it otherwise. Writers are serialised by write_lock."""
    target = (path or config.db_path()).resolve()
    if not target.exists():
        raise FileNotFoundError(f"找不到数据库 {target}。请先运行 `make run` 或 `python -m ningxia_dash build-db`。")
    with write_lock(target, wait_seconds), private_copy(target) as conn:
        yield conn


def batch_count(path: Path) -> int:
    """How many import batches a database file holds (0 when there is no file). A short-lived handle, closed
    at once: a cached one would keep the old file's instance alive in this process after the caller swaps it."""
    if not path.exists():
        return 0
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return int(conn.execute("SELECT count(*) FROM import_batches").fetchone()[0])  # type: ignore[index]
    finally:
        conn.close()


def table_names(path: Path) -> set[str] | None:
    """The tables of a DuckDB file, opened read-only for a moment; None when the file is not a DuckDB database
    (backup.restore checks a backup with this before publishing it)."""
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return {str(r[0]) for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    except duckdb.Error:
        return None
    finally:
        conn.close()


def database_kind(path: Path) -> str | None:
    """'demo' or 'production' for an existing database file (meta key 'demo'; files built before that key are
    demo builds), None when there is no readable database there. Opened read-only for a moment."""
    if not path.exists():
        return None
    try:
        conn = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    except duckdb.Error:
        return None
    finally:
        conn.close()
    return "production" if row is not None and str(row[0]) == "0" else "demo"
