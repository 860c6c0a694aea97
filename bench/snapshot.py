"""The first step of docs/SCALING.md, proven: an app process serving a database read-only picks up a snapshot
published by copy → write → os.replace (as build-db and imports publish) on its next rerun, without a restart."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.common import AGENT_ARGS, APP, Server, ms, servers
from bench.concurrency import interact
from ningxia_dash.store import db as db_module
from ningxia_dash.store import queries
from ningxia_dash.store.db import forget_database, get_database


def version_of(path: Path) -> str:
    """The data version the app shows in its sidebar, read through the gateway as the app reads it."""
    try:
        return queries.data_version(get_database(path, read_only=True))
    finally:
        forget_database(path)


def _write_import(cur: Any) -> None:
    cur.execute(
        "INSERT INTO import_batches (id, kind, file_name, sha256, size_bytes, username, created_at)"
        " SELECT coalesce(max(id), 0) + 1, 'observations', 'bench-snapshot.csv', 'bench', 1, 'bench', ?"
        " FROM import_batches",
        [datetime.now()],
    )
    cur.execute(
        "UPDATE observations SET value = value + 1, source_kind = 'official', note = 'bench snapshot'"
        " WHERE rowid = (SELECT min(rowid) FROM observations)"
    )


def publish_import(served: Path, work: Path) -> dict[str, Any]:
    """What the writer does while replicas keep serving: copy the published file, write an import (a batch record
    and one changed value) into the copy in one transaction, then atomically swap it in. Uses the app's own
    db.writable_copy (the path imports and account changes take) when it exists."""
    t0 = time.perf_counter()
    writable_copy = getattr(db_module, "writable_copy", None)
    if writable_copy is not None:
        with writable_copy(served) as conn:
            conn.execute("BEGIN TRANSACTION")
            _write_import(conn)
            conn.execute("COMMIT")
        return {"publish_ms": ms(time.perf_counter() - t0), "publisher": "ningxia_dash.store.db.writable_copy"}
    staging = work / f"{served.name}.staging-{os.getpid()}"
    shutil.copyfile(served, staging)
    writer = get_database(staging, read_only=False)
    try:
        with writer.transaction() as cur:
            _write_import(cur)
    finally:
        forget_database(staging)
    os.replace(staging, served)
    return {"publish_ms": ms(time.perf_counter() - t0), "publisher": "bench: copy, write, os.replace"}


def _shows(doc: dict[str, Any], version: str) -> bool:
    return version in json.dumps(doc.get("tree", {}), ensure_ascii=False)


class Replica:
    """The second app process of the proof: a copy of the database served read-only (start() may come early)."""

    def __init__(self, source_db: Path, work: Path) -> None:
        work.mkdir(parents=True, exist_ok=True)
        self.work = work
        self.served = work / "replica.duckdb"
        shutil.copyfile(source_db, self.served)
        self.server = Server(APP, self.served, AGENT_ARGS)

    def start(self) -> None:
        self.server.start()


def measure(replica: Replica) -> dict[str, Any]:
    served = replica.served
    before = version_of(served)
    server = replica.server
    with servers(server):
        pid = server.pid
        status, first = interact(server.url, {})
        sid = first.get("session_id")
        seen_before = status == 200 and _shows(first, before)
        published = publish_import(served, replica.work)
        after = version_of(served)
        t0 = time.perf_counter()
        status2, rerun = interact(server.url, {"session_id": sid} if sid else {})
        rerun_ms = ms(time.perf_counter() - t0)
        _, fresh = interact(server.url, {})
        same_process = server.proc is not None and server.proc.poll() is None and server.pid == pid
        result = {
            "version_before": before,
            "version_after": after,
            "replica_showed_before": seen_before,
            "same_session_sees_new_snapshot": status2 == 200 and _shows(rerun, after),
            "new_session_sees_new_snapshot": _shows(fresh, after),
            "replica_not_restarted": same_process,
            "rerun_after_publish_ms": rerun_ms,
            **published,
        }
    result["passed"] = bool(
        before != after
        and result["replica_showed_before"]
        and result["same_session_sees_new_snapshot"]
        and result["new_session_sees_new_snapshot"]
        and result["replica_not_restarted"]
    )
    served.unlink(missing_ok=True)
    return result
