-- ningxia_dash: every table of the dashboard's DuckDB file.
-- Conventions: ids are stable text; provenance is a column (source_kind + source_id), never a comment;
-- a second plan (e.g. 十五五, 2026-2030) is added by inserting rows, not by changing this file.

CREATE TABLE meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- One row per plan. period_* and baseline_year drive every "as of" computation; nothing hard-codes a year.
CREATE TABLE plans (
    id             VARCHAR PRIMARY KEY,
    title_zh       VARCHAR NOT NULL,
    title_en       VARCHAR NOT NULL,
    short_zh       VARCHAR NOT NULL,
    short_en       VARCHAR NOT NULL,
    doc_number     VARCHAR,
    issuer_zh      VARCHAR,
    issued_on      DATE,
    period_start   INTEGER NOT NULL,
    period_end     INTEGER NOT NULL,
    baseline_year  INTEGER NOT NULL,
    source_url     VARCHAR,
    predecessor_id VARCHAR,
    CHECK (period_start <= period_end),
    CHECK (baseline_year < period_start)
);

-- The plan's structure: 章 (chapter) / 节 (section) / 专栏 (box) / 专栏 item, with the text of each.
CREATE TABLE plan_sections (
    plan_id   VARCHAR NOT NULL,
    id        VARCHAR NOT NULL,           -- ch3, ch3-s6, box2, box2-3, preface
    parent_id VARCHAR,
    kind      VARCHAR NOT NULL CHECK (kind IN ('preface', 'chapter', 'section', 'box', 'box_item')),
    seq       INTEGER NOT NULL,           -- reading order over the whole plan
    label_zh  VARCHAR NOT NULL,           -- 第三章第六节 / 专栏2-3 : the clause format indicators cite
    title_zh  VARCHAR NOT NULL,
    text_zh   VARCHAR NOT NULL,
    PRIMARY KEY (plan_id, id)
);

-- Every quantified target of a plan. One row = one target, traced to its clause and sentence.
CREATE TABLE indicators (
    id                VARCHAR PRIMARY KEY,
    plan_id           VARCHAR NOT NULL,
    seq               INTEGER NOT NULL,
    is_headline       BOOLEAN NOT NULL,   -- the 13 rows of 专栏1
    name_zh           VARCHAR NOT NULL,
    name_en           VARCHAR NOT NULL,
    category_zh       VARCHAR NOT NULL,
    category_en       VARCHAR NOT NULL,
    chapter_no        INTEGER NOT NULL,
    clause            VARCHAR NOT NULL,   -- 专栏1-9 / 第八章第六节
    section_id        VARCHAR NOT NULL,   -- plan_sections.id the clause resolves to
    also_in           VARCHAR,
    unit              VARCHAR,
    baseline_value    DOUBLE,
    baseline_year     INTEGER,
    target_value      DOUBLE,
    target_year       INTEGER NOT NULL,
    rule_kind         VARCHAR NOT NULL CHECK (rule_kind IN ('min', 'gt', 'max', 'maintain', 'zero', 'per_year',
                          'above_reference', 'reach_reference', 'rising', 'milestone')),
    attribute         VARCHAR NOT NULL CHECK (attribute IN ('binding', 'expected', 'none')),
    reference_series  VARCHAR,
    source_sentence   VARCHAR NOT NULL,
    note              VARCHAR,
    carries_over_from VARCHAR,            -- the previous plan's indicator this one continues
    UNIQUE (plan_id, seq)
);

-- Ningxia, its 5 cities and 22 counties (GB/T 2260 codes).
CREATE TABLE regions (
    code             VARCHAR PRIMARY KEY,
    name_zh          VARCHAR NOT NULL,
    name_en          VARCHAR NOT NULL,
    short_zh         VARCHAR NOT NULL,
    short_en         VARCHAR NOT NULL,
    level            VARCHAR NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent_code      VARCHAR,
    zone             VARCHAR CHECK (zone IN ('central_south', 'yellow_river')),
    assistance_level VARCHAR CHECK (assistance_level IN ('national', 'regional')),
    seat_lon         DOUBLE,
    seat_lat         DOUBLE,
    label_lon        DOUBLE,
    label_lat        DOUBLE
);

