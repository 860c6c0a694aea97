"""Short tables people read (not sort) as static HTML: drawn by the browser at once, without the data grid's
script and canvas. Each row's name links to its detail page. Every cell is escaped (safe_text.html_text)."""

from __future__ import annotations

import html
import math
from urllib.parse import quote

import pandas as pd

from ningxia_dash.safe_text import html_text

STYLE = """
<style>
.nx-tbl-wrap{overflow-x:auto;border:1px solid rgba(49,51,63,.15);border-radius:.5rem}
.nx-tbl{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.35}
.nx-tbl th{position:sticky;top:0;background:#f8f9fb;color:#555;font-weight:600;text-align:left;white-space:nowrap}
.nx-tbl th,.nx-tbl td{padding:.35rem .55rem;border-bottom:1px solid rgba(49,51,63,.1);vertical-align:top}
.nx-tbl tr:last-child td{border-bottom:none}
.nx-tbl tbody tr:hover{background:#f5f7fb}
.nx-tbl td.nx-num{text-align:right;white-space:nowrap}
.nx-tbl td.nx-nowrap{white-space:nowrap}
.nx-tbl td.nx-tname{min-width:12rem}
.nx-tbl td.nx-url{word-break:break-all;min-width:12rem}
.nx-tbl a{color:inherit;text-decoration:none;border-bottom:1px dotted #888}
.nx-tbl a:hover{color:#1f5fbf;border-bottom-color:#1f5fbf}
.nx-bar{display:inline-block;width:64px;height:.55rem;background:#e9ecf2;border-radius:.3rem;vertical-align:middle;
 margin-right:.35rem;overflow:hidden}
.nx-bar>span{display:block;height:100%;background:#3b7ddd}
</style>
"""


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def progress_cell(share: object) -> str:
    """A progress bar and its percentage; empty when there is no share."""
    if share is None or (isinstance(share, float) and math.isnan(share)) or share is pd.NA:
        return ""
    pct = min(max(float(share), 0.0), 1.0) * 100  # type: ignore[arg-type]
    return f'<span class="nx-bar"><span style="width:{pct:.0f}%"></span></span>{float(share):.0%}'  # type: ignore[arg-type]


def table_html(shown: pd.DataFrame, ids: list[str], link: str, lang: str, name_col: str,
               progress_col: str | None = None, numeric: tuple[str, ...] = (), nowrap: tuple[str, ...] = (),
               titles: list[str] | None = None, year: int | None = None) -> str:  # fmt: skip
    """`shown` as an HTML table; the `name_col` cell of row i links to `link?indicator=ids[i]&lang=lang[&year=]`;
    `progress_col` (a 0–1 share) is drawn as a bar; `numeric` columns align right; `titles[i]` is row i's hover
    text (the status explanation)."""
    head = "".join(f"<th>{html_text(c)}</th>" for c in shown.columns)
    rows = []
    for i, (_, r) in enumerate(shown.iterrows()):
        cells = []
        for c in shown.columns:
            if c == progress_col:
                cells.append(f'<td class="nx-nowrap">{progress_cell(r[c])}</td>')
            elif c == name_col:
                tail = "" if year is None else f"&year={int(year)}"
                href = html.escape(f"{link}?indicator={quote(str(ids[i]))}&lang={quote(lang)}{tail}", quote=True)
                cells.append(f'<td class="nx-tname"><a href="{href}">{html_text(_cell(r[c]))}</a></td>')
            else:
                cls = ' class="nx-num"' if c in numeric else ' class="nx-nowrap"' if c in nowrap else ""
                cells.append(f"<td{cls}>{html_text(_cell(r[c]))}</td>")
        title = "" if titles is None else f' title="{html.escape(str(titles[i]), quote=True)}"'
        rows.append(f"<tr{title}>" + "".join(cells) + "</tr>")
    return f'{STYLE}<div class="nx-tbl-wrap"><table class="nx-tbl"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'


def _link(value: object) -> str:
    """A web address as a link (http and https only: any other scheme, e.g. javascript:, stays plain text)."""
    text = _cell(value)
    if not text.lower().startswith(("http://", "https://")):
        return html_text(text)
    return f'<a href="{html_text(text)}" target="_blank" rel="noopener noreferrer">{html_text(text)}</a>'


def plain_table_html(shown: pd.DataFrame, numeric: tuple[str, ...] = (), links: tuple[str, ...] = (),
                     nowrap: tuple[str, ...] = (), max_height_px: int | None = None) -> str:  # fmt: skip
    """`shown` as a plain HTML table, every column as it is (a table people read, not sort): `numeric` columns align
    right, `links` columns hold web addresses (opened in a new tab), `nowrap` columns keep to one line; above
    `max_height_px` it scrolls under its header."""
    head = "".join(f"<th>{html_text(c)}</th>" for c in shown.columns)
    columns = [shown[c].tolist() for c in shown.columns]
    kinds = [("link" if c in links else "num" if c in numeric else "one" if c in nowrap else "") for c in shown.columns]
    rows = []
    for i in range(len(shown)):
        cells = []
        for col, kind in zip(columns, kinds, strict=True):
            if kind == "link":
                cells.append(f'<td class="nx-url">{_link(col[i])}</td>')
            else:
                cls = ' class="nx-num"' if kind == "num" else ' class="nx-nowrap"' if kind == "one" else ""
                cells.append(f"<td{cls}>{html_text(_cell(col[i]))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    scroll = f' style="max-height:{int(max_height_px)}px;overflow-y:auto"' if max_height_px else ""
    return (
        f'{STYLE}<div class="nx-tbl-wrap"{scroll}><table class="nx-tbl"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


STAT_STYLE = """
<style>
.nx-stats{display:flex;flex-wrap:wrap;gap:.5rem 2.5rem}
.nx-stat{flex:0 1 auto;min-width:0}
.nx-stat-label{font-size:.875rem;color:rgb(49,51,63);line-height:1.6;white-space:nowrap}
.nx-stat-help{display:inline-block;width:1rem;height:1rem;margin-left:.35rem;border:1px solid #888;border-radius:50%;
 font-size:.7rem;line-height:.95rem;text-align:center;color:#666;cursor:help;vertical-align:.1rem}
.nx-stat-value{font-size:2.25rem;line-height:1.35;color:rgb(49,51,63);white-space:nowrap;overflow:hidden;
 text-overflow:ellipsis}
</style>
"""


def stat_row_html(stats: list[tuple[str, str, str | None]]) -> str:
    """A row of headline figures (label, value, optional help shown on hover of a ? mark) as one static block: the
    look of st.metric without its script chunks. Every text is escaped."""
    items = []
    for label, value, help_text in stats:
        mark = (
            f'<span class="nx-stat-help" title="{html_text(help_text)}" aria-label="{html_text(help_text)}">?</span>'
            if help_text
            else ""
        )
        items.append(
            f'<div class="nx-stat"><div class="nx-stat-label">{html_text(label)}{mark}</div>'
            f'<div class="nx-stat-value">{html_text(value)}</div></div>'
        )
    return f'{STAT_STYLE}<div class="nx-stats">{"".join(items)}</div>'
