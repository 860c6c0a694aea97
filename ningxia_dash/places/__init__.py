"""The place screens' logic, one module per screen or concern:

- common.py — what every place screen shares (key levels, status orders, links, the picked map object, tallies);
- county_map.py — counties and cities by one indicator, the reference a relative target is judged against;
- villages.py — the resettlement villages and the rule that judges them (village_rule);
- parks.py — the 闽宁 parks' KPIs;  key_counties.py — the key-assistance counties' scorecard;
- charts.py (plotly), decks.py (pydeck decks), layers.py (the layers and offline deck they share), legends.py (map colours and legends), geometry.py (rings, areas, views).
"""
