"""Browser time-to-rendered per page in headless Chromium (Debian's, via Playwright, with the launch flags of
tests/browser.py), next to an empty Streamlit page served the same way.

Requests leaving localhost are blocked by Chromium itself (a dead proxy for everything but loopback, and a resolver
that knows no names) and recorded by a passive listener. tests/browser.py's guard intercepts every request with
page.route, which holds each request until Python answers it: fine for a test, but it would add a round trip per
request (and stall lazily loaded chunks while Python waits elsewhere), inflating exactly what is measured here."""

from __future__ import annotations

import shutil
import time
from typing import Any
from urllib.parse import urlparse

from bench.common import median
from bench.script_time import pages
from tests.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS

# Runs in the page from the first byte: every 10 ms, is the page drawn? `__nxReadyAt` is the moment (ms since
# navigation start) the answer last turned true; it resets when a new element (a chart still drawing, the status
# widget of a rerun) makes it false again.
READY_PROBE = """
(() => {
  const drawn = () => {
    const d = document;
    if (!d.querySelector('h1')) return false;
    if (d.querySelector('[data-testid="stStatusWidget"], [data-testid="stSkeleton"]')) return false;
    // Charts, maps and tables in a collapsed expander or a hidden tab are not drawn until opened: skip those.
    const shown = (el) => (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
    const pending = (sel, drawn) => [...d.querySelectorAll(sel)].some((el) => shown(el) && !el.querySelector(drawn));
    if (pending('[data-testid="stPlotlyChart"]', '.js-plotly-plot .main-svg')) return false;
    if (pending('[data-testid="stDeckGlJsonChart"]', '#deckgl-overlay, canvas')) return false;
    if (pending('[data-testid="stDataFrame"]', 'canvas')) return false;
    return true;
  };
  window.__nxReadyAt = null;
  const tick = () => {
    if (!document.documentElement) return;
    const ok = drawn();
    if (ok && window.__nxReadyAt === null) window.__nxReadyAt = performance.now();
    if (!ok) window.__nxReadyAt = null;
  };
  setInterval(tick, 10);
})();
"""
OFFLINE_ARGS = [
    "--proxy-server=http://127.0.0.1:9",  # nothing listens there; Chromium never proxies loopback
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
COUNT_ELEMENTS = """() => ({
  plotly: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  deck: document.querySelectorAll('[data-testid="stDeckGlJsonChart"]').length,
  dataframes: document.querySelectorAll('[data-testid="stDataFrame"]').length,
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
})"""


def available() -> str | None:
    """Why the browser section cannot run, or None."""
    if shutil.which(CHROMIUM) is None and shutil.which("chromium") is None:
        return "Debian chromium missing (make test installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (requirements-dev.txt)"
    return None


def _visit(context: Any, url: str, stable_ms: int, timeout_ms: int) -> dict[str, Any]:
    page = context.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(
            f"() => window.__nxReadyAt !== null && performance.now() - window.__nxReadyAt > {stable_ms}",
            timeout=timeout_ms,
            polling=50,
        )
        ready = float(page.evaluate("window.__nxReadyAt"))
        return {
            "ms": round(ready, 1),
            "wall_ms": round((time.perf_counter() - t0) * 1000 - stable_ms, 1),
            "elements": page.evaluate(COUNT_ELEMENTS),
        }
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}
    finally:
        page.close()


def measure(
    app_url: str,
    empty_url: str,
    rounds: int,
    warmup: int = 1,
    warmup_targets: int | None = None,
    max_pages: int | None = None,
    stable_ms: int = 400,
) -> dict[str, Any]:
    """`warmup` unrecorded rounds (of the first `warmup_targets` targets: the empty page, the default page …, or all),
    then `rounds` rounds; each round visits the empty page and every page of the registry once, in a new tab of one
    browser context (HTTP cache warm after the first visit to each server, as for a user who has opened the dashboard
    before). Time-to-rendered = ms from navigation start until the page was drawn (and stayed so for `stable_ms`).
    `max_pages` limits the registry pages visited (the quick run's smoke test); None visits every page."""
    from playwright.sync_api import Request, sync_playwright

    outbound: list[str] = []

    def record(request: Request) -> None:
        host = urlparse(request.url).hostname or ""
        if not request.url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS:
            outbound.append(request.url)

    targets = [("(empty page)", f"{empty_url}/"), ("(one chart page)", f"{empty_url}/?chart=1")] + [
        (p["key"], f"{app_url}/{p['url_path']}?lang=zh") for p in pages()[:max_pages]
    ]
    samples: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in targets}
    warmup_errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS], headless=True)
        context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
        context.on("request", record)
        context.add_init_script(READY_PROBE)
        try:
            for _ in range(warmup):
                for name, url in targets[:warmup_targets]:
                    result = _visit(context, url, stable_ms, timeout_ms=60_000)
                    if "error" in result:
                        warmup_errors.append(f"{name}: {result['error']}")
            for _ in range(rounds):
                for name, url in targets:
                    samples[name].append(_visit(context, url, stable_ms, timeout_ms=60_000))
        finally:
            context.close()
            browser.close()

    def summary(name: str) -> dict[str, Any]:
        got = samples[name]
        times = [s["ms"] for s in got if "ms" in s]
        return {
            "median_ms": median(times),
            "samples_ms": times,
            "errors": [s["error"] for s in got if "error" in s],
            "elements": next((s["elements"] for s in reversed(got) if "elements" in s), None),
        }

    empty = summary("(empty page)")
    chart = summary("(one chart page)")
    rows = []
    for name, _ in targets[2:]:
        row = {"page": name, **summary(name)}
        row["ratio"] = (
            round(row["median_ms"] / empty["median_ms"], 2) if row["median_ms"] and empty["median_ms"] else None
        )
        # The stack's own floor for this page: the one-chart page when it draws a plotly chart (plotly.js must
        # load and draw, whatever the chart), else the empty page. Reported beside the goal's ratio, not instead.
        floor = chart if (row["elements"] or {}).get("plotly") else empty
        row["floor"] = "one_chart" if floor is chart else "empty"
        row["ratio_floor"] = (
            round(row["median_ms"] / floor["median_ms"], 2) if row["median_ms"] and floor["median_ms"] else None
        )
        rows.append(row)
    return {
        "empty": empty,
        "one_chart": chart,
        "pages": rows,
        "rounds": rounds,
        "warmup": warmup,
        "stable_ms": stable_ms,
        "outbound_blocked": sorted(set(outbound)),
        "warmup_errors": warmup_errors,
    }
