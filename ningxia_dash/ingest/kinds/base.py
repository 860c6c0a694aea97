"""What an upload kind is: its columns (Chinese header, aliases, type, help) and, on the Kind, everything that
differs from one kind to the next — table and key, the checks of a file, what a new row needs, which scopes it
honours, what it writes, the code sheets of its template (pure Python; each kind is one module beside this one)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

    from ningxia_dash.ingest.messages import Issue
    from ningxia_dash.ingest.refs import Refs
    from ningxia_dash.ingest.validate import Validator

ColType = Literal["code", "text", "number", "int", "year", "bool", "enum", "period", "date"]


@dataclass(frozen=True)
class Col:
    name: str  # canonical name: the table's column, or a virtual one (period, unit, *_name); the English header
    zh: str  # the template's header
    type: ColType
    required: bool = False  # the column must be in the file
    help_zh: str = ""
    help_en: str = ""
    example: str = ""
    aliases: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()  # stored value → accepted spellings (enum)
    max_len: int | None = None
    info_only: bool = False  # read and cross-checked, never written (e.g. 指标名称 beside 指标代码)


@dataclass(frozen=True)
class Kind:
    id: str
    zh: str
    en: str
    table: str
    key: tuple[str, ...]  # key columns in the table
    cols: tuple[Col, ...]
    check: Callable[[Validator], None]  # every check of a file of this kind, written against validate.Validator
    role: str = "officer"  # the least role that may import it
    partial: bool = False  # columns absent from the file keep their current values (updates of master data)
    entity_zh: str = "记录"
    entity_en: str = "record"
    help_zh: str = ""
    help_en: str = ""
    # The account scopes the kind can honour (docs/UPLOAD.md, "Scopes"); an account limited by another may not
    # import the kind at all.
    honoured_scopes: frozenset[str] = frozenset()
    new_row_required: tuple[str, ...] = ()  # partial kinds: the columns a new row must have, beyond the key
    value_columns: tuple[str, ...] = ()  # full-row kinds: what a row writes from the file (the rest is provenance)
    fill_new: Callable[[pd.DataFrame, Refs], pd.DataFrame] | None = None  # defaults of a new row (partial kinds)
    # Warnings about plausible-but-odd values, given the typed file, the stored rows and the reference data.
    plausibility: Callable[[pd.DataFrame, pd.DataFrame, Refs], list[Issue]] | None = None
    warn_replacing_public: bool = False  # a changed row that replaces a public value gets a warning
    ref_sheets: tuple[str, ...] = ()  # the code sheets of its xlsx template (names in templates.REF_SHEETS)

    def col(self, name: str) -> Col:
        return next(c for c in self.cols if c.name == name)

    @property
    def required(self) -> list[Col]:
        return [c for c in self.cols if c.required]
