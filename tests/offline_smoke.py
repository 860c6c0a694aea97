"""Smoke test of an installed offline bundle, run by tests/test_offline_install.py inside a network namespace of its
own (`unshare -rn`: only a loopback device, nothing else to reach): `make run` in the unpacked bundle on a free
port, then /_stcore/health and the overview in Chromium. Prints one JSON object (what a person would see) and stops
the server. Not a test module itself: it runs in the namespace, the test reads its output.

    python tests/offline_smoke.py BUNDLE_DIR --python PYTHON --shot PNG [--netns]
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser import browser_page, free_port, wait_rendered

SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1


def loopback_up() -> None:
    """`ip link set lo up` without iproute2: a new network namespace starts with its loopback down."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(s, SIOCGIFFLAGS, req))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def health(url: str) -> str:
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
        return r.read().decode()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle")
    parser.add_argument("--python", required=True)
    parser.add_argument("--shot", required=True)
    parser.add_argument("--netns", action="store_true")
    args = parser.parse_args()
    if args.netns:
        loopback_up()
    result: dict[str, object] = {"interfaces": sorted(name for _, name in socket.if_nameindex())}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(Path(args.bundle) / "make-run.log", "wb")  # noqa: SIM115  # closed below, after the server
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}", "ADDRESS=127.0.0.1", f"PYTHON={args.python}"],
        cwd=args.bundle,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # make, streamlit and all: one process group to stop
    )
    try:
        deadline = time.monotonic() + 300  # `make run` builds the database first
        while time.monotonic() < deadline and server.poll() is None:
            try:
                result["health"] = health(url)
                break
            except OSError:
                time.sleep(0.5)
        if "health" in result:
            with browser_page() as (page, outbound):
                page.goto(url)  # type: ignore[attr-defined]
                wait_rendered(page, timeout_ms=60_000)
                result["h1"] = page.inner_text("h1").strip()  # type: ignore[attr-defined]
                page.screenshot(path=args.shot)  # type: ignore[attr-defined]
                result["outbound"] = outbound.urls
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
    result["log"] = (Path(args.bundle) / "make-run.log").read_text(errors="replace")[-3000:]
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
