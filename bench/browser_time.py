"""Browser time-to-rendered per page in headless Chromium (Debian's, via Playwright, with the launch flags of
tests/browser.py), next to an empty Streamlit page served the same way.

Every target is loaded COLD (a new browser context per load: empty HTTP cache, a first visit) and WARM (a new tab of
one long-lived context: the HTTP cache of a returning leader), and for each load the benchmark records what it cost:
requests and bytes (Resource Timing: every request of the page, those that went to the network, the bytes
transferred; plus the bytes Streamlit sent over its WebSocket, counted by Playwright), the `load` event, and the
time from `load` to rendered — the part that is the script run and the drawing, not the download.

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
from ningxia_dash.present import slides
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
  // Resource Timing keeps 250 entries by default; a page with many chunks must not lose the tail.
  if (performance.setResourceTimingBufferSize) performance.setResourceTimingBufferSize(2000);
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


# What one load cost, read once the page is drawn: the navigation and every resource (cache hits included), those that
# went to the network (transferSize > 0: a 304 counts, a memory/disk cache hit does not) and their bytes.
LOAD_STATS = """() => {
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const all = [nav, ...performance.getEntriesByType('resource')];
  const net = all.filter((e) => (e.transferSize || 0) > 0);
  const kb = (xs, k) => Math.round(xs.reduce((s, e) => s + (e[k] || 0), 0) / 102.4) / 10;
  return {requests: all.length, net_requests: net.length, transfer_kb: kb(net, 'transferSize'),
          decoded_kb: kb(all, 'decodedBodySize'), load_ms: nav.loadEventEnd ? Math.round(nav.loadEventEnd * 10) / 10 : null};
}"""
BUDGET = 1.5  # the goal of issue 17: every page drawn in ≤ 1.5× the empty page's time, cold and warm
MODES = ("cold", "warm")


def available() -> str | None:
    """Why the browser section cannot run, or None."""
    if shutil.which(CHROMIUM) is None and shutil.which("chromium") is None:
        return "Debian chromium missing (make test installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (requirements-dev.txt)"
    return None


def targets(app_url: str, names: list[str] | None) -> list[tuple[str, str]]:
    """(name, address) of the pages to visit: registry keys (`overview`, `indicator` …), `slide:<id>` for one
    presenter slide (as opened from the deck: ?present=1&slide=n) or `slides` for every slide of the default deck.
    None: every registry page, then every slide."""
    registry = {p["key"]: p for p in pages()}
    wanted = names if names is not None else [*registry, "slides"]
    out: list[tuple[str, str]] = []
    for name in wanted:
        if name == "slides":
            out += targets(app_url, [f"slide:{s}" for s in slides.DEFAULT_DECK])
        elif name.startswith("slide:") and name[6:] in slides.DEFAULT_DECK:
            n = slides.DEFAULT_DECK.index(name[6:]) + 1
            out.append((name, f"{app_url}/{registry['present']['url_path']}?present=1&slide={n}&lang=zh"))
        elif name in registry:
            out.append((name, f"{app_url}/{registry[name]['url_path']}?lang=zh"))
        else:
            raise ValueError(f"unknown page {name!r}: a registry key, slide:<id> or slides")
    return out


def _visit(context: Any, url: str, stable_ms: int, timeout_ms: int) -> dict[str, Any]:
    page = context.new_page()
    ws_bytes = [0]

    def on_socket(ws: Any) -> None:
        ws.on("framereceived", lambda payload: ws_bytes.__setitem__(0, ws_bytes[0] + len(payload)))

    page.on("websocket", on_socket)
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        # the moment is read in the same check that saw it stable: a rerun right after (the status widget again)
        # resets __nxReadyAt, and a separate read could find it null
        handle = page.wait_for_function(
            f"() => window.__nxReadyAt !== null && performance.now() - window.__nxReadyAt > {stable_ms}"
            " && window.__nxReadyAt",
            timeout=timeout_ms,
            polling=50,
        )
        ready = float(handle.json_value())
        stats = page.evaluate(LOAD_STATS)
        load = stats.pop("load_ms")
        return {
            "ms": round(ready, 1),
            "wall_ms": round((time.perf_counter() - t0) * 1000 - stable_ms, 1),
            "load_ms": load,
            "load_to_rendered_ms": round(ready - load, 1) if load else None,
            **stats,
            "ws_kb": round(ws_bytes[0] / 1024, 1),
            "elements": page.evaluate(COUNT_ELEMENTS),
        }
    except Exception as exc:
        return {"error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"}
    finally:
        page.close()


def _summary(got: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of one target's loads in one mode (cold or warm)."""
    ok = [s for s in got if "ms" in s]

    def med(key: str) -> float | None:
        values = [s[key] for s in ok if s.get(key) is not None]
        return median(values) if values else None

    return {
        "median_ms": median([s["ms"] for s in ok]),
        "samples_ms": [s["ms"] for s in ok],
        "load_ms": med("load_ms"),
        "load_to_rendered_ms": med("load_to_rendered_ms"),
        "requests": med("requests"),
        "net_requests": med("net_requests"),
        "transfer_kb": med("transfer_kb"),
        "decoded_kb": med("decoded_kb"),
        "ws_kb": med("ws_kb"),
        "errors": [s["error"] for s in got if "error" in s],
        "elements": next((s["elements"] for s in reversed(got) if "elements" in s), None),
    }


