"""What decoding an uploaded file produces: a Grid of cell texts, or a DecodeError carrying the Issue to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from ningxia_dash.ingest.messages import Issue


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
