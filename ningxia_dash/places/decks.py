"""pydeck deck builders of the place maps: the county / city choropleth, the villages and the parks as points,
offline (no basemap, no tiles; the served style static/map-style.json). Imports pydeck and pandas; never
streamlit."""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Mapping
from typing import Any

import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.places.geometry import (
    MARK_SIZE,
    NAME_SIZE,
    NINGXIA_VIEW,
    county_areas,
    county_labels,
    declutter,
    shape_rings,
)
from ningxia_dash.places.legends import (
    LEVEL_LINE_HEX,
    LEVEL_LINE_PX,
    PARK_FILL,
    park_radius,
    status_colour,
    value_colour,
    village_radius,
)
from ningxia_dash.style import STATUS_SYMBOLS, rgba

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
DIM_FILL = [246, 245, 240, 255]  # counties outside the city shown
BASE_LINE = [150, 150, 150, 255]
VILLAGE_LEADER_LINE = [17, 17, 17, 255]


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
    unnamed; `labels` replaces the county names (the city map names cities). `frame` is county_map.place_frame: code,
    short, level, value, status, mark and the tooltip texts."""
    f = frame.set_index("code")
    rings = shape_rings(shapes)
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
    """The five cities: each county polygon takes its city's fill and tooltip (`cities` is county_map.place_frame over
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


def villages_deck(
    villages: pd.DataFrame,
    shapes: pd.DataFrame,
    lang: Lang,
    selected: str | None = None,
    view: pdk.ViewState | None = None,
) -> pdk.Deck:
    """Villages as points coloured by status and sized by population; leader-contacted villages ringed in black.
    `villages` is villages.villages_view (filtered): id, lon, lat, population, status and the tooltip texts."""
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
    `parks` is parks.parks_frame; parks without a location are left off (the page lists them)."""
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
