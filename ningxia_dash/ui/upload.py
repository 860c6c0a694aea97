"""Streamlit glue for the upload, history and user pages: the dry run kept per session, commit and rollback
followed by a cache clear, account changes with bilingual messages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import streamlit as st

from ningxia_dash import accounts, ingest, signin
from ningxia_dash.accounts import User
from ningxia_dash.i18n import Lang, t
from ningxia_dash.ingest.grid import human_size
from ningxia_dash.ingest.limits import MAX_BYTES, MB
from ningxia_dash.ingest.templates import template, template_name
from ningxia_dash.safe_text import md, md_block
from ningxia_dash.store.db import DatabaseBusyError, DatabaseLockedError
from ningxia_dash.ui import auth, data

PREVIEW_KEY = "upload_preview"
DONE_KEY = "upload_done"
UPLOADER_ROUND = "upload_round"  # bumped after a commit so the file picker starts empty
DELIMITERS = {
    ",": "upload.delim.comma",
    "\t": "upload.delim.tab",
    ";": "upload.delim.semicolon",
    "|": "upload.delim.pipe",
}
DIFF_SHOWN = 500
PLAUSIBILITY_SHOWN = 30  # warning lines listed on the page (the CLI prints every one)


@dataclass(frozen=True)
class Outcome:
    """What an action did. `message` is Markdown for st.success / st.error: any user text in it (a user name, a
    file name or a cell quoted by an error) is already escaped."""

    ok: bool
    message: str


def scope_of(user: User) -> ingest.Scope:
    return ingest.Scope(user.username, user.role, user.scope_indicators, user.scope_regions)


def kinds_for(user: User) -> list[ingest.Kind]:
    return ingest.kinds_for_role(user.role, user.scope_indicators, user.scope_regions)


def kind_label(kind_id: str, lang: Lang) -> str:
    k = ingest.KINDS[kind_id]
    return k.zh if lang == "zh" else k.en


def kind_help(kind_id: str, lang: Lang) -> str:
    k = ingest.KINDS[kind_id]
    return k.help_zh if lang == "zh" else k.help_en


def scope_names(version: str) -> tuple[dict[str, str], dict[str, str]]:
    """(indicator id → name, region code → name), for showing scopes as names."""
    refs = data.ingest_refs(version)
    return (
        {k: v["name_zh"] for k, v in refs.indicators.items()},
        {k: v["name_zh"] for k, v in refs.regions.items()},
    )


def scope_text(user: User, lang: Lang, version: str) -> str | None:
    if user.scope_indicators is None and user.scope_regions is None:
        return None
    every = t("upload.scope_all", lang)
    indicator_names, region_names = scope_names(version)
    return t(
        "upload.scope",
        lang,
        indicators=accounts.scope_label(user.scope_indicators, indicator_names, every),
        regions=accounts.scope_label(user.scope_regions, region_names, every),
    )


def template_file(kind_id: str, fmt: str, version: str) -> tuple[bytes, str]:
    refs = data.ingest_refs(version) if fmt == "xlsx" else None
    return template(kind_id, fmt, refs), template_name(kind_id, fmt)


UPLOAD_TYPES = ("csv", "txt", "tsv", "xlsx", "xls")
UPLOAD_MB = MAX_BYTES // MB


def uploader_text_css(lang: Lang) -> str:
    """st.file_uploader draws its button ("Upload") and hint ("20MB per file • CSV …") in English and takes no
    text for them (streamlit#13500). In Chinese this style hides those words and shows ours from the translation
    table instead. It targets Streamlit's test ids, so tests/test_browser_upload.py checks it in Chromium."""
    if lang == "en":
        return ""
    button = t("upload.widget.button", lang).replace('"', "")
    hint = t("upload.widget.hint", lang, mb=UPLOAD_MB, types="、".join(x.upper() for x in UPLOAD_TYPES)).replace(
        '"', ""
    )
    zone = '[data-testid="stFileUploaderDropzone"]'
    hidden = "font-size:0;line-height:0"
    return (
        "<style>"
        f"{zone} button [data-testid='stMarkdownContainer'] p{{{hidden}}}"
        f'{zone} button [data-testid="stMarkdownContainer"] p::after{{content:"{button}";font-size:.875rem;'
        "line-height:1.6}"
        f'[data-testid="stFileUploaderDropzoneInstructions"] span{{{hidden}}}'
        f'[data-testid="stFileUploaderDropzoneInstructions"] span::after{{content:"{hint}";font-size:.8rem;'
        "line-height:1.4}"
        "</style>"
    )


def uploader_key() -> str:
    return f"upload_file_{st.session_state.get(UPLOADER_ROUND, 0)}"


def preview_for(content: bytes, file_name: str, kind_id: str, user: User, version: str) -> ingest.Preview:
    """The dry run of this file for this kind, user and data version (computed once, kept in the session)."""
    token = (hashlib.sha256(content).hexdigest(), file_name, kind_id, user.username, version)
    kept = st.session_state.get(PREVIEW_KEY)
    if kept and kept[0] == token:
        return kept[1]  # type: ignore[no-any-return]
    preview = ingest.dry_run(content, file_name, kind_id, scope_of(user), data.database(), max_bytes=UPLOAD_MB * MB)
    st.session_state[PREVIEW_KEY] = (token, preview)
    return preview


def read_facts(preview: ingest.Preview, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) pairs saying how the file was read: format, encoding, delimiter, sheet, header row, size."""
    facts = [(t("upload.detected.format", lang), (preview.fmt or "—").upper())]
    if preview.encoding:
        facts.append((t("upload.detected.encoding", lang), preview.encoding))
    if preview.delimiter:
        facts.append((t("upload.detected.delimiter", lang), t(DELIMITERS[preview.delimiter], lang)))
    if preview.sheet:
        facts.append((t("upload.detected.sheet", lang), preview.sheet))
    if preview.header_row:
        facts.append((t("upload.detected.header", lang), str(preview.header_row)))
    facts.append((t("upload.detected.size", lang), human_size(preview.size)))
    return facts


def facts_line(preview: ingest.Preview, lang: Lang) -> str:
    """'格式：CSV · 编码：GBK …' / 'Format: CSV · Encoding: GBK …' (plain text: the sheet name is the file's)."""
    colon, sep = ("：", " · ") if lang == "zh" else (": ", " · ")
    return sep.join(f"{label}{colon}{value}" for label, value in read_facts(preview, lang))


def summary_keys(preview: ingest.Preview) -> tuple[str, ...]:
    """The counts shown above the table: how an accepted file splits, or how many rows are fine and how many not."""
    if preview.errors:
        return ("rows", "ok", "rejected")
    return ("rows", "new", "changed", "unchanged", "rejected")


def rejected_text(preview: ingest.Preview, lang: Lang) -> str:
    if preview.truncated:
        return t("upload.rejected_many", lang, n=preview.error_count)
    if preview.error_count == 1:
        return t("upload.rejected_one", lang)
    return t("upload.rejected", lang, n=preview.error_count)


def plausibility_text(preview: ingest.Preview, lang: Lang) -> str | None:
    """Markdown for the st.warning block: what the warnings mean, then one line per value (row, column, the
    history beside the new value). The column is the file's header, so every line is escaped."""
    if not preview.plausibility:
        return None
    lines = [md(i.message(preview.file_name, lang)) for i in preview.plausibility[:PLAUSIBILITY_SHOWN]]
    if len(preview.plausibility) > PLAUSIBILITY_SHOWN:
        lines.append(t("upload.plausibility_more", lang, n=len(preview.plausibility) - PLAUSIBILITY_SHOWN))
    rows = len({i.row for i in preview.plausibility})
    head = t("upload.plausibility_one", lang) if rows == 1 else t("upload.plausibility", lang, n=rows)
    return head + "\n\n" + "\n".join(f"- {line}" for line in lines)


def commit(preview: ingest.Preview, user: User, lang: Lang) -> Outcome:
    """Commit a dry run; on success clear every cached table and forget the preview."""
    try:
        info = ingest.commit(preview, scope_of(user), data.database().path, wait_seconds=10.0)
    except ingest.NothingToImport:
        return Outcome(False, t("upload.nothing", lang))
    except ingest.ImportRejected as exc:
        return Outcome(False, rejected_text(exc.preview, lang))
    except ingest.CommitError as exc:
        return Outcome(False, md_block(exc.message if lang == "zh" else exc.message_en))
    except DatabaseBusyError:
        return Outcome(False, t("upload.busy", lang))
    except DatabaseLockedError as exc:
        return Outcome(False, md_block(str(exc)))
    data.clear()
    st.session_state.pop(PREVIEW_KEY, None)
    st.session_state[UPLOADER_ROUND] = st.session_state.get(UPLOADER_ROUND, 0) + 1
    message = t("upload.done", lang, id=info.id, new=info.rows_new, changed=info.rows_changed)
    st.session_state[DONE_KEY] = message
    return Outcome(True, message)


def rollback(batch_id: int, user: User, lang: Lang) -> Outcome:
    try:
        info = ingest.rollback(batch_id, user.username, data.database().path)
    except ingest.RollbackRefused as exc:
        return Outcome(False, md_block(exc.message if lang == "zh" else exc.message_en))
    except DatabaseBusyError:
        return Outcome(False, t("upload.busy", lang))
    data.clear()
    return Outcome(True, t("history.rolled", lang, id=batch_id, restored=info.rows_restored, removed=info.rows_removed))


def save_deck(order: list[str], user: User, lang: Lang) -> Outcome:
    """The admin's presenter deck order, stored in the database (settings.set_present_deck)."""
    from ningxia_dash.present import settings

    try:
        chosen = settings.set_present_deck(data.database().path, order, user.username)
    except settings.SettingRefused as exc:
        return Outcome(False, md_block(exc.message if lang == "zh" else exc.message_en))
    except DatabaseBusyError:
        return Outcome(False, t("upload.busy", lang))
    return Outcome(True, t("admin.deck_saved", lang, n=len(chosen)))


def users_table(users: list[User], lang: Lang, version: str) -> pd.DataFrame:
    """The accounts as the admin reads them: scopes as names with their codes in brackets, never hashes."""
    every = t("upload.scope_all", lang)
    indicator_names, region_names = scope_names(version)
    return pd.DataFrame(
        {
            t("admin.col.user", lang): [u.username for u in users],
            t("admin.col.role", lang): [t(f"role.{u.role}", lang) for u in users],
            t("admin.col.scope_indicators", lang): [
                accounts.scope_label(u.scope_indicators, indicator_names, every) for u in users
            ],
            t("admin.col.scope_regions", lang): [
                accounts.scope_label(u.scope_regions, region_names, every) for u in users
            ],
            t("admin.col.created", lang): [f"{u.created_at:%Y-%m-%d %H:%M}" if u.created_at else "" for u in users],
            t("admin.col.state", lang): [t("admin.disabled" if u.disabled else "admin.active", lang) for u in users],
        }
    )


def failures_table(rows: list[signin.Failures], lang: Lang) -> pd.DataFrame:
    """Recent failed sign-ins (account as typed, address, count, latest, wait left) for the admin page."""
    return pd.DataFrame(
        {
            t("admin.failures.col.account", lang): [r.account for r in rows],
            t("admin.failures.col.address", lang): [r.address for r in rows],
            t("admin.failures.col.count", lang): [r.count for r in rows],
            t("admin.failures.col.last", lang): [
                datetime.fromtimestamp(r.last).strftime("%Y-%m-%d %H:%M:%S") for r in rows
            ],
            t("admin.failures.col.wait", lang): [r.wait for r in rows],
        }
    )


def unlock(account: str, lang: Lang) -> Outcome:
    """An admin clears every failed sign-in of the account (all addresses)."""
    n = auth.signin_log().unlock(account, auth.clock())
    return Outcome(True, t("admin.unlocked", lang, user=account, n=n))


def account_action(lang: Lang, action: str, **kwargs: object) -> Outcome:
    """Run one accounts.* change ('add', 'password', 'update'); errors come back as messages."""
    path = data.database().path
    try:
        if action == "add":
            accounts.add_user(path, **kwargs)  # type: ignore[arg-type]
            return Outcome(True, t("admin.created", lang, user=md(kwargs["username"])))
        if action == "password":
            accounts.set_password(path, **kwargs)  # type: ignore[arg-type]
            return Outcome(True, t("admin.password_set", lang, user=md(kwargs["username"])))
        accounts.update_user(path, **kwargs)  # type: ignore[arg-type]
        said = "admin.state_changed" if "disabled" in kwargs else "admin.saved"
        return Outcome(True, t(said, lang, user=md(kwargs["username"])))
    except accounts.AccountError as exc:
        return Outcome(False, md_block(exc.message if lang == "zh" else exc.message_en))
    except DatabaseBusyError:
        return Outcome(False, t("upload.busy", lang))
