"""终期评估: the page, the Word report and the engine agree on every target (AppTest, python-docx, the CLI)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ningxia_dash import config
from ningxia_dash.brief.evaluation_report import load_evaluation, report_headers, write_docx
from ningxia_dash.i18n import Lang
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess, evaluation
from tests.test_pages_apptest import _app

ROOT = Path(__file__).resolve().parent.parent


def _verdicts(db: Database) -> pd.DataFrame:
    plan = queries.plans(db).set_index("id").loc[config.DEFAULT_PLAN_ID]
    indicators = queries.indicators(db, config.DEFAULT_PLAN_ID)
    ev = assess.evaluate_region(
        indicators, queries.observations(db, config.DEFAULT_PLAN_ID), queries.reference_values(db),
        int(plan["baseline_year"]), int(plan["period_end"]),
    )  # fmt: skip
    return evaluation.evaluation_rows(indicators, ev)


def _cards(at) -> dict[str, int]:  # type: ignore[no-untyped-def]
    html = "".join(h.proto.body for h in at.get("html"))
    found = re.findall(r"[✔◎✖？] (已完成|基本完成|未完成|无法评估)</div><div class='nx-count'>(\d+)</div>", html)
    return {word: int(n) for word, n in found}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_shows_every_target_with_its_verdict(db: Database, lang: Lang) -> None:
    at = _app(lang, "evaluation")
    assert not at.exception, [e.value for e in at.exception]
    rows = _verdicts(db)
    table = at.dataframe[0].value
    assert len(table) == len(rows) == 93
    verdict_col = "评估结论" if lang == "zh" else "Verdict"
    shown = [v.split(" ", 1)[1] for v in table[verdict_col]]
    mark = "（示例）" if lang == "zh" else " (sample)"
    words = [evaluation.verdict_label(v, lang).split(" ", 1)[1] + (mark if demo else "")
             for v, demo in zip(rows["verdict"], rows["rests_on_demo"], strict=True)]  # fmt: skip
    assert shown == words  # same order, same verdict for every target, marked where it rests on sample data
    first_binding = table["属性" if lang == "zh" else "Attribute"].head(4).tolist()
    assert set(first_binding) == {"约束性" if lang == "zh" else "Binding"}  # binding targets first
    if lang == "zh":
        counts, _ = evaluation.verdict_counts(rows)
        assert _cards(at) == {"已完成": counts["met"], "基本完成": counts["basically_met"],
                              "未完成": counts["not_met"], "无法评估": counts["cannot_assess"]}  # fmt: skip
        assert any("依据示例" in w.value for w in at.warning)  # the demo verdicts say so where they stand


def test_the_page_filters_by_verdict_and_source_kind(db_path: Path) -> None:
    at = _app("zh", "evaluation")
    at.multiselect(key="evaluation_verdicts").set_value(["not_met"]).run()
    table = at.dataframe[0].value
    assert len(table) > 0 and {v.removesuffix("（示例）") for v in table["评估结论"]} == {"✖ 未完成"}
    at.multiselect(key="evaluation_kinds").set_value(["official"]).run()
    assert len(at.dataframe[0].value) == 0  # nothing official in the demonstration database


def test_the_word_report_agrees_with_the_page(db: Database) -> None:
    from docx import Document

    inputs = load_evaluation(db)
    data = write_docx(inputs, "zh", pd.Timestamp("2026-12-03 09:00").to_pydatetime())
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    rows = _verdicts(db)
    assert evaluation.summary_sentence(rows, 2025, "zh") in text
    counts, _ = evaluation.verdict_counts(rows)
    assert f"已完成{counts['met']}项" in text and f"未完成{counts['not_met']}项" in text
    # one table per chapter, headed as the issue asks, with one row per target and the page's verdicts
    assert all([c.text for c in table.rows[0].cells] == report_headers("zh", 2025) for table in doc.tables)
    body = [[c.text for c in row.cells] for table in doc.tables for row in table.rows[1:]]
    assert len(body) == len(rows) == 93
    by_name = {r[0]: r for r in body}
    for _, row in rows.iterrows():
        cells = by_name[row["name_zh"]]
        label = evaluation.verdict_label(row["verdict"], "zh")
        assert cells[4] == (f"{label}（示例）" if row["rests_on_demo"] else label)
    # demonstration data: every page header says so, and the rows are marked
    header = doc.sections[0].header.paragraphs[0].text
    assert "示例数据" in header and "非真实统计" in header
    assert all(r[4].endswith("（示例）") for r in body if r[6] == "示例")
    # every unmet target has its paragraph with the plan's sentence
    for _, row in rows[rows["verdict"] == "not_met"].iterrows():
        assert f"“{row['source_sentence']}”" in text
    # the annex lists every source with its address
    for url in queries.sources(db)["url"].dropna():
        assert url in text


def test_cli_export_evaluation(db_path: Path, tmp_path: Path) -> None:
    from docx import Document
    from openpyxl import load_workbook

    for fmt, lang in (("docx", "en"), ("xlsx", "zh")):
        out = tmp_path / f"evaluation.{fmt}"
        run = subprocess.run(
            [sys.executable, "-m", "ningxia_dash", "export-evaluation", "--format", fmt, "--out", str(out),
             "--lang", lang, "--db", str(db_path)],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
        assert run.returncode == 0, run.stderr
        assert out.stat().st_size > 5000
    doc = Document(str(tmp_path / "evaluation.docx"))
    assert "Final evaluation report" in "\n".join(p.text for p in doc.paragraphs)
    sheet = load_workbook(tmp_path / "evaluation.xlsx").active
    assert sheet is not None and sheet.max_row == 94  # header + 93 targets
    bad = subprocess.run(
        [sys.executable, "-m", "ningxia_dash", "export-evaluation", "--format", "docx", "--out", str(tmp_path / "x"),
         "--plan", "nope", "--db", str(db_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert bad.returncode == 2 and "找不到规划" in bad.stderr


def test_the_word_reports_verdict_column_holds_each_verdict_on_one_line() -> None:
    """The verdict column is wide enough for the longest Chinese verdict word (◎ 基本完成) at the table's 10.5 pt,
    so a marked verdict breaks only before its mark (“◎ 基本完成 / （示例）”), never inside the word — at 21 mm it read
    “◎ 基本完 / 成（示 / 例）” in LibreOffice. A CJK character is one em wide; Word's default cell margins are
    1.9 mm a side."""
    from ningxia_dash.brief.evaluation_report import COLUMN_MM
    from ningxia_dash.style import VERDICT_IDS
    from ningxia_dash.tracking.evaluation import verdict_label

    assert sum(COLUMN_MM) == 160  # the A4 page's text width between the margins
    column = COLUMN_MM[report_headers("zh", 2025).index("评估结论")] - 2 * 1.9
    em = 10.5 * 25.4 / 72
    for verdict in VERDICT_IDS:
        label = verdict_label(verdict, "zh")
        width = sum(em if not c.isascii() else em * 0.3 for c in label)
        assert width <= column, (label, round(width, 1), column)
