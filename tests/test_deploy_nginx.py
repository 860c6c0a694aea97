"""The shipped nginx site (deploy/nginx/ningxia-dash.conf) run for real in Debian's nginx, in front of the app with
NINGXIA_TRUSTED_HEADER, and driven by Chromium: through the proxy (HTTPS with a throw-away certificate, basic auth)
the page renders — the WebSocket works — and the admin account reaches 用户管理; a request that skips the proxy
with a forged X-Remote-User (alone, or with a forged X-Forwarded-For) gets no role; an officer named by the proxy
uploads a CSV (dry run, commit) through /_stcore/upload_file; the proxy's body limit is the app's. Skipped without nginx/openssl."""

from __future__ import annotations

import base64
import os
import re
import shutil
import ssl
import subprocess
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from ningxia_dash import accounts
from ningxia_dash.ingest import limits
from tests.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, streamlit_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(), reason="nginx not installed"
    ),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed"),
]
SITE = ROOT / "deploy" / "nginx" / "ningxia-dash.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROXY_ADDRESS = "127.0.0.2"  # nginx connects from here; the browser's own direct requests come from 127.0.0.1
PASSWORD = "proxy-side password 1"


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"{old!r} not in the shipped site"
    return text.replace(old, new)


def site_for_test(tmp: Path, http_port: int, https_port: int, app_port: int) -> str:
    """The shipped site with only its placeholders replaced (ports, certificate, htpasswd), nginx binding its
    upstream connections to PROXY_ADDRESS."""
    text = SITE.read_text(encoding="utf-8")
    text = _replace_once(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    text = _replace_once(
        text, "listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;\n    proxy_bind {PROXY_ADDRESS};"
    )
    text = _replace_once(text, "/etc/ssl/certs/ORGANISATION-CERT.pem", str(tmp / "cert.pem"))
    text = _replace_once(text, "/etc/ssl/private/ORGANISATION-KEY.pem", str(tmp / "key.pem"))
    text = _replace_once(text, "/etc/nginx/ningxia-dash.htpasswd", str(tmp / "htpasswd"))
    return _replace_once(text, "127.0.0.1:8501", f"127.0.0.1:{app_port}")


@contextmanager
def nginx(tmp: Path, site: str) -> Iterator[None]:
    for d in ("client_body", "proxy", "logs"):
        (tmp / d).mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the files under pytest's 0700 tmp dir
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/logs/error.log;\n"
        "events { worker_connections 256; }\n"
        f"http {{\n  access_log {tmp}/logs/access.log;\n  client_body_temp_path {tmp}/client_body;\n"
        f"  proxy_temp_path {tmp}/proxy;\n  fastcgi_temp_path {tmp}/proxy;\n  uwsgi_temp_path {tmp}/proxy;\n"
        f"  scgi_temp_path {tmp}/proxy;\n{site}\n}}\n",
        encoding="utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-p", str(tmp), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(conf), "-g", "daemon off;"])
    try:
        time.sleep(0.5)
        assert proc.poll() is None, (tmp / "logs" / "error.log").read_text()
        yield
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def chromium(headers: dict[str, str]) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(locale="zh-CN", ignore_https_errors=True, extra_http_headers=headers)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def open_admin_page(page: object, base: str) -> tuple[str, str]:
    """Open 用户管理; return its heading ('' when none) and the main area's text."""
    pg = page  # typed loosely: playwright is imported lazily
    pg.goto(f"{base}/admin")  # type: ignore[attr-defined]
    pg.wait_for_selector("h1, [data-testid=stAlert]", timeout=30_000)  # type: ignore[attr-defined]
    pg.wait_for_function(  # type: ignore[attr-defined]
        '() => !document.querySelector(\'[data-testid="stStatusWidget"], [data-testid="stSkeleton"]\')',
        timeout=30_000,
    )
    pg.wait_for_timeout(500)  # type: ignore[attr-defined]
    heading = pg.locator("[data-testid=stMain] h1")  # type: ignore[attr-defined]
    title = heading.first.inner_text().strip() if heading.count() else ""
    return title, str(pg.inner_text("[data-testid=stMain]"))  # type: ignore[attr-defined]


@dataclass
class Proxied:
    proxy: str  # https://127.0.0.1:PORT, through the shipped nginx site
    app: str  # http://127.0.0.1:PORT, Streamlit itself
    tmp: Path


def _basic(name: str) -> dict[str, str]:
    token = base64.b64encode(f"{name}:{PASSWORD}".encode()).decode()
    # the client's own X-Remote-User must be replaced by the proxy's
    return {"Authorization": f"Basic {token}", "X-Remote-User": "admin"}


