"""Every screen runs headless in both languages, through app.py and reached directly, and its controls work."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.html_tables import page_stats

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["overview", "targets", "plan_text", "indicator", "county_map", "sources", "glance"]


def _app(lang: str, page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    if page and page != "overview":
        at.switch_page(f"screens/{page}.py")
        at.run()
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs(db_path: Path, page: str, lang: str) -> None:
    at = _app(lang, page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page states its question as a title"
    title = at.title[0].value
    has_chinese = any("\u4e00" <= c <= "\u9fff" for c in title)
    assert has_chinese == (lang == "zh"), title


@pytest.mark.parametrize("page", PAGES)
def test_page_reached_directly_on_a_cold_server(db_path: Path, page: str) -> None:
    """A screen's file run as the main script (screens/X.py) draws the app's own frame around itself."""
    at = AppTest.from_file(str(ROOT / "screens" / f"{page}.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.get("segmented_control") or at.sidebar.markdown, "sidebar missing on a direct run"


def test_language_switch_changes_the_screen_and_survives_page_switches(db_path: Path) -> None:
    at = _app("zh")
    assert at.title[0].value.startswith("规划执行总览")
    at.sidebar.get("segmented_control")[0].set_value("en").run()  # type: ignore[union-attr]
    assert at.title[0].value.startswith("Where the plan stands")
    at.switch_page("screens/targets.py").run()
    assert at.title[0].value == "Every quantified target of the plan"
    at.switch_page("screens/overview.py").run()
    assert at.title[0].value.startswith("Where the plan stands")


def test_overview_counts_and_demo_label(db_path: Path) -> None:
    from ningxia_dash.store.db import get_database

    at = _app("zh")
    assert "量化目标" not in {m.label for m in at.metric}  # the collapsed expander's body is not even built
    at.session_state["overview_db_holds"] = True  # what opening the expander does (on_change="rerun")
    at.run()
    metrics = {m.label: m.value for m in at.metric}
    expected = get_database(db_path, read_only=True).scalar("SELECT count(*) FROM indicators")
    assert metrics["量化目标"] == str(expected)
    assert metrics["重点移民村"] == "261"
    assert page_stats(at)["规划期"] == ("2021–2025", None)  # above the expander: static HTML
    assert any("示例数据，非真实统计" in c.value for c in at.caption)


def test_targets_filters_narrow_the_table(db_path: Path) -> None:
    at = _app("zh", "targets")
    total = len(at.dataframe[0].value)
    at.multiselect(key="targets_attributes").set_value(["binding"]).run()
    binding = at.dataframe[0].value
    assert 0 < len(binding) < total
    assert set(binding["属性"]) == {"约束性"}
    at.text_input(key="targets_query").set_value("自来水").run()
    assert len(at.dataframe[0].value) == 0  # the tap-water target is expected, not binding
    at.multiselect(key="targets_attributes").set_value([]).run()
    assert any("自来水" in name for name in at.dataframe[0].value["指标"])


def test_plan_text_search_and_deep_link(db_path: Path) -> None:
    at = _app("zh", "plan_text", query={"section": "box2-3"})
    assert at.selectbox(key="plan_chapter").value == "ch3"
    assert any("147处" in m.value for m in at.markdown)
    at.text_input(key="plan_query").set_value("益农信息社").run()
    assert any("1 处匹配" in c.value or "共 1" in c.value for c in at.caption)
