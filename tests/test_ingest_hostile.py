"""Hostile or broken files (the corpus's hostile_* fixtures are checked in test_ingest_corpus.py): files too big to
check in are generated here; the CLI is run under a 1.5 GB address-space limit (ingest/limits.MEMORY_BUDGET) and
must answer with a Chinese message and exit 1, never die of a signal, and leave the database untouched; the dry-run
summary counts every row, in Chinese and in English."""

from __future__ import annotations

import hashlib
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ningxia_dash.i18n import t
from ningxia_dash.ingest import ImportRejected, Scope, dry_run, import_file, limits
from ningxia_dash.ingest.messages import Issue
from ningxia_dash.store.db import Database, forget_database, get_database

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "fixtures" / "ingest"
ADMIN = Scope("tester", "admin")
HEADER = "指标代码,地区代码,年份,期别,数值,单位,备注"
GOOD = [
    "rural_tap_water_rate,640000,2024,,96.55,%,据2024年统计公报",
    "rural_tap_water_rate,640303,2024,,93.15,%,红寺堡区水务局",
]


@pytest.fixture(scope="module")
def hostile_db(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(db: Database, content: bytes, name: str) -> list[Issue]:
    """Dry run the file, try to import it, and check nothing was written; returns the errors."""
    preview = dry_run(content, name, "observations", ADMIN, db)
    assert not preview.accepted
    before = _sha(db.path)
    with pytest.raises(ImportRejected):
        import_file(content, name, "observations", ADMIN, db)
    assert _sha(db.path) == before
    return preview.errors


def test_a_million_columns_in_the_header_row(hostile_db: Database) -> None:
    content = (HEADER + ",x" * 1_000_000 + "\r\n" + "\r\n".join(GOOD) + "\r\n").encode()
    [issue] = _refused(hostile_db, content, "wide.csv")
    assert issue.message("wide.csv") == "第1行：该行有 1000007 列，超过 1000 列的上限；请删除多余的列"


def test_trailing_empty_cells_beyond_the_column_limit_are_harmless(hostile_db: Database) -> None:
    content = (HEADER + "," * 5000 + "\r\n" + "\r\n".join(GOOD) + "\r\n").encode()
    preview = dry_run(content, "commas.csv", "observations", ADMIN, hostile_db)
    assert preview.accepted, [i.message("commas.csv") for i in preview.errors]


def test_every_row_wrong_in_a_file_just_under_the_limit_stops_at_1000_errors(hostile_db: Database) -> None:
    lines, size, i = [HEADER], 0, 0
    while size < limits.MAX_BYTES - 200:
        line = f"rural_tap_watr_rate{i % 50},64039{i % 10},20{i % 90:02d},第5季度,约{i}成,万人,x"
        lines.append(line)
        size += len(line.encode()) + 2
        i += 1
    content = "\r\n".join(lines[:-1]).encode()
    assert limits.MAX_BYTES - 400 < len(content) <= limits.MAX_BYTES
    errors = _refused(hostile_db, content, "all_wrong.csv")
    assert len(errors) == limits.MAX_ERRORS + 1
    assert (
        errors[-1].message("all_wrong.csv")
        == "文件「all_wrong.csv」：已显示前1000处错误，其余略；请先改正这些错误后重新上传"
    )
    assert errors[0].row == 2 and (errors[-2].row or 0) < 1000  # the first errors, in row order


def test_a_file_over_a_million_lines_is_refused_before_it_is_read(hostile_db: Database) -> None:
    content = (HEADER + "\r\n" * (limits.MAX_ROWS + 5)).encode()
    [issue] = _refused(hostile_db, content, "lines.csv")
    assert issue.code == "file.too_many_rows" and "1,048,576" in issue.message("lines.csv")


def test_a_long_value_is_quoted_shortened_in_messages(hostile_db: Database) -> None:
    content = (HEADER + "\r\n" + GOOD[0].replace("96.55", "约" + "9" * 200) + "\r\n").encode()
    [issue] = _refused(hostile_db, content, "v.csv")
    message = issue.message("v.csv")
    assert message.startswith("第2行「数值」列：应为数字") and "…" in message and len(message) < 150


def test_summary_counts_good_rows_next_to_the_bad_one(hostile_db: Database) -> None:
    content = (
        HEADER
        + "\r\n"
        + GOOD[0]
        + "\r\n"
        + GOOD[1].replace("93.15", "120")
        + "\r\n"
        + GOOD[0].replace("2024", "2023")
        + "\r\n"
    ).encode()
    preview = dry_run(content, "one_bad.csv", "observations", ADMIN, hostile_db)
    counts = preview.counts()
    assert counts["rows"] == 3 and counts["ok"] == 2 and counts["rejected"] == 1
    assert counts["ok"] + counts["rejected"] == counts["rows"]


def test_summary_text_in_english_says_1_error_with_ascii_colons(hostile_db: Database) -> None:
    from ningxia_dash.ui import upload as up

    content = (HEADER + "\r\n" + GOOD[0].replace("96.55", "120") + "\r\n").encode()
    preview = dry_run(content, "one.csv", "observations", ADMIN, hostile_db)
    assert up.rejected_text(preview, "en").startswith("1 error found: nothing from this file")
    line = up.facts_line(preview, "en")
    assert "：" not in line and "Format: CSV" in line and "Encoding: UTF-8" in line
    assert up.facts_line(preview, "zh").startswith("格式：CSV")
    assert up.summary_keys(preview) == ("rows", "ok", "rejected")
    assert t("upload.summary.ok", "en") == "Rows without errors"


# ---------------------------------------------------------------- the CLI under the memory budget

CLI_CASES = [
    ("hostile_xfd1048576.xlsx", "工作表「数据」的已用区域为 A1:XFD1048576"),
    ("hostile_corner_cell.xlsx", "Excel 读取程序异常退出"),
    ("hostile_sheet_bomb.xlsx", "解压后为"),
    ("hostile_far_cell.xls", "Excel 读取程序异常退出"),
    ("hostile_long_field.csv", "第3行「备注」列：内容过长"),
    ("hostile_stray_quote.csv", "第3行「数值」列：英文双引号"),
]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limits.MEMORY_BUDGET, limits.MEMORY_BUDGET))


@pytest.mark.parametrize(("name", "expected"), CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_refuses_hostile_file_within_the_memory_budget(
    db_path: Path, tmp_path: Path, name: str, expected: str
) -> None:
    db = tmp_path / "cli.duckdb"
    shutil.copyfile(db_path, db)
    before = _sha(db)
    done = subprocess.run(
        [sys.executable, "-m", "ningxia_dash", "import", str(HERE / name), "--kind", "observations", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-2000:])  # a message, not a signal (-6, -9)
    assert expected in done.stderr, done.stderr[-2000:]
    assert "拒绝导入" in done.stderr and "Traceback" not in done.stderr
    assert _sha(db) == before


def test_an_excel_read_that_overruns_its_time_is_stopped(hostile_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "EXCEL_SECONDS", 0.01)  # the child cannot even start in that time
    content = (HERE / "title_rows.xlsx").read_bytes()
    [issue] = _refused(hostile_db, content, "slow.xlsx")
    assert issue.message("slow.xlsx").startswith("文件「slow.xlsx」：读取 Excel 文件超过 0.01 秒仍未完成，已停止")
