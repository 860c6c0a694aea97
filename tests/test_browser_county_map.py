"""The county map in a real browser (Debian's Chromium via Playwright) at 1366×768: the county that lags most is on
the first screen, and a click on a city drills down to its counties and changes the address.
Screenshots of the county and city levels go to tests/artifacts/."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from ningxia_dash.places import county_map
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess
from tests.browser import browser_page, streamlit_server, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
PLAN = "nx-14-rr"
INDICATOR = "rural_tap_water_rate"


@pytest.fixture(scope="module")
def server(db_path: Path):  # type: ignore[no-untyped-def]
    with streamlit_server(db_path) as url:
        yield url


def _open(page: object, url: str) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    wait_rendered(page)
    page.wait_for_selector("#deckgl-overlay", timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_selector(".nx-rank .nx-rank-name a", timeout=30_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(1500)  # type: ignore[attr-defined]  # deck.gl's glyphs and polygons


def _query(page: object) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}  # type: ignore[attr-defined]


def _worst_county(db: Database) -> str:
    ind = queries.indicators(db, PLAN)
    grid = assess.assess_all_regions(ind, queries.observations(db, PLAN), queries.reference_values(db), 2020, 2025)
    row = ind.set_index("id").loc[INDICATOR].to_dict() | {"id": INDICATOR}
    frame = county_map.place_frame(county_map.counties(queries.regions(db)), grid, row, "zh")
    return str(county_map.county_ranking(frame, county_map.higher_is_better(row)).iloc[0]["short"])


def test_the_worst_county_is_on_the_first_screen(server: str, db: Database, artifacts: Path) -> None:
    worst = _worst_county(db)
    with browser_page(1366, 768) as (page, outbound):
        _open(page, f"{server}/county_map?lang=zh&indicator={INDICATOR}&year=2025")
        assert page.get_by_text("专栏1-9").count()  # type: ignore[attr-defined]  # the indicator of the link, its clause
        tick = page.locator(".nx-rank-name", has_text=worst).first  # type: ignore[attr-defined]
        box = tick.bounding_box()
        assert box and box["y"] > 0 and box["y"] + box["height"] < 768, (worst, box)
        tops = [t.bounding_box()["y"] for t in page.locator(".nx-rank-name").all()]  # type: ignore[attr-defined]
        assert box["y"] == min(tops), "the worst county heads the ranking"
        page.screenshot(path=str(artifacts / "county_map-counties-zh.png"))  # type: ignore[attr-defined]
        assert outbound.urls == []


def test_a_click_on_a_city_shows_its_counties_and_changes_the_address(server: str, artifacts: Path) -> None:
    with browser_page(1366, 768) as (page, outbound):
        _open(page, f"{server}/county_map?lang=zh&indicator={INDICATOR}&level=city")
        assert page.get_by_text("各市排名").count()  # type: ignore[attr-defined]
        assert "city" not in _query(page) and _query(page)["level"] == "city"
        page.screenshot(path=str(artifacts / "county_map-cities-zh.png"))  # type: ignore[attr-defined]
        page.locator(".nx-rank .nx-rank-dot").first.click()  # type: ignore[attr-defined]
        page.wait_for_selector("text=各县排名（离目标最远的在前）", timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        page.wait_for_function("() => new URL(location.href).searchParams.has('city')", timeout=30_000)  # type: ignore[attr-defined]
        city = _query(page)["city"]
        assert city in {"640100", "640200", "640300", "640400", "640500"}
        ticks = page.locator(".nx-rank-name").count()  # type: ignore[attr-defined]
        assert 2 <= ticks <= 7, ticks  # one city's counties, not 22
        page.get_by_role("button", name="宁夏全区").click()  # type: ignore[attr-defined]  # and back
        page.wait_for_function("() => !new URL(location.href).searchParams.has('city')", timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        assert page.get_by_text("各市排名").count()  # type: ignore[attr-defined]
        assert outbound.urls == []
