"""English screens speak English: clauses, the sample data's source, table names, regions, subjects and units read
as English words, and what stays Chinese (the plan's own text, notes kept in Chinese) says so. On the demo and on a
production (no-demo) database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.i18n import format_number
from ningxia_dash.places.villages import village_facts
from ningxia_dash.store.build import build_database
from tests.app_db import app_database
from tests.html_tables import page_stats, page_tables
from tests.test_pages_apptest import _app as run_page

ROOT = Path(__file__).resolve().parent.parent
CHINESE = re.compile(r"[\u4e00-\u9fff]")
DEMO_TITLE_ZH = "示例数据（程序生成，非真实统计）"


def _app(lang: str, page: str, query: dict[str, str] | None = None) -> AppTest:
    at = run_page(lang, page, query)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _plain(markdown: str) -> str:
    """Markdown text as it reads (the page escapes the database's texts: 'Box 1\\-1' reads 'Box 1-1')."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _words(at: AppTest) -> str:
    """Every text of the main area a reader meets: paragraphs, captions, notes, metrics, tables (grid and HTML)."""
    parts = [
        _plain(str(e.value))
        for kind in ("markdown", "caption", "info", "warning", "title")
        for e in getattr(at.main, kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.main.metric]
    parts += [f"{label} {value} {help_text or ''}" for label, (value, help_text) in page_stats(at).items()]
    parts += [frame.to_csv(index=False) for frame in (d.value for d in at.main.dataframe)]
    parts += [frame.to_csv(index=False) for frame in page_tables(at)]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def nodemo_file(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nodemo-en") / "production.duckdb"
    build_database(path, demo=False)
    return path


@pytest.fixture
def nodemo(nodemo_file: Path) -> Iterator[Path]:
    """The app on the production database for one test only (the next test's pages read the demo one again)."""
    with app_database(nodemo_file):
        yield nodemo_file


# ---------------------------------------------------------------- target details


def test_target_details_name_clauses_in_english(db_path: Path) -> None:
    at = _app("en", "indicator", {"indicator": "farmer_income_growth_vs_national"})
    captions = [_plain(c.value) for c in at.main.caption]
    assert "Box 1-1 · also in Ch. 2 §3 · quoted in the plan's original Chinese" in captions, captions
    assert not any("专栏1-1" in c or "第二章第三节" in c for c in captions), captions
    zh = _app("zh", "indicator", {"indicator": "farmer_income_growth_vs_national"})
    assert "专栏1-1 · 另见 第二章第三节" in [_plain(c.value) for c in zh.main.caption]


def test_target_details_say_the_note_is_kept_in_chinese(db_path: Path) -> None:
    at = _app("en", "indicator", {"indicator": "farmer_income_growth_vs_national"})
    notes = [_plain(i.value) for i in at.main.info if "专栏1该行无数值" in i.value]
    assert notes and notes[0].startswith("Note (kept in the original Chinese): "), notes
    zh = _app("zh", "indicator", {"indicator": "farmer_income_growth_vs_national"})
    assert any(_plain(i.value).startswith("备注: 专栏1该行无数值") for i in zh.main.info)


@pytest.mark.parametrize(("lang", "title"), [("en", "Sample data (generated, not real statistics)"),
                                             ("zh", DEMO_TITLE_ZH)])  # fmt: skip
def test_the_sample_datas_source_title_is_in_the_readers_language(db_path: Path, lang: str, title: str) -> None:
    at = _app(lang, "indicator", {"indicator": "farmer_income_growth_vs_national"})
    data = page_tables(at)[-1]
    column = "Source title" if lang == "en" else "出处"
    assert set(data[column]) == {title}, set(data[column])


def test_a_public_sources_title_stays_as_published(db_path: Path) -> None:
    """The plan's printed baseline (a public source) keeps its Chinese document title on the English screen."""
    at = _app("en", "indicator", {"indicator": "rural_tap_water_rate"})
    titles = set(page_tables(at)[-1]["Source title"])
    assert any(t.startswith("《") for t in titles), titles  # the plan's own title, as written
    assert DEMO_TITLE_ZH not in titles


# ---------------------------------------------------------------- data sources


@pytest.mark.parametrize("database", ["demo", "production"])
def test_sources_screen_in_english_names_subjects_regions_and_tables(
    request: pytest.FixtureRequest, database: str
) -> None:
    request.getfixturevalue("db_path" if database == "demo" else "nodemo")
    at = _app("en", "sources")
    frames = [d.value for d in at.main.dataframe]
    mix = next(f for f in frames if "Table" in f.columns)
    assert "Indicator actuals" in set(mix["Table"]) and "Reference values" in set(mix["Table"])
    assert not set(mix["Table"]) & {"observations", "reference_values", "villages", "village_metrics", "park_metrics"}
    public = next(f for f in frames if "Subject" in f.columns)
    for column in ("Subject", "Region"):
        chinese = [v for v in public[column] if CHINESE.search(str(v))]
        assert not chinese, (column, chinese)
    assert "National rural per-capita disposable income" in set(public["Subject"])
    assert {"China (national)", "Ningxia"} <= set(public["Region"])
    assert set(public["Source title"]) & {"农村绿皮书2020~2021 (转载)"}  # a published title stays as published


def test_sources_screen_in_chinese_names_tables_in_chinese(db_path: Path) -> None:
    at = _app("zh", "sources")
    mix = next(d.value for d in at.main.dataframe if "数据表" in d.value.columns)
    assert {"指标实际值", "参照值", "移民村名录", "移民村指标", "园区指标"} <= set(mix["数据表"])
    public = next(d.value for d in at.main.dataframe if "指标口径" in d.value.columns)
    assert "全国农村居民人均可支配收入" in set(public["指标口径"]) and "全国" in set(public["地区"])


# ---------------------------------------------------------------- units and the plan's text


@pytest.mark.parametrize("page", ["targets", "evaluation"])
def test_one_time_per_year_is_not_one_times(db_path: Path, page: str) -> None:
    words = _words(_app("en", page))
    assert "1 time per year" in words
    assert not re.search(r"\b1 times\b", words)


@pytest.mark.parametrize("database", ["demo", "production"])
@pytest.mark.parametrize("page", ["targets", "evaluation"])
def test_english_tables_name_units_in_english(request: pytest.FixtureRequest, database: str, page: str) -> None:
    """The verdicts' sentences named the stored unit: 'actual 0 个', '19,316 元' on the English evaluation."""
    request.getfixturevalue("db_path" if database == "demo" else "nodemo")
    at = _app("en", page)
    tables = [d.value for d in at.main.dataframe] + page_tables(at)
    chinese = {v for f in tables for c in f.columns for v in f[c].map(str) if CHINESE.search(v)}
    assert not chinese, sorted(chinese)[:5]


def test_what_stays_chinese_says_so_in_the_doubts_table(db_path: Path) -> None:
    at = _app("en", "sources")
    doubts = next(d.value for d in at.main.dataframe if "Clause" in d.value.columns)
    assert {"Plan sentence (in Chinese)", "Note (in Chinese)"} <= set(doubts.columns)


def test_units_for_exactly_one_are_singular() -> None:
    assert format_number(1, "次", "en") == "1 time"
    assert format_number(2, "次", "en") == "2 times"
    assert format_number(1, "户", "en") == "1 household"
    assert format_number(1, "次", "zh") == "1次"


def test_village_profile_names_each_unit_once() -> None:
    village = {"name": "示例村", "county": "Haiyuan", "type_text": "Policy resettlement",
               "industry_text": "Greenhouse vegetables", "population": 8261, "households": 2069,
               "leader_contacted": False, "status_text": "", "value_text": "", "ratio_text": ""}  # fmt: skip
    en = village_facts(village, "en")
    assert "Population 8,261 ·" in en and "Households 2,069 ·" in en, en
    assert "households" not in en and "people" not in en, en
    assert "人口 8,261人 · 户数 2,069户" in village_facts(village, "zh")


@pytest.mark.parametrize("database", ["demo", "production"])
def test_plan_text_says_it_is_in_chinese_on_the_english_screen(request: pytest.FixtureRequest, database: str) -> None:
    request.getfixturevalue("db_path" if database == "demo" else "nodemo")
    note = "The plan's text is shown in the original Chinese."
    assert note in [c.value for c in _app("en", "plan_text").main.caption]
    assert not [c.value for c in _app("zh", "plan_text").main.caption if "original Chinese" in c.value]
