"""Plan years through the import pipeline: a start after the end is refused even when only the start changes, and a
plan that already has actual values cannot be moved to other years (its targets' data would fall outside)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from ningxia_dash.ingest import ImportRejected, Scope, dry_run, import_file
from ningxia_dash.store.db import Database, forget_database, get_database

ADMIN = Scope("tester", "admin")
NEW_PLAN = [
    ["规划代码", "规划名称", "简称", "起始年", "截止年", "基期年"],
    ["nx-15-rr", "宁夏“十五五”乡村振兴规划", "十五五规划", 2026, 2030, 2025],
]


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "plans.duckdb"
    shutil.copyfile(db_path, path)
    database = get_database(path, read_only=True)
    import_file(_csv(NEW_PLAN), "new.csv", "plans", ADMIN, database)  # a plan without actual values
    yield database
    forget_database(path)


def _csv(rows: Sequence[Any]) -> bytes:
    return "\r\n".join(",".join(str(c) for c in r) for r in rows).encode()


def _errors(rows: Sequence[Any], db: Database) -> list[str]:
    return [i.message("p.csv") for i in dry_run(_csv(rows), "p.csv", "plans", ADMIN, db).errors]


def test_start_after_the_stored_end_is_refused_when_only_the_start_changes(db: Database) -> None:
    assert _errors([["规划代码", "起始年"], ["nx-15-rr", 2031]], db) == [
        "第2行「起始年」列：起始年应不晚于截止年（2030），实际为2031"
    ]
    with pytest.raises(ImportRejected):
        import_file(_csv([["规划代码", "起始年"], ["nx-15-rr", 2031]]), "p.csv", "plans", ADMIN, db)
    assert db.scalar("SELECT period_start FROM plans WHERE id = 'nx-15-rr'") == 2026


def test_start_not_after_the_stored_baseline_is_refused(db: Database) -> None:
    assert _errors([["规划代码", "起始年"], ["nx-15-rr", 2024]], db) == [
        "第2行「起始年」列：起始年应晚于基期年（2025），实际为2024"
    ]


def test_end_before_the_stored_start_is_refused(db: Database) -> None:
    assert _errors([["规划代码", "截止年"], ["nx-15-rr", 2025]], db) == [
        "第2行「截止年」列：截止年应不早于起始年（2026），实际为2025"
    ]


def test_a_plan_without_data_may_change_its_years(db: Database) -> None:
    preview, _ = import_file(_csv([["规划代码", "截止年"], ["nx-15-rr", 2031]]), "p.csv", "plans", ADMIN, db)
    assert preview.errors == []
    assert db.scalar("SELECT period_end FROM plans WHERE id = 'nx-15-rr'") == 2031


@pytest.mark.parametrize(("column", "value"), [("起始年", 2022), ("截止年", 2026), ("基期年", 2019)])
def test_a_plan_with_data_cannot_move_to_other_years(db: Database, column: str, value: int) -> None:
    [message] = _errors([["规划代码", column], ["nx-14-rr", value]], db)
    assert message.startswith(f"第2行「{column}」列：规划“")
    assert "已有实际值" in message
    with pytest.raises(ImportRejected):
        import_file(_csv([["规划代码", column], ["nx-14-rr", value]]), "p.csv", "plans", ADMIN, db)


def test_a_plan_with_data_keeps_its_years_and_may_change_other_columns(db: Database) -> None:
    same = [["规划代码", "起始年", "截止年", "基期年", "文号"], ["nx-14-rr", 2021, 2025, 2020, "宁政办发〔2021〕93号"]]
    assert _errors(same, db) == []
