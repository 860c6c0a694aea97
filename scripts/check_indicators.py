#!/usr/bin/env python3
"""Validate data/seed/indicators.csv against the plan text.

Usage:  python -m scripts.check_indicators [indicators.csv] [plan_text.txt]   (also `make check-indicators`;
tests/test_check_indicators.py runs it)

Prints one line per problem and exits 1 if any problem was found, otherwise prints a short summary and exits 0.
The plan text is cut into sections by the app's own parser (ningxia_dash.plan_text), so the checker and the
dashboard agree on what a clause's text is.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

from ningxia_dash.plan_text import CN_NUM, Section, cn_to_int, normalise, split_sections
from ningxia_dash.tracking.status import RULE_KINDS

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = ROOT / "data" / "seed" / "indicators.csv"
DEFAULT_PLAN = ROOT / "data" / "seed" / "plan_text.txt"

HEADER = [
    "id",
    "plan_id",
    "seq",
    "is_headline",
    "name_zh",
    "name_en",
    "category_zh",
    "category_en",
    "chapter_no",
    "clause",
    "also_in",
    "unit",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "rule_kind",
    "attribute",
    "reference_series",
    "source_sentence",
    "note",
]
PLAN_ID = "nx-14-rr"
RELATIVE_KINDS = {"above_reference", "reach_reference", "rising"}
ATTRIBUTES = {"binding", "expected", "none"}
REFERENCE_SERIES = {
    "national_rural_income_growth",
    "regional_rural_income",
    "rural_resident_income_growth",
    "urban_resident_income_growth",
    "regional_rural_average",
    "previous_year",
}
HEADLINE_COUNT = 13
MIN_NON_HEADLINE = 35
MAX_SOURCE_LEN = 160

HEADLINE_CATEGORY = {
    **{i: ("巩固拓展脱贫攻坚成果", "Consolidating poverty-alleviation gains") for i in range(1, 11)},
    **{i: ("乡村宜居宜业", "Liveable and workable countryside") for i in range(11, 14)},
}
CHAPTER_CATEGORY = {
    3: ("巩固拓展脱贫攻坚成果", "Consolidating poverty-alleviation gains"),
    4: ("百万移民致富提升", "Resettled population prosperity"),
    5: ("城乡居民收入提升", "Rural income growth"),
    6: ("基础教育质量提升", "Basic education quality"),
    7: ("全民健康水平提升", "Public health"),
    8: ("乡村建设", "Rural development"),
    9: ("重点帮扶县", "Key-assistance counties"),
    10: ("闽宁协作", "Fujian–Ningxia cooperation"),
}

CLAUSE_RE = re.compile(
    rf"^(?:专栏(?P<box>[1-9])-(?P<item>[1-9]\d*)|第(?P<ch>[{CN_NUM}]+)章(?:第(?P<sec>[{CN_NUM}]+)节)?)$"
)
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


def clause_chapter(clause: str, by_id: dict[str, Section]) -> int | None:
    """The chapter a clause lies in: a 专栏's chapter is the one the plan text prints it in."""
    m = CLAUSE_RE.match(clause)
    if not m:
        return None
    if m.group("box"):
        box = by_id.get(f"box{m.group('box')}")
        parent = box.parent_id if box else None
        return int(parent[2:]) if parent else None
    return cn_to_int(m.group("ch"))


