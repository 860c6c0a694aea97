"""One import through the upload page's pipeline, timed per phase, in a child process of its own (so its peak
memory is its own): `python -m bench.ingest_child FILE KIND DB`. Prints one JSON line.

What a desk officer waits for on the upload page: the dry run after choosing a file (read, parse, validate, diff),
then the commit after clicking confirm (re-checked under the write lock, written, published). The page's server
process has its modules loaded already, so the imports are timed apart and not counted in either phase."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main(argv: list[str]) -> int:
    file, kind, db_file = Path(argv[0]), argv[1], Path(argv[2])
    t0 = time.perf_counter()
    from ningxia_dash.ingest.pipeline import commit, dry_run
    from ningxia_dash.ingest.validate import Scope
    from ningxia_dash.store.db import get_database

    out: dict[str, object] = {"imports_s": round(time.perf_counter() - t0, 2), "baseline_mb": _peak_mb()}
    scope = Scope("bench", "admin")
    db = get_database(db_file, read_only=True)  # as the app: it reads only; the commit publishes a new file
    t1 = time.perf_counter()
    content = file.read_bytes()
    preview = dry_run(content, file.name, kind, scope, db, max_bytes=2000 * 2**20)
    del content
    out |= {"dry_s": round(time.perf_counter() - t1, 2), "dry_peak_mb": _peak_mb(), "errors": len(preview.errors)}
    if preview.errors:
        out["first_error"] = preview.errors[0].message(file.name)
        print(json.dumps(out, ensure_ascii=False))
        return 1
    t2 = time.perf_counter()
    batch = commit(preview, scope, db.path)
    out |= {
        "commit_s": round(time.perf_counter() - t2, 2),
        "peak_mb": _peak_mb(),
        "rows_new": batch.rows_new,
        "rows_changed": batch.rows_changed,
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
