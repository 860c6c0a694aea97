"""The upload kinds as a registry: every module under ingest/kinds/ is one kind and is registered, and every kind
is documented in docs/UPLOAD.md with its table and role (datasette's "fails when something is not documented")."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from ningxia_dash.ingest import kinds
from ningxia_dash.ingest.kinds import KINDS

ROOT = Path(__file__).resolve().parent.parent
NOT_KINDS = {"base", "shared"}  # the declarations and what several kinds share


def _doc_rows() -> dict[str, tuple[str, str]]:
    """The table of docs/UPLOAD.md's "Kinds and templates" section: kind id → (table, who)."""
    text = (ROOT / "docs" / "UPLOAD.md").read_text(encoding="utf-8")
    section = text.split("## Kinds and templates", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[str, str]] = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*`([a-z_]+)`[^|]*\|\s*([a-z_]+)\s*\|[^|]*\|\s*([a-z]+)\s*\|\s*$", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


def test_every_kind_is_documented_with_its_table_and_role() -> None:
    rows = _doc_rows()
    assert rows, "the table of docs/UPLOAD.md's 'Kinds and templates' section was not found"
    assert {k: (kind.table, kind.role) for k, kind in KINDS.items()} == rows


def test_every_kind_module_is_registered() -> None:
    modules = {m.name for m in pkgutil.iter_modules(kinds.__path__)} - NOT_KINDS
    assert modules, "no kind modules found"
    for name in sorted(modules):
        module = importlib.import_module(f"ningxia_dash.ingest.kinds.{name}")
        assert module.KIND.id == name, f"kinds/{name}.py declares the kind {module.KIND.id}"
    assert set(KINDS) == modules


def test_no_kind_asks_for_what_it_does_not_have() -> None:
    """The per-kind declarations name real columns: new-row columns and value columns are the kind's own."""
    for kind in KINDS.values():
        names = {c.name for c in kind.cols}
        assert set(kind.new_row_required) <= names, kind.id
        assert set(kind.value_columns) <= names, kind.id
        assert kind.partial == (kind.value_columns == ()), kind.id  # a full-row kind says what it writes
        assert kind.fill_new is None or kind.partial, kind.id
