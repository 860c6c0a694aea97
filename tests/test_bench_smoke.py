"""The benchmark (bench/) on tiny sizes, so it cannot rot: every section runs and reports sensible numbers,
the scaled build has the promised shape, and a read-only replica picks up a published snapshot without a restart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bench.run import SECTIONS
from bench.script_time import pages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    tmp = tmp_path_factory.mktemp("bench")
    out = tmp / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--out", str(out), "--work", str(tmp / "db")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Goals" in done.stdout, done.stdout[-2000:]
    assert "≤1.5× c/w" in done.stdout and "slide:gauges" in done.stdout, done.stdout[-3000:]
    return json.loads(out.read_text(encoding="utf-8")), tmp / "db"


def _ms(value: Any) -> bool:
    return isinstance(value, int | float) and 0 < value < 120_000


def test_every_section_and_goal_is_reported(quick: tuple[dict[str, Any], Path]) -> None:
    doc, _ = quick
    assert set(doc["sections"]) == set(SECTIONS)
    assert doc["meta"]["quick"] and doc["meta"]["crashed_sections"] == []
    assert len(doc["goals"]) == 7
    assert {g["status"] for g in doc["goals"]} <= {"PASS", "MISS", "N/A"}


def test_script_times_cover_the_registry_at_both_scales(quick: tuple[dict[str, Any], Path]) -> None:
    doc, _ = quick
    keys = [p["key"] for p in pages()]
    for name, scale in (("script", 1), ("scaled", 2)):
        section = doc["sections"][name]
        assert section["scale"] == scale
        assert [r["page"] for r in section["pages"]] == keys
        for r in section["pages"]:
            warm_ok = _ms(r["warm_median_ms"]) if section["warm_runs"] else r["warm_median_ms"] is None
            assert r["errors"] or (_ms(r["cold_ms"]) and warm_ok), r


def test_queries_grow_with_the_data(quick: tuple[dict[str, Any], Path]) -> None:
    doc, _ = quick
    scales = doc["sections"]["queries"]["scales"]
    one = {r["name"]: r for r in scales["1"]["queries"]}
    two = {r["name"]: r for r in scales["2"]["queries"]}
    assert {"queries.observations", "tracking.assess_region", "tracking.assess_all_regions"} <= set(one)
    for r in [*one.values(), *two.values()]:
        assert "error" not in r, r
        assert r["median_ms"] >= 0 and r["first_ms"] >= 0
    assert two["queries.observations"]["rows"] > one["queries.observations"]["rows"]
    assert two["tracking.assess_all_regions"]["rows"] > one["tracking.assess_all_regions"]["rows"]


def test_browser_times_next_to_the_empty_page(quick: tuple[dict[str, Any], Path]) -> None:
    """Every target loaded cold (a new browser context) and warm (a returning visit), each with what it cost and
    a budget verdict against the empty page's load of the same kind; a presenter slide is among the targets."""
    doc, _ = quick
    browser = doc["sections"]["browser"]
    if "reason" in browser:
        pytest.skip(browser["reason"])
    assert [r["page"] for r in browser["pages"]] == ["overview", "slide:gauges"]
    assert "present=1&slide=" in browser["pages"][1]["url"]
    for target in (browser["empty"], browser["one_chart"], *browser["pages"]):
        assert not target["errors"], target["errors"]
        cold, warm = target["cold"], target["warm"]
        for load in (cold, warm):
            assert _ms(load["median_ms"]) and _ms(load["load_ms"]) and load["load_to_rendered_ms"] is not None
            assert load["median_ms"] >= load["load_to_rendered_ms"]
            assert load["requests"] >= 10 and load["ws_kb"] > 0
        # a cold load fetches everything over the network; a warm one takes its scripts from the HTTP cache
        assert cold["net_requests"] == cold["requests"] and cold["transfer_kb"] > 500
        assert warm["net_requests"] < cold["net_requests"] / 2 and warm["transfer_kb"] < cold["transfer_kb"] / 4
    for r in browser["pages"]:
        for mode in ("cold", "warm"):
            ratio = r[mode]["ratio"]
            expected = round(r[mode]["median_ms"] / browser["empty"][mode]["median_ms"], 2)
            assert ratio == expected and r["budget"][mode] == ("PASS" if ratio <= 1.5 else "MISS"), r
    assert browser["outbound_blocked"] == []
    goal = next(g for g in doc["goals"] if g["goal"].startswith("browser"))
    assert "cold: worst" in goal["value"] and "warm: worst" in goal["value"], goal


