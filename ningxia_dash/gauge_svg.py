"""The headline gauges as static HTML + SVG (a few KB, drawn by the browser without a charting library).

The overview's first screen used to wait for plotly's 4.6 MB bundle to load and lay out one 13-gauge figure; these
are the same gauges (gauges.Gauge: range, value, target line, status colour and symbol, year · source) as
markup the page sends once per data version. Each gauge links to its detail page, and its explanation is the
gauge's accessible name and its hover text. Every text is escaped here (safe_text.html_text); nothing the user
wrote reaches the page as markup."""

from __future__ import annotations

import base64
import html
import math
import re
from urllib.parse import quote

from ningxia_dash.i18n import Lang, t
from ningxia_dash.safe_text import html_text
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.tracking.gauges import Gauge

# the arc: a half ring of radius R around (CX, CY), in a 200 × 112 view box
CX, CY, R, WIDTH = 100.0, 100.0, 80.0, 26.0
TRACK = "#f1f1f1"
_TAG = re.compile(r"<[^>]+>")


def plain(plotly_markup: str) -> str:
    """Plotly hover markup (text escaped, <b>, <br>) as plain text with line breaks."""
    return html.unescape(_TAG.sub("", plotly_markup.replace("<br>", "\n")))


def _point(share: float) -> tuple[float, float]:
    """The point on the arc's middle line at `share` (0 = left end, 1 = right end)."""
    angle = math.pi * (1 - share)
    return CX + R * math.cos(angle), CY - R * math.sin(angle)


def _arc(share: float) -> str:
    """An SVG path along the arc from its left end to `share`."""
    x0, y0 = _point(0.0)
    x1, y1 = _point(share)
    return f"M{x0:.1f},{y0:.1f} A{R:.0f},{R:.0f} 0 0 1 {x1:.1f},{y1:.1f}"


def _share(value: float, low: float, high: float) -> float:
    return 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)


def _number(value: float, suffix: str) -> str:
    """The gauge's number as plotly's ',.4~g' would show it (four significant digits, thousands separated)."""
    if value != 0 and (abs(value) >= 1e4 or abs(value) < 1e-3):
        text = f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.3g}"
    else:
        text = f"{value:,.4g}"
    return text + suffix


def gauge_svg(g: Gauge) -> str:
    """One gauge's arc, value and target line: an SVG picture in an <img> (its text is the cell's, not the picture's)."""
    colour = STATUS_COLOURS[g.status]
    parts = [f'<path d="{_arc(1.0)}" stroke="{TRACK}" stroke-width="{WIDTH:.0f}" fill="none"/>']
    if g.value is not None:
        share = _share(g.value, g.low, g.high)
        if share > 0:
            parts.append(f'<path d="{_arc(share)}" stroke="{colour}" stroke-width="{WIDTH * 0.6:.1f}" fill="none"/>')
        parts.append(
            f'<text x="{CX:.0f}" y="{CY - 4:.0f}" text-anchor="middle" font-family="Source Sans Pro, Noto Sans CJK SC, sans-serif" font-size="24" fill="{colour}">'
            f"{html_text(_number(g.value, g.suffix))}</text>"
        )
    if g.threshold is not None:
        angle = math.pi * (1 - _share(g.threshold, g.low, g.high))
        inner, outer = R - WIDTH * 0.45, R + WIDTH * 0.45
        x0, y0 = CX + inner * math.cos(angle), CY - inner * math.sin(angle)
        x1, y1 = CX + outer * math.cos(angle), CY - outer * math.sin(angle)
        parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}" stroke="#222" stroke-width="3"/>')
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 104">{"".join(parts)}</svg>'
    # as an image: st.html's sanitiser drops inline <svg>; a data address is kept and drawn without any script
    return f'<img class="nx-arc" alt="" src="data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}"/>'


def cell(g: Gauge, lang: Lang, href: str | None) -> str:
    """One gauge with its name above and year · source · status below; a link to its detail page when `href`."""
    colour = STATUS_COLOURS[g.status]
    explanation = plain(g.hover)
    body = (
        f'<div class="nx-name">{html_text(g.title)}</div>{gauge_svg(g)}'
        f'<div class="nx-cap">{html_text(g.caption)}</div>'
        f'<div class="nx-st" style="color:{colour}">{STATUS_SYMBOLS[g.status]} {html_text(t("status." + g.status, lang))}</div>'
    )
    label = html.escape(explanation, quote=True)
    if href is None:
        return f'<div class="nx-g" title="{label}" aria-label="{label}">{body}</div>'
    return f'<a class="nx-g" href="{html.escape(href, quote=True)}" target="_self" title="{label}" aria-label="{label}">{body}</a>'


STYLE = """
<style>
.nx-gauges h4{font-size:1.05rem;font-weight:700;color:#333;margin:.6rem 0 .2rem 0;padding:0}
.nx-grid{display:grid;grid-template-columns:repeat(var(--nx-cols,5),minmax(0,1fr));gap:.4rem .6rem}
.nx-g{display:block;text-align:center;color:inherit;text-decoration:none;border-radius:.5rem;padding:.3rem .2rem}
.nx-g:hover,.nx-g:focus{background:#f5f7fb;outline:none}
.nx-name{font-size:.85rem;color:#222;line-height:1.25;min-height:2.5em;display:-webkit-box;-webkit-line-clamp:2;
 -webkit-box-orient:vertical;overflow:hidden}
.nx-arc{width:100%;max-width:190px;height:auto;display:block;margin:0 auto}
.nx-cap{font-size:.78rem;color:#555}
.nx-st{font-size:.8rem;font-weight:700}
</style>
"""


def headline_html(gauges: list[Gauge], groups: list[tuple[str, list[int]]], lang: Lang, link: str | None,
                  columns: int = 5, year: int | None = None) -> str:  # fmt: skip
    """Every headline gauge under its category heading, `columns` to a row. `link` is the detail page's address
    (each gauge links to `link?indicator=<id>&lang=<lang>[&year=<year>]`), or None for gauges without links."""
    out = [STYLE, f'<div class="nx-gauges" style="--nx-cols:{int(columns)}">']
    for heading, idx in groups:
        out.append(f"<h4>{html_text(heading)}</h4><div class='nx-grid'>")
        for i in idx:
            g = gauges[i]
            tail = "" if year is None else f"&year={int(year)}"
            href = None if link is None else f"{link}?indicator={quote(g.indicator_id)}&lang={lang}{tail}"
            out.append(cell(g, lang, href))
        out.append("</div>")
    out.append("</div>")
    return "".join(out)