def is_float(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def check(csv_path: Path, plan_path: Path) -> list[str]:
    problems: list[str] = []
    plan = plan_path.read_text(encoding="utf-8")
    parsed = split_sections(plan)
    by_id = {sec.id: sec for sec in parsed}
    sections = {sec.label_zh: normalise(sec.text) for sec in parsed}  # clause → its text, without whitespace

    raw = csv_path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append("file starts with a UTF-8 BOM")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        return [f"not valid UTF-8: {e}"]

    reader = csv.reader(content.splitlines(keepends=True))
    rows = list(reader)
    if not rows:
        return ["empty file"]
    if rows[0] != HEADER:
        problems.append(f"header mismatch: {rows[0]!r}")
        return problems

    records: list[tuple[int, dict[str, str]]] = []
    for lineno, cells in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in cells):
            problems.append(f"line {lineno}: blank row")
            continue
        if len(cells) != len(HEADER):
            problems.append(f"line {lineno}: {len(cells)} fields, expected {len(HEADER)}")
            continue
        records.append((lineno, dict(zip(HEADER, cells, strict=True))))

    ids = Counter(rec["id"] for _, rec in records)
    for i, n in ids.items():
        if n > 1:
            problems.append(f"duplicate id {i!r} ({n}x)")

    # seq must be 1..N in file order
    for expected, (lineno, rec) in enumerate(records, start=1):
        if rec["seq"] != str(expected):
            problems.append(f"line {lineno} [{rec['id']}]: seq {rec['seq']!r}, expected {expected}")

    headline = [(ln, r) for ln, r in records if r["is_headline"] == "true"]
    non_headline = [(ln, r) for ln, r in records if r["is_headline"] == "false"]
    if len(headline) != HEADLINE_COUNT:
        problems.append(f"{len(headline)} headline rows, expected {HEADLINE_COUNT}")
    if len(non_headline) < MIN_NON_HEADLINE:
        problems.append(f"only {len(non_headline)} non-headline rows, expected >= {MIN_NON_HEADLINE}")
    hl_clauses = [r["clause"] for _, r in headline]
    if hl_clauses != [f"专栏1-{i}" for i in range(1, HEADLINE_COUNT + 1)]:
        problems.append(f"headline clauses not 专栏1-1..专栏1-13 in order: {hl_clauses}")
    if [r["is_headline"] for _, r in records[:HEADLINE_COUNT]] != ["true"] * HEADLINE_COUNT:
        problems.append("the first 13 rows must be the headline rows")

    seen_clause_target: dict[tuple, str] = {}
    for lineno, r in records:
        where = f"line {lineno} [{r['id']}]"
        if not ID_RE.match(r["id"]) or not r["id"].isascii():
            problems.append(f"{where}: id not ASCII snake_case")
        if r["plan_id"] != PLAN_ID:
            problems.append(f"{where}: plan_id {r['plan_id']!r} != {PLAN_ID!r}")
        if r["is_headline"] not in ("true", "false"):
            problems.append(f"{where}: is_headline must be true/false")
        for f in (
            "name_zh",
            "name_en",
            "category_zh",
            "category_en",
            "clause",
            "rule_kind",
            "attribute",
            "source_sentence",
            "target_year",
        ):
            if not r[f].strip():
                problems.append(f"{where}: {f} is empty")
        for f in r:
            if r[f] != r[f].strip():
                problems.append(f"{where}: {f} has leading/trailing whitespace")
            if "\n" in r[f] or "\r" in r[f]:
                problems.append(f"{where}: {f} contains a line break")

        # clause / also_in
        clause = r["clause"]
        if not CLAUSE_RE.match(clause):
            problems.append(f"{where}: bad clause format {clause!r}")
        elif clause not in sections:
            problems.append(f"{where}: clause {clause!r} not found in plan text")
        also = [a for a in r["also_in"].split(";")] if r["also_in"] else []
        for a in also:
            if not CLAUSE_RE.match(a):
                problems.append(f"{where}: bad also_in entry {a!r}")
            elif a not in sections:
                problems.append(f"{where}: also_in {a!r} not found in plan text")
            elif a == clause:
                problems.append(f"{where}: also_in repeats the primary clause")
        if len(set(also)) != len(also):
            problems.append(f"{where}: duplicate also_in entries")

        # chapter_no
        ch = clause_chapter(clause, by_id) if CLAUSE_RE.match(clause) else None
        if not r["chapter_no"].isdigit():
            problems.append(f"{where}: chapter_no {r['chapter_no']!r} not an integer")
        elif ch is not None and int(r["chapter_no"]) != ch:
            problems.append(f"{where}: chapter_no {r['chapter_no']} != chapter of {clause} ({ch})")

        # category
        cat = (r["category_zh"], r["category_en"])
        if r["is_headline"] == "true":
            m = CLAUSE_RE.match(clause)
            if m and m.group("box") == "1":
                exp = HEADLINE_CATEGORY.get(int(m.group("item")))
                if cat != exp:
                    problems.append(f"{where}: category {cat} != {exp}")
            if r["attribute"] not in ("binding", "expected"):
                problems.append(f"{where}: headline attribute must be binding/expected")
        else:
            if clause.startswith("专栏1-"):
                problems.append(f"{where}: non-headline row with 专栏1 clause")
            exp = CHAPTER_CATEGORY.get(ch) if ch else None
            if exp is None:
                problems.append(f"{where}: chapter {ch} has no category in the fixed list")
            elif cat != exp:
                problems.append(f"{where}: category {cat} != {exp}")
            if r["attribute"] != "none":
                problems.append(f"{where}: non-headline attribute must be 'none'")

        # enums
        rk = r["rule_kind"]
        if rk not in RULE_KINDS:
            problems.append(f"{where}: rule_kind {rk!r} not allowed")
        if r["attribute"] not in ATTRIBUTES:
            problems.append(f"{where}: attribute {r['attribute']!r} not allowed")
        ref = r["reference_series"]
        if rk in RELATIVE_KINDS:
            if not ref:
                problems.append(f"{where}: reference_series required for {rk}")
            elif ref not in REFERENCE_SERIES:
                problems.append(f"{where}: reference_series {ref!r} not allowed")
            if rk == "rising" and ref and ref != "previous_year":
                problems.append(f"{where}: rising should reference previous_year")
        elif ref:
            problems.append(f"{where}: reference_series must be empty for {rk}")

        # numbers
        for f in ("baseline_value", "baseline_year", "target_value", "target_year"):
            if r[f] and not is_float(r[f]):
                problems.append(f"{where}: {f} {r[f]!r} is not numeric")
        for f in ("baseline_year", "target_year"):
            if r[f] and is_float(r[f]) and not (r[f].isdigit() and 2000 <= int(r[f]) <= 2035):
                problems.append(f"{where}: {f} {r[f]!r} is not a plausible year")
        if bool(r["baseline_value"]) != bool(r["baseline_year"]):
            problems.append(f"{where}: baseline_value and baseline_year must be both set or both empty")
        if rk not in RELATIVE_KINDS and not r["target_value"]:
            problems.append(f"{where}: target_value required for {rk}")
        if rk in ("above_reference", "reach_reference") and r["target_value"]:
            problems.append(f"{where}: target_value should be empty for {rk}")
        if rk == "zero" and r["target_value"] and is_float(r["target_value"]) and float(r["target_value"]) != 0:
            problems.append(f"{where}: zero rule needs target_value 0")
        if rk != "zero" and r["target_value"] and is_float(r["target_value"]) and float(r["target_value"]) == 0:
            problems.append(f"{where}: target_value 0 but rule_kind is {rk}")
        if (
            r["unit"] == "%"
            and r["target_value"]
            and is_float(r["target_value"])
            and not 0 <= float(r["target_value"]) <= 100
        ):
            problems.append(f"{where}: percentage target out of range")

        # source sentence
        src = r["source_sentence"]
        if len(src) > MAX_SOURCE_LEN:
            problems.append(f"{where}: source_sentence is {len(src)} chars (> {MAX_SOURCE_LEN})")
        if src and src not in plan:
            problems.append(f"{where}: source_sentence is not an exact substring of the plan text")
        elif src and clause in sections and normalise(src) not in sections[clause]:
            problems.append(f"{where}: source_sentence not inside section {clause}")

        key = (clause, src, r["name_zh"])
        if key in seen_clause_target:
            problems.append(f"{where}: same clause/source/name as {seen_clause_target[key]}")
        seen_clause_target[key] = r["id"]

    # non-headline rows must follow the order of the plan text
    # (section order, then position of source_sentence inside the section)
    order = {k: i for i, k in enumerate(sections)}
    prev = None
    for lineno, r in non_headline:
        sec = sections.get(r["clause"])
        src = normalise(r["source_sentence"])
        if sec is None or src not in sec:
            continue
        pos = (order[r["clause"]], sec.index(src))
        if prev is not None and pos < prev[0]:
            problems.append(f"line {lineno} [{r['id']}]: out of plan-text order (after {prev[1]})")
        prev = (pos, r["id"])

    return problems


def main(argv: list[str]) -> int:
    csv_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CSV
    plan_path = Path(argv[2]) if len(argv) > 2 else DEFAULT_PLAN
    problems = check(csv_path, plan_path)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) found")
        return 1
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    per_ch = Counter(int(r["chapter_no"]) for r in rows)
    print(
        f"OK: {len(rows)} rows "
        f"({sum(r['is_headline'] == 'true' for r in rows)} headline); per chapter: "
        + ", ".join(f"ch{k}={v}" for k, v in sorted(per_ch.items()))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
