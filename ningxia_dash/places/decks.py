"""pydeck deck builders: DataFrames with GeoJSON geometry → pdk.Deck, offline (no basemap, no tiles).
Imports pydeck and pandas; never streamlit."""

from __future__ import annotations

import functools
import html
import json
import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS, rgba

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


class Deck(pdk.Deck):
    """pdk.Deck whose JSON (what Streamlit sends to the browser) is compact UTF-8: pydeck's own to_json indents
    by two spaces and escapes every Chinese character, about three times the bytes for the same map."""

    def to_json(self) -> str:
        # Serialised once: the pages cache their decks (ui/models.py) and send the same one on every rerun.
        # A deck is not changed after it is built, so the first serialisation stays right.
        cached = self.__dict__.get("_nx_json")
        if cached is None:
            cached = json.dumps(
                self, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False
            )
            self.__dict__["_nx_json"] = cached
        return cached


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
    return Deck(
        layers=[polygons, labels],
        initial_view_state=NINGXIA_VIEW,
        map_provider=None,
        map_style=OFFLINE_STYLE,
        tooltip={"html": "<b>{name}</b><br/>{level}", "style": {"fontSize": "14px"}},
    )


# ---------------------------------------------------------------- places (issue 4): choropleth, villages, parks

# Ningxia's extent (west, south, east, north) from data/geo, and deck.gl's world size at zoom 0 (512 px).
NINGXIA_BOUNDS = (104.28, 35.24, 107.66, 39.38)
_WORLD_PX = 512.0
STATUS_FILL_ALPHA = 225
# Key-assistance counties are outlined on every county map: black for national, purple for regional, and the
# legend, the tooltip and the ranking chart's ★/☆ say the same in words.
LEVEL_LINE_HEX: dict[str, str] = {"national": "#111111", "regional": "#7b3294"}
LEVEL_LINE_PX: dict[str, float] = {"national": 3.5, "regional": 3.0}
SELECTED_LINE = [0, 0, 0, 255]
BASE_FILL = [236, 234, 226, 255]
DIM_FILL = [246, 245, 240, 255]  # counties outside the city shown
NAME_SIZE, MARK_SIZE = 13, 10  # px: place names on a choropleth, the demonstration mark under them
BASE_LINE = [150, 150, 150, 255]
# A sequential ramp (ColorBrewer YlGnBu, readable by colour-blind viewers) for values: light = low, dark = high.
VALUE_RAMP = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")
VILLAGE_LEADER_LINE = [17, 17, 17, 255]
PARK_FILL = "#0072B2"


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def framed_view(
    height_px: int, width_px: int, margin: float = 0.06, bounds: tuple[float, float, float, float] | None = None
) -> pdk.ViewState:
    """A fixed view that fits Ningxia (or `bounds`: west, south, east, north) in a map of about this size (deck.gl
    has no fit-bounds in pydeck)."""
    west, south, east, north = bounds or NINGXIA_BOUNDS
    span_x = (east - west) / 360 * _WORLD_PX
    span_y = (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi) * _WORLD_PX
    usable = 1 - 2 * margin
    zoom = math.log2(min(width_px * usable / span_x, height_px * usable / span_y))
    mid_y = (_mercator_y(north) + _mercator_y(south)) / 2
    lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return pdk.ViewState(
        latitude=round(lat, 4), longitude=(west + east) / 2, zoom=round(zoom, 2), min_zoom=4, max_zoom=12, pitch=0
    )


def _shape_rings(shapes: pd.DataFrame) -> list[tuple[str, list[list[float]]]]:
    """(code, outer ring) per polygon part, coordinates rounded to 0.001° (the simplification tolerance of
    data/geo) to keep the browser payload small. The ring is left open (deck.gl closes it): with GeoJSON's
    repeated closing vertex, clicks on Streamlit's deck.gl element select nothing. Parsed once per geometry set
    (every map page draws the same 22 counties on every rerun); callers must not modify what this returns."""
    return _parsed_rings(_shape_key(shapes))


