"""Backups and restore (ningxia_dash/backup.py) through the command line: a backup taken after an import restores
that exact state after a later import; a damaged backup or a file that is not a database is refused in Chinese and
nothing changes; the newest N generations are kept; `sha256sum -c` accepts the checksum files."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from ningxia_dash import accounts, backup, signin
from ningxia_dash.__main__ import main
from ningxia_dash.ingest import Scope, import_file
from ningxia_dash.store.db import Database, forget_database, get_database

ADMIN = Scope("tester", "admin")
OBS_HEADER = "指标代码,地区代码,年份,期别,数值,备注"


@pytest.fixture
def fresh(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "live" / "ningxia.duckdb"
    path.parent.mkdir()
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def every_table(db: Database) -> dict[str, pd.DataFrame]:
    names = [r[0] for r in db.rows("SELECT table_name FROM information_schema.tables ORDER BY table_name")]
    return {name: db.df(f'SELECT * FROM "{name}" ORDER BY ALL') for name in names}


def assert_same_tables(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def import_value(db: Database, value: float, name: str) -> None:
    content = f"{OBS_HEADER}\r\nrural_tap_water_rate,640000,2024,,{value},\r\n".encode()
    _, batch = import_file(content, name, "observations", ADMIN, db)
    assert batch is not None


def only_backup(out: Path) -> Path:
    (found,) = backup.generations(out)
    return found


def test_backup_then_restore_returns_the_exact_earlier_state(
    fresh: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    accounts.add_user(fresh.path, "officer7", "officer", "a long enough password 7")
    import_value(fresh, 96.1, "first.csv")
    signin.SigninLog(signin.log_path(fresh.path)).failed("officer7", "10.0.0.9", 1_000.0)
    first = every_table(fresh)
    out = tmp_path / "backups"
    assert main(["backup", "--out", str(out), "--db", str(fresh.path)]) == 0
    saved = only_backup(out)
    assert "已备份到" in capsys.readouterr().out
    assert signin.log_path(saved).exists()  # the sign-in failures travel with the backup

    import_value(fresh, 97.3, "second.csv")
    accounts.add_user(fresh.path, "late", "viewer", "another long password 8")
    second = every_table(fresh)
    assert len(second["import_batches"]) == len(first["import_batches"]) + 1

    assert main(["restore", str(saved), "--db", str(fresh.path)]) == 0
    assert "已从" in capsys.readouterr().out
    assert_same_tables(first, every_table(fresh))  # the open read-only handle sees the restored file
    assert fresh.path.read_bytes() == saved.read_bytes()
    assert accounts.get_user(fresh, "late") is None and accounts.get_user(fresh, "officer7") is not None
    assert not list(fresh.path.parent.glob("*.tmp-*"))


@pytest.mark.parametrize("damage", ["flipped byte", "not a database", "no checksum"])
def test_a_damaged_backup_is_refused_in_chinese_and_nothing_changes(
    fresh: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    out = tmp_path / "backups"
    assert main(["backup", "--out", str(out), "--db", str(fresh.path)]) == 0
    saved = only_backup(out)
    import_value(fresh, 97.3, "after.csv")  # the live database now differs from the backup
    before_bytes = fresh.path.read_bytes()
    capsys.readouterr()
    if damage == "flipped byte":
        raw = bytearray(saved.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        saved.write_bytes(bytes(raw))
        expected = "sha256 校验值"
    elif damage == "not a database":
        saved.write_text("指标代码,数值\nx,1\n" * 200, encoding="utf-8")
        backup.checksum_path(saved).write_text(f"{backup.sha256_of(saved)}  {saved.name}\n", encoding="utf-8")
        expected = "不是 DuckDB 数据库文件"
    else:
        backup.checksum_path(saved).unlink()
        expected = "找不到备份"
    assert main(["restore", str(saved), "--db", str(fresh.path)]) == 5
    err = capsys.readouterr().err
    assert "拒绝恢复" in err and expected in err and saved.name in err
    assert fresh.path.read_bytes() == before_bytes
    assert not list(fresh.path.parent.glob("*.tmp-*"))


def test_a_duckdb_file_of_another_application_is_refused(fresh: Database, tmp_path: Path) -> None:
    import duckdb  # the test makes a foreign database; the package itself connects only in db.py

    other = tmp_path / "ningxia-20250101-010101.duckdb"
    conn = duckdb.connect(str(other))
    conn.execute("CREATE TABLE users (name VARCHAR)")
    conn.close()
    backup.checksum_path(other).write_text(f"{backup.sha256_of(other)}  {other.name}\n", encoding="utf-8")
    before = fresh.path.read_bytes()
    with pytest.raises(backup.RestoreRefused, match=r"缺少本系统的数据表.*import_batches"):
        backup.restore(other, fresh.path)
    assert fresh.path.read_bytes() == before


def test_only_the_newest_generations_are_kept(fresh: Database, tmp_path: Path) -> None:
    out = tmp_path / "backups"
    signin.SigninLog(signin.log_path(fresh.path)).failed("x", None, 1_000.0)
    made = [backup.backup(fresh.path, out, keep=2, now=datetime(2025, 3, day, 2, 0, 0)).path for day in (1, 2, 3, 4)]
    same_second = backup.backup(fresh.path, out, keep=3, now=datetime(2025, 3, 4, 2, 0, 0)).path
    assert same_second.name == "ningxia-20250304-020000-1.duckdb"
    kept = backup.generations(out)
    assert kept == [made[2], made[3], same_second]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        n for p in kept for n in (p.name, f"{p.name}.sha256", f"{p.name}.signin.json")
    )


@pytest.mark.skipif(shutil.which("sha256sum") is None, reason="coreutils sha256sum absent")
def test_sha256sum_accepts_the_checksum_file(fresh: Database, tmp_path: Path) -> None:
    info = backup.backup(fresh.path, tmp_path)
    done = subprocess.run(
        ["sha256sum", "-c", backup.checksum_path(info.path).name], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
