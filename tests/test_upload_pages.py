"""The upload, history and user pages under AppTest: guarded on a cold server, the whole upload flow (sign in,
file_uploader.set_value, dry run, diff, commit, the new value on the targets page), refusals, rollback, the
admin page, and NINGXIA_REQUIRE_LOGIN."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ningxia_dash import accounts
from ningxia_dash.store.db import forget_database, get_database

ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = {"admin1": "admin1-password", "officer1": "officer1-password", "viewer1": "viewer1-password"}
GBK_FILE = "指标代码,地区代码,年份,数值,备注\r\nrural_tap_water_rate,640000,2025,99.1,据2025年统计公报\r\n".encode(
    "gbk"
)


@pytest.fixture
def app_db(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private database with three accounts, used by the app through $NINGXIA_DB."""
    path = tmp_path / "app.duckdb"
    shutil.copyfile(db_path, path)
    for name, role in (("admin1", "admin"), ("officer1", "officer"), ("viewer1", "viewer")):
        accounts.add_user(path, name, role, PASSWORDS[name])
    monkeypatch.setenv("NINGXIA_DB", str(path))
    monkeypatch.delenv("NINGXIA_REQUIRE_LOGIN", raising=False)
    st.cache_data.clear()
    yield path
    st.cache_data.clear()
    forget_database(path)


