"""汇报模式: the presenter's chrome (no navigation, sidebar or toolbar; large type) and one renderer per slide.
The deck's order is data (ningxia_dash.present.slides); slides reuse the screens' builders. The big screen
(ui/bigscreen.py) shares the chrome, the address handling and the rows read here."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd
import streamlit as st

from ningxia_dash import config, html_bars, labels, views
from ningxia_dash.i18n import LANGS, Lang, pick, t
from ningxia_dash.places import common, decks, geometry, key_counties, legends, parks, villages
from ningxia_dash.present import slides
from ningxia_dash.safe_text import html_text
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.tracking import evaluation, overview
from ningxia_dash.ui import chrome, data, models, params, place_models
from ningxia_dash.ui.chrome import PageContext

SLIDE_UNMET = 7  # targets not met listed on the evaluation slide (the rest are counted): fits 1366×768
SLIDE_H = 520  # chart height that fits a 1366×768 screen under the slide title and the controls

CONTROLS_H = "4.2rem"  # the pinned bar of ‹ counter ›; the slide keeps clear of it
PRESENT_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 1rem 2.2rem CONTROLS_H 2.2rem !important;
    max-width: 100% !important; }
html { font-size: clamp(16px, 1.2vw, 24px); }
[data-testid="stMain"] { overflow: hidden !important; }
h1 { font-size: 2.1rem !important; padding: 0 0 0.4rem 0 !important; }
.slide-big { font-size: 1.4rem; line-height: 1.6; }
.st-key-present_controls { position: fixed !important; left: 0; right: 0; bottom: 0; z-index: 999990;
    height: CONTROLS_H; padding: 0 2.2rem; justify-content: center; background: rgba(255, 255, 255, 0.94);
    border-top: 1px solid #d9dee5; }
.st-key-present_controls button { min-width: 5.5rem; min-height: 3.2rem; border: 2px solid #9aa8b8;
    border-radius: 0.8rem; background: #f4f6f9; }
.st-key-present_controls button p { font-size: 2.4rem; line-height: 1; font-weight: 700; }
.st-key-present_controls [data-testid="stColumn"]:last-child [data-testid="stVerticalBlock"] { align-items: flex-end; }
.present-counter { text-align: center; color: #333; font-size: 1.5rem; font-weight: 700;
    font-variant-numeric: tabular-nums; }
@media (max-height: 720px) {  /* a laptop's browser window (1366×657): a smaller title leaves the slide more room */
    [data-testid="stMainBlockContainer"], .block-container { padding-top: 0.6rem !important; }
    h1 { font-size: 1.75rem !important; padding-bottom: 0.2rem !important; }
}
</style>
""".replace("CONTROLS_H", CONTROLS_H)


# Each slide's heading (i18n keys): before the plan's last year, and from it on (an end-of-period review). The
# launcher and the admin's deck list name the slides by these, so a slide is called what its title says.
HEADINGS: dict[str, tuple[str, str]] = {
    "title": ("present.cover", "present.cover_final"),
    "status": ("present.status_by_chapter", "present.verdicts_by_chapter"),
    "alerts": ("tracking.alerts", "tracking.alerts_final"),
    "evaluation": ("page.evaluation", "page.evaluation"),
    "gauges": ("tracking.gauges", "tracking.gauges"),
    "county_map": ("present.county_map", "present.county_map"),
    "villages": ("present.villages", "present.villages"),
    "parks": ("present.parks", "present.parks"),
    "scorecard": ("present.scorecard", "present.scorecard"),
    "closing": ("present.closing", "present.closing"),
}


def heading(slide: str, lang: Lang, final: bool) -> str:
    """A slide's title (without the year some titles add): an end-of-period review's from the plan's last year on."""
    return t(HEADINGS[slide][final], lang)


def slide_names(ctx: PageContext) -> dict[str, str]:
    """What each slide is called, as its title reads in the year the deck opens with (the latest data year)."""
    final = is_final(ctx, opening_year(ctx))
    return {s: heading(s, ctx.lang, final) for s in slides.DEFAULT_DECK}


def is_present_mode() -> bool:
    return slides.is_present(st.query_params.get("present"))


