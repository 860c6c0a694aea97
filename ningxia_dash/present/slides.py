"""The presenter deck as data: which slides, in which order, and what the address asks for (pure).

An admin reorders the deck on the user-management page (settings.set_present_deck writes a comma-separated list of
slide ids under the meta key `present_deck`; unknown ids are ignored, missing ones are not shown); without it the
default order below is used.

Everything read from the address (?present=1&slide=3&every=20&year=2024&lang=en) is untrusted: a value that is not
plainly one of the allowed ones (letters, a sign, spaces, HTML, a path, out of range) is ignored, the default is used
and `unusable_params` names it so the screen can say so."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

DEFAULT_DECK: tuple[str, ...] = (
    "title", "status", "alerts", "evaluation", "gauges", "county_map", "villages", "parks", "scorecard", "closing",
)  # fmt: skip
SLIDES = frozenset(DEFAULT_DECK)
META_KEY = "present_deck"
MIN_EVERY_S, MAX_EVERY_S = 5, 3600  # auto-advance: at least 5 seconds a slide, at most an hour
PRESENT_VALUES = ("0", "1")
_DIGITS = re.compile(r"[0-9]{1,6}")  # ASCII digits only: int() would also take "+3", " 3", "3_0" and "٣"


def deck_order(setting: str | None) -> list[str]:
    """The slides to show, from the admin's setting when it names known slides, else the default order."""
    if setting:
        chosen = [s.strip() for s in setting.split(",") if s.strip() in SLIDES]
        if chosen:
            return list(dict.fromkeys(chosen))
    return list(DEFAULT_DECK)


def whole_number(param: str | None, low: int, high: int) -> int | None:
    """The number an address value spells when it is plain digits within low..high, else None."""
    if param is None or not _DIGITS.fullmatch(param):
        return None
    n = int(param)
    return n if low <= n <= high else None


def slide_number(param: str | None, count: int) -> int:
    """1-based slide number from the address (?slide=3); the first slide when missing or not a slide of the deck."""
    return whole_number(param, 1, count) or 1


def advance_seconds(param: str | None) -> int | None:
    """?every=20 → 20 seconds between slides (1–4 count as 5); None (no auto-advance) when absent or unusable."""
    s = whole_number(param, 1, MAX_EVERY_S)
    return max(s, MIN_EVERY_S) if s else None


def as_of_year(param: str | None, first: int, last: int, default: int) -> int:
    """?year=2024 → 2024 when it lies within the plan's years first..last (baseline..period end), else default."""
    year = whole_number(param, first, last)
    return default if year is None else year


def is_present(param: str | None) -> bool:
    return param == "1"


def unusable_params(
    query: Mapping[str, str], count: int, first_year: int, last_year: int, langs: Collection[str]
) -> list[str]:
    """Names of the address parameters given but unusable (their defaults are used instead), in a fixed order."""
    checks = {
        "present": lambda v: v in PRESENT_VALUES,
        "slide": lambda v: whole_number(v, 1, count) is not None,
        "every": lambda v: whole_number(v, 1, MAX_EVERY_S) is not None,
        "year": lambda v: whole_number(v, first_year, last_year) is not None,
        "lang": lambda v: v in langs,
    }
    return [name for name, ok in checks.items() if name in query and not ok(query[name])]


def next_slide(n: int, count: int) -> int:
    return n % count + 1


def previous_slide(n: int, count: int) -> int:
    return (n - 2) % count + 1


def auto_step(n: int, count: int, shown_s: float, every_s: int) -> int:
    """The slide auto-advance shows at a timer tick, when slide n has been on screen for shown_s seconds: the next
    one (wrapping round) once n has had at least half its time — a slide the presenter just moved to is not
    skipped by a tick that falls right after the move; the next tick moves on from it."""
    return next_slide(n, count) if shown_s >= every_s / 2 else n
