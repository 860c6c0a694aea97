"""The stack's floor for the browser benchmark: an empty Streamlit page with a title, served like the app."""

import streamlit as st

st.title("empty")
