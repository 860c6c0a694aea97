"""Bytes of an uploaded file → a grid of cell texts: CSV in UTF-8 / UTF-8-BOM / GBK / GB18030 / UTF-16 with the
delimiter sniffed, or xlsx / xls through python-calamine run in a child process (excel_child.py) after the zip, the
declared dimensions and the text lengths were checked (limits.py).

Row i of the grid (0-based) is row i+1 as Excel shows the file, so error messages can name rows the officer finds.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import signal
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ningxia_dash.ingest import limits
from ningxia_dash.ingest.excel_child import column_letters
from ningxia_dash.ingest.limits import MAX_BYTES, MB
from ningxia_dash.ingest.messages import Issue

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DELIMITERS = (",", "\t", ";", "|")
_DEDUP_LIMIT = 200_000
_DEDUP_ABOVE = 25_000_000  # characters


class DecodeError(ValueError):
    """The file cannot be turned into a table at all; carries the Issue to show (and, for a CSV broken at some row,
    the rows read before it, so the pipeline can name the column from the header)."""

    def __init__(self, issue: Issue, rows: list[list[str]] | None = None) -> None:
        super().__init__(issue.code)
        self.issue = issue
        self.rows = rows or []


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
        if head.count(0) <= max(2, len(head) // 100):  # a text table with a stray NUL: say where it is
            try:
                decode_text(content[:20_000].replace(b"\x00", b""))
            except DecodeError:
                raise DecodeError(Issue("file.binary")) from None
            nul = content.find(b"\x00")
            raise DecodeError(Issue("file.nul", row=content.count(b"\n", 0, nul) + 1))
        raise DecodeError(Issue("file.binary"))
    for codec, name in (("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            text = content.decode(codec, errors="strict")
        except UnicodeDecodeError:
            continue
        if codec != "utf-8":
            _plausible_chinese(text, content, name)
        return _checked(text, name)
    raise DecodeError(Issue("file.encoding"))


def _odd(c: str) -> bool:
    """A character that simplified-Chinese text from Excel hardly ever holds, but that other encodings read as GBK
    produce all the time: hanzi outside GB2312's 6,763, private-use code points, kana, Greek, Cyrillic, box drawing."""
    o = ord(c)
    if 0x4E00 <= o <= 0x9FFF:
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            return True
        return False
    return 0xE000 <= o <= 0xF8FF or 0x3040 <= o <= 0x30FF or 0x0370 <= o <= 0x04FF or 0x2500 <= o <= 0x257F


def _plausible_chinese(text: str, content: bytes, name: str) -> None:
    """Text that decodes as GBK is not necessarily GBK: Big5 (Traditional Chinese) decodes without error into
    rare characters. Refuse when too many of the non-ASCII characters are ones GBK files hardly hold."""
    sample = [c for c in text[:200_000] if c >= "\u0370"]
    odd = sum(map(_odd, sample))
    if odd < 3 or odd < 0.2 * len(sample):
        return
    try:
        content[:400_000].decode("big5", errors="strict")
        big5 = True
    except UnicodeDecodeError as exc:
        big5 = exc.start > 399_990  # only the cut at the sample's end
    raise DecodeError(Issue("file.big5" if big5 else "file.garbled", params={"encoding": name}))


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
    lines = [ln for ln in text[:100_000].splitlines()[:60] if ln.strip() and not ln.lstrip().startswith("#")][:40]
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
    if (nul := text.find("\x00")) >= 0:
        raise DecodeError(Issue("file.nul", row=text.count("\n", 0, nul) + 1))
    delimiter = sniff_delimiter(text)
    # One field may be as long as the file (the validator then says which cell is too long); strict: a stray
    # quote that never closes is an error at its row, not the rest of the file swallowed into one cell.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    if text.count("\n") > limits.MAX_ROWS:
        raise DecodeError(Issue("file.too_many_rows", params={"max": f"{limits.MAX_ROWS:,}"}))
    try:
        if len(text) < _DEDUP_ABOVE:
            rows = list(reader)
        else:
            # Big files (the CLI may raise the limit): equal cell texts (ids, regions, years) share one string
            # object, so a million rows stay well inside the memory budget.
            pool: dict[str, str] = {}
            rows = []
            for record in reader:
                if len(pool) < _DEDUP_LIMIT:
                    record = list(map(pool.setdefault, record, record))
                rows.append(record)
    except csv.Error as exc:
        raise DecodeError(*_quote_error(text, delimiter)) from exc
    if max(map(len, rows), default=0) > limits.MAX_COLS:
        for i, record in enumerate(rows):
            while len(record) > limits.MAX_COLS and not record[-1].strip():
                record.pop()  # trailing empty cells (a row of commas) are harmless
            if len(record) > limits.MAX_COLS:
                issue = Issue("file.too_many_columns", row=i + 1, params={"n": len(record), "max": limits.MAX_COLS})
                raise DecodeError(issue)
    if '"' in text:
        _swallowed_rows(rows, delimiter)
    return Grid(rows, "csv", encoding=encoding, delimiter=delimiter)


