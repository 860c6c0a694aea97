"""The app in a real browser (Debian's Chromium via Playwright): every page draws, nothing leaves localhost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import ROOT, browser_page, streamlit_server, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
PAGES = {
    "overview": "规划执行总览",
    "targets": "规划量化目标清单",
    "plan_text": "规划原文：我们承诺了什么",
    "county_map": "22个县（市、区）与9个重点帮扶县",
    "sources": "数据从哪里来",
    "glance": "规划一览",
}


@pytest.fixture(scope="module")
def server(db_path: Path):  # type: ignore[no-untyped-def]
    with streamlit_server(db_path) as url:
        yield url


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_offline(server: str, artifacts: Path, lang: str) -> None:
    with browser_page() as (page, outbound):
        for slug, title_zh in PAGES.items():
            path = "" if slug == "overview" else slug  # the default page lives at the root address
            sep = "&" if "?" in path else "?"
            page.goto(f"{server}/{path}{sep}lang={lang}")  # type: ignore[attr-defined]
            wait_rendered(page)
            if slug == "county_map":
                page.wait_for_selector("#deckgl-overlay, canvas", timeout=30_000)  # type: ignore[attr-defined]
                page.wait_for_timeout(1500)  # type: ignore[attr-defined]
            if slug == "glance":
                page.wait_for_selector(".js-plotly-plot .bars, .js-plotly-plot", timeout=30_000)  # type: ignore[attr-defined]
            heading = page.inner_text("h1")  # type: ignore[attr-defined]
            if lang == "zh":
                assert heading.strip().startswith(title_zh), heading
            name = slug.split("?")[0]
            page.screenshot(path=str(artifacts / f"{name}-{lang}.png"), full_page=False)  # type: ignore[attr-defined]
            assert not page.get_by_text("Page not found").count()  # type: ignore[attr-defined]
        assert outbound.urls == [], f"requests left localhost: {outbound.urls}"


def test_a_page_reached_first_on_a_cold_server(db_path: Path, artifacts: Path) -> None:
    """A fresh server whose first request is /targets shows that page, and its sidebar never shows file names
    (a pages/ folder beside app.py made Streamlit list 'app', 'admin', 'bigscreen' … before the Chinese menu)."""
    assert not (ROOT / "pages").exists(), "a pages/ folder beside app.py turns on Streamlit's legacy file menu"
    with streamlit_server(db_path) as url, browser_page() as (page, outbound):
        page.add_init_script(  # type: ignore[attr-defined]
            """window.__seen = new Set();
            new MutationObserver(() => { const s = document.querySelector('[data-testid=stSidebarNav]');
              if (s) window.__seen.add(s.innerText); })
              .observe(document, {subtree: true, childList: true, characterData: true});"""
        )
        page.goto(f"{url}/targets")  # type: ignore[attr-defined]
        wait_rendered(page)
        assert page.inner_text("h1").startswith("规划量化目标清单")  # type: ignore[attr-defined]
        assert page.locator("[data-testid=stSidebar]").count() == 1  # type: ignore[attr-defined]
        menus = page.evaluate("() => [...window.__seen]")  # type: ignore[attr-defined]
        assert menus and all("目标清单" in m and "bigscreen" not in m for m in menus), menus
        page.screenshot(path=str(artifacts / "cold-targets.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []


def test_overview_draws_all_13_gauges(server: str, artifacts: Path) -> None:
    """The 13 gauges are static pictures: each drawn (its image decoded, with a size), its status word under it,
    its explanation as hover text, and no plotly chart on the page."""
    with browser_page(1920, 1080) as (page, outbound):
        page.goto(f"{server}/")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.wait_for_function("() => document.querySelectorAll('a.nx-g img').length >= 13", timeout=30_000)  # type: ignore[attr-defined]
        gauges = page.evaluate(  # type: ignore[attr-defined]
            """() => [...document.querySelectorAll('a.nx-g')].map(a => ({
                drawn: a.querySelector('img').complete && a.querySelector('img').naturalWidth > 0,
                width: a.querySelector('img').getBoundingClientRect().width,
                status: a.querySelector('.nx-st').innerText, title: a.title}))"""
        )
        assert len(gauges) == 13
        assert all(g["drawn"] and g["width"] > 100 for g in gauges), gauges
        assert all(g["status"].split()[-1] in {"已完成", "基本完成", "未完成", "无法评估"} for g in gauges), gauges
        assert all("目标值" in g["title"] for g in gauges), gauges
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0  # type: ignore[attr-defined]
        page.get_by_text("专栏1 主要发展指标").first.scroll_into_view_if_needed()  # type: ignore[attr-defined]
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / "overview-gauges-1920.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []


def test_select_boxes_speak_chinese(server: str) -> None:
    """Streamlit's own "Select all" / "No results" in a select box's list read 全选 / 无匹配项 in Chinese."""
    with browser_page() as (page, outbound):
        page.goto(f"{server}/targets")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.locator('[data-testid="stMultiSelect"]').first.click()  # type: ignore[attr-defined]
        option = page.locator('[role="option"][data-key="__select_all__"] > div').first  # type: ignore[attr-defined]
        option.wait_for(timeout=10_000)
        shown = option.evaluate("e => [getComputedStyle(e, '::after').content, getComputedStyle(e).fontSize]")
        assert shown == ['"全选"', "0px"], shown  # the English words take no space; ours are drawn instead
        page.keyboard.type("zzzz")  # type: ignore[attr-defined]
        empty = page.locator('[role="option"] > span').first  # type: ignore[attr-defined]
        empty.wait_for(timeout=10_000)
        shown = empty.evaluate("e => [getComputedStyle(e, '::after').content, getComputedStyle(e).fontSize]")
        assert shown == ['"无匹配项"', "0px"], shown
        assert outbound.urls == []


def test_a_click_on_a_name_in_the_headline_table_or_a_gauge_opens_its_detail(server: str) -> None:
    """The caption says a click on a target's name opens its details: the third row's name, and the fifth gauge,
    each open the detail page of that very target (its name is the detail page's title), in the same session (the
    document is not loaded again, so the chosen year, plan and a sign-in stay)."""
    with browser_page(1366, 768) as (page, outbound):
        for target in ("table.nx-tbl tbody tr:nth-child(3) a", "a.nx-g >> nth=4"):
            page.goto(f"{server}/")  # type: ignore[attr-defined]
            wait_rendered(page)
            link = page.locator(target).first  # type: ignore[attr-defined]
            link.scroll_into_view_if_needed()
            name = (link.inner_text() if "tbl" in target else link.locator(".nx-name").inner_text()).strip()
            page.evaluate("() => { window.__sameDocument = true }")  # type: ignore[attr-defined]
            link.click()
            page.wait_for_url("**/indicator?**", timeout=20_000)  # type: ignore[attr-defined]
            wait_rendered(page)
            page.wait_for_function(  # type: ignore[attr-defined]
                "n => document.querySelector('h1') && document.querySelector('h1').innerText.includes(n)",
                arg=name.replace("\n", ""),
                timeout=20_000,
            )
            assert "indicator=" in page.url  # type: ignore[attr-defined]
            assert page.evaluate("() => window.__sameDocument === true")  # type: ignore[attr-defined]
        assert outbound.urls == []


def test_the_language_switch_is_on_the_first_screen_and_works(server: str) -> None:
    """At 1366×768 the switch stands at the top right of the page (at the sidebar's foot it was under fifteen menu
    entries, below the first screen); a click turns the page into English, and the switch stays in view."""
    in_view = """(name) => {
        const b = [...document.querySelectorAll('button')].find(e => e.innerText.trim() === name);
        const r = b && b.getBoundingClientRect();
        return !!r && r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
    }"""
    with browser_page(1366, 768) as (page, _):
        page.goto(f"{server}/targets?lang=zh")  # type: ignore[attr-defined]
        wait_rendered(page)
        assert page.evaluate(in_view, "English")  # type: ignore[attr-defined]
        page.locator("button", has_text="English").click()  # type: ignore[attr-defined]
        page.wait_for_function("() => (document.querySelector('h1') || {}).innerText === 'Every quantified target of the plan'",  # type: ignore[attr-defined]
                               timeout=30_000)  # fmt: skip
        assert page.evaluate(in_view, "中文")  # type: ignore[attr-defined]