def apply_chrome() -> None:
    st.html(PRESENT_CSS)


def province_rows(ctx: PageContext, as_of: int):  # type: ignore[no-untyped-def]
    """The province's assessed targets as of a year (the cached view model)."""
    return models.province_rows(ctx.plan_id, as_of, ctx.plan.baseline_year, ctx.version)


def slide_title(ctx: PageContext, as_of: int) -> None:
    lang, plan = ctx.lang, ctx.plan
    elapsed = views.period_elapsed(plan.period_start, plan.period_end, date.today())
    st.markdown("<div style='height:10vh'></div>", unsafe_allow_html=True)
    st.title(heading("title", lang, is_final(ctx, as_of)))
    st.markdown(
        f"<div style='font-size:2.3rem;font-weight:800;line-height:1.35;margin:1rem 0 2rem 0'>"
        f"{html_text(plan.title(lang))}</div>"
        f"<div class='slide-big'>{html_text(plan.doc_number)}<br>{t('overview.period', lang)} {plan.period_start}–"
        f"{plan.period_end} · {t('overview.elapsed', lang)} {elapsed:.0%}<br>"
        f"<b>{t('present.data_as_of', lang, year=as_of)}</b></div><div style='height:6vh'></div>",
        unsafe_allow_html=True,
    )
    chrome.demo_banner(lang)


def is_final(ctx: PageContext, as_of: int) -> bool:
    """Whether `as_of` is the plan's last year: end-of-period verdicts instead of statuses."""
    return evaluation.is_final_year(as_of, ctx.plan.period_end)


def slide_status(ctx: PageContext, as_of: int) -> None:
    lang, final = ctx.lang, is_final(ctx, as_of)
    ids = evaluation.status_ids(final)
    st.title(heading("status", lang, final) + f" · {as_of}")
    rows = province_rows(ctx, as_of)
    counts, binding = rows.groupby("status").size(), rows[rows["attribute"] == "binding"].groupby("status").size()
    demo = overview.demo_counts(rows)
    for col, status in zip(st.columns(len(ids)), ids, strict=True):
        n_demo = demo.get(status, 0)
        col.markdown(  # the big number and the padding shrink on a short screen (a laptop's browser window)
            f"<div style='border:2px solid {STATUS_COLOURS[status]};border-radius:12px;padding:min(1.2rem,2vh) 1.2rem;"
            f"text-align:center'><div style='color:{STATUS_COLOURS[status]};font-size:1.5rem;font-weight:700'>"
            f"{STATUS_SYMBOLS[status]} {t('status.' + status, lang)}</div>"
            f"<div style='font-size:min(4.5rem,10vh);line-height:1.3;font-weight:800'>"
            f"{int(counts.get(status, 0))}</div><div style='color:#555'>"
            f"{t('tracking.binding_of', lang, n=int(binding.get(status, 0)))}</div>"
            f"<div style='color:#8a4b00'>{t('prov.demo_of', lang, n=n_demo) if n_demo else '&nbsp;'}</div></div>",
            unsafe_allow_html=True,
        )
    if n_demo := sum(demo.get(s, 0) for s in ids):  # clear of the cards above and of the chart below
        st.space("xxsmall")
        st.caption(f"{chrome.badge('demo', lang)} {t('prov.demo_total', lang, n=n_demo, total=len(rows))}")
    # each chapter's targets by the same statuses (verdicts) as the cards: static, no plotly.js on a slide
    keys = [(s, f"{STATUS_SYMBOLS[s]} {t('status.' + s, lang)}", STATUS_COLOURS[s]) for s in ids]
    st.html(html_bars.statuses_per_chapter_html(rows, keys, lang, height_px=200, max_vh=20))


def slide_alerts(ctx: PageContext, as_of: int) -> None:
    lang = ctx.lang
    st.title(heading("alerts", lang, is_final(ctx, as_of)) + f" · {as_of}")
    alerts = overview.alerts(province_rows(ctx, as_of))
    if alerts.empty:
        st.markdown(f"<div class='slide-big'>{t('tracking.no_alerts', lang)}</div>", unsafe_allow_html=True)
        return
    for _, r in alerts.head(6).iterrows():
        st.markdown(
            f"<div class='slide-big' style='border-left:8px solid {STATUS_COLOURS[r['status']]};padding-left:1rem;"
            f"margin:0.6rem 0'><b>{html_text(status_text(r, lang))} · "
            f"{html_text(pick(lang, r['name_zh'], r['name_en']))}</b> <span style='color:#666'>"
            f"{html_text(labels.clause_label(r['clause'], lang))}</span><br>"
            f"{html_text(r['explanation_zh' if lang == 'zh' else 'explanation_en'])}"
            f"</div>",
            unsafe_allow_html=True,
        )


def slide_evaluation(ctx: PageContext, as_of: int) -> None:
    """终期评估: the verdict counts and the summary sentence (from the plan's last year; before it, says when)."""
    lang, plan = ctx.lang, ctx.plan
    end = plan.period_end
    st.title(heading("evaluation", lang, True) + f" · {end}")
    if not is_final(ctx, as_of):
        st.markdown(f"<div class='slide-big'>{html_text(t('present.evaluation_later', lang, year=end))}</div>",
                    unsafe_allow_html=True)  # fmt: skip
        return
    rows = models.evaluation_rows(ctx.plan_id, end, plan.baseline_year, ctx.version)
    st.markdown(f"<div class='slide-big'>{html_text(evaluation.summary_sentence(rows, end, lang))}</div>",
                unsafe_allow_html=True)  # fmt: skip
    unmet = rows[rows["verdict"] == "not_met"]
    if len(unmet):
        st.markdown(f"<div class='slide-big' style='margin-top:0.8rem'><b>{t('present.evaluation_unmet', lang)}</b></div>",
                    unsafe_allow_html=True)  # fmt: skip
    items = "".join(
        f"<li><b>{html_text(pick(lang, r['name_zh'], r['name_en']))}</b> "
        f"<span style='color:#666'>{html_text(labels.clause_label(r['clause'], lang))}</span> · "
        f"{html_text(views.demo_marked(evaluation.gap_text(r, lang), views.rests_on_demo(r), lang))}</li>"
        for _, r in unmet.head(SLIDE_UNMET).iterrows()
    )
    more = len(unmet) - SLIDE_UNMET
    tail = f"<li>{html_text(t('present.evaluation_more', lang, n=more))}</li>" if more > 0 else ""
    st.markdown(f"<ul class='slide-big' style='font-size:1.15rem;line-height:1.55'>{items}{tail}</ul>",
                unsafe_allow_html=True)  # fmt: skip
    if n_demo := evaluation.demo_count(rows):
        st.caption(f"{chrome.badge('demo', lang)} {t('evaluation.demo_count', lang, n=n_demo, total=len(rows))}")


# The gauges slide: the overview's static gauges (gauge_svg) in 7 columns, in presenting type; the arcs are sized by
# the screen's height so the 13 gauges stay clear of the pinned controls on a laptop's browser window (1366×657) as
# at 1920×1080. A row is as tall as its longest name (no room kept for three lines everywhere); each gauge stands on
# the row's bottom, so the arcs of a row line up.
SLIDE_GAUGES_CSS = """
<style>
.nx-slide .nx-gauges h4 { font-size: 1.15rem; margin: 0.3rem 0 0.1rem 0; }
.nx-slide .nx-grid { gap: 0.2rem 0.8rem; }
.nx-slide .nx-g { display: flex; flex-direction: column; justify-content: flex-end; }
.nx-slide .nx-name { font-size: 0.95rem; min-height: 0; -webkit-line-clamp: 3; line-height: 1.25; }
.nx-slide-en .nx-name { font-size: 0.875rem; }
.nx-slide .nx-arc { max-width: min(100%, 8vh * 200 / 104); }
.nx-slide .nx-cap { font-size: 0.8rem; }
.nx-slide .nx-st { font-size: 0.95rem; }
</style>
"""


