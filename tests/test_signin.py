"""The sign-in throttle and idle rule as plain Python, with an injected clock: guessing from one address cannot lock
the owner out from another, the wait grows and expires, a distributed guess meets a per-account ceiling, an admin
unlocks, and an idle session expires after NINGXIA_SESSION_IDLE_MINUTES."""

from __future__ import annotations

from pathlib import Path

import pytest

from ningxia_dash import signin

ATTACKER, OWNER = "10.0.0.66", "10.0.0.7"


@pytest.fixture
def log(tmp_path: Path) -> signin.SigninLog:
    return signin.SigninLog(signin.log_path(tmp_path / "x.duckdb"))


def test_five_failures_hold_back_that_address_only(log: signin.SigninLog) -> None:
    for t in range(5):
        assert log.wait_seconds("admin", ATTACKER, now=1000.0 + t) == 0
        log.failed("admin", ATTACKER, now=1000.0 + t)
    assert log.wait_seconds("admin", ATTACKER, now=1005.0) == 29  # 30 s after the fifth failure
    assert log.wait_seconds("ADMIN ", ATTACKER, now=1005.0) == 29  # the name as typed
    assert log.wait_seconds("admin", OWNER, now=1005.0) == 0  # the owner elsewhere is not held back
    assert log.wait_seconds("admin", None, now=1005.0) == 0
    assert log.wait_seconds("admin", ATTACKER, now=1034.0) == 0  # the wait expired


def test_the_wait_doubles_up_to_the_cap_and_expires(log: signin.SigninLog) -> None:
    now = 0.0
    waits = []
    for _ in range(10):
        now += log.wait_seconds("li", ATTACKER, now)
        log.failed("li", ATTACKER, now)
        waits.append(log.wait_seconds("li", ATTACKER, now))
    assert waits == [0, 0, 0, 0, 30, 60, 120, 240, 480, 900]  # 960 capped at 15 minutes
    assert log.wait_seconds("li", ATTACKER, now + 600) == 300
    assert log.wait_seconds("li", ATTACKER, now + 900) == 0  # the wait expired
    assert log.recent(now + 1800) == []  # and after 30 minutes every failure is forgotten


def test_a_right_password_clears_its_own_address(log: signin.SigninLog) -> None:
    for t in range(4):
        log.failed("li", OWNER, now=t)
        log.failed("li", ATTACKER, now=t)
    log.succeeded("li", OWNER, now=5)
    log.failed("li", OWNER, now=6)
    assert log.wait_seconds("li", OWNER, now=7) == 0  # one failure since the success
    log.failed("li", ATTACKER, now=8)
    assert log.wait_seconds("li", ATTACKER, now=9) > 0


def test_distributed_guessing_meets_the_account_ceiling(tmp_path: Path) -> None:
    log = signin.SigninLog(tmp_path / "s.json", signin.Policy(account_ceiling=20))
    for n in range(20):
        log.failed("admin", f"10.1.0.{n}", now=float(n))
    assert log.wait_seconds("admin", OWNER, now=20.0) == 29  # every address waits now
    assert log.wait_seconds("someone_else", OWNER, now=20.0) == 0


def test_admin_sees_and_unlocks(log: signin.SigninLog) -> None:
    for t in range(6):
        log.failed("county_officer", ATTACKER, now=100.0 + t)
    log.failed("nobody", OWNER, now=140.0)
    rows = log.recent(now=150.0)
    assert [(r.account, r.address, r.count) for r in rows] == [("nobody", OWNER, 1), ("county_officer", ATTACKER, 6)]
    assert rows[1].wait > 0 and rows[0].wait == 0
    assert log.unlock("county_officer", now=150.0) == 6
    assert log.wait_seconds("county_officer", ATTACKER, now=150.0) == 0
    assert [r.account for r in log.recent(now=150.0)] == ["nobody"]


def test_a_damaged_file_does_not_refuse_sign_ins(log: signin.SigninLog) -> None:
    log.path.write_text("{not json", encoding="utf-8")
    assert log.wait_seconds("li", OWNER, now=0.0) == 0
    log.failed("li", OWNER, now=0.0)
    assert log.recent(now=1.0)[0].count == 1


def test_idle_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NINGXIA_SESSION_IDLE_MINUTES", raising=False)
    assert signin.idle_minutes() == 30
    monkeypatch.setenv("NINGXIA_SESSION_IDLE_MINUTES", "5")
    assert signin.idle_minutes() == 5
    monkeypatch.setenv("NINGXIA_SESSION_IDLE_MINUTES", "soon")
    assert signin.idle_minutes() == 30  # not a number: the default
    assert signin.idle_expired(0.0, 31 * 60.0, 30) and not signin.idle_expired(0.0, 29 * 60.0, 30)
    assert not signin.idle_expired(0.0, 10**9, 0)  # 0 turns expiry off


def test_cli_lists_failures_and_unlocks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    from ningxia_dash.__main__ import main

    db = tmp_path / "x.duckdb"
    log = signin.SigninLog(signin.log_path(db))
    for _ in range(5):
        log.failed("admin", ATTACKER, now=time.time())
    assert main(["user", "failures", "--db", str(db)]) == 0
    listed = capsys.readouterr().out
    assert "admin" in listed and ATTACKER in listed
    assert main(["user", "unlock", "admin", "--db", str(db)]) == 0
    assert "清除 5 次失败记录" in capsys.readouterr().out
    assert log.wait_seconds("admin", ATTACKER, now=time.time()) == 0
