"""Builds data/ningxia.duckdb from data/seed/ and data/geo/, deterministically, into a temporary file that is
then swapped in (imports duckdb, pandas and the package's pure modules; never streamlit)."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from ningxia_dash import catalogue, config, demo, demo_regions
from ningxia_dash.db import batch_count, create_schema, private_copy, write_lock
from ningxia_dash.plan_text import normalise, section_id_for_clause, split_sections

DEMO_SOURCE = "demo-generator"
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


class BuildRefused(RuntimeError):
    """The target database holds uploaded data; rebuilding would lose it."""


@dataclass
class BuildReport:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    targets_per_chapter: dict[int, int] = field(default_factory=dict)


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


# ---------------------------------------------------------------- observations and references


@dataclass
class Figures:
    """Values keyed (series, region, year) → (value, source_kind, source_id, note)."""

    observations: dict[tuple[str, str, int], tuple[float, str, str, str | None]] = field(default_factory=dict)
    references: dict[tuple[str, str, int], tuple[float, str, str]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    def reference(self, series: str, region: str) -> dict[int, float]:
        return {y: v[0] for (s, r, y), v in self.references.items() if s == series and r == region}


def _plan_source(plan: pd.Series) -> dict[str, Any]:
    return {
        "id": f"plan-{plan['id']}",
        "kind": "public",
        "title": f"《{plan['title_zh']}》（{plan['doc_number']}）",
        "url": plan["source_url"],
        "quality": "primary",
        "note": "规划原文所列基期值",
    }


def _region_codes(regions: pd.DataFrame) -> dict[str, str]:
    """The names public_figures.csv may give a region (全国, 宁夏, a city's or county's full or short name) → code."""
    names = {"全国": config.NATION_CODE, "宁夏": config.PROVINCE_CODE}
    for code, full, short in zip(regions["code"], regions["name_zh"], regions["short_zh"], strict=True):
        names.setdefault(full, code)
        names.setdefault(short, code)
    return names


def public_figures(seed_dir: Path, indicators: pd.DataFrame, figs: Figures, regions: pd.DataFrame) -> pd.DataFrame:
    """Load public_figures.csv verbatim, and its mapped rows as public observations / reference values."""
    mapping = {r["subject"]: r for r in read_csv(seed_dir / "public_figure_map.csv")}
    codes = _region_codes(regions)
    by_clause = indicators.groupby("clause")["id"].apply(list).to_dict()
    rows = []
    for seq, r in enumerate(read_csv(seed_dir / "public_figures.csv"), start=1):
        m = mapping.get(r["subject"])
        maps_to = m["maps_to"] if m else ""
        kind, _, ref = maps_to.partition(":")
        if kind == "clause":  # a clause that names exactly one target
            ids = by_clause.get(ref, [])
            if len(ids) != 1:
                raise ValueError(f"public_figure_map: clause {ref} matches {ids}")
            kind, ref = "indicator", ids[0]
        source_id = f"public-{seq:03d}"
        figs.sources[source_id] = {
            "id": source_id,
            "kind": "public",
            "title": r["source_title"],
            "url": r["source_address"],
            "quality": r["source_kind"],
            "note": r["note"] or None,
        }
        region = codes.get(r["region"])
        if region is None:
            raise ValueError(f"public_figures.csv 第{seq + 1}行“region”列：地区“{r['region']}”不在 regions.csv 中")
        value, year = float(r["value"]), int(r["year"])
        note = "；".join(x for x in (r["note"], m["note"] if m else "") if x) or None
        if kind == "indicator":
            figs.observations[(ref, region, year)] = (value, "public", source_id, note)
        elif kind == "reference":
            figs.references[(ref, region, year)] = (value, "public", source_id)
        rows.append(
            {
                "seq": seq,
                "subject": r["subject"],
                "region": r["region"],
                "year": year,
                "value": value,
                "unit": r["unit"],
                "source_title": r["source_title"],
                "source_url": r["source_address"],
                "quality": r["source_kind"],
                "note": r["note"] or None,
                "mapped_to": f"{kind}:{ref}" if kind else None,
            }
        )
    return pd.DataFrame(rows)


# Demonstration values for reference years no public source in the seed gives (labelled demo everywhere).
DEMO_REFERENCE_LEVELS = {
    ("national_rural_income", config.NATION_CODE): {2025: 24550.0},
    ("regional_rural_income", config.PROVINCE_CODE): {
        2021: 15330.0,
        2023: 17560.0,
        2024: 18720.0,
        2025: 19850.0,
    },
    ("urban_resident_income_growth", config.PROVINCE_CODE): {
        2021: 7.9,
        2022: 4.2,
        2023: 4.9,
        2024: 4.8,
        2025: 4.6,
    },
}


def derive_references(figs: Figures, years: Iterable[int], with_demo: bool = True) -> None:
    """Fill demo reference levels (unless with_demo is False), then growth rates from levels (public only when
    both years are public; without demo data only public growth rates are derived)."""
    # The public source for the resettled population's 2020 income (11624元) says it was 2265元 below the
    # regional rural average, which puts that average at 13889元: derived from a public figure, kept public.
    moved = figs.observations.get(("relocated_income_vs_regional_rural", config.PROVINCE_CODE, 2020))
    if moved and moved[1] == "public":
        figs.references.setdefault(
            ("regional_rural_income", config.PROVINCE_CODE, 2020), (moved[0] + 2265, "public", moved[2])
        )
    for (series, region), values in DEMO_REFERENCE_LEVELS.items() if with_demo else ():
        for y, v in values.items():
            if y in years:
                figs.references.setdefault((series, region, y), (v, "demo", DEMO_SOURCE))
    for level, growth, region in (
        ("national_rural_income", "national_rural_income_growth", config.NATION_CODE),
        ("regional_rural_income", "rural_resident_income_growth", config.PROVINCE_CODE),
    ):
        for y in years:
            cur, prev = figs.references.get((level, region, y)), figs.references.get((level, region, y - 1))
            if cur and prev:
                kind = "public" if cur[1] == prev[1] == "public" else "demo"
                if kind == "demo" and not with_demo:
                    continue
                src = cur[2] if kind == "public" else DEMO_SOURCE
                figs.references[(growth, region, y)] = (round((cur[0] / prev[0] - 1) * 100, 2), kind, src)


def _target(r: Any, plan: pd.Series) -> demo.Target:
    return demo.Target(
        id=r.id,
        unit=r.unit,
        rule_kind=r.rule_kind,
        baseline_value=None if pd.isna(r.baseline_value) else float(r.baseline_value),
        target_value=None if pd.isna(r.target_value) else float(r.target_value),
        baseline_year=int(r.baseline_year) if not pd.isna(r.baseline_year) else int(plan["baseline_year"]),
        target_year=int(r.target_year),
    )


def _relative_values(r: Any, figs: Figures, years: list[int], region: str) -> dict[int, float]:
    series = r.reference_series
    if r.rule_kind == "above_reference":
        ref_region = config.NATION_CODE if series.startswith("national") else config.PROVINCE_CODE
        return demo.relative_series(f"{r.id}@{region}", figs.reference(series, ref_region), years, margin=1.2)
    ref = figs.reference("regional_rural_income", config.PROVINCE_CODE)
    first = figs.observations.get((r.id, config.PROVINCE_CODE, years[0]))
    start = first[0] if first else ref[years[0]] * 0.84
    rng = demo.rng_for("reach", r.id, region)
    end_ratio = 0.97 if demo.profile_for(r.id) in ("ahead", "on_track") else 0.9
    return demo.approach_series(start * rng.uniform(0.93, 1.05), ref, years, end_ratio + rng.uniform(-0.04, 0.03))


def plan_baselines(indicators: pd.DataFrame, plan: pd.Series, figs: Figures) -> None:
    """The plan's own baselines as public province observations (never over a published figure)."""
    for r in indicators.itertuples():
        if r.rule_kind in RELATIVE_KINDS:
            continue
        t = _target(r, plan)
        if t.baseline_value is not None:
            figs.observations.setdefault(
                (r.id, config.PROVINCE_CODE, t.baseline_year),
                (t.baseline_value, "public", f"plan-{plan['id']}", "规划基期值"),
            )


