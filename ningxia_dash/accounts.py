"""User accounts: argon2id password hashes, roles (viewer < officer < admin), officers' upload scopes; writes go
through db.writable_copy like imports. The sign-in throttle: signin.py.

No password is ever stored or printed except the one-time random password of the first admin, which
`ensure_admin` returns so `make run` can show it once in the terminal.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import EllipsisType

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from ningxia_dash import config
from ningxia_dash.store.db import Database, get_database, writable_copy

ROLES, ROLE_RANK = config.ROLES, config.ROLE_RANK
MIN_PASSWORD = 10
NAME_PATTERN = re.compile(r"^[\w.@-]{2,32}$")
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verified against when the user does not exist, so a wrong name costs as much time as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """A refused account change; message in Chinese, message_en in English."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message, self.message_en = message, message_en


@dataclass(frozen=True)
class User:
    username: str
    role: str
    scope_indicators: frozenset[str] | None = None
    scope_regions: frozenset[str] | None = None
    disabled: bool = False
    created_at: datetime | None = None

    def has_role(self, role: str) -> bool:
        return not self.disabled and ROLE_RANK.get(self.role, -1) >= ROLE_RANK[role]


def login_required() -> bool:
    """NINGXIA_REQUIRE_LOGIN=1: every page needs a sign-in (default: viewing is open, uploads always need one)."""
    return os.environ.get("NINGXIA_REQUIRE_LOGIN", "").strip().lower() in ("1", "true", "yes", "on")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _scope(text: object) -> frozenset[str] | None:
    """A stored scope as a set; NULL (or anything that is not text, such as a NaN) means no limit."""
    if not isinstance(text, str):
        return None
    items = frozenset(x.strip() for x in text.split(",") if x.strip())
    return items or None


def scope_label(items: frozenset[str] | None, names: dict[str, str], every: str, sep: str = "、") -> str:
    """A scope as people read it: 'name（code）' per item (the bare code when unknown), or `every` for no limit."""
    if not items:
        return every
    return sep.join(f"{names[c]}（{c}）" if c in names else c for c in sorted(items))


def _scope_text(items: list[str] | frozenset[str] | None) -> str | None:
    cleaned = sorted({x.strip() for x in (items or []) if x.strip()})
    return ",".join(cleaned) or None


_COLUMNS = "username, role, scope_indicators, scope_regions, disabled, created_at"


def _user(row: tuple[object, ...]) -> User:
    return User(
        str(row[0]),
        str(row[1]),
        _scope(row[2]),
        _scope(row[3]),
        bool(row[4]),
        row[5],  # type: ignore[arg-type]
    )


def get_user(db: Database, username: str) -> User | None:
    found = db.rows(f"SELECT {_COLUMNS} FROM users WHERE username = ?", [username])
    return _user(found[0]) if found else None


def list_users(db: Database) -> list[User]:
    return [_user(r) for r in db.rows(f"SELECT {_COLUMNS} FROM users ORDER BY username")]


def user_count(db: Database) -> int:
    return int(db.scalar("SELECT count(*) FROM users") or 0)


def authenticate(db: Database, username: str, password: str) -> User | None:
    """The user when the name exists, is enabled and the password matches; None otherwise (same cost)."""
    found = db.rows("SELECT password_hash FROM users WHERE username = ?", [username.strip()])
    stored = str(found[0][0]) if found else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if not found:
        return None
    user = get_user(db, username.strip())
    return user if user and not user.disabled else None


def _check_name(username: str) -> str:
    name = username.strip()
    if not NAME_PATTERN.match(name):
        raise AccountError(
            "用户名须为2–32个字母、数字、汉字或 . _ - @。",
            "A user name is 2–32 letters, digits, Chinese characters or . _ - @.",
        )
    return name


def _check_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少{MIN_PASSWORD}位。", f"A password needs at least {MIN_PASSWORD} characters.")
    if password.strip().lower() == username.strip().lower():
        raise AccountError("密码不能与用户名相同。", "The password may not equal the user name.")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"角色须为 {'、'.join(ROLES)} 之一。", f"The role must be one of {', '.join(ROLES)}.")


