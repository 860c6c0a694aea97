"""Every limit an uploaded file is held to, in one place (docs/UPLOAD.md "Limits" explains each).

A file that passes MAX_BYTES may still be hostile: a small xlsx can declare a sheet of 17 billion cells or expand to
gigabytes, a CSV can hold one enormous field or a million columns. These limits are checked before the expensive
step they protect, so the answer is a Chinese message within seconds and the process stays inside MEMORY_BUDGET.
"""

from __future__ import annotations

MB = 1024 * 1024

# The budget a single import may use, whatever the file: the page's server process or the CLI, everything included.
MEMORY_BUDGET = 1536 * MB

MAX_BYTES = 20 * MB  # file size (page and CLI; the CLI's --max-mb raises it for large batch loads of CSV)

# Excel (xlsx / xls), checked on the zip before python-calamine sees the file …
MAX_UNZIPPED = 200 * MB  # all members of an xlsx together, decompressed
MAX_RATIO = 200  # decompressed : compressed, per member larger than RATIO_FLOOR
RATIO_FLOOR = 1 * MB
MAX_MEMBERS = 2_000  # files inside the zip
MAX_SHEETS = 100
# … and again on what the reader finds (the declared <dimension> of an xlsx sheet, the real used range of any sheet)
MAX_ROWS = 1_048_576  # Excel's own sheet limit (CSV too)
MAX_COLS = 1_000  # columns of a sheet or a CSV row with content (the widest template has 12)
MAX_CELLS = 3_000_000  # rows × columns of all sheets of a workbook together
MAX_CELL_CHARS = 32_767  # one cell: Excel's own limit
MAX_TEXT_CHARS = 64_000_000  # all cell texts of a workbook together

# The Excel reader runs in a child process (ingest/excel_child.py) with these limits; a crash or overrun there
# becomes a message, never a dead server.
EXCEL_MEMORY = 1024 * MB  # the child's address space (RLIMIT_AS)
EXCEL_SECONDS = 60  # wall-clock time before the child is killed

MAX_ERRORS = 1_000  # errors listed per file; the rest are summed up as "已显示前1000处错误，其余略"
