"""The import pipeline the page and the CLI share: decode → parse → validate → diff (the dry run), then commit
(re-checked inside the write lock)."""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import gc
import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ningxia_dash.ingest import plausibility
from ningxia_dash.ingest.decode import read_grid, sniff_format
from ningxia_dash.ingest.diff import Diff, compute_diff
from ningxia_dash.ingest.grid import DecodeError, Grid
from ningxia_dash.ingest.kinds import KINDS, ROLE_RANK, Kind, unhonoured_scope
from ningxia_dash.ingest.limits import MAX_BYTES, MAX_ERRORS
from ningxia_dash.ingest.messages import Issue
from ningxia_dash.ingest.parse import Parsed, ParseError, find_header, parse_grid, sheet_score
from ningxia_dash.ingest.refs import ConnStore, Store, load_refs
from ningxia_dash.ingest.validate import Scope, validate
from ningxia_dash.ingest.write import BatchInfo, CommitError, record_batch
from ningxia_dash.store.db import Database, writable_copy

ROLE_LABEL = {"viewer": ("浏览者", "viewer"), "officer": ("科室上传员", "officer"), "admin": ("管理员", "admin")}


@dataclass
class Preview:
    """The dry run of one file: how it was read, every issue, and the diff a commit would apply."""

    kind: Kind
    file_name: str
    size: int
    sha256: str
    fmt: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    header_row: int | None = None
    rows: int = 0
    parsed: Parsed | None = None
    diff: Diff | None = None
    issues: list[Issue] = field(default_factory=list)
    scope: Scope | None = None
    base: tuple[int, int, int] | None = None  # the database file the dry run read (inode, device, mtime)
    # Values far from their own history or the other counties (ingest/plausibility.py): warnings kept apart from
    # `issues`, never errors; a commit past them records that they were seen.
    plausibility: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def error_count(self) -> int:
        """Errors listed (without the "其余略" line); with `truncated`, more were found."""
        return sum(1 for i in self.errors if i.code != "file.more_errors")

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def accepted(self) -> bool:
        return not self.errors and self.diff is not None

    @property
    def rejected_rows(self) -> int:
        rows = {i.row for i in self.errors if i.row is not None and i.row != self.header_row}
        return len(rows) if rows else (self.rows if self.errors else 0)

    @property
    def truncated(self) -> bool:
        """More errors were found than are listed (MAX_ERRORS)."""
        return any(i.code == "file.more_errors" for i in self.issues)

    @property
    def changes(self) -> int:
        return self.diff.changes if self.diff is not None else 0

    def counts(self) -> dict[str, int]:
        """Data rows, and how they split: new / changed / unchanged when the file is accepted; rows without errors
        ("ok") and rejected rows either way (ok + rejected = rows, so no row goes uncounted)."""
        d = self.diff
        rejected = min(self.rejected_rows, self.rows) if self.parsed is not None else self.rejected_rows
        return {
            "rows": self.rows,
            "new": d.count("new") if d is not None else 0,
            "changed": d.count("changed") if d is not None else 0,
            "unchanged": d.count("unchanged") if d is not None else 0,
            "ok": max(self.rows - rejected, 0),
            "rejected": rejected,
        }


class ImportRejected(Exception):
    def __init__(self, preview: Preview) -> None:
        n = len(preview.errors)
        super().__init__(f"{n} error" if n == 1 else f"{n} errors")
        self.preview = preview


class NothingToImport(Exception):
    """Every row equals what the database holds already: nothing is written and no batch is recorded."""


def release_memory() -> None:
    """Hand freed heap back to the operating system (glibc keeps it otherwise): a million-row file then stays
    inside the 1 GB budget through validation and commit. A no-op where glibc is absent."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """Which file is at path now: every publish (os.replace) brings a new inode."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_dev, st.st_mtime_ns)


def clean_file_name(name: str) -> str:
    """Only the last path component, trimmed (a file name never carries a path into the database)."""
    base = PurePath(name.replace("\\", "/")).name.strip() or "upload"
    return base[:200]


