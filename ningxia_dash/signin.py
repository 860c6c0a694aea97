"""Failed sign-ins and the wait they earn, per account and client address, and the idle-session rule (pure). The clock is always passed in, so tests need no sleeping.

Policy (README, "Sign-in"): five failures for one account from one address within 30 minutes make that address
wait 30 s, doubling with each further failure up to 15 minutes; failures older than 30 minutes are forgotten, so
the wait expires by itself. Another address is not held back by them: guessing cannot lock the owner out. Only
when one account collects `account_ceiling` failures from all addresses together (distributed guessing) does
every address wait. A correct password clears its own address's failures; an admin can clear an account's.

The failures live in a small JSON file beside the database (`<db>.signin.json`), written under a file lock and
swapped in atomically. Not in the database itself: the app opens DuckDB read-only and every write there publishes
a full copy of the file (db.writable_copy), far too heavy for each wrong password — and an attacker could make the
server copy the database at will.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

IDLE_DEFAULT_MINUTES = 30.0
UNKNOWN_ADDRESS = "—"  # st.context.ip_address is None on localhost (and under AppTest)


@dataclass(frozen=True)
class Policy:
    free: int = 5  # failures for one account from one address within `window` before a wait
    window: float = 30 * 60.0  # failures older than this (seconds) are forgotten
    first_wait: float = 30.0  # the first wait; it doubles with each further failure
    max_wait: float = 15 * 60.0
    account_ceiling: int = 50  # failures for one account from all addresses together before every address waits
    keep: int = 5000  # at most this many failure records are kept (the oldest go first)


@dataclass(frozen=True)
class Failures:
    """Recent failed sign-ins for one account from one address (the admin page's table)."""

    account: str
    address: str
    count: int
    last: float  # seconds since the epoch
    wait: int  # seconds this address still waits for this account (0: may try)


def _wait(times: list[float], free: int, now: float, policy: Policy) -> float:
    recent = [t for t in times if now - t < policy.window]
    if len(recent) < free:
        return 0.0
    wait = min(policy.max_wait, policy.first_wait * 2 ** (len(recent) - free))
    return max(0.0, max(recent) + wait - now)


def _key(account: str) -> str:
    return account.strip().lower()[:64]  # bounded: a name is at most 32 characters, garbage is cut


def log_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.signin.json")


class SigninLog:
    """The failure records of one database: [account, address, time] triples in a JSON file."""

    def __init__(self, path: Path, policy: Policy | None = None) -> None:
        self.path, self.policy = path, policy or Policy()

    def _read(self) -> list[tuple[str, str, float]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [(str(a), str(d), float(t)) for a, d, t in raw]
        except (FileNotFoundError, ValueError, TypeError):
            return []  # missing or damaged: start afresh rather than refuse every sign-in

    @contextlib.contextmanager
    def _changing(self, now: float) -> Iterator[list[tuple[str, str, float]]]:
        """The records (older than the window dropped) under the lock; what the block leaves is written back."""
        lock = os.open(self.path.with_name(f"{self.path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            records = [r for r in self._read() if now - r[2] < self.policy.window]
            yield records
            tmp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}")
            tmp.write_text(json.dumps(records[-self.policy.keep :], ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        finally:
            os.close(lock)

    def _wait_in(self, records: list[tuple[str, str, float]], key: str, addr: str, now: float) -> int:
        mine = [r for r in records if r[0] == key]
        own = _wait([t for _, a, t in mine if a == addr], self.policy.free, now, self.policy)
        every = _wait([t for _, _, t in mine], self.policy.account_ceiling, now, self.policy)
        return math.ceil(max(own, every))

    def wait_seconds(self, account: str, address: str | None, now: float) -> int:
        """Seconds before this address may try this account again (0: now)."""
        return self._wait_in(self._read(), _key(account), address or UNKNOWN_ADDRESS, now)

    def failed(self, account: str, address: str | None, now: float) -> None:
        with self._changing(now) as records:
            records.append((_key(account), address or UNKNOWN_ADDRESS, now))

    def succeeded(self, account: str, address: str | None, now: float) -> None:
        key, addr = _key(account), address or UNKNOWN_ADDRESS
        with self._changing(now) as records:
            records[:] = [r for r in records if (r[0], r[1]) != (key, addr)]

    def unlock(self, account: str, now: float) -> int:
        """Forget every failure of the account (an admin's 解除锁定); returns how many were forgotten."""
        key = _key(account)
        with self._changing(now) as records:
            before = len(records)
            records[:] = [r for r in records if r[0] != key]
            return before - len(records)

    def recent(self, now: float) -> list[Failures]:
        """Failures within the window, per account and address, the latest first."""
        records = [r for r in self._read() if now - r[2] < self.policy.window]
        groups: dict[tuple[str, str], list[float]] = {}
        for account, address, t in records:
            groups.setdefault((account, address), []).append(t)
        out = [
            Failures(account, address, len(times), max(times), self._wait_in(records, account, address, now))
            for (account, address), times in groups.items()
        ]
        return sorted(out, key=lambda f: -f.last)


def idle_minutes() -> float:
    """NINGXIA_SESSION_IDLE_MINUTES (default 30): a signed-in session idle longer is signed out; 0 turns it off.
    A value that is not a number falls back to the default."""
    text = os.environ.get("NINGXIA_SESSION_IDLE_MINUTES", "").strip()
    try:
        minutes = float(text) if text else IDLE_DEFAULT_MINUTES
    except ValueError:
        return IDLE_DEFAULT_MINUTES
    return minutes if math.isfinite(minutes) and minutes >= 0 else IDLE_DEFAULT_MINUTES


def idle_expired(last_seen: float, now: float, minutes: float) -> bool:
    return minutes > 0 and now - last_seen > minutes * 60
