"""The seeds read into the database's frames: the plan and its sections, the targets, regions with their shapes,
the parks (data/seed/*.csv, data/geo/); and the fingerprint of those files, which is the data version's first part."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pandas as pd

from ningxia_dash import config
from ningxia_dash.plan_text import normalise, section_id_for_clause, split_sections

SEED_FILES = (
    "plans.csv",
    "plan_text.txt",
    "indicators.csv",
    "regions.csv",
    "parks.csv",
    "public_figures.csv",
    "public_figure_map.csv",
    "region_population.csv",
    "metrics.csv",
    "reference_series.csv",
)
GEO_FILE = "ningxia_counties.geojson"
RELATIVE_KINDS = ("above_reference", "reach_reference")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [dict(row) for row in csv.DictReader(fh)]


def _num(text: str | None) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(float(text)) if text else None


def _bool(text: str | None) -> bool:
    return (text or "").strip().lower() in ("true", "1", "yes")


def _blank_none(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def seed_fingerprint(seed_dir: Path, geo_dir: Path) -> str:
    """sha256 over every input file: the database's data version."""
    h = hashlib.sha256()
    for p in [*(seed_dir / f for f in SEED_FILES), geo_dir / GEO_FILE, config.SCHEMA_FILE]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- table frames


def plan_frames(seed_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    plans = read_csv(seed_dir / "plans.csv")
    plan_rows = [
        {
            **p,
            "period_start": int(p["period_start"]),
            "period_end": int(p["period_end"]),
            "baseline_year": int(p["baseline_year"]),
            "issued_on": p["issued_on"] or None,
            "source_url": _blank_none(p["source_url"]),
            "predecessor_id": _blank_none(p["predecessor_id"]),
        }
        for p in plans
    ]
    sections = split_sections((seed_dir / "plan_text.txt").read_text(encoding="utf-8"))
    plan_id = plans[0]["id"]
    section_rows = [
        {
            "plan_id": plan_id,
            "id": s.id,
            "parent_id": s.parent_id,
            "kind": s.kind,
            "seq": i,
            "label_zh": s.label_zh,
            "title_zh": s.title_zh,
            "text_zh": s.text,
        }
        for i, s in enumerate(sections, start=1)
    ]
    return pd.DataFrame(plan_rows), pd.DataFrame(section_rows)


def indicator_frame(seed_dir: Path, sections: pd.DataFrame) -> pd.DataFrame:
    texts = {(r.plan_id, r.id): normalise(r.text_zh) for r in sections.itertuples()}
    rows = []
    for r in read_csv(seed_dir / "indicators.csv"):
        section_id = section_id_for_clause(r["clause"])
        if normalise(r["source_sentence"]) not in texts.get((r["plan_id"], section_id), ""):
            raise ValueError(f"indicators.csv {r['id']}: sentence not found in {r['clause']} ({section_id})")
        rows.append(
            {
                "id": r["id"],
                "plan_id": r["plan_id"],
                "seq": int(r["seq"]),
                "is_headline": _bool(r["is_headline"]),
                "name_zh": r["name_zh"],
                "name_en": r["name_en"],
                "category_zh": r["category_zh"],
                "category_en": r["category_en"],
                "chapter_no": int(r["chapter_no"]),
                "clause": r["clause"],
                "section_id": section_id,
                "also_in": _blank_none(r["also_in"]),
                "unit": _blank_none(r["unit"]),
                "baseline_value": _num(r["baseline_value"]),
                "baseline_year": _int(r["baseline_year"]),
                "target_value": _num(r["target_value"]),
                "target_year": int(r["target_year"]),
                "rule_kind": r["rule_kind"],
                "attribute": r["attribute"],
                "reference_series": _blank_none(r["reference_series"]),
                "source_sentence": r["source_sentence"],
                "note": _blank_none(r["note"]),
                "carries_over_from": _blank_none(r.get("carries_over_from")),
            }
        )
    return pd.DataFrame(rows)


def region_frames(seed_dir: Path, geo_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    geo = json.loads((geo_dir / GEO_FILE).read_text(encoding="utf-8"))
    features = {f["properties"]["code"]: f for f in geo["features"]}
    rows, shapes = [], []
    for r in read_csv(seed_dir / "regions.csv"):
        feat = features.get(r["code"])
        rows.append(
            {
                "code": r["code"],
                "name_zh": r["name_zh"],
                "name_en": r["name_en"],
                "short_zh": r["short_zh"],
                "short_en": r["short_en"],
                "level": r["level"],
                "parent_code": _blank_none(r["parent_code"]),
                "zone": _blank_none(r["zone"]),
                "assistance_level": _blank_none(r["assistance_level"]),
                "seat_lon": _num(r["seat_lon"]),
                "seat_lat": _num(r["seat_lat"]),
                "label_lon": feat["properties"]["label_lon"] if feat else _num(r["seat_lon"]),
                "label_lat": feat["properties"]["label_lat"] if feat else _num(r["seat_lat"]),
            }
        )
        if feat:
            shapes.append({"code": r["code"], "geometry": json.dumps(feat["geometry"], separators=(",", ":"))})
    return pd.DataFrame(rows), pd.DataFrame(shapes)


def park_frame(seed_dir: Path, regions: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    seats = {r.code: (r.seat_lon, r.seat_lat) for r in regions.itertuples()}
    box_text = sections.loc[sections["id"] == "box6-1", "text_zh"].iloc[0]
    rows = []
    for r in read_csv(seed_dir / "parks.csv"):
        named = _bool(r["named_in_plan"])
        if named and r["name_zh"] not in box_text:
            raise ValueError(f"parks.csv {r['id']}: {r['name_zh']} is not named in 专栏6-1")
        code = _blank_none(r["county_code"])
        lon, lat = seats.get(code, (None, None)) if code else (None, None)
        rows.append(
            {
                "id": r["id"],
                "seq": int(r["seq"]),
                "name_zh": r["name_zh"],
                "name_en": r["name_en"],
                "named_in_plan": named,
                "county_code": code,
                "lon": lon,
                "lat": lat,
                "location_approximate": True,  # the county seat stands in for the park until officers upload it
                "lead_industries_zh": _blank_none(r["lead_industries_zh"]),
                "lead_industries_en": _blank_none(r["lead_industries_en"]),
                "fujian_partner_zh": _blank_none(r["fujian_partner_zh"]),
                "clause": "专栏6-1",
                "source_sentence": box_text,
                "note": _blank_none(r["note"]),
            }
        )
    return pd.DataFrame(rows)