def scope_allows(scope: Scope, kind: Kind) -> bool:
    return ROLE_RANK.get(scope.role, -1) >= ROLE_RANK[kind.role]


def scope_refusal(scope: Scope, kind: Kind, store: Store) -> Issue | None:
    """A file-level refusal when the account is limited (to some indicators or regions) in a way this kind cannot
    honour, e.g. an indicator-scoped officer and village data, or any scoped account and targets or plans."""
    which = unhonoured_scope(kind.id, scope.indicators, scope.regions)
    if which is None:
        return None
    refs = load_refs(store)
    if which == "indicators":
        items, names, what = scope.indicators, refs.indicators, ("指标", "indicators")
    else:
        items, names, what = scope.regions, refs.regions, ("地区", "regions")
    shown = "、".join(f"{names[c]['name_zh']}（{c}）" if c in names else c for c in sorted(items or ()))
    return Issue("file.scope_kind", params={"what": what, "scope": shown, "kind": (kind.zh, kind.en)})


def dry_run(
    content: bytes,
    file_name: str,
    kind_id: str,
    scope: Scope,
    store: Store,
    max_bytes: int = MAX_BYTES,
) -> Preview:
    """Read, validate and diff a file against the database without writing anything."""
    kind = KINDS[kind_id]
    preview = Preview(kind, clean_file_name(file_name), len(content), hashlib.sha256(content).hexdigest())
    preview.scope = scope
    path = getattr(store, "path", None)
    preview.base = file_stamp(path) if isinstance(path, Path) else None  # taken before reading: errs on re-checking
    if not scope_allows(scope, kind):
        preview.issues.append(
            Issue(
                "file.not_allowed",
                params={
                    "role": ROLE_LABEL.get(scope.role, (scope.role, scope.role)),
                    "kind": (kind.zh, kind.en),
                    "needed": ROLE_LABEL[kind.role],
                },
            )
        )
        return preview
    if refusal := scope_refusal(scope, kind, store):
        preview.issues.append(refusal)
        return preview
    preview.fmt = sniff_format(content) if content else None  # shown even when the file cannot be read
    try:
        grid: Grid = read_grid(content, lambda rows: sheet_score(kind, rows), max_bytes, file_name)
    except DecodeError as exc:
        preview.issues.append(_name_column(kind, exc))
        return preview
    preview.fmt, preview.encoding, preview.delimiter, preview.sheet = (
        grid.fmt,
        grid.encoding,
        grid.delimiter,
        grid.sheet,
    )
    try:
        parsed = parse_grid(kind, grid.rows)
    except ParseError as exc:
        preview.issues.extend(exc.issues)
        return preview
    finally:
        del grid  # the raw grid is the largest structure of a big file: free it before validating
        release_memory()
    preview.parsed, preview.header_row, preview.rows = parsed, parsed.header_row, len(parsed.raw)
    refs = load_refs(store)
    checked = validate(kind, parsed, refs, scope)
    preview.issues.extend(cap_errors(parsed.issues + checked.issues))
    if preview.errors:
        return preview
    preview.diff = compute_diff(kind, checked, store, refs)
    del checked
    release_memory()
    preview.issues.extend(preview.diff.warnings)
    column = parsed.headers.get("value") or "数值"
    preview.plausibility = [dataclasses.replace(i, column=column) for i in preview.diff.plausibility]
    preview.issues.sort(key=lambda i: (i.row or 0, i.severity != "error"))
    return preview


def _name_column(kind: Kind, exc: DecodeError) -> Issue:
    """A CSV broken at some cell (a stray quote) knows the column's position; name it as the file's header does."""
    issue = exc.issue
    j = issue.params.get("col_index")
    if not isinstance(j, int):
        return issue
    h = find_header(kind, exc.rows)
    header = exc.rows[h] if 0 <= h < (issue.row or 0) - 1 else []
    name = header[j].strip() if j < len(header) and header[j].strip() else f"第{j + 1}列"
    return Issue(issue.code, issue.row, name, issue.value, issue.params, issue.severity)


