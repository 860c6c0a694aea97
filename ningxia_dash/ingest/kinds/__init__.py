"""The upload kinds, one module each (its columns, checks, new-row defaults, scopes, template sheets), gathered
into KINDS in the order the upload page lists them. Adding a kind: a module here with a `KIND`, its line in
`_MODULES`, and its row in docs/UPLOAD.md (tests/test_ingest_kinds.py checks both)."""

from __future__ import annotations

from ningxia_dash import config
from ningxia_dash.ingest.kinds import (
    indicator_notes,
    observations,
    park_metrics,
    parks,
    plans,
    targets,
    village_metrics,
    villages,
)
from ningxia_dash.ingest.kinds.base import Col, ColType, Kind
from ningxia_dash.ingest.kinds.targets import ATTRIBUTES, RULES
from ningxia_dash.ingest.kinds.villages import RELOCATION
from ningxia_dash.ingest.parse import header_key, header_map

_MODULES = (observations, indicator_notes, village_metrics, villages, park_metrics, parks, targets, plans)
KINDS: dict[str, Kind] = {m.KIND.id: m.KIND for m in _MODULES}
# Columns a new row must have (partial kinds), beyond the key.
NEW_ROW_REQUIRED: dict[str, tuple[str, ...]] = {k.id: k.new_row_required for k in KINDS.values() if k.partial}
HONOURED_SCOPES: dict[str, frozenset[str]] = {k.id: k.honoured_scopes for k in KINDS.values()}
ROLE_RANK = config.ROLE_RANK


def unhonoured_scope(kind_id: str, indicators: frozenset[str] | None, regions: frozenset[str] | None) -> str | None:
    """'indicators' or 'regions' when the account carries that limit and the kind cannot honour it, else None."""
    honoured = KINDS[kind_id].honoured_scopes
    for name, limit in (("indicators", indicators), ("regions", regions)):
        if limit is not None and name not in honoured:
            return name
    return None


def kinds_for_role(
    role: str, indicators: frozenset[str] | None = None, regions: frozenset[str] | None = None
) -> list[Kind]:
    """The kinds an account may import: its role is high enough and the kind honours every limit it carries."""
    rank = ROLE_RANK.get(role, -1)
    return [
        k for k in KINDS.values() if ROLE_RANK[k.role] <= rank and unhonoured_scope(k.id, indicators, regions) is None
    ]


__all__ = [
    "ATTRIBUTES",
    "HONOURED_SCOPES",
    "KINDS",
    "NEW_ROW_REQUIRED",
    "RELOCATION",
    "ROLE_RANK",
    "RULES",
    "Col",
    "ColType",
    "Kind",
    "header_key",
    "header_map",
    "kinds_for_role",
    "unhonoured_scope",
]