def add_user(
    db_path: Path,
    username: str,
    role: str,
    password: str,
    scope_indicators: list[str] | None = None,
    scope_regions: list[str] | None = None,
) -> User:
    name = _check_name(username)
    _check_role(role)
    _check_password(name, password)
    digest = hash_password(password)
    with writable_copy(db_path) as conn:
        if conn.execute("SELECT 1 FROM users WHERE username = ?", [name]).fetchone():
            raise AccountError(f"用户 {name} 已存在。", f"The user {name} exists already.")
        conn.execute(
            "INSERT INTO users (username, role, password_hash, scope_indicators, scope_regions, created_at, disabled) "
            "VALUES (?, ?, ?, ?, ?, ?, FALSE)",
            [
                name,
                role,
                digest,
                _scope_text(scope_indicators),
                _scope_text(scope_regions),
                datetime.now().replace(microsecond=0),
            ],
        )
    return User(name, role, _scope(_scope_text(scope_indicators)), _scope(_scope_text(scope_regions)))


def _require_existing(conn: object, name: str) -> tuple[object, ...]:
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT role, disabled FROM users WHERE username = ?", [name]
    ).fetchone()
    if row is None:
        raise AccountError(f"没有用户 {name}。", f"There is no user {name}.")
    return tuple(row)


def _enabled_admins(conn: object, except_name: str) -> int:
    row = conn.execute(  # type: ignore[attr-defined]
        "SELECT count(*) FROM users WHERE role = 'admin' AND NOT disabled AND username <> ?", [except_name]
    ).fetchone()
    return int(row[0])


def set_password(db_path: Path, username: str, password: str) -> None:
    name = username.strip()
    _check_password(name, password)
    digest = hash_password(password)
    with writable_copy(db_path) as conn:
        _require_existing(conn, name)
        conn.execute("UPDATE users SET password_hash = ? WHERE username = ?", [digest, name])


KEEP = ...  # update_user: leave this field as it is


def update_user(
    db_path: Path,
    username: str,
    role: str | None = None,
    scope_indicators: list[str] | EllipsisType | None = KEEP,
    scope_regions: list[str] | EllipsisType | None = KEEP,
    disabled: bool | None = None,
) -> None:
    """Change role, scopes (None clears a scope) or the disabled flag; fields not given stay as they are.
    The last enabled admin can be neither demoted nor disabled."""
    name = username.strip()
    if role is not None:
        _check_role(role)
    sets: list[str] = []
    params: list[object] = []
    if role is not None:
        sets.append("role = ?")
        params.append(role)
    if not isinstance(scope_indicators, EllipsisType):
        sets.append("scope_indicators = ?")
        params.append(_scope_text(scope_indicators))
    if not isinstance(scope_regions, EllipsisType):
        sets.append("scope_regions = ?")
        params.append(_scope_text(scope_regions))
    if disabled is not None:
        sets.append("disabled = ?")
        params.append(disabled)
    if not sets:
        return
    with writable_copy(db_path) as conn:
        current_role, current_disabled = _require_existing(conn, name)
        losing_admin = (
            current_role == "admin"
            and not current_disabled
            and ((role is not None and role != "admin") or disabled is True)
        )
        if losing_admin and _enabled_admins(conn, name) == 0:
            raise AccountError(
                "这是唯一启用的管理员账户，不能降级或停用；请先创建另一个管理员。",
                "This is the only enabled admin: it can be neither demoted nor disabled. Create another admin first.",
            )
        conn.execute(f"UPDATE users SET {', '.join(sets)} WHERE username = ?", [*params, name])


class _NoChange(Exception):
    """Raised inside writable_copy to discard the copy when there is nothing to write."""


def ensure_admin(db_path: Path, username: str = "admin") -> str | None:
    """With no user at all, create `admin` with a random password and return it (to be shown once); else None.
    Runs under the write lock, so two servers starting together cannot both create one."""
    if user_count(get_database(db_path, read_only=True)):
        return None  # the usual case: no copy, no lock
    password = secrets.token_urlsafe(12)
    try:
        with writable_copy(db_path) as conn:
            if conn.execute("SELECT count(*) FROM users").fetchone()[0]:  # type: ignore[index]
                raise _NoChange()
            conn.execute(
                "INSERT INTO users (username, role, password_hash, created_at, disabled) "
                "VALUES (?, 'admin', ?, ?, FALSE)",
                [username, hash_password(password), datetime.now().replace(microsecond=0)],
            )
    except _NoChange:
        return None
    return password
