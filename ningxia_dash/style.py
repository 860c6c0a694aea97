"""The status and verdict vocabulary as it is shown: THE display order, colours, symbols and badge colours, shared by
every chart, map, card and table (pure). The words are i18n `status.<id>`; how a status reads is
labels.status_label; the engine's worst → best ranking is tracking/status.STATUS_ORDER (a rule, not a display order).

Okabe–Ito colours, which colour-blind readers can tell apart, and always a symbol and a word beside the colour.
"""

from __future__ import annotations

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif"  # every chart's font

STATUS_COLOURS: dict[str, str] = {
    "achieved": "#009E73",
    "on_track": "#56B4E9",
    "lagging": "#E69F00",
    "off_track": "#D55E00",
    "no_data": "#9A9A9A",
    # end-of-period verdicts (ningxia_dash/tracking/verdicts.py) in the same palette: met = achieved, not met = off track
    "met": "#009E73",
    "basically_met": "#0072B2",
    "not_met": "#D55E00",
    "cannot_assess": "#9A9A9A",
}
STATUS_SYMBOLS: dict[str, str] = {
    "achieved": "✔", "on_track": "●", "lagging": "▲", "off_track": "✖", "no_data": "？",
    "met": "✔", "basically_met": "◎", "not_met": "✖", "cannot_assess": "？",
}  # fmt: skip
# THE display order (cards, legends, counts, filters, the brief): best first, no data last; verdicts likewise
STATUS_IDS = ("achieved", "on_track", "lagging", "off_track", "no_data")
VERDICT_IDS = ("met", "basically_met", "not_met", "cannot_assess")
# Streamlit badge colour names (`:red-badge[…]`), in step with STATUS_COLOURS
BADGE_COLOURS: dict[str, str] = {
    "achieved": "green", "on_track": "blue", "lagging": "orange", "off_track": "red", "no_data": "gray",
    "met": "green", "basically_met": "blue", "not_met": "red", "cannot_assess": "gray",
}  # fmt: skip
VERDICT_COLOURS: dict[str, str] = {v: STATUS_COLOURS[v] for v in VERDICT_IDS}
VERDICT_SYMBOLS: dict[str, str] = {v: STATUS_SYMBOLS[v] for v in VERDICT_IDS}
PROVENANCE_COLOURS: dict[str, str] = {"official": "#1b7f3b", "public": "#1f5fa8", "demo": "#b35900"}


def rgba(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#D55E00' → [213, 94, 0, alpha] for pydeck."""
    h = hex_colour.lstrip("#")
    return [int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), alpha]
