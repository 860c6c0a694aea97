"""The 用户管理 page under AppTest with scoped accounts: it renders (a NULL scope once became NaN and crashed it),
scopes read as names, and every account can be edited, reset and disabled; failed sign-ins and unlock."""

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
PASSWORDS = {
    "admin1": "admin1-password",
    "county_officer": "county-officer-pw",
    "tap_officer": "tap-officer-pw1",
    "viewer1": "viewer1-password",
}


@pytest.fixture
def app_db(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "app.duckdb"
    shutil.copyfile(db_path, path)
    accounts.add_user(path, "admin1", "admin", PASSWORDS["admin1"])
    accounts.add_user(path, "county_officer", "officer", PASSWORDS["county_officer"], scope_regions=["640303"])
    accounts.add_user(
        path, "tap_officer", "officer", PASSWORDS["tap_officer"], scope_indicators=["rural_tap_water_rate"]
    )
    accounts.add_user(path, "viewer1", "viewer", PASSWORDS["viewer1"])
    monkeypatch.setenv("NINGXIA_DB", str(path))
    monkeypatch.delenv("NINGXIA_REQUIRE_LOGIN", raising=False)
    st.cache_data.clear()
    yield path
    st.cache_data.clear()
    forget_database(path)


def _admin_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page("screens/admin.py").run()
    at.text_input(key="login_name").set_value("admin1")
    at.text_input(key="login_password").set_value(PASSWORDS["admin1"])
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _users(at: AppTest) -> dict[str, dict[str, str]]:
    table = at.dataframe[0].value
    return {r["用户名"]: dict(r) for _, r in table.iterrows()}


def _click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_admin_page_with_scoped_accounts_renders_and_edits_each(app_db: Path) -> None:
    at = _admin_page()
    assert at.title[0].value == "用户与权限"
    users = _users(at)
    assert set(users) == set(PASSWORDS)
    assert users["county_officer"]["限定地区"] == "红寺堡区（640303）"  # a name, not the bare code
    assert users["tap_officer"]["限定指标"] == "农村自来水普及率（rural_tap_water_rate）"
    assert users["viewer1"]["限定地区"] == "全部" and users["viewer1"]["限定指标"] == "全部"
    for name in ("county_officer", "tap_officer", "viewer1"):
        at.selectbox(key="edit_user").set_value(name).run()
        assert not at.exception, [e.value for e in at.exception]
        # the edit form shows the account's current scope
        expected_r = ["640303"] if name == "county_officer" else []
        expected_i = ["rural_tap_water_rate"] if name == "tap_officer" else []
        assert at.multiselect(key="edit_scope_regions:" + name).value == expected_r
        assert at.multiselect(key="edit_scope_indicators:" + name).value == expected_i
        at.multiselect(key="edit_scope_regions:" + name).set_value(["640381"])
        _click(at, "保存角色与范围")
        assert any(f"已保存 {name} 的角色与范围" in s.value for s in at.success)
        assert _users(at)[name]["限定地区"] == "青铜峡市（640381）"
        at.text_input(key="reset_password").set_value(f"{name}-new-password")
        _click(at, "重置密码")
        assert any(f"已重置 {name} 的密码" in s.value for s in at.success)
        _click(at, "停用账户")
        assert any(f"已更新 {name} 的状态" in s.value for s in at.success)
        assert _users(at)[name]["状态"] == "已停用"
    db = get_database(app_db, read_only=True)
    assert accounts.authenticate(db, "tap_officer", "tap_officer-new-password") is None  # disabled
    accounts.update_user(app_db, "tap_officer", disabled=False)
    assert accounts.authenticate(get_database(app_db, read_only=True), "tap_officer", "tap_officer-new-password")


def _sign_in_upload(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page("screens/upload.py").run()
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(PASSWORDS[name])
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_upload_page_names_the_scope_and_offers_only_kinds_it_honours(app_db: Path) -> None:
    at = _sign_in_upload("county_officer")
    assert any("红寺堡区（640303）" in c.value for c in at.caption)
    assert "规划目标（新规划）" not in at.selectbox(key="upload_kind").options
    assert "重点移民村名单" in at.selectbox(key="upload_kind").options
    at = _sign_in_upload("tap_officer")
    assert any("农村自来水普及率（rural_tap_water_rate）" in c.value for c in at.caption)
    assert list(at.selectbox(key="upload_kind").options) == ["指标实际值", "情况说明"]


# ------------------------------------------------------------------ sign-in throttle and idle expiry
ATTACKER, OWNER = "10.0.0.66", "10.0.0.7"


class Clock:
    """The time and client address the app sees (ningxia_dash.ui.auth reads both through replaceable hooks)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from ningxia_dash.ui import auth

        self.now, self.address = 1_000_000.0, OWNER
        monkeypatch.setattr(auth, "clock", lambda: self.now)
        monkeypatch.setattr(auth, "client_address", lambda: self.address)


def _page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "zh"
    at.run()
    at.switch_page(f"screens/{page}.py").run()
    return at


def _try(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    next(b for b in at.button if b.label == "登录").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_guessing_from_one_address_does_not_lock_the_owner_out(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    clock.address = ATTACKER
    guesser = _page("admin")
    for n in range(5):
        _try(guesser, "admin1", f"guess-number-{n}")
        assert any("用户名或密码不正确" in e.value for e in guesser.error)
    _try(guesser, "admin1", PASSWORDS["admin1"])  # even the right password waits, from this address
    assert any("请 30 秒后再试" in e.value for e in guesser.error)
    assert [t.value for t in guesser.title] == ["登录"]

    clock.address = OWNER  # the owner, in a new session from another address, signs in at once
    owner = _try(_page("admin"), "admin1", PASSWORDS["admin1"])
    assert owner.title[0].value == "用户与权限"

    clock.address, clock.now = ATTACKER, clock.now + 31  # the wait expires by itself
    _try(guesser, "admin1", PASSWORDS["admin1"])
    assert guesser.title[0].value == "用户与权限"


def test_admin_sees_failed_sign_ins_and_unlocks(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    clock.address = ATTACKER
    locked = _page("upload")
    for n in range(5):
        _try(locked, "county_officer", f"wrong-password-{n}")
    _try(locked, "county_officer", PASSWORDS["county_officer"])
    assert any("秒后再试" in e.value for e in locked.error)

    clock.address = OWNER
    admin = _try(_page("admin"), "admin1", PASSWORDS["admin1"])
    table = next(d.value for d in admin.dataframe if "失败次数" in d.value.columns)
    assert table.iloc[0][["账户（按输入）", "地址", "失败次数"]].tolist() == ["county_officer", ATTACKER, 5]
    assert table.iloc[0]["尚需等待（秒）"] == 30
    admin.selectbox(key="unlock_account").set_value("county_officer")
    _click(admin, "解除登录限制")
    assert any("已解除 county_officer 的登录限制（清除 5 次失败记录）" in s.value for s in admin.success)
    assert any("近30分钟没有登录失败" in c.value for c in admin.caption)

    clock.address = ATTACKER
    _try(locked, "county_officer", PASSWORDS["county_officer"])
    assert locked.title[0].value == "上传数据：先预检，再确认导入"


def test_an_idle_session_is_signed_out_with_a_notice(app_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NINGXIA_SESSION_IDLE_MINUTES", "30")
    clock = Clock(monkeypatch)
    at = _try(_page("admin"), "admin1", PASSWORDS["admin1"])
    for _ in range(2):  # each run is activity: 29 minutes apart twice stays signed in
        clock.now += 29 * 60
        at.run()
        assert at.title[0].value == "用户与权限"
    clock.now += 31 * 60
    at.run()
    assert [t.value for t in at.title] == ["登录"]
    assert any("超过 30 分钟没有操作，已自动退出登录" in w.value for w in at.warning)
    at.run()  # said once
    assert not any("自动退出登录" in w.value for w in at.warning)