def demo_observations(indicators: pd.DataFrame, plan: pd.Series, figs: Figures) -> None:
    """Fill every indicator's province series with demo values, never over a public figure (the cities' and
    counties' come after, from demo_regions, so that they add up to the province's)."""
    years = list(range(int(plan["baseline_year"]), int(plan["period_end"]) + 1))
    for r in indicators.itertuples():
        if r.rule_kind in RELATIVE_KINDS:
            values = _relative_values(r, figs, years, config.PROVINCE_CODE)
        else:
            t = _target(r, plan)
            anchor = figs.observations.get((r.id, config.PROVINCE_CODE, t.baseline_year))
            if r.rule_kind == "rising" and anchor and anchor[1] == "public":
                # "稳步提高" has no number: continue from the published level rather than a doubtful baseline
                t = demo.Target(t.id, t.unit, t.rule_kind, anchor[0], None, t.baseline_year, t.target_year)
            demo_years = [y for y in years if not (y == t.baseline_year and t.baseline_value is not None)]
            values = demo.indicator_series(t, demo_years)
        for y, v in values.items():
            figs.observations.setdefault((r.id, config.PROVINCE_CODE, y), (v, "demo", DEMO_SOURCE, None))


# ---------------------------------------------------------------- assemble


def _frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


def _insert(conn: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame) -> int:
    if df.empty:
        return 0
    conn.register("_frame", df)
    conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _frame")  # table names are constants here
    conn.unregister("_frame")
    return len(df)


