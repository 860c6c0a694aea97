"""Backups and restore of the database file: `python -m ningxia_dash backup --out DIR [--keep N]` and
`python -m ningxia_dash restore FILE [--db PATH]`.

A backup is a copy of the database file taken under the write lock (db.write_lock): every write publishes a whole
new file under that lock, so the copy is one consistent state — data, audit trail (import_batches, batch_changes)
and accounts (users). The sign-in failure file `<db>.signin.json` is copied beside it when present. Each backup is
`ningxia-YYYYMMDD-HHMMSS.duckdb` with `….duckdb.sha256` in `sha256sum` format (`sha256sum -c` checks it); the
newest N generations are kept.

A restore checks the checksum and that the file opens as a DuckDB database holding the expected tables, then copies
it to a private file beside the database, checks that copy's checksum again and publishes it through db.publish
(the routine every write uses) under the write lock. A refused restore changes nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ningxia_dash import config, signin
from ningxia_dash.store.db import DatabaseLockedError, publish, remove_stale_copies, table_names, write_lock

PREFIX = "ningxia-"
SUFFIX = ".duckdb"
NAME = re.compile(r"^ningxia-(\d{8}-\d{6})(?:-(\d+))?\.duckdb$")
# A file without these is not a database of this app (the audit trail, accounts and data must all be there).
EXPECTED_TABLES = frozenset(
    {"plans", "indicators", "regions", "observations", "sources", "import_batches", "batch_changes", "users"}
)
DEFAULT_KEEP = 7


class RestoreRefused(RuntimeError):
    """The backup file failed a check; nothing was changed. The message is Chinese and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    sha256: str
    size: int
    signin_copied: bool
    removed: list[Path]


