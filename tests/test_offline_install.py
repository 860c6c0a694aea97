"""The offline bundle for real: `make bundle` with the real wheelhouse for this platform and Python
(downloaded once into ~/.cache/ningxia_dash/wheelhouse/, reused on later runs and in CI), unpacked into a fresh
directory, `make install-offline` there with a clean environment (no proxy, no pip configuration, PIP_NO_INDEX=1)
inside a network namespace of its own where only a loopback device exists (`unshare -rn`; without it, the same
with the environment alone). A tampered wheel is refused before anything is installed; the untouched bundle installs,
`make run` serves it with no network at all, /_stcore/health answers and Chromium shows the overview's title.
Screenshot: tests/artifacts/offline-install-overview.png. Marker `offline_install` (part of `make test`)."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bundle_script", ROOT / "scripts" / "bundle.py")
assert _spec is not None and _spec.loader is not None
bundle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle)

pytestmark = [
    pytest.mark.offline_install,
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
    pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum absent"),
]
PYTHON = os.path.realpath(sys.executable)  # the interpreter itself, not a pyenv shim that needs the real HOME


def _netns_prefix() -> list[str]:
    """`unshare -rn` when this machine lets us make a network namespace, else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def _clean_env(home: Path) -> dict[str, str]:
    """What an air-gapped server's shell would have: no proxy, no pip index or configuration, no project settings."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "PIP_NO_INDEX": "1",
        "PIP_CONFIG_FILE": os.devnull,  # pip reads no configuration file at all (this machine's adds indexes)
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


@pytest.fixture
def server_dir(tmp_path: Path) -> Iterator[Path]:
    """The fresh directory the bundle is unpacked into; removed afterwards (its .venv is ~700 MB)."""
    target = tmp_path / "server"
    target.mkdir()
    yield target
    shutil.rmtree(target, ignore_errors=True)


def test_bundle_installs_and_serves_with_no_network(tmp_path: Path, server_dir: Path, artifacts: Path) -> None:
    wheels = bundle.cached_wheelhouse()
    archive = tmp_path / "bundle.tar.gz"
    made = subprocess.run(
        ["make", "bundle", f"PYTHON={PYTHON}", f"BUNDLE_ARGS=--out {archive} --wheels {wheels}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stdout + made.stderr
    with tarfile.open(archive) as tar:
        tar.extractall(server_dir, filter="data")
    archive.unlink()
    top = server_dir / "ningxia_dash"
    home = tmp_path / "home"
    home.mkdir()
    env = _clean_env(home)
    netns = _netns_prefix()
    install = [*netns, "make", "install-offline", f"PYTHON={PYTHON}"]

    # a wheel changed after the bundle was made: refused, nothing installed
    wheel = sorted((top / "wheels").glob("streamlit-*.whl"))[0]
    original = wheel.read_bytes()
    wheel.write_bytes(original + b"tampered")
    refused = subprocess.run(install, cwd=top, env=env, capture_output=True, text=True)
    assert refused.returncode != 0
    assert f"wheels/{wheel.name}: FAILED" in refused.stdout + refused.stderr, refused.stdout + refused.stderr
    assert not (top / ".venv").exists()
    wheel.write_bytes(original)

    done = subprocess.run(install, cwd=top, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    consistent = subprocess.run(
        [*netns, str(top / ".venv" / "bin" / "python"), "-m", "pip", "check"], env=env, capture_output=True, text=True
    )
    assert consistent.returncode == 0, consistent.stdout + consistent.stderr

    shot = artifacts / "offline-install-overview.png"
    smoke = [sys.executable, str(ROOT / "tests" / "offline_smoke.py"), str(top), "--python", PYTHON]
    smoke += ["--shot", str(shot), *(["--netns"] if netns else [])]
    ran = subprocess.run([*netns, *smoke], env=env, capture_output=True, text=True, timeout=480)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    seen = json.loads(ran.stdout.strip().splitlines()[-1])
    if netns:
        assert seen["interfaces"] == ["lo"], seen["interfaces"]  # nothing to reach but this machine itself
    assert seen.get("health") == "ok", seen["log"]
    assert str(seen.get("h1", "")).startswith("规划执行总览"), seen
    assert seen["outbound"] == []
    assert "admin" in seen["log"]  # `make run` made the first account and said so
