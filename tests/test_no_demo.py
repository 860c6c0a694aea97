"""A production database (build-db --no-demo) holds the plan, its targets, regions, parks, public
figures and the plan's baselines and nothing invented; every page is right on it in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.__main__ import main
from ningxia_dash.store.build import build_database
from ningxia_dash.store.db import database_kind
from ningxia_dash.ui import nav
from tests.app_db import app_database
from tests.html_tables import page_stats, page_tables

ROOT = Path(__file__).resolve().parent.parent
PAGES = [key for _, entries in nav.REGISTRY for _, key in entries]


@pytest.fixture(scope="module")
def nodemo(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    # after the session's database fixture (db_path), so the address it set is the one restored afterwards
    path = tmp_path_factory.mktemp("nodemo") / "production.duckdb"
    build_database(path, demo=False)
    with app_database(path):
        yield path


def _count(path: Path, sql: str) -> int:
    conn = duckdb.connect(str(path), read_only=True)
    try:
        return int(conn.execute(sql).fetchone()[0])  # type: ignore[index]
    finally:
        conn.close()


def test_the_production_build_holds_nothing_invented(nodemo: Path) -> None:
    for table in ("villages", "village_metrics", "park_metrics"):
        assert _count(nodemo, f"SELECT count(*) FROM {table}") == 0, table
    for table in ("observations", "reference_values", "sources"):
        assert (
            _count(
                nodemo,
                f"SELECT count(*) FROM {table} WHERE source_kind = 'demo'"
                if table != "sources"
                else "SELECT count(*) FROM sources WHERE kind = 'demo'",
            )
            == 0
        ), table
    for table in ("plans", "plan_sections", "indicators", "regions", "region_shapes", "parks", "public_figures"):
        assert _count(nodemo, f"SELECT count(*) FROM {table}") > 0, table
    # the plan's own baselines are there, as public figures from the plan
    assert _count(nodemo, "SELECT count(*) FROM observations WHERE note = '规划基期值'") > 0
    assert _count(nodemo, "SELECT count(*) FROM meta WHERE key = 'demo' AND value = '0'") == 1
    assert database_kind(nodemo) == "production"


def test_if_missing_never_switches_kinds(nodemo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = nodemo.stat().st_mtime_ns
    assert main(["build-db", "--if-missing", "--db", str(nodemo)]) == 5
    err = capsys.readouterr().err
    assert "正式数据库" in err and "未做任何改动" in err
    assert nodemo.stat().st_mtime_ns == before and database_kind(nodemo) == "production"
    assert main(["build-db", "--if-missing", "--no-demo", "--db", str(nodemo)]) == 0
    assert "跳过构建" in capsys.readouterr().out


def _app(lang: str, page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py").run()
    return at


def _texts(at: AppTest) -> str:
    """The main area's words (the sidebar's provenance legend names every kind, demo included)."""
    parts = [e.value for kind in ("info", "warning", "caption", "markdown", "error") for e in getattr(at.main, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_a_production_database(nodemo: Path, page: str, lang: str) -> None:
    at = _app(lang, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


EMPTY = {
    "villages": ("尚无移民村数据：请在数据上传页导入", "No resettlement-village data yet"),
    "parks": ("尚无园区指标数据：请在数据上传页导入", "No industrial-park figures yet"),
    "county_map": ("还没有县级数据", "no county figures"),
    "key_counties": ("还没有县级数据", "no county figures"),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", list(EMPTY))
def test_empty_pages_say_what_to_upload_and_link_to_it(nodemo: Path, page: str, lang: str) -> None:
    at = _app(lang, page)
    assert not at.exception, [e.value for e in at.exception]
    want = EMPTY[page][0 if lang == "zh" else 1]
    assert any(want.lower() in i.value.lower() for i in at.info), [i.value for i in at.info]
    links = [e for e in at.main if getattr(e, "type", "") == "page_link"]
    assert any("upload" in str(e.proto.page) for e in links), "a link to the upload page"
    assert not at.get("plotly_chart"), "no chart of nothing"
    if page == "county_map":  # the counties in grey, with a legend that says why
        assert len(at.get("deck_gl_json_chart")) == 1
        legend = "".join(h.proto.body for h in at.get("html"))
        assert ("尚无县级数据" if lang == "zh" else "no county figures yet") in legend, legend
    else:
        assert not at.get("deck_gl_json_chart"), "no map of nothing"
    shown = _texts(at)
    assert "示例" not in shown and "sample" not in shown.lower(), shown  # no sample-data mark or note anywhere


@pytest.mark.parametrize(("lang", "word"), [("zh", "正式数据库"), ("en", "Production database")])
def test_the_sidebar_says_which_kind_of_database_is_open(nodemo: Path, lang: str, word: str) -> None:
    at = _app(lang, "overview")
    assert any(word in c.value for c in at.sidebar.caption), [c.value for c in at.sidebar.caption]


def test_a_demo_build_says_so_in_the_sidebar(db_path: Path) -> None:
    with app_database(db_path, forget=False):  # the session database: its shared handle stays open
        at = _app("zh", "overview")
    assert any("含示例数据" in c.value for c in at.sidebar.caption)
    assert database_kind(db_path) == "demo"


def test_the_final_evaluation_report_generates_on_a_production_database(nodemo: Path) -> None:
    from datetime import datetime

    from ningxia_dash.brief.evaluation_report import load_evaluation, write_docx, write_xlsx
    from ningxia_dash.store.db import get_database

    inputs = load_evaluation(get_database(nodemo, read_only=True))
    for lang in ("zh", "en"):
        assert write_docx(inputs, lang, datetime(2026, 1, 5)).startswith(b"PK")
        assert write_xlsx(inputs, lang).startswith(b"PK")


@pytest.fixture()
def one_upload(nodemo: Path, tmp_path: Path) -> Iterator[Path]:
    """The operator's path: a production build, then an officer uploads one target's provincial values."""
    import shutil

    from ningxia_dash.ingest import import_file
    from ningxia_dash.store.db import get_database
    from tests.test_ingest import OBS_HEADER, OFFICER, csv_bytes

    path = tmp_path / "uploaded.duckdb"
    shutil.copyfile(nodemo, path)
    rows = [OBS_HEADER, *[["rural_tap_water_rate", "640000", y, "", v, ""] for y, v in ((2023, 96.1), (2024, 96.7))]]
    import_file(csv_bytes(rows), "水利厅.csv", "observations", OFFICER, get_database(path))
    with app_database(path):
        yield path


@pytest.mark.parametrize(("lang", "official"), [("zh", "官方"), ("en", "Official")])
def test_an_officers_upload_shows_as_official_in_the_targets_table(one_upload: Path, lang: str, official: str) -> None:
    at = _app(lang, "targets")
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    row = table[table.apply(lambda r: "96.7" in " ".join(map(str, r.values)), axis=1)]
    assert len(row) == 1, table.head().to_string()
    assert official in " ".join(map(str, row.iloc[0].values)), row.to_string()


@pytest.mark.parametrize(("lang", "official"), [("zh", "官方"), ("en", "Official")])
def test_an_officers_upload_shows_as_official_on_the_overview(one_upload: Path, lang: str, official: str) -> None:
    at = _app(lang, "overview")
    assert not at.exception, [e.value for e in at.exception]
    table = next(frame for frame in page_tables(at) if "96.7" in frame.to_string())
    row = table[table.apply(lambda r: "96.7" in " ".join(map(str, r.values)), axis=1)]
    assert len(row) == 1, table.head().to_string()
    assert official in " ".join(map(str, row.iloc[0].values)), row.to_string()


@pytest.mark.parametrize(("lang", "official"), [("zh", "官方"), ("en", "Official")])
def test_an_officers_upload_shows_as_official_on_its_detail_page(one_upload: Path, lang: str, official: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("screens/indicator.py")
    at.query_params["indicator"] = "rural_tap_water_rate"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    header = next(m.value for m in at.main.markdown if "1-9" in m.value)
    assert f"[{official}]" in header, header
    assert any("96.7" in value for value, _ in page_stats(at).values())  # the figures above the chart
