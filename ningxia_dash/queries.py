"""Every SELECT of the app, as named, parameterised functions returning DataFrames (imports db; never streamlit)."""

from __future__ import annotations

import pandas as pd

from ningxia_dash.db import Database

COUNTED_TABLES = (
    "plans",
    "plan_sections",
    "indicators",
    "regions",
    "region_shapes",
    "sources",
    "observations",
    "reference_values",
    "public_figures",
    "parks",
    "villages",
    "village_metrics",
    "park_metrics",
    "indicator_notes",
    "import_batches",
    "users",
)


def data_version(db: Database) -> str:
    """The seed fingerprint plus the number of import batches: changes whenever the data does."""
    version = db.scalar("SELECT value FROM meta WHERE key = 'data_version'") or "unknown"
    batches = db.scalar("SELECT count(*) FROM import_batches") or 0
    return f"{version[:12]}-{batches}"


def table_counts(db: Database) -> pd.DataFrame:
    """Rows per table (table names come from a fixed tuple, never from input)."""
    union = " UNION ALL ".join(f"SELECT '{t}' AS table_name, count(*) AS n FROM {t}" for t in COUNTED_TABLES)
    return db.df(union)


def plans(db: Database) -> pd.DataFrame:
    return db.df("SELECT * FROM plans ORDER BY period_start DESC")


def plan_sections(db: Database, plan_id: str) -> pd.DataFrame:
    return db.df("SELECT * FROM plan_sections WHERE plan_id = ? ORDER BY seq", [plan_id])


def indicators_with_latest(db: Database, plan_id: str, region_code: str) -> pd.DataFrame:
    """Every target of a plan with the latest yearly actual value for a region, and that value's provenance."""
    return db.df(
        """
        WITH latest AS (
            SELECT o.*, row_number() OVER (PARTITION BY indicator_id ORDER BY year DESC) AS rn
            FROM observations o
            WHERE o.region_code = ? AND o.period_type = 'year'
        )
        SELECT i.*, l.value AS latest_value, l.year AS latest_year, l.source_kind AS latest_source_kind,
               l.source_id AS latest_source_id, s.title AS latest_source_title, s.url AS latest_source_url
        FROM indicators i
        LEFT JOIN latest l ON l.indicator_id = i.id AND l.rn = 1
        LEFT JOIN sources s ON s.id = l.source_id
        WHERE i.plan_id = ?
        ORDER BY i.seq
        """,
        [region_code, plan_id],
    )


def observation_source_mix(db: Database) -> pd.DataFrame:
    """How many actual values each source kind contributes, per table that holds values."""
    return db.df(
        """
        SELECT 'observations' AS table_name, source_kind, count(*) AS n FROM observations GROUP BY ALL
        UNION ALL SELECT 'reference_values', source_kind, count(*) FROM reference_values GROUP BY ALL
        UNION ALL SELECT 'villages', source_kind, count(*) FROM villages GROUP BY ALL
        UNION ALL SELECT 'village_metrics', source_kind, count(*) FROM village_metrics GROUP BY ALL
        UNION ALL SELECT 'park_metrics', source_kind, count(*) FROM park_metrics GROUP BY ALL
        ORDER BY table_name, source_kind
        """
    )


def latest_data_year(db: Database, plan_id: str) -> int | None:
    year = db.scalar(
        "SELECT max(o.year) FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.plan_id = ?",
        [plan_id],
    )
    return int(year) if year is not None else None


def regions(db: Database) -> pd.DataFrame:
    return db.df(
        """
        SELECT r.*, p.name_zh AS parent_name_zh, p.name_en AS parent_name_en,
               (SELECT count(*) FROM villages v WHERE v.county_code = r.code) AS villages,
               (SELECT count(*) FROM parks k WHERE k.county_code = r.code) AS parks
        FROM regions r LEFT JOIN regions p ON p.code = r.parent_code
        ORDER BY r.code
        """
    )


def county_shapes(db: Database) -> pd.DataFrame:
    """The 22 county geometries (GeoJSON text) with the attributes a map needs, nothing more."""
    return db.df(
        """
        SELECT r.code, r.name_zh, r.name_en, r.short_zh, r.short_en, r.assistance_level, r.zone,
               r.label_lon, r.label_lat, s.geometry
        FROM regions r JOIN region_shapes s ON s.code = r.code
        WHERE r.level = 'county'
        ORDER BY r.code
        """
    )


def public_figures(db: Database) -> pd.DataFrame:
    return db.df("SELECT * FROM public_figures ORDER BY seq")


def sources(db: Database) -> pd.DataFrame:
    return db.df("SELECT * FROM sources ORDER BY kind, id")


def entity_counts(db: Database) -> dict[str, int]:
    """Headline counts for the overview: targets, counties, villages, parks …"""
    row = db.rows(
        """
        SELECT
          (SELECT count(*) FROM indicators),
          (SELECT count(*) FROM indicators WHERE is_headline),
          (SELECT count(*) FROM indicators WHERE attribute = 'binding'),
          (SELECT count(*) FROM regions WHERE level = 'county'),
          (SELECT count(*) FROM regions WHERE assistance_level IS NOT NULL),
          (SELECT count(*) FROM villages),
          (SELECT count(*) FROM villages WHERE leader_contacted),
          (SELECT count(*) FROM parks),
          (SELECT count(*) FROM observations),
          (SELECT count(*) FROM plan_sections)
        """
    )[0]
    keys = (
        "targets",
        "headline",
        "binding",
        "counties",
        "key_counties",
        "villages",
        "leader_villages",
        "parks",
        "observations",
        "sections",
    )
    return dict(zip(keys, (int(x) for x in row), strict=True))


def indicators(db: Database, plan_id: str) -> pd.DataFrame:
    return db.df("SELECT * FROM indicators WHERE plan_id = ? ORDER BY seq", [plan_id])


def observations(db: Database, plan_id: str, region_code: str | None = None) -> pd.DataFrame:
    """Actual values of a plan's indicators: for one region, or for every region when region_code is None."""
    return db.df(
        """
        SELECT o.* FROM observations o JOIN indicators i ON i.id = o.indicator_id
        WHERE i.plan_id = ? AND (? IS NULL OR o.region_code = ?)
        ORDER BY o.indicator_id, o.region_code, o.year, o.period_type, o.period_no
        """,
        [plan_id, region_code, region_code],
    )


def reference_values(db: Database) -> pd.DataFrame:
    return db.df("SELECT * FROM reference_values ORDER BY series_id, region_code, year")
