"""Query-parameter validators: pure functions that turn the text of an address parameter into a value, or None
when the text is not a valid value (the page-side reader is ningxia_dash/ui/params.py)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from typing import TypeVar

T = TypeVar("T")
SHOWN_CHARS = 20  # a notice echoes at most this much of a bad value (a toast has three short lines)
_YEAR = re.compile(r"[0-9]{4}")


def year(raw: str, choices: Iterable[int]) -> int | None:
    """A four-digit year among `choices` (?year=2024); None for anything else ("abc", "-1", "1e309", "")."""
    text = raw.strip()
    if not _YEAR.fullmatch(text):
        return None
    value = int(text)
    return value if value in set(choices) else None


def one_of(raw: str, options: Collection[T]) -> T | None:
    """`raw` itself when it is one of the known ids or codes (an indicator id, a region code, a section id)."""
    return raw if raw in options else None  # type: ignore[return-value]


def flag(raw: str) -> bool | None:
    """A switch in the address: "1" turns it on; anything else is not a value."""
    return True if raw == "1" else None


def shown(raw: str) -> str:
    """A bad value as a notice may echo it: control characters dropped, at most SHOWN_CHARS characters."""
    text = "".join(c for c in raw if unicodedata.category(c)[0] != "C")
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