def _app(page: str | None = None, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    if page:
        at.switch_page(f"screens/{page}.py").run()
    return at


def _sign_in(at: AppTest, name: str) -> AppTest:
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(PASSWORDS[name])
    next(b for b in at.button if b.label in ("登录", "Sign in")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", ["upload", "admin"])
def test_guarded_pages_run_directly_never_show_their_content(app_db: Path, page: str) -> None:
    """Run as its own main script (screens/X.py): the frame takes over (AppTest has no URL, so it lands on the default
    page; the real-browser test checks /upload itself). Nothing of the guarded page may appear."""
    at = AppTest.from_file(str(ROOT / "screens" / f"{page}.py"), default_timeout=90)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.file_uploader
    assert not any(t.value in ("上传数据：先预检，再确认导入", "用户与权限") for t in at.title)


@pytest.mark.parametrize("page", ["upload", "admin"])
def test_guarded_pages_ask_for_a_sign_in(app_db: Path, page: str) -> None:
    at = _app(page)
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["登录"]
    assert at.text_input(key="login_password").proto.type == 1  # a password field
    assert not at.file_uploader and not at.dataframe


def test_history_is_open_and_empty_at_first(app_db: Path) -> None:
    at = _app("history")
    assert not at.exception
    assert at.title[0].value == "导入记录：谁在何时改了什么"
    assert any("还没有导入记录" in i.value for i in at.info)


def test_wrong_password_and_insufficient_role(app_db: Path) -> None:
    at = _app("upload")
    at.text_input(key="login_name").set_value("officer1")
    at.text_input(key="login_password").set_value("not-the-password")
    next(b for b in at.button if b.label == "登录").click().run()
    assert any("用户名或密码不正确" in e.value for e in at.error)
    assert not at.file_uploader
    at = _sign_in(_app("upload"), "viewer1")
    assert any("需要“科室上传员”权限" in e.value for e in at.error)
    assert not at.file_uploader
    at = _sign_in(_app("admin"), "officer1")
    assert any("需要“管理员”权限" in e.value for e in at.error)


def test_upload_flow_dry_run_diff_commit_and_new_value(app_db: Path) -> None:
    at = _sign_in(_app("upload"), "officer1")
    assert at.title[0].value == "上传数据：先预检，再确认导入"
    assert [o for o in at.selectbox(key="upload_kind").options][:2] == ["指标实际值", "情况说明"]
    assert "规划目标（新规划）" not in at.selectbox(key="upload_kind").options  # admin only
    at.file_uploader[0].set_value(("水利厅.csv", GBK_FILE, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("编码：GBK" in x.value for x in at.text)  # the detected encoding is shown (as plain text)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["修改"] == "1" and metrics["有错误的行"] == "0"
    diff = at.dataframe[-1].value
    assert {"原值", "新值"} <= set(diff.columns)
    assert "99.1" in set(diff["新值"]) and "官方" in set(diff["新值"])
    at.button(key="upload_confirm").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已导入批次 #1" in s.value for s in at.success)
    assert get_database(app_db, read_only=True).scalar("SELECT count(*) FROM import_batches") == 1

    at.switch_page("screens/targets.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "指标" in d.value.columns)
    row = table[table["指标"].str.contains("农村自来水普及率")].iloc[0]
    assert row["来源"] == "官方" and "99.1" in str(row["最新值"])

    at.switch_page("screens/history.py").run()
    assert at.dataframe[0].value.iloc[0]["文件"] == "水利厅.csv"
    assert any("仅管理员可以回滚" in c.value for c in at.caption)  # an officer cannot roll back


def test_rejected_file_shows_row_numbered_errors_and_no_confirm(app_db: Path) -> None:
    at = _sign_in(_app("upload"), "officer1")
    bad = "指标代码,地区代码,年份,数值\r\nrural_tap_water_rate,640000,2024,120\r\n".encode()
    at.file_uploader[0].set_value(("bad.csv", bad, "text/csv")).run()
    assert any("整个文件都不会导入" in e.value for e in at.error)
    errors = at.dataframe[0].value
    assert errors.iloc[0]["说明"] == "第2行「数值」列：百分比应在0到100之间，实际为120"
    assert not [b for b in at.button if b.label == "确认导入"]


def test_admin_rolls_back_from_the_history_page(app_db: Path) -> None:
    at = _sign_in(_app("upload"), "admin1")
    assert "规划目标（新规划）" in at.selectbox(key="upload_kind").options
    at.file_uploader[0].set_value(("a.csv", GBK_FILE, "text/csv")).run()
    at.button(key="upload_confirm").click().run()
    at.switch_page("screens/history.py").run()
    changes = at.dataframe[1].value
    assert "99.1" in set(changes["新值"])
    at.checkbox(key="rollback_sure_1").check().run()
    at.button(key="rollback_1").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已回滚批次 #1" in s.value for s in at.success)
    assert "已于" in at.dataframe[0].value.iloc[0]["状态"]


def test_admin_page_adds_a_user(app_db: Path) -> None:
    at = _sign_in(_app("admin"), "admin1")
    assert at.title[0].value == "用户与权限"
    users = at.dataframe[0].value
    assert set(users["用户名"]) == {"admin1", "officer1", "viewer1"}
    assert "password_hash" not in users.columns
    at.text_input(key="new_name").set_value("new_officer")
    at.text_input(key="new_pw1").set_value("new-officer-pass")
    at.text_input(key="new_pw2").set_value("new-officer-pass")
    next(b for b in at.button if b.label == "创建用户").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("已创建用户 new_officer" in s.value for s in at.success)
    assert accounts.authenticate(get_database(app_db, read_only=True), "new_officer", "new-officer-pass")


def test_english_upload_page(app_db: Path) -> None:
    at = _app("upload", lang="en")
    assert at.title[0].value == "Sign in"
    at.text_input(key="login_name").set_value("officer1")
    at.text_input(key="login_password").set_value(PASSWORDS["officer1"])
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert at.title[0].value == "Upload data: dry run first, then commit"
    bad = b"indicator_id,region_code,year,value\r\nrural_tap_water_rate,640000,2024,120\r\n"
    at.file_uploader[0].set_value(("bad.csv", bad, "text/csv")).run()
    assert "a percentage should lie between 0 and 100, got 120" in at.dataframe[0].value.iloc[0]["Message"]


def test_login_required_setting_guards_every_page(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINGXIA_REQUIRE_LOGIN", "1")
    at = _app()
    assert [t.value for t in at.title] == ["登录"]
    assert any("需要登录后查看" in c.value for c in at.caption)
    at = _sign_in(at, "viewer1")
    assert at.title[0].value.startswith("规划执行总览")
    direct = AppTest.from_file(str(ROOT / "screens" / "targets.py"), default_timeout=90)
    direct.run()
    assert [t.value for t in direct.title] == ["登录"]


def test_admin_sets_the_presenter_deck_and_the_deck_follows(app_db: Path) -> None:
    from ningxia_dash.present import slides

    at = _sign_in(_app("admin"), "admin1")
    assert at.multiselect(key="deck_order").value == list(slides.DEFAULT_DECK)
    at.multiselect(key="deck_order").set_value(["title", "gauges", "scorecard"])
    next(b for b in at.button if b.label == "保存幻灯片顺序").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("汇报模式共 3 页" in s.value for s in at.success)
    present = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    present.query_params.update({"lang": "zh", "present": "1", "slide": "2"})
    present.run()
    present.switch_page("screens/present.py").run()
    assert not present.exception
    assert any("2 / 3" in m.value for m in present.markdown), "the deck has the admin's three slides"
    next(b for b in at.button if b.label == "恢复默认顺序").click().run()
    assert at.multiselect(key="deck_order").value == list(slides.DEFAULT_DECK)


def test_deck_setting_refuses_unknown_or_empty(app_db: Path) -> None:
    from ningxia_dash.present import settings, slides
    from ningxia_dash.store import queries

    with pytest.raises(settings.SettingRefused, match="未知的幻灯片"):
        settings.set_present_deck(app_db, ["title", "nope"], "admin1")
    with pytest.raises(settings.SettingRefused, match="至少"):
        settings.set_present_deck(app_db, [], "admin1")
    assert settings.set_present_deck(app_db, ["alerts", "title", "alerts"], "admin1") == ["alerts", "title"]
    stored = queries.meta_value(get_database(app_db, read_only=True), slides.META_KEY)
    assert slides.deck_order(stored) == ["alerts", "title"]
    settings.set_present_deck(app_db, list(slides.DEFAULT_DECK), "admin1")  # the default is stored as no setting
    assert queries.meta_value(get_database(app_db, read_only=True), slides.META_KEY) is None


def test_english_summary_of_a_file_with_one_bad_row(app_db: Path) -> None:
    """Three rows, one wrong: the two good rows are counted, "1 error" (not "1 errors"), ASCII colons in English."""
    at = _sign_in(_app("upload", "en"), "officer1")
    content = (
        "指标代码,地区代码,年份,数值\r\nrural_tap_water_rate,640000,2024,96.5\r\n"
        "rural_tap_water_rate,640303,2024,120\r\nrural_tap_water_rate,640000,2023,95.1\r\n"
    ).encode()
    at.file_uploader[0].set_value(("one_bad.csv", content, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert next(e.value for e in at.error).startswith("1 error found: nothing from this file")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Data rows": "3", "Rows without errors": "2", "Rejected rows": "1"}, metrics
    facts = " ".join(x.value for x in at.text)
    assert "Format: CSV" in facts and "Encoding: UTF-8" in facts and "：" not in facts, facts