@pytest.fixture(scope="module")
def proxied(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    """The app with the trusted header on, behind the shipped site in nginx (HTTPS, basic auth), for this module."""
    tmp = tmp_path_factory.mktemp("nginx")
    app_db = tmp / "app.duckdb"
    shutil.copyfile(db_path, app_db)
    accounts.add_user(app_db, "admin", "admin", "an app-side password 1")
    accounts.add_user(app_db, "viewer1", "viewer", "an app-side password 2")
    accounts.add_user(app_db, "officer1", "officer", "an app-side password 3")
    openssl = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
    keys = ["-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")]
    certs = subprocess.run([*openssl, *keys], capture_output=True)
    assert certs.returncode == 0, certs.stderr
    (tmp / "htpasswd").write_text(
        "".join(f"{name}:{{PLAIN}}{PASSWORD}\n" for name in ("admin", "viewer1", "officer1")), encoding="utf-8"
    )
    env = {
        "NINGXIA_TRUSTED_HEADER": "X-Remote-User",
        "NINGXIA_TRUSTED_PROXY": PROXY_ADDRESS,
    }  # no FORWARDED_ALLOW_IPS: the app itself must refuse
    http_port, https_port = free_port(), free_port()
    with streamlit_server(app_db, env) as app_url:
        app_port = int(app_url.rsplit(":", 1)[1])
        with nginx(tmp, site_for_test(tmp, http_port, https_port, app_port)):
            yield Proxied(f"https://127.0.0.1:{https_port}", app_url, tmp)


def test_the_shipped_site_passes_the_proxy_user_and_a_direct_forgery_gets_no_role(proxied: Proxied) -> None:
    proxy, app_url = proxied.proxy, proxied.app
    # without credentials the proxy refuses
    with pytest.raises(urllib.request.HTTPError) as refused:
        urllib.request.urlopen(f"{proxy}/", context=ssl._create_unverified_context())
    assert refused.value.code == 401

    with chromium(_basic("admin")) as page:  # the page renders only when the WebSocket works
        title, text = open_admin_page(page, proxy)
        assert title == "用户与权限" and "新增用户" in text, (title, text[:500])
    with chromium(_basic("viewer1")) as page:  # a viewer forging the header is still the viewer
        title, text = open_admin_page(page, proxy)
        assert title != "用户与权限" and "当前账户“viewer1”" in text, (title, text[:500])

    for forged in ({"X-Remote-User": "admin"}, {"X-Remote-User": "admin", "X-Forwarded-For": PROXY_ADDRESS}):
        with chromium(forged) as page:  # straight to Streamlit, skipping the proxy
            title, text = open_admin_page(page, app_url)
            assert title == "登录" and "viewer1" not in text, (forged, title, text[:500])


def test_the_proxy_upload_limit_is_the_apps() -> None:
    """nginx's client_max_body_size is the app's limit (limits.MAX_BYTES = maxUploadSize MB) plus 1 MB of form."""
    site = SITE.read_text(encoding="utf-8")
    proxy_mb = int(re.search(r"^\s*client_max_body_size (\d+)m;", site, re.M).group(1))  # type: ignore[union-attr]
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * limits.MB == limits.MAX_BYTES
    assert proxy_mb == config["server"]["maxUploadSize"] + 1


GBK_CSV = (
    "指标代码,地区代码,年份,数值,备注\r\nrural_tap_water_rate,640000,2025,99.4,据2025年统计公报（经nginx上传）\r\n"
)


def test_an_officer_uploads_through_the_proxy(proxied: Proxied, artifacts: Path) -> None:
    """Signed in by the proxy alone (no sign-in form), an officer uploads a CSV through nginx: the file goes through
    /_stcore/upload_file, the dry run and the commit over the proxied WebSocket, and the history lists the file under the officer's name.
    A body over the limit is refused by nginx itself (413) before it reaches the app."""
    upload = proxied.tmp / "水利厅-经代理.csv"
    upload.write_bytes(GBK_CSV.encode("gbk"))
    with chromium(_basic("officer1")) as page:
        pg = page  # typed loosely: playwright is imported lazily
        pg.goto(f"{proxied.proxy}/upload")  # type: ignore[attr-defined]
        pg.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)  # type: ignore[attr-defined]
        assert pg.inner_text("h1").startswith("上传数据")  # type: ignore[attr-defined]
        pg.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))  # type: ignore[attr-defined]
        pg.get_by_text("预检通过").wait_for(timeout=60_000)  # type: ignore[attr-defined]
        assert "水利厅-经代理.csv" in pg.inner_text("body")  # type: ignore[attr-defined]
        pg.get_by_role("button", name="确认导入").click()  # type: ignore[attr-defined]
        pg.get_by_text("已导入批次 #1").wait_for(timeout=60_000)  # type: ignore[attr-defined]
        pg.screenshot(path=str(artifacts / "nginx-upload-committed.png"))  # type: ignore[attr-defined]
        pg.goto(f"{proxied.proxy}/history")  # type: ignore[attr-defined]
        cells = '[data-testid="stDataFrame"] [role="gridcell"]'
        pg.wait_for_selector(cells, state="attached", timeout=30_000)  # type: ignore[attr-defined]
        history = " ".join(pg.locator(cells).all_text_contents())  # type: ignore[attr-defined]
        assert "水利厅-经代理.csv" in history and "officer1" in history, history
    access = (proxied.tmp / "logs" / "access.log").read_text(encoding="utf-8")
    assert re.search(r'"PUT /_stcore/upload_file/\S+ HTTP/[\d.]+" 20\d', access), access[-2000:]
    assert re.search(r'"GET /_stcore/stream HTTP/1.1" 101', access), access[-2000:]

    too_big = urllib.request.Request(
        f"{proxied.proxy}/_stcore/upload_file/x/y",
        data=b"0" * (22 * limits.MB),
        method="PUT",
        headers=_basic("officer1"),
    )
    with pytest.raises(urllib.request.HTTPError) as refused:
        urllib.request.urlopen(too_big, context=ssl._create_unverified_context())
    assert refused.value.code == 413
