"""The offline bundle's structure (scripts/bundle.py) with a tiny fake wheelhouse: one top directory holding the
project, wheels/, INSTALL.md and a SHA256SUMS that lists every other file and that `sha256sum -c` accepts once
unpacked. The real wheelhouse, installed and served with no network: tests/test_offline_install.py."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bundle_script", ROOT / "scripts" / "bundle.py")
assert _spec is not None and _spec.loader is not None
bundle = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bundle)
build, project_files = bundle.build, bundle.project_files


def test_bundle_holds_project_wheels_install_notes_and_checksums(tmp_path: Path) -> None:
    wheels = tmp_path / "wheelhouse"
    wheels.mkdir()
    (wheels / "fake-1.0-py3-none-any.whl").write_bytes(b"not really a wheel")
    out = build(tmp_path / "b.tar.gz", wheels, "ningxia_dash")
    with tarfile.open(out) as tar:
        names = set(tar.getnames())
        tar.extractall(tmp_path / "x", filter="data")
    top = tmp_path / "x" / "ningxia_dash"
    assert {n.split("/", 1)[0] for n in names} == {"ningxia_dash"}
    for needed in ("Makefile", "requirements.txt", "app.py", "ningxia_dash/backup.py", "INSTALL.md", "SHA256SUMS"):
        assert f"ningxia_dash/{needed}" in names, needed
    assert "ningxia_dash/wheels/fake-1.0-py3-none-any.whl" in names
    assert len(names) == len(project_files()) + 3  # + the wheel, INSTALL.md, SHA256SUMS
    listed = {line.split("  ", 1)[1] for line in (top / "SHA256SUMS").read_text().splitlines()}
    assert listed == {n.removeprefix("ningxia_dash/") for n in names} - {"SHA256SUMS"}
    assert "离线安装" in (top / "INSTALL.md").read_text(encoding="utf-8")
    if shutil.which("sha256sum") is None:
        pytest.skip("coreutils sha256sum absent")
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=top).returncode == 0
    (top / "wheels" / "fake-1.0-py3-none-any.whl").write_bytes(b"tampered")
    assert subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=top, capture_output=True).returncode != 0
