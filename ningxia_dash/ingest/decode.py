"""Bytes of an uploaded file → a grid of cell texts: CSV read in-process (csv_text.py), or xlsx / xls through
python-calamine run in a child process (excel_child.py) after the zip, the declared dimensions and the text lengths
were checked (xlsx_check.py, limits.py).

Row i of the grid (0-based) is row i+1 as Excel shows the file, so error messages can name rows the officer finds.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from ningxia_dash.ingest import limits
from ningxia_dash.ingest.csv_text import read_csv
from ningxia_dash.ingest.excel_child import column_letters
from ningxia_dash.ingest.grid import DecodeError, Grid, human_size
from ningxia_dash.ingest.limits import MAX_BYTES, MB
from ningxia_dash.ingest.messages import Issue
from ningxia_dash.ingest.xlsx_check import check_xlsx, dimension_issue

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


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
        raise DecodeError(dimension_issue(result["sheet"], ref, result["rows"], result["cols"]))
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
