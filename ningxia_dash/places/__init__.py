"""The place screens' logic, one module per screen or concern:

- common.py — what every place screen shares (key levels, status orders, links, the picked map object, tallies);
- county_map.py — counties and cities by one indicator, the reference a relative target is judged against;
- villages.py — the resettlement villages and the rule that judges them (village_rule);
- parks.py — the 闽宁 parks' KPIs;  key_counties.py — the key-assistance counties' scorecard;
- charts.py (plotly), decks.py (pydeck), legends.py (map colours and legends), geometry.py (rings, areas, views).

`places.<name>` still finds the functions of the pure modules (common, county_map, villages, parks, key_counties)
under their old flat names, for code written against the old places.py; new code imports the module that holds
the name. (Kept until the branches written against the flat module are merged.)
"""

from __future__ import annotations

import importlib
from typing import Any

_FLAT = ("common", "county_map", "villages", "parks", "key_counties")
_RENAMED = {"county_frame": ("county_map", "place_frame"), "status_counts": ("common", "legend_counts")}


def __getattr__(name: str) -> Any:
    if name in _RENAMED:
        module, new = _RENAMED[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), new)
    for module in _FLAT:
        found = getattr(importlib.import_module(f"{__name__}.{module}"), name, _FLAT)
        if found is not _FLAT:
            return found
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
