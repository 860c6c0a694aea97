"""Downloads are formula-safe: every cell of every CSV and xlsx the app hands out, headers included, that starts
with = + - @ TAB or CR is neutralised (OWASP CSV injection); real numbers stay numbers."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ningxia_dash.export import to_csv_bytes, to_xlsx_bytes
from ningxia_dash.ingest import report, templates
from ningxia_dash.ingest.refs import load_refs
from ningxia_dash.places import key_counties
from ningxia_dash.store.db import Database

ROOT = Path(__file__).resolve().parent.parent
LINK = '=HYPERLINK("http://evil.example","x")'
SUM = "@SUM(1)"
DANGER = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_csv_safe(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    bad = [c for row in rows for c in row if c.startswith(DANGER) and not _is_number(c)]
    assert not bad, bad
    return rows


def assert_xlsx_safe(data: bytes) -> list[list[object]]:
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    bad = [c.value for c in cells if isinstance(c.value, str) and c.value.startswith(DANGER)]
    assert not bad, bad
    return [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]


def assert_both_safe(df: pd.DataFrame) -> tuple[list[list[str]], list[list[object]]]:
    return assert_csv_safe(to_csv_bytes(df)), assert_xlsx_safe(to_xlsx_bytes(df))


def test_export_neutralises_headers_and_text_cells_but_not_numbers() -> None:
    df = pd.DataFrame(
        {LINK: [LINK, "+1", "ok"], SUM: [SUM, "-2 人", "\tx"], "n": [-3.5, 2.0, 0.0], "s": ["\rx", "=1", None]}
    )
    rows, cells = assert_both_safe(df)
    assert rows[0][:2] == ["'" + LINK, "'" + SUM] and rows[1][:2] == ["'" + LINK, "'" + SUM]
    assert rows[1][2] == "-3.5"  # a real negative number is left alone
    assert cells[0][:2] == ["'" + LINK, "'" + SUM] and cells[1][2] == -3.5


def test_key_counties_scorecard_download(db: Database) -> None:
    """Indicator names are the scorecard table's column headers."""
    indicators = pd.DataFrame({"id": ["a", "b"], "name_zh": [LINK, SUM], "name_en": [LINK, SUM]})
    score = pd.DataFrame(
        {
            "code": ["640324", "640324"],
            "county": ["-同心", "-同心"],
            "level": ["national", "national"],
            "indicator_id": ["a", "b"],
            "status": ["on_track", "lagging"],
            "value_text": ["-1.5%", "=2"],
            "link": ["x", "y"],
            "demo": [True, False],
        }
    )
    table = key_counties.scorecard_table(score, indicators, "zh")
    assert LINK in table.columns  # the hostile name really is a header
    rows, cells = assert_both_safe(table)
    assert "'" + LINK in rows[0] and "'" + SUM in cells[0]


def test_import_history_and_error_table_downloads() -> None:
    batches = pd.DataFrame(
        {
            "id": [1],
            "created_at": [pd.Timestamp("2026-03-01 10:00")],
            "kind": ["indicator_notes"],
            "file_name": [LINK + ".csv"],
            "username": [SUM],
            "rows_new": [1],
            "rows_changed": [0],
            "rows_unchanged": [0],
            "encoding": ["-utf8"],
            "status": ["rolled_back"],
            "rolled_back_at": [pd.Timestamp("2026-03-02 10:00")],
            "rolled_back_by": ["=admin"],
            "sha256": ["=" * 64],
        }
    )
    assert_both_safe(report.batches_table(batches, "zh"))
    assert_both_safe(report.error_table([], LINK + ".csv", "en"))


def test_templates_are_formula_safe(db: Database) -> None:
    refs = load_refs(db)
    first = next(iter(refs.indicators))
    refs.indicators[first]["name_zh"] = LINK
    village = next(iter(refs.villages))
    refs.villages[village]["name_zh"] = SUM
    for kind in ("observations", "indicator_notes", "villages", "village_metrics", "targets", "plans"):
        cells = assert_xlsx_safe(templates.template_xlsx(kind, refs))
        assert_csv_safe(templates.template_csv(kind))
        if kind in ("observations", "villages"):
            assert any(v in ("'" + LINK, "'" + SUM) for row in cells for v in row), kind


def test_every_download_goes_through_export() -> None:
    """CSV/xlsx are only written by ningxia_dash/export.py (and the templates, which use its neutralise_row):
    the screens download through chrome.download_buttons, which calls to_csv_bytes / to_xlsx_bytes."""
    writers = re.compile(r"\.to_csv\(|\.to_excel\(|ExcelWriter\(|csv\.writer\(|Workbook\(\)")
    allowed = {"ningxia_dash/export.py", "ningxia_dash/ingest/templates.py"}
    found = set()
    for path in [*ROOT.glob("ningxia_dash/**/*.py"), *ROOT.glob("screens/*.py"), ROOT / "app.py"]:
        rel = path.relative_to(ROOT).as_posix()
        if writers.search(path.read_text(encoding="utf-8")):
            found.add(rel)
    assert found <= allowed, found - allowed
    buttons = {
        p.relative_to(ROOT).as_posix()
        for p in [*ROOT.glob("ningxia_dash/**/*.py"), *ROOT.glob("screens/*.py")]
        if "download_button(" in p.read_text(encoding="utf-8")
    }
    # chrome: the tables; brief_button: the PDF/PPTX brief; report_button: the Word report (no formulas in Word);
    # upload: the templates (ingest.templates)
    allowed_buttons = {
        "ningxia_dash/ui/chrome.py",
        "ningxia_dash/ui/brief_button.py",
        "ningxia_dash/ui/report_button.py",
    }
    assert buttons <= {*allowed_buttons, "screens/upload.py"}, buttons


@pytest.mark.parametrize("value", ["=1+1", "+1", "-x", "@A1", "\tx", "\rx"])
def test_each_dangerous_start(value: str) -> None:
    assert_both_safe(pd.DataFrame({value: [value]}))
