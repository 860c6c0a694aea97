"""Commit: inside the database's write lock, on a private copy (db.writable_copy), re-validate and re-diff the file
against the current data, then write in one transaction the rows, the batch record, a `sources` row for the batch
and every replaced row (old → new as JSON), and publish the copy atomically.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pyarrow as pa

from ningxia_dash.ingest.diff import TABLE_KEYS, Diff
from ningxia_dash.store.db import writable_copy

KIND_LABEL = "导入批次"


class CommitError(RuntimeError):
    """The commit was refused; nothing was written. `message` is Chinese, `message_en` English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message, self.message_en = message, message_en


@dataclass(frozen=True)
class BatchInfo:
    id: int
    rows_new: int
    rows_changed: int
    rows_unchanged: int
    created_at: datetime


def key_json_sql(table: str, alias: str) -> str:
    """SQL for a row's key as canonical JSON text (same text at commit and rollback)."""
    parts = ", ".join(f"{k} := {alias}.{k}" for k in TABLE_KEYS[table])
    return f"to_json(struct_pack({parts}))"


def key_join_sql(table: str, left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} = {right}.{k}" for k in TABLE_KEYS[table])


def write_rows(
    conn: duckdb.DuckDBPyConnection, table: str, rows: pa.Table, batch_id: int, provenance: dict[str, object]
) -> None:
    """Replace rows by key (provenance columns set to the batch's), recording each row's previous and new state in
    batch_changes. Rows arrive as Arrow: DuckDB scans them without a Python object per cell."""
    conn.register("_incoming", rows)
    try:
        conn.execute(
            f"CREATE TEMP TABLE _before AS SELECT {key_json_sql(table, 't')} AS row_key, to_json(t) AS old_row "
            f"FROM {table} t JOIN _incoming n ON {key_join_sql(table, 't', 'n')}"
        )
        conn.execute(f"DELETE FROM {table} t USING _incoming n WHERE {key_join_sql(table, 't', 'n')}")
        replace = ", ".join(f"? AS {col}" for col in provenance)  # column names are constants of this module
        select = f"* REPLACE ({replace})" if replace else "*"
        conn.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM _incoming", list(provenance.values()))
        conn.execute(
            f"INSERT INTO batch_changes (batch_id, table_name, row_key, old_row, new_row) "
            f"SELECT ?, ?, {key_json_sql(table, 't')}, b.old_row, to_json(t) "
            f"FROM {table} t JOIN _incoming n ON {key_join_sql(table, 't', 'n')} "
            f"LEFT JOIN _before b ON b.row_key = {key_json_sql(table, 't')}",
            [batch_id, table],
        )
        conn.execute("DROP TABLE _before")
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses even this; keep the real error
            conn.unregister("_incoming")


def next_batch_id(conn: duckdb.DuckDBPyConnection) -> int:
    return int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM import_batches").fetchone()[0])  # type: ignore[index]


def record_batch(
    conn: duckdb.DuckDBPyConnection,
    *,
    kind_id: str,
    kind_zh: str,
    file_name: str,
    sha256: str,
    size: int,
    encoding: str | None,
    username: str,
    diff: Diff,
    note: str = "",
) -> BatchInfo:
    """Write one batch (data, audit, source row) on an open read-write connection, in one transaction. `note` is
    added to the source row's note (the plausibility warnings the officer committed past: import_batches has no
    column for it, and schema.sql is only run on new databases, so an existing database needs no migration)."""
    batch_id = next_batch_id(conn)
    now = datetime.now().replace(microsecond=0)
    table = kind_table(kind_id)
    provenance: dict[str, object] = {}
    if "source_id" in diff.write.column_names:
        provenance["source_id"] = f"batch-{batch_id}"
    if "batch_id" in diff.write.column_names:
        provenance["batch_id"] = batch_id
    info = BatchInfo(batch_id, diff.count("new"), diff.count("changed"), diff.count("unchanged"), now)
    # Bound DuckDB's memory (it spills to disk beyond this): a million-row batch stays inside 1 GB.
    conn.execute("SET memory_limit = '300MB'")
    conn.execute("SET preserve_insertion_order = false")
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(
            "INSERT INTO sources (id, kind, title, url, quality, note) VALUES (?, 'official', ?, NULL, NULL, ?)",
            [
                f"batch-{batch_id}",
                file_name,
                f"{KIND_LABEL} #{batch_id}（{kind_zh}），{username}，{now:%Y-%m-%d %H:%M}"
                + (f"；{note}" if note else ""),
            ],
        )
        conn.execute(
            """
            INSERT INTO import_batches (id, kind, file_name, sha256, size_bytes, encoding, username, created_at,
                                        rows_new, rows_changed, rows_unchanged, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed')
            """,
            [
                batch_id,
                kind_id,
                file_name,
                sha256,
                size,
                encoding,
                username,
                now,
                info.rows_new,
                info.rows_changed,
                info.rows_unchanged,
            ],
        )
        write_rows(conn, table, diff.write, batch_id, provenance)
        conn.execute("COMMIT")
    except duckdb.Error as exc:
        conn.execute("ROLLBACK")
        raise CommitError(
            f"数据库拒绝写入，本次没有写入任何数据：{str(exc).splitlines()[0]}",
            f"The database refused the write; nothing was written: {str(exc).splitlines()[0]}",
        ) from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return info


def kind_table(kind_id: str) -> str:
    from ningxia_dash.ingest.kinds import KINDS

    return KINDS[kind_id].table


__all__ = ["BatchInfo", "CommitError", "key_join_sql", "key_json_sql", "record_batch", "writable_copy"]
