"""Entry point of the benchmark (issue 7): `python -m bench.run [--quick] [--sections a,b] [--out FILE|-]`.

Measures, in one run: script time per page (1× and k× data), browser time-to-rendered next to an empty Streamlit
page, query times at 1× and k×, imports (when the upload pipeline exists), concurrent sessions, and a read-only
replica picking up a published snapshot. Writes one JSON document (bench/out/latest.json by default) and prints a
table with PASS / MISS per goal. Every server listens on 127.0.0.1 and every loop is bounded.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run.py` as well as `python -m bench.run`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report
from bench.common import AGENT_ARGS, APP, EMPTY_APP, OUT_DIR, Server, loadavg, machine, self_peak_mb, servers

SECTIONS = ("script", "browser", "queries", "scaled", "ingest", "concurrency", "snapshot")


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="tiny sizes and few repeats (the smoke test uses this)")
    p.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    p.add_argument("--out", help="JSON file, or - for stdout (the table then goes to stderr); default bench/out/")
    p.add_argument("--work", type=Path, help="where the benchmark databases are built (default bench/out/db)")
    p.add_argument("--scale", type=int, help="the large dataset's scale (default 20; 2 with --quick)")
    p.add_argument("--rebuild", action="store_true", help="rebuild the benchmark databases even when current")
    p.add_argument("--sessions", help="concurrency levels, e.g. 10,50 (default; 2,4 with --quick)")
    p.add_argument(
        "--pages",
        help="browser section: comma-separated registry keys, slide:<id> or slides (default: every page and slide)",
    )
    p.add_argument("--browser-rounds", type=int, help="browser section: measured rounds (default 5; 1 with --quick)")
    p.add_argument("--render", type=Path, help="print the table (goals re-checked) of an earlier JSON and exit")
    args = p.parse_args(argv)
    unknown = set(args.sections.split(",")) - set(SECTIONS)
    if unknown:
        p.error(f"unknown sections: {', '.join(sorted(unknown))}")
    return args


def _sizes(args: argparse.Namespace) -> dict[str, Any]:
    quick = args.quick
    return {
        "quick": quick,
        "scale": args.scale or (2 if quick else 20),
        "warm_runs": 1 if quick else 9,
        "scaled_warm_runs": 0 if quick else 9,  # quick: cold runs only at k× (the smoke test checks the code path)
        "query_repeats": 2 if quick else 9,
        "browser_rounds": args.browser_rounds or (1 if quick else 5),
        "browser_warmup": 1,
        # quick: the empty pages, the default page and one slide; else every registry page and every slide
        "browser_pages": args.pages.split(",") if args.pages else (["overview", "slide:gauges"] if quick else None),
        "sessions": [int(x) for x in (args.sessions or ("2,4" if quick else "10,50")).split(",")],
        "reruns": 1 if quick else 5,
        "concurrency_deadline_s": 60 if quick else 300,
        "ingest_runs": [("village_metrics", 2_000)]
        if quick
        else [("village_metrics", 100_000), ("observations", 100_000), ("village_metrics", 1_000_000)],
    }


def _section(doc: dict[str, Any], name: str, fn: Callable[[], dict[str, Any]]) -> None:
    """Run one section; a crash is recorded in the document (and fails the exit status), the run goes on."""
    print(f"[bench] {name} …", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    try:
        result = fn()
    except Exception:
        result = {"error": traceback.format_exc()[-2000:]}
    result["seconds"] = round(time.perf_counter() - t0, 1)
    doc["sections"][name] = result


def _quiet_streamlit() -> None:
    """AppTest outside a server warns on every cached call; each AppTest run re-applies the configured level."""
    import streamlit.logger
    from streamlit import config as st_config

    st_config.get_option("logger.level")
    st_config.set_option("logger.level", "error")
    streamlit.logger.set_log_level("error")


def _in_process(doc: dict[str, Any], wanted: list[str], size: dict[str, Any], one: Path, big: Path | None) -> None:
    """Sections that run inside this process (AppTest, queries) or drive the CLI (imports)."""
    from bench import ingest_time, queries_time, script_time

    k, quick = size["scale"], size["quick"]
    if "script" in wanted:
        _section(doc, "script", lambda: {"scale": 1, **script_time.measure(one, size["warm_runs"])})
    if "queries" in wanted:
        assert big is not None
        db_k = big
        _section(
            doc,
            "queries",
            lambda: {
                "scales": {
                    "1": queries_time.measure(one, size["query_repeats"]),
                    str(k): queries_time.measure(db_k, size["query_repeats"]),
                }
            },
        )
    if "scaled" in wanted:
        assert big is not None
        db_s = big
        _section(doc, "scaled", lambda: {"scale": k, **script_time.measure(db_s, size["scaled_warm_runs"])})
    if "ingest" in wanted:
        with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
            _section(doc, "ingest", lambda: ingest_time.measure(one, size["ingest_runs"], Path(tmp), startup=not quick))


def _with_servers(doc: dict[str, Any], wanted: list[str], size: dict[str, Any], app: Server, empty: Server) -> None:
    """Sections against running servers: the browser (app and empty page) and concurrent sessions (app)."""
    from bench import browser_time, concurrency

    if "browser" in wanted:
        reason = browser_time.available()
        if reason:
            doc["sections"]["browser"] = {"reason": reason}
        else:
            _section(
                doc,
                "browser",
                lambda: browser_time.measure(
                    app.url,
                    empty.url,
                    size["browser_rounds"],
                    warmup=size["browser_warmup"],
                    page_names=size["browser_pages"],
                ),
            )
            doc["sections"]["browser"]["server_start_s"] = {"app": app.ready_s, "empty": empty.ready_s}
    if "concurrency" in wanted:
        _section(
            doc,
            "concurrency",
            lambda: concurrency.measure(
                app.url, app.pid, size["sessions"], size["reruns"], size["concurrency_deadline_s"]
            ),
        )


def run(argv: list[str] | None = None) -> tuple[dict[str, Any], int]:
    args = _args(argv)
    wanted = [s for s in SECTIONS if s in args.sections.split(",")]
    size = _sizes(args)
    _quiet_streamlit()
    from bench import datasets, snapshot

    work = args.work or OUT_DIR / "db"
    doc: dict[str, Any] = {
        "meta": {
            "started": datetime.now().isoformat(timespec="seconds"),
            "quick": args.quick,
            "sections": wanted,
            "sizes": size,
            "machine": machine(),
        },
        "datasets": {},
        "sections": {},
    }
    t_start = time.perf_counter()
    one, doc["datasets"]["1"] = datasets.dataset(1, work, reuse=not args.rebuild)
    big: Path | None = None
    if {"queries", "scaled"} & set(wanted):
        print(f"[bench] dataset {size['scale']}× …", file=sys.stderr, flush=True)
        big, doc["datasets"][str(size["scale"])] = datasets.dataset(size["scale"], work, reuse=not args.rebuild)

    app, empty = Server(APP, one, AGENT_ARGS), Server(EMPTY_APP, None, AGENT_ARGS)
    live = [app, empty] if {"browser", "concurrency"} & set(wanted) else []
    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as tmp:
        replica = snapshot.Replica(one, Path(tmp)) if "snapshot" in wanted else None
        try:
            if args.quick:  # quick: the servers boot while the in-process sections run (full runs keep them apart)
                for server in live:
                    server.start()
                if replica is not None:
                    replica.start()
            _in_process(doc, wanted, size, one, big)
            if live:
                with servers(*live):
                    _with_servers(doc, wanted, size, app, empty)
            for server in live:
                server.stop()
            if replica is not None:
                chosen = replica
                _section(doc, "snapshot", lambda: snapshot.measure(chosen))
        finally:
            for server in [*live, *([replica.server] if replica else [])]:
                server.stop()

    doc["meta"]["loadavg_end"] = loadavg()
    doc["meta"]["seconds"] = round(time.perf_counter() - t_start, 1)
    doc["meta"]["bench_process_peak_mb"] = self_peak_mb()
    doc["goals"] = report.goals(doc)
    crashed = [n for n, sec in doc["sections"].items() if isinstance(sec, dict) and "error" in sec]
    doc["meta"]["crashed_sections"] = crashed
    return doc, 1 if crashed else 0


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    if args.render:
        doc = json.loads(args.render.read_text(encoding="utf-8"))
        doc["goals"] = report.goals(doc)
        print(report.render(doc))
        return 0
    doc, status = run(argv)
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    table = report.render(doc)
    if args.out == "-":
        print(text)
        print(table, file=sys.stderr)
        return status
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
        where = args.out
    else:
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        (OUT_DIR / f"bench-{stamp}{'-quick' if args.quick else ''}.json").write_text(text, encoding="utf-8")
        (OUT_DIR / "latest.json").write_text(text, encoding="utf-8")
        where = str(OUT_DIR / "latest.json")
    print(table)
    print(f"\nJSON: {where}")
    return status


if __name__ == "__main__":
    sys.exit(main())
