"""汇报模式 and the big screen: the deck as data, every slide in both languages, and in a real browser at the two
screen sizes of the meeting rooms — no menu, no sidebar, no toolbar, nothing cut off, nothing fetched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.i18n import t
from ningxia_dash.present import slides
from ningxia_dash.style import STATUS_COLOURS
from tests.browser import browser_page, streamlit_server, wait_rendered

ROOT = Path(__file__).resolve().parent.parent
N = len(slides.DEFAULT_DECK)
# The meeting rooms' screens, and a 1366×768 laptop's browser window (its tabs and address bar take 111 px)
SCREENS = ((1920, 1080), (1366, 768), (1366, 657))


def test_deck_order_is_data() -> None:
    assert slides.deck_order(None) == list(slides.DEFAULT_DECK)
    assert slides.deck_order("gauges, title ,nonsense,gauges") == ["gauges", "title"]
    assert slides.deck_order("nonsense") == list(slides.DEFAULT_DECK)


def test_slide_numbers_and_auto_advance() -> None:
    assert slides.slide_number("3", 9) == 3
    assert slides.slide_number("99", 9) == 1 and slides.slide_number("x", 9) == 1 and slides.slide_number(None, 9) == 1
    assert (
        slides.advance_seconds("20") == 20 and slides.advance_seconds("1") == 5 and slides.advance_seconds(None) is None
    )
    assert slides.next_slide(9, 9) == 1 and slides.previous_slide(1, 9) == 9 and slides.previous_slide(4, 9) == 3
    # a timer tick moves on from the slide on screen (wrapping round), not from where the deck started ...
    assert slides.auto_step(4, 9, shown_s=10.0, every_s=10) == 5 and slides.auto_step(9, 9, 10.0, 10) == 1
    # ... and does not skip a slide the presenter moved to just before the tick
    assert slides.auto_step(4, 9, shown_s=1.0, every_s=10) == 4


BAD_VALUES = ["abc", "-1", "0", "+3", " 3", "3.0", "٣", "99999999999999999999", "", "<b>3</b>", "../../etc/passwd",
              "%2e%2e", "1e3", "2020;DROP TABLE plans"]  # fmt: skip


@pytest.mark.parametrize("value", BAD_VALUES)
def test_unusable_address_values_fall_back_to_the_defaults(value: str) -> None:
    assert slides.slide_number(value, 9) == 1
    assert slides.advance_seconds(value) is None
    assert slides.as_of_year(value, 2020, 2025, default=2024) == 2024
    assert not slides.is_present(value)
    query = {"present": value, "slide": value, "every": value, "year": value, "lang": value}
    expected = ["present", "slide", "every", "year", "lang"][value == "0" :]  # present=0 is a plain "no"
    assert slides.unusable_params(query, 9, 2020, 2025, ("zh", "en")) == expected


def test_address_years_are_the_plans_years() -> None:
    assert slides.as_of_year("2023", 2020, 2025, default=2024) == 2023
    assert slides.as_of_year("2020", 2020, 2025, default=2024) == 2020  # the baseline is a year of the plan
    for outside in ("2019", "2026", "1900", "9999"):
        assert slides.as_of_year(outside, 2020, 2025, default=2024) == 2024, outside
    good = {"present": "1", "slide": "9", "every": "3600", "year": "2025", "lang": "en"}
    assert slides.unusable_params(good, 9, 2020, 2025, ("zh", "en")) == []
    assert slides.unusable_params({}, 9, 2020, 2025, ("zh", "en")) == []
    assert slides.unusable_params({"slide": "10", "every": "3601"}, 9, 2020, 2025, ("zh",)) == ["slide", "every"]


def _present(lang: str, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update({"lang": lang, "present": "1", **query})
    at.run()
    at.switch_page("screens/present.py").run()
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
    # the deck opens as of the newest data year (2025, the plan's end): the alerts slide lists binding targets not met
    assert any(f"3 / {N}" in m.value for m in at.markdown)
    assert at.title[0].value.startswith(t("tracking.alerts_final", "zh"))


def _page(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.switch_page(f"screens/{page}.py")  # the address opens this page: its first run reads the parameters
    return at.run()


@pytest.mark.parametrize("page", ["present", "bigscreen"])
@pytest.mark.parametrize("name", ["year", "slide", "every", "lang", "present"])
@pytest.mark.parametrize("value", ["abc", "-3", "99999999999999999999", "", "<script>alert(1)</script>", "../../x"])
def test_bad_address_parameters_fall_back_with_a_notice(db_path: Path, page: str, name: str, value: str) -> None:
    query = {"present": "1", name: value}
    at = _page(page, query)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "the screen is drawn"
    if page == "present" and name != "present":
        assert any(f"1 / {N}" in m.value for m in at.markdown), "the deck opens on its first slide"
    relevant = page == "present" or name in ("year", "lang", "present")
    toasts = [x.value for x in at.toast]
    if relevant:
        assert len(toasts) == 1 and f"{name}=" in toasts[0] and "无效" in toasts[0], toasts
        assert name not in at.query_params or name in ("present", "slide"), "the bad value leaves the address"
    assert not any("<script>" in x for x in toasts), "the address value reaches the notice escaped"


def test_a_good_year_in_the_address_is_used(db_path: Path) -> None:
    at = _present("en", slide="2", year="2023")
    assert at.title[0].value.endswith("2023") and not at.toast
    at = _page("bigscreen", {"present": "1", "lang": "en", "year": "2022"})
    assert any("Data as of 2022" in m.value for m in at.markdown) and not at.toast


def _launcher_names(lang: str) -> list[str]:
    """The numbered list of slides on the presenter's launcher (the menu page), as a person reads it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("screens/present.py").run()
    assert not at.exception, [e.value for e in at.exception]
    listed = next(m.value for m in at.markdown if m.value.startswith("1. "))
    return [line.split(". ", 1)[1].replace("\\", "") for line in listed.splitlines()]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_launcher_names_each_slide_as_its_title_reads(db_path: Path, lang: str) -> None:
    """The launcher's list names each slide as the slide's own title reads when the deck opens (the latest data year,
    2025: the plan's end). It said "未达进度的约束性指标" for a slide titled "未全部完成的约束性指标", "进展状态汇总"
    for "评估结论", and the cover said "规划执行情况汇报" in the final evaluation."""
    names = _launcher_names(lang)
    assert len(names) == N, names
    for n, name in enumerate(names, start=1):
        title = _present(lang, slide=str(n)).title[0].value
        assert title.removesuffix(" · 2025") == name, (n, title, name)
    expected = {
        "zh": ["规划终期评估汇报", "评估结论（按章）", "未全部完成的约束性指标"],
        "en": ["Final evaluation report", "Verdicts by chapter", "Binding targets not fully met"],
    }
    assert names[:3] == expected[lang], names


