"""Pure helpers behind the screens: periods, filters, highlighting, safe downloads (the maps: test_maps.py)."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest

from ningxia_dash import labels, views
from ningxia_dash.export import neutralise, to_csv_bytes, to_xlsx_bytes
from ningxia_dash.store.db import Database
from ningxia_dash.store.queries import indicators_with_latest


def test_period_elapsed() -> None:
    assert views.period_elapsed(2021, 2025, date(2020, 6, 1)) == 0
    assert views.period_elapsed(2021, 2025, date(2023, 7, 2)) == pytest.approx(0.5, abs=0.01)
    assert views.period_elapsed(2021, 2025, date(2026, 11, 29)) == 1


def test_highlight_marks_sentences_and_escapes() -> None:
    md = views.highlight("推进“互联网+教育”。到2025年,农村自来水普及率达到98%。", ["农村自来水普及率达到98%"])
    assert ":orange-background[**农村自来水普及率达到98\\%**]" in md  # every ASCII punctuation mark escaped
    assert "互联网\\+教育" in md
    assert views.highlight("abc", ["zzz"]) == "abc"


def test_filters(db: Database) -> None:
    df = indicators_with_latest(db, "nx-14-rr", "640000")
    assert len(views.filter_targets(df, [], [], [], False, "")) == len(df)
    binding = views.filter_targets(df, [], [], ["binding"], False, "")
    assert 0 < len(binding) < len(df) and (binding["attribute"] == "binding").all()
    water = views.filter_targets(df, [], [], [], False, "自来水")
    assert "rural_tap_water_rate" in set(water["id"])
    assert len(views.filter_targets(df, [8], [], [], True, "")) == 0  # headline rows sit in chapter 2


def test_targets_table_labels_provenance(db: Database) -> None:
    df = indicators_with_latest(db, "nx-14-rr", "640000")
    zh, en = views.targets_table(df, "zh"), views.targets_table(df, "en")
    assert set(zh["来源"]) <= {"官方", "公开", "示例", "—"}
    assert set(en["Source"]) <= {"Official", "Public", "Sample", "—"}
    assert len(zh) == len(df)


def test_neutralise_formulas() -> None:
    assert neutralise("=1+1") == "'=1+1" and neutralise("@SUM(A1)") == "'@SUM(A1)" and neutralise("-3") == "'-3"
    assert neutralise("正常") == "正常" and neutralise(3) == 3


def test_downloads_open_in_excel() -> None:
    df = pd.DataFrame({"指标": ["农村自来水普及率", '=HYPERLINK("x")'], "数值": [98.0, 1.0]})
    csv = to_csv_bytes(df)
    assert csv.startswith(b"\xef\xbb\xbf")
    assert "农村自来水普及率" in csv.decode("utf-8-sig")
    back = pd.read_excel(io.BytesIO(to_xlsx_bytes(df)), engine="openpyxl")
    assert back.iloc[1, 0].startswith("'=")


@pytest.mark.parametrize(
    ("clause", "en"),
    [("专栏1-9", "Box 1-9"), ("第八章第六节", "Ch. 8 §6"), ("第四章", "Ch. 4"), ("第十章第二节", "Ch. 10 §2")],
)
def test_clause_labels_in_english(clause: str, en: str) -> None:
    assert labels.clause_label(clause, "en") == en
    assert labels.clause_label(clause, "zh") == clause
