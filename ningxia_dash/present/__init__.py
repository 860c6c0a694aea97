"""The presenter deck as data (slides.py: which slides, in which order, what the address asks for) and the deck
setting an admin stores (settings.py). The slides are drawn by ui/present.py
(the big screen by ui/bigscreen.py)."""
