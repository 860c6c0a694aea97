"""Provenance on every number and verdict: what rests on sample data says so where it stands,
and the marks are read from the data's source kinds at run time. An officer's official upload of one target's
provincial values makes every mark of that target go — overview alert card, status-tile count, headline and
all-targets tables, slides, the brief and the Word report — while the others stay."""

from __future__ import annotations

import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.i18n import Lang, t
from ningxia_dash.store.db import forget_database, get_database
from tests.html_tables import page_tables

ROOT = Path(__file__).resolve().parent.parent
IND = "low_income_medical_insurance_rate"  # binding, headline, absolute (no reference series), in the alerts
# the sample data's own values, uploaded as official: the verdict stays, only its provenance changes
VALUES = {2021: 100, 2022: 100, 2023: 98.5, 2024: 100, 2025: 100}
MARK = {"zh": "（示例）", "en": " (sample)"}


@pytest.fixture(scope="module")
def official(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the demo database after an officer uploaded IND's provincial values for every plan year."""
    from ningxia_dash.ingest import import_file
    from tests.test_ingest import OBS_HEADER, OFFICER, csv_bytes

    path = tmp_path_factory.mktemp("prov") / "official.duckdb"
    shutil.copyfile(db_path, path)
    rows = [OBS_HEADER, *[[IND, "640000", y, "", v, ""] for y, v in VALUES.items()]]
    import_file(csv_bytes(rows), "卫健委.csv", "observations", OFFICER, get_database(path))
    forget_database(path)
    yield path
    forget_database(path)


@pytest.fixture()
def use_db(db_path: Path) -> Iterator[Callable[[Path], None]]:
    """Point the app at a database for one step of a test (AppTest reads NINGXIA_DB on every run)."""
    previous = os.environ["NINGXIA_DB"]

    def use(path: Path) -> None:
        os.environ["NINGXIA_DB"] = str(path)

    yield use
    os.environ["NINGXIA_DB"] = previous


def _name(lang: Lang) -> str:
    column = "name_zh" if lang == "zh" else "name_en"
    db = get_database(Path(os.environ["NINGXIA_DB"]), read_only=True)
    return str(db.scalar(f"SELECT {column} FROM indicators WHERE id = '{IND}'"))


def _app(lang: Lang, page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params.update({"lang": lang, **query})
    at.run()
    if page:
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _overview(lang: Lang) -> dict[str, Any]:
    """What a reader sees on the overview: the status of every headline target, the alert cards, the line under
    the status tiles and each tile's 其中N项依据示例数据."""
    at = _app(lang)
    (table,) = page_tables(at)  # the overview's headline table is static HTML
    statuses = dict(zip(table[t("col.indicator", lang)], table[t("col.status", lang)], strict=True))
    alerts = [m.value for m in at.markdown if "-badge[" in m.value]
    total_line = [c.value for c in at.caption if "sample data (marked" in c.value or "项的判断依据示例数据" in c.value]
    cards = "".join(h.proto.body for h in at.get("html") if "nx-card" in h.proto.body)
    of = re.escape(t("prov.demo_of", lang, n=999)).replace("999", r"(\d+)")
    per_tile = [int(n) for n in re.findall(of, cards)]
    return {"statuses": statuses, "alerts": alerts, "total": total_line, "per_tile": per_tile}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_official_upload_removes_the_marks_of_that_target_on_the_overview(
    db_path: Path, official: Path, use_db: Callable[[Path], None], lang: Lang
) -> None:
    use_db(db_path)
    name = _name(lang)
    before = _overview(lang)
    use_db(official)
    after = _overview(lang)
    mark = MARK[lang]
    # the headline table: that target's status loses its mark, every other row keeps what it had
    assert before["statuses"][name].endswith(mark) and not after["statuses"][name].endswith(mark)
    assert after["statuses"][name] == before["statuses"][name].removesuffix(mark)
    others = {k: v for k, v in before["statuses"].items() if k != name}
    assert others and {k: after["statuses"][k] for k in others} == others
    assert any(v.endswith(mark) for v in others.values()), "the others still rest on sample data"
    # the alert card of that binding target: no mark; the other cards keep theirs
    card = [a for a in after["alerts"] if name.replace("-", "\\-") in a or name in a]
    assert len(card) == 1 and mark.strip() not in card[0], card
    assert any(mark.strip() in a for a in before["alerts"] if name in a or name.replace("-", "\\-") in a)
    assert [a for a in after["alerts"] if a not in card] == [a for a in before["alerts"] if name not in a
                                                             and name.replace("-", "\\-") not in a]  # fmt: skip
    # the tiles: one fewer target rests on sample data, in total and on exactly one tile
    n_before = [int(n) for n in re.findall(r"\d+", before["total"][0])]
    n_after = [int(n) for n in re.findall(r"\d+", after["total"][0])]
    demo_index = 1 if lang == "zh" else 0  # "93项中有N项…" / "N of 93 rest on…"
    assert n_after[demo_index] == n_before[demo_index] - 1
    assert sum(before["per_tile"]) - sum(after["per_tile"]) == 1


def test_the_all_targets_table_and_the_evaluation_table_lose_the_mark(
    db_path: Path, official: Path, use_db: Callable[[Path], None]
) -> None:
    name, mark = _name("zh"), MARK["zh"]
    for page, column in (("targets", t("col.status", "zh")), ("evaluation", t("evaluation.col.verdict", "zh"))):
        shown = {}
        for db in (db_path, official):
            use_db(db)
            table = _app("zh", page).dataframe[0].value
            shown[db] = dict(zip(table[t("col.indicator", "zh")], table[column], strict=True))
        assert shown[db_path][name].endswith(mark) and not shown[official][name].endswith(mark), page
        changed = [k for k in shown[db_path] if shown[db_path][k] != shown[official][k]]
        assert changed == [name], (page, changed)


def test_the_slides_lose_the_mark_of_that_target(db_path: Path, official: Path, use_db: Callable[[Path], None]) -> None:
    from ningxia_dash.present import slides

    name, mark = _name("zh"), MARK["zh"]
    alerts_slide = str(slides.DEFAULT_DECK.index("alerts") + 1)
    status_slide = str(slides.DEFAULT_DECK.index("status") + 1)
    seen = {}
    for db in (db_path, official):
        use_db(db)
        at = _app("zh", "present", present="1", slide=alerts_slide)
        cards = [m.value for m in at.markdown if name in m.value]
        at = _app("zh", "present", present="1", slide=status_slide)
        tiles = "".join(m.value for m in at.markdown)
        seen[db] = (cards, sum(int(n) for n in re.findall(r"其中(\d+)项依据示例数据", tiles)))
    assert len(seen[db_path][0]) == 1 and mark in seen[db_path][0][0]
    assert len(seen[official][0]) == 1 and mark not in seen[official][0][0]
    assert seen[official][1] == seen[db_path][1] - 1


def test_the_brief_and_the_word_report_lose_the_mark_of_that_target(db_path: Path, official: Path) -> None:
    from docx import Document

    from ningxia_dash.brief import brief_content
    from ningxia_dash.brief.evaluation_report import load_evaluation, write_docx

    name, mark = _name("zh"), MARK["zh"]
    rows, briefs = {}, {}
    for path in (db_path, official):
        db = get_database(path, read_only=True)
        doc = Document(io.BytesIO(write_docx(load_evaluation(db), "zh", datetime(2026, 12, 3, 9, 0))))
        rows[path] = {r.cells[0].text: r.cells[4].text for tb in doc.tables for r in tb.rows[1:]}
        brief = brief_content(db, None, 2025, "zh")
        briefs[path] = ({r.name: r.status_text for r in brief.table}, {a.name: a.status_text for a in brief.alerts})
    assert rows[db_path][name].endswith(mark) and not rows[official][name].endswith(mark)
    assert [k for k in rows[db_path] if rows[db_path][k] != rows[official][k]] == [name]
    for before, after in zip(briefs[db_path], briefs[official], strict=True):
        assert before[name].endswith(mark) and not after[name].endswith(mark)
        assert [k for k in before if before[k] != after[k]] == [name]


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_overview_in_chromium_marks_sample_verdicts_and_not_the_official_one(
    official: Path, artifacts: Path, lang: Lang
) -> None:
    """At 1366×768 a reader sees whether the binding target's verdict rests on sample data (not the one just
    uploaded) and, under the status tiles, how many still do."""
    from ningxia_dash.brief.evaluation_report import load_evaluation
    from ningxia_dash.tracking import evaluation
    from tests.browser import browser_page, streamlit_server, wait_rendered

    os.environ["NINGXIA_DB"], previous = str(official), os.environ["NINGXIA_DB"]
    try:
        name = _name(lang)
        rows = load_evaluation(get_database(official, read_only=True)).rows
    finally:
        os.environ["NINGXIA_DB"] = previous
    line = t("prov.demo_total", lang, n=evaluation.demo_count(rows), total=len(rows))
    with streamlit_server(official) as url, browser_page(1366, 768) as (pg, outbound):
        page: Any = pg  # playwright's Page, typed loosely as tests/browser.py does
        page.goto(f"{url}/?lang={lang}")
        wait_rendered(page)
        page.get_by_text(name).first.wait_for(timeout=30_000)
        card = page.locator('[data-testid="stMarkdownContainer"]', has_text=name).first.inner_text()
        assert MARK[lang].strip() not in card, card
        page.get_by_text(line).first.wait_for(timeout=10_000)
        tiles = page.locator(".nx-cards").first.inner_text()
        assert t("prov.demo_of", lang, n=1)[-6:] in tiles, tiles  # the tiles say how many rest on sample data
        page.screenshot(path=str(artifacts / f"provenance-overview-{lang}-1366.png"))
        assert outbound.urls == []
