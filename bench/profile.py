"""Where a page's script time goes: `python -m bench.profile PAGE [--scale K] [--runs N] [--cold]` profiles N reruns of
one registry page (warm, or cold: caches cleared first) under AppTest with pyinstrument (a profiling tool, deliberately not a requirement:
`.venv/bin/python -m pip install pyinstrument` first) and prints the call tree."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import APP, OUT_DIR


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    p.add_argument("page", help="a page key of ui.nav.REGISTRY, e.g. overview")
    p.add_argument("--scale", type=int, default=1, help="dataset scale (bench/out/db, built when missing)")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--cold", action="store_true", help="clear the caches and reopen the database before each run")
    p.add_argument("--work", type=Path, default=OUT_DIR / "db")
    args = p.parse_args(argv)
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("pyinstrument is not installed: .venv/bin/python -m pip install pyinstrument", file=sys.stderr)
        return 2
    from streamlit.testing.v1 import AppTest
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    from bench import datasets, run, script_time

    run._quiet_streamlit()
    page = next((pg for pg in script_time.pages() if pg["key"] == args.page), None)
    if page is None:
        print(f"no page {args.page!r}; pages: {', '.join(pg['key'] for pg in script_time.pages())}", file=sys.stderr)
        return 2
    db, _ = datasets.dataset(args.scale, args.work)
    os.environ["NINGXIA_DB"] = str(db)
    at = AppTest.from_file(str(APP), default_timeout=300)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page(page["path"]).run()  # caches warm: what follows is the warm rerun
    profiler = Profiler(interval=0.001)
    original = LocalScriptRunner._run_script_thread

    def profiled(self: Any) -> None:  # the script runs in AppTest's own thread: profile that thread
        if args.cold:
            script_time._clear(db)
        profiler.start()
        try:
            original(self)
        finally:
            profiler.stop()

    LocalScriptRunner._run_script_thread = profiled  # type: ignore[method-assign]
    try:
        for _ in range(args.runs):
            at.run()
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
