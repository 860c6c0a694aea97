"""A grid of cell texts → the kind's columns: find the header row (title rows above it, merged cells and English
headers are fine), map headers to columns, drop blank and comment rows, and turn texts into typed values
(full-width digits, ％, thousands separators, 是/否 …). Pure Python and pandas."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ningxia_dash.ingest.messages import Issue

if TYPE_CHECKING:  # the kinds' modules import this one; a kind arrives here as an argument
    from ningxia_dash.ingest.kinds.base import Col, Kind

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = {"合计", "总计", "小计", "total", "sum"}


def header_key(text: str) -> str:
    """A header as compared with names and aliases: NFKC, lower case, no spaces, no '*' or （必填） marks."""
    t = unicodedata.normalize("NFKC", text).strip().lower()
    t = re.sub(r"[（(]\s*(必填|选填|可选|required|optional)\s*[)）]", "", t)
    return re.sub(r"[\s*_\-]+", "", t)


def header_map(kind: Kind) -> dict[str, str]:
    """header_key(any accepted spelling: the Chinese header, the column's name, an alias) → the column's name."""
    out: dict[str, str] = {}
    for col in kind.cols:
        for spelling in (col.name, col.zh, *col.aliases):
            out.setdefault(header_key(spelling), col.name)
    return out


class ParseError(ValueError):
    """The file has no usable table for the kind (no header, missing columns, no rows)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(i.code for i in issues))
        self.issues = issues


@dataclass
class Parsed:
    """Raw cell texts of the kind's columns, indexed by Excel row number, and what was noticed on the way."""

    raw: pd.DataFrame  # canonical column → text ('' when blank); index = row number as Excel shows it
    header_row: int
    headers: dict[str, str]  # canonical column → the header as written in the file
    present: list[str]  # canonical columns present in the file
    issues: list[Issue] = field(default_factory=list)


def header_score(kind: Kind, row: list[str]) -> int:
    known = header_map(kind)
    return len({known[k] for k in (header_key(c) for c in row if c.strip()) if k in known})


def sheet_score(kind: Kind, rows: list[list[str]]) -> int:
    """How well a sheet's best header row matches the kind (picks the data sheet of a workbook)."""
    return max((header_score(kind, r) for r in rows[:HEADER_SCAN_ROWS]), default=0)


def find_header(kind: Kind, rows: list[list[str]]) -> int:
    """Index of the row naming the most of the kind's columns (the first such row); -1 when none names two."""
    best, best_score = -1, 1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        if row and row[0].lstrip().startswith("#"):
            continue
        score = header_score(kind, row)
        if score > best_score:
            best, best_score = i, score
    return best


def _expected_text(kind: Kind) -> str:
    return "".join(f"「{c.zh}」" for c in kind.required[:4])


def parse_grid(kind: Kind, rows: list[list[str]]) -> Parsed:
    """Locate the header, map columns, keep data rows (blank rows, '#' comments and rows after the table skipped)."""
    h = find_header(kind, rows)
    if h < 0:
        raise ParseError([Issue("file.no_header", params={"n": HEADER_SCAN_ROWS, "expected": _expected_text(kind)})])
    known = header_map(kind)
    header = [c.strip() for c in rows[h]]
    positions: dict[str, list[int]] = {}
    unknown: list[str] = []
    for j, text in enumerate(header):
        if not text:
            continue
        name = known.get(header_key(text))
        if name is None:
            unknown.append(text)
        else:
            positions.setdefault(name, []).append(j)
    issues: list[Issue] = []
    for js in positions.values():
        if len(js) > 1:
            issues.append(
                Issue(
                    "file.duplicate_column",
                    row=h + 1,
                    column=header[js[0]],
                    params={"col": header[js[0]], "positions": "、".join(str(j + 1) for j in js)},
                )
            )
    # A file naming indicators (villages, parks …) by name only: the name column stands in for the id column.
    for code, name_col in (("indicator_id", "indicator_name"),):
        if code not in positions and name_col in positions and any(c.name == code for c in kind.cols):
            positions[code] = positions.pop(name_col)
    missing = [c for c in kind.required if c.name not in positions]
    if missing:
        hint = _missing_hint(missing, unknown)
        issues.append(
            Issue(
                "file.missing_columns",
                row=h + 1,
                params={
                    "cols": ("、".join(f"「{c.zh}」" for c in missing), ", ".join(f"“{c.name}”" for c in missing)),
                    "hint": hint,
                },
            )
        )
    if issues:
        raise ParseError(issues)
    if unknown:
        issues.append(Issue("warn.ignored_columns", row=h + 1, params={"cols": "、".join(unknown)}, severity="warning"))

    take = {name: js[0] for name, js in positions.items()}
    width = max(take.values()) + 1
    header_width = max(j for j, text in enumerate(header) if text) + 1
    cols = list(take.items())
    idx = [j for _, j in cols]
    data_index: list[int] = []
    kept: list[list[str]] = []
    for i in range(h + 1, len(rows)):
        row = rows[i]
        if len(row) < width:
            row = row + [""] * (width - len(row))
        if not "".join([row[j] for j in idx]).strip():
            continue  # blank rows (also Excel's trailing ones)
        if "".join(row).lstrip().startswith("#"):
            continue  # the template's explanations
        data_index.append(i + 1)
        kept.append(row)
        if len(row) > header_width:
            extra = [c.strip() for c in row[header_width:] if c.strip()]
            if extra:
                issues.append(
                    Issue("cell.extra_cells", row=i + 1, params={"n": len(extra), "extra": "、".join(extra[:3])})
                )
    columns: dict[str, list[str]] = {name: [r[j].strip() for r in kept] for name, j in cols}
    if not data_index:
        raise ParseError([Issue("file.no_rows", params={"row": h + 1})])
    raw = pd.DataFrame(columns, index=pd.Index(data_index, name="row"), dtype=object)
    headers = {name: header[j] for name, j in take.items()}
    return Parsed(raw, h + 1, headers, list(take), issues)


