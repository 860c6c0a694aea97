"""Old import path of the place maps: now ningxia_dash/places/decks.py, legends.py and geometry.py. `maps.<name>`
still finds their names, for code written against the old module (kept until those branches are merged); new code
imports from places/."""

from __future__ import annotations

from typing import Any

from ningxia_dash.places import decks, geometry, legends

_RENAMED = {"_css": "css", "_shape_rings": "shape_rings"}


def __getattr__(name: str) -> Any:
    name = _RENAMED.get(name, name)
    for module in (decks, legends, geometry):
        if hasattr(module, name):
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