def sha256_of(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def checksum_path(backup: Path) -> Path:
    return backup.with_name(f"{backup.name}.sha256")


def _order(path: Path) -> tuple[str, int]:
    m = NAME.match(path.name)
    return (m.group(1), int(m.group(2) or 0)) if m else ("", 0)


def generations(out_dir: Path) -> list[Path]:
    """The backups in a directory, oldest first."""
    return sorted((p for p in out_dir.glob(f"{PREFIX}*{SUFFIX}") if NAME.match(p.name)), key=_order)


def _new_name(out_dir: Path, now: datetime) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    path, n = out_dir / f"{PREFIX}{stamp}{SUFFIX}", 0
    while path.exists():
        n += 1
        path = out_dir / f"{PREFIX}{stamp}-{n}{SUFFIX}"
    return path


def prune(out_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups (with their checksum and sign-in files)."""
    old = generations(out_dir)[:-keep] if keep > 0 else []
    for path in old:
        for p in (path, checksum_path(path), signin.log_path(path)):
            p.unlink(missing_ok=True)
    return old


def backup(db_path: Path, out_dir: Path, keep: int = DEFAULT_KEEP, now: datetime | None = None) -> BackupInfo:
    """Copy the database (and its sign-in failure file) into out_dir under the write lock; keep `keep` backups."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    db_path = db_path.resolve()
    if not db_path.exists():
        raise FileNotFoundError(f"找不到数据库 {db_path}，无法备份。")
    out_dir.mkdir(parents=True, exist_ok=True)
    with write_lock(db_path):
        target = _new_name(out_dir, now or datetime.now())
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(db_path, partial)
        log = signin.log_path(db_path)
        signin_copied = log.exists()
        if signin_copied:
            shutil.copyfile(log, signin.log_path(target))
    digest = sha256_of(partial)
    size = partial.stat().st_size
    os.replace(partial, target)  # only a complete copy carries a backup's name
    checksum_path(target).write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    return BackupInfo(target, digest, size, signin_copied, prune(out_dir, keep))


def _expected_digest(backup_file: Path) -> str:
    side = checksum_path(backup_file)
    if not side.exists():
        raise RestoreRefused(f"拒绝恢复：找不到备份 {backup_file.name} 的校验文件 {side.name}，无法确认备份完整。")
    fields = side.read_text(encoding="utf-8", errors="replace").split()
    if not fields or not re.fullmatch(r"[0-9a-f]{64}", fields[0]):
        raise RestoreRefused(f"拒绝恢复：校验文件 {side.name} 的内容不是 sha256 校验值。")
    return fields[0]


def check_backup(backup_file: Path) -> str:
    """The backup's sha256 when it matches its checksum file and opens with the expected tables; else
    RestoreRefused with a Chinese message."""
    if not backup_file.is_file():
        raise RestoreRefused(f"拒绝恢复：找不到备份文件 {backup_file}。")
    expected = _expected_digest(backup_file)
    actual = sha256_of(backup_file)
    if actual != expected:
        raise RestoreRefused(
            f"拒绝恢复：备份 {backup_file.name} 的 sha256 校验值与 {checksum_path(backup_file).name} 不一致"
            f"（应为 {expected[:12]}…，实为 {actual[:12]}…），文件可能已损坏或被改动。数据库未作任何改变。"
        )
    tables = table_names(backup_file)
    if tables is None:
        raise RestoreRefused(f"拒绝恢复：{backup_file.name} 不是 DuckDB 数据库文件。数据库未作任何改变。")
    missing = sorted(EXPECTED_TABLES - tables)
    if missing:
        raise RestoreRefused(
            f"拒绝恢复：{backup_file.name} 缺少本系统的数据表 {'、'.join(missing)}，不是本系统的备份。数据库未作任何改变。"
        )
    return actual


def restore(backup_file: Path, db_path: Path, wait_seconds: float = 30.0) -> str:
    """Check a backup and publish it over the database under the write lock; returns its sha256."""
    digest = check_backup(backup_file)
    target = db_path.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with write_lock(target, wait_seconds):
        remove_stale_copies(target)
        tmp = target.with_name(f"{target.name}.tmp-{os.getpid()}")
        try:
            shutil.copyfile(backup_file, tmp)
            if sha256_of(tmp) != digest:  # the file changed between the check and the copy
                raise RestoreRefused(f"拒绝恢复：复制过程中备份 {backup_file.name} 发生了变化。数据库未作任何改变。")
            publish(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    return digest


# ---------------------------------------------------------------- command line


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).resolve() if args.db else config.db_path()


def cmd_backup(args: argparse.Namespace) -> int:
    if args.keep < 1:
        print("--keep 须为不小于 1 的整数", file=sys.stderr)
        return 2
    try:
        info = backup(_db_path(args), Path(args.out), args.keep)
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except DatabaseLockedError as exc:
        print(str(exc), file=sys.stderr)
        return 4
    print(f"已备份到 {info.path}（{info.size} 字节，sha256 {info.sha256}）")
    if info.signin_copied:
        print(f"登录失败记录已一并备份：{signin.log_path(info.path).name}")
    for old in info.removed:
        print(f"已删除较早的备份 {old.name}（保留最近 {args.keep} 份）")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    target = _db_path(args)
    try:
        digest = restore(Path(args.file), target, args.wait)
    except RestoreRefused as exc:
        print(exc.message, file=sys.stderr)
        return 5
    except DatabaseLockedError as exc:
        print(str(exc), file=sys.stderr)
        return 4
    print(f"已从 {args.file} 恢复数据库 {target}（sha256 {digest}）。正在运行的应用会自动读取恢复后的数据。")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    db_help = "数据库路径（默认 $NINGXIA_DB 或 data/ningxia.duckdb）"
    b = sub.add_parser("backup", help="在写锁下备份数据库（含导入记录与账户），附 sha256，保留最近 N 份")
    b.add_argument("--out", required=True, help="备份目录")
    b.add_argument("--keep", type=int, default=DEFAULT_KEEP, help=f"保留的备份份数（默认 {DEFAULT_KEEP}）")
    b.add_argument("--db", help=db_help)
    b.set_defaults(func=cmd_backup)
    r = sub.add_parser("restore", help="校验备份（sha256、能否打开、数据表）后在写锁下恢复为当前数据库")
    r.add_argument("file", help="备份文件（ningxia-….duckdb，旁边须有同名 .sha256）")
    r.add_argument("--db", help=db_help)
    r.add_argument("--wait", type=float, default=30.0, help="另一写入进行中时最多等待的秒数（默认 30）")
    r.set_defaults(func=cmd_restore)
