"""The map pages in a real browser (Debian's Chromium via Playwright): the deck.gl canvas draws, nothing leaves
localhost, a click on the ranking opens a county; screenshots at 1366×768 in both languages go to tests/artifacts/."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.browser import browser_page, streamlit_server, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
MAP_PAGES = {
    "county_map": "22个县（市、区）与9个重点帮扶县",
    "villages": "移民村：搬迁群众收入追上来了吗",
    "parks": "闽宁产业园：带动了多少企业和就业",
}
CANVAS = "#deckgl-overlay"


@pytest.fixture(scope="module")
def server(db_path: Path):  # type: ignore[no-untyped-def]
    with streamlit_server(db_path) as url:
        yield url


def _tall_shot(page: object, path: Path, height: int = 2200) -> None:
    """Streamlit scrolls inside its own container, so a full-page screenshot needs a tall window instead."""
    page.set_viewport_size({"width": 1366, "height": height})  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]
    page.screenshot(path=str(path))  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1366, "height": 768})  # type: ignore[attr-defined]


def _open(page: object, url: str) -> float:
    """Go to a page, wait for the app and the deck.gl canvas; return the seconds until the canvas was there."""
    start = time.monotonic()
    page.goto(url)  # type: ignore[attr-defined]
    wait_rendered(page)
    page.wait_for_selector(CANVAS, timeout=30_000)  # type: ignore[attr-defined]
    elapsed = time.monotonic() - start
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]  # let deck.gl draw the glyph atlas and polygons
    return elapsed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_pages_draw_offline(server: str, artifacts: Path, lang: str) -> None:
    with browser_page(1366, 768) as (page, outbound):
        for slug, title_zh in MAP_PAGES.items():
            _open(page, f"{server}/{slug}?lang={lang}")
            heading = page.inner_text("h1").strip()  # type: ignore[attr-defined]
            if lang == "zh":
                assert heading.startswith(title_zh), heading
            else:
                assert not any("\u4e00" <= c <= "\u9fff" for c in heading), heading
            canvas = page.locator(CANVAS).first  # type: ignore[attr-defined]
            box = canvas.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 400, box
            assert page.get_by_text("示例" if lang == "zh" else "Sample").count() > 0  # type: ignore[attr-defined]
            page.screenshot(path=str(artifacts / f"map-{slug}-{lang}.png"))  # type: ignore[attr-defined]
            _tall_shot(page, artifacts / f"map-{slug}-{lang}-full.png")
            assert not page.get_by_text("Page not found").count()  # type: ignore[attr-defined]
            assert not page.locator("[data-testid=stException]").count()  # type: ignore[attr-defined]
        assert outbound.urls == [], f"requests left localhost: {outbound.urls}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_key_counties_scorecard_links_to_the_indicator_detail(server: str, artifacts: Path, lang: str) -> None:
    with browser_page(1366, 768) as (page, outbound):
        page.goto(f"{server}/key_counties?lang={lang}")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.wait_for_selector("table.nxsc", timeout=30_000)  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"map-key_counties-{lang}.png"))  # type: ignore[attr-defined]
        _tall_shot(page, artifacts / f"map-key_counties-{lang}-full.png", 1400)
        links = page.locator("table.nxsc td a")  # type: ignore[attr-defined]
        assert links.count() >= 9 * 5
        href = links.first.get_attribute("href")
        assert href.startswith("indicator?indicator=") and "&region=64" in href, href
        assert outbound.urls == []


def test_clicking_the_ranking_opens_a_county(server: str, artifacts: Path) -> None:
    with browser_page(1366, 768) as (page, outbound):
        _open(page, f"{server}/county_map?lang=zh")
        assert page.get_by_text("点击地图上的县或排名中的县名、圆点").count()  # type: ignore[attr-defined]
        page.evaluate("window.__sameSession = true")  # type: ignore[attr-defined]
        page.locator(".nx-rank .nx-rank-name a").first.click()  # type: ignore[attr-defined]
        page.wait_for_selector("text=指标对照目标", timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        assert page.evaluate("window.__sameSession === true"), "the click opened the county in the same session"  # type: ignore[attr-defined]
        assert "region=" in page.url  # type: ignore[attr-defined]
        _tall_shot(page, artifacts / "map-county_map-picked-zh-full.png")
        assert outbound.urls == []


def test_village_map_opens_twice_from_warm_caches(server: str) -> None:
    """Speed is measured by bench/, not here: this only checks a second visit (warm caches) draws the map too."""
    with browser_page(1366, 768) as (page, outbound):
        _open(page, f"{server}/villages?lang=zh")
        _open(page, f"{server}/villages?lang=zh")
        assert page.locator("#deckgl-overlay").count() == 1  # type: ignore[attr-defined]
        assert outbound.urls == []
