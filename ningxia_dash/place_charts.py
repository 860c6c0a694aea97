"""Old import path of the place screens' plotly charts: now ningxia_dash/places/charts.py."""

from __future__ import annotations

from typing import Any

from ningxia_dash.places import charts


def __getattr__(name: str) -> Any:
    return getattr(charts, name)