def slide_gauges(ctx: PageContext, as_of: int) -> None:
    lang = ctx.lang
    st.title(heading("gauges", lang, is_final(ctx, as_of)))
    # No hover for an audience: every name is whole, in three lines (English names are longer: five wider columns)
    columns = 5 if lang == "en" else 7
    gauges = models.headline_html(ctx.plan_id, as_of, ctx.plan.baseline_year, lang, ctx.version, None, columns)
    st.html(f"{SLIDE_GAUGES_CSS}<div class='nx-slide nx-slide-{lang}'>{gauges}</div>")


def county_frame(ctx: PageContext, as_of: int) -> tuple[pd.DataFrame | None, dict[str, Any] | None]:
    """The county map's frame and indicator (the first headline one with county figures); (None, None) without."""
    return place_models.headline_county_frame(ctx.plan_id, as_of, ctx.plan.baseline_year, ctx.lang, ctx.version)


def slide_county_map(ctx: PageContext, as_of: int) -> None:
    lang, final = ctx.lang, is_final(ctx, as_of)
    st.title(heading("county_map", lang, final))
    frame, indicator = county_frame(ctx, as_of)
    if frame is None or indicator is None:
        st.info(t("present.no_county_data", lang))
        return
    name = pick(lang, indicator["name_zh"], indicator["name_en"])
    left, right = st.columns([3, 1])
    with left:
        deck = decks.county_choropleth_deck(frame, data.county_shapes(ctx.version), "status", name,
                                           view=geometry.framed_view(SLIDE_H, 700))  # fmt: skip
        st.pydeck_chart(deck, height=SLIDE_H, key="present_county_map")
    with right:  # the indicator is named here, not in the title: a long name in the title pushed the map under the bar
        st.markdown(f"<div style='font-size:1.2rem;font-weight:700;line-height:1.35'>{html_text(name)}</div>",
                    unsafe_allow_html=True)  # fmt: skip
        st.html(
            legends.legend_html(
                t("places.mode.verdict" if final else "places.mode.status", lang),
                legends.status_legend(lang, common.legend_counts(frame["status"], final), final),
            )
        )
        _demo_caption(bool((frame["source_kind"] == "demo").any()), "detail.counties_demo", lang)


def slide_villages(ctx: PageContext, as_of: int) -> None:
    lang = ctx.lang
    st.title(heading("villages", lang, is_final(ctx, as_of)))
    metric_id = villages.DEFAULT_VILLAGE_METRIC
    metric = villages.metric_row(data.place_metrics("village", ctx.version), metric_id)
    final = models.is_final(ctx.plan_id, as_of, ctx.version)  # the plan's last year on: verdicts, as elsewhere
    statuses = data.village_statuses(
        metric_id, as_of, ctx.plan.baseline_year,
        villages.target_year(data.indicators(ctx.plan_id, ctx.version), metric_id, ctx.plan.period_end), final,
        ctx.version,
    )  # fmt: skip
    view = villages.villages_view(data.villages(ctx.version), statuses, metric, lang, final)
    left, right = st.columns([3, 1])
    with left:
        st.pydeck_chart(decks.villages_deck(view, data.county_shapes(ctx.version), lang, None,
                                           geometry.framed_view(SLIDE_H, 700)), height=SLIDE_H, key="present_villages")  # fmt: skip
    with right:
        st.html(
            legends.legend_html(
                t("places.mode.verdict" if final else "places.mode.status", lang),
                legends.status_legend(lang, common.legend_counts(view["status"], final), final),
            )
        )
        _demo_caption(bool(view.filter(like="source_kind").eq("demo").any().any()), "present.villages_demo", lang)


def slide_parks(ctx: PageContext, as_of: int) -> None:
    lang = ctx.lang
    st.title(heading("parks", lang, is_final(ctx, as_of)))
    metrics = data.place_metrics("park", ctx.version)
    labels = {m["id"]: pick(lang, m["name_zh"], m["name_en"]) for m in metrics.to_dict("records")}
    units = {m["id"]: m["unit"] for m in metrics.to_dict("records")}
    frame = parks.parks_frame(data.parks(ctx.version), data.park_metric_values(ctx.version), as_of, lang)
    # static bars: a slide is shown, not explored (no plotly.js to load on the slide)
    st.html(
        html_bars.park_bars_html(frame, "p_jobs", labels, units.get("p_jobs"), parks.PARK_PARTS.get("p_jobs"), lang)
    )
    _demo_caption(bool((frame["source_kind"] == "demo").any()), "present.parks_demo", lang)


