"""Issue 14 part 1 in a real browser: a production database's main pages draw, raise nothing and show their
empty states."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.test_no_demo import nodemo  # noqa: F401  (the production-database fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
PAGES = {
    "": "正式数据库",
    "targets": "正式数据库",
    "villages": "尚无移民村数据：请在数据上传页导入",
    "parks": "尚无园区指标数据：请在数据上传页导入",
    "county_map": "还没有县级数据",
    "key_counties": "还没有县级数据",
    "evaluation": "正式数据库",
}


def test_main_pages_on_a_production_database(nodemo: Path, artifacts: Path) -> None:  # noqa: F811
    with streamlit_server(nodemo) as url, browser_page() as (page, outbound):
        for path, text in PAGES.items():
            page.goto(f"{url}/{path}?lang=zh")  # type: ignore[attr-defined]
            wait_rendered(page)
            body = page.inner_text("body")  # type: ignore[attr-defined]
            assert text in body, (path, body[:500])
            assert page.locator("[data-testid=stException]").count() == 0, path  # type: ignore[attr-defined]
            assert "error" not in body.lower(), (path, body[:500])
            page.screenshot(path=str(artifacts / f"nodemo-{path or 'overview'}.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []
