"""Dry-run diff: the validated rows of a file against the rows the database holds now → new / changed /
unchanged, the full rows a commit would write, and a signature that tells whether the database moved on
since the dry run (pandas only; current rows arrive through a Store)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ningxia_dash.ingest.collect import Checked
from ningxia_dash.ingest.kinds import KINDS, Kind
from ningxia_dash.ingest.messages import Issue
from ningxia_dash.ingest.refs import Refs, Store

# Key columns of every table an import writes (rollback reads them too): declared once, on each kind.
TABLE_KEYS: dict[str, tuple[str, ...]] = {k.table: k.key for k in KINDS.values()}
# What a full-row kind writes from the file (the rest of the row is provenance): declared on each kind.
VALUE_COLUMNS: dict[str, tuple[str, ...]] = {k.table: k.value_columns for k in KINDS.values() if not k.partial}
PROVENANCE = ("source_kind", "source_id", "batch_id")


@dataclass
class Diff:
    rows: pd.DataFrame  # per file row: row, status, key columns, old_<c> / new_<c> for compared columns
    write: pa.Table  # full table rows to write for new and changed rows (source_id / batch_id set at commit)
    compare: list[str]
    table_columns: list[str]
    warnings: list[Issue] = field(default_factory=list)
    plausibility: list[Issue] = field(default_factory=list)  # values far from their history or neighbours

    def count(self, status: str) -> int:
        return int((self.rows["status"] == status).sum())

    @property
    def changes(self) -> int:
        return self.count("new") + self.count("changed")

    def signature(self) -> str:
        """Fingerprint of what a commit would change and what it would replace."""
        shown = self.rows[self.rows["status"] != "unchanged"].astype(object)
        hashed = pd.util.hash_pandas_object(shown.where(shown.notna(), None).astype(str), index=True)
        return hashlib.sha256(hashed.to_numpy().tobytes() + ",".join(shown.columns).encode()).hexdigest()


def current_rows(store: Any, kind: Kind, typed: pd.DataFrame) -> pd.DataFrame:
    """Rows of the kind's table whose first key column matches the file (table names are constants)."""
    first = TABLE_KEYS[kind.table][0]
    wanted = sorted({str(v) for v in typed[first].dropna()})
    return store.df(f"SELECT * FROM {kind.table} WHERE {first} IN (SELECT unnest(?::VARCHAR[]))", [wanted])


def _same(a: pd.Series, b: pd.Series) -> pd.Series:
    """Element-wise equality where two missing values are equal (floats compare exactly)."""
    both_missing = a.isna().to_numpy() & b.isna().to_numpy()
    if pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b):
        equal = a.to_numpy(dtype="float64", na_value=np.nan) == b.to_numpy(dtype="float64", na_value=np.nan)
    else:
        equal = a.astype(object).to_numpy() == b.astype(object).to_numpy()
    return pd.Series(np.asarray(equal, dtype=bool) | both_missing, index=a.index)


def _clean(series: pd.Series) -> pd.Series:
    """Missing values as None and values as Python objects (key columns, so both sides merge alike)."""
    return series.astype(object).where(series.notna(), None)


def compute_diff(kind: Kind, checked: Checked, store: Store, refs: Refs) -> Diff:
    typed = checked.typed
    keys = list(TABLE_KEYS[kind.table])
    current = current_rows(store, kind, typed)
    plausible = kind.plausibility(typed, current, refs) if kind.plausibility else []
    table_columns = list(current.columns)
    incoming = pd.DataFrame(index=typed.index)
    for k in keys:
        incoming[k] = _clean(typed[k])
    if kind.partial:
        written = [c for c in checked.present if c in table_columns and c not in keys]
    else:
        written = list(kind.value_columns)
    for c in written:  # typed columns stay typed: a million rows of objects would not fit the memory budget
        incoming[c] = typed[c] if c in typed.columns else None
    compare = list(written)
    if "source_kind" in table_columns:
        incoming["source_kind"] = "official"
        compare.append("source_kind")

    cur = current.copy()
    for k in keys:
        cur[k] = _clean(cur[k])
    cur = cur.rename(columns={c: f"old_{c}" for c in cur.columns if c not in keys})
    cur["_exists"] = True
    merged = incoming.reset_index().merge(cur, on=keys, how="left").set_index("row")
    del incoming, cur
    exists = merged["_exists"].eq(True)
    if kind.partial:  # master data: a blank cell in a row that exists keeps the current value
        for c in written:
            keep = merged[c].isna() & exists
            if keep.any():
                merged[c] = merged[c].astype(object).where(~keep, merged[f"old_{c}"].astype(object))
    differs = np.zeros(len(merged), dtype=bool)
    for c in compare:
        differs |= ~_same(merged[c], merged[f"old_{c}"]).to_numpy()
    status = np.where(~exists.to_numpy(), "new", np.where(differs, "changed", "unchanged"))

    rows = pd.DataFrame({"row": merged.index, "status": status}, index=merged.index)
    for k in keys:
        rows[k] = merged[k]
    for c in compare:
        rows[f"old_{c}"] = merged[f"old_{c}"].where(exists)
        rows[f"new_{c}"] = merged[c]
    if "old_source_id" in merged.columns:
        rows["old_source_id"] = merged["old_source_id"].where(exists)

    # Full rows to write: the current row (partial kinds keep untouched columns) overlaid with the file's values.
    todo = merged[status != "unchanged"]
    write = pd.DataFrame(index=todo.index)
    for col in table_columns:
        if col in keys or col in written or col == "source_kind":
            write[col] = todo[col]
        elif kind.partial and f"old_{col}" in todo.columns:
            write[col] = todo[f"old_{col}"]
        else:
            write[col] = None
    del merged, todo
    if "period_type" in write.columns:
        write["period_type"] = write["period_type"].fillna("year")
        write["period_no"] = write["period_no"].fillna(0)
    if kind.partial:
        is_new = write.index.isin(rows.index[rows["status"] == "new"])
        if is_new.any():
            write = write.astype(object)
            if kind.fill_new is not None:  # what a new row needs beyond the file (English names, derived ids)
                filled = kind.fill_new(write[is_new], refs)
                write.loc[is_new, filled.columns] = filled
    warnings = _warnings(kind, rows)
    # Arrow holds a million rows compactly, and the commit hands it to DuckDB as it is.
    table = pa.Table.from_pandas(write.reset_index(drop=True), preserve_index=False)
    return Diff(rows, table, compare, table_columns, warnings, plausible)


def _warnings(kind: Kind, rows: pd.DataFrame) -> list[Issue]:
    if not kind.warn_replacing_public or "old_source_kind" not in rows.columns:
        return []
    hit = rows[(rows["status"] == "changed") & (rows["old_source_kind"] == "public")]
    return [
        Issue(
            "warn.replaces_public",
            int(r.row),
            None,
            "",
            {"old": r.old_value, "source": r.old_source_id},
            "warning",
        )
        for r in hit.itertuples()
    ]
