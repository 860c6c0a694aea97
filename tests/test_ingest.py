"""The upload pipeline as plain Python: reading awkward text, validation messages, diff, commit with exact
provenance and audit, re-import as a no-op, rollback (exact, blocked by later batches, in order), templates."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from ningxia_dash.export import to_csv_bytes
from ningxia_dash.ingest import (
    CommitError,
    ImportRejected,
    NothingToImport,
    RollbackRefused,
    Scope,
    commit,
    dry_run,
    import_file,
    rollback,
)
from ningxia_dash.ingest.csv_text import decode_text, sniff_delimiter
from ningxia_dash.ingest.decode import read_grid
from ningxia_dash.ingest.grid import DecodeError
from ningxia_dash.ingest.kinds import KINDS
from ningxia_dash.ingest.parse import number_parts, parse_period
from ningxia_dash.ingest.report import batch_changes_table, diff_table, error_table
from ningxia_dash.ingest.templates import template_csv, template_xlsx
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database, forget_database, get_database

ADMIN = Scope("tester", "admin")
OFFICER = Scope("officer1", "officer")
DATA_TABLES = (
    "observations",
    "indicator_notes",
    "villages",
    "village_metrics",
    "parks",
    "park_metrics",
    "indicators",
    "plans",
)


@pytest.fixture
def fresh(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the session database (imports write to it)."""
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def snapshot(db: Database) -> dict[str, pd.DataFrame]:
    out = {}
    for table in DATA_TABLES:
        df = db.df(f"SELECT * FROM {table}")
        out[table] = df.sort_values(list(df.columns[:3])).reset_index(drop=True)
    return out


def assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for table in DATA_TABLES:
        pd.testing.assert_frame_equal(a[table], b[table], check_dtype=False, obj=table)


def csv_bytes(rows: Sequence[Sequence[Any]] | Sequence[Any], encoding: str = "utf-8") -> bytes:
    return "\r\n".join(",".join(str(c) for c in r) for r in rows).encode(encoding)


OBS_HEADER = ["指标代码", "地区代码", "年份", "期别", "数值", "备注"]


# ---------------------------------------------------------------- reading


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"a,b\n1,2\n", "UTF-8"),
        (b"\xef\xbb\xbf" + "甲,乙\n".encode(), "UTF-8 (BOM)"),
        ("指标,数值\n".encode("gbk"), "GBK"),
        ("𠀾,数值\n".encode("gb18030"), "GB18030"),
        (b"\xff\xfe" + "甲\t乙\n".encode("utf-16-le"), "UTF-16 LE (BOM)"),
        ("指标\t数值\n".encode("utf-16-le"), "UTF-16 LE"),
    ],
)
def test_encodings_are_detected(data: bytes, name: str) -> None:
    text, detected = decode_text(data)
    assert detected == name
    assert "\ufeff" not in text


def test_binary_and_size_are_refused() -> None:
    with pytest.raises(DecodeError) as exc:
        decode_text(bytes(range(256)) * 8)
    assert exc.value.issue.code == "file.binary"
    with pytest.raises(DecodeError) as exc:
        read_grid(b"x" * 2048, max_bytes=1024)
    assert exc.value.issue.code == "file.too_large"
    assert "超过" in exc.value.issue.message("big.csv")


def test_delimiter_sniffing_ignores_template_comments() -> None:
    assert sniff_delimiter("# 说明，含逗号，和分号；\na;b;c\n1;2;3\n") == ";"
    assert sniff_delimiter("a\tb\tc\n1\t2\t3\n") == "\t"
    assert sniff_delimiter("a|b\n1|2\n") == "|"
    assert sniff_delimiter("a,b,c\n1,2,3\n") == ","


