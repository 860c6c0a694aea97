"""A next plan's targets that continue an indicator of the previous plan (接续指标, ingest/continuity.py): the
fixture (tests/fixtures/next_plan/, invented, not the 十五五 plan) imports; a different unit or direction, a loop,
the same plan or an unknown indicator is refused with the row, the column and what differs in Chinese; a changed
attribute is a warning."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from ningxia_dash.ingest import Scope, dry_run, import_file
from ningxia_dash.store.db import Database, forget_database, get_database

ADMIN = Scope("tester", "admin")
FIXTURE = Path(__file__).parent / "fixtures" / "next_plan"
HEADER = "指标代码,规划代码,指标名称,条款,章,单位,目标值,目标年,目标类型,属性,规划原文,接续指标"


def load_next_plan(db: Database) -> None:
    """The fixture's plan, targets and one value, through the same imports an admin uses."""
    for name, kind in (("plans.csv", "plans"), ("targets.csv", "targets"), ("observations.csv", "observations")):
        import_file((FIXTURE / name).read_bytes(), name, kind, ADMIN, db)


@pytest.fixture
def db(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "next.duckdb"
    shutil.copyfile(db_path, path)
    database = get_database(path, read_only=True)
    load_next_plan(database)
    yield database
    forget_database(path)


def _check(row: str, db: Database) -> tuple[list[str], list[str]]:
    body = f"{HEADER}\r\n{row}".encode()
    result = dry_run(body, "t.csv", "targets", ADMIN, db)
    return [i.message("t.csv") for i in result.errors], [i.message("t.csv") for i in result.warnings]


def test_the_fixture_imports_with_its_links(db: Database) -> None:
    links = dict(db.rows("SELECT id, carries_over_from FROM indicators WHERE plan_id = 'fx-next-rr'"))
    assert links == {
        "fx_tap_water": "rural_tap_water_rate",
        "fx_retention": "compulsory_education_retention_rate",
        "fx_disease_types": "major_disease_special_treatment_types",
        "fx_sewage": "rural_sewage_treatment_rate",
        "fx_digital_villages": None,
    }


def test_a_different_unit_is_refused_naming_row_column_and_units(db: Database) -> None:
    errors, _ = _check(
        "fx_x,fx-next-rr,农村自来水普及户数,专栏1-9,2,万户,9,2030,≥,预期性,句子,rural_tap_water_rate", db
    )
    assert errors == [
        "第2行「接续指标」列：接续指标“rural_tap_water_rate”（农村自来水普及率）与本行含义不同，不能接续："
        "单位为“%”，本行为“万户”"
    ], errors


def test_a_different_direction_is_refused(db: Database) -> None:
    errors, _ = _check("fx_x,fx-next-rr,自来水,专栏1-9,2,%,90,2030,≤ 不超过,预期性,句子,rural_tap_water_rate", db)
    assert (
        len(errors) == 1 and "目标方向为提高，本行为降低" in errors[0] and errors[0].startswith("第2行「接续指标」列")
    )


def test_unit_and_direction_both_named(db: Database) -> None:
    errors, _ = _check("fx_x,fx-next-rr,自来水,专栏1-9,2,个,90,2030,≤,预期性,句子,rural_tap_water_rate", db)
    assert "单位为“%”，本行为“个”，目标方向为提高，本行为降低" in errors[0], errors


def test_a_loop_is_refused(db: Database) -> None:
    # The stored fx_tap_water continues rural_tap_water_rate; making the old indicator continue the new one closes
    # a circle (and an indicator continuing itself is one too).
    rows = [
        "指标代码,规划代码,接续指标",
        "rural_tap_water_rate,nx-14-rr,fx_tap_water",
        "fx_retention,fx-next-rr,fx_retention",
    ]
    body = "\r\n".join(rows).encode()
    errors = [i.message("t.csv") for i in dry_run(body, "t.csv", "targets", ADMIN, db).errors]
    assert errors == [
        "第2行「接续指标」列：接续关系成环：“fx_tap_water”（农村自来水普及率）又（直接或间接）接续本指标，请删除其中一处接续指标",
        "第3行「接续指标」列：接续关系成环：“fx_retention”（九年义务教育巩固率）又（直接或间接）接续本指标，请删除其中一处接续指标",
    ], errors


def test_an_indicator_of_the_same_plan_is_refused(db: Database) -> None:
    errors, _ = _check("fx_x,fx-next-rr,自来水,专栏1-9,2,%,99,2030,≥,预期性,句子,fx_tap_water", db)
    assert errors == [
        "第2行「接续指标」列：接续指标“fx_tap_water”（农村自来水普及率）与本行同属测试用下一规划（fx-next-rr），"
        "应填上一规划中的指标代码"
    ], errors


def test_an_unknown_indicator_is_refused(db: Database) -> None:
    errors, _ = _check("fx_x,fx-next-rr,自来水,专栏1-9,2,%,99,2030,≥,预期性,句子,no_such_indicator", db)
    assert len(errors) == 1 and errors[0].startswith("第2行「接续指标」列：未知的指标代码“no_such_indicator”"), errors


def test_a_changed_attribute_is_a_warning_not_an_error(db: Database) -> None:
    errors, warnings = _check("fx_x,fx-next-rr,污水,专栏1-13,2,%,50,2030,≥,约束性,句子,rural_sewage_treatment_rate", db)
    assert errors == []
    assert warnings == [
        "第2行「接续指标」列：接续指标“rural_sewage_treatment_rate”（农村生活污水治理率）的属性为“预期性”，"
        "本行为“约束性”，请确认属性调整无误"
    ], warnings
