"""The metadata seeds (data/seed/metrics.csv, reference_series.csv): read, checked, and what the build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ningxia_dash import catalogue, config
from ningxia_dash.places import villages
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database


def test_the_seeds_read_and_the_village_rules_are_the_plans() -> None:
    metrics = catalogue.metrics()
    assert [m.id for m in metrics if m.entity == "village"][:3] == [
        "v_income",
        "v_stable_job_share",
        "v_income_project_share",
    ]
    assert (
        len([m for m in metrics if m.entity == "village"]) == 11
        and len([m for m in metrics if m.entity == "park"]) == 6
    )
    income = villages.village_rule("v_income")
    assert (income.rule_kind, income.target_value, income.reference_series, income.indicator_id) == (
        "reach_reference", None, "regional_rural_income", "relocated_income_vs_regional_rural",
    )  # fmt: skip
    jobs = villages.village_rule("v_stable_job_share")
    assert (jobs.rule_kind, jobs.target_value, jobs.indicator_id) == (
        "min", 100.0, "resettled_household_stable_employment_share",
    )  # fmt: skip
    assert villages.village_rule("d_governance").rule_kind == "rising"
    assert all(m.clause for m in metrics), "every metric says where in the plan it comes from"
    assert {s.id for s in catalogue.reference_series()} >= {"regional_rural_income", "national_rural_income_growth"}


def test_the_database_holds_the_catalogue(db: Database) -> None:
    for entity in ("village", "park"):
        rows = queries.metrics(db, entity)
        seeds = [m for m in catalogue.metrics() if m.entity == entity]
        assert list(rows["id"]) == [m.id for m in seeds]
        assert list(rows["unit"]) == [m.unit for m in seeds]
    stored = db.rows("SELECT id, name_zh, name_en, unit, derivation FROM reference_series ORDER BY id")
    assert stored == sorted((s.id, s.name_zh, s.name_en, s.unit, s.derivation) for s in catalogue.reference_series())


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    for name in ("metrics.csv", "reference_series.csv", "indicators.csv"):
        shutil.copy(config.SEED_DIR / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("metrics.csv", "id,entity,seq", "id,kind,seq", "metrics.csv 第1行（表头）与约定不符：缺少列 ['entity']"),
        ("reference_series.csv", ",publisher", ",publisher,extra", "reference_series.csv 第1行（表头）"),
        (
            "metrics.csv",
            "d_industry,village,",
            "d_industry,town,",
            "metrics.csv 第5行 entity 列的值“town”不在允许的取值中",
        ),
        ("metrics.csv", ",分,industry,rising,", ",分,industry,climbing,", "第5行 rule_kind 列的值“climbing”"),
        ("metrics.csv", ",分,industry,rising,", ",分,industri,rising,", "第5行 dimension 列的值“industri”"),
        (
            "metrics.csv",
            "regional_rural_income,relocated",
            "regional_rural_incomes,relocated",
            "第2行 reference_series",
        ),
        ("metrics.csv", "resettled_household_stable_employment_share", "no_such_target", "第3行 indicator_id"),
        ("metrics.csv", "p_jobs,park,5,带动就业,Jobs,人,,", "p_jobs,park,5,带动就业,Jobs,人,,min", "第17行 rule_kind"),
        ("metrics.csv", "v_stable_job_share,village,2", "v_income,village,2", "第3行 id 列的值“v_income”重复"),
        ("metrics.csv", ",%,,min,100,", ",%,,min,一百,", "第3行 target_value 列的值“一百”不是数字"),
    ],
)
def test_a_bad_seed_is_refused_naming_file_row_and_column(
    seeds: Path, file: str, old: str, new: str, message: str
) -> None:
    _edit(seeds / file, old, new)
    with pytest.raises(catalogue.SeedError) as err:
        catalogue.metrics(seeds)
    assert message in str(err.value)