def _quote_error(text: str, delimiter: str) -> tuple[Issue, list[list[str]]]:
    """The row where strict reading failed (a quote that never closes), read again record by record, and the
    column of the stray quote: the last field of that row's first line, which the open quote ran into."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    line = 0
    try:
        for record in reader:
            rows.append(record)
            line = reader.line_num
    except csv.Error:
        pass
    start = text.split("\n", line + 1)[line] if line <= text.count("\n") else ""
    column = len(next(csv.reader([start.rstrip("\r")], delimiter=delimiter), [""])) - 1
    return stray_quote(len(rows) + 1, column), rows


def stray_quote(row: int, column: int) -> Issue:
    return Issue("file.stray_quote", row=row, params={"col": column + 1, "col_index": column})


def _swallowed_rows(rows: list[list[str]], delimiter: str) -> None:
    """A quote opened in one cell and closed by a quote in a later row makes one cell of every row between: a cell
    with a line break followed by a line that holds a whole row's worth of delimiters is such a swallow."""
    widths = [len(r) for r in rows[:60] if len(r) > 1]
    width = max(set(widths), key=widths.count) if widths else 0
    if width < 3:
        return
    for i, record in enumerate(rows):
        for j, cell in enumerate(record):
            if ("\n" in cell or "\r" in cell) and any(ln.count(delimiter) >= width - 1 for ln in cell.splitlines()[1:]):
                raise DecodeError(stray_quote(i + 1, j), rows[:i])


# ---------------------------------------------------------------- Excel


def _zip_text(zf: zipfile.ZipFile, name: str, limit: int = 1 * MB) -> str:
    try:
        with zf.open(name) as fh:
            return fh.read(limit).decode("utf-8", errors="replace")
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        return ""


def _attr(tag: str, name: str) -> str | None:
    m = re.search(rf'\b{name}="([^"]*)"', tag)
    return html.unescape(m[1]) if m else None


def sheet_names_by_member(zf: zipfile.ZipFile) -> dict[str, str]:
    """xl/worksheets/sheetN.xml → the sheet's name as the officer sees it (from workbook.xml and its rels)."""
    targets: dict[str, str] = {}
    for m in re.finditer(r"<Relationship\b[^>]*>", _zip_text(zf, "xl/_rels/workbook.xml.rels")):
        rid, target = _attr(m[0], "Id"), _attr(m[0], "Target")
        if rid and target:
            targets[rid] = "xl/" + target.lstrip("/").removeprefix("xl/")
    names: dict[str, str] = {}
    for m in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", _zip_text(zf, "xl/workbook.xml")):
        name, rid = _attr(m[0], "name"), _attr(m[0], "r:id")
        if name is not None and rid in targets:
            names[targets[rid]] = name
    return names


def _cell_ref(ref: str) -> tuple[int, int]:
    """'XFD1048576' → (1048576, 16384)."""
    m = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})", ref)
    if not m:
        return (0, 0)
    col = 0
    for ch in m[1].upper():
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col