def test_imports_are_measured_or_explained(quick: tuple[dict[str, Any], Path]) -> None:
    """The upload pipeline exists: the section must measure it (an "unavailable" section is a failure, not a pass),
    every run the quick sizes ask for."""
    doc, _ = quick
    ingest = doc["sections"]["ingest"]
    assert ingest["available"] is True, ingest.get("reason")
    assert [(r["kind"], r["rows"]) for r in ingest["runs"]] == [tuple(r) for r in doc["meta"]["sizes"]["ingest_runs"]]
    for run in ingest["runs"]:
        assert "error" not in run, run
        for step in ("dry_run", "commit"):
            assert run[step]["exit"] == 0, run[step]
            assert run[step]["seconds"] > 0 and run[step]["peak_mb"] > 10


def test_concurrent_sessions(quick: tuple[dict[str, Any], Path]) -> None:
    doc, _ = quick
    levels = doc["sections"]["concurrency"]["levels"]
    assert [lv["sessions"] for lv in levels] == doc["meta"]["sizes"]["sessions"]
    for lv in levels:
        assert lv["errors"] == 0, lv["error_samples"]
        assert lv["requests"] == lv["sessions"] * (lv["reruns_per_session"] + 1)
        assert _ms(lv["p50_ms"]) and _ms(lv["p95_ms"]) and lv["p95_ms"] >= lv["p50_ms"]
        assert lv["throughput_rps"] > 0
        assert 50 < lv["rss_peak_mb"] < 4000


def test_replica_picks_up_a_published_snapshot_without_restart(quick: tuple[dict[str, Any], Path]) -> None:
    doc, _ = quick
    snap = doc["sections"]["snapshot"]
    assert snap["version_before"] != snap["version_after"]
    assert snap["replica_showed_before"] and snap["replica_not_restarted"]
    assert snap["same_session_sees_new_snapshot"] and snap["new_session_sees_new_snapshot"]
    assert snap["passed"]


def test_scaled_build_has_the_promised_shape(quick: tuple[dict[str, Any], Path]) -> None:
    _, work = quick
    one = duckdb.connect(str(work / "ningxia-x1.duckdb"), read_only=True)
    two = duckdb.connect(str(work / "ningxia-x2.duckdb"), read_only=True)
    try:
        version = "SELECT value FROM meta WHERE key = 'data_version'"
        assert one.execute(version).fetchall() != two.execute(version).fetchall()
        assert one.execute("SELECT count(*) FROM meta WHERE key = 'scale'").fetchall() == [(0,)]
        villages = two.execute("SELECT count(*) FROM villages").fetchall()[0][0]
        assert villages >= 261
        monthly = "SELECT count(*), count(DISTINCT metric_id) FROM village_metrics WHERE period_type = 'month'"
        assert one.execute(monthly).fetchall() == [(0, 0)]
        assert two.execute(monthly).fetchall() == [(villages * 20 * 60, 20)]
        counties = "SELECT count(DISTINCT region_code) FROM observations WHERE period_type = 'month'"
        assert two.execute(counties).fetchall() == [(28,)]  # the province, its 5 cities and 22 counties
        # the shipped build's rows are all still there, unchanged
        assert two.execute("SELECT count(*) FROM villages WHERE id LIKE 'demo-v-%'").fetchall() == [(261,)]
    finally:
        one.close()
        two.close()


def test_scaled_build_needs_an_explicit_path(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.scaled_data", "--scale", "2"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 2 and "--db" in done.stderr


def test_server_profile_reads_py_spy_stacks(tmp_path: Path) -> None:
    """bench.profile_server's summary of py-spy's collapsed stacks: inclusive shares, library paths shortened,
    frames that wrap everything (threading, click) left out."""
    from bench.profile_server import top_frames

    raw = tmp_path / "stacks.txt"
    std, app = "/root/.pyenv/versions/3.11.9/lib/python3.11", "/srv/ningxia/ningxia_dash/ui/nav.py"
    lib = "/srv/ningxia/.venv/lib/python3.11/site-packages"
    raw.write_text(
        f"run ({std}/threading.py:1);run_app ({app}:78);loads ({lib}/plotly/io.py:9) 3\n"
        f"run ({std}/threading.py:1);run_app ({app}:78) 1\n"
        f"run ({std}/threading.py:1);_run_once ({std}/asyncio/base_events.py:1922) 4\n"
    )
    shares = {frame: share for share, frame in top_frames(raw, 10)}
    assert not any("threading.py" in f for f in shares)
    assert shares == {
        "_run_once (asyncio/base_events.py:1922)": 50.0,
        "run_app (ningxia_dash/ui/nav.py:78)": 50.0,
        "loads (plotly/io.py:9)": 37.5,
    }
