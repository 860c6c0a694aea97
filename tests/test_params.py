"""Every query parameter is untrusted, on every page: a bad value (letters, negative, huge, empty, HTML, path-like,
NUL) never raises; a page that reads the parameter falls back to its default, drops the value from the address
and says so in a small notice. Pure validators first, then every page under AppTest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash import params
from ningxia_dash.ui.nav import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
PAGES = [key for _, entries in REGISTRY for _, key in entries]
NAMES = ["year", "slide", "every", "indicator", "region", "county", "city", "level", "section", "lang", "present"]
BAD = ["abc", "-1", "99999999999999999999", "", "<script>alert(1)</script>", "../../etc/passwd", "%00", "1e309", "\x00"]
# The parameters each page reads (lang and present: every page, through the frame).
READS = {
    "overview": {"year"},
    "targets": {"year"},
    "indicator": {"year", "indicator", "region"},
    "county_map": {"year", "indicator", "region", "city", "level"},
    "villages": {"county"},
    "plan_text": {"section"},
    "bigscreen": {"year"},
}


def test_validators() -> None:
    choices = range(2020, 2026)
    assert params.year("2023", choices) == 2023 and params.year(" 2025 ", choices) == 2025
    for bad in [*BAD, "2019", "2026", "２０２３", "+2023", "2023.0"]:
        assert params.year(bad, choices) is None, bad
    assert params.one_of("640000", ["640000"]) == "640000" and params.one_of("64000", ["640000"]) is None
    assert params.flag("1") is True and params.flag("true") is None and params.flag("") is None
    assert params.shown("a\x00b") == "ab"
    assert len(params.shown("x" * 500)) == params.SHOWN_CHARS and params.shown("x" * 500).endswith("…")


def _run(page: str, query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params.update(query)
    at.switch_page(f"screens/{page}.py")  # before the first run the page is found by its file name (= its url_path)
    return at.run()


def _notices(at: AppTest) -> list[str]:
    return [toast.value for toast in at.toast]


def _case(page: str, deck: bool) -> object:
    return pytest.param(page, deck, id=f"{page}{'-present1' if deck else ''}")


CASES = [_case(page, False) for page in PAGES] + [_case("present", True)]


@pytest.mark.parametrize("bad", BAD, ids=repr)
@pytest.mark.parametrize(("page", "deck"), CASES)
def test_every_page_survives_every_bad_parameter(db_path: Path, page: str, deck: bool, bad: str) -> None:
    """All parameters at once set to the same bad value (and once with ?present=1, for the deck)."""
    query = dict.fromkeys(NAMES, bad) | ({"present": "1"} if deck else {})
    at = _run(page, query)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title or at.get("form"), "the page drew nothing"
    expected = {"lang"} | READS.get(page, set()) | ({"present"} if not deck else set())
    if deck:
        expected |= {"year", "slide", "every"}
    notices = _notices(at)
    for name in expected:
        assert any(f"{name}=" in n for n in notices), (name, notices)
        assert at.query_params.get(name) != bad, f"the bad {name} stays in the address"
    assert not any(re.search(r"(?<!\\)[<>]", n) for n in notices), "a bad value must reach the notice escaped"


@pytest.mark.parametrize(
    ("page", "name", "bad", "default"),
    [
        ("overview", "year", "abc", "2025"),
        ("targets", "year", "1e309", "2025"),
        ("indicator", "year", "-1", "2025"),
        ("indicator", "indicator", "<b>x</b>", None),
        ("indicator", "region", "999999", "宁夏回族自治区"),
        ("county_map", "region", "640000", None),  # the region, not a county
        ("county_map", "indicator", "<b>x</b>", None),
        ("county_map", "indicator", "digital_village_pilot_areas", None),  # a real target without county figures
        ("county_map", "year", "2019", "2025"),
        ("county_map", "city", "640402", None),  # a county, not a city
        ("county_map", "level", "province", "各县（22）"),
        ("villages", "county", "../../etc/passwd", "全部"),
        ("plan_text", "section", "ch99", "第一章"),
        ("glance", "lang", "fr", "中文"),
        ("sources", "present", "yes", None),
    ],
)
def test_a_bad_parameter_names_itself_and_the_default(
    db_path: Path, page: str, name: str, bad: str, default: str | None
) -> None:
    at = _run(page, {name: bad})
    assert not at.exception, [e.value for e in at.exception]
    notices = _notices(at)
    assert len(notices) == 1, notices
    assert f"{name}=" in notices[0] and "无效" in notices[0]
    assert (default in notices[0]) if default else "已忽略" in notices[0]
    assert at.query_params.get(name) != bad


def test_the_notice_speaks_english_and_shortens_a_long_value(db_path: Path) -> None:
    at = _run("plan_text", {"lang": "en", "section": "x" * 5000})
    assert not at.exception
    (notice,) = _notices(at)
    assert notice.startswith("Bad address parameter section=") and "x" * 19 + "…" in notice and len(notice) < 100


@pytest.mark.parametrize(
    ("page", "query"), [("present", {"present": "1", "year": "abc"}), ("bigscreen", {"year": "abc"})]
)
def test_the_deck_and_the_big_screen_survive_a_bad_year(db_path: Path, page: str, query: dict[str, str]) -> None:
    at = _run(page, query)
    assert not at.exception, [e.value for e in at.exception]


def test_a_good_year_in_the_address_chooses_the_as_of_year_and_follows_the_selector(db_path: Path) -> None:
    at = _run("targets", {"year": "2023"})
    assert not at.exception and not _notices(at)
    assert at.selectbox(key="_as_of_widget").value == 2023
    at.selectbox(key="_as_of_widget").set_value(2024).run()
    assert at.selectbox(key="_as_of_widget").value == 2024 and at.query_params["year"] == "2024"


@pytest.mark.parametrize(
    ("page", "query", "title"),
    [
        ("indicator", {"indicator": "rural_tap_water_rate", "region": "640000"}, "农村自来水普及率"),
        ("plan_text", {"section": "ch3"}, "规划原文"),
    ],
)
def test_good_links_still_work(db_path: Path, page: str, query: dict[str, str], title: str) -> None:
    at = _run(page, query)
    assert not at.exception and not _notices(at)
    assert title in at.title[0].value


def test_a_shared_county_map_link_opens_the_same_view(db_path: Path) -> None:
    """indicator, year, level, city and county in the address: a link opens that view without a notice."""
    query = {"indicator": "rural_sewage_treatment_rate", "year": "2023", "city": "640400", "region": "640425"}
    at = _run("county_map", query)
    assert not at.exception and not _notices(at)
    assert at.selectbox(key="_county_map.indicator").value == "rural_sewage_treatment_rate"
    assert at.selectbox(key="_county_map.year").value == 2023
    assert at.selectbox(key="_county_map.county").value == "640425"
    assert {k: at.query_params[k] for k in query} == query and at.query_params["level"] == "county"
    assert any("固原市各县排名" in m.value for m in at.markdown)
    at.run()  # a rerun keeps the view and says nothing
    assert not _notices(at) and at.query_params["city"] == "640400"


def test_switching_target_drops_its_county_quietly(db_path: Path) -> None:
    """The page's own ?region= from the previous target is no link: another target without it says nothing."""
    at = _run("indicator", {"indicator": "rural_tap_water_rate", "region": "640104"})
    assert not at.exception and not _notices(at) and at.query_params["region"] == "640104"
    at.selectbox(key="detail_indicator").set_value("digital_village_pilot_areas").run()
    assert not at.exception and not _notices(at)
    assert at.query_params["region"] == "640000"