def slide_scorecard(ctx: PageContext, as_of: int) -> None:
    lang = ctx.lang
    st.title(heading("scorecard", lang, is_final(ctx, as_of)) + f" · {as_of}")
    base, final = ctx.plan.baseline_year, is_final(ctx, as_of)
    assessments = data.assessments_all_regions(ctx.plan_id, as_of, base, ctx.version)
    shown = key_counties.shown_indicators(
        data.regions(ctx.version), assessments, data.indicators(ctx.plan_id, ctx.version)
    )
    statuses = models.region_statuses(ctx.plan_id, as_of, base, ctx.version)  # verdicts at the plan's end
    score = key_counties.scorecard(data.regions(ctx.version), statuses, shown, lang, config.PROVINCE_CODE, final)
    every = bool(len(score)) and bool(score["demo"].all())  # every cell rests on sample data: say it once, below
    # One line a cell (the status's symbol and the value; the words in the key above): with the word on a line of
    # its own the table and its notes ran under the ‹ n / N › bar on a laptop's browser window (1366×657).
    # English names are longer: the column heads in smaller type keep the header to five or six lines.
    tight = (
        "<style>.nxsc-wrap .nxsc{line-height:1.25}.nxsc-wrap .nxsc td{padding:3px 3px}"
        + (".nxsc-wrap .nxsc thead th{font-size:11px;line-height:1.15}" if lang == "en" else "")
        + "</style>"
    )
    st.html(
        key_counties.status_key_html(evaluation.status_ids(final), lang)
        + tight
        + key_counties.scorecard_html(score, shown, lang, mark_cells=not every, words=False)
    )
    notes = []  # one caption, a line each: two captions had a gap between them the screen could not spare
    if len(score) and bool(score["demo"].any()):
        notes.append(
            f"{chrome.badge('demo', lang)} {t('places.county_demo_all' if every else 'places.county_demo', lang)}"
        )
    if final:  # the words the cells use: the final evaluation's, as on the overview
        notes.append(t("key_counties.final_note", lang, year=as_of))
    if notes:
        st.caption("  \n".join(notes))


def slide_closing(ctx: PageContext, as_of: int) -> None:
    lang = ctx.lang
    st.title(heading("closing", lang, is_final(ctx, as_of)))
    mix = data.source_mix(ctx.version)
    obs = mix[mix["table_name"] == "observations"].set_index("source_kind")["n"]
    st.markdown(
        f"<div class='slide-big'>{t('present.sources_line', lang, public=int(obs.get('public', 0)), demo=int(obs.get('demo', 0)), official=int(obs.get('official', 0)))}"
        f"<br>{t('present.generated', lang, when=datetime.now().strftime('%Y-%m-%d %H:%M'), version=ctx.version)}</div>",
        unsafe_allow_html=True,
    )
    if (mix["source_kind"] == "demo").any():
        st.markdown(f"{chrome.badge('demo', lang)} {t('sources.demo_text', lang)}")
    st.markdown(f"{chrome.badge('public', lang)} {t('prov.public.desc', lang)}")


RENDERERS: dict[str, Callable[[PageContext, int], None]] = {
    "title": slide_title, "status": slide_status, "alerts": slide_alerts, "evaluation": slide_evaluation,
    "gauges": slide_gauges,
    "county_map": slide_county_map, "villages": slide_villages, "parks": slide_parks, "scorecard": slide_scorecard,
    "closing": slide_closing,
}  # fmt: skip


# Session-state keys of the deck. The slide on screen is state the fragment reads on every rerun (a click or a timer
# tick reruns only the fragment); the address mirrors it so a reload or a shared link shows the same slide.
SLIDE, SLIDE_SEEN, SHOWN_AT = "present.slide", "present.slide_param", "present.shown_at"


def _show(n: int) -> None:
    """Put slide n on screen: session state for the fragment, ?slide= for a reload, a fresh auto-advance clock."""
    st.session_state[SLIDE] = n
    st.session_state[SLIDE_SEEN] = str(n)
    st.session_state[SHOWN_AT] = time.monotonic()
    st.query_params["slide"] = str(n)