@pytest.mark.parametrize(
    ("text", "value", "pct", "suffix"),
    [
        ("1,234.5", 1234.5, False, ""),
        ("９６．５％", 96.5, True, ""),
        ("  12 345 ", 12345.0, False, ""),
        ("(12)", -12.0, False, ""),
        ("3万", None, False, "万"),
        ("96,5", None, False, ""),
        ("—", None, False, ""),
    ],
)
def test_numbers_as_officers_write_them(text: str, value: float | None, pct: bool, suffix: str) -> None:
    assert number_parts(text) == (value, pct, suffix)


def test_periods() -> None:
    assert parse_period("") == ("year", 0)
    assert parse_period("二季度") == ("quarter", 2)
    assert parse_period("Q4") == ("quarter", 4)
    assert parse_period("11月") == ("month", 11)
    assert parse_period("十二月") == ("month", 12)
    assert parse_period("13月") is None


# ---------------------------------------------------------------- validation


def test_error_message_names_file_row_and_column(fresh: Database) -> None:
    content = csv_bytes(
        [
            OBS_HEADER,
            *[["rural_tap_water_rate", "640000", 2024, "", 96.5, ""]] * 1,
            ["rural_tap_water_rate", "640303", 2024, "", 120, ""],
        ],
        "gbk",
    )
    p = dry_run(content, "C:\\Users\\科室\\桌面\\水利.csv", "observations", ADMIN, fresh)
    assert p.file_name == "水利.csv"  # never a path
    assert not p.accepted
    [issue] = p.errors
    assert issue.message(p.file_name) == "第3行「数值」列：百分比应在0到100之间，实际为120"
    table = error_table(p.issues, p.file_name, "zh")
    assert list(table.columns) == ["级别", "文件", "行", "列", "值", "说明"]
    assert table.iloc[0]["文件"] == "水利.csv"
    en = error_table(p.issues, p.file_name, "en")
    assert "a percentage should lie between 0 and 100, got 120" in en.iloc[0]["Message"]


def test_years_come_from_the_plans_table(fresh: Database) -> None:
    plan = fresh.rows("SELECT baseline_year, period_end FROM plans WHERE id = 'nx-14-rr'")[0]
    rows = [
        OBS_HEADER,
        ["rural_tap_water_rate", "640000", plan[1] + 1, "", 90, ""],
        ["rural_tap_water_rate", "640000", plan[0], "Q1", 90, ""],
    ]
    p = dry_run(csv_bytes(rows), "y.csv", "observations", ADMIN, fresh)
    [issue] = p.errors
    assert issue.row == 2 and issue.code == "cell.year_range"
    assert f"{plan[0]}到{plan[1]}" in issue.message("y.csv")


def test_officer_scope_and_admin_only_kinds(fresh: Database) -> None:
    scoped = Scope("o", "officer", frozenset({"rural_tap_water_rate"}), frozenset({"640300"}))
    rows = [
        OBS_HEADER,
        ["rural_tap_water_rate", "640303", 2024, "", 90, ""],
        ["rural_tap_water_rate", "640402", 2024, "", 90, ""],
        ["rural_sewage_treatment_rate", "640303", 2024, "", 30, ""],
    ]
    p = dry_run(csv_bytes(rows), "s.csv", "observations", scoped, fresh)
    assert [(i.row, i.code) for i in p.errors] == [(3, "cell.scope_region"), (4, "cell.scope_indicator")]
    p = dry_run(csv_bytes([["规划代码", "规划名称"], ["x", "y"]]), "p.csv", "plans", OFFICER, fresh)
    assert [i.code for i in p.errors] == ["file.not_allowed"]
    p = dry_run(csv_bytes(rows[:2]), "v.csv", "observations", Scope("v", "viewer"), fresh)
    assert [i.code for i in p.errors] == ["file.not_allowed"]


# ---------------------------------------------------------------- commit, provenance, audit


