"""The next plan arrives as data: with a second, still sparse plan chosen in the sidebar (one target, one
province value, no county figures), every screen runs and says what is missing instead of failing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.db import forget_database, get_database
from ningxia_dash.ingest import import_file
from ningxia_dash.ingest.validate import Scope
from ningxia_dash.ui import nav, state
from tests.test_ingest import OBS_HEADER, csv_bytes

ROOT = Path(__file__).resolve().parent.parent
ADMIN = Scope("tester", "admin")
PLAN = ["规划代码", "规划名称", "简称", "起始年", "截止年", "基期年", "接续规划", "印发日期"]
TARGET = ["指标代码", "规划代码", "指标名称", "条款", "章", "单位", "基期值", "目标值", "目标年", "目标类型", "属性"]
TARGET += ["规划原文"]
PAGES = [key for _, entries in nav.REGISTRY for _, key in entries]


@pytest.fixture(scope="module")
def two_plans(db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("plans") / "two-plans.duckdb"
    shutil.copyfile(db_path, path)
    db = get_database(path)
    new = ["nx-15-rr", "示例：宁夏衔接“十五五”规划", "衔接“十五五”规划", 2026, 2030, 2025, "nx-14-rr", "2026-03-01"]
    import_file(csv_bytes([PLAN, new]), "plan.csv", "plans", ADMIN, db)
    target = ["tap_water_15", "nx-15-rr", "农村自来水普及率", "专栏1-9", 8, "%", 98, 99, 2030, "≥ 达到", "约束性"]
    import_file(csv_bytes([TARGET, [*target, "农村自来水普及率达到99%"]]), "t.csv", "targets", ADMIN, db)
    obs = csv_bytes([OBS_HEADER, ["tap_water_15", "640000", 2026, "", 98.4, ""]])
    import_file(obs, "o.csv", "observations", ADMIN, db)
    forget_database(path)
    previous = os.environ["NINGXIA_DB"]
    os.environ["NINGXIA_DB"] = str(path)
    yield path
    os.environ["NINGXIA_DB"] = previous
    forget_database(path)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_sparse_new_plan(two_plans: Path, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.session_state[state.PLAN] = "nx-15-rr"
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[state.PLAN] == "nx-15-rr"
    if page in ("county_map", "key_counties"):
        assert any("还没有县级数据" in i.value for i in at.info)


def test_the_sidebar_names_the_chosen_plan(two_plans: Path) -> None:
    # The sidebar's subtitle named the 十四五 plan whatever plan was chosen.
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "zh"
    at.session_state[state.PLAN] = "nx-15-rr"
    at.run()
    captions = [c.value for c in at.sidebar.caption]
    assert any("十五五" in c for c in captions) and not any("十四五" in c for c in captions), captions
    at.session_state[state.PLAN] = "nx-14-rr"
    at.run()
    captions = [c.value for c in at.sidebar.caption]
    assert any("十四五" in c and "宁政办发" in c for c in captions), captions
