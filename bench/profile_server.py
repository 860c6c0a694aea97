"""Where the *server's* time goes under concurrent sessions: `python -m bench.profile_server [--sessions N]` starts
the app with the agent API, records it with py-spy (a sampling profiler, deliberately not a requirement:
`.venv/bin/python -m pip install py-spy` first) while N sessions rerun the overview, and prints the frames with the
largest inclusive share. Unlike bench.profile (one AppTest script run), this sees what a real server pays per
rerun: Streamlit's own work after the script (garbage collection, message queueing, the agent API's replies)."""

from __future__ import annotations

import argparse
import collections
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import concurrency
from bench.common import AGENT_ARGS, APP, Server, servers

# "(/…/site-packages/x.py:1)" → "(x.py:1)", the same for the standard library and the project's own files
SHORTEN = re.compile(
    r"\((?:/[^()]*/site-packages/|/[^()]*/lib/python3[^/]*/|/[^()]*/(?=(?:ningxia_dash|pages|bench)/))"
)
NOISE = ("threading.py", "click/core.py", "runpy", "asyncio/runners.py", "streamlit/__main__.py", "web/cli.py")


def top_frames(raw: Path, limit: int) -> list[tuple[float, str]]:
    """Inclusive share of every frame in py-spy's raw (collapsed stack) output."""
    inclusive: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        n = int(count)
        total += n
        seen = set()
        for frame in stack.split(";"):
            name = SHORTEN.sub("(", frame)
            if name not in seen:
                inclusive[name] += n
                seen.add(name)
    return [(round(v / total * 100, 1), k) for k, v in inclusive.most_common() if not any(x in k for x in NOISE)][
        :limit
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile_server", description=__doc__.splitlines()[0])
    p.add_argument("--sessions", type=int, default=30)
    p.add_argument("--reruns", type=int, default=5)
    p.add_argument("--top", type=int, default=60)
    args = p.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        print("py-spy is not installed: .venv/bin/python -m pip install py-spy", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-spy-") as tmp, servers(Server(APP, None, AGENT_ARGS)) as (app,):
        concurrency.interact(app.url, {})  # warm: the first run fills the caches
        raw = Path(tmp) / "stacks.txt"
        rec = subprocess.Popen(
            [spy, "record", "-p", str(app.pid), "-o", str(raw), "-f", "raw", "-r", "200", "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(1)
        level = concurrency.run_level(app.url, app.pid, args.sessions, args.reruns, 300)
        rec.send_signal(2)
        rec.wait(timeout=60)
        keys = ("throughput_rps", "p50_ms", "p95_ms", "errors", "rss_peak_mb")
        print(", ".join(f"{k} {level[k]}" for k in keys))
        for share, frame in top_frames(raw, args.top):
            print(f"{share:5.1f}%  {frame[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
