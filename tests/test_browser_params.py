"""Addresses in a real browser: /overview and unknown page names land on the overview without Streamlit's English
"Page not found" dialog; bad query parameters show a short translated notice that fits its toast."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import browser_page, streamlit_server, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
OVERVIEW = "规划执行总览"


def _toasts(page: object) -> list[str]:
    pg = page
    pg.wait_for_selector("[data-testid=stToast]", timeout=30_000)  # type: ignore[attr-defined]
    return [t.inner_text() for t in pg.locator("[data-testid=stToast]").all()]  # type: ignore[attr-defined]


def test_page_addresses_and_bad_parameters(db_path: Path, artifacts: Path) -> None:
    with streamlit_server(db_path) as url, browser_page() as (page, outbound):
        for path in ("/overview", "/overview?lang=en", "/"):  # the first request reaches a cold server
            page.goto(f"{url}{path}")  # type: ignore[attr-defined]
            wait_rendered(page)
            heading = page.inner_text("h1")  # type: ignore[attr-defined]
            assert heading.startswith(OVERVIEW if "en" not in path else "Where the plan stands"), (path, heading)
            assert not page.get_by_text("Page not found").count(), path  # type: ignore[attr-defined]

        page.goto(f"{url}/nonexistent")  # type: ignore[attr-defined]
        assert any("找不到页面 /nonexistent" in t for t in _toasts(page))
        wait_rendered(page)
        assert page.inner_text("h1").startswith(OVERVIEW)  # type: ignore[attr-defined]
        assert not page.get_by_text("Page not found").count()  # type: ignore[attr-defined]

        page.goto(f"{url}/indicator?year=abc&region=%3Cscript%3Ealert(1)%3C/script%3E&indicator=%00")  # type: ignore[attr-defined]
        toasts = _toasts(page)
        wait_rendered(page)
        page.screenshot(path=str(artifacts / "params-notices.png"))  # type: ignore[attr-defined]
        assert any("year=abc" in t and "2025" in t for t in toasts), toasts
        assert any("region=<script>alert(1)</s…" in t for t in toasts), toasts  # shown as text, shortened
        assert "year=" not in page.url and "script" not in page.url  # type: ignore[attr-defined]
        assert not page.get_by_text("view more").count(), "a notice overflows its toast"  # type: ignore[attr-defined]

        page.goto(f"{url}/plan_text?lang=en&section={'x' * 300}")  # type: ignore[attr-defined]
        assert any(t.endswith("using 第一章 脱贫攻坚回顾") for t in _toasts(page))
        assert not page.get_by_text("view more").count(), "a notice overflows its toast"  # type: ignore[attr-defined]
        assert outbound.urls == []


def test_a_target_opened_from_far_down_the_overview_opens_at_its_top(db_path: Path) -> None:
    """Streamlit keeps the scroll offset across a page change: after picking the as-of year and a row of the
    overview's table (far down), the detail page opened half-way down."""
    main_scroll = "() => document.querySelector('[data-testid=stMain]').scrollTop"
    with streamlit_server(db_path) as url, browser_page() as (page, _):
        page.goto(f"{url}/indicator")  # type: ignore[attr-defined]
        wait_rendered(page)  # warm: a slow first render happened to reset the offset, a warm one kept it
        for year in ("2024", "2023", "2022", "2021", "2025", "2024"):  # the old code: about half the time
            page.goto(url)  # type: ignore[attr-defined]
            wait_rendered(page)
            as_of = page.locator(".st-key-_as_of_widget").get_by_role("radio", name=year, exact=True)  # type: ignore[attr-defined]
            as_of.click()  # the overview's years are a row of buttons
            wait_rendered(page)
            assert as_of.get_attribute("aria-checked") == "true"
            first_link = "document.querySelector('table.nx-tbl tbody tr a')"
            page.wait_for_function(f"y => {first_link} && {first_link}.href.endsWith('year=' + y)", arg=year[:4])  # type: ignore[attr-defined]
            link = page.locator("table.nx-tbl tbody tr a").first  # type: ignore[attr-defined]  # the first row's name
            link.scroll_into_view_if_needed()
            assert page.evaluate(main_scroll) > 500  # type: ignore[attr-defined]
            link.click()
            page.wait_for_url("**/indicator?**")  # type: ignore[attr-defined]
            wait_rendered(page)
            page.wait_for_timeout(1000)  # type: ignore[attr-defined]
            assert page.evaluate(main_scroll) == 0, year  # type: ignore[attr-defined]
