"""The detail chart's dashed line is the path the status was judged against: one straight line, from the baseline
the engine used (the plan's, an observed one or 0), exposed by tracking/status.expected_path."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ningxia_dash.i18n import t
from ningxia_dash.tracking import assess
from ningxia_dash.tracking.rules import assess as judge
from ningxia_dash.tracking.status import Obs, TargetSpec, expected_path
from tests.test_pace_pages import _detail


def _spec(rule: str = "min", baseline: float | None = None, target: float = 100.0) -> TargetSpec:
    return TargetSpec("x", rule, "%", baseline, None, target, 2025, plan_baseline_year=2020)


def _obs(values: dict[int, float]) -> dict[int, Obs]:
    return {y: Obs(v, "official", "s") for y, v in values.items()}


CASES = {
    "plan": (_spec(baseline=40.0), {2021: 50.0, 2023: 60.0}, "plan", (2020, 40.0)),
    "observed at the plan's baseline year": (_spec(), {2020: 20.0, 2023: 50.0}, "observed", (2020, 20.0)),
    "observed: the earliest value": (_spec(), {2021: 10.0, 2023: 30.0}, "observed", (2021, 10.0)),
    "zero: one value, built from nothing": (_spec(), {2023: 30.0}, "zero", (2020, 0.0)),
    "falling (max)": (_spec("max", baseline=20.0, target=10.0), {2022: 16.0}, "plan", (2020, 20.0)),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_path_starts_at_the_baseline_the_status_used(case: str) -> None:
    spec, values, basis, start = CASES[case]
    a = judge(spec, _obs(values), 2023)
    path = expected_path(spec, _obs(values), 2023)
    assert a.baseline_basis == basis
    assert path[0] == start == (a.baseline_year, a.baseline_value)
    assert path[-1] == (2025, spec.target_value)
    assert a.latest_year is not None
    assert dict(path)[a.latest_year] == pytest.approx(a.expected_value)  # what the status compared with


def test_no_path_where_the_rule_has_no_line() -> None:
    assert expected_path(_spec("maintain", baseline=95.0), _obs({2022: 96.0}), 2023) == []
    assert expected_path(_spec("max"), _obs({2022: 16.0}), 2023) == []  # ≤ without a baseline: nothing to start from
    assert expected_path(_spec(), {}, 2023) == []


def test_the_line_over_the_tables_is_that_path() -> None:
    row = pd.Series({"id": "x", "rule_kind": "min", "unit": "%", "baseline_value": None, "baseline_year": None,
                     "target_value": 100.0, "target_year": 2025, "attribute": "binding", "reference_series": None})  # fmt: skip
    observations = pd.DataFrame({"indicator_id": ["x", "x"], "region_code": ["640000"] * 2, "year": [2021, 2023],
                                 "value": [10.0, 30.0], "source_kind": ["official"] * 2, "source_id": ["s"] * 2,
                                 "period_type": ["year"] * 2})  # fmt: skip
    line = assess.expected_line(row, observations, 2020, 2023, 2025)
    path = expected_path(_spec(), _obs({2021: 10.0, 2023: 30.0}), 2023)
    assert list(zip(line["year"], line["expected"], strict=True)) == path


def _values(data: list[float] | dict[str, str]) -> list[float]:
    """A trace's x or y as numbers: plotly sends arrays as {dtype, bdata} (base64)."""
    if isinstance(data, list):
        return data
    return np.frombuffer(base64.b64decode(data["bdata"]), dtype=np.dtype(data["dtype"])).tolist()


def test_the_detail_chart_draws_the_line_the_status_used(db_path: Path) -> None:
    # quality_balanced_compulsory_edu_county_share prints no baseline: the status is judged from the observed
    # 2020 value (40.1%) towards 50% in 2025, so 2023 expects 46.04% (the page's 按进度应达) and the dashed line passes there
    at = _detail("zh", "quality_balanced_compulsory_edu_county_share", 2023)
    traces = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    dashed = [tr for tr in traces if tr.get("name") == t("col.expected", "zh")]
    assert len(dashed) == 1, [tr.get("name") for tr in traces]
    line = dict(zip(_values(dashed[0]["x"]), _values(dashed[0]["y"]), strict=True))
    assert line[2020] == pytest.approx(40.1) and line[2025] == pytest.approx(50.0)
    assert line[2023] == pytest.approx(46.04)