def _step(forward: bool, count: int) -> None:
    """on_click of ‹ / ›: reads the current slide at click time (not a value captured when the button was drawn)."""
    n = int(st.session_state.get(SLIDE, 1))
    _show(slides.next_slide(n, count) if forward else slides.previous_slide(n, count))


def plan_years(ctx: PageContext) -> tuple[int, int]:
    return ctx.plan.baseline_year, ctx.plan.period_end


def opening_year(ctx: PageContext) -> int:
    """The year the deck shows unless the address names another: the latest year with data (else the plan's end)."""
    return data.latest_data_year(ctx.plan_id, ctx.version) or ctx.plan.period_end


def as_of_from_address(ctx: PageContext) -> int:
    """?year= when it is a year of the plan (baseline..period end), else the latest year with data."""
    return slides.as_of_year(st.query_params.get("year"), *plan_years(ctx), opening_year(ctx))


def address_notice(ctx: PageContext, names: list[str]) -> None:
    """Say (briefly, in a toast) which address parameters were ignored, and drop them from the address."""
    for name in names:  # the same notice as every other page's (ui/params.py): the value escaped and shortened
        raw = st.query_params.get(name, "")
        del st.query_params[name]
        params.notice(name, raw, ctx.lang)


def unusable_params(ctx: PageContext, count: int, names: tuple[str, ...]) -> list[str]:
    query = {k: st.query_params.get(k, "") for k in st.query_params}
    return [n for n in slides.unusable_params(query, count, *plan_years(ctx), LANGS) if n in names]


def run_deck(ctx: PageContext) -> None:
    """The deck: one slide, with large previous / next controls (← → keys) and the counter pinned to the bottom."""
    apply_chrome()
    deck = slides.deck_order(data.meta_value(slides.META_KEY))
    count = len(deck)
    address_notice(ctx, unusable_params(ctx, count, ("slide", "every", "year", "lang")))
    as_of = as_of_from_address(ctx)
    every = slides.advance_seconds(st.query_params.get("every"))
    param = st.query_params.get("slide")
    if st.session_state.get(SLIDE_SEEN) != param or not 1 <= int(st.session_state.get(SLIDE, 0)) <= count:
        _show(slides.slide_number(param, count))  # a link or a typed address names the slide: it wins
    # A link from the menu lands here with the address stripped to /present: write the deck's address back, so
    # a reload stays in the deck on the same slide.
    st.query_params["present"] = "1"
    st.query_params["slide"] = str(st.session_state[SLIDE])
    if every:
        st.query_params["every"] = str(every)

    @st.fragment(run_every=every)
    def body() -> None:
        n = int(st.session_state[SLIDE])
        if every:
            moved = slides.auto_step(n, count, time.monotonic() - float(st.session_state[SHOWN_AT]), every)
            if moved != n:
                _show(moved)
                n = moved
        RENDERERS[deck[n - 1]](ctx, as_of)
        _controls(ctx.lang, n, count)

    body()


def _controls(lang: Lang, n: int, count: int) -> None:
    with st.container(key="present_controls"):
        left, mid, right = st.columns([1, 6, 1], vertical_alignment="center")
        left.button("‹", key="present_prev", help=t("present.prev", lang), shortcut="left", on_click=_step,
                    args=(False, count))  # fmt: skip
        mid.markdown(f"<div class='present-counter'>{n} / {count}</div>", unsafe_allow_html=True)
        right.button("›", key="present_next", help=t("present.next", lang), shortcut="right", on_click=_step,
                     args=(True, count))  # fmt: skip


def status_text(row: object, lang: Lang) -> str:
    """'✖ 严重滞后（示例）': the status with the sample-data mark when it rests on sample data."""
    return views.demo_marked(labels.status_label(row["status"], lang), views.rests_on_demo(row), lang)  # type: ignore[index,arg-type]


def _demo_caption(demo: bool, key: str, lang: Lang) -> None:
    """A slide's sample-data note, shown only while what the slide shows rests on sample data."""
    if demo:
        st.caption(f"{chrome.badge('demo', lang)} {t(key, lang)}")