def _missing_hint(missing: list[Col], unknown: list[str]) -> tuple[str, str]:
    """'（文件中的「数量」是否应为「数值」？）' when an unrecognised header is close to a missing one."""
    for col in missing:
        for text in unknown:
            if difflib.SequenceMatcher(None, header_key(text), header_key(col.zh)).ratio() >= 0.5:
                return (f"（文件中的「{text}」是否应为「{col.zh}」？）", f" (is “{text}” meant to be “{col.zh}”?)")
    return ("", "")


# ---------------------------------------------------------------- cell values

_SPACES = re.compile(r"[\s\u00a0\u2009\u202f\u3000]+")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_UNIT_SUFFIX = re.compile(r"^([+-]?[\d.,]+)\s*([^\d\s.,%]+)$")


def normalise_code(text: str) -> str:
    """Ids and codes: full-width forms folded (ＡＢ１ → AB1), spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip() if text else ""


def number_parts(text: str) -> tuple[float | None, bool, str]:
    """'1,234.5' → (1234.5, False, ''); '９６.５％' → (96.5, True, ''); '3万' → (None, False, '万');
    '(12)' → (-12.0, …); '—' → None. Returns (value or None, had a percent sign, stray unit suffix)."""
    t = unicodedata.normalize("NFKC", text).strip()
    if t in ("", "-", "—", "–", "/", "－"):
        return None, False, ""
    pct = t.endswith("%")
    if pct:
        t = t[:-1].strip()
    if t.startswith("(") and t.endswith(")"):
        t = "-" + t[1:-1]
    t = _SPACES.sub("", t)
    if "," in t:
        if _THOUSANDS.match(t):
            t = t.replace(",", "")
        elif t.count(",") == 1 and "." not in t and re.fullmatch(r"[+-]?\d+,\d+", t):
            return None, pct, ""  # '96,5': a decimal comma is ambiguous; refuse rather than guess
    try:
        return float(t), pct, ""
    except ValueError:
        m = _UNIT_SUFFIX.match(t)
        if m:
            return None, pct, m.group(2)
        return None, pct, ""


def parse_numbers(texts: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Vectorised fast path for plain numbers, number_parts for the rest: (values, percent flag, unit suffix)."""
    fast = pd.to_numeric(texts.where(texts != "", None), errors="coerce")
    values = fast.to_numpy(dtype="float64", na_value=np.nan, copy=True)
    pct = np.zeros(len(texts), dtype=bool)
    suffix = np.full(len(texts), "", dtype=object)
    slow = np.flatnonzero(np.isnan(values) & (texts != "").to_numpy())
    if len(slow):  # set all at once: element-wise .at on a file where every value is wrong took minutes
        cache: dict[str, tuple[float | None, bool, str]] = {}
        parts = [cache.get(t) or cache.setdefault(t, number_parts(t)) for t in texts.to_numpy()[slow]]
        values[slow] = [np.nan if v is None else v for v, _, _ in parts]
        pct[slow] = [p for _, p, _ in parts]
        suffix[slow] = [s for _, _, s in parts]
    index = texts.index
    return pd.Series(values, index=index), pd.Series(pct, index=index), pd.Series(suffix, index=index, dtype=object)


_BOOL = {
    "是": True,
    "否": False,
    "y": True,
    "n": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "√": True,
    "×": False,
    "✓": True,
    "x": False,
}


def parse_bool(text: str) -> bool | None:
    return _BOOL.get(unicodedata.normalize("NFKC", text).strip().lower())


def parse_year(text: str) -> int | None:
    t = unicodedata.normalize("NFKC", text).strip().removesuffix("年").removesuffix("年度").strip()
    if re.fullmatch(r"\d{4}(\.0+)?", t):
        return int(float(t))
    return None


_CN_NUM = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
    "十二": 12,
}


def parse_period(text: str) -> tuple[str, int] | None:
    """'' / 全年 → ('year', 0); Q1 / 一季度 / 第1季度 → ('quarter', 1); 3月 / M03 / 三月 → ('month', 3)."""
    t = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
    if t in ("", "全年", "年度", "year", "annual"):
        return ("year", 0)
    if m := re.fullmatch(r"q([1-4])|第?([1-4一二三四])季度?", t):
        d = m.group(1) or m.group(2)
        return ("quarter", int(d) if d.isdigit() else _CN_NUM[d])
    if m := re.fullmatch(r"m(\d{1,2})|(\d{1,2})月份?|(十[一二]|[一二三四五六七八九十])月份?", t):
        n = int(m.group(1) or m.group(2)) if (m.group(1) or m.group(2)) else _CN_NUM[m.group(3)]
        if 1 <= n <= 12:
            return ("month", n)
    return None


def parse_enum(col: Col, text: str) -> str | None:
    key = header_key(text)
    for stored, spellings in col.choices:
        if key in {header_key(s) for s in (stored, *spellings)}:
            return stored
    return None


def is_total_row(text: str) -> bool:
    return header_key(text) in TOTAL_WORDS