def cap_errors(issues: list[Issue], limit: int = MAX_ERRORS) -> list[Issue]:
    """The first `limit` errors in row order (with the warnings among them), then one line saying the rest were
    left out: an officer fixes a file from its first errors, and a file where every row is wrong answers fast."""
    more = any(i.code == "file.more_errors" for i in issues)
    out: list[Issue] = []
    errors = 0
    for issue in sorted((i for i in issues if i.code != "file.more_errors"), key=lambda i: i.row or 0):
        if issue.severity == "error":
            errors += 1
            if errors > limit:
                more = True
                break
        out.append(issue)
    if more:
        out.append(Issue("file.more_errors", params={"n": limit}))
    return out


def commit(
    preview: Preview,
    scope: Scope,
    db_path: Path,
    wait_seconds: float = 10.0,
    require_same_diff: bool = True,
) -> BatchInfo:
    """Apply a dry run. Inside the write lock the file is validated and diffed again against the current data:
    when someone committed in between and the diff moved (require_same_diff), the commit is refused so the
    officer confirms what will really change; otherwise the fresh diff is applied (the CLI's order)."""
    if preview.parsed is None or preview.diff is None or preview.errors:
        raise ImportRejected(preview)
    if preview.diff.changes == 0:
        raise NothingToImport()
    kind = preview.kind
    with writable_copy(db_path, wait_seconds) as conn:
        if preview.base is not None and preview.base == file_stamp(db_path) and preview.scope == scope:
            diff = preview.diff  # nothing was published since the dry run: its diff is the truth
        else:
            store = ConnStore(conn)
            refs = load_refs(store)
            checked = validate(kind, preview.parsed, refs, scope)
            errors = [i for i in checked.issues if i.severity == "error"]
            if errors:
                preview.issues = preview.parsed.issues + checked.issues
                preview.diff = None
                raise ImportRejected(preview)
            diff = compute_diff(kind, checked, store, refs)
        if require_same_diff and diff is not preview.diff and diff.signature() != preview.diff.signature():
            raise CommitError(
                "预检之后数据库已有其他导入或回滚，本次导入将改变的内容与预检结果不同。请重新预检并核对差异后再确认导入；"
                "本次没有写入任何数据。",
                "The database changed after the dry run (another import or a rollback), so this import would now "
                "change different rows. Run the dry run again and check the diff; nothing was written.",
            )
        if diff.changes == 0:
            raise NothingToImport()
        return record_batch(
            conn,
            kind_id=kind.id,
            kind_zh=kind.zh,
            file_name=preview.file_name,
            sha256=preview.sha256,
            size=preview.size,
            encoding=preview.encoding or (preview.fmt or "").upper() or None,
            username=scope.username,
            diff=diff,
            note=plausibility.batch_note(preview.plausibility),
        )


def import_file(
    content: bytes,
    file_name: str,
    kind_id: str,
    scope: Scope,
    db: Database,
    dry: bool = False,
    wait_seconds: float = 30.0,
    max_bytes: int = MAX_BYTES,
) -> tuple[Preview, BatchInfo | None]:
    """Dry run, then (unless dry) commit — the CLI's one call. Raises ImportRejected when any row is rejected."""
    preview = dry_run(content, file_name, kind_id, scope, db, max_bytes)
    del content  # the caller may drop its copy too: the commit needs only the dry run
    if not preview.accepted:
        raise ImportRejected(preview)
    if dry or preview.changes == 0:
        return preview, None
    try:
        return preview, commit(preview, scope, db.path, wait_seconds, require_same_diff=False)
    except NothingToImport:
        return preview, None


__all__ = [
    "CommitError",
    "ImportRejected",
    "NothingToImport",
    "Preview",
    "commit",
    "dry_run",
    "import_file",
]
