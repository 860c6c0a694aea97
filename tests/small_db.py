"""A small database written in the test (datasette's lesson: test data as readable text): one plan, five targets
of different rule kinds, the province and two counties, a few observations of each provenance — built through the
real schema (store/schema.sql) and the gateway's copy-on-write writer, so every query reads it as it reads the full
build. Tests assert values that follow from these rows, not from the demo build's numbers.

What the rows say (plan 2021–2025, baseline 2020; the engine's rule in tracking/status.py and verdicts.py):
- tap      min, binding, headline, 90 → 98 %:  2023 95 public, 2024 97.2 official, 2025 97.5 official.
           As of 2024 share 0.8, progress (97.2−90)/8 = 0.9 ≥ 0.8 → on track; at the end 0.9375 ≥ 0.9 → basically met.
- income   min, expected, headline, 10000 → 15000 元: 2024 11000 demo.
           As of 2024 progress 0.2 < 0.5·0.8 → off track (on sample data); at the end still 0.2 → not met.
- relapse  zero, binding, headline, 0 → 0 人: 0 in 2022 official, 2023 public, 2024 demo → held every year.
- training per_year, expected, ≥ 100 a year: 2022 120 official, 2023 80 public → the latest year missed,
           80 ≥ 0.5·100 → lagging; at the end the final year does not hold → not met.
- station  milestone, binding, not headline: nothing observed → no data / cannot be assessed.
Counties: 同心县 640324 has tap 93 (2024, official); 原州区 640402 nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

from ningxia_dash.store.db import Database, create_schema, get_database, private_copy, write_lock

PLAN_ID = "t-plan"

SMALL_SQL = """
INSERT INTO plans (id, title_zh, title_en, short_zh, short_en, doc_number, period_start, period_end, baseline_year)
VALUES ('t-plan', '测试规划', 'Test plan', '测试规划', 'Test plan', '测试〔2021〕1号', 2021, 2025, 2020);

INSERT INTO regions (code, name_zh, name_en, short_zh, short_en, level, parent_code, assistance_level) VALUES
    ('640000', '宁夏回族自治区', 'Ningxia', '宁夏', 'Ningxia', 'province', NULL, NULL),
    ('640324', '同心县', 'Tongxin County', '同心', 'Tongxin', 'county', '640000', 'national'),
    ('640402', '原州区', 'Yuanzhou District', '原州', 'Yuanzhou', 'county', '640000', 'national');

INSERT INTO indicators (id, plan_id, seq, is_headline, name_zh, name_en, category_zh, category_en, chapter_no,
                        clause, section_id, unit, baseline_value, baseline_year, target_value, target_year,
                        rule_kind, attribute, source_sentence) VALUES
    ('tap',      't-plan', 1, TRUE,  '农村自来水普及率', 'Rural tap water', '基础设施', 'Infrastructure', 2,
     '专栏1-1', 'box1-1', '%',    90,    2020, 98,    2025, 'min',       'binding',  '自来水普及率达到98%'),
    ('income',   't-plan', 2, TRUE,  '农民人均可支配收入', 'Rural income', '收入', 'Income', 2,
     '专栏1-2', 'box1-2', '元',   10000, 2020, 15000, 2025, 'min',       'expected', '收入达到15000元'),
    ('relapse',  't-plan', 3, TRUE,  '返贫人数', 'People back in poverty', '底线', 'Floor', 2,
     '专栏1-3', 'box1-3', '人',   0,     2020, 0,     2025, 'zero',      'binding',  '不发生规模性返贫'),
    ('training', 't-plan', 4, FALSE, '技能培训人次', 'Skills training', '就业', 'Jobs', 5,
     '第五章第一节', 'ch5-s1', '万人次', NULL, NULL, 100, 2025, 'per_year', 'expected', '每年培训100万人次'),
    ('station',  't-plan', 5, FALSE, '建成服务站', 'Service station built', '服务', 'Services', 6,
     '第六章第二节', 'ch6-s2', NULL, NULL, NULL, NULL, 2025, 'milestone', 'binding', '建成服务站');

INSERT INTO sources (id, kind, title, url) VALUES
    ('s-official', 'official', '科室上传', NULL),
    ('s-public', 'public', '统计公报', 'https://example.gov.cn/bulletin'),
    ('s-demo', 'demo', '示例数据', NULL);

INSERT INTO observations (indicator_id, region_code, year, value, source_kind, source_id) VALUES
    ('tap',      '640000', 2023, 95,    'public',   's-public'),
    ('tap',      '640000', 2024, 97.2,  'official', 's-official'),
    ('tap',      '640000', 2025, 97.5,  'official', 's-official'),
    ('tap',      '640324', 2024, 93,    'official', 's-official'),
    ('income',   '640000', 2024, 11000, 'demo',     's-demo'),
    ('relapse',  '640000', 2022, 0,     'official', 's-official'),
    ('relapse',  '640000', 2023, 0,     'public',   's-public'),
    ('relapse',  '640000', 2024, 0,     'demo',     's-demo'),
    ('training', '640000', 2022, 120,   'official', 's-official'),
    ('training', '640000', 2023, 80,    'public',   's-public');
"""


def small_database(path: Path, sql: str = SMALL_SQL) -> Database:
    """A new database file at `path` holding the schema and `sql`'s rows, opened read-only as the app opens it.
    Its data version is unique, so a cached view model never serves another database's rows."""
    with write_lock(path), private_copy(path, empty=True) as conn:
        create_schema(conn)
        conn.execute("INSERT INTO meta VALUES ('data_version', ?), ('demo', '1')", [f"small-{uuid.uuid4().hex}"])
        conn.execute(sql)
    return get_database(path, read_only=True)
