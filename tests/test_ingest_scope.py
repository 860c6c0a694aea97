"""Officers' scopes through the import pipeline, for every kind: a county scope checks the region of each row —
for villages both the county a village is in now and the one the file moves it to; an indicator scope checks the
indicator; kinds a scope cannot describe are refused to scoped accounts. Messages name row, column and county."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from ningxia_dash.ingest import Scope, dry_run
from ningxia_dash.ingest.kinds import KINDS
from ningxia_dash.store.db import Database, forget_database, get_database

HONGSIBU = Scope("hsb", "officer", regions=frozenset({"640303"}))
WATER = Scope("water", "officer", indicators=frozenset({"rural_tap_water_rate"}))
YANCHI_VILLAGE, OWN_VILLAGE = "demo-v-640323-01", "demo-v-640303-01"


@pytest.fixture(scope="module")
def db(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("scope") / "scope.duckdb"
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def _csv(rows: Sequence[Sequence[Any]]) -> bytes:
    return "\r\n".join(",".join(str(c) for c in r) for r in rows).encode()


def _messages(kind: str, rows: Sequence[Sequence[Any]], scope: Scope, db: Database) -> list[str]:
    preview = dry_run(_csv(rows), "f.csv", kind, scope, db)
    return [i.message("f.csv") for i in preview.errors]


# ------------------------------------------------------------------ a county scope (红寺堡区 640303)


def test_county_officer_cannot_move_another_countys_village_into_their_own(db: Database) -> None:
    got = _messages("villages", [["村代码", "县区代码"], [YANCHI_VILLAGE, "640303"]], HONGSIBU, db)
    assert got == ["第2行「村代码」列：该村现属“盐池县（640323）”，您的账户无权修改（授权地区：红寺堡区（640303））"]


def test_county_officer_cannot_move_their_village_out(db: Database) -> None:
    got = _messages("villages", [["村代码", "县区代码"], [OWN_VILLAGE, "640323"]], HONGSIBU, db)
    assert got == ["第2行「县区代码」列：您的账户无权上传“盐池县（640323）”的数据（授权地区：红寺堡区（640303））"]


def test_county_officer_edits_their_own_village(db: Database) -> None:
    assert _messages("villages", [["村代码", "村名"], [OWN_VILLAGE, "示例移民村·红寺堡-01甲"]], HONGSIBU, db) == []
    assert _messages("villages", [["村代码", "村名"], [YANCHI_VILLAGE, "改名"]], HONGSIBU, db) == [
        "第2行「村代码」列：该村现属“盐池县（640323）”，您的账户无权修改（授权地区：红寺堡区（640303））"
    ]


@pytest.mark.parametrize(
    ("kind", "header", "own", "other"),
    [
        (
            "observations",
            ["指标代码", "地区代码", "年份", "数值"],
            ["rural_tap_water_rate", "640303", 2024, 90],
            ["rural_tap_water_rate", "640323", 2024, 90],
        ),
        (
            "indicator_notes",
            ["指标代码", "地区代码", "年份", "情况说明"],
            ["rural_tap_water_rate", "640303", 2024, "说明"],
            ["rural_tap_water_rate", "640323", 2024, "说明"],
        ),
        (
            "village_metrics",
            ["村代码", "指标代码", "年份", "数值"],
            [OWN_VILLAGE, "v_income", 2024, 12000],
            [YANCHI_VILLAGE, "v_income", 2024, 12000],
        ),
        (
            "park_metrics",
            ["园区代码", "指标代码", "年份", "数值"],
            ["park_hongsibu", "p_jobs", 2024, 100],
            ["park_yanchi", "p_jobs", 2024, 100],
        ),
        ("parks", ["园区代码", "备注"], ["park_hongsibu", "备注"], ["park_yanchi", "备注"]),
    ],
)
def test_county_scope_in_every_region_kind(db: Database, kind: str, header: list[str], own: list, other: list) -> None:
    assert _messages(kind, [header, own], HONGSIBU, db) == []
    [message] = _messages(kind, [header, other], HONGSIBU, db)
    column = header[1] if kind in ("observations", "indicator_notes") else header[0]
    assert message.startswith(f"第2行「{column}」列：")
    assert "盐池县（640323）" in message and "授权地区：红寺堡区（640303）" in message
    assert "640323" not in message.replace("（640323）", "")  # the county is named, not only coded


def test_county_officer_cannot_edit_a_park_without_a_county(db: Database) -> None:
    [message] = _messages("parks", [["园区代码", "备注"], ["park_10", "备注"]], HONGSIBU, db)
    assert message.startswith("第2行「园区代码」列：") and "未定县区" in message


# ------------------------------------------------------------------ an indicator scope


@pytest.mark.parametrize(
    ("kind", "header", "row"),
    [
        ("observations", ["指标代码", "地区代码", "年份", "数值"], ["{i}", "640000", 2024, 90]),
        ("indicator_notes", ["指标代码", "年份", "情况说明"], ["{i}", 2024, "说明"]),
    ],
)
def test_indicator_scope_in_indicator_kinds(db: Database, kind: str, header: list[str], row: list) -> None:
    own = [c.replace("{i}", "rural_tap_water_rate") if isinstance(c, str) else c for c in row]
    other = [c.replace("{i}", "rural_sewage_treatment_rate") if isinstance(c, str) else c for c in row]
    assert _messages(kind, [header, own], WATER, db) == []
    [message] = _messages(kind, [header, other], WATER, db)
    assert message.startswith("第2行「指标代码」列：")
    assert "农村自来水普及率（rural_tap_water_rate）" in message


@pytest.mark.parametrize("kind", ["villages", "village_metrics", "parks", "park_metrics"])
def test_indicator_scoped_officer_cannot_import_kinds_without_an_indicator(db: Database, kind: str) -> None:
    header = [c.zh for c in KINDS[kind].required]
    preview = dry_run(_csv([header, ["x"] * len(header)]), "f.csv", kind, WATER, db)
    assert [i.code for i in preview.errors] == ["file.scope_kind"]
    assert "仅限部分指标" in preview.errors[0].message("f.csv")


@pytest.mark.parametrize("kind", ["targets", "plans"])
@pytest.mark.parametrize("scope", [HONGSIBU, WATER], ids=["county", "indicator"])
def test_scoped_accounts_cannot_import_targets_or_plans(db: Database, kind: str, scope: Scope) -> None:
    admin = Scope(scope.username, "admin", scope.indicators, scope.regions)  # even an admin, when scoped
    header = [c.zh for c in KINDS[kind].required]
    preview = dry_run(_csv([header, ["x"] * len(header)]), "f.csv", kind, admin, db)
    assert [i.code for i in preview.errors] == ["file.scope_kind"]
    officer = dry_run(_csv([header, ["x"] * len(header)]), "f.csv", kind, scope, db)
    assert [i.code for i in officer.errors] == ["file.not_allowed"]
