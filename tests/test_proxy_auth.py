"""Who a trusted reverse proxy vouches for (ningxia_dash/proxy_auth.py), without Streamlit: the header counts only
with the setting on, from the proxy's address, once, and never next to an X-Forwarded-For."""

from __future__ import annotations

from ningxia_dash.proxy_auth import identity, setting

ON = {"NINGXIA_TRUSTED_HEADER": "X-Remote-User"}
HEADER = [("X-Remote-User", "admin"), ("Host", "dash.example")]


def test_setting_off_ignores_the_header() -> None:
    assert setting({}) is None
    assert setting({"NINGXIA_TRUSTED_HEADER": "  "}) is None
    assert identity(setting({}), HEADER, None) is None


def test_the_default_proxy_is_loopback_which_streamlit_reports_as_no_address() -> None:
    cfg = setting(ON)
    assert identity(cfg, HEADER, None) == "admin"
    assert (
        identity(cfg, [("x-remote-user", " officer7 ")], None) == "officer7"
    )  # header names compare case-insensitively


def test_a_request_from_elsewhere_gets_no_identity() -> None:
    cfg = setting(ON)
    assert identity(cfg, HEADER, "192.168.1.20") is None
    assert identity(cfg, HEADER, "not an address") is None


def test_listed_proxy_addresses_and_networks() -> None:
    cfg = setting({**ON, "NINGXIA_TRUSTED_PROXY": "10.0.0.5, 172.16.0.0/24, bogus"})
    assert identity(cfg, HEADER, "10.0.0.5") == "admin"
    assert identity(cfg, HEADER, "172.16.0.77") == "admin"
    assert identity(cfg, HEADER, "10.0.0.6") is None
    assert identity(cfg, HEADER, None) is None  # loopback is not listed any more
    v6 = setting({**ON, "NINGXIA_TRUSTED_PROXY": "::1"})
    assert identity(v6, HEADER, None) == "admin"


def test_forwarded_for_duplicates_and_odd_names_are_refused() -> None:
    cfg = setting(ON)
    assert identity(cfg, [*HEADER, ("X-Forwarded-For", "127.0.0.1")], None) is None
    assert identity(cfg, [("X-Remote-User", "admin"), ("x-remote-user", "viewer")], None) is None
    assert identity(cfg, [("X-Remote-User", "")], None) is None
    assert identity(cfg, [("X-Remote-User", "a" * 65)], None) is None
    assert identity(cfg, [("X-Remote-User", "ad\x00min")], None) is None
    assert identity(cfg, [("Host", "x")], None) is None
