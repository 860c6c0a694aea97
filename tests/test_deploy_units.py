"""The shipped systemd units parse (systemd-analyze verify; only the install paths, absent here, may be missing)
and say what the README says: Streamlit on 127.0.0.1, the trusted header on, the nightly backup command.
`make service DESTDIR=…` renders them and the nginx site with a server's values (never into this machine): the
rendered units verify with no message at all and the rendered site passes `nginx -t`."""

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


def _make_service(destdir: Path, **values: str) -> subprocess.CompletedProcess[str]:
    """`make service` into DESTDIR only (never into this machine: the tests run as root)."""
    assert str(destdir).strip() not in ("", "/")
    args = [f"{k}={v}" for k, v in values.items()]
    return subprocess.run(
        ["make", "--no-print-directory", "service", f"DESTDIR={destdir}", *args],
        cwd=DEPLOY.parent,
        capture_output=True,
        text=True,
    )


def test_make_service_renders_the_units_and_the_site_with_this_servers_values(tmp_path: Path) -> None:
    prefix = tmp_path / "app"  # an installed project: what the units start must exist for systemd-analyze
    (prefix / ".venv" / "bin").mkdir(parents=True)
    (prefix / "data").mkdir()
    for exe in ("streamlit", "python"):
        (prefix / ".venv" / "bin" / exe).write_text("#!/bin/sh\n")
        (prefix / ".venv" / "bin" / exe).chmod(0o755)
    dest = tmp_path / "root"
    values = {
        "PREFIX": str(prefix),
        "SERVICE_USER": "ndash",
        "APP_PORT": "8601",
        "SERVER_NAME": "dash.test.gov.cn",
        "SSL_CERT": str(tmp_path / "cert.pem"),
        "SSL_KEY": str(tmp_path / "key.pem"),
        "HTPASSWD": str(tmp_path / "htpasswd"),
        "BACKUP_DIR": "/srv/backups/nd",
        "BACKUP_KEEP": "14",
    }
    done = _make_service(dest, **values)
    assert done.returncode == 0, done.stderr
    units = dest / "etc" / "systemd" / "system"
    site = dest / "etc" / "nginx" / "sites-available" / "ningxia-dash"
    assert sorted(p.name for p in units.iterdir()) == sorted(UNITS)
    assert (dest / "etc" / "nginx" / "sites-enabled" / "ningxia-dash").resolve() == site.resolve()
    texts = {p.name: p.read_text(encoding="utf-8") for p in [*units.iterdir(), site]}
    for name, text in texts.items():
        for default in (
            "/opt/ningxia_dash",
            "dash.example.gov.cn",
            "ORGANISATION",
            "8501",
            "/var/backups/ningxia-dash",
        ):
            assert default not in text, (name, default)
    service = texts["ningxia-dash.service"]
    assert f"ExecStart={prefix}/.venv/bin/streamlit run app.py --server.address 127.0.0.1 --server.port 8601" in service
    assert "User=ndash" in service and f"NINGXIA_DB={prefix}/data/ningxia.duckdb" in service
    assert "backup --out /srv/backups/nd --keep 14" in texts["ningxia-dash-backup.service"]
    nginx_site = texts["ningxia-dash"]
    assert "server_name dash.test.gov.cn;" in nginx_site and "proxy_pass http://127.0.0.1:8601;" in nginx_site
    assert f"ssl_certificate     {tmp_path}/cert.pem;" in nginx_site

    if shutil.which("systemd-analyze"):
        verify = subprocess.run(
            ["systemd-analyze", "verify", *(str(units / u) for u in UNITS)], capture_output=True, text=True
        )
        assert (verify.stdout + verify.stderr).strip() == ""

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if Path(nginx).exists() and shutil.which("openssl"):
        keys = ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")]
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t", *keys],
            capture_output=True,
            check=True,
        )
        conf = tmp_path / "nginx.conf"
        conf.write_text(
            f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
            f"http {{\n  access_log off;\n  include {dest}/etc/nginx/sites-enabled/*;\n}}\n",
            encoding="utf-8",
        )
        checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


def test_make_service_refuses_a_value_it_cannot_write_safely(tmp_path: Path) -> None:
    done = _make_service(tmp_path / "root", SERVER_NAME="a.gov.cn; return 200")
    assert done.returncode != 0 and "含空格" in done.stderr
    assert not (tmp_path / "root").exists()