def _shape_key(shapes: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    return tuple(zip(map(str, shapes["code"]), shapes["geometry"], strict=True))


@functools.lru_cache(maxsize=8)
def _parsed_rings(shapes: tuple[tuple[str, str], ...]) -> list[tuple[str, list[list[float]]]]:
    out = []
    for code, geometry in shapes:
        for ring in _rings(json.loads(geometry)):
            points = [[round(x, 3), round(y, 3)] for x, y in ring]
            out.append((code, points[:-1] if len(points) > 3 and points[0] == points[-1] else points))
    return out


def shape_bounds(shapes: pd.DataFrame, codes: Iterable[str]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the given counties' polygons (to frame one city), None when none is found."""
    wanted = set(codes)
    points = [pt for code, ring in _shape_rings(shapes) if code in wanted for pt in ring]
    if not points:
        return None
    xs, ys = [pt[0] for pt in points], [pt[1] for pt in points]
    return min(xs), min(ys), max(xs), max(ys)


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
        str(code): _css(status_colour(str(s)) if mode == "status" else value_colour(v, edges))
        for code, s, v in zip(frame["code"], frame["status"], frame["value"], strict=True)
    }


def status_colour(status: str, alpha: int = STATUS_FILL_ALPHA) -> list[int]:
    return rgba(STATUS_COLOURS.get(status, STATUS_COLOURS["no_data"]), alpha)


def ring_area_km2(ring: list[list[float]]) -> float:
    """Approximate area of a lon/lat ring in km² (shoelace on an equirectangular projection at its latitude)."""
    if len(ring) < 3:
        return 0.0
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    return abs(twice) / 2 * 111.32 * 111.32 * math.cos(lat0)


def county_areas(shapes: pd.DataFrame) -> dict[str, float]:
    return dict(_areas(_shape_key(shapes)))


@functools.lru_cache(maxsize=8)
def _areas(shapes: tuple[tuple[str, str], ...]) -> tuple[tuple[str, float], ...]:
    areas: dict[str, float] = {}
    for code, ring in _parsed_rings(shapes):
        areas[code] = areas.get(code, 0.0) + ring_area_km2(ring)
    return tuple(areas.items())


def _text_width(text: str, size: float) -> float:
    """Rough rendered width in pixels: CJK one em, symbols 0.85, Latin letters and digits 0.55, a space 0.3."""
    ems = {True: 1.0, False: 0.55}
    return sum(
        0.3 * size if ch == " " else (0.85 if 0x2000 <= ord(ch) < 0x2E80 else ems[ord(ch) >= 0x2E80]) * size
        for ch in text
    )


def declutter(labels: list[dict[str, Any]], zoom: float, size: float, pad: float = 1.5) -> list[dict[str, Any]]:
    """Labels that do not overlap at this zoom, kept in order of `priority` (larger counties first); the others
    are left to the tooltip and the ranking beside the map."""
    scale = _WORLD_PX * 2**zoom
    kept: list[tuple[float, float, float, float]] = []
    out = []
    for lab in sorted(labels, key=lambda d: -float(d.get("priority", 0))):
        x = (float(lab["lon"]) + 180) / 360 * scale
        y = -_mercator_y(float(lab["lat"])) / (2 * math.pi) * scale
        mark = str(lab.get("mark") or "")  # a small second line under the name (the demonstration mark)
        w = max(_text_width(str(lab["text"]), size), _text_width(mark, MARK_SIZE)) / 2 + pad
        h = size * 0.6 + pad
        box = (x - w, y - h, x + w, y + h + (MARK_SIZE * 1.1 if mark else 0))
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in kept):
            continue
        kept.append(box)
        out.append(lab)
    return out


