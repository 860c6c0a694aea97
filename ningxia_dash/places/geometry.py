"""The counties' geometry: rings and areas from the GeoJSON of data/geo, the view that frames Ningxia (or one
city) and which map labels fit without overlapping (pure)."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterable
from typing import Any

import pandas as pd
import pydeck as pdk

from ningxia_dash.i18n import Lang

# Framed on Ningxia (35.2°–39.4° N, 104.3°–107.7° E).
NINGXIA_VIEW = pdk.ViewState(latitude=37.25, longitude=106.15, zoom=6.1, min_zoom=5, max_zoom=11, pitch=0)
# Ningxia's extent (west, south, east, north) from data/geo, and deck.gl's world size at zoom 0 (512 px).
NINGXIA_BOUNDS = (104.28, 35.24, 107.66, 39.38)
_WORLD_PX = 512.0
NAME_SIZE, MARK_SIZE = 13, 10  # px: place names on a choropleth, the demonstration mark under them


def _rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """Outer rings of a (Multi)Polygon, one per part (holes are not needed at province scale)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [part[0] for part in geometry["coordinates"]]


def county_labels(shapes: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    col = "short_zh" if lang == "zh" else "short_en"
    return pd.DataFrame({"text": shapes[col], "lon": shapes["label_lon"], "lat": shapes["label_lat"]})


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


def shape_rings(shapes: pd.DataFrame) -> list[tuple[str, list[list[float]]]]:
    """(code, outer ring) per polygon part, coordinates rounded to 0.001° (the simplification tolerance of
    data/geo) to keep the browser payload small. The ring is left open (deck.gl closes it): with GeoJSON's
    repeated closing vertex, clicks on Streamlit's deck.gl element select nothing. Parsed once per geometry set
    (every map page draws the same 22 counties on every rerun); callers must not modify what this returns."""
    return _parsed_rings(shape_key(shapes))


def shape_key(shapes: pd.DataFrame) -> tuple[tuple[str, str], ...]:
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
    points = [pt for code, ring in shape_rings(shapes) if code in wanted for pt in ring]
    if not points:
        return None
    xs, ys = [pt[0] for pt in points], [pt[1] for pt in points]
    return min(xs), min(ys), max(xs), max(ys)


def ring_area_km2(ring: list[list[float]]) -> float:
    """Approximate area of a lon/lat ring in km² (shoelace on an equirectangular projection at its latitude)."""
    if len(ring) < 3:
        return 0.0
    lat0 = math.radians(sum(p[1] for p in ring) / len(ring))
    twice = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))
    return abs(twice) / 2 * 111.32 * 111.32 * math.cos(lat0)


def county_areas(shapes: pd.DataFrame) -> dict[str, float]:
    return dict(_areas(shape_key(shapes)))


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
