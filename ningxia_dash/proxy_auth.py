"""Sign-in by a trusted reverse proxy: who the proxy says the user is, when it may say so (pure; ui/auth.py asks).

Settings: NINGXIA_TRUSTED_HEADER names the header the proxy sets to the authenticated user (e.g. X-Remote-User);
unset or empty, every such header is ignored. NINGXIA_TRUSTED_PROXY lists the proxy's addresses or networks
(comma-separated, default 127.0.0.1). The app then takes the name from that header only when:

- the request's client address (as Streamlit reports it) is one of the proxy's. Streamlit reports 127.0.0.1 and
  ::1 as no address (None), so None counts as the proxy only when 127.0.0.1 or ::1 is listed;
- the request carries no X-Forwarded-For: the shipped nginx site removes it, and Streamlit's server (uvicorn)
  rewrites the client address from that header for connections from 127.0.0.1, so a direct local request could
  otherwise pose as any address;
- the header appears exactly once, with a plausible user name.

The name is then mapped to a local account by the caller (an unknown or disabled name gets no role).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
HIDDEN_LOOPBACK = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))  # reported as None
MAX_NAME = 64


@dataclass(frozen=True)
class ProxySetting:
    header: str  # lower case
    trusted: tuple[Network, ...]


def _networks(text: str) -> tuple[Network, ...]:
    found = []
    for part in text.split(","):
        try:
            found.append(ipaddress.ip_network(part.strip(), strict=False))
        except ValueError:
            continue  # an entry that is no address trusts nothing
    return tuple(found)


def setting(env: Mapping[str, str] | None = None) -> ProxySetting | None:
    """The trusted-header setting, or None when it is off."""
    env = os.environ if env is None else env
    header = env.get("NINGXIA_TRUSTED_HEADER", "").strip()
    if not header:
        return None
    return ProxySetting(header.lower(), _networks(env.get("NINGXIA_TRUSTED_PROXY", "127.0.0.1")))


def from_trusted_proxy(trusted: tuple[Network, ...], address: str | None) -> bool:
    if address is None:
        return any(ip in net for ip in HIDDEN_LOOPBACK for net in trusted)
    try:
        ip = ipaddress.ip_address(address.strip().removeprefix("[").removesuffix("]"))
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def identity(cfg: ProxySetting | None, headers: Iterable[tuple[str, str]], address: str | None) -> str | None:
    """The user name the proxy vouches for, or None (setting off, not from the proxy, header absent or odd)."""
    if cfg is None or not from_trusted_proxy(cfg.trusted, address):
        return None
    pairs = [(k.lower(), v) for k, v in headers]
    if any(k == "x-forwarded-for" for k, _ in pairs):
        return None
    values = [v.strip() for k, v in pairs if k == cfg.header]
    if len(values) != 1:
        return None
    name = values[0]
    if not name or len(name) > MAX_NAME or not name.isprintable():
        return None
    return name