def _label_layer(
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


def _key_outlines(rings: list[tuple[str, list[list[float]]]], levels: dict[str, str]) -> pdk.Layer:
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


def label_text(short: str, status: str, mode: str) -> str:
    """A place's name on the map, with its status symbol in mode 'status' (never colour alone)."""
    return f"{short} {STATUS_SYMBOLS.get(status, '')}" if mode == "status" else short


def _name_layers(labels: list[dict[str, Any]], zoom: float) -> list[pdk.Layer]:
    """The names that fit, and under each the mark of a demonstration value (label 'mark': t("prov.demo"))."""
    kept = declutter(labels, zoom, NAME_SIZE)
    marks = [
        {"text": lab["mark"], "lon": lab["lon"], "lat": lab["lat"], "offset": [0, NAME_SIZE * 0.5 + MARK_SIZE * 0.6]}
        for lab in kept
        if lab.get("mark")
    ]
    layers = [_label_layer(kept, "county-names", NAME_SIZE, [20, 20, 20, 255], 600)]
    if marks:
        layers.append(_label_layer(marks, "value-marks", MARK_SIZE, [45, 45, 45, 255], 500))
    return layers


def county_choropleth_deck(
    frame: pd.DataFrame,
    shapes: pd.DataFrame,
    mode: str,
    indicator_name: str,
    edges: list[float] | None = None,
    selected: str | None = None,
    view: pdk.ViewState | None = None,
    dim: Collection[str] = (),
    labels: list[dict[str, Any]] | None = None,
) -> pdk.Deck:
    """The 22 counties filled by status (mode 'status': colour plus the status symbol after each name) or by value
    (mode 'value': the VALUE_RAMP classes of `edges`), key counties outlined by level, the selected county ringed;
    a demonstration value's name carries the mark under it. Counties in `dim` (outside the city shown) are pale and
    unnamed; `labels` replaces the county names (the city map names cities). `frame` is places.county_frame: code,
    short, level, value, status, mark and the tooltip texts."""
    f = frame.set_index("code")
    rings = _shape_rings(shapes)
    polygons = []
    for code, ring in rings:
        r = f.loc[code]
        fill = status_colour(r["status"]) if mode == "status" else value_colour(r["value"], edges or [])
        if code in dim:
            fill = DIM_FILL
        polygons.append(
            {
                "code": code,
                "polygon": ring,
                "fill": fill,
                "name": r["name"],
                "level_text": r["level_text"],
                "value_text": r["value_text"],
                "status_text": r["status_text"],
                "source_text": r["source_text"],
            }
        )
    layers = [
        pdk.Layer(
            "PolygonLayer",
            polygons,
            id="counties",
            get_polygon="polygon",
            get_fill_color="fill",
            get_line_color=[90, 90, 90, 200],
            line_width_min_pixels=1,
            stroked=True,
            filled=True,
            pickable=True,
        ),
        _key_outlines(rings, {c: str(lv) for c, lv in zip(frame["code"], frame["level"], strict=True) if c not in dim}),
    ]
    if selected and selected in f.index:
        layers.append(
            pdk.Layer(
                "PolygonLayer",
                [{"polygon": ring} for code, ring in rings if code == selected],
                id="selected-county",
                get_polygon="polygon",
                get_line_color=SELECTED_LINE,
                get_fill_color=[255, 255, 255, 70],
                line_width_min_pixels=5,
                stroked=True,
                filled=True,
                pickable=False,
            )
        )
    areas = county_areas(shapes)
    at = shapes.set_index("code")
    if labels is None:
        labels = [
            {
                "text": label_text(str(r.short), str(r.status), mode),
                "mark": getattr(r, "mark", ""),
                "lon": float(at.at[r.code, "label_lon"]),
                "lat": float(at.at[r.code, "label_lat"]),
                "priority": min(1000, round(areas.get(str(r.code), 0.0) / 10)),  # deck.gl takes -1000…1000
            }
            for r in frame.itertuples()
            if r.code not in dim
        ]
    view = view or NINGXIA_VIEW
    layers.extend(_name_layers(labels, view.zoom))
    name = html.escape(indicator_name)
    return _offline_deck(
        layers,
        view,
        f"<b>{{name}}</b><br/>{{level_text}}<br/>{name}: <b>{{value_text}}</b><br/>{{status_text}} · {{source_text}}",
    )


def city_choropleth_deck(
    cities: pd.DataFrame,
    shapes: pd.DataFrame,
    city_of: Mapping[str, str],
    mode: str,
    indicator_name: str,
    edges: list[float] | None = None,
    view: pdk.ViewState | None = None,
) -> pdk.Deck:
    """The five cities: each county polygon takes its city's fill and tooltip (`cities` is places.county_frame over
    the city rows; `city_of` maps county → city), one name per city at the area-weighted middle of its counties.
    A pick returns the county's code (the page maps it to its city)."""
    by_city = cities.set_index("code")
    rows = [
        by_city.loc[city_of[str(code)]].to_dict() | {"code": str(code), "level": "none"}
        for code in shapes["code"]
        if city_of.get(str(code)) in by_city.index
    ]
    expanded = pd.DataFrame(rows)
    areas, at = county_areas(shapes), shapes.set_index("code")
    labels = []
    for city in cities.itertuples():
        members = [c for c, p in city_of.items() if p == city.code and c in at.index]
        weight = sum(areas.get(c, 0.0) for c in members)
        if not members or weight <= 0:
            continue
        labels.append(
            {
                "text": label_text(str(city.short), str(city.status), mode),
                "mark": city.mark,
                "lon": sum(float(at.at[c, "label_lon"]) * areas.get(c, 0.0) for c in members) / weight,
                "lat": sum(float(at.at[c, "label_lat"]) * areas.get(c, 0.0) for c in members) / weight,
                "priority": min(1000, round(weight / 10)),
            }
        )
    return county_choropleth_deck(expanded, shapes, mode, indicator_name, edges, None, view, labels=labels)


def _base_layers(shapes: pd.DataFrame, lang: Lang, outlines: bool, zoom: float) -> list[pdk.Layer]:
    """Muted county polygons and names under point layers (not pickable: the points carry the tooltip)."""
    rings = _shape_rings(shapes)
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
        layers.append(_key_outlines(rings, levels))
    areas = county_areas(shapes)
    labels = [
        lab | {"priority": round(areas.get(str(code), 0.0))}
        for lab, code in zip(county_labels(shapes, lang).to_dict("records"), shapes["code"], strict=True)
    ]
    layers.append(_label_layer(declutter(labels, zoom, 12), "county-names", 12, [110, 110, 110, 255], 400))
    return layers


VILLAGE_POINT_COLUMNS = (
    "id", "lon", "lat", "population", "status", "leader_contacted", "name", "county", "value_text", "ratio_text",
    "status_text",
)  # fmt: skip


def _records(df: pd.DataFrame, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, column by column (.tolist()): itertuples over Arrow-backed string
    columns costs ten times as much, which shows at 2,254 villages."""
    return [dict(zip(columns, row, strict=True)) for row in zip(*(df[c].tolist() for c in columns), strict=True)]


def _points_layer(points: list[dict[str, Any]], layer_id: str, fill: str | list[int]) -> pdk.Layer:
    """Clickable circles sized in pixels ("r"), outlined by "line"/"lw" (villages, parks)."""
    return pdk.Layer(
        "ScatterplotLayer",
        points,
        id=layer_id,
        get_position=["lon", "lat"],
        get_radius="r",
        radius_units='"pixels"',
        get_fill_color=fill,
        get_line_color="line",
        get_line_width="lw",
        line_width_units='"pixels"',
        stroked=True,
        filled=True,
        pickable=True,
        auto_highlight=True,
    )


def _offline_deck(layers: list[pdk.Layer], view: pdk.ViewState, tooltip_html: str) -> Deck:
    """A deck on the served offline style (no map provider, no tiles) with the pages' tooltip style."""
    return Deck(
        layers=layers,
        initial_view_state=view,
        map_provider=None,
        map_style=OFFLINE_STYLE,
        tooltip={"html": tooltip_html, "style": {"fontSize": "13px", "maxWidth": "320px"}},
    )


def village_radius(population: float, max_population: float) -> float:
    """Marker radius in pixels: area proportional to population, 2.5 to 9 px."""
    if not max_population or population != population:
        return 2.5
    return round(2.5 + 6.5 * math.sqrt(max(population, 0) / max_population), 2)


def villages_deck(
    villages: pd.DataFrame,
    shapes: pd.DataFrame,
    lang: Lang,
    selected: str | None = None,
    view: pdk.ViewState | None = None,
) -> pdk.Deck:
    """Villages as points coloured by status and sized by population; leader-contacted villages ringed in black.
    `villages` is places.villages_view (filtered): id, lon, lat, population, status and the tooltip texts."""
    max_pop = float(villages["population"].max()) if len(villages) else 1.0
    df = villages.sort_values("population", ascending=False)  # small markers drawn last stay clickable
    points = [
        {
            "id": r["id"],
            "lon": float(r["lon"]),
            "lat": float(r["lat"]),
            "r": village_radius(float(r["population"]), max_pop),
            "fill": status_colour(str(r["status"]), 235),
            "line": VILLAGE_LEADER_LINE if r["leader_contacted"] else [255, 255, 255, 220],
            "lw": 2.0 if r["leader_contacted"] else 0.8,
            "name": r["name"],
            "county": r["county"],
            "pop": format_number(float(r["population"]), "人", lang),
            "value_text": r["value_text"],
            "ratio_text": r["ratio_text"],
            "status_text": r["status_text"],
            "leader": t("villages.leader_mark", lang) if r["leader_contacted"] else "",
        }
        for r in _records(df, VILLAGE_POINT_COLUMNS)
    ]
    view = view or NINGXIA_VIEW
    layers = _base_layers(shapes, lang, outlines=False, zoom=view.zoom)
    layers.append(_points_layer(points, "villages", "fill"))
    chosen = [p for p in points if p["id"] == selected]
    if chosen:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                [{"lon": chosen[0]["lon"], "lat": chosen[0]["lat"], "r": chosen[0]["r"] + 5}],
                id="selected-village",
                get_position=["lon", "lat"],
                get_radius="r",
                radius_units='"pixels"',
                get_line_color=SELECTED_LINE,
                get_line_width=3,
                line_width_units='"pixels"',
                stroked=True,
                filled=False,
                pickable=False,
            )
        )
    return _offline_deck(
        layers,
        view,
        "<b>{name}</b><br/>{county} · {pop}<br/>{value_text} {ratio_text}<br/>{status_text}<br/>{leader}"
        f"<br/><i>{html.escape(t('prov.demo', lang))}</i>",
    )


