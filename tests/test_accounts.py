"""Accounts: argon2id hashes (never plaintext), add / passwd / list / disable, roles and scopes, the last admin
protected, the first admin created once with a random password, the CLI (the sign-in throttle: test_signin.py)."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ningxia_dash import accounts
from ningxia_dash.store.db import Database, forget_database, get_database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh(db_path: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "acc.duckdb"
    shutil.copyfile(db_path, path)
    yield get_database(path, read_only=True)
    forget_database(path)


def test_passwords_are_argon2id_hashes_and_never_stored_in_clear(fresh: Database) -> None:
    accounts.add_user(fresh.path, "zhang_san", "officer", "Lingwu-2024-water", ["rural_tap_water_rate"], ["640181"])
    stored = fresh.scalar("SELECT password_hash FROM users WHERE username = 'zhang_san'")
    assert stored.startswith("$argon2id$")
    assert b"Lingwu-2024-water" not in fresh.path.read_bytes()
    user = accounts.authenticate(fresh, "zhang_san", "Lingwu-2024-water")
    assert user is not None and user.role == "officer"
    assert user.scope_indicators == frozenset({"rural_tap_water_rate"})
    assert user.scope_regions == frozenset({"640181"})
    assert accounts.authenticate(fresh, "zhang_san", "wrong-password-1") is None
    assert accounts.authenticate(fresh, "nobody", "Lingwu-2024-water") is None


def test_roles_rank() -> None:
    admin, officer, viewer = (accounts.User("a", "admin"), accounts.User("o", "officer"), accounts.User("v", "viewer"))
    assert admin.has_role("officer") and officer.has_role("officer") and not viewer.has_role("officer")
    assert not accounts.User("x", "admin", disabled=True).has_role("viewer")


def test_add_passwd_disable_and_the_last_admin(fresh: Database) -> None:
    accounts.add_user(fresh.path, "admin1", "admin", "first-admin-pass")
    with pytest.raises(accounts.AccountError, match="已存在"):
        accounts.add_user(fresh.path, "admin1", "officer", "another-pass-1")
    with pytest.raises(accounts.AccountError, match="至少10位"):
        accounts.add_user(fresh.path, "li", "officer", "short")
    with pytest.raises(accounts.AccountError, match="用户名"):
        accounts.add_user(fresh.path, "bad name!", "officer", "long-enough-pass")
    with pytest.raises(accounts.AccountError, match="唯一启用的管理员"):
        accounts.update_user(fresh.path, "admin1", disabled=True)
    with pytest.raises(accounts.AccountError, match="唯一启用的管理员"):
        accounts.update_user(fresh.path, "admin1", role="officer")
    accounts.add_user(fresh.path, "王五", "officer", "wangwu-password", scope_regions=["640303"])
    accounts.set_password(fresh.path, "王五", "new-wangwu-password")
    assert accounts.authenticate(fresh, "王五", "wangwu-password") is None
    assert accounts.authenticate(fresh, "王五", "new-wangwu-password") is not None
    accounts.update_user(fresh.path, "王五", disabled=True)
    assert accounts.authenticate(fresh, "王五", "new-wangwu-password") is None
    assert accounts.get_user(fresh, "王五").scope_regions == frozenset({"640303"})  # type: ignore[union-attr]
    accounts.update_user(fresh.path, "王五", disabled=False, scope_regions=None)
    assert accounts.get_user(fresh, "王五").scope_regions is None  # type: ignore[union-attr]
    names = [u.username for u in accounts.list_users(fresh)]
    assert names == sorted(names) and set(names) == {"admin1", "王五"}


def test_first_admin_is_created_once(fresh: Database) -> None:
    first = accounts.ensure_admin(fresh.path)
    assert first and len(first) >= 16
    assert accounts.authenticate(fresh, "admin", first) is not None
    assert accounts.ensure_admin(fresh.path) is None
    assert accounts.user_count(fresh) == 1


def test_login_required_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NINGXIA_REQUIRE_LOGIN", raising=False)
    assert not accounts.login_required()
    monkeypatch.setenv("NINGXIA_REQUIRE_LOGIN", "1")
    assert accounts.login_required()


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ningxia_dash", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_user_cli(fresh: Database) -> None:
    db = str(fresh.path)
    out = _cli("user", "ensure-admin", "--db", db)
    assert out.returncode == 0 and "admin" in out.stdout and "只显示这一次" in out.stdout
    assert _cli("user", "ensure-admin", "--db", db).stdout == ""  # never a second time
    added = _cli(
        "user",
        "add",
        "officer1",
        "--role",
        "officer",
        "--scope-regions",
        "640303,640324",
        "--password-stdin",
        "--db",
        db,
        stdin="officer1-password\n",
    )
    assert added.returncode == 0, added.stderr
    short = _cli("user", "passwd", "officer1", "--password-stdin", "--db", db, stdin="short\n")
    assert short.returncode == 5 and "至少10位" in short.stderr
    listed = _cli("user", "list", "--db", db)
    assert "officer1" in listed.stdout and "红寺堡区（640303）、同心县（640324）" in listed.stdout
    assert "argon2" not in listed.stdout
    assert _cli("user", "disable", "officer1", "--db", db).returncode == 0
    assert "停用" in _cli("user", "list", "--db", db).stdout
    forget_database(fresh.path)
    assert accounts.authenticate(get_database(fresh.path, read_only=True), "officer1", "officer1-password") is None


def test_cli_import_as_a_scoped_user(fresh: Database, tmp_path: Path) -> None:
    accounts.add_user(fresh.path, "hsb", "officer", "hongsibu-password", scope_regions=["640303"])
    f = tmp_path / "o.csv"
    f.write_bytes("指标代码,地区代码,年份,数值\r\nrural_tap_water_rate,640324,2024,93.5\r\n".encode("gbk"))
    out = _cli("import", str(f), "--kind", "observations", "--user", "hsb", "--db", str(fresh.path))
    assert out.returncode == 1
    assert "第2行「地区代码」列：您的账户无权上传“同心县（640324）”的数据（授权地区：红寺堡区（640303））" in out.stderr
    template = tmp_path / "t.xlsx"
    assert _cli("template", "--kind", "observations", "--out", str(template), "--db", str(fresh.path)).returncode == 0
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(template)).sheet_names
    assert names[:2] == ["数据", "说明"] and "指标代码" in names
    assert io.BytesIO(template.read_bytes()).read(2) == b"PK"
