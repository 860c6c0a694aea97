"""The presenter deck as data: which slides, in which order (pure; imports nothing of the app).

An admin reorders the deck on the user-management page (settings.set_present_deck writes a comma-separated list of
slide ids under the meta key `present_deck`; unknown ids are ignored, missing ones are not shown); without it the
default order below is used."""

from __future__ import annotations

DEFAULT_DECK: tuple[str, ...] = (
    "title", "status", "alerts", "gauges", "county_map", "villages", "parks", "scorecard", "closing",
)  # fmt: skip
SLIDES = frozenset(DEFAULT_DECK)
META_KEY = "present_deck"


def deck_order(setting: str | None) -> list[str]:
    """The slides to show, from the admin's setting when it names known slides, else the default order."""
    if setting:
        chosen = [s.strip() for s in setting.split(",") if s.strip() in SLIDES]
        if chosen:
            return list(dict.fromkeys(chosen))
    return list(DEFAULT_DECK)


def slide_number(param: str | None, count: int) -> int:
    """1-based slide number from the address (?slide=3), clamped to the deck; 1 when missing or malformed."""
    try:
        n = int(param or 1)
    except ValueError:
        return 1
    return min(max(n, 1), count)


def advance_seconds(param: str | None) -> int | None:
    """?every=20 → 20 seconds between slides (at least 5); None when absent or malformed."""
    try:
        s = int(param) if param else None
    except ValueError:
        return None
    return max(s, 5) if s else None


def auto_slide(start: int, count: int, elapsed_s: float, every_s: int) -> int:
    """Which slide auto-advance shows after elapsed_s seconds, starting from `start`, wrapping round."""
    return (start - 1 + int(elapsed_s // every_s)) % count + 1
