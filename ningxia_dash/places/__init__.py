"""The place screens' logic (a package in the making: the old places.py is county_map.py for now, maps.py is
decks.py, place_charts.py is charts.py). `places.<name>` still finds the names of the old flat module."""

from __future__ import annotations

import importlib
from typing import Any


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.county_map"), name)
