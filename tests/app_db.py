"""Pointing the app at another database file for a while (AppTest and a served app read $NINGXIA_DB on every run).

One helper instead of a hand-written swap per fixture: it restores the previous address afterwards (or removes the
variable when there was none), and forgets the shared handle of the file it pointed at — never that of the
database it restores, which other tests still use (the session database's `db` fixture holds it open)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ningxia_dash.store.db import forget_database


@contextmanager
def app_database(path: Path, forget: bool = True) -> Iterator[Path]:
    """$NINGXIA_DB = `path` inside the block; `forget`: close `path`'s shared handles before and after (a copy
    written by this test), False for the session database itself."""
    if forget:
        forget_database(path)
    previous = os.environ.get("NINGXIA_DB")
    os.environ["NINGXIA_DB"] = str(path)
    try:
        yield path
    finally:
        if previous is None:
            os.environ.pop("NINGXIA_DB", None)
        else:
            os.environ["NINGXIA_DB"] = previous
        if forget:
            forget_database(path)
