"""Who is using the app: the one seam `current_user()`, the sign-in form, `require_role(...)` for pages, and the
sidebar's account line.

Today the app signs users in itself: a password form checked against argon2id hashes in the `users` table, the
signed-in name kept in the session. Every other part of the app asks only `current_user()`, so another way of
signing in replaces this one function and the form, nothing else:

- Reverse proxy with a trusted header (e.g. nginx `auth_request`, Apache `mod_auth_gssapi` for Windows domain
  logins, or oauth2-proxy in front of an on-premises OIDC server such as Keycloak): the proxy authenticates and
  sets `X-Remote-User`, stripping any such header the client sent, and Streamlit listens on 127.0.0.1 only.
  Implemented: with NINGXIA_TRUSTED_HEADER set, `current_user()` takes the name from that header when the request
  comes from NINGXIA_TRUSTED_PROXY (ningxia_dash/proxy_auth.py decides) and returns `accounts.get_user(db, name)`
  (roles and scopes still live in `users`; an unknown name has no role). deploy/nginx/ningxia-dash.conf is the site.
- OIDC directly: Streamlit's `st.login()` / `st.user` with an `[auth]` section in `.streamlit/secrets.toml`
  pointing at the intranet's OIDC provider; `current_user()` maps `st.user.email` (or a claim) to a row of
  `users`. The password hashes are then unused and `login_form()` becomes a "sign in" button.
"""

from __future__ import annotations

import time

import streamlit as st

from ningxia_dash import accounts, proxy_auth, signin
from ningxia_dash.accounts import User
from ningxia_dash.i18n import Lang, t
from ningxia_dash.safe_text import md
from ningxia_dash.ui import data

USER_KEY = "auth_user"  # session state: the signed-in user name
SEEN_KEY = "auth_last_seen"  # session state: when the signed-in session last ran (clock() seconds)
IDLE_KEY = "auth_idle_signed_out"  # session state: set when an idle session was signed out, until it is said
clock = time.time  # tests replace it (no sleeping)


def client_address() -> str | None:
    """The client's address as Streamlit saw the WebSocket connection (None on localhost and under AppTest)."""
    try:
        address = st.context.ip_address
    except Exception:  # no session context: unknown; a sign-in never fails over it
        return None
    return address[:64] if isinstance(address, str) and address else None  # AppTest's context is a mock


def signin_log() -> signin.SigninLog:
    return signin.SigninLog(signin.log_path(data.database().path))


def _expire_if_idle() -> bool:
    """Sign an idle session out (True); otherwise note this run as its latest activity."""
    now = clock()
    last = st.session_state.get(SEEN_KEY)
    if isinstance(last, int | float) and signin.idle_expired(float(last), now, signin.idle_minutes()):
        sign_out()
        st.session_state[IDLE_KEY] = True
        return True
    st.session_state[SEEN_KEY] = now
    return False


def proxy_name() -> str | None:
    """The user a trusted reverse proxy vouches for (NINGXIA_TRUSTED_HEADER; rules in ningxia_dash/proxy_auth.py)."""
    cfg = proxy_auth.setting()
    if cfg is None:
        return None
    try:
        headers = st.context.headers
        pairs = [(k, v) for k in set(headers) for v in headers.get_all(k)]
    except Exception:  # no session context (AppTest): no header
        return None
    return proxy_auth.identity(cfg, pairs, client_address())


def current_user() -> User | None:
    """The signed-in, enabled user, read afresh on every run (a disabled or demoted account takes effect at once).
    With a trusted reverse proxy (NINGXIA_TRUSTED_HEADER) the proxy's header names the account: an unknown or
    disabled name has no role. Otherwise the password sign-in of this session; a session idle for longer than
    NINGXIA_SESSION_IDLE_MINUTES is signed out first."""
    proxied = proxy_name()
    if proxied is not None:
        try:
            found = accounts.get_user(data.database(), proxied)
        except FileNotFoundError:
            return None
        return found if found is not None and not found.disabled else None
    name = st.session_state.get(USER_KEY)
    if not name or _expire_if_idle():
        return None
    try:
        user = accounts.get_user(data.database(), str(name))
    except FileNotFoundError:
        return None
    if user is None or user.disabled:
        st.session_state.pop(USER_KEY, None)
        return None
    return user


def sign_in(user: User) -> None:
    st.session_state[USER_KEY] = user.username
    st.session_state[SEEN_KEY] = clock()
    st.session_state.pop(IDLE_KEY, None)


def sign_out() -> None:
    st.session_state.pop(USER_KEY, None)
    st.session_state.pop(SEEN_KEY, None)


def idle_notice(lang: Lang) -> None:
    """Say once that an idle session was signed out."""
    if st.session_state.pop(IDLE_KEY, None):
        st.warning(t("auth.idle_signed_out", lang, minutes=f"{signin.idle_minutes():g}"))


def role_label(role: str, lang: Lang) -> str:
    return t(f"role.{role}", lang) if role in accounts.ROLES else role


def login_form(lang: Lang, intro_key: str = "auth.intro") -> None:
    """The sign-in form; on success the page reruns signed in."""
    st.title(t("auth.title", lang))
    st.caption(t(intro_key, lang))
    idle_notice(lang)
    # clear_on_submit: the typed password does not linger in the session state after the attempt
    with st.form("login", clear_on_submit=True, border=True, width=420):
        name = st.text_input(t("auth.username", lang), key="login_name", autocomplete="username")
        password = st.text_input(
            t("auth.password", lang), type="password", key="login_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("auth.submit", lang), type="primary")
    if not submitted:
        return
    log, address, now = signin_log(), client_address(), clock()
    wait = log.wait_seconds(name, address, now)
    if wait:  # refused before the password is checked, and not counted
        st.error(t("auth.throttled", lang, seconds=wait))
        return
    user = accounts.authenticate(data.database(), name, password)
    if user is None:
        log.failed(name, address, now)
        st.error(t("auth.failed", lang))
        return
    log.succeeded(name, address, now)
    sign_in(user)
    st.rerun()


def require_role(role: str, lang: Lang) -> User:
    """Call right after chrome.page_context(): returns the user, or draws the sign-in form (or a refusal) and
    stops the page. Works on a page that a fresh server runs directly, because page_context() first hands such a
    run to the navigation frame, which runs the page again with this guard inside."""
    user = current_user()
    if user is None:
        login_form(lang)
        st.stop()
        raise AssertionError("unreachable")  # st.stop() raises
    if not user.has_role(role):
        st.error(
            t(
                "auth.forbidden",
                lang,
                role=role_label(role, lang),
                user=md(user.username),
                current=role_label(user.role, lang),
            )
        )
        st.stop()
    return user


def login_wall(lang: Lang) -> bool:
    """With NINGXIA_REQUIRE_LOGIN=1 and nobody signed in: draw the sign-in form and return True (the caller then
    runs no page). Otherwise False."""
    if not accounts.login_required() or current_user() is not None:
        return False
    login_form(lang, "auth.required_view")
    return True


def sidebar_account(lang: Lang) -> None:
    """The signed-in account and a sign-out button, in the sidebar."""
    user = current_user()
    if user is None:
        if st.session_state.get(IDLE_KEY):
            with st.sidebar:
                idle_notice(lang)
        return
    with st.sidebar:
        st.caption(t("auth.signed_in", lang, user=md(user.username), role=role_label(user.role, lang)))
        if proxy_name() is None and st.button(t("auth.logout", lang), key="logout", type="tertiary"):
            sign_out()
            st.rerun()
