"""The awkward-file corpus (tests/fixtures/ingest/manifest.json): each file's expected outcome, row-numbered
errors, detected encoding; after every rejected file the database file is byte-for-byte unchanged; the 10 MB
file and the over-limit file are generated here."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ningxia_dash.ingest import ImportRejected, Scope, dry_run, import_file
from ningxia_dash.ingest.decode import MAX_BYTES
from ningxia_dash.store.db import Database, forget_database, get_database

HERE = Path(__file__).resolve().parent / "fixtures" / "ingest"
MANIFEST = json.loads((HERE / "manifest.json").read_text(encoding="utf-8"))
ADMIN = Scope("tester", "admin")


@pytest.fixture(scope="module")
def corpus_db(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def test_the_corpus_is_large_and_varied() -> None:
    assert len(MANIFEST) >= 25
    outcomes = {e["outcome"] for e in MANIFEST}
    assert outcomes == {"accepted", "rejected"}
    files = {e["file"] for e in MANIFEST}
    assert all((HERE / f).exists() for f in files)
    suffixes = {Path(f).suffix for f in files}
    assert {".csv", ".xlsx", ".xls", ".txt"} <= suffixes


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_fixture_outcome(corpus_db: Database, entry: dict[str, object]) -> None:
    name = str(entry["file"])
    content = (HERE / name).read_bytes()
    preview = dry_run(content, name, str(entry["kind"]), ADMIN, corpus_db)
    found = [(i.row, i.code, i.message(name)) for i in preview.issues]
    if entry["outcome"] == "accepted":
        assert preview.accepted, found
        for key in ("new", "changed", "unchanged"):
            if key in entry:
                assert preview.counts()[key] == entry[key], (key, preview.counts())
        for attr in ("encoding", "delimiter", "sheet", "header_row"):
            if attr in entry:
                assert getattr(preview, attr) == entry[attr]
        for code in entry.get("warnings", []):  # type: ignore[attr-defined]
            assert any(i.code == code for i in preview.warnings), found
        return
    assert not preview.accepted
    for expected in entry["errors"]:  # type: ignore[attr-defined]
        matches = [
            i
            for i in preview.errors
            if i.code == expected["code"]
            and i.row == expected.get("row", i.row)
            and i.column == expected.get("column", i.column)
        ]
        assert matches, (expected, found)
        issue = matches[0]
        if "message" in expected:
            assert issue.message(name) == expected["message"]
        if "contains" in expected:
            assert expected["contains"] in issue.message(name), issue.message(name)
    # All-or-nothing: trying to import a rejected file leaves the database file exactly as it was.
    before = _sha(corpus_db.path)
    with pytest.raises(ImportRejected):
        import_file(content, name, str(entry["kind"]), ADMIN, corpus_db)
    assert _sha(corpus_db.path) == before


@pytest.mark.parametrize("entry", [e for e in MANIFEST if e["outcome"] == "accepted"], ids=lambda e: e["file"])
def test_accepted_fixture_commits_and_rolls_back(db_path: Path, tmp_path: Path, entry: dict[str, object]) -> None:
    """Every accepted file commits, re-imports as a no-op and rolls back to the exact previous database content."""
    path = tmp_path / "c.duckdb"
    shutil.copyfile(db_path, path)
    db = get_database(path, read_only=True)
    try:
        tables = ("observations", "indicator_notes", "villages", "village_metrics", "parks", "park_metrics")
        snapshot = {t: db.df(f"SELECT * FROM {t} ORDER BY ALL") for t in tables}
        content = (HERE / str(entry["file"])).read_bytes()
        _, batch = import_file(content, str(entry["file"]), str(entry["kind"]), ADMIN, db)
        assert batch is not None
        again, none = import_file(content, str(entry["file"]), str(entry["kind"]), ADMIN, db)
        assert none is None and again.changes == 0
        from ningxia_dash.ingest import rollback

        rollback(batch.id, "tester", path)
        for t in tables:
            assert db.df(f"SELECT * FROM {t} ORDER BY ALL").equals(snapshot[t]), t
    finally:
        forget_database(path)


def _ten_megabytes(db: Database) -> bytes:
    """Just over 10 MB of valid monthly values (GBK): percentage targets × every region × months 2021–2025."""
    ids = [
        r[0]
        for r in db.rows(
            "SELECT id FROM indicators WHERE unit = '%' AND rule_kind NOT IN ('above_reference') ORDER BY id"
        )
    ]
    regions = [r[0] for r in db.rows("SELECT code FROM regions ORDER BY code")]
    pad = "月度快报，口径与年报一致。" * 6
    lines = ["指标代码,地区代码,年份,期别,数值,备注"]
    size, target = 0, 10 * 1024 * 1024 + 1
    for ind in ids:
        for reg in regions:
            for year in range(2021, 2026):
                for month in range(1, 13):
                    line = f"{ind},{reg},{year},{month}月,{50 + (month * 37 + year) % 50}.{month},{pad}"
                    lines.append(line)
                    size += len(line.encode("gbk")) + 2
                    if size >= target:
                        return "\r\n".join(lines).encode("gbk")
    raise AssertionError("not enough distinct rows for 10 MB")


def test_ten_megabyte_gbk_file_is_read(corpus_db: Database) -> None:
    content = _ten_megabytes(corpus_db)
    assert 10 * 1024 * 1024 <= len(content) <= MAX_BYTES
    preview = dry_run(content, "big.csv", "observations", ADMIN, corpus_db)
    assert preview.accepted, [i.message("big.csv") for i in preview.errors[:5]]
    assert preview.encoding == "GBK" and preview.counts()["new"] == preview.rows > 5000


def test_file_over_the_limit_is_refused_with_its_size(corpus_db: Database) -> None:
    content = b"a,b\r\n" * (MAX_BYTES // 5 + 10)
    preview = dry_run(content, "huge.csv", "observations", ADMIN, corpus_db)
    [issue] = preview.errors
    assert issue.code == "file.too_large"
    assert "20.0 MB" in issue.message("huge.csv")
