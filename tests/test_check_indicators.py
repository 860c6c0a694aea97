"""scripts/check_indicators.py, the seed's checker against the plan text, run from the suite: the seed passes, and
a broken row is reported (the checker reads the plan text with the app's own parser, ningxia_dash.plan_text)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from ningxia_dash.plan_text import split_sections
from scripts.check_indicators import DEFAULT_CSV, DEFAULT_PLAN, HEADER, check, clause_chapter

ROOT = Path(__file__).resolve().parent.parent


def test_the_seed_agrees_with_the_plan_text() -> None:
    assert check(DEFAULT_CSV, DEFAULT_PLAN) == []
    done = subprocess.run(
        [sys.executable, "-m", "scripts.check_indicators"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stdout.startswith("OK: 93 rows (13 headline)"), done.stdout


def test_a_box_lies_in_the_chapter_the_text_prints_it_in() -> None:
    by_id = {s.id: s for s in split_sections(DEFAULT_PLAN.read_text(encoding="utf-8"))}
    chapters = {k: clause_chapter(f"专栏{k}-1", by_id) for k in range(1, 7)}
    assert chapters == {1: 2, 2: 3, 3: 6, 4: 7, 5: 8, 6: 10}


def test_broken_rows_are_reported(tmp_path: Path) -> None:
    with DEFAULT_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    water = next(r for r in rows if r["id"] == "rural_tap_water_rate")
    water["clause"] = "专栏2-1"  # its sentence is in 专栏1-9, not here
    rows[20]["chapter_no"] = "9" if rows[20]["chapter_no"] != "9" else "8"
    broken = tmp_path / "indicators.csv"
    with broken.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, HEADER, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    problems = check(broken, DEFAULT_PLAN)
    assert any("[rural_tap_water_rate]: source_sentence not inside section 专栏2-1" in p for p in problems), problems
    assert any(f"[{rows[20]['id']}]: chapter_no" in p for p in problems), problems
