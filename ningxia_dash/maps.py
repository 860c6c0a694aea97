"""pydeck deck builders: DataFrames with GeoJSON geometry → pdk.Deck, offline (no basemap, no tiles).
Imports pydeck and pandas; never streamlit."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pydeck as pdk

from ningxia_dash.i18n import Lang, t

# Framed on Ningxia (35.2°–39.4° N, 104.3°–107.7° E).
NINGXIA_VIEW = pdk.ViewState(latitude=37.25, longitude=106.15, zoom=6.1, min_zoom=5, max_zoom=11, pitch=0)
# pydeck passes string props through as JS expressions: the font list must be a quoted JS string literal,
# or the comma operator leaves only its last item ("sans-serif", which has no CJK glyphs).
CJK_FONT = "'Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif'"

# Colour-blind-safe (Okabe–Ito) fills by assistance level, always paired with words in the legend and tooltip.
LEVEL_COLOURS: dict[str, list[int]] = {
    "national": [213, 94, 0, 200],
    "regional": [230, 159, 0, 190],
    "none": [86, 180, 233, 110],
}
OUTLINE = [60, 60, 60, 220]
# Streamlit's deck.gl element falls back to a Carto basemap (an internet request) whenever mapStyle is empty,
# even with map_provider=None, and it needs mapStyle to be a string. So the style is a file Streamlit serves
# itself (static/map-style.json: a plain background, no sources, no tiles); the relative address keeps working
# behind a reverse proxy that adds a path prefix.
OFFLINE_STYLE = "app/static/map-style.json"


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Outer rings of a (Multi)Polygon, one per part (holes are not needed at province scale)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [part[0] for part in geometry["coordinates"]]


def county_polygons(shapes: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """One row per polygon part, with only the columns the browser needs."""
    rows = []
    for r in shapes.itertuples():
        level = r.assistance_level if isinstance(r.assistance_level, str) else "none"
        name = r.name_zh if lang == "zh" else r.name_en
        for ring in _rings(json.loads(r.geometry)):
            rows.append(
                {
                    "code": r.code,
                    "name": name,
                    "level": t(f"level.{level}", lang),
                    "polygon": ring,
                    "fill": LEVEL_COLOURS[level],
                }
            )
    return pd.DataFrame(rows)


def county_labels(shapes: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    col = "short_zh" if lang == "zh" else "short_en"
    return pd.DataFrame({"text": shapes[col], "lon": shapes["label_lon"], "lat": shapes["label_lat"]})


def assistance_legend(lang: Lang) -> list[tuple[str, list[int]]]:
    return [(t(f"level.{k}", lang), LEVEL_COLOURS[k]) for k in ("national", "regional", "none")]


def county_assistance_deck(shapes: pd.DataFrame, lang: Lang) -> pdk.Deck:
    """The 22 counties filled by assistance level, names drawn in the current language."""
    polygons = pdk.Layer(
        "PolygonLayer",
        county_polygons(shapes, lang),
        id="counties",
        get_polygon="polygon",
        get_fill_color="fill",
        get_line_color=OUTLINE,
        line_width_min_pixels=1,
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=True,
    )
    labels = pdk.Layer(
        "TextLayer",
        county_labels(shapes, lang),
        id="county-names",
        get_position=["lon", "lat"],
        get_text="text",
        get_size=15,
        get_color=[20, 20, 20, 255],
        font_family=CJK_FONT,
        character_set='"auto"',  # deck.gl only draws CJK glyphs with the "auto" set (the inner quotes matter)
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        font_weight=600,
    )
    return pdk.Deck(
        layers=[polygons, labels],
        initial_view_state=NINGXIA_VIEW,
        map_provider=None,
        map_style=OFFLINE_STYLE,
        tooltip={"html": "<b>{name}</b><br/>{level}", "style": {"fontSize": "14px"}},
    )
