"""Settings kept in the database's meta table (the presenter deck order), written like every other write: a
copy-on-write publish under the write lock."""

from __future__ import annotations

from pathlib import Path

from ningxia_dash.present import slides
from ningxia_dash.store.db import writable_copy


class SettingRefused(ValueError):
    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message)
        self.message, self.message_en = message, message_en


def set_present_deck(db_path: Path, order: list[str], username: str) -> list[str]:
    """Store the presenter deck's slides in this order (known slide ids, each once, at least one); returns it.
    The default order is stored as no setting at all, so a later change of the default reaches this database."""
    unknown = [s for s in order if s not in slides.SLIDES]
    if unknown:
        raise SettingRefused(f"未知的幻灯片：{'、'.join(unknown)}", f"unknown slides: {', '.join(unknown)}")
    chosen = list(dict.fromkeys(order))
    if not chosen:
        raise SettingRefused("至少要保留一页幻灯片。", "Keep at least one slide.")
    with writable_copy(db_path) as conn:
        conn.execute("DELETE FROM meta WHERE key = ?", [slides.META_KEY])
        if chosen != list(slides.DEFAULT_DECK):
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [slides.META_KEY, ",".join(chosen)])
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [f"{slides.META_KEY}.changed_by", username]
        )
    return chosen
