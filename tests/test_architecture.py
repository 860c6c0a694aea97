"""The layering rules of ARCHITECTURE.md, read from the source: a broken rule fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ningxia_dash"
LAYOUT_FILES = [ROOT / "app.py", *sorted((ROOT / "screens").glob("*.py"))]
SQL = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]{0,200}\b(FROM|INTO|SET|WHERE)\b")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _strings(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


@pytest.mark.parametrize("path", LAYOUT_FILES, ids=lambda p: p.name)
def test_pages_are_layout_only(path: Path) -> None:
    imports = _imports(path)
    assert not any(m == "duckdb" or m.startswith("duckdb.") for m in imports), "duckdb imported in a page"
    assert "ningxia_dash.db" not in imports and "ningxia_dash.queries" not in imports
    assert not any(SQL.search(s) for s in _strings(path)), "SQL text in a page"


PACKAGE_FILES = sorted(p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts)


@pytest.mark.parametrize("path", PACKAGE_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_streamlit_only_in_ui(path: Path) -> None:
    assert not any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(path))


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_gateway_connects(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if path.name in ("db.py", "build.py"):  # build.py writes a fresh file before any gateway can open it
        return
    assert "duckdb.connect" not in text


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_sql_lives_in_queries_or_the_build(path: Path) -> None:
    # ingest/, accounts.py and settings.py write through db.writable_copy (and ingest reads reference rows):
    # their SQL stays beside them
    if path.name in ("queries.py", "db.py", "build.py", "accounts.py", "settings.py") or "ingest" in path.parts:
        return
    assert not any(SQL.search(s) for s in _strings(path)), f"SQL text in {path.name}"


def test_every_module_has_a_docstring() -> None:
    for path in [*PACKAGE.rglob("*.py"), *LAYOUT_FILES]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), path
