"""Read the static HTML tables a page draws (ningxia_dash/html_table.py) back into DataFrames, as a reader sees
them: the text of each cell, plus each row's link and hover text."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append({"head": [], "rows": [], "links": [], "titles": []})
        elif tag == "thead":
            self._head = True
        elif tag == "tbody":
            self._head = False
        elif tag == "tr":
            self._row = []
            if not self._head and self.tables:
                self.tables[-1]["titles"].append(a.get("title"))
                self.tables[-1]["links"].append(None)
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a" and self.tables and not self._head and self.tables[-1]["links"]:
            self.tables[-1]["links"][-1] = a.get("href")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            (self.tables[-1]["head"] if self._head else self.tables[-1]["rows"]).append(self._row)
            self._row = None


def read_tables(markup: str) -> list[pd.DataFrame]:
    """Every <table> in `markup`: a DataFrame of cell texts with `attrs` {"links": [...], "titles": [...]}."""
    parser = _Tables()
    parser.feed(markup)
    out = []
    for tb in parser.tables:
        frame = pd.DataFrame(tb["rows"], columns=tb["head"][0] if tb["head"] else None)
        frame.attrs = {"links": tb["links"], "titles": tb["titles"]}
        out.append(frame)
    return out


def page_tables(at: object) -> list[pd.DataFrame]:
    """Every static HTML table an AppTest run drew (st.html elements)."""
    return [frame for h in at.html for frame in read_tables(h.value)]  # type: ignore[attr-defined]


class _Ranking(HTMLParser):
    """The rows of a static ranking (places/ranking.py): per row its hover text, name, picked place and value text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self._part: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if "nx-rank-row" in cls:
            self.rows.append({"title": a.get("title") or "", "name": "", "pick": "", "text": ""})
        elif self.rows and ("nx-rank-name" in cls or "nx-rank-text" in cls):
            self._part = "name" if "nx-rank-name" in cls else "text"
        elif tag == "a" and self.rows and not self.rows[-1]["pick"]:
            self.rows[-1]["pick"] = a.get("data-nx-pick") or ""

    def handle_data(self, data: str) -> None:
        if self._part and self.rows:
            self.rows[-1][self._part] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._part = None


def ranking_rows(markup: str) -> list[dict[str, str]]:
    """A static ranking's rows, top first: {"name", "text", "title", "pick"} as a reader sees and clicks them."""
    parser = _Ranking()
    parser.feed(markup)
    return [{k: v.strip() for k, v in row.items()} for row in parser.rows]


def page_stats(at: object) -> dict[str, tuple[str, str | None]]:
    """The headline figures an AppTest run drew as static HTML (html_table.stat_row_html): label → (value, the
    hover help or None), the text a reader sees."""
    import re
    from html import unescape

    found: dict[str, tuple[str, str | None]] = {}
    stat = re.compile(
        r'<div class="nx-stat-label">([^<]*)(?:<span class="nx-stat-help" title="([^"]*)"[^>]*>\?</span>)?</div>'
        r'<div class="nx-stat-value">([^<]*)</div>'
    )
    for h in at.html:  # type: ignore[attr-defined]
        for label, help_text, value in stat.findall(h.value):
            found[unescape(label)] = (unescape(value), unescape(help_text) if help_text else None)
    return found
