"""The layering rules of docs/ARCHITECTURE.md, read from the source: a broken rule fails here."""

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
    assert "ningxia_dash.store.db" not in imports and "ningxia_dash.store.queries" not in imports
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


# ---------------------------------------------------------------- imports between the package's parts
# What each part of ningxia_dash may import from the package (a part: a top-level module, or a subpackage — ingest/,
# brief/, ui/). This table, not prose in module docstrings, is the rule: a part missing here fails, and so does an
# import the row does not list — extend the row on purpose. ui/ is the edge and may import any part; no part
# imports ui/.
ANY = {"*"}
ALLOWED_IMPORTS: dict[str, set[str]] = {
    # foundations: the standard library and third-party packages only
    "__init__": set(),
    "config": set(),
    "i18n": set(),
    "style": set(),
    "plan_text": set(),
    "plan": {"i18n"},  # a plans-table row as a typed Plan
    "safe_text": set(),
    "export": set(),
    "params": set(),
    "proxy_auth": set(),
    "signin": set(),
    "catalogue": {"config", "tracking"},  # the metadata seeds (metric catalogue, reference series)
    "rollup": set(),  # how region figures add up (pure)
    # the store (db, queries, schema, build, sample data): its modules' own rows are STORE_IMPORTS below
    "store": {"catalogue", "config", "plan_text", "rollup"},
    "accounts": {"config", "store"},
    "backup": {"config", "store", "signin"},
    # the presenter deck as data and its stored order
    "present": {"store"},
    # judging targets and what the tracking screens show (pure): its modules' own rows are TRACKING_IMPORTS below
    "tracking": {"config", "html_bars", "i18n", "labels", "plan", "rollup", "safe_text", "style", "views"},
    # what the screens show (pure)
    "views": {"i18n", "labels", "safe_text"},
    "labels": {"i18n", "plan_text", "style"},
    "gauge_svg": {"i18n", "safe_text", "style", "tracking"},
    "html_table": {"safe_text"},
    # the place screens' logic, charts, decks, legends and geometry (places/); tracking: the status engine
    "places": {"catalogue", "config", "i18n", "labels", "safe_text", "style", "tracking", "views"},
    "html_bars": {"i18n", "labels", "safe_text", "views"},
    # uploads, documents, entry points
    "ingest": {"accounts", "config", "export", "i18n", "plan_text", "signin", "store"},
    "brief": {
        "config",
        "export",
        "i18n",
        "places",
        "plan",
        "safe_text",
        "store",
        "style",
        "tracking",
        "labels",
        "views",
    },
    "__main__": {"backup", "brief", "config", "ingest", "store"},
    "ui": ANY,
}

# Within tracking/: what each module may import — siblings by name, other parts as in ALLOWED_IMPORTS. The status
# vocabulary stays a foundation (it imports nothing), its rules, the verdicts and the pace lean on it only, and the
# screen-side modules (overview, targets, gauges, detail, evaluation, charts, continuity) read the engine, never the
# reverse.
TRACKING_IMPORTS: dict[str, set[str]] = {
    "__init__": set(),
    "status": set(),
    "rules": {"status"},
    "verdicts": {"status"},
    "pace": {"status", "i18n"},
    "assess": {"config", "i18n", "pace", "rules", "status", "verdicts"},
    "targets": {"i18n", "labels", "views"},
    "overview": {"i18n", "labels", "style", "targets", "views"},
    "gauges": {"i18n", "labels", "safe_text"},
    "evaluation": {"i18n", "labels", "style", "views"},
    "detail": {"assess", "config", "i18n", "labels", "pace", "rollup", "safe_text", "views"},
    "continuity": {"assess", "evaluation", "i18n", "labels", "pace", "plan", "status"},
    "charts": {"continuity", "gauges", "html_bars", "i18n", "labels", "safe_text", "style"},
}


def _package_imports(path: Path) -> set[str]:
    """Modules of the package a file imports at run time (what `if TYPE_CHECKING:` imports for annotations is
    left out); `from ningxia_dash.ui import data` counts as ningxia_dash.ui.data."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(n)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
        for stmt in block.body
        for n in ast.walk(stmt)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("ningxia_dash")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ningxia_dash"):
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _part(module: str) -> str | None:
    """'ningxia_dash.ui.chrome' → 'ui', 'ningxia_dash.tracking.status' → 'tracking'; None outside the package."""
    parts = module.split(".")
    return parts[1] if parts[0] == "ningxia_dash" and len(parts) > 1 else None


def test_imports_between_parts_follow_the_table() -> None:
    parts = {p.relative_to(PACKAGE).with_suffix("").parts[0] for p in PACKAGE.rglob("*.py")}
    assert sorted(parts - set(ALLOWED_IMPORTS)) == [], "a new part of the package: give it a row in ALLOWED_IMPORTS"
    wrong: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = path.relative_to(PACKAGE).with_suffix("").parts[0]
        allowed = ALLOWED_IMPORTS[own]
        for module in sorted(_package_imports(path)):
            target = _part(module)
            if target is None or target == own or allowed == ANY:
                continue
            if target == "ui":
                wrong.append(f"{path.relative_to(ROOT)} imports {module}: only ui/ may import ui/")
            elif target not in allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}: not in ALLOWED_IMPORTS[{own!r}]")
    assert wrong == []


# Within store/: the gateway is the foundation; queries read through it, the sample generators know nothing of it,
# and the build puts the seeds and the samples into a new file.
STORE_IMPORTS: dict[str, set[str]] = {
    "__init__": set(),
    "db": {"config"},
    "queries": {"db"},
    "demo": {"catalogue", "rollup"},
    "demo_regions": {"config", "demo", "rollup"},
    "seeds": {"config", "plan_text"},
    "figures": {"config", "demo", "seeds"},
    "build": {"catalogue", "config", "db", "demo", "demo_regions", "figures", "seeds"},
}
INNER_IMPORTS = {"tracking": TRACKING_IMPORTS, "store": STORE_IMPORTS}


@pytest.mark.parametrize("package", sorted(INNER_IMPORTS))
def test_imports_within_a_package_follow_its_table(package: str) -> None:
    table = INNER_IMPORTS[package]
    modules = {p.stem for p in (PACKAGE / package).glob("*.py")}
    assert sorted(modules ^ set(table)) == [], f"a new module of {package}/: give it a row"
    wrong: list[str] = []
    for path in sorted((PACKAGE / package).glob("*.py")):
        for module in sorted(_package_imports(path)):
            parts = module.split(".")
            target = parts[2] if parts[1] == package and len(parts) > 2 else parts[1]
            if target != path.stem and target not in table[path.stem]:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}: not in {package} table [{path.stem!r}]")
    assert wrong == []


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of the graph, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for nxt in sorted(graph.get(node, ())):
            if found := visit(nxt, [*path, node]):
                return found
        done.add(node)
        return None

    for start in sorted(graph):
        if found := visit(start, []):
            return found
    return None


def test_no_import_circles_between_modules() -> None:
    """No module imports one that imports it back, directly or around a circle (chrome ↔ nav was one: the frame is
    ui/frame.py, which imports neither)."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in files.items():
        targets = set()
        for module in _package_imports(path):
            # `from ningxia_dash.ui import data` names a module; `from ningxia_dash.tracking.rules import assess` a name in one
            targets.add(module if module in files else module.rsplit(".", 1)[0])
        graph[name] = {t for t in targets if t in files and t != name}
    assert _cycle(graph) is None
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]  # the check can find one


# ---------------------------------------------------------------- one status vocabulary
STATUS_WORDS = {"achieved", "on_track", "lagging", "off_track", "no_data"}
VERDICT_WORDS = {"met", "basically_met", "not_met", "cannot_assess"}
ORDER_COPIES_LEFT: set[str] = set()  # functions still holding their own copy: none


def test_the_display_order_is_written_once() -> None:
    """Every status (or verdict) id written out in order lives in style.py; elsewhere the order is imported."""
    copies: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("style.py", "i18n.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        owners = {id(n): f.name for f in ast.walk(tree) if isinstance(f, ast.FunctionDef) for n in ast.walk(f)}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Tuple, ast.List)):
                words = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                if (words >= STATUS_WORDS or words >= VERDICT_WORDS) and owners.get(id(node)) not in ORDER_COPIES_LEFT:
                    copies.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert copies == []
