"""The colours of the place maps and their legends (Streamlit draws none for deck.gl): status fills, the value
ramp, the key-county outlines, park markers; legend items as HTML the page renders beside the map (pure)."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.style import STATUS_COLOURS, STATUS_IDS, STATUS_SYMBOLS, VERDICT_IDS, rgba

STATUS_FILL_ALPHA = 225
# Key-assistance counties are outlined on every county map: black for national, purple for regional, and the
# legend, the tooltip and the ranking chart's ★/☆ say the same in words.
LEVEL_LINE_HEX: dict[str, str] = {"national": "#111111", "regional": "#7b3294"}
LEVEL_LINE_PX: dict[str, float] = {"national": 3.5, "regional": 3.0}
# A sequential ramp (ColorBrewer YlGnBu, readable by colour-blind viewers) for values: light = low, dark = high.
VALUE_RAMP = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
PARK_FILL = "#0072B2"


def value_classes(values: list[float], n: int = len(VALUE_RAMP)) -> list[float]:
    """n+1 class edges, equal intervals from the smallest to the largest value (one class when all are equal)."""
    vals = sorted(v for v in values if v is not None and not math.isnan(v))
    if not vals:
        return []
    lo, hi = vals[0], vals[-1]
    if hi - lo < 1e-9:
        return [lo, hi]
    step = (hi - lo) / n
    return [lo + i * step for i in range(n)] + [hi]


def value_colour(value: float | None, edges: list[float], alpha: int = STATUS_FILL_ALPHA) -> list[int]:
    if value is None or math.isnan(value) or not edges:
        return rgba(STATUS_COLOURS["no_data"], 150)
    n = len(edges) - 1
    i = next((k for k in range(n) if value <= edges[k + 1] + 1e-9), n - 1)
    ramp = VALUE_RAMP if n == len(VALUE_RAMP) else VALUE_RAMP[len(VALUE_RAMP) // 2 :][:n]
    return rgba(ramp[min(i, len(ramp) - 1)], alpha)


def fill_colours(frame: pd.DataFrame, mode: str, edges: list[float]) -> dict[str, str]:
    """County code → the CSS colour its polygon has on the choropleth (so the ranking beside matches the map)."""
    return {
        str(code): css(status_colour(str(s)) if mode == "status" else value_colour(v, edges))
        for code, s, v in zip(frame["code"], frame["status"], frame["value"], strict=True)
    }


def status_colour(status: str, alpha: int = STATUS_FILL_ALPHA) -> list[int]:
    return rgba(STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"]), alpha)


def village_radius(population: float, max_population: float) -> float:
    """Marker radius in pixels: area proportional to population, 2.5 to 9 px."""
    if not max_population or population != population:
        return 2.5
    return round(2.5 + 6.5 * math.sqrt(max(population, 0) / max_population), 2)


def park_radius(value: float | None, max_value: float) -> float:
    """Marker radius in pixels: area proportional to the chosen KPI, 7 to 24 px."""
    if value is None or value != value or not max_value:
        return 7.0
    return round(7.0 + 17.0 * math.sqrt(max(value, 0) / max_value), 2)


# ---------------------------------------------------------------- legends (Streamlit draws none for deck.gl)


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str  # CSS colour
    shape: str = "fill"  # fill (square) · line (outline of a square) · dot (circle) · ring (circle with a ring)
    symbol: str = ""
    size: int = 16
    line_px: float = 1.0


def css(rgba_or_hex: list[int] | str) -> str:
    if isinstance(rgba_or_hex, str):
        return rgba_or_hex
    r, g, b, *a = rgba_or_hex
    return f"rgba({r},{g},{b},{(a[0] if a else 255) / 255:.2f})"


def _swatch(item: LegendItem) -> str:
    s = item.size
    base = f"display:inline-block;flex:none;width:{s}px;height:{s}px;box-sizing:border-box;"
    if item.shape == "none":
        style = "display:none"
    elif item.shape == "line":
        style = f"{base}border:{item.line_px}px solid {item.colour};background:#fff"
    elif item.shape in ("dot", "ring"):
        border = f"{item.line_px}px solid #111" if item.shape == "ring" else "1px solid #fff"
        style = f"{base}border-radius:50%;background:{item.colour};border:{border}"
    else:
        style = f"{base}background:{item.colour};border:1px solid #555"
    symbol = (
        f'<span style="width:16px;text-align:center;flex:none;font-weight:700">{html.escape(item.symbol)}</span>'
        if item.symbol
        else ""
    )
    return f'<span style="{style}"></span>{symbol}'


def legend_html(title: str, items: list[LegendItem], note: str = "", inline: bool = False) -> str:
    """A legend block: swatch (and symbol) beside each label; the page renders it with st.html beside the map
    (`inline` puts the items on one wrapping line, for a legend under a table)."""
    rows = "".join(
        f'<div style="display:{"inline-flex" if inline else "flex"};align-items:center;gap:6px;'
        f'margin:3px {"16px" if inline else "0"} 3px 0;min-height:18px">{_swatch(i)}'
        f'<span style="line-height:1.25">{html.escape(i.label)}</span></div>'
        for i in items
    )
    foot = (
        f'<div style="color:#666;font-size:12px;margin-top:6px;line-height:1.35">{html.escape(note)}</div>'
        if note
        else ""
    )
    return (
        f'<div style="font-size:13px;font-family:inherit"><div style="font-weight:700;margin-bottom:4px">'
        f"{html.escape(title)}</div>{rows}{foot}</div>"
    )


def status_legend(lang: Lang, counts: dict[str, int] | None = None, final: bool = False) -> list[LegendItem]:
    """The five statuses (the four verdicts, with final=True: from the plan's last year on), best first, with
    their symbol (and a count when given)."""
    return [
        LegendItem(
            t(f"status.{s}", lang) + (f"（{counts.get(s, 0)}）" if lang == "zh" and counts is not None else "")
            + (f" ({counts.get(s, 0)})" if lang == "en" and counts is not None else ""),
            css(status_colour(s)),
            "fill",
            STATUS_SYMBOLS[s],
        )
        for s in (VERDICT_IDS if final else STATUS_IDS)
    ]  # fmt: skip


def value_legend(edges: list[float], unit: str | None, lang: Lang) -> list[LegendItem]:
    """One swatch per value class with its range ('95–96.2%'), and one for no data."""
    items = []
    for i in range(len(edges) - 1):
        lo = format_number(edges[i], unit, lang)
        hi = format_number(edges[i + 1], unit, lang)
        items.append(LegendItem(f"{lo} – {hi}" if lo != hi else lo, css(value_colour(edges[i + 1], edges))))
    items.append(LegendItem(t("status.no_data", lang), css(rgba(STATUS_COLOURS["no_data"], 150))))
    return items


def level_legend(lang: Lang) -> list[LegendItem]:
    return [
        LegendItem(t(f"level.{lvl}", lang), LEVEL_LINE_HEX[lvl], "line", line_px=LEVEL_LINE_PX[lvl])
        for lvl in ("national", "regional")
    ]


def village_marker_legend(lang: Lang) -> list[LegendItem]:
    """Marker size (population) and the ring of the leader-contacted villages."""
    grey = "#9a9a9a"
    return [
        LegendItem(t("villages.legend.small", lang), grey, "dot", size=8),
        LegendItem(t("villages.legend.large", lang), grey, "dot", size=20),
        LegendItem(t("villages.leader_mark", lang), grey, "ring", size=16, line_px=2.5),
    ]


def park_legend(lang: Lang, kpi_label: str, parks: pd.DataFrame | None = None) -> list[LegendItem]:
    """Park markers: area proportional to the chosen KPI; then the number on each marker and its park."""
    colour = css(rgba(PARK_FILL, 200))
    items = [
        LegendItem(t("parks.legend.small", lang, kpi=kpi_label), colour, "dot", size=10),
        LegendItem(t("parks.legend.large", lang, kpi=kpi_label), colour, "dot", size=24),
    ]
    if parks is not None:
        items += [
            LegendItem(str(r["name"]), "#fff", "none", symbol=str(r["seq"]))
            for r in parks[parks["located"]].to_dict("records")
        ]
    return items