def test_commit_writes_data_batch_source_and_old_rows(fresh: Database) -> None:
    before = snapshot(fresh)
    version0 = queries.data_version(fresh)
    rows = [
        OBS_HEADER,
        ["rural_tap_water_rate", "640000", 2024, "", "96.55", "据公报"],
        ["rural_tap_water_rate", "640000", 2025, "Q1", "97.05", ""],
    ]
    content = csv_bytes(rows, "gbk")
    preview = dry_run(content, "水利.csv", "observations", OFFICER, fresh)
    assert preview.counts() == {"rows": 2, "new": 1, "changed": 1, "unchanged": 0, "ok": 2, "rejected": 0}
    diff = diff_table(preview.kind, preview.diff.rows, preview.diff.compare, None, "zh")  # type: ignore[union-attr]
    assert {"数值", "来源类型"} <= set(diff["字段"])
    info = commit(preview, OFFICER, fresh.path)
    assert info.id == 1 and (info.rows_new, info.rows_changed) == (1, 1)

    obs = fresh.df("SELECT * FROM observations WHERE batch_id = 1 ORDER BY period_no")
    assert list(obs["value"]) == [96.55, 97.05]
    assert set(obs["source_kind"]) == {"official"} and set(obs["source_id"]) == {"batch-1"}
    src = fresh.rows("SELECT kind, title FROM sources WHERE id = 'batch-1'")
    assert src == [("official", "水利.csv")]
    batch = fresh.df("SELECT * FROM import_batches").iloc[0]
    assert (batch["username"], batch["encoding"], batch["size_bytes"]) == ("officer1", "GBK", len(content))
    assert batch["sha256"] == preview.sha256
    changes = fresh.df("SELECT * FROM batch_changes WHERE batch_id = 1 ORDER BY row_key")
    assert len(changes) == 2
    old = [json.loads(r) if isinstance(r, str) else None for r in changes["old_row"]]
    replaced = next(o for o in old if o)
    assert replaced["value"] == 98.0 and replaced["source_kind"] == "public"
    assert queries.data_version(fresh) != version0
    # the history table renders the recorded change
    table = batch_changes_table("observations", queries.batch_changes(fresh, 1), None, "zh")
    assert "98" in set(table["原值"]) and "96.55" in set(table["新值"])

    # the same file again: nothing to import, no batch
    again = dry_run(content, "水利.csv", "observations", OFFICER, fresh)
    assert again.counts()["unchanged"] == 2 and again.changes == 0
    with pytest.raises(NothingToImport):
        commit(again, OFFICER, fresh.path)
    assert fresh.scalar("SELECT count(*) FROM import_batches") == 1

    # rollback restores exactly the previous state of every data table
    version1 = queries.data_version(fresh)
    result = rollback(1, "admin", fresh.path)
    assert (result.rows_restored, result.rows_removed) == (1, 1)
    assert_same(before, snapshot(fresh))
    assert queries.data_version(fresh) not in (version0, version1)
    status = fresh.rows("SELECT status, rolled_back_by FROM import_batches WHERE id = 1")
    assert status == [("rolled_back", "admin")]
    with pytest.raises(RollbackRefused, match="已经回滚"):
        rollback(1, "admin", fresh.path)


def test_later_batch_blocks_rollback_until_rolled_back_first(fresh: Database) -> None:
    before = snapshot(fresh)
    first = csv_bytes(
        [
            OBS_HEADER,
            ["rural_tap_water_rate", "640000", 2024, "", 96.1, ""],
            ["rural_tap_water_rate", "640000", 2023, "", 95.1, ""],
        ]
    )
    second = csv_bytes([OBS_HEADER, ["rural_tap_water_rate", "640000", 2024, "", 96.2, ""]])
    import_file(first, "1.csv", "observations", ADMIN, fresh)
    middle = snapshot(fresh)
    import_file(second, "2.csv", "observations", ADMIN, fresh)
    with pytest.raises(RollbackRefused) as exc:
        rollback(1, "admin", fresh.path)
    assert "#2" in exc.value.message and "先回滚" in exc.value.message
    rollback(2, "admin", fresh.path)
    assert_same(middle, snapshot(fresh))
    rollback(1, "admin", fresh.path)
    assert_same(before, snapshot(fresh))