def park_radius(value: float | None, max_value: float) -> float:
    """Marker radius in pixels: area proportional to the chosen KPI, 7 to 24 px."""
    if value is None or value != value or not max_value:
        return 7.0
    return round(7.0 + 17.0 * math.sqrt(max(value, 0) / max_value), 2)


def parks_deck(
    parks: pd.DataFrame,
    shapes: pd.DataFrame,
    lang: Lang,
    size_kpi: str,
    kpi_labels: dict[str, str],
    selected: str | None = None,
    view: pdk.ViewState | None = None,
) -> pdk.Deck:
    """The located parks as points sized by one KPI, named on the map; key counties outlined by level.
    `parks` is places.parks_frame; parks without a location are left off (the page lists them)."""
    located = parks[parks["located"]]
    max_v = float(located[size_kpi].max()) if len(located) and located[size_kpi].notna().any() else 0.0
    points = []
    for r in located.to_dict("records"):
        point = {
            "id": r["id"],
            "lon": r["lon"],
            "lat": r["lat"],
            "r": park_radius(r[size_kpi], max_v),
            "line": SELECTED_LINE if r["id"] == selected else [255, 255, 255, 255],
            "lw": 3.5 if r["id"] == selected else 1.5,
            "no": str(r["seq"]),
            "name": f"{r['seq']} {r['name']}",
            "location": r["location_text"],
        }
        for i, (k, label) in enumerate(kpi_labels.items()):
            point[f"k{i}"] = f"{label}: {format_number(r[k], None, lang)}"
        points.append(point)
    view = view or NINGXIA_VIEW
    layers = _base_layers(shapes, lang, outlines=True, zoom=view.zoom)
    layers.append(_points_layer(points, "parks", rgba(PARK_FILL, 200)))
    numbers = [{"text": p["no"], "lon": p["lon"], "lat": p["lat"]} for p in points]
    layers.append(_label_layer(numbers, "park-numbers", 13, [0, 45, 90, 255], 700))
    kpi_lines = "".join(f"<br/>{{k{i}}}" for i in range(len(kpi_labels)))
    return _offline_deck(
        layers, view, f"<b>{{name}}</b><br/>{{location}}{kpi_lines}<br/><i>{html.escape(t('prov.demo', lang))}</i>"
    )