CREATE TABLE region_shapes (
    code     VARCHAR PRIMARY KEY,
    geometry VARCHAR NOT NULL             -- GeoJSON geometry object, simplified (data/geo/SOURCE.md)
);

-- Where a number comes from. kind: official (an officer's upload), public (a published figure with its
-- address), demo (generated demonstration data), plan (printed in the plan itself).
CREATE TABLE sources (
    id      VARCHAR PRIMARY KEY,
    kind    VARCHAR NOT NULL CHECK (kind IN ('official', 'public', 'demo', 'plan')),
    title   VARCHAR NOT NULL,
    url     VARCHAR,
    quality VARCHAR,                      -- public sources: primary / secondary / mirror
    note    VARCHAR
);

CREATE TABLE import_batches (
    id             INTEGER PRIMARY KEY,
    kind           VARCHAR NOT NULL,
    file_name      VARCHAR NOT NULL,
    sha256         VARCHAR NOT NULL,
    size_bytes     BIGINT NOT NULL,
    encoding       VARCHAR,
    username       VARCHAR NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    rows_new       INTEGER NOT NULL DEFAULT 0,
    rows_changed   INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    status         VARCHAR NOT NULL DEFAULT 'committed' CHECK (status IN ('committed', 'rolled_back')),
    rolled_back_at TIMESTAMP,
    rolled_back_by VARCHAR
);

-- The previous value of every row an import replaced, so a batch can be diffed and rolled back exactly.
CREATE TABLE batch_changes (
    batch_id   INTEGER NOT NULL,
    table_name VARCHAR NOT NULL,
    row_key    VARCHAR NOT NULL,          -- JSON of the row's key columns
    old_row    VARCHAR,                   -- JSON, NULL when the row was new
    new_row    VARCHAR NOT NULL
);

CREATE TABLE users (
    username        VARCHAR PRIMARY KEY,
    role            VARCHAR NOT NULL CHECK (role IN ('viewer', 'officer', 'admin')),
    password_hash   VARCHAR NOT NULL,     -- argon2id; never plaintext
    scope_indicators VARCHAR,             -- comma-separated ids an officer may upload, NULL = all
    scope_regions    VARCHAR,
    created_at      TIMESTAMP NOT NULL,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE
);

-- Actual values of indicators over time, for Ningxia, a city or a county.
-- period_no: 0 for a whole year, else the month (period_type 'month') or quarter ('quarter').
CREATE TABLE observations (
    indicator_id VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    period_type  VARCHAR NOT NULL DEFAULT 'year' CHECK (period_type IN ('year', 'quarter', 'month')),
    period_no    INTEGER NOT NULL DEFAULT 0,
    value        DOUBLE NOT NULL,
    source_kind  VARCHAR NOT NULL CHECK (source_kind IN ('official', 'public', 'demo')),
    source_id    VARCHAR NOT NULL,
    batch_id     INTEGER,
    note         VARCHAR,
    PRIMARY KEY (indicator_id, region_code, year, period_type, period_no)
);

-- Series a relative target is judged against (national rural income growth, the regional average …).
CREATE TABLE reference_series (
    id       VARCHAR PRIMARY KEY,
    name_zh  VARCHAR NOT NULL,
    name_en  VARCHAR NOT NULL,
    unit     VARCHAR NOT NULL,
    derivation VARCHAR                   -- how it is computed when it is not stored directly
);

CREATE TABLE reference_values (
    series_id   VARCHAR NOT NULL,
    region_code VARCHAR NOT NULL,         -- '000000' for national figures
    year        INTEGER NOT NULL,
    value       DOUBLE NOT NULL,
    source_kind VARCHAR NOT NULL CHECK (source_kind IN ('official', 'public', 'demo')),
    source_id   VARCHAR NOT NULL,
    batch_id    INTEGER,
    PRIMARY KEY (series_id, region_code, year)
);

-- 情况说明: an officer's explanation of an indicator's value in a year.
CREATE TABLE indicator_notes (
    indicator_id VARCHAR NOT NULL,
    region_code  VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    text_zh      VARCHAR NOT NULL,
    text_en      VARCHAR,
    source_kind  VARCHAR NOT NULL CHECK (source_kind IN ('official', 'public', 'demo')),
    batch_id     INTEGER,
    PRIMARY KEY (indicator_id, region_code, year)
);