def test_rejected_file_writes_nothing_at_all(fresh: Database) -> None:
    raw = fresh.path.read_bytes()
    bad = csv_bytes(
        [
            OBS_HEADER,
            ["rural_tap_water_rate", "640000", 2024, "", 96.1, ""],
            ["rural_tap_water_rate", "640000", 2023, "", 101, ""],
        ]
    )
    with pytest.raises(ImportRejected) as exc:
        import_file(bad, "bad.csv", "observations", ADMIN, fresh)
    assert exc.value.preview.counts()["rejected"] == 1
    assert fresh.path.read_bytes() == raw


def test_stale_dry_run_is_refused(fresh: Database) -> None:
    content = csv_bytes([OBS_HEADER, ["rural_tap_water_rate", "640000", 2024, "", 96.1, ""]])
    preview = dry_run(content, "a.csv", "observations", ADMIN, fresh)
    import_file(
        csv_bytes([OBS_HEADER, ["rural_tap_water_rate", "640000", 2024, "", 90.0, ""]]),
        "b.csv",
        "observations",
        ADMIN,
        fresh,
    )
    with pytest.raises(CommitError, match="重新预检"):
        commit(preview, ADMIN, fresh.path)
    assert fresh.scalar("SELECT count(*) FROM import_batches") == 1


def test_notes_villages_parks_and_metrics(fresh: Database) -> None:
    notes = csv_bytes([["指标代码", "年份", "情况说明"], ["rural_tap_water_rate", 2024, "=供水工程提标"]], "gbk")
    _, batch = import_file(notes, "说明.csv", "indicator_notes", OFFICER, fresh)
    assert batch is not None
    row = fresh.rows("SELECT region_code, text_zh, source_kind, batch_id FROM indicator_notes")
    assert row == [("640000", "=供水工程提标", "official", batch.id)]  # stored verbatim …
    exported = to_csv_bytes(fresh.df("SELECT text_zh FROM indicator_notes")).decode("utf-8-sig")
    assert "'=供水工程提标" in exported  # … and neutralised on download

    villages = csv_bytes(
        [
            ["村代码", "村名", "县区代码", "经度", "纬度", "搬迁类型", "户数", "人口", "主导产业", "省级领导包抓"],
            ["hsb-new-01", "新村", "640303", 106.1, 37.4, "自发移民", 10, 40, "枸杞", "是"],
        ]
    )
    _, batch = import_file(villages, "村.csv", "villages", OFFICER, fresh)
    v = fresh.df("SELECT * FROM villages WHERE id = 'hsb-new-01'").iloc[0]
    assert (v["name_en"], v["relocation_type"], bool(v["leader_contacted"]), v["source_id"]) == (
        "新村",
        "spontaneous",
        True,
        f"batch-{batch.id}",  # type: ignore[union-attr]
    )
    metrics = csv_bytes([["村代码", "指标代码", "年份", "数值"], ["新村", "v_income", 2024, '"12,000"']])
    import_file(metrics, "指标.csv", "village_metrics", OFFICER, fresh)
    assert fresh.scalar("SELECT value FROM village_metrics WHERE village_id = 'hsb-new-01'") == 12000.0
    unquoted = csv_bytes([["村代码", "指标代码", "年份", "数值"], ["新村", "v_income", 2023, "12,000"]])
    p = dry_run(unquoted, "u.csv", "village_metrics", OFFICER, fresh)
    assert [(i.row, i.code) for i in p.errors] == [(2, "cell.extra_cells")]

    parks = csv_bytes([["园区代码", "园区名称"], ["park_10", "某某产业园"]])
    before = fresh.df("SELECT * FROM parks WHERE id = 'park_10'")
    _, batch = import_file(parks, "园区.csv", "parks", OFFICER, fresh)
    after = fresh.df("SELECT * FROM parks WHERE id = 'park_10'")
    assert after.iloc[0]["name_zh"] == "某某产业园"
    assert after.iloc[0]["clause"] == before.iloc[0]["clause"]  # columns not in the file keep their values
    rollback(batch.id, "admin", fresh.path)  # type: ignore[union-attr]
    pd.testing.assert_frame_equal(before, fresh.df("SELECT * FROM parks WHERE id = 'park_10'"))


