"""Table downloads that open cleanly in Excel: CSV as UTF-8 with BOM, xlsx, formulas neutralised (pure).

Every spreadsheet the app or the CLI hands out — the screens' CSV/xlsx downloads (ui.chrome.download_buttons),
the upload templates (ingest.templates) — passes its cells through `neutralise` here, headers included: text that
starts with = + - @ TAB or CR (the OWASP CSV-injection rule) gets a leading apostrophe, so a name or a note can
never become a live formula. Numbers stay numbers (only text cells are touched)."""

from __future__ import annotations

import io
from collections.abc import Iterable

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that Excel would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def neutralise_row(values: Iterable[object]) -> list[object]:
    """A row (or header) for csv.writer or openpyxl's append, every text cell neutralised."""
    return [neutralise(v) for v in values]


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose header and text cells are neutralised (numeric, boolean and date columns are left alone)."""
    out = df.copy()
    out.columns = pd.Index(neutralise_row(out.columns))
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        kind = col.dtype
        if pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind):
            continue
        out.isetitem(i, col.astype(object).map(neutralise))
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    # CRLF rows, as Excel writes them: a CR inside a cell is then quoted too (with "\n" rows pandas leaves it bare)
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe_frame(df).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buf.getvalue()