def _ratio(ms: float | None, floor: float | None) -> float | None:
    return round(ms / floor, 2) if ms and floor else None


def measure(
    app_url: str,
    empty_url: str,
    rounds: int,
    warmup: int = 1,
    warmup_targets: int | None = None,
    page_names: list[str] | None = None,
    stable_ms: int = 400,
) -> dict[str, Any]:
    """`warmup` unrecorded rounds in the warm context (of the first `warmup_targets` targets, or all), then
    `rounds` rounds; each round loads the empty page, the one-chart page and every target once COLD (a new browser
    context, closed afterwards) and once WARM (a new tab of the one warm context, whose HTTP cache holds what earlier
    visits loaded). Time-to-rendered = ms from navigation start until the page was drawn (and stayed so for
    `stable_ms`). `page_names`: see `targets` (None: every registry page and every slide)."""
    from playwright.sync_api import Request, sync_playwright

    outbound: list[str] = []

    def record(request: Request) -> None:
        host = urlparse(request.url).hostname or ""
        if not request.url.startswith(("data:", "blob:")) and host not in LOCAL_HOSTS:
            outbound.append(request.url)

    visits = [("(empty page)", f"{empty_url}/"), ("(one chart page)", f"{empty_url}/?chart=1")]
    visits += targets(app_url, page_names)
    samples: dict[str, dict[str, list[dict[str, Any]]]] = {name: {m: [] for m in MODES} for name, _ in visits}
    warmup_errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *OFFLINE_ARGS], headless=True)

        def context() -> Any:
            ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
            ctx.on("request", record)
            ctx.add_init_script(READY_PROBE)
            return ctx

        warm = context()
        try:
            for _ in range(warmup):
                for name, url in visits[:warmup_targets]:
                    result = _visit(warm, url, stable_ms, timeout_ms=60_000)
                    if "error" in result:
                        warmup_errors.append(f"{name}: {result['error']}")
            for _ in range(rounds):
                for name, url in visits:
                    cold = context()
                    try:
                        samples[name]["cold"].append(_visit(cold, url, stable_ms, timeout_ms=60_000))
                    finally:
                        cold.close()
                    samples[name]["warm"].append(_visit(warm, url, stable_ms, timeout_ms=60_000))
        finally:
            warm.close()
            browser.close()

    def summary(name: str) -> dict[str, Any]:
        both = {m: _summary(samples[name][m]) for m in MODES}
        # the warm load's figures stay at the top level too (the table of earlier runs read them there)
        return {**both, "median_ms": both["warm"]["median_ms"], "samples_ms": both["warm"]["samples_ms"],
                "errors": both["cold"]["errors"] + both["warm"]["errors"],
                "elements": both["warm"]["elements"] or both["cold"]["elements"]}  # fmt: skip

    empty = summary("(empty page)")
    chart = summary("(one chart page)")
    rows = []
    for name, url in visits[2:]:
        row = {"page": name, "url": url.removeprefix(app_url), **summary(name)}
        for m in MODES:
            row[m]["ratio"] = _ratio(row[m]["median_ms"], empty[m]["median_ms"])
        row["ratio"] = row["warm"]["ratio"]
        # PASS when both loads are drawn within 1.5× the empty page's same kind of load, without an error
        row["budget"] = {
            m: "PASS" if row[m]["ratio"] is not None and row[m]["ratio"] <= BUDGET and not row[m]["errors"] else "MISS"
            for m in MODES
        }
        # The stack's own floor for this page: the one-chart page when it draws a plotly chart (plotly.js must
        # load and draw, whatever the chart), else the empty page. Reported beside the goal's ratio, not instead.
        floor = chart if (row["elements"] or {}).get("plotly") else empty
        row["floor"] = "one_chart" if floor is chart else "empty"
        row["ratio_floor"] = _ratio(row["median_ms"], floor["median_ms"])
        rows.append(row)
    return {
        "empty": empty,
        "one_chart": chart,
        "pages": rows,
        "budget": BUDGET,
        "rounds": rounds,
        "warmup": warmup,
        "stable_ms": stable_ms,
        "outbound_blocked": sorted(set(outbound)),
        "warmup_errors": warmup_errors,
    }