def test_village_coordinates_outside_ningxia_name_their_bounds(fresh: Database) -> None:
    villages = csv_bytes(
        [["村代码", "村名", "县区代码", "经度", "纬度"], ["hsb-far-01", "远村", "640303", 120.5, 30.2]]
    )
    p = dry_run(villages, "村.csv", "villages", OFFICER, fresh)
    messages = {i.column: i.message("村.csv") for i in p.errors}
    assert messages["经度"] == "第2行「经度」列：经度应在104到108之间（宁夏境内），实际为120.5"
    assert messages["纬度"] == "第2行「纬度」列：纬度应在35到39.6之间（宁夏境内），实际为30.2"


def test_a_new_plan_and_its_targets(fresh: Database) -> None:
    plan = csv_bytes(
        [
            ["规划代码", "规划名称", "简称", "起始年", "截止年", "基期年", "接续规划", "印发日期"],
            ["nx-15-rr", "示例：宁夏衔接“十五五”规划", "衔接“十五五”规划", 2026, 2030, 2025, "nx-14-rr", "2026-03-01"],
        ]
    )
    _, plan_batch = import_file(plan, "plan.csv", "plans", ADMIN, fresh)
    assert fresh.rows("SELECT period_start, period_end FROM plans WHERE id = 'nx-15-rr'") == [(2026, 2030)]
    targets = csv_bytes(
        [
            [
                "指标代码",
                "规划代码",
                "指标名称",
                "条款",
                "章",
                "单位",
                "基期值",
                "目标值",
                "目标年",
                "目标类型",
                "属性",
                "规划原文",
            ],
            [
                "tap_water_15",
                "nx-15-rr",
                "农村自来水普及率",
                "专栏1-9",
                8,
                "%",
                98,
                99,
                2030,
                "≥ 达到",
                "约束性",
                "农村自来水普及率达到99%",
            ],
            ["bad_year_15", "nx-15-rr", "某指标", "专栏1-1", "", "%", "", 50, 2035, "≥ 达到", "预期性", "……"],
        ]
    )
    with pytest.raises(ImportRejected) as exc:
        import_file(targets, "t.csv", "targets", ADMIN, fresh)
    found = [(i.row, i.column, i.code) for i in exc.value.preview.errors]
    assert found == [(3, "章", "cell.required_new"), (3, "目标年", "cell.target_year_range")]
    ok = b"\r\n".join(targets.split(b"\r\n")[:2])
    _, batch = import_file(ok, "t.csv", "targets", ADMIN, fresh)
    row = fresh.df("SELECT * FROM indicators WHERE id = 'tap_water_15'").iloc[0]
    assert (row["plan_id"], row["rule_kind"], row["attribute"], row["section_id"], row["chapter_no"]) == (
        "nx-15-rr",
        "min",
        "binding",
        "box1-9",
        8,
    )
    obs = csv_bytes([OBS_HEADER, ["tap_water_15", "640000", 2026, "", 98.4, ""]])
    p = dry_run(obs, "o.csv", "observations", ADMIN, fresh)
    assert p.accepted, [i.message("o.csv") for i in p.errors]
    with pytest.raises(RollbackRefused, match="仍被 1 行数据（indicators）引用"):
        rollback(plan_batch.id, "admin", fresh.path)  # type: ignore[union-attr]
    rollback(batch.id, "admin", fresh.path)  # type: ignore[union-attr]
    rollback(plan_batch.id, "admin", fresh.path)  # type: ignore[union-attr]
    assert fresh.scalar("SELECT count(*) FROM plans") == 1


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_templates_read_back_as_empty_tables(fresh: Database, kind: str) -> None:
    from ningxia_dash.ingest.refs import load_refs

    for content in (template_xlsx(kind, load_refs(fresh)), template_csv(kind)):
        p = dry_run(content, f"t.{kind}", kind, ADMIN, fresh)
        assert [i.code for i in p.errors] == ["file.no_rows"], [i.message("t") for i in p.issues]
    assert template_csv(kind).startswith(b"\xef\xbb\xbf")