def test_before_the_plans_end_the_deck_is_a_progress_report(db_path: Path) -> None:
    at = _present("zh", slide="1", year="2023")
    assert at.title[0].value == "规划执行情况汇报"
    at = _present("en", slide="2", year="2023")
    assert at.title[0].value == "Status of the targets by chapter · 2023"


def test_launcher_and_big_screen(db_path: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("screens/present.py").run()
    assert not at.exception and at.title[0].value == "Presenter mode"
    at.switch_page("screens/bigscreen.py").run()
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
        tiles = page.evaluate(  # type: ignore[attr-defined]
            "() => [...document.querySelectorAll('.bs-tile')].map(e => e.getBoundingClientRect().bottom)"
        )
        assert len(tiles) == 10 and max(tiles) <= height, f"a big-screen tile runs off the screen: {tiles}"
        assert outbound.urls == []


# The h1 each slide of the default deck opens with (zh), to check what the presenter sees after a click or a key.
# The deck opens as of the newest data year (2025, the plan's end), so the counts and alerts speak in verdicts.
TITLE_KEYS = {
    "title": "present.cover_final", "status": "present.verdicts_by_chapter", "alerts": "tracking.alerts_final",
    "evaluation": "page.evaluation", "gauges": "tracking.gauges",
    "county_map": "present.county_map", "villages": "present.villages", "parks": "present.parks",
    "scorecard": "present.scorecard", "closing": "present.closing",
}  # fmt: skip
SHOWN_JS = """() => ({
    counter: [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]
        .map(e => e.innerText.trim()).find(s => /^\\d+ \\/ \\d+$/.test(s)) || null,
    title: (document.querySelector('h1') || {}).innerText || null,
    address: location.search,
})"""


def _shown(page: object) -> dict[str, str]:
    return page.evaluate(SHOWN_JS)  # type: ignore[attr-defined,no-any-return]


def _wait_counter(page: object, expected: str, timeout_ms: int = 20_000) -> dict[str, str]:
    """Until the counter reads `expected` (or the timeout): what the presenter then sees."""
    import contextlib

    with contextlib.suppress(Exception):
        page.wait_for_function(  # type: ignore[attr-defined]
            f"(want) => ({SHOWN_JS})().counter === want", arg=expected, timeout=timeout_ms
        )
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    return _shown(page)


def _assert_on(page: object, n: int) -> None:
    shown = _wait_counter(page, f"{n} / {N}")
    assert shown["counter"] == f"{n} / {N}", f"expected slide {n}, the screen shows {shown}"
    title = t(TITLE_KEYS[slides.DEFAULT_DECK[n - 1]], "zh")
    assert (shown["title"] or "").startswith(title), f"slide {n} should be titled {title!r}: {shown}"
    assert f"slide={n}" in shown["address"] and "present=1" in shown["address"], shown


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_the_deck_moves_on_clicks_and_keys(db_path: Path) -> None:
    """What the presenter sees: the counter and the slide's title after each click and key, and after a reload."""
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, outbound):
        page.goto(f"{url}/present?present=1&slide=1")  # type: ignore[attr-defined]
        wait_rendered(page)
        _assert_on(page, 1)
        page.get_by_role("button", name="›").click()  # type: ignore[attr-defined]
        _assert_on(page, 2)
        page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
        _assert_on(page, 3)
        page.keyboard.press("ArrowLeft")  # type: ignore[attr-defined]
        _assert_on(page, 2)
        page.get_by_role("button", name="‹").click()  # type: ignore[attr-defined]
        _assert_on(page, 1)
        page.get_by_role("button", name="‹").click()  # type: ignore[attr-defined]
        _assert_on(page, N)  # wraps round
        page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
        _assert_on(page, 1)
        page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]
        _assert_on(page, 2)
        page.reload()  # type: ignore[attr-defined]
        wait_rendered(page)
        _assert_on(page, 2)

        # Started from the menu: the address keeps present=1, so a reload stays in the deck on the same slide.
        page.goto(f"{url}/present")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.get_by_text(t("present.start", "zh")).first.click()  # type: ignore[attr-defined]
        _assert_on(page, 1)
        page.get_by_role("button", name="›").click()  # type: ignore[attr-defined]
        _assert_on(page, 2)
        page.reload()  # type: ignore[attr-defined]
        wait_rendered(page)
        _assert_on(page, 2)
        assert outbound.urls == []


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_auto_advance_continues_from_where_the_presenter_moved(db_path: Path) -> None:
    """every=10: after the presenter clicks on to slide k (≥ 4), the next automatic move shows k + 1 — not 2."""
    changed = f"(was) => {{ const c = ({SHOWN_JS})().counter; return c !== null && c !== was; }}"
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, _):
        page.goto(f"{url}/present?present=1&slide=1&every=10")  # type: ignore[attr-defined]
        wait_rendered(page)
        _assert_on(page, 1)
        for _ in range(3):  # three clicks; a timer tick crossing a click may move one slide further: k is what shows
            before = _shown(page)["counter"]
            page.get_by_role("button", name="›").click()  # type: ignore[attr-defined]
            page.wait_for_function(changed, arg=before, timeout=20_000)  # type: ignore[attr-defined]
        k = int(_shown(page)["counter"].split(" / ")[0])
        assert 4 <= k < N, f"three clicks from slide 1 should reach slide 4 (or one further): {_shown(page)}"
        page.wait_for_function(changed, arg=f"{k} / {N}", timeout=40_000)  # type: ignore[attr-defined]
        _assert_on(page, k + 1)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_controls_are_large_and_pinned_to_the_bottom(db_path: Path, artifacts: Path) -> None:
    """‹ / › and the counter stay at the bottom edge, big enough to hit while screen-sharing, clear of the slide."""
    measure = """() => {
        const bar = document.querySelector('.st-key-present_controls');
        const buttons = [...bar.querySelectorAll('button')].map(b => b.getBoundingClientRect())
            .filter(r => r.height > 0);
        const content = [...document.querySelectorAll('[data-testid=stElementContainer]')]
            .filter(e => !bar.contains(e) && e.getBoundingClientRect().height > 0)
            .map(e => e.getBoundingClientRect().bottom);
        return {position: getComputedStyle(bar).position, top: bar.getBoundingClientRect().top,
                bottom: bar.getBoundingClientRect().bottom, buttons: buttons.map(b => [b.width, b.height]),
                contentBottom: Math.max(...content), height: window.innerHeight,
                scrollbar: document.documentElement.scrollHeight > window.innerHeight};
    }"""
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, _):
        for width, height in [(1366, 768), (1920, 1080)]:
            page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
            for lang in ("zh", "en"):
                for slide in ("status", "evaluation", "gauges"):  # a chart, the verdict cards, the gauges: the tallest
                    n = slides.DEFAULT_DECK.index(slide) + 1
                    page.goto(f"{url}/present?present=1&slide={n}&lang={lang}")  # type: ignore[attr-defined]
                    wait_rendered(page)
                    drawn = {"status": ".nx-bars-seg", "gauges": ".nx-g img.nx-arc"}.get(slide)
                    if drawn:
                        page.wait_for_selector(drawn, timeout=30_000)  # type: ignore[attr-defined]
                    page.wait_for_timeout(800)  # type: ignore[attr-defined]
                    got = page.evaluate(measure)  # type: ignore[attr-defined]
                    page.screenshot(path=str(artifacts / f"present-controls-{n}-{lang}-{width}x{height}.png"))  # type: ignore[attr-defined]
                    assert got["position"] == "fixed" and abs(got["bottom"] - height) <= 1, got
                    assert len(got["buttons"]) == 2 and all(w >= 48 and h >= 48 for w, h in got["buttons"]), got
                    assert got["contentBottom"] <= got["top"] + 1, f"the slide runs under the controls: {got}"
                    assert not got["scrollbar"], got


