"""Bytes of an uploaded file → a grid of cell texts: CSV in UTF-8 / UTF-8-BOM / GBK / GB18030 / UTF-16 with the
delimiter sniffed, or xlsx / xls through python-calamine (pure Python; imports no streamlit, no duckdb).

Row i of the grid (0-based) is row i+1 as Excel shows the file, so error messages can name rows the officer finds.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ningxia_dash.ingest.messages import Issue

MAX_BYTES = 20 * 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS = (",", "\t", ";", "|")
_DEDUP_LIMIT = 200_000
_DEDUP_ABOVE = 25_000_000  # characters


class DecodeError(ValueError):
    """The file cannot be turned into a table at all; carries the Issue to show."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.code)
        self.issue = issue


@dataclass
class Grid:
    """Every cell as text ('' when empty), rows as the file holds them, with how the file was read."""

    rows: list[list[str]]
    fmt: str  # csv / xlsx / xls
    encoding: str | None = None  # UTF-8, UTF-8 (BOM), GBK, GB18030, UTF-16 LE (BOM) …
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)


def human_size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(n / 1024, 0.1):.1f} KB"


def check_size(content: bytes, max_bytes: int = MAX_BYTES) -> None:
    if not content:
        raise DecodeError(Issue("file.empty"))
    if len(content) > max_bytes:
        raise DecodeError(
            Issue("file.too_large", params={"size": human_size(len(content)), "limit": human_size(max_bytes)})
        )


def sniff_format(content: bytes) -> str:
    if content.startswith(ZIP_MAGIC):
        return "xlsx"
    if content.startswith(OLE_MAGIC):
        return "xls"
    return "csv"


# ---------------------------------------------------------------- text


def decode_text(content: bytes) -> tuple[str, str]:
    """(text, encoding name as shown to the officer). Raises DecodeError for binary junk or unknown encodings."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _checked(content[3:].decode("utf-8", errors="strict"), "UTF-8 (BOM)")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec, name = (
            ("utf-16-le", "UTF-16 LE (BOM)") if content[:2] == b"\xff\xfe" else ("utf-16-be", "UTF-16 BE (BOM)")
        )
        return _utf16(content[2:], codec, name)
    head = content[:4096]
    if b"\x00" in head:
        # UTF-16 without a BOM: ASCII characters (delimiters, digits, line ends) put their zero byte on one side.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        for codec, name, zeros, others in (
            ("utf-16-le", "UTF-16 LE", odd, even),
            ("utf-16-be", "UTF-16 BE", even, odd),
        ):
            if len(content) % 2 == 0 and zeros and others <= zeros * 0.02:
                try:
                    return _checked(content.decode(codec, errors="strict"), name)
                except (UnicodeDecodeError, DecodeError):
                    break
        raise DecodeError(Issue("file.binary"))
    for codec, name in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            return _checked(content.decode(codec, errors="strict"), name)
        except UnicodeDecodeError:
            continue
    raise DecodeError(Issue("file.encoding"))


def _utf16(content: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return _checked(content.decode(codec, errors="strict"), name)
    except UnicodeDecodeError as exc:
        raise DecodeError(Issue("file.encoding")) from exc


def _checked(text: str, name: str) -> tuple[str, str]:
    """Text full of control characters is binary that happened to decode."""
    sample = text[:20_000]
    controls = sum(1 for c in sample if (c < " " and c not in "\t\r\n") or "\x7f" <= c < "\xa0")
    if sample and controls > max(2, len(sample) // 200):
        raise DecodeError(Issue("file.binary"))
    return text, name


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most columns, most consistently. Lines starting with
    '#' (the template's explanations) do not vote."""
    lines = [ln for ln in text.splitlines()[:60] if ln.strip() and not ln.lstrip().startswith("#")][:40]
    best, best_score = ",", 0.0
    for delim in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        if not counts:
            continue
        mode = max(set(counts), key=counts.count)
        if mode < 2:
            continue
        consistency = counts.count(mode) / len(counts)
        score = consistency * min(mode, 12) + (0.01 if delim == "," else 0)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(content: bytes) -> Grid:
    text, encoding = decode_text(content)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    if len(text) < _DEDUP_ABOVE:
        rows = list(reader)
    else:
        # Big files (the CLI may raise the limit): equal cell texts (ids, regions, years) share one string object,
        # so a million rows stay well inside 1 GB.
        pool: dict[str, str] = {}
        rows = []
        for record in reader:
            if len(pool) < _DEDUP_LIMIT:
                record = list(map(pool.setdefault, record, record))
            rows.append(record)
    return Grid(rows, "csv", encoding=encoding, delimiter=delimiter)


# ---------------------------------------------------------------- Excel


def cell_text(value: object) -> str:
    """An Excel cell as the text a person reads: 2024.0 → '2024', 0.1 → '0.1', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def read_excel(content: bytes, fmt: str, choose_sheet: object = None) -> Grid:
    """Read every sheet's grid (from cell A1, so row numbers match Excel). choose_sheet(rows) → score picks the
    sheet that holds the data; the first sheet wins ties."""
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = list(wb.sheet_names)
        grids: list[tuple[str, list[list[str]]]] = []
        for name in names:
            raw = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            grids.append((name, [[cell_text(v) for v in row] for row in raw]))
    except PasswordError as exc:
        raise DecodeError(Issue("file.excel_password")) from exc
    except Exception as exc:  # calamine raises several error types for damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise DecodeError(Issue("file.excel_broken", params={"detail": detail})) from exc
    if not grids:
        raise DecodeError(Issue("file.excel_broken", params={"detail": "no sheets"}))
    chosen = grids[0]
    if callable(choose_sheet):
        scores = [choose_sheet(rows) for _, rows in grids]
        best = max(range(len(grids)), key=lambda i: (scores[i], -i))
        chosen = grids[best]
    return Grid(chosen[1], fmt, sheet=chosen[0], sheets=names)


def read_grid(content: bytes, choose_sheet: object = None, max_bytes: int = MAX_BYTES) -> Grid:
    """Any accepted file → Grid, or DecodeError with the reason."""
    check_size(content, max_bytes)
    fmt = sniff_format(content)
    if fmt in ("xlsx", "xls"):
        return read_excel(content, fmt, choose_sheet)
    return read_csv(content)