def test_filled_csv_template_imports(fresh: Database) -> None:
    text = template_csv("observations").decode("utf-8-sig")
    text += "rural_tap_water_rate,,640000,2024,,96.55,%,\r\n"
    p = dry_run(text.encode("utf-8-sig"), "filled.csv", "observations", ADMIN, fresh)
    assert p.accepted and p.header_row == len(KINDS["observations"].cols) + 2
    assert p.counts()["changed"] == 1


def test_milestones_counted_in_a_unit_take_counts(fresh: Database) -> None:
    """新建2所中医医院 is a milestone counted in 所: 2 is a valid value; a unitless milestone stays 0/1."""
    ok = csv_bytes([OBS_HEADER, ["new_tcm_hospitals", "640000", 2024, "", 2, ""]])
    assert dry_run(ok, "m.csv", "observations", ADMIN, fresh).accepted
    bad = csv_bytes(
        [
            OBS_HEADER,
            ["new_tcm_hospitals", "640000", 2024, "", 1.5, ""],
            ["hongsibu_demo_zone_built", "640000", 2024, "", 0.5, ""],
            ["hongsibu_demo_zone_built", "640000", 2023, "", 1, ""],
        ]
    )
    p = dry_run(bad, "m.csv", "observations", ADMIN, fresh)
    assert [(i.row, i.column, i.code) for i in p.errors] == [
        (2, "数值", "cell.count_integer"),
        (3, "数值", "cell.milestone"),
    ]


def test_the_demo_values_pass_the_upload_checks(fresh: Database) -> None:
    """Demonstration values exported in the upload template's shape are accepted as they are (so an officer can
    start from an export), and re-importing them changes nothing."""
    rows = fresh.rows(
        "SELECT indicator_id, region_code, year, value FROM observations"
        " WHERE source_kind = 'demo' AND period_type = 'year' ORDER BY 1, 2, 3"
    )
    assert len(rows) > 1000
    body = csv_bytes([OBS_HEADER, *[[i, r, y, "", repr(v), ""] for i, r, y, v in rows]])
    p = dry_run(body, "demo.csv", "observations", ADMIN, fresh)
    assert not p.errors, [i.message("demo.csv") for i in p.errors[:5]]
    assert p.counts()["new"] == 0


def test_two_databases_with_different_imports_of_the_same_number_have_different_versions(fresh: Database) -> None:
    """A restored backup followed by a new import reaches a batch number the database had before, with other
    data: the data version (the key of every cached view) must differ, or a stale view would be served."""
    copy = fresh.path.with_name("other.duckdb")
    shutil.copyfile(fresh.path, copy)
    other = get_database(copy, read_only=True)
    rows_a = [OBS_HEADER, ["rural_tap_water_rate", "640000", 2024, "", 96.7, ""]]
    rows_b = [OBS_HEADER, ["rural_tap_water_rate", "640000", 2024, "", 95.2, ""]]
    import_file(csv_bytes(rows_a), "a.csv", "observations", OFFICER, fresh)
    import_file(csv_bytes(rows_b), "b.csv", "observations", OFFICER, other)
    versions = [queries.data_version(fresh), queries.data_version(other)]
    forget_database(copy)
    assert versions[0].split("-")[1] == versions[1].split("-")[1]  # the same batch number …
    assert versions[0] != versions[1]  # … but not the same data
