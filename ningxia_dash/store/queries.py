"""Every SELECT of the app, as named, parameterised functions returning DataFrames."""

from __future__ import annotations

import pandas as pd

from ningxia_dash.store.db import Database

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
    """The seed fingerprint, the newest import batch (its number and its file's checksum) and the number rolled
    back: changes whenever the data does (an import adds a batch, a rollback marks one; account changes touch no
    data and keep the version). The checksum keeps two databases apart that reached the same batch number by
    different imports (a restored backup, then a new import), so a cached view of the one never serves the other."""
    version = db.scalar("SELECT value FROM meta WHERE key = 'data_version'") or "unknown"
    row = db.rows(
        "SELECT coalesce(max(id), 0), count(*) FILTER (WHERE status = 'rolled_back'),"
        " coalesce(arg_max(sha256, id), '') FROM import_batches"
    )
    newest, rolled_back, sha = row[0] if row else (0, 0, "")
    return f"{version[:12]}-{newest}" + (f"-{sha[:6]}" if sha else "") + (f"r{rolled_back}" if rolled_back else "")


def table_counts(db: Database) -> pd.DataFrame:
    """Rows per table (table names come from a fixed tuple, never from input)."""
    union = " UNION ALL ".join(f"SELECT '{t}' AS table_name, count(*) AS n FROM {t}" for t in COUNTED_TABLES)
    return db.df(union)


def plans(db: Database) -> pd.DataFrame:
    # An imported plan may have no document number: '' (not NaN, which pages would print as "nan").
    return db.df("SELECT * REPLACE (coalesce(doc_number, '') AS doc_number) FROM plans ORDER BY period_start DESC")


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
    """A plan's targets. A target continuing an indicator of the previous plan (carries_over_from) without a
    printed baseline takes that indicator's final actual (province, in the plan's baseline year or the latest
    before it) as its baseline; `baseline_carried` is then that value's source kind (else NULL)."""
    return db.df(
        """
        WITH carried AS (
            SELECT i.id, o.value, o.year, o.source_kind,
                   row_number() OVER (PARTITION BY i.id ORDER BY o.year DESC) AS rn
            FROM indicators i JOIN plans p ON p.id = i.plan_id
            JOIN observations o ON o.indicator_id = i.carries_over_from AND o.region_code = '640000'
                AND o.period_type = 'year' AND o.year <= p.baseline_year
            WHERE i.plan_id = ? AND i.baseline_value IS NULL
        )
        SELECT i.* REPLACE (
                   coalesce(i.baseline_value, c.value) AS baseline_value,
                   CASE WHEN c.value IS NULL THEN i.baseline_year ELSE c.year END AS baseline_year),
               c.source_kind AS baseline_carried
        FROM indicators i LEFT JOIN carried c ON c.id = i.id AND c.rn = 1
        WHERE i.plan_id = ? ORDER BY i.seq
        """,
        [plan_id, plan_id],
    )


def observations(db: Database, plan_id: str, region_code: str | None = None) -> pd.DataFrame:
    """Yearly actual values of a plan's indicators: for one region, or every region when region_code is None.
    (Monthly/quarterly rows are left out: statuses are judged on years, and at scale they dominate the result.)"""
    return db.df(
        """
        SELECT o.* FROM observations o JOIN indicators i ON i.id = o.indicator_id
        WHERE i.plan_id = ? AND o.period_type = 'year' AND (? IS NULL OR o.region_code = ?)
        ORDER BY o.indicator_id, o.region_code, o.year, o.period_type, o.period_no
        """,
        [plan_id, region_code, region_code],
    )


def reference_values(db: Database) -> pd.DataFrame:
    return db.df("SELECT * FROM reference_values ORDER BY series_id, region_code, year")


def indicator_notes(db: Database, indicator_id: str) -> pd.DataFrame:
    """情况说明 of an indicator, every region and year, newest first."""
    return db.df("SELECT * FROM indicator_notes WHERE indicator_id = ? ORDER BY year DESC, region_code", [indicator_id])


# ---------------------------------------------------------------- places: villages, parks


