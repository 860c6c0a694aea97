"""Plausibility warnings on upload: the pure rules worked by hand, the dry run on the demo
database (a jump warns, a normal value does not), a commit past a warning records it, and the upload and history
pages show it in both languages."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from ningxia_dash.ingest import Scope, commit, dry_run
from ningxia_dash.ingest import plausibility as P
from ningxia_dash.ingest.report import batches_table
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database, forget_database, get_database
from tests.test_upload_pages import _app, _sign_in, app_db  # noqa: F401 - app_db is a fixture

OFFICER = Scope("officer1", "officer")
HEADER = "指标代码,地区代码,年份,数值\r\n"


def obs(rows: Sequence[tuple[str, str, int, float]], start: int = 2) -> pd.DataFrame:
    """Typed observation rows as validation leaves them, indexed by Excel row."""
    return pd.DataFrame(
        {
            "indicator_id": [r[0] for r in rows],
            "region_code": [r[1] for r in rows],
            "year": [r[2] for r in rows],
            "period_type": [None] * len(rows),
            "period_no": [None] * len(rows),
            "value": [r[3] for r in rows],
        },
        index=range(start, start + len(rows)),
    )


REFS = SimpleNamespace(
    indicators={"rate": {"unit": "%"}, "count": {"unit": "个"}},
    regions={
        "640000": {"level": "province"},
        **{f"6401{i:02d}": {"level": "county"} for i in range(1, 8)},
    },
)


# ---------------------------------------------------------------- the pure rules, by hand


def test_jump_beyond_three_times_the_largest_yearly_change() -> None:
    # history 100, 110, 114: largest yearly change 10 → allowed 3 × 10 = 30 per year from 2022's 114
    history = obs([("count", "640000", 2020, 100), ("count", "640000", 2021, 110), ("count", "640000", 2022, 114)])
    assert P.check(obs([("count", "640000", 2023, 144)]), history, REFS) == []  # +30: not more than 30
    (warning,) = P.check(obs([("count", "640000", 2023, 145)]), history, REFS)  # +31
    assert warning.severity == "warning" and warning.row == 2
    assert warning.reason("zh") == "2022年为114个，本次2023年为145个（以往每年变化最多10个），是否录入有误？"
    assert "2022: 114个; this file, 2023: 145个" in warning.reason("en")


def test_a_flat_history_has_a_floor() -> None:
    # history flat at 200: largest change 0, floor 5 % × 200 = 10 → allowed 30
    history = obs([("count", "640000", 2020, 200), ("count", "640000", 2021, 200)])
    assert P.check(obs([("count", "640000", 2022, 229)]), history, REFS) == []
    assert len(P.check(obs([("count", "640000", 2022, 231)]), history, REFS)) == 1


def test_a_gap_in_years_allows_the_change_of_every_year_between() -> None:
    # 2020 → 2021 changed by 10; the file writes 2024, three years after 2021: 3 × 10 × 3 = 90 allowed
    history = obs([("count", "640000", 2020, 100), ("count", "640000", 2021, 110)])
    assert P.check(obs([("count", "640000", 2024, 200)]), history, REFS) == []
    assert len(P.check(obs([("count", "640000", 2024, 201)]), history, REFS)) == 1


def test_one_stored_year_is_history_enough_only_for_rates() -> None:
    one = obs([("rate", "640000", 2024, 96.5)])
    (warning,) = P.check(obs([("rate", "640000", 2025, 69.5)]), one, REFS)  # 27 points in a year
    assert warning.reason("zh") == "2024年为96.5%，本次2025年为69.5%（一年下降超过10个百分点），是否录入有误？"
    assert P.check(obs([("rate", "640000", 2025, 86.6)]), one, REFS) == []  # 9.9 points, no second year
    count = obs([("count", "640000", 2024, 10)])
    assert P.check(obs([("count", "640000", 2025, 1000)]), count, REFS) == []  # no yearly change known


def test_the_rows_the_file_writes_are_not_their_own_history() -> None:
    history = obs([("rate", "640000", 2024, 96.5), ("rate", "640000", 2025, 98.0)])
    # 2025 is replaced: compared with 2024 (96.5), not with the 98 being overwritten
    assert P.check(obs([("rate", "640000", 2025, 97.5)]), history, REFS) == []
    assert len(P.check(obs([("rate", "640000", 2025, 80.0)]), history, REFS)) == 1


def test_a_value_before_every_stored_year_is_compared_with_the_first() -> None:
    history = obs([("rate", "640000", 2022, 90.0), ("rate", "640000", 2023, 91.0)])
    (warning,) = P.check(obs([("rate", "640000", 2021, 60.0)]), history, REFS)
    assert warning.params["ref_year"] == 2022


def test_a_county_far_outside_the_other_counties() -> None:
    # others 80, 82, 84, 86, 88 (five): IQR of all six values with 20 → q1 80.5, q3 85.5 → 5; 1.5 × 5 = 7.5
    others = obs([("count", f"6401{i:02d}", 2025, 78 + 2 * i) for i in range(1, 6)])
    low = P.neighbour_flags(
        P._series_frame(obs([("count", "640106", 2025, 20)])), P._series_frame(others), REFS.regions
    )
    assert list(low["row"]) == [2] and low.iloc[0]["others_min"] == 80 and low.iloc[0]["lo"] == pytest.approx(72.5)
    (warning,) = P.check(obs([("count", "640106", 2025, 20)]), others, REFS)
    assert warning.reason("zh") == "其他5个县区2025年为80个至88个，本次为20个，远在其外，是否录入有误？"
    assert P.check(obs([("count", "640106", 2025, 73)]), others, REFS) == []  # inside [72.5, …]
    # with four other counties only, nothing is said
    assert P.check(obs([("count", "640106", 2025, 20)]), others.iloc[:4], REFS) == []
    # the province is no county: never compared with them
    assert P.check(obs([("count", "640000", 2025, 20)]), others, REFS) == []


def test_the_files_own_counties_are_neighbours_too() -> None:
    rows = [("count", f"6401{i:02d}", 2025, 100 + i) for i in range(1, 7)] + [("count", "640107", 2025, 1000)]
    warnings = P.check(obs(rows), obs([]).iloc[0:0], REFS)
    assert [w.row for w in warnings] == [8]


def test_batch_note_round_trip() -> None:
    one = P.check(obs([("rate", "640000", 2025, 69.5)]), obs([("rate", "640000", 2024, 96.5)]), REFS)
    note = "导入批次 #3（指标实际值），officer1，2026-01-01 10:00；" + P.batch_note(one)
    assert P.seen_count(note) == 1 and P.batch_note([]) == "" and P.seen_count(None) == 0


# ---------------------------------------------------------------- the dry run and the commit on the demo database


@pytest.fixture
def fresh(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def test_dry_run_warns_on_a_jump_and_commit_records_it(fresh: Database) -> None:
    stored = fresh.scalar(
        "SELECT value FROM observations WHERE indicator_id = 'rural_tap_water_rate' AND region_code = '640000' "
        "AND year = 2024 AND period_type = 'year'"
    )
    content = (HEADER + "rural_tap_water_rate,640000,2025,69.5\r\n").encode()
    preview = dry_run(content, "水利.csv", "observations", OFFICER, fresh)
    assert preview.accepted and not preview.errors
    assert preview.plausibility and not [i for i in preview.issues if i.code.startswith("warn.implausible")]
    text = preview.plausibility[0].message(preview.file_name, "zh")
    assert text.startswith(f"第2行「数值」列：2024年为{stored:g}%，本次2025年为69.5%")
    assert "是否录入有误" in text
    assert "Is it a typing error?" in preview.plausibility[0].message(preview.file_name, "en")

    info = commit(preview, OFFICER, fresh.path)  # a warning never blocks the commit
    assert info.rows_changed == 1
    batches = queries.import_batches(fresh)
    assert P.seen_count(batches.iloc[0]["source_note"]) == 1
    table = batches_table(batches, "zh")
    assert table.iloc[0]["上传提示"] == "已确认 1 处数值提示"
    assert batches_table(batches, "en").iloc[0]["Warnings at upload"] == "1 value warnings seen"


def test_dry_run_of_a_normal_value_says_nothing(fresh: Database) -> None:
    content = (HEADER + "rural_tap_water_rate,640000,2025,98.5\r\nrural_tap_water_rate,640104,2025,96.9\r\n").encode()
    preview = dry_run(content, "水利.csv", "observations", OFFICER, fresh)
    assert preview.accepted and preview.plausibility == []
    commit(preview, OFFICER, fresh.path)
    table = batches_table(queries.import_batches(fresh), "zh")
    assert table.iloc[0]["上传提示"] == ""


def test_cli_prints_the_warning_and_imports(
    fresh: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ningxia_dash.__main__ import main

    csv = tmp_path / "jump.csv"
    csv.write_bytes((HEADER + "rural_tap_water_rate,640000,2025,69.5\r\n").encode())
    args = ["import", str(csv), "--kind", "observations", "--db", str(fresh.path), "--show", "0"]
    assert main([*args, "--dry-run"]) == 0
    assert "本次2025年为69.5%" in capsys.readouterr().out
    assert main(args) == 0  # the warning does not stop the CLI either
    assert P.seen_count(queries.import_batches(fresh).iloc[0]["source_note"]) == 1


# ---------------------------------------------------------------- the pages


JUMP_FILE = (HEADER + "rural_tap_water_rate,640000,2025,69.5\r\n").encode()


@pytest.mark.parametrize(
    ("lang", "said", "committed", "history_col"),
    [
        ("zh", "是否录入有误", "已导入批次 #1", "上传提示"),
        ("en", "Is it a typing error?", "batch #1", "Warnings at upload"),
    ],
)
def test_upload_page_shows_the_warning_and_still_commits(
    app_db: Path,  # noqa: F811 - the fixture
    lang: str,
    said: str,
    committed: str,
    history_col: str,
) -> None:
    at = _sign_in(_app("upload", lang=lang), "officer1")
    at.file_uploader[0].set_value(("水利厅.csv", JUMP_FILE, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [w.value.replace("\\", "") for w in at.warning]  # as rendered: without Markdown escapes
    warned = [w for w in shown if said in w]
    assert warned and "69.5%" in warned[0] and ("第2行「数值」列" in warned[0] or "Row 2" in warned[0])
    assert not at.error
    at.button(key="upload_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(committed in s.value for s in at.success)
    at.switch_page("screens/history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe[0].value.iloc[0][history_col] in ("已确认 1 处数值提示", "1 value warnings seen")


def test_the_page_lists_at_most_thirty_warnings() -> None:
    from ningxia_dash.ingest import KINDS, Preview
    from ningxia_dash.ingest.messages import Issue
    from ningxia_dash.ui import upload as up

    preview = Preview(KINDS["observations"], "f.csv", 1, "x")
    params = {"ref_year": 2024, "ref_value": "98%", "year": 2025, "new": "9%", "why": ("跌", "fell")}
    preview.plausibility = [Issue("warn.implausible_jump", r, "数值", "9", params, "warning") for r in range(2, 42)]
    text = up.plausibility_text(preview, "zh")
    assert text is not None and text.count("是否录入有误？") == 30 and "另有 10 处提示未列出" in text
    assert text.startswith("以下 40 个数值")
