"""Command line: `python -m ningxia_dash build-db [--db PATH] [--force] [--no-demo]`, and template / import /
rollback / user (ningxia_dash/ingest/cli.py), backup / restore (ningxia_dash/backup.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ningxia_dash import backup, config
from ningxia_dash.brief.cli import add_command as add_brief_command
from ningxia_dash.brief.cli import add_evaluation_command
from ningxia_dash.ingest.cli import add_commands
from ningxia_dash.store.build import BuildRefused, build_database
from ningxia_dash.store.db import DatabaseLockedError, database_kind


def _cmd_build_db(args: argparse.Namespace) -> int:
    path = Path(args.db) if args.db else config.db_path()
    wanted = "production" if args.no_demo else "demo"
    if args.if_missing and path.exists():
        existing = database_kind(path)
        if existing is not None and existing != wanted:
            names = {"production": "正式数据库（无示例数据）", "demo": "含示例数据的数据库"}
            print(
                f"数据库已存在，但它是{names[existing]}，而本次要求的是{names[wanted]}；未做任何改动: {path}。"
                f"如确需切换，请显式重建：python -m ningxia_dash build-db --db {path}"
                f"{' --no-demo' if args.no_demo else ''}（已有上传数据时还需 --force，先备份）",
                file=sys.stderr,
            )
            return 5
        print(f"数据库已存在，跳过构建: {path}")
        return 0
    try:
        report = build_database(path, force=args.force, demo=not args.no_demo)
    except BuildRefused as exc:
        print(f"拒绝重建: {exc}", file=sys.stderr)
        return 3
    except DatabaseLockedError as exc:
        print(str(exc), file=sys.stderr)
        return 4
    print(f"已构建 {report.path}（{'正式数据库，无示例数据' if args.no_demo else '含示例数据'}）")
    for table, n in report.counts.items():
        print(f"  {table:<18} {n:>7}")
    per_chapter = ", ".join(f"第{ch}章 {n}" for ch, n in sorted(report.targets_per_chapter.items()))
    print(f"  目标（按章）: {per_chapter}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ningxia_dash", description="ningxia_dash 命令行工具")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build-db", help="从 data/seed 与 data/geo 构建 DuckDB 数据库")
    b.add_argument("--db", help="数据库路径（默认 $NINGXIA_DB 或 data/ningxia.duckdb）")
    b.add_argument("--force", action="store_true", help="即使数据库中已有上传批次也重建（会丢失上传数据）")
    b.add_argument("--if-missing", action="store_true", help="数据库已存在时什么也不做（make run 使用）")
    b.add_argument(
        "--no-demo",
        action="store_true",
        help="正式数据库：只含规划、目标、行政区划、园区、公开数据与规划基期值，不生成任何示例数据",
    )
    b.set_defaults(func=_cmd_build_db)
    add_commands(sub)  # template, import, rollback, user … (ningxia_dash/ingest/cli.py)
    backup.add_commands(sub)  # backup, restore (ningxia_dash/backup.py)
    add_brief_command(sub)  # export-brief (ningxia_dash/brief/cli.py)
    add_evaluation_command(sub)  # export-evaluation (ningxia_dash/brief/cli.py)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
