"""Old import path of the place screens' plotly charts: now ningxia_dash/places/charts.py. `place_charts.<name>`
still finds them, for code written against the old module (kept until those branches are merged)."""

from __future__ import annotations

from typing import Any

from ningxia_dash.places import charts


def __getattr__(name: str) -> Any:
    return getattr(charts, name)