# ---------------------------------------------------------------- legends (Streamlit draws none for deck.gl)


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str  # CSS colour
    shape: str = "fill"  # fill (square) · line (outline of a square) · dot (circle) · ring (circle with a ring)
    symbol: str = ""
    size: int = 16
    line_px: float = 1.0


def _css(rgba_or_hex: list[int] | str) -> str:
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


def status_legend(lang: Lang, counts: dict[str, int] | None = None) -> list[LegendItem]:
    """The five statuses, best first, with their symbol (and a count when given)."""
    order = ("achieved", "on_track", "lagging", "off_track", "no_data")
    return [
        LegendItem(
            t(f"status.{s}", lang) + (f"（{counts.get(s, 0)}）" if lang == "zh" and counts is not None else "")
            + (f" ({counts.get(s, 0)})" if lang == "en" and counts is not None else ""),
            _css(status_colour(s)),
            "fill",
            STATUS_SYMBOLS[s],
        )
        for s in order
    ]  # fmt: skip


def value_legend(edges: list[float], unit: str | None, lang: Lang) -> list[LegendItem]:
    """One swatch per value class with its range ('95–96.2%'), and one for no data."""
    items = []
    for i in range(len(edges) - 1):
        lo = format_number(edges[i], unit, lang)
        hi = format_number(edges[i + 1], unit, lang)
        items.append(LegendItem(f"{lo} – {hi}" if lo != hi else lo, _css(value_colour(edges[i + 1], edges))))
    items.append(LegendItem(t("status.no_data", lang), _css(rgba(STATUS_COLOURS["no_data"], 150))))
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
    colour = _css(rgba(PARK_FILL, 200))
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
