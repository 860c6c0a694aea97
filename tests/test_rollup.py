"""Numbers that add up: the region's rate lies within its places' range and is their population-weighted
mean where everything is demonstration data; counts sum; villages sit around their county; public figures arrive as
public and are never bent to fit."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from ningxia_dash import config, rollup
from ningxia_dash.store.db import Database
from tests.app_db import app_database
from tests.html_tables import page_tables

SEED = Path(__file__).resolve().parent.parent / "data" / "seed"


def _population() -> dict[str, float]:
    with (SEED / "region_population.csv").open(encoding="utf-8") as fh:
        return {r["code"]: float(r["population"]) for r in csv.DictReader(fh)}


def _yearly(db: Database) -> pd.DataFrame:
    return db.df(
        "SELECT o.indicator_id, o.region_code, o.year, o.value, o.source_kind, i.unit, i.rule_kind "
        "FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE o.period_type = 'year'"
    )


def test_every_county_has_a_cited_population() -> None:
    with (SEED / "region_population.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    regions = pd.read_csv(SEED / "regions.csv", dtype={"code": str})
    assert sorted(r["code"] for r in rows) == sorted(regions.loc[regions["level"] == "county", "code"])
    assert all(r["source_title"] and r["precision"] for r in rows)
    # the 2020 census total of Ningxia (7,202,654) within 0.1 %
    assert abs(sum(float(r["population"]) for r in rows) / 7202654 - 1) < 0.001


def test_counties_and_cities_add_up_to_their_region(db: Database) -> None:
    """For every indicator and year with county values: the region's (and each city's) rate lies within its counties'
    range, counts sum; no disagreement anywhere in the demo database."""
    obs, regions = _yearly(db), db.df("SELECT * FROM regions")
    counties = set(regions.loc[regions["level"] == "county", "code"])
    checked = 0
    for (iid, unit, rule), rows in obs.groupby(["indicator_id", "unit", "rule_kind"], dropna=False):
        if not rows["region_code"].isin(counties).any():
            continue
        how = rollup.aggregation(str(iid), unit if isinstance(unit, str) else None, str(rule))
        assert how is not None, f"{iid} has county values but no rule to combine them"
        found = rollup.disagreements(rows, regions, how)
        assert found == [], (iid, found[:3])
        checked += rows["year"].nunique()
    assert checked >= 13 * 5  # the headline rates and counts, every year of the plan


def test_demo_places_are_population_weighted_means(db: Database) -> None:
    """Where a city and its counties are all demonstration values, the city's rate is their weighted mean (and the
    province's that of the cities). Targets with published city values are left out: those cities follow their
    published ratio to the region (demo_regions), and the published figures are no weighted means of one another."""
    obs, regions, pop = _yearly(db), db.df("SELECT * FROM regions"), _population()
    published = set(
        obs.loc[(obs["source_kind"] != "demo") & (obs["region_code"] != config.PROVINCE_CODE), "indicator_id"]
    )
    obs = obs[~obs["indicator_id"].isin(published)]
    families = rollup.family(regions)
    weights = dict(pop)
    weights.update(
        {parent: sum(pop[k] for k in kids) for parent, _, kids in families if parent != config.PROVINCE_CODE}
    )
    checked = 0
    for parent, level, children in families:
        if level == "county" and parent == config.PROVINCE_CODE:
            continue  # the province is the mean of its cities, which are the means of their counties
        for (iid, year), rows in obs[obs["unit"].isin(["%", "元"])].groupby(["indicator_id", "year"]):
            here = rows.set_index("region_code")
            if parent not in here.index or not all(c in here.index for c in children):
                continue
            if (here.loc[[parent, *children], "source_kind"] != "demo").any() or here.at[parent, "value"] >= 100:
                continue  # a public value is kept as published; at 100 % values are clipped (range still holds)
            mean = rollup.weighted_mean(dict(zip(children, here.loc[children, "value"], strict=True)), weights)
            tol = 1.0 if rows["unit"].iloc[0] == "元" else 0.02
            assert mean == pytest.approx(here.at[parent, "value"], abs=tol), (iid, year, parent)
            checked += 1
    assert checked > 100


def test_villages_sit_around_their_county(db: Database) -> None:
    """A county's relocated residents' income is its villages' population-weighted mean, within their range."""
    df = db.df(
        "SELECT v.county_code, m.year, m.value, v.population, o.value AS county "
        "FROM village_metrics m JOIN villages v ON v.id = m.village_id "
        "JOIN observations o ON o.indicator_id = 'relocated_income_vs_regional_rural' "
        " AND o.region_code = v.county_code AND o.year = m.year AND o.period_type = 'year' "
        "WHERE m.metric_id = 'v_income' AND m.period_type = 'year'"
    )
    assert df["county_code"].nunique() == 19
    for (_code, _year), g in df.groupby(["county_code", "year"]):
        county = float(g["county"].iloc[0])
        mean = (g["value"] * g["population"]).sum() / g["population"].sum()
        assert mean == pytest.approx(county, abs=1.0)
        assert g["value"].min() - 0.5 <= county <= g["value"].max() + 0.5


