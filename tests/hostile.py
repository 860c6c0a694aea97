"""A database whose user-controllable text is hostile: names, document number, notes, a file name and a user name
written as Markdown, HTML and math. Used by the tests that check such text is shown literally everywhere."""

from __future__ import annotations

from pathlib import Path

from ningxia_dash import ingest
from ningxia_dash.store.build import build_database
from ningxia_dash.store.db import forget_database, get_database, writable_copy

IMG_MD = "![x](http://evil.example/p.png)"
IMG_HTML = "<img src=http://evil.example/x.png>"
PIECES = (IMG_MD, IMG_HTML, "**bold**", "[link](http://evil.example)", "<script>alert(1)</script>", "$x^2$")
HOSTILE = " ".join(PIECES)
# A file name keeps only its last path component (no '/'), so its hostile parts use relative addresses.
FILE_PIECES = ("![f](p.png)", "<img src=f.png>", "**bold**", "$x^2$")
FILE_NAME = " ".join(FILE_PIECES) + ".csv"
USER = "**bob** <img src=u.png>"
COUNTY = "640324"  # 同心县


def build_hostile_database(path: Path) -> dict[str, str]:
    """Build from the seeds, then make the text hostile: every village and park name, one county's names, the
    first headline indicator's name and note, the plan's title and document number (written directly), and an
    indicator note imported through the real upload pipeline from a file with a hostile name. Returns the ids."""
    build_database(path)
    with writable_copy(path) as conn:
        row = conn.execute("SELECT id FROM indicators WHERE is_headline ORDER BY seq LIMIT 1").fetchone()
        assert row is not None
        indicator = str(row[0])
        conn.execute(
            "UPDATE villages SET name_zh = '村' || ? || ' ' || id, name_en = 'V ' || ? || ' ' || id", [HOSTILE, HOSTILE]
        )
        conn.execute(
            "UPDATE parks SET name_zh = '园' || ? || ' ' || id, name_en = 'P ' || ? || ' ' || id", [HOSTILE, HOSTILE]
        )
        conn.execute(
            "UPDATE regions SET name_zh = ?, name_en = ?, short_zh = ?, short_en = ? WHERE code = ?",
            ["县" + HOSTILE, "C " + HOSTILE, "县" + HOSTILE, "C " + HOSTILE, COUNTY],
        )
        conn.execute(
            "UPDATE indicators SET name_zh = ?, name_en = ?, note = ? WHERE id = ?",
            ["指标" + HOSTILE, "Target " + HOSTILE, "备注" + HOSTILE, indicator],
        )
        conn.execute(
            "UPDATE plans SET title_zh = ?, title_en = ?, short_zh = ?, short_en = ?, doc_number = ?",
            ["规划" + HOSTILE, "Plan " + HOSTILE, "简称" + HOSTILE, "Short " + HOSTILE, "文号" + HOSTILE],
        )
    db = get_database(path, read_only=True)
    csv = f"indicator_id,year,text_zh,text_en\n{indicator},2023,说明{HOSTILE},Note {HOSTILE}\n".encode()
    _, batch = ingest.import_file(csv, FILE_NAME, "indicator_notes", ingest.Scope(USER, "admin", None, None), db)
    assert batch is not None
    forget_database(path)
    return {"indicator": indicator, "county": COUNTY}
