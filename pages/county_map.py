"""县域地图: the 22 counties and the 9 key-assistance counties, drawn offline."""

import streamlit as st

from ningxia_dash import maps, views
from ningxia_dash.i18n import t
from ningxia_dash.ui import chrome, data

ctx = chrome.page_context()
lang = ctx.lang

st.title(t("map.title", lang))
shapes = data.county_shapes(ctx.version)
left, right = st.columns([4, 1])
with left:
    st.pydeck_chart(maps.county_assistance_deck(shapes, lang), height=620, key="county_map")
    st.caption(t("map.caption", lang))
with right:
    st.markdown(f"**{t('map.legend', lang)}**")
    for label, rgba in maps.assistance_legend(lang):
        colour = f"rgba({rgba[0]},{rgba[1]},{rgba[2]},{rgba[3] / 255:.2f})"
        st.html(
            f'<div style="display:flex;align-items:center;gap:8px;margin:4px 0">'
            f'<span style="width:18px;height:18px;background:{colour};border:1px solid #444;display:inline-block">'
            f"</span><span>{label}</span></div>"
        )
st.subheader(t("map.table", lang))
st.dataframe(views.counties_table(data.regions(ctx.version), lang), hide_index=True, width="stretch")
