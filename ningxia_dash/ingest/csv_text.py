"""CSV bytes → a Grid: the encoding detected (UTF-8 / UTF-8-BOM / GBK / GB18030 / UTF-16, implausible GBK refused),
the delimiter sniffed, rows read strictly so a stray quote is reported at its row and column."""

from __future__ import annotations

import csv
import io

from ningxia_dash.ingest import limits
from ningxia_dash.ingest.grid import DecodeError, Grid
from ningxia_dash.ingest.messages import Issue

DELIMITERS = (",", "\t", ";", "|")
_DEDUP_LIMIT = 200_000
_DEDUP_ABOVE = 25_000_000  # characters


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