-- The 10 闽宁 industrial parks of 专栏6-1. Names only where the plan prints them.
CREATE TABLE parks (
    id                   VARCHAR PRIMARY KEY,
    seq                  INTEGER NOT NULL,
    name_zh              VARCHAR NOT NULL,
    name_en              VARCHAR NOT NULL,
    named_in_plan        BOOLEAN NOT NULL,
    county_code          VARCHAR,
    lon                  DOUBLE,
    lat                  DOUBLE,
    location_approximate BOOLEAN NOT NULL,
    lead_industries_zh   VARCHAR,
    lead_industries_en   VARCHAR,
    fujian_partner_zh    VARCHAR,
    clause               VARCHAR NOT NULL,
    source_sentence      VARCHAR NOT NULL,
    note                 VARCHAR
);

-- The 261 key resettlement villages (communities) of 第四章. No public list exists: demo rows until uploaded.
CREATE TABLE villages (
    id                 VARCHAR PRIMARY KEY,
    name_zh            VARCHAR NOT NULL,
    name_en            VARCHAR NOT NULL,
    county_code        VARCHAR NOT NULL,
    lon                DOUBLE NOT NULL,
    lat                DOUBLE NOT NULL,
    relocation_type    VARCHAR NOT NULL CHECK (relocation_type IN ('policy', 'spontaneous')),
    households         INTEGER NOT NULL,
    population         INTEGER NOT NULL,
    leading_industry   VARCHAR NOT NULL,
    leader_contacted   BOOLEAN NOT NULL,   -- one of the 20 contacted by provincial leaders (省级领导包抓)
    source_kind        VARCHAR NOT NULL CHECK (source_kind IN ('official', 'public', 'demo')),
    source_id          VARCHAR NOT NULL,
    batch_id           INTEGER
);

-- Metrics measured for villages and parks (income, employment, the "9+1" dimensions, enterprises …).
CREATE TABLE metrics (
    id        VARCHAR PRIMARY KEY,
    entity    VARCHAR NOT NULL CHECK (entity IN ('village', 'park')),
    seq       INTEGER NOT NULL,
    name_zh   VARCHAR NOT NULL,
    name_en   VARCHAR NOT NULL,
    unit      VARCHAR NOT NULL,
    dimension VARCHAR                     -- village "9+1" dimension id, when the metric scores one
);

CREATE TABLE village_metrics (
    village_id  VARCHAR NOT NULL,
    metric_id   VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    period_type VARCHAR NOT NULL DEFAULT 'year',
    period_no   INTEGER NOT NULL DEFAULT 0,
    value       DOUBLE NOT NULL,
    source_kind VARCHAR NOT NULL CHECK (source_kind IN ('official', 'public', 'demo')),
    source_id   VARCHAR NOT NULL,
    batch_id    INTEGER,
    PRIMARY KEY (village_id, metric_id, year, period_type, period_no)
);

CREATE TABLE park_metrics (
    park_id     VARCHAR NOT NULL,
    metric_id   VARCHAR NOT NULL,
    year        INTEGER NOT NULL,
    period_type VARCHAR NOT NULL DEFAULT 'year',
    period_no   INTEGER NOT NULL DEFAULT 0,
    value       DOUBLE NOT NULL,
    source_kind VARCHAR NOT NULL CHECK (source_kind IN ('official', 'public', 'demo')),
    source_id   VARCHAR NOT NULL,
    batch_id    INTEGER,
    PRIMARY KEY (park_id, metric_id, year, period_type, period_no)
);

-- The original rows of ../shared/data/public_figures.csv, verbatim, with their addresses.
CREATE TABLE public_figures (
    seq          INTEGER PRIMARY KEY,
    subject      VARCHAR NOT NULL,
    subject_en   VARCHAR,                 -- the subject in English (public_figure_map.csv), for English screens
    region       VARCHAR NOT NULL,
    year         INTEGER NOT NULL,
    value        DOUBLE NOT NULL,
    unit         VARCHAR NOT NULL,
    source_title VARCHAR NOT NULL,
    source_url   VARCHAR NOT NULL,
    quality      VARCHAR NOT NULL,
    note         VARCHAR,
    mapped_to    VARCHAR                  -- indicator:<id> / reference:<id> / NULL (kept for the record only)
);