def test_new_public_figures_arrive_as_public(db: Database) -> None:
    """The 8 rows added to public_figures.csv: the national 2025 income and the five cities' 2021 sewage rates are
    public values; the county income and the labour-transfer total are kept for the record only."""
    pub = db.df("SELECT * FROM public_figures")
    assert len(pub) == 25
    ref = db.df(
        "SELECT * FROM reference_values WHERE series_id = 'national_rural_income' AND region_code = ? AND year = 2025",
        [config.NATION_CODE],
    )
    assert ref["value"].tolist() == [24456.0] and ref["source_kind"].tolist() == ["public"]
    growth = db.df(
        "SELECT source_kind FROM reference_values WHERE series_id = 'national_rural_income_growth' AND year = 2025"
    )
    assert growth["source_kind"].tolist() == ["public"]
    cities = db.df(
        "SELECT r.short_zh, o.value, o.source_kind FROM observations o JOIN regions r ON r.code = o.region_code "
        "WHERE o.indicator_id = 'rural_sewage_treatment_rate' AND o.year = 2021 AND r.level = 'city' ORDER BY r.code"
    )
    assert cities["value"].tolist() == [69.85, 23.98, 30.88, 14.71, 30.58]
    assert set(cities["source_kind"]) == {"public"}
    province = db.scalar(
        "SELECT value FROM observations WHERE indicator_id = 'rural_sewage_treatment_rate' AND year = 2021 "
        "AND region_code = ?",
        [config.PROVINCE_CODE],
    )
    assert province == 28.96  # never bent to the cities' weighted mean
    record_only = pub[pub["subject"].isin(["农村居民人均可支配收入(县)", "农村劳动力转移就业"])]
    assert len(record_only) == 2 and record_only["mapped_to"].isna().all()
    assert db.scalar("SELECT count(*) FROM observations WHERE region_code = '640521' AND source_kind = 'public'") == 0


def test_disagreements_are_found() -> None:
    """Uploaded numbers that do not add up are found (a sum off, a rate outside its counties' range)."""
    regions = pd.DataFrame(
        {"code": ["640000", "640100", "640104", "640105"], "level": ["province", "city", "county", "county"],
         "parent_code": [None, "640000", "640100", "640100"]}
    )  # fmt: skip
    rows = pd.DataFrame(
        {"region_code": ["640000", "640100", "640104", "640105"], "year": [2023] * 4, "value": [10.0, 10.0, 4.0, 5.0],
         "source_kind": ["official"] * 4}
    )  # fmt: skip
    sums = rollup.disagreements(rows, regions, rollup.SUM)
    assert {(d.parent, d.children_level, d.low) for d in sums} == {("640100", "county", 9.0), ("640000", "county", 9.0)}
    ranges = rollup.disagreements(rows, regions, rollup.MEAN)
    assert {d.kind for d in ranges} == {"range"} and len(ranges) == 2
    assert rollup.disagreements(rows.assign(value=[4.5, 4.5, 4.0, 5.0]), regions, rollup.MEAN) == []


@pytest.fixture()
def disagreeing_upload(db_path: Path, tmp_path: Path) -> Iterator[Path]:
    """An officer uploads provincial values that the (demo) counties cannot give: 12 dilapidated houses where the
    counties count none, a tap-water rate below every county's."""
    import shutil

    from ningxia_dash.ingest import import_file
    from ningxia_dash.store.db import get_database
    from tests.test_ingest import OBS_HEADER, OFFICER, csv_bytes

    path = tmp_path / "disagree.duckdb"
    shutil.copyfile(db_path, path)
    rows = [
        OBS_HEADER,
        ["rural_dilapidated_housing_zeroing", "640000", 2024, "", 12, ""],
        ["rural_tap_water_rate", "640000", 2024, "", 90.5, ""],
    ]
    import_file(csv_bytes(rows), "住建厅.csv", "observations", OFFICER, get_database(path))
    with app_database(path):
        yield path


def _detail_warnings(lang: str, indicator: str) -> str:
    from tests.test_pages_apptest import _app

    at = _app(lang, "indicator", {"indicator": indicator})
    assert not at.exception, [e.value for e in at.exception]
    return " ".join(w.value for w in at.warning).replace("\\", "")  # the Markdown escapes aside: what one reads


@pytest.mark.parametrize(
    ("lang", "indicator", "words"),
    [
        ("zh", "rural_dilapidated_housing_zeroing", ["数据不一致", "2024年", "合计0", "宁夏回族自治区的12"]),
        ("en", "rural_dilapidated_housing_zeroing", ["do not add up", "2024", "sum to 0", "12"]),
        ("zh", "rural_tap_water_rate", ["数据不一致", "2024年", "90.5%", "不在其各县（市、区）数值范围"]),
        ("en", "rural_tap_water_rate", ["do not add up", "90.5%", "outside its counties' range"]),
    ],
)
def test_detail_page_says_when_uploaded_numbers_do_not_add_up(
    disagreeing_upload: Path, lang: str, indicator: str, words: list[str]
) -> None:
    text = _detail_warnings(lang, indicator)
    assert all(w in text for w in words), text


@pytest.mark.parametrize("indicator", ["rural_dilapidated_housing_zeroing", "rural_sewage_treatment_rate"])
def test_detail_page_is_quiet_when_numbers_add_up(db_path: Path, indicator: str) -> None:
    assert "数据不一致" not in _detail_warnings("zh", indicator)


@pytest.mark.parametrize(("lang", "city", "public"), [("zh", "银川市", "公开"), ("en", "Yinchuan City", "Public")])
def test_city_sewage_rates_show_as_public_on_the_detail_page(db_path: Path, lang: str, city: str, public: str) -> None:
    from tests.test_pages_apptest import _app

    at = _app(lang, "indicator", {"indicator": "rural_sewage_treatment_rate", "region": "640100"})
    assert not at.exception, [e.value for e in at.exception]
    table = page_tables(at)[-1]  # the data table: static HTML, as a reader sees it
    cols = {k: table.columns[i] for i, k in enumerate(("region", "year", "value", "source"))}
    row = table[(table[cols["region"]] == city) & (table[cols["year"]] == "2021")]
    assert row[cols["value"]].tolist() == ["69.85"] and row[cols["source"]].tolist() == [public]
