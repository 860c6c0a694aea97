"""The shipped systemd units parse (systemd-analyze verify; only the install paths, absent here, may be missing)
and say what the README says: Streamlit on 127.0.0.1, the trusted header on, the nightly backup command."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
UNITS = ["ningxia-dash.service", "ningxia-dash-backup.service", "ningxia-dash-backup.timer"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze absent")
def test_units_verify() -> None:
    done = subprocess.run(
        ["systemd-analyze", "verify", *(str(DEPLOY / u) for u in UNITS)], capture_output=True, text=True
    )
    problems = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if line.strip() and "/opt/ningxia_dash/" not in line  # the install path does not exist on a test machine
    ]
    assert problems == []


def test_units_say_what_the_readme_says() -> None:
    service = (DEPLOY / "ningxia-dash.service").read_text(encoding="utf-8")
    assert "--server.address 127.0.0.1" in service and "NINGXIA_TRUSTED_HEADER=X-Remote-User" in service
    backup = (DEPLOY / "ningxia-dash-backup.service").read_text(encoding="utf-8")
    assert "-m ningxia_dash backup --out" in backup
    assert "OnCalendar=" in (DEPLOY / "ningxia-dash-backup.timer").read_text(encoding="utf-8")
