"""大屏: the dark 1920×1080 cockpit for a review room — the county map in the centre, headline figures around it. It
shares the presenter's chrome, address handling and province rows (ui/present.py)."""

from __future__ import annotations

import streamlit as st

from ningxia_dash import labels, views
from ningxia_dash.i18n import pick, t
from ningxia_dash.places import decks, geometry
from ningxia_dash.safe_text import html_text, md
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.tracking import evaluation, overview
from ningxia_dash.ui import chrome, data, present
from ningxia_dash.ui.chrome import PageContext

BIGSCREEN_CSS = """
<style>
[data-testid="stApp"], [data-testid="stMain"], [data-testid="stAppViewContainer"] { background: #0b1626 !important; }
[data-testid="stMain"] * { color: #e8eef5; }
.bs-tile { background: #12233a; border: 1px solid #1f3a5c; border-radius: 10px; padding: 0.7rem 0.9rem;
    margin-bottom: 0.6rem; }
.bs-label { color: #8fb3d9 !important; font-size: 0.85rem; }
.bs-num { font-size: 2.3rem; font-weight: 800; line-height: 1.15; }
.bs-small { font-size: 0.8rem; color: #8fb3d9 !important; }
</style>
"""
DARK_STYLE = "app/static/map-style-dark.json"
BIGSCREEN_TILES = 5  # headline tiles on the right: a sixth ran off the bottom of a 1920×1080 screen


def _tile(label: str, value: str, colour: str = "#e8eef5", small: str = "") -> str:
    """A big-screen tile: label and value are text (escaped here); `small` is markup (callers escape its text)."""
    return (f"<div class='bs-tile'><div class='bs-label'>{html_text(label)}</div>"
            f"<div class='bs-num' style='color:{colour} !important'>{html_text(value)}</div>"
            f"<div class='bs-small'>{small}</div></div>")  # fmt: skip


def _clip(text: str, width: int) -> str:
    """A tile's label: whole when it fits, else cut with an ellipsis so the cut is visible."""
    return text if len(text) <= width else text[: width - 1] + "…"


def run(ctx: PageContext) -> None:
    """大屏: one dark 1920×1080 cockpit — the county map in the centre, headline figures around it."""
    present.apply_chrome()
    st.html(BIGSCREEN_CSS)
    lang, plan = ctx.lang, ctx.plan
    present.address_notice(ctx, present.unusable_params(ctx, 0, ("present", "year", "lang")))
    as_of = present.as_of_from_address(ctx)
    rows = present.province_rows(ctx, as_of)
    head, note = st.columns([2, 1.4], vertical_alignment="bottom")
    head.title(f"{md(plan.short(lang))} · {t('present.bigscreen_title', lang)}")
    frame, indicator = present.county_frame(ctx, as_of)
    demo = overview.demo_counts(rows)
    any_demo = bool(demo) or (frame is not None and bool((frame["source_kind"] == "demo").any()))
    note.markdown(
        f"<div class='bs-small' style='text-align:right'>{html_text(plan.doc_number)} · "
        f"{t('present.data_as_of', lang, year=as_of)}"
        + (f"<br>{html_text(t('present.bigscreen_demo', lang))}" if any_demo else "")
        + "</div>",
        unsafe_allow_html=True,
    )
    left, centre, right = st.columns([1.05, 2.4, 1.05])
    counts = rows.groupby("status").size()
    binding = rows[rows["attribute"] == "binding"]
    with left:
        tiles = [_tile(f"{STATUS_SYMBOLS[s]} {t('status.' + s, lang)}", str(int(counts.get(s, 0))), STATUS_COLOURS[s],
                       html_text(t("prov.demo_of", lang, n=demo[s])) if demo.get(s) else "")
                 for s in evaluation.status_ids(present.is_final(ctx, as_of))[:4]]  # fmt: skip
        alerts = overview.alerts(rows)
        names = "<br>".join(html_text(views.demo_marked(f"{STATUS_SYMBOLS[r['status']]} "
                                                        f"{pick(lang, r['name_zh'], r['name_en'])}",
                                                        views.rests_on_demo(r), lang))
                            for _, r in alerts.head(4).iterrows())  # fmt: skip
        tiles.append(_tile(t("overview.binding", lang), f"{len(binding) - len(alerts)} / {len(binding)}",
                           small=names or html_text(t("tracking.no_alerts", lang))))  # fmt: skip
        st.html("".join(tiles))
    with centre:
        if indicator is None:
            st.info(t("present.no_county_data", lang))
            return
        name = pick(lang, indicator["name_zh"], indicator["name_en"])
        deck = decks.county_choropleth_deck(frame, data.county_shapes(ctx.version), "status", name,
                                           view=geometry.framed_view(820, 860))  # fmt: skip
        deck.map_style = DARK_STYLE
        st.markdown(f"<div class='bs-label'>{t('present.county_map', lang)} · {html_text(name)}</div>",
                    unsafe_allow_html=True)  # fmt: skip
        st.pydeck_chart(deck, height=820, key="bigscreen_map")
    with right:
        headline = rows[rows["is_headline"]]
        tiles = []
        for _, r in headline.head(BIGSCREEN_TILES).iterrows():
            value = labels.latest_with_source(r, lang).split(" (")[0]
            name = _clip(pick(lang, r["name_zh"], r["name_en"]), 16 if lang == "zh" else 28)
            tiles.append(_tile(name, value, STATUS_COLOURS[r["status"]],
                               html_text(f"{present.status_text(r, lang) if r['latest_source_kind'] != 'demo' else labels.status_label(r['status'], lang)} · "
                                         f"{chrome.provenance_label(r['latest_source_kind'], lang)}")))  # fmt: skip
        st.html("".join(tiles))
