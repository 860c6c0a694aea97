"""汇报模式 and the big screen: the deck as data, every slide in both languages, and in a real browser at the two
screen sizes of the meeting rooms — no menu, no sidebar, no toolbar, nothing cut off, nothing fetched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash import slides
from tests.browser import browser_page, streamlit_server, wait_rendered

ROOT = Path(__file__).resolve().parent.parent


def test_deck_order_is_data() -> None:
    assert slides.deck_order(None) == list(slides.DEFAULT_DECK)
    assert slides.deck_order("gauges, title ,nonsense,gauges") == ["gauges", "title"]
    assert slides.deck_order("nonsense") == list(slides.DEFAULT_DECK)


def test_slide_numbers_and_auto_advance() -> None:
    assert slides.slide_number("3", 9) == 3
    assert slides.slide_number("99", 9) == 9 and slides.slide_number("x", 9) == 1 and slides.slide_number(None, 9) == 1
    assert (
        slides.advance_seconds("20") == 20 and slides.advance_seconds("1") == 5 and slides.advance_seconds(None) is None
    )
    assert slides.auto_slide(start=8, count=9, elapsed_s=45, every_s=20) == 1  # 8 → 9 → 1 (wraps)


def _present(lang: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": lang, "present": "1", **query})
    at.run()
    at.switch_page("pages/present.py").run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("n", range(1, len(slides.DEFAULT_DECK) + 1))
def test_every_slide_renders(db_path: Path, n: int, lang: str) -> None:
    at = _present(lang, slide=str(n))
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every slide states its subject"
    assert any(f"{n} / {len(slides.DEFAULT_DECK)}" in m.value for m in at.markdown)
    assert not at.sidebar.get("segmented_control"), "present mode draws no sidebar controls"


def test_next_button_moves_on(db_path: Path) -> None:
    at = _present("zh", slide="2")
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] in (["3"], "3")


def test_launcher_and_big_screen(db_path: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/present.py").run()
    assert not at.exception and at.title[0].value == "Presenter mode"
    at.switch_page("pages/bigscreen.py").run()
    assert not at.exception


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_slides_fit_the_meeting_room_screens(db_path: Path, artifacts: Path, width: int, height: int) -> None:
    with streamlit_server(db_path) as url, browser_page(width, height) as (page, outbound):
        for n, slide in enumerate(slides.DEFAULT_DECK, start=1):
            page.goto(f"{url}/present?present=1&slide={n}&embed=true")  # type: ignore[attr-defined]
            wait_rendered(page)
            if slide in ("county_map", "villages"):
                page.wait_for_selector("#deckgl-overlay", timeout=30_000)  # type: ignore[attr-defined]
            page.wait_for_timeout(800)  # type: ignore[attr-defined]
            shown = page.evaluate(  # type: ignore[attr-defined]
                """() => ({
                    sidebar: !!document.querySelector('[data-testid=stSidebar]')
                             && getComputedStyle(document.querySelector('[data-testid=stSidebar]')).display !== 'none',
                    header: !!document.querySelector('header[data-testid=stHeader]')
                            && getComputedStyle(document.querySelector('header[data-testid=stHeader]')).display !== 'none',
                    nav: !!document.querySelector('[data-testid=stSidebarNav]'),
                    content: document.querySelector('[data-testid=stMainBlockContainer]').getBoundingClientRect().height,
                    scrollbar: document.documentElement.scrollHeight > window.innerHeight,
                })"""
            )
            page.screenshot(path=str(artifacts / f"slide-{n}-{slide}-{width}x{height}.png"))  # type: ignore[attr-defined]
            assert not shown["sidebar"] and not shown["header"] and not shown["nav"], (slide, shown)
            assert shown["content"] <= height, f"slide {slide} is cut off at {width}×{height}: {shown}"
            assert not shown["scrollbar"], slide
        page.goto(f"{url}/bigscreen?present=1&embed=true")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.wait_for_selector("#deckgl-overlay", timeout=30_000)  # type: ignore[attr-defined]
        page.wait_for_timeout(800)  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"bigscreen-{width}x{height}.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []
