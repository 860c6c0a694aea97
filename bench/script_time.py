"""Script time per page under AppTest: cold (caches cleared, connection reopened) and warm (reruns), for every page
of the navigation registry (imports streamlit's testing API and the app's ui package)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from bench.common import APP, median, ms


def pages() -> list[dict[str, str]]:
    """Every page of ui.nav.REGISTRY, in sidebar order: never a hard-coded list."""
    from ningxia_dash.ui.nav import DEFAULT_PAGE, REGISTRY

    return [
        {"key": key, "path": path, "url_path": "" if key == DEFAULT_PAGE else key}
        for _, entries in REGISTRY
        for path, key in entries
    ]


def _clear(db: Path) -> None:
    import streamlit as st

    from ningxia_dash.store.db import forget_database

    st.cache_data.clear()
    st.cache_resource.clear()
    forget_database(db)


def _errors(at: Any) -> list[str]:
    return [str(e.value)[:300] for e in at.exception]


def _measure_page(at: Any, page: dict[str, str], db: Path, warm_runs: int) -> dict[str, Any]:
    _clear(db)
    at.switch_page(page["path"])
    t0 = time.perf_counter()
    at.run()
    cold = time.perf_counter() - t0
    errors = _errors(at)
    warm = []
    for _ in range(warm_runs):
        t0 = time.perf_counter()
        at.run()
        warm.append(ms(time.perf_counter() - t0))
        errors += _errors(at)
    return {
        "page": page["key"],
        "path": page["path"],
        "cold_ms": ms(cold),
        "warm_median_ms": median(warm),
        "warm_max_ms": max(warm) if warm else None,
        "warm_ms": warm,
        "errors": sorted(set(errors)),
    }


def measure(db: Path, warm_runs: int, lang: str = "zh") -> dict[str, Any]:
    """One session, opened on the default page, visits every page in turn: caches cleared and the connection
    closed, then the page's first run (cold) and `warm_runs` reruns (warm, median reported). AppTest's own overhead
    (compiling the scripts on every run, building the element tree) is included, so these are upper bounds of the
    server's script time."""
    from streamlit.testing.v1 import AppTest

    previous = os.environ.get("NINGXIA_DB")
    os.environ["NINGXIA_DB"] = str(db)
    rows = []
    try:
        at = AppTest.from_file(str(APP), default_timeout=300)
        at.query_params["lang"] = lang
        at.run()
        for page in pages():
            try:
                rows.append(_measure_page(at, page, db, warm_runs))
            except Exception as exc:  # a page that cannot even be reached is a result, not a crash of the run
                rows.append(
                    {
                        "page": page["key"],
                        "path": page["path"],
                        "cold_ms": None,
                        "warm_median_ms": None,
                        "warm_max_ms": None,
                        "warm_ms": [],
                        "errors": [f"{type(exc).__name__}: {exc}"[:300]],
                    }
                )
    finally:
        _clear(db)
        if previous is None:
            os.environ.pop("NINGXIA_DB", None)
        else:
            os.environ["NINGXIA_DB"] = previous
    return {"db": str(db), "lang": lang, "warm_runs": warm_runs, "pages": rows}
