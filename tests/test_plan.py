"""The typed plan (ningxia_dash/plan.py): one plans-table row, read once into typed fields."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from ningxia_dash.plan import Plan, plan_of

ROW = {
    "id": "p", "title_zh": "测试规划", "title_en": "Test plan", "short_zh": "测试", "short_en": "Test",
    "doc_number": None, "issuer_zh": float("nan"), "issued_on": pd.NaT, "period_start": 2021,
    "period_end": 2025, "baseline_year": 2020, "source_url": "", "predecessor_id": None,
}  # fmt: skip


def test_a_row_with_nulls_reads_as_none_and_an_empty_document_number() -> None:
    plan = Plan.from_row(ROW)
    assert plan == Plan("p", "测试规划", "Test plan", "测试", "Test", "", 2021, 2025, 2020)
    assert (plan.issuer_zh, plan.issued_on, plan.source_url, plan.predecessor_id) == (None, None, None, None)


def test_a_frame_row_reads_typed() -> None:
    plans = pd.DataFrame([ROW | {"issued_on": pd.Timestamp("2021-09-30"), "predecessor_id": "old",
                                 "doc_number": "宁政办发〔2021〕93号"}])  # fmt: skip
    plan = plan_of(plans, "p")
    assert plan.issued_on == dt.date(2021, 9, 30) and plan.predecessor_id == "old"
    assert type(plan.baseline_year) is int and plan.doc_number == "宁政办发〔2021〕93号"
    assert (plan.title("en"), plan.short("zh")) == ("Test plan", "测试")
    # a Series indexed by id (plans.set_index("id").loc[...]) passes its id
    assert Plan.from_row(plans.set_index("id").loc["p"], plan_id="p") == plan
    with pytest.raises(KeyError):
        plan_of(plans, "nope")