GAUGES_JS = """() => {
    const bar = document.querySelector('.st-key-present_controls').getBoundingClientRect();
    return {
        gauges: [...document.querySelectorAll('.nx-slide .nx-g')].map(g => {
            const img = g.querySelector('img'), r = img.getBoundingClientRect();
            return {drawn: img.complete && img.naturalWidth > 0, width: r.width, bottom: g.getBoundingClientRect().bottom,
                    status: g.querySelector('.nx-st').innerText.trim(), name: g.querySelector('.nx-name').innerText,
                    fontPx: parseFloat(getComputedStyle(g.querySelector('.nx-name')).fontSize),
                    explained: (g.getAttribute('aria-label') || '').length > 20, link: g.tagName === 'A'};
        }),
        headings: [...document.querySelectorAll('.nx-slide h4')].map(h => h.innerText),
        controlsTop: bar.top,
        plotly: document.querySelectorAll('[data-testid=stPlotlyChart]').length,
    };
}"""


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_gauges_slide_draws_13_static_gauges_above_the_controls(db_path: Path) -> None:
    """The gauges slide without plotly: 13 gauge pictures drawn, each with its name, its status word and its
    explanation, in presenting type, none running under the pinned controls, at both meeting-room sizes."""
    n = slides.DEFAULT_DECK.index("gauges") + 1
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, outbound):
        for width, height in [(1366, 768), (1920, 1080)]:
            page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
            for lang in ("zh", "en"):
                page.goto(f"{url}/present?present=1&slide={n}&lang={lang}")  # type: ignore[attr-defined]
                wait_rendered(page)
                page.wait_for_function("() => document.querySelectorAll('.nx-slide .nx-g img').length >= 13")  # type: ignore[attr-defined]
                page.wait_for_timeout(500)  # type: ignore[attr-defined]
                got = page.evaluate(GAUGES_JS)  # type: ignore[attr-defined]
                gauges, words = got["gauges"], {t(f"status.{s}", lang) for s in STATUS_COLOURS}
                assert len(gauges) == 13 and got["plotly"] == 0, got
                assert all(g["drawn"] and g["width"] > 80 for g in gauges), (width, lang, gauges)
                assert all(g["status"][2:] in words for g in gauges), [g["status"] for g in gauges]
                assert all(g["name"].strip() and g["explained"] and not g["link"] for g in gauges), gauges
                assert min(g["fontPx"] for g in gauges) >= 14, "presenting type, not the page's small print"
                assert max(g["bottom"] for g in gauges) <= got["controlsTop"] + 1, (
                    f"a gauge runs under the controls: {got}"
                )
                assert len(got["headings"]) >= 2
        assert outbound.urls == []


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_status_slide_counts_targets_per_chapter_without_plotly(db_path: Path) -> None:
    """The status slide's chapter columns are static HTML: one column per chapter, and the targets they count add
    up to the status cards' total on the same slide."""
    n = slides.DEFAULT_DECK.index("status") + 1
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, outbound):
        page.goto(f"{url}/present?present=1&slide={n}&lang=zh")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.wait_for_selector(".nx-bars-seg")  # type: ignore[attr-defined]
        got = page.evaluate(  # type: ignore[attr-defined]
            """() => ({
                columns: [...document.querySelectorAll('.nx-bars-col')].map(c => c.getAttribute('aria-label')),
                labels: [...document.querySelectorAll('.nx-bars-labels div')].map(d => d.innerText),
                legend: document.querySelector('.nx-bars-legend').innerText,
                cards: [...document.querySelectorAll('[data-testid=stMarkdownContainer] div')]  // the big numbers
                    .filter(d => parseFloat(getComputedStyle(d).fontSize) > 50 && /^\\d+$/.test(d.innerText.trim()))
                    .map(d => +d.innerText),
                plotly: document.querySelectorAll('[data-testid=stPlotlyChart]').length,
            })"""
        )
        assert got["plotly"] == 0 and got["labels"] and len(got["columns"]) == len(got["labels"]), got
        assert all(x.startswith("第") for x in got["labels"]), got["labels"]
        # the chapters' columns count by the cards' verdicts (the slide is "评估结论（按章）"), not binding / other
        assert all(t(f"status.{v}", "zh") in got["legend"] for v in ("met", "basically_met", "not_met")), got["legend"]
        assert t("attr.binding", "zh") not in got["legend"], got["legend"]
        per_chapter = [int(c.rsplit(": ", 1)[1]) for c in got["columns"]]
        assert all(x > 0 for x in per_chapter) and sum(per_chapter) == sum(got["cards"]) > 0, got
        assert outbound.urls == []


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_the_gauges_slide_shows_every_name_whole(db_path: Path, artifacts: Path) -> None:
    """An audience has no hover: on the gauges slide every target's name is read whole (no “…”), in both languages
    and on both meeting-room screens, and the gauges stay above the pinned ‹ n / N › bar. English names are longer
    (up to 96 characters): they had two lines of seven columns and seven of the thirteen were cut."""
    n = slides.DEFAULT_DECK.index("gauges") + 1
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, outbound):
        for width, height in ((1366, 768), (1920, 1080)):
            page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
            for lang in ("zh", "en"):
                page.goto(f"{url}/present?present=1&slide={n}&lang={lang}&embed=true")  # type: ignore[attr-defined]
                wait_rendered(page)
                page.wait_for_selector(".st-key-present_controls", timeout=20_000)  # type: ignore[attr-defined]
                page.wait_for_timeout(500)  # type: ignore[attr-defined]
                shown = page.evaluate(  # type: ignore[attr-defined]
                    """() => ({
                        names: [...document.querySelectorAll('.nx-name')].map(e => e.innerText),
                        cut: [...document.querySelectorAll('.nx-name')]
                            .filter(e => e.scrollHeight > e.clientHeight + 1).map(e => e.innerText),
                        bottom: Math.max(...[...document.querySelectorAll('.nx-g')].map(e => e.getBoundingClientRect().bottom)),
                        bar: document.querySelector('.st-key-present_controls').getBoundingClientRect().top,
                    })"""
                )
                page.screenshot(path=str(artifacts / f"slide-gauges-{lang}-{width}x{height}.png"))  # type: ignore[attr-defined]
                assert len(shown["names"]) == 13, shown
                assert shown["cut"] == [], (lang, width, shown["cut"])
                assert shown["bottom"] <= shown["bar"], (lang, width, shown)
        assert outbound.urls == []


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_nothing_on_a_slide_hides_under_the_pinned_bar(db_path: Path, artifacts: Path, lang: str) -> None:
    """On the meeting-room screens (1920×1080, 1366×768) and on a 1366×768 laptop's browser window (1366×657: tabs
    and address bar take the rest) every element of every slide ends above the pinned ‹ n / N › bar — the bar is
    drawn over the page and a slide does not scroll, so what runs under it is lost. In English the scorecard's table
    ran 11 px under the bar at 1366×768; at 1366×657 the scorecard's last row and both its notes, and the gauges'
    last verdicts, were under it."""
    js = """() => {
        const bar = document.querySelector('.st-key-present_controls').getBoundingClientRect().top;
        return [...document.querySelectorAll('[data-testid=stMainBlockContainer] [data-testid=stElementContainer]')]
            .filter(e => !e.closest('.st-key-present_controls') && e.getBoundingClientRect().height > 0)
            .filter(e => e.getBoundingClientRect().bottom > bar + 1)
            .map(e => (e.innerText || e.getAttribute('class') || '').slice(0, 60));
    }"""
    with streamlit_server(db_path) as url, browser_page(1366, 768) as (page, outbound):
        for width, height in SCREENS:
            page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
            for n, slide in enumerate(slides.DEFAULT_DECK, start=1):
                page.goto(f"{url}/present?present=1&slide={n}&lang={lang}&embed=true")  # type: ignore[attr-defined]
                wait_rendered(page)
                page.wait_for_selector(".st-key-present_controls", timeout=20_000)  # type: ignore[attr-defined]
                if slide in ("county_map", "villages"):
                    page.wait_for_selector("#deckgl-overlay", timeout=30_000)  # type: ignore[attr-defined]
                page.wait_for_timeout(600)  # type: ignore[attr-defined]
                hidden = page.evaluate(js)  # type: ignore[attr-defined]
                if hidden:
                    page.screenshot(path=str(artifacts / f"slide-{n}-{slide}-{lang}-{width}x{height}-under-bar.png"))  # type: ignore[attr-defined]
                assert hidden == [], (slide, lang, width, height, hidden)
        assert outbound.urls == []
