"""The pydeck pieces every place map is built from: the offline deck (no basemap, no tiles; the served style
static/map-style.json) with its compact JSON, text with a halo, clickable circles, the muted county base with
names, and the key counties' outlines. The deck builders that put them together are in places/decks.py."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from ningxia_dash.i18n import Lang
from ningxia_dash.places.geometry import county_areas, county_labels, declutter, shape_rings
from ningxia_dash.places.legends import LEVEL_LINE_HEX, LEVEL_LINE_PX
from ningxia_dash.style import rgba

# pydeck passes string props through as JS expressions: the font list must be a quoted JS string literal,
# or the comma operator leaves only its last item ("sans-serif", which has no CJK glyphs).
CJK_FONT = "'Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif'"
# Streamlit's deck.gl element falls back to a Carto basemap (an internet request) whenever mapStyle is empty,
# even with map_provider=None, and it needs mapStyle to be a string. So the style is a file Streamlit serves
# itself (static/map-style.json: a plain background, no sources, no tiles); the relative address keeps working
# behind a reverse proxy that adds a path prefix.
OFFLINE_STYLE = "app/static/map-style.json"


class Deck(pdk.Deck):
    """pdk.Deck whose JSON (what Streamlit sends to the browser) is compact UTF-8: pydeck's own to_json indents
    by two spaces and escapes every Chinese character, about three times the bytes for the same map."""

    def to_json(self) -> str:
        # Serialised once: the pages cache their decks (ui/place_models.py) and send the same one on every rerun.
        # A deck is not changed after it is built, so the first serialisation stays right.
        cached = self.__dict__.get("_nx_json")
        if cached is None:
            cached = json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False
            )
            self.__dict__["_nx_json"] = cached
        return cached


SELECTED_LINE = [0, 0, 0, 255]
BASE_FILL = [236, 234, 226, 255]
BASE_LINE = [150, 150, 150, 255]


def label_layer(
    data: list[dict[str, Any]], layer_id: str, size: float, colour: list[int], weight: int, **extra: Any
) -> pdk.Layer:
    """Text drawn with a white halo (deck.gl's CJK glyphs need the "auto" character set)."""
    return pdk.Layer(
        "TextLayer",
        data,
        id=layer_id,
        get_position=["lon", "lat"],
        get_text="text",
        get_size=size,
        get_color=colour,
        get_pixel_offset="offset" if data and "offset" in data[0] else [0, 0],
        font_family=CJK_FONT,
        character_set='"auto"',  # deck.gl only draws CJK glyphs with the "auto" set (the inner quotes matter)
        get_text_anchor='"middle"',
        get_alignment_baseline='"center"',
        font_weight=weight,
        font_settings={"sdf": True},
        outline_width=3,
        outline_color=[255, 255, 255, 230],
        **extra,
    )


def key_outlines(rings: list[tuple[str, list[list[float]]]], levels: dict[str, str]) -> pdk.Layer:
    data = [
        {"polygon": ring, "line": rgba(LEVEL_LINE_HEX[levels[code]]), "w": LEVEL_LINE_PX[levels[code]]}
        for code, ring in rings
        if levels.get(code) in LEVEL_LINE_HEX
    ]
    return pdk.Layer(
        "PolygonLayer",
        data,
        id="key-counties",
        get_polygon="polygon",
        get_line_color="line",
        get_line_width="w",
        line_width_units='"pixels"',
        stroked=True,
        filled=False,
        pickable=False,
    )


def base_layers(shapes: pd.DataFrame, lang: Lang, outlines: bool, zoom: float) -> list[pdk.Layer]:
    """Muted county polygons and names under point layers (not pickable: the points carry the tooltip)."""
    rings = shape_rings(shapes)
    layers = [
        pdk.Layer(
            "PolygonLayer",
            [{"polygon": ring} for _, ring in rings],
            id="county-base",
            get_polygon="polygon",
            get_fill_color=BASE_FILL,
            get_line_color=BASE_LINE,
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=False,
        )
    ]
    if outlines:
        levels = {
            c: level
            for c, level in zip(shapes["code"], shapes["assistance_level"], strict=True)
            if isinstance(level, str)
        }
        layers.append(key_outlines(rings, levels))
    areas = county_areas(shapes)
    labels = [
        lab | {"priority": round(areas.get(str(code), 0.0))}
        for lab, code in zip(county_labels(shapes, lang).to_dict("records"), shapes["code"], strict=True)
    ]
    layers.append(label_layer(declutter(labels, zoom, 12), "county-names", 12, [110, 110, 110, 255], 400))
    return layers


def records(df: pd.DataFrame, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, column by column (.tolist()): itertuples over Arrow-backed string
    columns costs ten times as much, which shows at 2,254 villages."""
    return [dict(zip(columns, row, strict=True)) for row in zip(*(df[c].tolist() for c in columns), strict=True)]


def points_layer(
    points: list[dict[str, Any]],
    layer_id: str,
    fill: str | list[int] | None,
    line: str | list[int] = "line",
    width: str | float = "lw",
) -> pdk.Layer:
    """Circles sized in pixels ("r"), outlined by `line` / `width` (a column or a constant): clickable when filled
    (villages, parks); without `fill`, an outline only that takes no clicks (the ring round a chosen place)."""
    filled = {"get_fill_color": fill, "filled": True, "pickable": True, "auto_highlight": True}
    return pdk.Layer(
        "ScatterplotLayer",
        points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="r",
        radius_units='"pixels"',
        get_line_color=line,
        get_line_width=width,
        line_width_units='"pixels"',
        stroked=True,
        **(filled if fill is not None else {"filled": False, "pickable": False}),
    )


def offline_deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip_html: str) -> Deck:
    """A deck on the served offline style (no map provider, no tiles) with the pages' tooltip style."""
    return Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=OFFLINE_STYLE,
        tooltip={"html": tooltip_html, "style": {"fontSize": "13px", "maxWidth": "320px"}},
    )
