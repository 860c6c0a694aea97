"""用户管理 (admins): every account with role and upload scope, add a user, reset a password, change role or
scope, disable or enable an account."""

import streamlit as st

from ningxia_dash.i18n import t
from ningxia_dash.present import slides
from ningxia_dash.ui import auth, chrome, data, present
from ningxia_dash.ui import upload as up

ctx = chrome.page_context()
lang = ctx.lang
admin = auth.require_role("admin", lang)

st.title(t("admin.title", lang))
st.caption(t("admin.caption", lang))
if message := st.session_state.pop("admin_message", None):
    (st.success if message[0] else st.error)(message[1])  # Markdown, user text escaped


def done(outcome: up.Outcome) -> None:
    st.session_state["admin_message"] = (outcome.ok, outcome.message)
    st.rerun()


users = {u.username: u for u in data.users()}
st.subheader(t("admin.users", lang))
st.dataframe(up.users_table(list(users.values()), lang, ctx.version), hide_index=True, width="stretch")

refs = data.ingest_refs(ctx.version)
indicator_ids = sorted(refs.indicators)
region_codes = sorted(refs.regions)
roles = ["viewer", "officer", "admin"]


def indicator_name(i: str) -> str:
    return f"{refs.indicators[i]['name_zh']} ({i})"


def region_name(c: str) -> str:
    return f"{refs.regions[c]['name_zh']} ({c})"


left, right = st.columns(2)
with left, st.form("add_user", clear_on_submit=True):
    st.subheader(t("admin.add", lang))
    name = st.text_input(t("admin.name", lang), key="new_name")
    role = st.selectbox(t("admin.role", lang), roles, index=1, format_func=lambda r: t(f"role.{r}", lang))
    pw1 = st.text_input(t("admin.password", lang), type="password", key="new_pw1", autocomplete="new-password")
    pw2 = st.text_input(t("admin.password2", lang), type="password", key="new_pw2", autocomplete="new-password")
    every = t("common.all", lang)  # an empty scope means every indicator / region
    scope_i = st.multiselect(
        t("admin.scope_indicators", lang), indicator_ids, format_func=indicator_name, placeholder=every
    )
    scope_r = st.multiselect(t("admin.scope_regions", lang), region_codes, format_func=region_name, placeholder=every)
    if st.form_submit_button(t("admin.create", lang), type="primary"):
        if pw1 != pw2:
            st.error(t("admin.mismatch", lang))
        else:
            done(
                up.account_action(
                    lang,
                    "add",
                    username=name,
                    role=role,
                    password=pw1,
                    scope_indicators=scope_i or None,
                    scope_regions=scope_r or None,
                )
            )

with right:
    st.subheader(t("admin.edit", lang))
    who = st.selectbox(t("admin.pick", lang), list(users), key="edit_user")
    row = users[who]
    with st.form("edit_user_form"):  # widget keys carry the account, so picking another one shows its values
        new_role = st.selectbox(
            t("admin.role", lang), roles, index=roles.index(row.role), format_func=lambda r: t(f"role.{r}", lang),
            key=f"edit_role:{who}",
        )  # fmt: skip
        current_i = sorted(x for x in row.scope_indicators or () if x in refs.indicators)
        current_r = sorted(x for x in row.scope_regions or () if x in refs.regions)
        edit_i = st.multiselect(
            t("admin.scope_indicators", lang), indicator_ids, default=current_i, format_func=indicator_name,
            placeholder=t("common.all", lang), key=f"edit_scope_indicators:{who}",
        )  # fmt: skip
        edit_r = st.multiselect(
            t("admin.scope_regions", lang), region_codes, default=current_r, format_func=region_name,
            placeholder=t("common.all", lang), key=f"edit_scope_regions:{who}",
        )  # fmt: skip
        if st.form_submit_button(t("admin.save", lang)):
            done(
                up.account_action(
                    lang,
                    "update",
                    username=who,
                    role=new_role,
                    scope_indicators=edit_i or None,
                    scope_regions=edit_r or None,
                )
            )
    with st.form("password_form", clear_on_submit=True):
        new_pw = st.text_input(
            t("admin.new_password", lang), type="password", autocomplete="new-password", key="reset_password"
        )
        if st.form_submit_button(t("admin.set_password", lang)):
            done(up.account_action(lang, "password", username=who, password=new_pw))
    disabled = row.disabled
    if st.button(
        t("admin.enable" if disabled else "admin.disable", lang),
        key="toggle_user",
        disabled=who == admin.username and not disabled,
    ):
        done(up.account_action(lang, "update", username=who, disabled=not disabled))

st.subheader(t("admin.failures", lang), help=t("admin.failures_help", lang))
failures = auth.signin_log().recent(auth.clock())
if failures:
    st.dataframe(up.failures_table(failures, lang), hide_index=True, width="stretch")
    # names as typed are untrusted text: offered in a select box (plain text), never in a button label (Markdown)
    locked = st.selectbox(
        t("admin.unlock_pick", lang), list(dict.fromkeys(f.account for f in failures)), key="unlock_account"
    )
    if st.button(t("admin.unlock", lang), key="unlock"):
        done(up.unlock(locked, lang))
else:
    st.caption(t("admin.failures_none", lang))

st.caption(t("admin.cli", lang))

# ---------------------------------------------------------------- the presenter deck (汇报模式)
st.subheader(t("admin.deck", lang))
current = slides.deck_order(data.meta_value(slides.META_KEY))
slide_names = present.slide_names(ctx)  # as each slide's title reads when the deck opens
with st.form("deck_form"):
    order = st.multiselect(
        t("admin.deck_slides", lang), list(dict.fromkeys([*current, *slides.DEFAULT_DECK])), default=current,
        format_func=lambda s: slide_names[s], help=t("admin.deck_help", lang), key="deck_order",
        placeholder=t("admin.deck_placeholder", lang),
    )  # fmt: skip
    save, reset = st.columns([1, 1])
    chosen = order if save.form_submit_button(t("admin.deck_save", lang), type="primary") else None
    if reset.form_submit_button(t("admin.deck_reset", lang)):
        chosen = list(slides.DEFAULT_DECK)
    if chosen is not None:
        outcome = up.save_deck(chosen, admin, lang)
        if outcome.ok:
            del st.session_state["deck_order"]  # redraw the selector from what is now stored
        done(outcome)
