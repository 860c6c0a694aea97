"""Streamlit edge of the app: the only package code that imports streamlit (cached readers, chrome, widgets)."""
