"""The Excel reader's own process: python-calamine (native code) reads the workbook here, under an address-space
limit, so a hostile file that makes it abort or grow kills only this child, never the app (ingest/decode.py runs it
and turns a crash, an overrun or a timeout into a Chinese message).

Run as a script (`python -I excel_child.py MEMORY MAX_CELLS MAX_COLS MAX_ROWS MAX_CELL_CHARS MAX_TEXT_CHARS`):
the workbook's bytes arrive on stdin, one JSON object leaves on stdout — {"sheets": [[name, rows], …]} with every
cell as the text a person reads, or {"error": code, …}. Imports only the standard library and python_calamine, so
it starts fast and small; decode.py imports column_letters from here.
"""

from __future__ import annotations

import io
import json
import math
import sys
from datetime import date, datetime, time, timedelta


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


def column_letters(j: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        out = chr(65 + r) + out
    return out


def read(content: bytes, limits: dict[str, int]) -> dict[str, object]:
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
        names = list(wb.sheet_names)
        sheets: list[list[object]] = []
        cells = chars = 0
        for name in names:
            sheet = wb.get_sheet_by_name(name)
            end_row, end_col = sheet.end or (-1, -1)
            rows, cols = end_row + 1, end_col + 1
            cells += rows * cols
            if rows > limits["rows"] or cols > limits["cols"] or cells > limits["cells"]:
                return {"error": "dimensions", "sheet": name, "rows": rows, "cols": cols}
            grid: list[list[str]] = []
            for i, raw in enumerate(sheet.to_python(skip_empty_area=False)):
                row = [cell_text(v) for v in raw]
                for j, text in enumerate(row):
                    if len(text) > limits["cell_chars"]:
                        where = f"{column_letters(j)}{i + 1}"
                        return {"error": "cell_too_long", "sheet": name, "cell": where, "n": len(text)}
                    chars += len(text)
                if chars > limits["text_chars"]:
                    return {"error": "too_much_text", "sheet": name}
                grid.append(row)
            sheets.append([name, grid])
    except PasswordError:
        return {"error": "password"}
    except MemoryError:
        return {"error": "memory"}
    except Exception as exc:  # calamine raises several error types for damaged files
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return {"error": "broken", "detail": detail}
    return {"sheets": sheets}


def main(argv: list[str]) -> int:
    import resource

    memory, cells, cols, rows, cell_chars, text_chars = argv
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = int(memory) if hard == resource.RLIM_INFINITY else min(int(memory), hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    limits = {
        "cells": int(cells),
        "cols": int(cols),
        "rows": int(rows),
        "cell_chars": int(cell_chars),
        "text_chars": int(text_chars),
    }
    content = sys.stdin.buffer.read()
    result = read(content, limits)
    del content
    out = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    sys.stdout.buffer.write(out)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
