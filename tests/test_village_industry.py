"""A village's leading industry as an officer uploads it: the template's own example is 枸杞 (free text, up to 60
characters), while the sample villages carry ids of a small vocabulary (wolfberry, tan_sheep, …). Both read as words
on the villages screen, in its filter and table, in either language; an uploaded word is shown as written."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.ingest import import_file
from ningxia_dash.ingest.validate import Scope
from ningxia_dash.places import villages
from ningxia_dash.store.db import get_database
from tests.app_db import app_database
from tests.test_ingest import csv_bytes

ROOT = Path(__file__).resolve().parent.parent


def test_known_industries_are_translated_and_uploaded_words_shown_as_written() -> None:
    assert villages.industry_text("wolfberry", "zh") == "枸杞"
    assert villages.industry_text("wolfberry", "en") == "Wolfberry"
    assert villages.industry_text("黄花菜", "zh") == "黄花菜"
    assert villages.industry_text("黄花菜", "en") == "黄花菜"
    assert villages.industry_text(None, "zh") == ""
    frame = pd.DataFrame({"leading_industry": ["黄花菜", "tan_sheep", "wolfberry", None, "黄花菜", "冷凉蔬菜"]})
    # the known ones in their usual order (wolfberry after tan_sheep in the vocabulary), then uploaded words sorted
    assert villages.industry_options(frame) == ["tan_sheep", "wolfberry", *sorted(["黄花菜", "冷凉蔬菜"])]


@pytest.fixture(scope="module")
def uploaded_industry(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    path = tmp_path_factory.mktemp("industry") / "industry.duckdb"
    shutil.copyfile(db_path, path)
    db = get_database(path)
    vid = str(db.scalar("SELECT min(id) FROM villages"))
    _, batch = import_file(
        csv_bytes([["村代码", "主导产业"], [vid, "黄花菜"]]), "v.csv", "villages", Scope("t", "admin"), db
    )
    assert batch is not None
    with app_database(path):
        yield path, vid


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_villages_screen_shows_an_uploaded_industry(uploaded_industry: tuple[Path, str], lang: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("screens/villages.py").run()
    assert not at.exception, [e.value for e in at.exception]
    industry = at.multiselect(key="_villages.industries")
    assert "黄花菜" in industry.options
    table = at.dataframe[0].value
    assert "黄花菜" in set(table.iloc[:, :].astype(str).stack())