def check_xlsx(content: bytes) -> None:
    """Before the Excel reader sees an xlsx: the zip's member count, total decompressed size and per-member ratio,
    each sheet's declared <dimension> (only the head of its XML is inflated) and the longest text in the sheets and
    shared strings (streamed). Raises DecodeError naming the sheet and the limit."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DecodeError(Issue("file.excel_broken", params={"detail": str(exc)[:120] or "zip"})) from exc
    names = {i.filename for i in infos}
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        raise DecodeError(Issue("file.zip_not_excel"))
    total = sum(i.file_size for i in infos)
    if len(infos) > limits.MAX_MEMBERS or total > limits.MAX_UNZIPPED:
        raise DecodeError(
            Issue("file.zip_bomb", params={"size": human_size(total), "limit": human_size(limits.MAX_UNZIPPED)})
        )
    for i in infos:
        if i.file_size > limits.RATIO_FLOOR and i.file_size > limits.MAX_RATIO * max(i.compress_size, 1):
            raise DecodeError(
                Issue("file.zip_bomb", params={"size": human_size(total), "limit": human_size(limits.MAX_UNZIPPED)})
            )
    sheets = sheet_names_by_member(zf)
    members = sorted(n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n))
    if len(members) > limits.MAX_SHEETS:
        raise DecodeError(Issue("file.too_many_sheets", params={"n": len(members), "max": limits.MAX_SHEETS}))
    cells = 0
    for member in members:
        sheet = sheets.get(member, member.rsplit("/", 1)[-1])
        m = re.search(r'<(?:\w+:)?dimension\s+ref="([^"]+)"', _zip_text(zf, member, 64 * 1024))
        if m:
            corners = [_cell_ref(part) for part in m[1].split(":")]
            rows, cols = corners[-1]
            cells += rows * cols
            if rows > limits.MAX_ROWS or cols > limits.MAX_COLS or cells > limits.MAX_CELLS:
                raise DecodeError(_dimension_issue(sheet, m[1], rows, cols))
    text_members = [n for n in names if n == "xl/sharedStrings.xml"] + members
    for member in text_members:
        longest = _longest_text(zf, member)
        if longest > limits.MAX_CELL_CHARS * _ENTITY_BYTES:
            where = sheets.get(member, "共享字符串" if member.endswith("sharedStrings.xml") else member)
            raise DecodeError(
                Issue(
                    "file.cell_too_long",
                    params={
                        "sheet": where,
                        "cell": "—",
                        "n": f"> {limits.MAX_CELL_CHARS}",
                        "max": limits.MAX_CELL_CHARS,
                    },
                )
            )


_ENTITY_BYTES = 10  # a character in the XML takes at most this many bytes ('&#25351;' is 8)


def _longest_text(zf: zipfile.ZipFile, member: str) -> int:
    """The longest run of bytes between two tags of a member, inflated 1 MB at a time (never all at once)."""
    longest = carry = 0
    try:
        with zf.open(member) as fh:
            while chunk := fh.read(1 * MB):
                parts = chunk.split(b"<")
                if len(parts) == 1:
                    carry += len(chunk)
                else:
                    longest = max(longest, carry + len(parts[0]), max(map(len, parts[1:-1]), default=0))
                    carry = len(parts[-1])
                longest = max(longest, carry)
                if longest > limits.MAX_CELL_CHARS * _ENTITY_BYTES:
                    break
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
        raise DecodeError(Issue("file.excel_broken", params={"detail": str(exc)[:120] or member})) from exc
    return longest


def _dimension_issue(sheet: str, ref: str, rows: int, cols: int) -> Issue:
    return Issue(
        "file.sheet_too_large",
        params={
            "sheet": sheet,
            "ref": ref,
            "rows": rows,
            "cols": cols,
            "max_rows": limits.MAX_ROWS,
            "max_cols": limits.MAX_COLS,
            "max_cells": limits.MAX_CELLS,
        },
    )


CHILD = Path(__file__).with_name("excel_child.py")


def read_excel(content: bytes, fmt: str, choose_sheet: object = None) -> Grid:
    """Read every sheet's grid (from cell A1, so row numbers match Excel) in a child process with a memory limit
    and a timeout (excel_child.py). choose_sheet(rows) → score picks the sheet that holds the data; the first sheet
    wins ties."""
    if fmt == "xlsx":
        check_xlsx(content)
    elif "EncryptedPackage".encode("utf-16-le") in content[: 1 * MB]:
        raise DecodeError(Issue("file.excel_password"))  # an encrypted xlsx is an OLE container, like an .xls
    args = [
        limits.EXCEL_MEMORY,
        limits.MAX_CELLS,
        limits.MAX_COLS,
        limits.MAX_ROWS,
        limits.MAX_CELL_CHARS,
        limits.MAX_TEXT_CHARS,
    ]
    try:
        done = subprocess.run(
            [sys.executable, "-I", str(CHILD), *map(str, args)],
            input=content,
            capture_output=True,
            timeout=limits.EXCEL_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DecodeError(Issue("file.excel_timeout", params={"seconds": limits.EXCEL_SECONDS})) from exc
    except OSError as exc:  # the child could not even start (no memory for a new process)
        raise DecodeError(Issue("file.excel_crash", params={"how": str(exc)[:80]})) from exc
    result = None
    if done.returncode == 0:
        try:
            result = json.loads(done.stdout)
        except ValueError:
            result = None
    if not isinstance(result, dict):
        code = done.returncode
        name = signal.Signals(-code).name if code < 0 and -code in signal.valid_signals() else f"exit {code}"
        how: tuple[str, str] = (f"信号 {name}", f"signal {name}") if code < 0 else (name, name)
        if b"MemoryError" in done.stderr or b"memory allocation" in done.stderr:
            how = ("内存超限", "out of memory")
        raise DecodeError(Issue("file.excel_crash", params={"how": how, "memory": human_size(limits.EXCEL_MEMORY)}))
    del done
    error = result.get("error")
    if error == "password":
        raise DecodeError(Issue("file.excel_password"))
    if error == "broken":
        raise DecodeError(Issue("file.excel_broken", params={"detail": result.get("detail", "")}))
    if error == "dimensions":
        ref = f"A1:{column_letters(max(result['cols'] - 1, 0))}{result['rows']}"
        raise DecodeError(_dimension_issue(result["sheet"], ref, result["rows"], result["cols"]))
    if error == "cell_too_long":
        raise DecodeError(
            Issue(
                "file.cell_too_long",
                params={
                    "sheet": result["sheet"],
                    "cell": result["cell"],
                    "n": result["n"],
                    "max": limits.MAX_CELL_CHARS,
                },
            )
        )
    if error == "too_much_text":
        raise DecodeError(
            Issue("file.too_much_text", params={"sheet": result["sheet"], "max": f"{limits.MAX_TEXT_CHARS:,}"})
        )
    if error is not None:
        raise DecodeError(
            Issue("file.excel_crash", params={"how": str(error), "memory": human_size(limits.EXCEL_MEMORY)})
        )
    grids: list[tuple[str, list[list[str]]]] = [(str(n), rows) for n, rows in result["sheets"]]
    names = [n for n, _ in grids]
    if not grids:
        raise DecodeError(Issue("file.excel_broken", params={"detail": "no sheets"}))
    chosen = grids[0]
    if callable(choose_sheet):
        scores = [choose_sheet(rows) for _, rows in grids]
        best = max(range(len(grids)), key=lambda i: (scores[i], -i))
        chosen = grids[best]
    return Grid(chosen[1], fmt, sheet=chosen[0], sheets=names)


def read_grid(content: bytes, choose_sheet: object = None, max_bytes: int = MAX_BYTES, file_name: str = "") -> Grid:
    """Any accepted file → Grid, or DecodeError with the reason."""
    check_size(content, max_bytes)
    fmt = sniff_format(content)
    suffix = Path(file_name).suffix.lower()
    if fmt == "csv" and suffix in (".xlsx", ".xls", ".xlsm"):
        raise DecodeError(Issue("file.not_excel", params={"suffix": suffix}))
    if fmt in ("xlsx", "xls"):
        return read_excel(content, fmt, choose_sheet)
    return read_csv(content)
