"""A production database in a real browser: its main pages draw, raise nothing and show their
empty states."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ningxia_dash.i18n import Lang, t
from tests.browser import browser_page, streamlit_server, wait_rendered
from tests.test_no_demo import nodemo  # noqa: F401  (the production-database fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
# the words each page shows on a production database (translation keys, so both languages are checked)
PAGES = {
    "": "sidebar.kind_production",
    "targets": "sidebar.kind_production",
    "villages": "empty.villages_upload",
    "parks": "empty.parks_upload",
    "county_map": "places.no_county_data",
    "key_counties": "places.no_county_data",
    "evaluation": "sidebar.kind_production",
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_main_pages_on_a_production_database(nodemo: Path, artifacts: Path, lang: Lang) -> None:  # noqa: F811
    with streamlit_server(nodemo) as url, browser_page() as (page, outbound):
        for path, key in PAGES.items():
            page.goto(f"{url}/{path}?lang={lang}")  # type: ignore[attr-defined]
            wait_rendered(page)
            body = " ".join(page.inner_text("body").split())  # type: ignore[attr-defined]
            assert " ".join(t(key, lang).split()) in body, (path, body[:500])
            assert page.locator("[data-testid=stException]").count() == 0, path  # type: ignore[attr-defined]
            assert "error" not in body.lower(), (path, body[:500])
            assert "Traceback" not in body, (path, body[:500])
            page.screenshot(path=str(artifacts / f"nodemo-{lang}-{path or 'overview'}.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []
