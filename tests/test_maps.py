"""The place maps as pure pydeck builders (no Streamlit): offline settings, layers, colours, labels, tooltips,
legends and the size of what goes to the browser."""

from __future__ import annotations

import itertools
import json
import time

import pandas as pd
import pytest

from ningxia_dash.places import county_map, decks, geometry, layers, legends, parks, villages
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS, rgba

PLAN = "nx-14-rr"


@pytest.fixture(scope="module")
def shapes(db: Database) -> pd.DataFrame:
    return queries.county_shapes(db)


@pytest.fixture(scope="module")
def frame(db: Database) -> pd.DataFrame:
    from ningxia_dash.tracking import assess

    ind = queries.indicators(db, PLAN)
    a = assess.assess_all_regions(ind, queries.observations(db, PLAN), queries.reference_values(db), 2020, 2025)
    row = ind.set_index("id").loc["rural_tap_water_rate"].to_dict() | {"id": "rural_tap_water_rate"}
    return county_map.place_frame(county_map.counties(queries.regions(db)), a, row, "zh")


def _layer(deck, layer_id):  # type: ignore[no-untyped-def]
    return next(layer for layer in deck.layers if layer.id == layer_id)


def _assert_offline(deck) -> None:  # type: ignore[no-untyped-def]
    spec = deck.to_json()
    assert deck.map_provider is None
    assert deck.map_style == layers.OFFLINE_STYLE
    assert "mapbox" not in spec.lower() and "carto" not in spec.lower() and "tiles" not in spec.lower()
    for layer in deck.layers:
        if layer.type == "TextLayer":
            d = json.loads(spec)
            text = next(x for x in d["layers"] if x["id"] == layer.id)
            assert text["characterSet"] == "auto", "CJK glyphs need the auto character set"
            assert text["fontFamily"].startswith("Noto Sans CJK SC,"), "the font list must stay one JS string"


def test_framed_view_fits_ningxia() -> None:
    tall = geometry.framed_view(540, 400)
    assert 35.2 < tall.latitude < 39.4 and 104.3 < tall.longitude < 107.7
    assert 5.5 < tall.zoom < 6.6
    assert geometry.framed_view(1080, 1000).zoom > tall.zoom  # a bigger map zooms in


def test_value_classes_and_colours() -> None:
    edges = legends.value_classes([90.0, 92.5, 95.0, 100.0])
    assert len(edges) == len(legends.VALUE_RAMP) + 1 and edges[0] == 90 and edges[-1] == 100
    assert legends.value_colour(90.0, edges) == rgba(legends.VALUE_RAMP[0], legends.STATUS_FILL_ALPHA)
    assert legends.value_colour(100.0, edges) == rgba(legends.VALUE_RAMP[-1], legends.STATUS_FILL_ALPHA)
    assert legends.value_colour(None, edges)[:3] == rgba(STATUS_COLOURS["no_data"])[:3]
    assert legends.value_classes([5.0, 5.0]) == [5.0, 5.0]  # all equal: one class
    assert legends.value_classes([]) == []


def test_choropleth_by_status(frame: pd.DataFrame, shapes: pd.DataFrame) -> None:
    deck = decks.county_choropleth_deck(frame, shapes, "status", "农村自来水普及率", selected="640422")
    _assert_offline(deck)
    assert [layer.id for layer in deck.layers] == [
        "counties", "key-counties", "selected-county", "county-names", "value-marks",
    ]  # fmt: skip
    status_of = dict(zip(frame["code"], frame["status"], strict=True))
    polygons = _layer(deck, "counties").data
    assert {p["code"] for p in polygons} == set(frame["code"]) and len(frame) == 22
    for p in polygons:
        assert p["fill"] == legends.status_colour(status_of[p["code"]])
        assert set(p) == {"code", "polygon", "fill", "name", "level_text", "value_text", "status_text", "source_text"}
    key = _layer(deck, "key-counties").data
    assert {tuple(k["line"]) for k in key} == {tuple(rgba(h)) for h in legends.LEVEL_LINE_HEX.values()}
    labels = _layer(deck, "county-names").data
    first_lines = [lab["text"].split("\n")[0] for lab in labels]
    assert all(line.split()[-1] in STATUS_SYMBOLS.values() for line in first_lines), "status shown as a symbol too"
    assert len(labels) >= 13  # crowded names are dropped (a demonstration mark takes room under each), most stay
    tip = deck._tooltip["html"]
    assert "农村自来水普及率" in tip and "{status_text}" in tip and "{value_text}" in tip


def test_choropleth_by_value(frame: pd.DataFrame, shapes: pd.DataFrame) -> None:
    edges = legends.value_classes(list(frame["value"].dropna()))
    deck = decks.county_choropleth_deck(frame, shapes, "value", "x", edges)
    fills = {tuple(p["fill"]) for p in _layer(deck, "counties").data}
    assert fills <= {tuple(rgba(h, legends.STATUS_FILL_ALPHA)) for h in legends.VALUE_RAMP}
    assert len(fills) > 1
    assert "selected-county" not in [layer.id for layer in deck.layers]
    colours = legends.fill_colours(frame, "value", edges)  # the ranking's dots take the map's colours
    assert len(colours) == 22 and all(c.startswith("rgba(") for c in colours.values())


def test_declutter_keeps_the_biggest_and_never_overlaps() -> None:
    labels = [
        {"text": "金凤", "lon": 106.20, "lat": 38.45, "priority": 285},
        {"text": "兴庆", "lon": 106.25, "lat": 38.46, "priority": 655},
        {"text": "盐池", "lon": 107.0, "lat": 37.6, "priority": 6578},
    ]
    kept = geometry.declutter(labels, 6.1, 13)
    assert [k["text"] for k in kept] == ["盐池", "兴庆"]
    assert len(geometry.declutter(labels, 11, 13)) == 3  # zoomed in, everything fits


def test_villages_deck(db: Database, shapes: pd.DataFrame) -> None:
    village_rows = queries.villages(db)
    statuses = villages.village_statuses(
        queries.village_metric_values(db, "v_stable_job_share"), "v_stable_job_share", 2025, 2020, 2025
    )
    metric = villages.metric_row(queries.metrics(db, "village"), "v_stable_job_share")
    view = villages.villages_view(village_rows, statuses, metric, "en")
    deck = decks.villages_deck(view, shapes, "en", selected=str(view["id"].iloc[0]))
    _assert_offline(deck)
    points = _layer(deck, "villages").data
    assert len(points) == 261
    status_of = dict(zip(view["id"], view["status"], strict=True))
    assert all(p["fill"] == legends.status_colour(status_of[p["id"]], 235) for p in points)
    ringed = [p for p in points if p["line"] == decks.VILLAGE_LEADER_LINE]
    assert len(ringed) == 20, "the 20 leader-contacted villages are ringed"
    by_pop = sorted(
        zip(view["population"], [next(p["r"] for p in points if p["id"] == i) for i in view["id"]], strict=True)
    )
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(by_pop)), "bigger villages, bigger markers"
    assert "selected-village" in [layer.id for layer in deck.layers]
    assert "Sample" in deck._tooltip["html"]


def test_village_map_stays_small_and_scales(db: Database, shapes: pd.DataFrame) -> None:
    village_rows = queries.villages(db)
    statuses = villages.village_statuses(
        queries.village_metric_values(db, "v_income"), "v_income", 2025, 2020, 2025, {}
    )
    view = villages.villages_view(
        village_rows, statuses, villages.metric_row(queries.metrics(db, "village"), "v_income"), "zh"
    )
    size = len(decks.villages_deck(view, shapes, "zh").to_json().encode())
    assert size < 250_000, size  # 22 simplified polygons + 261 points with their tooltip texts, compact UTF-8
    big = pd.concat([view.assign(id=view["id"] + f"-{i}") for i in range(20)], ignore_index=True)
    start = time.perf_counter()
    spec = decks.villages_deck(big, shapes, "zh").to_json()
    assert time.perf_counter() - start < 5 and len(spec) < 6_000_000  # 20× the villages still builds quickly


def test_parks_deck_leaves_out_the_unlocated_park(db: Database, shapes: pd.DataFrame) -> None:
    frame = parks.parks_frame(queries.parks(db), queries.park_metric_values(db), 2025, "zh")
    labels = {k: k for k in parks.PARK_KPIS}
    deck = decks.parks_deck(frame, shapes, "zh", "p_jobs", labels)
    _assert_offline(deck)
    points = _layer(deck, "parks").data
    assert len(points) == 9 and "park_10" not in {p["id"] for p in points}
    assert [n["text"] for n in _layer(deck, "park-numbers").data] == [
        str(p["seq"]) for p in frame.to_dict("records") if p["located"]
    ]
    biggest = max(points, key=lambda p: p["r"])
    assert biggest["id"] == frame.loc[frame["p_jobs"].idxmax(), "id"]
    assert "{k0}" in deck._tooltip["html"] and "示例" in deck._tooltip["html"]


def test_legends() -> None:
    items = legends.status_legend("zh", {"achieved": 3, "off_track": 1})
    assert [i.symbol for i in items] == [
        STATUS_SYMBOLS[s] for s in ("achieved", "on_track", "lagging", "off_track", "no_data")
    ]
    assert items[0].label == "已完成（3）"
    out = legends.legend_html("图例 <b>", items, "注")
    assert "图例 &lt;b&gt;" in out and "已完成（3）" in out and "注" in out
    assert rgba(STATUS_COLOURS["achieved"])[:3] == [0, 158, 115]
    ranges = legends.value_legend([90.0, 92.0, 94.0], "%", "en")
    assert ranges[0].label == "90% – 92%" and ranges[-1].label == "No data"
    assert [i.label for i in legends.level_legend("en")] == [
        "National key-assistance county",
        "Regional key-assistance county",
    ]
    assert "display:inline-flex" in legends.legend_html("x", items, inline=True)


def test_demonstration_values_carry_their_mark_on_the_map_and_official_ones_do_not(
    frame: pd.DataFrame, shapes: pd.DataFrame
) -> None:
    """Derived from source_kind at run time: the names of demonstration values carry t("prov.demo") under them;
    once a county's value is official its mark goes, and the others stay."""
    from ningxia_dash.i18n import t

    deck = decks.county_choropleth_deck(frame, shapes, "status", "x")
    names = {lab["text"].split()[0] for lab in _layer(deck, "county-names").data}
    marks = _layer(deck, "value-marks").data
    assert len(marks) == len(names) >= 14 and {m["text"] for m in marks} == {t("prov.demo", "zh")}
    official = frame.assign(
        mark=["" if c == "640422" else m for c, m in zip(frame["code"], frame["mark"], strict=True)]
    )
    after = decks.county_choropleth_deck(official, shapes, "status", "x")
    kept = {(m["lon"], m["lat"]) for m in _layer(after, "value-marks").data}
    xiji = shapes.set_index("code").loc["640422"]
    assert (float(xiji["label_lon"]), float(xiji["label_lat"])) not in kept and len(kept) >= len(marks) - 1
    all_official = frame.assign(mark="")
    assert "value-marks" not in [
        layer.id for layer in decks.county_choropleth_deck(all_official, shapes, "value", "x").layers
    ]


def test_city_map_colours_each_county_by_its_city_and_names_the_cities(db: Database, shapes: pd.DataFrame) -> None:
    from ningxia_dash.tracking import assess

    regions = queries.regions(db)
    ind = queries.indicators(db, PLAN)
    a = assess.assess_all_regions(ind, queries.observations(db, PLAN), queries.reference_values(db), 2020, 2025)
    row = ind.set_index("id").loc["rural_tap_water_rate"].to_dict() | {"id": "rural_tap_water_rate"}
    cities = county_map.place_frame(county_map.cities(regions), a, row, "en")
    city_of = county_map.city_of(regions)
    assert len(cities) == 5 and len(city_of) == 22 and set(city_of.values()) == set(cities["code"])
    deck = decks.city_choropleth_deck(cities, shapes, city_of, "status", "x")
    status = dict(zip(cities["code"], cities["status"], strict=True))
    for p in _layer(deck, "counties").data:  # a county polygon has its city's colour and tooltip
        assert p["fill"] == legends.status_colour(status[city_of[p["code"]]])
    names = [lab["text"].split()[0] for lab in _layer(deck, "county-names").data]
    assert sorted(names) == sorted(cities["short"]) and "key-counties" in [layer.id for layer in deck.layers]
    assert not _layer(deck, "key-counties").data  # key-county outlines belong to the county level


def test_a_city_view_frames_the_city_and_pales_the_others(frame: pd.DataFrame, shapes: pd.DataFrame) -> None:
    guyuan = [c for c in frame["code"] if c.startswith("6404")]
    bounds = geometry.shape_bounds(shapes, guyuan)
    assert bounds is not None and 35.2 < bounds[1] < bounds[3] < 36.8
    view = geometry.framed_view(540, 400, bounds=bounds)
    assert view.zoom > geometry.framed_view(540, 400).zoom
    deck = decks.county_choropleth_deck(frame, shapes, "status", "x", dim=set(frame["code"]) - set(guyuan))
    pale = [p for p in _layer(deck, "counties").data if p["fill"] == decks.DIM_FILL]
    assert len(pale) >= 22 - len(guyuan) and {p["code"] for p in pale}.isdisjoint(guyuan)
    assert len(_layer(deck, "county-names").data) <= len(guyuan)
    assert all(k["polygon"] for k in _layer(deck, "key-counties").data)
    outlined = {str(k["polygon"]) for k in _layer(deck, "key-counties").data}
    assert len(outlined) < 9  # only the city's key counties keep their outline
