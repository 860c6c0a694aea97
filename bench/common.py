"""Shared helpers of the benchmark: statistics, memory readings, machine facts and Streamlit servers started the
way tests/browser.py starts them (local port, headless, every request to 127.0.0.1)."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser import ROOT, free_port

OUT_DIR = ROOT / "bench" / "out"
APP = ROOT / "app.py"
EMPTY_APP = ROOT / "bench" / "empty_app.py"


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear interpolation between closest ranks (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo), 1)


def proc_status_mb(pid: int, field_name: str = "VmRSS") -> float | None:
    """A memory line of /proc/<pid>/status in MB (VmRSS now, VmHWM the peak); None when the process is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field_name + ":"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def self_peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict[str, Any]:
    """What the numbers were taken on; `busy` when the 1-minute load already exceeds the number of cores (other
    work was saturating the machine; this 2-core VM idles at a load of about 1, which is not contention)."""
    cores = os.cpu_count() or 1
    load = loadavg()
    versions: dict[str, str] = {"python": platform.python_version()}
    for mod in ("streamlit", "duckdb", "pandas", "plotly", "pydeck"):
        try:
            versions[mod] = str(__import__(mod).__version__)
        except Exception:  # a missing optional package is a fact, not an error
            versions[mod] = "missing"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = "unknown", False
    return {
        "cpu_count": cores,
        "loadavg_start": load,
        "busy": bool(load and load[0] > cores),
        "platform": platform.platform(),
        "versions": versions,
        "git_commit": commit,
        "git_dirty": dirty,
    }


@dataclass
class Server:
    """A `streamlit run` child process on 127.0.0.1 with its log file."""

    script: Path
    db: Path | None
    extra_args: Sequence[str] = ()
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    log: Path | None = None
    started: float = 0.0
    ready_s: float | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self) -> Server:
        self.port = free_port()
        env = {**os.environ, **self.env}
        if self.db is not None:
            env["NINGXIA_DB"] = str(self.db)
        fd, name = tempfile.mkstemp(prefix="bench-streamlit-", suffix=".log")
        self.log = Path(name)
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(self.script),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *self.extra_args,
        ]
        self.started = time.monotonic()
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fd, stderr=subprocess.STDOUT)
        os.close(fd)
        return self

    def wait_ready(self, timeout: float = 90) -> Server:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        self.ready_s = round(time.monotonic() - self.started, 2)
                        return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"streamlit did not start ({self.script.name}):\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log and self.log.exists() else ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.log is not None:
            self.log.unlink(missing_ok=True)


AGENT_ARGS = ("--server.enableAgentApi=true", "--server.agentMaxSessions=500")


@contextmanager
def servers(*specs: Server) -> Iterator[tuple[Server, ...]]:
    """Start every server not yet started (they boot in parallel), wait for all, stop all afterwards."""
    with ExitStack() as stack:
        for s in specs:
            stack.callback(s.stop)
            if s.proc is None:
                s.start()
        for s in specs:
            s.wait_ready()
        yield specs