def _load(
    conn: duckdb.DuckDBPyConnection, seed_dir: Path, geo_dir: Path, report: BuildReport, with_demo: bool = True
) -> None:
    plans, sections = plan_frames(seed_dir)
    plan = plans.iloc[0]
    indicators = indicator_frame(seed_dir, sections)
    regions, shapes = region_frames(seed_dir, geo_dir)
    parks = park_frame(seed_dir, regions, sections)
    figs = Figures()
    figs.sources[f"plan-{plan['id']}"] = _plan_source(plan)
    if with_demo:
        figs.sources[DEMO_SOURCE] = {
            "id": DEMO_SOURCE,
            "kind": "demo",
            "title": "示例数据（程序生成，非真实统计）",
            "url": None,
            "quality": None,
            "note": "无公开来源时由程序生成的示例数据，仅用于展示功能，非真实统计",
        }
    pub = public_figures(seed_dir, indicators, figs, regions)
    years = list(range(int(plan["baseline_year"]), int(plan["period_end"]) + 1))
    derive_references(figs, years, with_demo=with_demo)
    if with_demo:
        demo_observations(indicators, plan, figs)
    plan_baselines(indicators, plan, figs)
    if with_demo:  # cities and counties around the province's values, once those are all in (baselines included)
        population = demo_regions.read_population(seed_dir / "region_population.csv")
        demo_regions.fill(figs.observations, indicators, regions, population, years, DEMO_SOURCE)

    geo = {c.code: json.loads(g) for c, g in zip(shapes.itertuples(), shapes["geometry"], strict=True)}
    county_objs = [
        demo.County(r.code, r.short_zh, r.short_en, r.assistance_level, geo[r.code])
        for r in regions[regions["level"] == "county"].itertuples()
    ]
    # Without demo data: no village list and no village or park metrics (only the metric definitions below).
    villages = _frame(
        {**v, "source_kind": "demo", "source_id": DEMO_SOURCE} for v in demo.villages(county_objs) if with_demo
    )
    income = figs.reference("regional_rural_income", config.PROVINCE_CODE)
    vmetrics = _frame(
        {**m, "source_kind": "demo", "source_id": DEMO_SOURCE}
        for m in (
            demo.village_metric_rows(
                villages.to_dict("records"),
                years,
                income,
                demo_regions.county_values(figs.observations, "relocated_income_vs_regional_rural"),
            )
            if with_demo
            else []
        )
    )
    pmetrics = _frame(
        {**m, "source_kind": "demo", "source_id": DEMO_SOURCE}
        for m in (demo.park_metric_rows(list(parks["id"]), years) if with_demo else [])
    )
    metrics = _frame(
        {
            "id": m.id,
            "entity": m.entity,
            "seq": m.seq,
            "name_zh": m.name_zh,
            "name_en": m.name_en,
            "unit": m.unit,
            "dimension": m.dimension,
        }
        for m in catalogue.metrics(seed_dir)
    )
    observations = _frame(
        {
            "indicator_id": k[0],
            "region_code": k[1],
            "year": k[2],
            "period_type": "year",
            "period_no": 0,
            "value": v[0],
            "source_kind": v[1],
            "source_id": v[2],
            "note": v[3],
        }
        for k, v in sorted(figs.observations.items())
    )
    references = _frame(
        {
            "series_id": k[0],
            "region_code": k[1],
            "year": k[2],
            "value": v[0],
            "source_kind": v[1],
            "source_id": v[2],
        }
        for k, v in sorted(figs.references.items())
    )
    ref_series = _frame(
        {"id": s.id, "name_zh": s.name_zh, "name_en": s.name_en, "unit": s.unit, "derivation": s.derivation}
        for s in catalogue.reference_series(seed_dir)
    )
    tables = {
        "plans": plans,
        "plan_sections": sections,
        "indicators": indicators,
        "regions": regions,
        "region_shapes": shapes,
        "sources": _frame(sorted(figs.sources.values(), key=lambda s: s["id"])),
        "public_figures": pub,
        "reference_series": ref_series,
        "reference_values": references,
        "observations": observations,
        "parks": parks,
        "villages": villages,
        "metrics": metrics,
        "village_metrics": vmetrics,
        "park_metrics": pmetrics,
    }
    for name, df in tables.items():
        report.counts[name] = _insert(conn, name, df)
    report.targets_per_chapter = indicators.groupby("chapter_no").size().to_dict()
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            # the kind is part of the version, so no cache mixes a production build with a demo one
            ("data_version", _kind_version(seed_fingerprint(seed_dir, geo_dir), with_demo)),
            ("default_plan_id", str(plan["id"])),
            ("schema", "1"),
            ("demo", "1" if with_demo else "0"),
        ],
    )


