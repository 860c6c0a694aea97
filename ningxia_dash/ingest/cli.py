"""Command-line subcommands for uploads and accounts: template, import, rollback, user add|passwd|list|disable|
enable|ensure-admin. Same code path as the pages (ingest.pipeline, ingest.audit, accounts).

Exit status: 0 done (or nothing to import), 1 file rejected (error table on stderr), 2 bad arguments,
4 the database is busy with another write, 5 the commit or rollback was refused.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from datetime import datetime
from pathlib import Path

from ningxia_dash import accounts, config, signin
from ningxia_dash.ingest.audit import RollbackRefused, rollback
from ningxia_dash.ingest.grid import human_size
from ningxia_dash.ingest.kinds import KINDS
from ningxia_dash.ingest.limits import MAX_BYTES
from ningxia_dash.ingest.pipeline import ImportRejected, Preview, import_file
from ningxia_dash.ingest.refs import load_refs
from ningxia_dash.ingest.report import cli_lines, diff_table
from ningxia_dash.ingest.templates import template
from ningxia_dash.ingest.validate import Scope
from ningxia_dash.ingest.write import CommitError
from ningxia_dash.store.db import DatabaseLockedError, get_database

DB_HELP = "数据库路径（默认 $NINGXIA_DB 或 data/ningxia.duckdb）"
DELIMITER_NAMES = {",": "逗号", "\t": "制表符", ";": "分号", "|": "竖线"}


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).resolve() if getattr(args, "db", None) else config.db_path()


def _err(text: str) -> None:
    print(text, file=sys.stderr)


# ---------------------------------------------------------------- template / import / rollback


def cmd_template(args: argparse.Namespace) -> int:
    out = Path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        _err("--out 的扩展名须为 .xlsx 或 .csv")
        return 2
    refs = None
    path = _db_path(args)
    if fmt == "xlsx" and path.exists():
        refs = load_refs(get_database(path, read_only=True))
    out.write_bytes(template(args.kind, fmt, refs))
    print(f"已写出模板 {out}（{KINDS[args.kind].zh}）")
    return 0


def _scope_for(args: argparse.Namespace, path: Path) -> Scope | None:
    if not args.user:
        return Scope(f"cli:{getpass.getuser()}", "admin")
    user = accounts.get_user(get_database(path, read_only=True), args.user)
    if user is None or user.disabled:
        _err(f"用户 {args.user} 不存在或已停用。")
        return None
    return Scope(user.username, user.role, user.scope_indicators, user.scope_regions)


def _describe(preview: Preview) -> list[str]:
    parts = [f"文件：{preview.file_name}（{human_size(preview.size)}，sha256 {preview.sha256[:12]}…）"]
    read = [f"格式 {preview.fmt or '—'}"]
    if preview.encoding:
        read.append(f"编码 {preview.encoding}")
    if preview.delimiter:
        read.append(f"分隔符 {DELIMITER_NAMES.get(preview.delimiter, preview.delimiter)}")
    if preview.sheet:
        read.append(f"工作表「{preview.sheet}」")
    if preview.header_row:
        read.append(f"表头在第{preview.header_row}行")
    parts.append("读取：" + "，".join(read))
    c = preview.counts()
    if preview.errors:
        parts.append(f"数据行 {c['rows']}：无误的行 {c['ok']}，有错误的行 {c['rejected']}")
    else:
        parts.append(f"数据行 {c['rows']}：新增 {c['new']}，修改 {c['changed']}，未变 {c['unchanged']}，有错误的行 0")
    return parts


def cmd_import(args: argparse.Namespace) -> int:
    path = _db_path(args)
    source = Path(args.file)
    if not source.is_file():
        _err(f"找不到文件 {source}")
        return 2
    scope = _scope_for(args, path)
    if scope is None:
        return 2
    max_bytes = int(args.max_mb * 1024 * 1024) if args.max_mb else MAX_BYTES
    try:
        db = get_database(path, read_only=True)
        preview, batch = import_file(
            source.read_bytes(),  # not kept: the dry run holds what the commit needs
            source.name,
            args.kind,
            scope,
            db,
            dry=args.dry_run,
            wait_seconds=args.wait,
            max_bytes=max_bytes,
        )
    except ImportRejected as exc:
        p = exc.preview
        for line in _describe(p):
            _err(line)
        found = f"超过 {p.error_count} 处" if p.truncated else f"{p.error_count} 处"
        _err(f"拒绝导入：发现{found}错误，整个文件都没有写入。")
        for line in cli_lines(p.issues, p.file_name):
            _err(line)
        return 1
    except DatabaseLockedError as exc:
        _err(str(exc))
        _err(
            "提示：应用本身只以只读方式打开数据库，不会阻止导入；请等待另一个导入或回滚结束后重试（可用 --wait 加长等待）。"
        )
        return 4
    except CommitError as exc:
        _err(exc.message)
        return 5
    for line in _describe(preview):
        print(line)
    for line in cli_lines(preview.warnings + preview.plausibility, preview.file_name):
        if not line.startswith("级别"):
            print(line)
    if preview.diff is not None and preview.changes:
        refs = load_refs(get_database(path, read_only=True))
        table = diff_table(preview.kind, preview.diff.rows, preview.diff.compare, refs, "zh", limit=args.show)
        print(f"差异（前 {min(args.show, preview.changes)} 行，共 {preview.changes} 行有变化）：")
        print(table.to_string(index=False) if len(table) else "（无）")
    if preview.changes == 0:
        print("文件中的每一行都与数据库一致：没有需要导入的变化，未写入，也未记录批次。")
    elif batch is None:
        print("预检通过（--dry-run）：未写入任何数据。去掉 --dry-run 即可导入。")
    else:
        print(
            f"已导入批次 #{batch.id}：新增 {batch.rows_new} 行，修改 {batch.rows_changed} 行，未变 {batch.rows_unchanged} 行。"
        )
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    user = args.user or f"cli:{getpass.getuser()}"
    try:
        info = rollback(args.batch_id, user, _db_path(args), wait_seconds=args.wait)
    except RollbackRefused as exc:
        _err(exc.message)
        return 5
    except DatabaseLockedError as exc:
        _err(str(exc))
        return 4
    print(f"已回滚批次 #{info.batch_id}：恢复 {info.rows_restored} 行，删除 {info.rows_removed} 行。")
    return 0


# ---------------------------------------------------------------- users


def _read_password(args: argparse.Namespace, prompt: str) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(f"{prompt}：")
    if getpass.getpass("再输入一次：") != first:
        _err("两次输入的密码不一致。")
        return None
    return first


def _split(text: str | None) -> list[str] | None:
    return [x for x in (text or "").split(",") if x.strip()] or None


def cmd_user(args: argparse.Namespace) -> int:
    path = _db_path(args)
    try:
        if args.user_command == "list":
            db = get_database(path, read_only=True)
            users = accounts.list_users(db)
            refs = load_refs(db)
            indicator_names = {k: v["name_zh"] for k, v in refs.indicators.items()}
            region_names = {k: v["name_zh"] for k, v in refs.regions.items()}
            print(f"{'用户名':<20}{'角色':<10}{'状态':<6}{'限定指标':<24}限定地区")
            for u in users:
                print(
                    f"{u.username:<22}{u.role:<12}{'停用' if u.disabled else '正常':<6}"
                    f"{accounts.scope_label(u.scope_indicators, indicator_names, '全部'):<28}"
                    f"{accounts.scope_label(u.scope_regions, region_names, '全部')}"
                )
            return 0
        if args.user_command == "ensure-admin":
            password = accounts.ensure_admin(path)
            if password:
                bar = "=" * 64
                print(
                    f"{bar}\n已创建管理员账户  用户名：admin  密码：{password}\n"
                    f"此密码只显示这一次。请登录后在“用户管理”页或用 `python -m ningxia_dash user passwd admin` 修改。\n{bar}"
                )
            return 0
        if args.user_command == "add":
            password = _read_password(args, f"为 {args.name} 设置密码")
            if password is None:
                return 2
            accounts.add_user(
                path, args.name, args.role, password, _split(args.scope_indicators), _split(args.scope_regions)
            )
            print(f"已创建用户 {args.name}（{args.role}）。")
            return 0
        if args.user_command == "passwd":
            password = _read_password(args, f"{args.name} 的新密码")
            if password is None:
                return 2
            accounts.set_password(path, args.name, password)
            print(f"已修改 {args.name} 的密码。")
            return 0
        if args.user_command == "failures":
            rows = signin.SigninLog(signin.log_path(path)).recent(time.time())
            print(f"{'账户（按输入）':<20}{'地址':<24}{'失败次数':<6}{'最近一次':<22}尚需等待（秒）")
            for f in rows:
                last = datetime.fromtimestamp(f.last).strftime("%Y-%m-%d %H:%M:%S")
                print(f"{f.account:<26}{f.address:<26}{f.count:<10}{last:<26}{f.wait}")
            return 0
        if args.user_command == "unlock":
            n = signin.SigninLog(signin.log_path(path)).unlock(args.name, time.time())
            print(f"已解除 {args.name} 的登录限制（清除 {n} 次失败记录）。")
            return 0
        if args.user_command in ("disable", "enable"):
            accounts.update_user(path, args.name, disabled=args.user_command == "disable")
            print(f"已{'停用' if args.user_command == 'disable' else '启用'}用户 {args.name}。")
            return 0
    except accounts.AccountError as exc:
        _err(exc.message)
        return 5
    except DatabaseLockedError as exc:
        _err(str(exc))
        return 4
    return 2


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    kinds = sorted(KINDS)
    kind_help = "数据类型：" + "，".join(f"{k}={KINDS[k].zh}" for k in kinds)

    t = sub.add_parser("template", help="写出某类数据的导入模板（.xlsx 或 .csv）")
    t.add_argument("--kind", required=True, choices=kinds, help=kind_help)
    t.add_argument("--out", required=True, help="输出文件，扩展名 .xlsx 或 .csv")
    t.add_argument("--db", help=DB_HELP + "；xlsx 模板从中读取代码表")
    t.set_defaults(func=cmd_template)

    i = sub.add_parser("import", help="导入 CSV/Excel 文件（与上传页面同一流程：预检 → 差异 → 导入）")
    i.add_argument("file", help="要导入的文件")
    i.add_argument("--kind", required=True, choices=kinds, help=kind_help)
    i.add_argument("--dry-run", action="store_true", help="只预检并显示差异，不写入")
    i.add_argument("--user", help="以该用户的角色与范围导入（默认：命令行用户，视为管理员）")
    i.add_argument("--db", help=DB_HELP)
    i.add_argument("--wait", type=float, default=30.0, help="另一写入进行中时最多等待的秒数（默认 30）")
    i.add_argument("--max-mb", type=float, help="文件大小上限（MB，默认 20）")
    i.add_argument("--show", type=int, default=50, help="显示差异的行数（默认 50）")
    i.set_defaults(func=cmd_import)

    r = sub.add_parser("rollback", help="回滚一个导入批次（恢复导入前的数据）")
    r.add_argument("batch_id", type=int)
    r.add_argument("--user", help="记录为回滚人的名字（默认：命令行用户）")
    r.add_argument("--db", help=DB_HELP)
    r.add_argument("--wait", type=float, default=30.0, help="另一写入进行中时最多等待的秒数")
    r.set_defaults(func=cmd_rollback)

    u = sub.add_parser(
        "user", help="用户管理：add / passwd / list / disable / enable / unlock / failures / ensure-admin"
    )
    usub = u.add_subparsers(dest="user_command", required=True)
    ua = usub.add_parser("add", help="新增用户（交互输入密码）")
    ua.add_argument("name")
    ua.add_argument("--role", required=True, choices=accounts.ROLES)
    ua.add_argument("--scope-indicators", help="仅限这些指标代码（逗号分隔）")
    ua.add_argument("--scope-regions", help="仅限这些地区代码（逗号分隔）")
    up = usub.add_parser("passwd", help="修改密码（交互输入）")
    up.add_argument("name")
    for p in (ua, up):
        p.add_argument("--password-stdin", action="store_true", help="从标准输入读一行作为密码（供脚本使用）")
    usub.add_parser("list", help="列出用户（不显示密码散列）")
    usub.add_parser("failures", help="近30分钟的登录失败（账户、地址、次数）")
    for name, text in (("disable", "停用用户"), ("enable", "启用用户"), ("unlock", "解除登录限制（清除失败记录）")):
        usub.add_parser(name, help=text).add_argument("name")
    usub.add_parser("ensure-admin", help="若尚无任何用户，创建 admin 并显示一次随机密码（make run 使用）")
    for p in usub.choices.values():
        p.add_argument("--db", help=DB_HELP)
    u.set_defaults(func=cmd_user)
