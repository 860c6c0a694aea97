"""汇报模式: the meeting deck (?present=1&slide=3&every=20) — or, from the menu, what it holds and how to start it."""

import streamlit as st

from ningxia_dash.i18n import format_number, t
from ningxia_dash.present import slides
from ningxia_dash.safe_text import md
from ningxia_dash.ui import brief_button, chrome, data, present

ctx = chrome.page_context()
if present.is_present_mode():
    present.run_deck(ctx)
else:  # reached from the menu: what the deck holds and how to start it
    lang = ctx.lang
    present.address_notice(ctx, present.unusable_params(ctx, 0, ("present", "lang")))
    st.title(t("present.title", lang))
    st.markdown(t("present.intro", lang))
    deck = slides.deck_order(data.meta_value(slides.META_KEY))
    names = present.slide_names(ctx)  # as each slide's title reads in the year the deck opens with
    st.markdown("\n".join(f"{i}. {md(names[s])}" for i, s in enumerate(deck, start=1)))
    c1, c2, c3 = st.columns(3)
    c1.page_link(chrome.page_file("present"), label=t("present.start", lang) + " →",
                 query_params={"present": "1", "slide": "1", "lang": lang})  # fmt: skip
    c2.page_link(chrome.page_file("present"), label=t("present.start_auto", lang) + " →",
                 query_params={"present": "1", "slide": "1", "every": "20", "lang": lang})  # fmt: skip
    c3.page_link(chrome.page_file("bigscreen"), label=t("present.bigscreen", lang) + " →",
                 query_params={"present": "1", "lang": lang})  # fmt: skip
    latest = data.latest_data_year(ctx.plan_id, ctx.version) or ctx.plan.period_end
    brief_button.brief_download(lang, ctx.plan_id, latest, ctx.version)
    st.caption(t("present.tip", lang))
    st.caption(format_number(len(deck), None, lang) + " " + t("present.slides", lang))
