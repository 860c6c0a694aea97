"""The county status map as a plain plotly figure for print: county polygons drawn as filled shapes on ordinary x/y
axes (longitude scaled by cos(latitude), an equirectangular view that is faithful at Ningxia's size), so rendering
needs no map library, no basemap tiles and no topojson download."""

from __future__ import annotations

import json
import math
from typing import Any

import plotly.graph_objects as go

from ningxia_dash.brief.content import CountyMap
from ningxia_dash.i18n import Lang, t
from ningxia_dash.places.geometry import NINGXIA_BOUNDS, ring_area_km2
from ningxia_dash.places.legends import LEVEL_LINE_HEX, LEVEL_LINE_PX
from ningxia_dash.safe_text import plotly_text
from ningxia_dash.style import FONT, STATUS_COLOURS, STATUS_SYMBOLS

MID_LAT = (NINGXIA_BOUNDS[1] + NINGXIA_BOUNDS[3]) / 2
X_SCALE = math.cos(math.radians(MID_LAT))
BORDER = "#ffffff"
DEMO_BADGE = "#b35900"
WIDTH, HEIGHT = 1000, 1000  # the map takes MAP_SHARE of the width, the legend the rest
MAP_SHARE = 0.70


def outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Outer rings of a (Multi)Polygon (holes are filled by the county inside, drawn on top: smaller last)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [part[0] for part in geometry["coordinates"]]


def _xy(ring: list[list[float]]) -> tuple[list[float | None], list[float | None]]:
    return [p[0] * X_SCALE for p in ring] + [None], [p[1] for p in ring] + [None]


def county_status_figure(cmap: CountyMap, lang: Lang, width: int = WIDTH, height: int = HEIGHT) -> go.Figure:
    """Counties filled by status (colour and a symbol after each name), key counties outlined, a legend with counts
    and, when the values are demonstration data, a badge on the figure itself."""
    frame = cmap.frame.set_index("code")
    shapes = []
    for code, geometry in zip(cmap.shapes["code"], cmap.shapes["geometry"], strict=True):
        rings = outer_rings(json.loads(geometry))
        shapes.append((str(code), rings, sum(ring_area_km2(r) for r in rings)))
    shapes.sort(key=lambda s: -s[2])  # large first, so a county inside another stays visible

    fig = go.Figure()
    for code, rings, _ in shapes:
        status = str(frame.at[code, "status"]) if code in frame.index else "no_data"
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in rings:
            x, y = _xy(ring)
            xs += x
            ys += y
        fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=STATUS_COLOURS[status],
                        line={"color": BORDER, "width": 1.2}, hoverinfo="skip", showlegend=False)  # fmt: skip
    for level in ("regional", "national"):  # national on top
        for code, rings, _ in shapes:
            if code in frame.index and frame.at[code, "level"] == level:
                for ring in rings:
                    x, y = _xy(ring)
                    fig.add_scatter(x=x, y=y, mode="lines", hoverinfo="skip", showlegend=False,
                                    line={"color": LEVEL_LINE_HEX[level], "width": LEVEL_LINE_PX[level]})  # fmt: skip

    labels = cmap.frame.merge(cmap.shapes[["code", "label_lon", "label_lat"]], on="code")
    fig.add_scatter(
        x=[lon * X_SCALE for lon in labels["label_lon"]], y=list(labels["label_lat"]), mode="text",
        text=[f"{plotly_text(s)} {STATUS_SYMBOLS[st]}" for s, st in zip(labels["short"], labels["status"], strict=True)],
        textfont={"size": 15 if lang == "zh" else 12, "color": "#111", "shadow": "0 0 3px #fff, 0 0 2px #fff"},
        hoverinfo="skip", showlegend=False,
    )  # fmt: skip
    for status, label, n in cmap.legend:
        fig.add_scatter(x=[None], y=[None], mode="markers", name=f"{label}（{n}）" if lang == "zh" else f"{label} ({n})",
                        marker={"symbol": "square", "size": 16, "color": STATUS_COLOURS[status]})  # fmt: skip
    for level in ("national", "regional"):
        fig.add_scatter(x=[None], y=[None], mode="lines", name=t(f"level.{level}", lang),
                        line={"color": LEVEL_LINE_HEX[level], "width": LEVEL_LINE_PX[level]})  # fmt: skip
    if cmap.demo:
        fig.add_annotation(x=0.01, y=0.99, xref="paper", yref="paper", xanchor="left", yanchor="top", showarrow=False,
                           text=f"<b>{t('common.demo_badge', lang)}</b>", font={"size": 16, "color": "#fff"},
                           bgcolor=DEMO_BADGE, borderpad=5)  # fmt: skip
    west, south, east, north = NINGXIA_BOUNDS
    fig.update_layout(
        width=width, height=height, font={"family": FONT, "size": 14}, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white", paper_bgcolor="white",
        xaxis={"visible": False, "range": [west * X_SCALE - 0.05, east * X_SCALE + 0.05], "domain": [0, MAP_SHARE]},
        yaxis={"visible": False, "range": [south - 0.05, north + 0.05], "scaleanchor": "x", "scaleratio": 1},
        # the legend in a column of its own beside the map, so it never covers a county
        legend={"x": MAP_SHARE + 0.01, "y": 0.99, "xanchor": "left", "yanchor": "top", "font": {"size": 14}},
    )  # fmt: skip
    return fig