def _kind_version(fingerprint: str, with_demo: bool) -> str:
    """The demo build keeps the seed fingerprint; a production build gets its own (its first 12 characters differ)."""
    return fingerprint if with_demo else hashlib.sha256(f"{fingerprint}|demo=0".encode()).hexdigest()


def build_database(
    path: Path | None = None,
    force: bool = False,
    seed_dir: Path = config.SEED_DIR,
    geo_dir: Path = config.GEO_DIR,
    lock_wait: float = 30.0,
    demo: bool = True,
    extend: Callable[[duckdb.DuckDBPyConnection, BuildReport], None] | None = None,
) -> BuildReport:
    """Build into <path>.tmp-<pid> and atomically replace <path>. Refuses to drop uploaded batches unless force.
    Holds the database's write lock throughout (waits up to lock_wait seconds for an import to finish).

    `extend` adds rows in the same transaction before the file is published: the benchmark's generated k× dataset
    (bench/scaled_data.py) is added this way; the default build is the shipped one.
    demo=False builds a production database: the plan, its targets, regions, parks, public figures and the plan's
    baselines, and nothing invented (meta key 'demo' = '0')."""
    if extend is not None and not demo:
        raise ValueError("extra generated data is demo data; it cannot be combined with demo=False")
    target = (path or config.db_path()).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Under the import write lock: an import or rollback publishing while this build swaps the file in would
    # otherwise replace one with the other (and the check for uploaded batches would race it).
    with write_lock(target, wait_seconds=lock_wait):
        if not force and batch_count(target):
            raise BuildRefused(
                f"{target} 中已有上传的导入批次，重建会丢失这些数据。确需重建请加 --force（建议先备份该文件）。"
            )
        report = BuildReport(path=target)
        with private_copy(target, empty=True) as conn:
            create_schema(conn)
            conn.execute("BEGIN TRANSACTION")
            _load(conn, seed_dir, geo_dir, report, with_demo=demo)
            if extend is not None:
                extend(conn, report)
            conn.execute("COMMIT")
    return report
