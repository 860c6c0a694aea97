"""An xlsx checked before the Excel reader sees it: the zip directory, each sheet's declared dimensions and the
longest text in the sheets and shared strings (limits.py), without inflating whole members."""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib

from ningxia_dash.ingest import limits
from ningxia_dash.ingest.grid import DecodeError, human_size
from ningxia_dash.ingest.limits import MB
from ningxia_dash.ingest.messages import Issue


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
                raise DecodeError(dimension_issue(sheet, m[1], rows, cols))
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


def dimension_issue(sheet: str, ref: str, rows: int, cols: int) -> Issue:
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
