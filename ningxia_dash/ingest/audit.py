"""Audit and rollback: a batch's recorded changes restore exactly the rows it replaced (and remove the rows it
added). A batch whose rows a later, still-committed batch touched again cannot be rolled back until that later
batch is: the officer sees which batches block it.

Choice (documented in docs/UPLOAD.md): blocking rather than cascading. Rolling back several batches in order is
still possible, newest first, each one a visible event in the history.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from ningxia_dash.ingest.diff import TABLE_KEYS
from ningxia_dash.ingest.write import CommitError
from ningxia_dash.store.db import writable_copy


class RollbackRefused(CommitError):
    """The batch cannot be rolled back (unknown, already rolled back, blocked by later batches, or drifted)."""


@dataclass(frozen=True)
class RollbackInfo:
    batch_id: int
    rows_restored: int
    rows_removed: int


def _one(conn: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> tuple[object, ...] | None:
    return conn.execute(sql, params).fetchone()


def blocking_batches(conn: duckdb.DuckDBPyConnection, batch_id: int) -> list[tuple[int, str, datetime, int]]:
    """Later committed batches that changed rows this batch changed: (id, user, time, rows in common)."""
    return [
        (int(r[0]), str(r[1]), r[2], int(r[3]))
        for r in conn.execute(
            """
            SELECT b.id, b.username, b.created_at, count(*) AS n
            FROM batch_changes c
            JOIN batch_changes l ON l.table_name = c.table_name AND l.row_key = c.row_key AND l.batch_id > c.batch_id
            JOIN import_batches b ON b.id = l.batch_id AND b.status = 'committed'
            WHERE c.batch_id = ?
            GROUP BY b.id, b.username, b.created_at
            ORDER BY b.id
            """,
            [batch_id],
        ).fetchall()
    ]


def _refuse_if_not_rollbackable(conn: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    batch = _one(conn, "SELECT status FROM import_batches WHERE id = ?", [batch_id])
    if batch is None:
        raise RollbackRefused(f"没有编号为 #{batch_id} 的导入批次。", f"There is no import batch #{batch_id}.")
    if batch[0] == "rolled_back":
        raise RollbackRefused(
            f"批次 #{batch_id} 已经回滚过了；如需恢复这些数据，请重新导入原文件。",
            f"Batch #{batch_id} has already been rolled back; to restore its data, import the file again.",
        )
    later = blocking_batches(conn, batch_id)
    if later:
        zh = "、".join(f"#{b}（{u}，{t:%Y-%m-%d %H:%M}，{n}行）" for b, u, t, n in later)
        en = ", ".join(f"#{b} ({u}, {t:%Y-%m-%d %H:%M}, {n} rows)" for b, u, t, n in later)
        raise RollbackRefused(
            f"不能回滚批次 #{batch_id}：之后的批次 {zh} 又修改了其中的数据。请先回滚这些较新的批次（从最新的开始），"
            "再回滚本批次。本次没有做任何改动。",
            f"Batch #{batch_id} cannot be rolled back: later batches {en} changed the same rows. Roll those back "
            "first (newest first), then this one. Nothing was changed.",
        )


# Rows a batch added that other rows may point at: removing them would orphan those rows.
REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "plans": (("indicators", "plan_id"),),
    "indicators": (("observations", "indicator_id"), ("indicator_notes", "indicator_id")),
    "villages": (("village_metrics", "village_id"),),
}


def _refuse_if_referenced(conn: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    for table, children in REFERENCES.items():
        for child, column in children:
            found = conn.execute(
                f"SELECT count(*), min(x.{column}) FROM batch_changes c "
                f"JOIN {child} x ON x.{column} = json_extract_string(c.row_key, '$.id') "
                "WHERE c.batch_id = ? AND c.table_name = ? AND c.old_row IS NULL",
                [batch_id, table],
            ).fetchone()
            if found and found[0]:
                raise RollbackRefused(
                    f"不能回滚批次 #{batch_id}：它新增的“{found[1]}”等仍被 {found[0]} 行数据（{child}）引用。"
                    "请先回滚导入这些数据的批次。本次没有做任何改动。",
                    f"Batch #{batch_id} cannot be rolled back: what it added (“{found[1]}” …) is still used by "
                    f"{found[0]} rows of {child}. Roll back the batches that imported them first. Nothing was changed.",
                )


def _restore_table(conn: duckdb.DuckDBPyConnection, table: str, changes: pd.DataFrame) -> tuple[int, int]:
    """Check that each row still holds what the batch wrote, then put back the old rows."""
    keys = pd.DataFrame([json.loads(k) for k in changes["row_key"]], dtype=object)
    keys["_row_key"] = list(changes["row_key"])
    keys["_new_row"] = list(changes["new_row"])
    conn.register("_keys", keys)
    try:
        join = " AND ".join(f"t.{k} = k.{k}" for k in TABLE_KEYS[table])
        drifted = conn.execute(
            f"SELECT count(*) FROM _keys k LEFT JOIN {table} t ON {join} "
            f"WHERE t.{TABLE_KEYS[table][0]} IS NULL OR to_json(t)::VARCHAR <> k._new_row"
        ).fetchone()
        if drifted and drifted[0]:
            raise RollbackRefused(
                f"{drifted[0]} 行数据在本批次之后被导入以外的方式改动过（例如重建了数据库），无法精确回滚。本次没有做任何改动。",
                f"{drifted[0]} rows were changed after this batch by something other than an import (e.g. a rebuild); "
                "an exact rollback is impossible. Nothing was changed.",
            )
        conn.execute(f"DELETE FROM {table} t USING _keys k WHERE {join}")
    finally:
        with contextlib.suppress(duckdb.Error):
            conn.unregister("_keys")
    old = [json.loads(r) for r in changes["old_row"] if isinstance(r, str)]
    if old:
        frame = pd.DataFrame(old, dtype=object)
        conn.register("_old_rows", frame)
        try:
            conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _old_rows")
        finally:
            with contextlib.suppress(duckdb.Error):
                conn.unregister("_old_rows")
    return len(old), len(changes) - len(old)


def rollback(batch_id: int, username: str, db_path: Path, wait_seconds: float = 10.0) -> RollbackInfo:
    """Undo one batch exactly, in one transaction on a private copy published atomically."""
    with writable_copy(db_path, wait_seconds) as conn:
        _refuse_if_not_rollbackable(conn, batch_id)
        _refuse_if_referenced(conn, batch_id)
        changes = conn.execute(
            "SELECT table_name, row_key, old_row, new_row FROM batch_changes WHERE batch_id = ? ORDER BY table_name",
            [batch_id],
        ).df()
        restored = removed = 0
        conn.execute("BEGIN TRANSACTION")
        try:
            for table, part in changes.groupby("table_name", sort=True):
                if table not in TABLE_KEYS:
                    raise RollbackRefused(f"未知的数据表 {table}", f"Unknown table {table}")
                r, d = _restore_table(conn, str(table), part)
                restored, removed = restored + r, removed + d
            now = datetime.now().replace(microsecond=0)
            conn.execute(
                "UPDATE import_batches SET status = 'rolled_back', rolled_back_at = ?, rolled_back_by = ? WHERE id = ?",
                [now, username, batch_id],
            )
            conn.execute(
                "UPDATE sources SET note = coalesce(note, '') || ? WHERE id = ?",
                [f"；已于 {now:%Y-%m-%d %H:%M} 由 {username} 回滚", f"batch-{batch_id}"],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return RollbackInfo(batch_id, restored, removed)
