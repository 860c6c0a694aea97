"""Old import path of the place maps: now ningxia_dash/places/decks.py (`maps.<name>` still finds its names)."""

from __future__ import annotations

from typing import Any

from ningxia_dash.places import decks


def __getattr__(name: str) -> Any:
    return getattr(decks, name)
