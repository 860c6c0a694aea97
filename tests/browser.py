"""Real-browser support: a Streamlit server on a free local port and Debian's Chromium driven by Playwright,
with every request that leaves localhost blocked and recorded."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Flags from the machine notes: without the background-networking ones Chromium phones home at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-gl=swiftshader",
    "--enable-unsafe-swiftshader",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def streamlit_server(db_path: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Start `streamlit run app.py` on a free port; yield its base URL; stop it afterwards."""
    port = free_port()
    env = {**os.environ, "NINGXIA_DB": str(db_path), **(extra_env or {})}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start:\n" + (proc.stdout.read(4000).decode() if proc.stdout else ""))
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclass
class Outbound:
    """Requests that tried to leave the machine (all blocked)."""

    urls: list[str] = field(default_factory=list)


@contextmanager
def browser_page(width: int = 1366, height: int = 768) -> Iterator[tuple[object, Outbound]]:
    from playwright.sync_api import Route, sync_playwright

    outbound = Outbound()

    def guard(route: Route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            outbound.urls.append(route.request.url)
            route.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        context.route("**/*", guard)
        page = context.new_page()
        try:
            yield page, outbound
        finally:
            context.close()
            browser.close()


def wait_rendered(page: object, timeout_ms: int = 30_000) -> None:
    """Until the app has drawn: a title is on screen and Streamlit's running indicator is gone."""
    pg = page  # typed loosely so the module imports without playwright installed
    pg.wait_for_selector("h1", timeout=timeout_ms)  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        '() => !document.querySelector(\'[data-testid="stStatusWidget"], [data-testid="stSkeleton"]\')',
        timeout=timeout_ms,
    )
    pg.wait_for_timeout(300)  # type: ignore[attr-defined]
