"""Concurrent sessions through Streamlit's agent API (`--server.enableAgentApi=true`, POST /_stcore/agent/interact):
N sessions at once, each opening the overview and rerunning it; latency, throughput, errors and the server's RSS
from /proc. Bounded: a fixed number of reruns per session and a deadline per level."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

from bench.common import median, ms, percentile, proc_status_mb


def interact(base_url: str, body: dict[str, Any], timeout: float = 120) -> tuple[int, dict[str, Any]]:
    """One POST to the agent API; (HTTP status, JSON body). A 202 (run still going) is followed up until done."""
    url = f"{base_url}/_stcore/agent/interact"
    deadline = time.monotonic() + timeout
    while True:
        req = urllib.request.Request(
            url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                status, doc = resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")
        if status != 202 or time.monotonic() > deadline or "session_id" not in doc:
            return status, doc
        body = {"session_id": doc["session_id"]}


def _session(base_url: str, reruns: int, deadline: float, start: threading.Barrier, out: list[dict[str, Any]]) -> None:
    start.wait()
    sid: str | None = None
    for i in range(reruns + 1):
        if time.monotonic() > deadline:
            out.append({"kind": "skipped", "error": "deadline"})
            return
        body: dict[str, Any] = {"session_id": sid} if sid else {}
        t0 = time.perf_counter()
        try:
            status, doc = interact(base_url, body)
            error = None if status == 200 and doc.get("status") == "ready" else f"http {status} {doc.get('status')}"
            if error and isinstance(doc.get("error"), dict):
                error += f" {doc['error'].get('code')}"
        except Exception as exc:  # timeouts, refused connections: all counted as errors
            doc, error = {}, f"{type(exc).__name__}: {exc}"[:200]
        out.append({"kind": "first" if i == 0 else "rerun", "ms": ms(time.perf_counter() - t0), "error": error})
        sid = doc.get("session_id") or sid
        if sid is None:
            return


def run_level(base_url: str, pid: int, sessions: int, reruns: int, deadline_s: float) -> dict[str, Any]:
    results: list[list[dict[str, Any]]] = [[] for _ in range(sessions)]
    start = threading.Barrier(sessions + 1)
    deadline = time.monotonic() + deadline_s
    threads = [
        threading.Thread(target=_session, args=(base_url, reruns, deadline, start, results[i]), daemon=True)
        for i in range(sessions)
    ]
    for t in threads:
        t.start()
    rss: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            value = proc_status_mb(pid)
            if value is not None:
                rss.append(value)
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    rss_before = proc_status_mb(pid)
    sampler.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join(timeout=deadline_s + 180)
    wall = time.perf_counter() - t0
    stop.set()
    sampler.join()
    flat = [r for session in results for r in session]
    done = [r for r in flat if "ms" in r]
    ok = [r["ms"] for r in done if r["error"] is None]
    reruns_ok = [r["ms"] for r in done if r["error"] is None and r["kind"] == "rerun"]
    firsts_ok = [r["ms"] for r in done if r["error"] is None and r["kind"] == "first"]
    errors = [r["error"] for r in flat if r["error"]]
    return {
        "sessions": sessions,
        "reruns_per_session": reruns,
        "requests": len(done),
        "ok": len(ok),
        "errors": len(errors),
        "error_samples": sorted(set(errors))[:5],
        "unfinished_threads": sum(t.is_alive() for t in threads),
        "wall_s": round(wall, 2),
        "throughput_rps": round(len(ok) / wall, 2) if wall else None,
        "p50_ms": percentile(ok, 50),
        "p95_ms": percentile(ok, 95),
        "max_ms": max(ok) if ok else None,
        "first_load_p50_ms": percentile(firsts_ok, 50),
        "first_load_p95_ms": percentile(firsts_ok, 95),
        "rerun_p50_ms": percentile(reruns_ok, 50),
        "rerun_p95_ms": percentile(reruns_ok, 95),
        "rss_before_mb": rss_before,
        "rss_peak_mb": max(rss) if rss else None,
        "rss_after_mb": proc_status_mb(pid),
    }


def measure(base_url: str, pid: int, levels: list[int], reruns: int, deadline_s: float) -> dict[str, Any]:
    """A warm-up session first (so the levels measure a warm server), then each level in turn."""
    t0 = time.perf_counter()
    status, doc = interact(base_url, {})
    warmup = {"ms": ms(time.perf_counter() - t0), "status": status, "app_status": doc.get("status")}
    if doc.get("session_id"):
        interact(base_url, {"session_id": doc["session_id"]})
    out = [run_level(base_url, pid, n, reruns, deadline_s) for n in levels]
    return {
        "method": "agent API POST /_stcore/agent/interact: {} opens the overview, {session_id} reruns it",
        "warmup": warmup,
        "levels": out,
        "rss_hwm_mb": proc_status_mb(pid, "VmHWM"),
        "median_rerun_ms_all_levels": median([lv["rerun_p50_ms"] for lv in out if lv["rerun_p50_ms"] is not None]),
    }
