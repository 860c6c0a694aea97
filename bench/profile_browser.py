"""Where a page's *browser* time goes: `python -m bench.profile_browser [PAGE ...]` serves the app and the empty
page as the benchmark does, opens each target in headless Chromium (warm HTTP cache, the benchmark's probe and
flags), and reports, once it is drawn: time-to-rendered, Chromium's own counters for the tab (CDP
`Performance.getMetrics`: main-thread task time, of which script, layout and style), and the JavaScript it loaded
(decoded bytes; the largest chunks by name). It explains the `browser` section's ratios; it is not a goal."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser_time import OFFLINE_ARGS, READY_PROBE, targets
from bench.common import APP, EMPTY_APP, Server, median, servers
from tests.browser import CHROMIUM, CHROMIUM_ARGS

METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")
SCRIPTS = """() => performance.getEntriesByType('resource')
  .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
  .map((r) => [r.name.split('/').pop(), r.decodedBodySize])"""


def _visit(context: Any, url: str) -> dict[str, Any]:
    page = context.new_page()
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
        page.goto(url, wait_until="commit", timeout=60_000)
        ready = page.wait_for_function(
            "() => window.__nxReadyAt !== null && performance.now() - window.__nxReadyAt > 400 && window.__nxReadyAt",
            timeout=60_000,
        ).json_value()
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        scripts = page.evaluate(SCRIPTS)
        return {
            "rendered_ms": round(float(ready), 1),
            **{k: round(metrics.get(k, 0.0) * 1000, 1) for k in METRICS},
            "js_kb": round(sum(size for _, size in scripts) / 1024),
            "largest_js": sorted(scripts, key=lambda s: -s[1])[:3],
        }
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile_browser", description=__doc__.splitlines()[0])
    p.add_argument("pages", nargs="*", default=["overview", "history", "targets", "parks"],
                   help="registry keys, slide:<id> or slides")  # fmt: skip
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--cold", action="store_true", help="each visit in a new browser context (empty HTTP cache)")
    p.add_argument("--db", type=Path, help="the database the app serves (default: the app's own)")
    args = p.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with servers(Server(APP, args.db), Server(EMPTY_APP, None)) as (app, empty), sync_playwright() as pw:
        visits = [("(empty page)", f"{empty.url}/"), ("(one chart page)", f"{empty.url}/?chart=1")]
        visits += targets(app.url, args.pages)
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS], headless=True)

        def new_context() -> Any:
            ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            ctx.add_init_script(READY_PROBE)
            return ctx

        def visit(url: str) -> dict[str, Any]:
            if not args.cold:
                return _visit(context, url)
            fresh = new_context()
            try:
                return _visit(fresh, url)
            finally:
                fresh.close()

        context = new_context()
        for _, url in visits:  # warm-up: HTTP cache and the servers' caches
            _visit(context, url)
        header = (
            f"{'target':18} {'rendered':>9} {'task':>7} {'script':>7} {'layout':>7} {'style':>7} {'JS KB':>7}  largest"
        )
        print(header + "\n" + "-" * len(header))
        for name, url in visits:
            runs = [visit(url) for _ in range(args.rounds)]
            row = {k: median([r[k] for r in runs]) for k in ("rendered_ms", *METRICS, "js_kb")}
            largest = ", ".join(f"{n} {s // 1024} KB" for n, s in runs[-1]["largest_js"])
            print(
                f"{name:18.18} {row['rendered_ms']:>9} {row['TaskDuration']:>7} {row['ScriptDuration']:>7} "
                f"{row['LayoutDuration']:>7} {row['RecalcStyleDuration']:>7} {row['js_kb']:>7}  {largest}"
            )
        context.close()
        browser.close()
    print(
        f"{'cold: a new browser context per visit' if args.cold else 'warm: one context, HTTP cache warm'}; "
        "ms; task = all main-thread work of the tab, script/layout/style its parts (CDP Performance.getMetrics)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
