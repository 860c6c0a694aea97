"""The county map's ranking as static HTML (a dot per place on a common scale, worst first): drawn by the browser at
once, without plotly's 4.6 MB bundle. Same reading as the plotly dot plot it replaces (places.charts'
county_ranking_chart): the dot in the place's map colour, its status symbol, value and sample-data mark beside it,
★/☆ for key counties, the province's value (dashed) and the target or reference (solid) as vertical lines, places
without a value at the bottom. Each name is a link that picks the place (ui/links.py keeps it in the session); the
hover text is the row's `title`. Every text is escaped here (safe_text.html_text); pure, never streamlit."""

from __future__ import annotations

import math
from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.places.county_map import ranked_label
from ningxia_dash.safe_text import html_text
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS

INK, MUTED = "#222222", "#8a8a8a"

STYLE = """
<style>
.nx-rank{display:grid;grid-template-columns:max-content minmax(8rem,1fr) max-content;column-gap:.6rem;
 font-size:.8rem;color:#222;line-height:1}
.nx-rank-row{display:contents}
.nx-rank-name{text-align:right;white-space:nowrap;align-self:center}
.nx-rank-name a{color:inherit;text-decoration:none}
.nx-rank-name a:hover{color:#1f5fbf;text-decoration:underline}
.nx-rank-track{position:relative;height:22px;background:linear-gradient(#f3f3f3,#f3f3f3) 0 50%/100% 1px no-repeat}
.nx-rank-dot{position:absolute;top:50%;width:13px;height:13px;border-radius:50%;transform:translate(-50%,-50%);
 box-sizing:border-box;border:1px solid #777}
.nx-rank-dot.nx-sel{border:3px solid #000}
.nx-rank-dot.nx-none{background:#fff;border:1.5px solid #8a8a8a;width:10px;height:10px}
.nx-rank-line{position:absolute;top:0;bottom:0;width:0}
.nx-rank-note{position:absolute;bottom:2px;white-space:nowrap;font-size:.75rem;padding:0 .3rem}
.nx-rank-text{white-space:nowrap;align-self:center}
.nx-rank-text.nx-muted{color:#8a8a8a}
.nx-rank-head{height:18px}
</style>
"""


def _x(value: float, lo: float, hi: float) -> float:
    """A value's position on the track, % from the left; the scale is padded so no dot sits on the edge."""
    return 4.0 + (value - lo) / ((hi - lo) or 1.0) * 92.0


def ranking_html(
    ranked: pd.DataFrame,
    unit: str | None,
    lang: Lang,
    province_value: float | None = None,
    target_value: float | None = None,
    selected: str | None = None,
    colours: Mapping[str, str] | None = None,
    target_label: str = "col.target",
    pick_param: str = "region",
    query: Mapping[str, str] | None = None,
) -> str:
    """The places in the order given (places.county_ranking: worst at the top), one row each: the name (a link to
    `county_map?<query>&<pick_param>=<code>`), a dot at its value in its map colour (`colours`, code → CSS; status
    colours by default), then the status symbol, the value and the sample-data mark (`mark`); the province's value
    and the target as vertical lines labelled above. Places without a value stay at the bottom, saying so."""
    df = ranked[ranked["value"].notna()]
    empty = ranked[ranked["value"].isna()]
    lines = [
        (v, key, dash)
        for v, key, dash in ((province_value, "places.chart.province", "dashed"), (target_value, target_label, "solid"))
        if v is not None and not math.isnan(v)
    ]
    values = [float(v) for v in df["value"]] + [float(v) for v, _, _ in lines]
    lo, hi = (min(values), max(values)) if values else (0.0, 1.0)

    def href(code: str) -> str:
        return html_text("county_map?" + urlencode({**(query or {}), pick_param: code}))

    def link(code: str, label: str) -> str:
        return f'<a href="{href(code)}" data-nx-pick="{html_text(code)}">{html_text(label)}</a>'

    def dot(code: str, cls: str, style: str) -> str:  # the dot picks the place too (as plotly's point did)
        return (
            f'<a class="nx-rank-dot{cls}" style="{style}" href="{href(code)}" data-nx-pick="{html_text(code)}" '
            'tabindex="-1" aria-hidden="true"></a>'
        )

    def line_marks() -> str:
        return "".join(
            f'<span class="nx-rank-line" style="left:{_x(v, lo, hi):.2f}%;'
            f'border-left:1.5px {dash} {MUTED if dash == "dashed" else INK}"></span>'
            for v, _, dash in lines
        )

    notes = []
    for v, key, dash in lines:
        others = [o for o, _, d in lines if d != dash]
        # two lines close together: each label leans away from the other (a tie: Ningxia's left, the target's right)
        lean = "-50%"
        if others:
            right = v > others[0] or (v == others[0] and dash == "solid")
            lean = "0" if right else "-100%"
        notes.append(
            f'<span class="nx-rank-note" style="left:{_x(v, lo, hi):.2f}%;transform:translateX({lean})">'
            f"{html_text(t(key, lang))} {html_text(format_number(v, unit, lang))}</span>"
        )
    out = [
        STYLE,
        '<div class="nx-rank">',
        f'<div></div><div class="nx-rank-track nx-rank-head">{"".join(notes)}</div><div></div>',
    ]
    marks = list(df["mark"]) if "mark" in df else [""] * len(df)
    for r, mark in zip(df.to_dict("records"), marks, strict=True):
        code, status, value = str(r["code"]), str(r["status"]), float(r["value"])
        colour = (colours or {}).get(code, STATUS_COLOURS[status])
        hover = f"{r['name']}: {r['value_text']} · {r['status_text']}" + (f" · {mark}" if mark else "")
        text = f"{STATUS_SYMBOLS[status]} {format_number(value, unit, lang)}" + (f" · {mark}" if mark else "")
        sel = " nx-sel" if code == selected else ""
        out.append(
            f'<div class="nx-rank-row" title="{html_text(hover)}">'
            f'<div class="nx-rank-name">{link(code, ranked_label(r))}</div>'
            f'<div class="nx-rank-track">{line_marks()}'
            f"{dot(code, sel, f'left:{_x(value, lo, hi):.2f}%;background:{html_text(colour)}')}</div>"
            f'<div class="nx-rank-text">{html_text(text)}</div></div>'
        )
    for r in empty.to_dict("records"):
        # 暂无数据; 无法评估 at the plan's end (the frame's status for a place without a value)
        code, status = str(r["code"]), str(r.get("status") or "no_data")
        none = str(r.get("status_text") or t("status.no_data", lang))
        out.append(
            f'<div class="nx-rank-row" title="{html_text(str(r["name"]) + ": " + none)}">'
            f'<div class="nx-rank-name">{link(code, ranked_label(r))}</div>'
            f'<div class="nx-rank-track">{line_marks()}{dot(code, " nx-none", "left:2%")}</div>'
            f'<div class="nx-rank-text nx-muted">{html_text(STATUS_SYMBOLS.get(status, STATUS_SYMBOLS["no_data"]) + " " + none)}</div></div>'
        )
    out.append("</div>")
    return "".join(out)
