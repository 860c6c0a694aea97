"""The stack's floor for the browser benchmark: an empty Streamlit page with a title, served like the app.
`?chart=1` adds one small plotly chart: the floor of any page that draws a chart (plotly.js loads and draws)."""

import plotly.graph_objects as go
import streamlit as st

st.title("empty")
if st.query_params.get("chart"):
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), config={"displayModeBar": False})