def villages(db: Database) -> pd.DataFrame:
    """The key resettlement villages with their county's names and assistance level."""
    return db.df(
        """
        SELECT v.id, v.name_zh, v.name_en, v.county_code, r.short_zh AS county_zh, r.short_en AS county_en,
               r.assistance_level, v.lon, v.lat, v.relocation_type, v.households, v.population,
               v.leading_industry, v.leader_contacted, v.source_kind, v.source_id
        FROM villages v JOIN regions r ON r.code = v.county_code
        ORDER BY v.county_code, v.id
        """
    )


def metrics(db: Database, entity: str) -> pd.DataFrame:
    """Village or park metrics ('village' / 'park') in display order."""
    return db.df("SELECT * FROM metrics WHERE entity = ? ORDER BY seq", [entity])


def village_metric_values(db: Database, metric_id: str) -> pd.DataFrame:
    """One metric of every village, every yearly value."""
    return _village_years(db, metric_id=metric_id)


def village_history(db: Database, village_id: str) -> pd.DataFrame:
    """Every yearly metric value of one village."""
    return _village_years(db, village_id=village_id)


def _village_years(db: Database, metric_id: str | None = None, village_id: str | None = None) -> pd.DataFrame:
    """The yearly village metric values of one metric or one village (None: every one), by village, metric, year."""
    return db.df(
        """
        SELECT village_id, metric_id, year, value, source_kind, source_id FROM village_metrics
        WHERE metric_id = coalesce(?, metric_id) AND village_id = coalesce(?, village_id) AND period_type = 'year'
        ORDER BY village_id, metric_id, year
        """,
        [metric_id, village_id],
    )


def village_metric_medians(db: Database, year: int) -> pd.DataFrame:
    """The median of each village metric over all villages in a year (what a village profile compares with)."""
    return db.df(
        """
        SELECT metric_id, median(value) AS median, count(*) AS n FROM village_metrics
        WHERE year = ? AND period_type = 'year'
        GROUP BY metric_id ORDER BY metric_id
        """,
        [year],
    )


def parks(db: Database) -> pd.DataFrame:
    """The 闽宁 parks of 专栏6-1 with their county's names (the unnamed tenth has no county and no location)."""
    return db.df(
        """
        SELECT p.id, p.seq, p.name_zh, p.name_en, p.named_in_plan, p.county_code, r.short_zh AS county_zh,
               r.short_en AS county_en, p.lon, p.lat, p.location_approximate, p.lead_industries_zh,
               p.lead_industries_en, p.clause, p.note
        FROM parks p LEFT JOIN regions r ON r.code = p.county_code
        ORDER BY p.seq
        """
    )


def park_metric_values(db: Database) -> pd.DataFrame:
    """Every yearly KPI value of every park."""
    return db.df(
        """
        SELECT park_id, metric_id, year, value, source_kind, source_id FROM park_metrics
        WHERE period_type = 'year'
        ORDER BY park_id, metric_id, year
        """
    )


# ---------------------------------------------------------------- uploads: import batches


def import_batches(db: Database) -> pd.DataFrame:
    """Every import batch, newest first (the history page), with its source row's note (which records the
    plausibility warnings committed past: ingest/plausibility.batch_note)."""
    return db.df(
        """
        SELECT b.id, b.kind, b.file_name, b.sha256, b.size_bytes, b.encoding, b.username, b.created_at, b.rows_new,
               b.rows_changed, b.rows_unchanged, b.status, b.rolled_back_at, b.rolled_back_by, s.note AS source_note
        FROM import_batches b LEFT JOIN sources s ON s.id = 'batch-' || CAST(b.id AS VARCHAR)
        ORDER BY b.id DESC
        """
    )


def batch_changes(db: Database, batch_id: int) -> pd.DataFrame:
    """The rows one batch wrote, with the rows they replaced (JSON), in key order."""
    return db.df(
        "SELECT table_name, row_key, old_row, new_row FROM batch_changes WHERE batch_id = ? ORDER BY table_name, row_key",
        [batch_id],
    )


def meta_value(db: Database, key: str) -> str | None:
    """A setting stored in the meta table (e.g. the presenter deck order), or None."""
    value = db.scalar("SELECT value FROM meta WHERE key = ?", [key])
    return str(value) if value is not None else None
