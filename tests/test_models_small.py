"""The tracking screens' view models (ui/models.py) on the small database written in tests/small_db.py: the
overview's status tally, its headline rows and the evaluation rows follow from the rows written there (its
docstring works each status and verdict out by hand), not from the demo build's numbers. The overview and the
evaluation page are then run on it in AppTest, to see the same numbers on the screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ningxia_dash.plan import Plan
from ningxia_dash.store.db import Database
from ningxia_dash.ui import data, models
from tests.app_db import app_database
from tests.small_db import PLAN_ID, small_database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, str]]:
    path = tmp_path_factory.mktemp("small") / "small.duckdb"
    db = small_database(path)
    with app_database(path):
        yield db, data.version()


def test_the_plan_reads_typed(small: tuple[Database, str]) -> None:
    _, version = small
    plan = data.plan(PLAN_ID, version)
    assert plan == Plan(PLAN_ID, "测试规划", "Test plan", "测试规划", "Test plan", "测试〔2021〕1号", 2021, 2025, 2020)


def test_overview_status_tally(small: tuple[Database, str]) -> None:
    _, version = small
    model = models.overview(PLAN_ID, 2024, 2020, "zh", version)
    # one target of each status (small_db's docstring); binding: tap, relapse, station; on sample data: income, relapse
    assert model.counts == {"on_track": 1, "off_track": 1, "achieved": 1, "lagging": 1, "no_data": 1}
    assert model.binding_counts == {"on_track": 1, "achieved": 1, "no_data": 1}
    assert model.demo_counts == {"off_track": 1, "achieved": 1}
    assert [a.indicator_id for a in model.alerts] == ["station"]  # the one binding target not on track


def test_overview_headline_rows(small: tuple[Database, str]) -> None:
    _, version = small
    shown = models.overview(PLAN_ID, 2024, 2020, "zh", version).shown
    rows = shown[["条款", "指标", "状态", "最新值", "年份", "来源"]].astype(str).values.tolist()
    assert rows == [
        ["专栏1-1", "农村自来水普及率", "● 正常", "97.2%", "2024", "官方"],
        ["专栏1-2", "农民人均可支配收入", "✖ 严重滞后（示例）", "1.1万元", "2024", "示例"],
        ["专栏1-3", "返贫人数", "✔ 已完成（示例）", "0人", "2024", "示例"],
    ]  # the three headline targets in the plan's order; training and station are not headline targets
    en = models.overview(PLAN_ID, 2024, 2020, "en", version).shown
    assert list(en["Indicator"]) == ["Rural tap water", "Rural income", "People back in poverty"]


def test_province_rows_speak_verdicts_in_the_last_year(small: tuple[Database, str]) -> None:
    _, version = small
    rows = models.province_rows(PLAN_ID, 2025, 2020, version).set_index("id")
    assert rows.loc["tap", "status"] == "basically_met" and rows.loc["station", "status"] == "cannot_assess"


def test_evaluation_rows(small: tuple[Database, str]) -> None:
    _, version = small
    rows = models.evaluation_rows(PLAN_ID, 2025, 2020, version)
    # binding targets first (tap, relapse, station), then the expected ones, each in the plan's order
    assert list(zip(rows["id"], rows["verdict"], rows["rests_on_demo"], strict=True)) == [
        ("tap", "basically_met", False),  # 97.5: (97.5 − 90)/8 = 0.94 of the way ≥ 0.9
        ("relapse", "met", True),  # 0 every year, the last one a sample figure
        ("station", "cannot_assess", False),  # nothing observed
        ("income", "not_met", True),  # 11000 (sample): 0.2 of the way
        ("training", "not_met", False),  # 80 < 100 in its last year
    ]
    table = models.evaluation_table(PLAN_ID, 2025, 2020, "zh", version)
    assert list(table["差距"]) == ["差0.5个百分点（完成94%）", "—", "—", "差4,000元（完成20%）", "差20万人次"]


def _page(lang: str, page: str, year: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    if year:
        at.query_params["year"] = year
    at.run()
    if page != "overview":
        at.switch_page(f"screens/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _cards(at: AppTest) -> dict[str, str]:
    html = "".join(h.proto.body for h in at.get("html"))
    return dict(re.findall(r"[✔●▲✖？◎] ([^<]+)</div><div class='nx-count'>(\d+)</div>", html))


def test_the_overview_shows_the_tally(small: tuple[Database, str]) -> None:
    at = _page("zh", "overview", year="2024")  # the latest data year, 2025, would show the final verdicts
    assert _cards(at) == {"已完成": "1", "正常": "1", "滞后": "1", "严重滞后": "1", "暂无数据": "1"}


def test_the_evaluation_page_shows_the_verdicts(small: tuple[Database, str]) -> None:
    at = _page("zh", "evaluation")
    table = at.dataframe[0].value
    assert list(table["评估结论"]) == ["◎ 基本完成", "✔ 已完成（示例）", "？ 无法评估", "✖ 未完成（示例）", "✖ 未完成"]
    assert _cards(at) == {"已完成": "1", "基本完成": "1", "未完成": "2", "无法评估": "1"}
