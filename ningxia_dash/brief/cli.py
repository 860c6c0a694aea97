"""`python -m ningxia_dash export-brief --format pdf|pptx --out FILE [--year Y] [--lang zh|en] [--db PATH]
[--plan ID]` (the brief is imported lazily, so the CLI starts fast)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ningxia_dash.store.db import Database

T = TypeVar("T")


def _arguments(p: Any, formats: tuple[str, str]) -> None:
    """The options every export shares: the format, the output file, the plan, the language and the database."""
    p.add_argument("--format", choices=formats, required=True, help=" 或 ".join(formats))
    p.add_argument("--out", required=True, help="输出文件路径")
    p.add_argument("--plan", help="规划 id（默认当前规划）")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="语言（默认 zh）")
    p.add_argument("--db", help="数据库路径（默认 $NINGXIA_DB 或 data/ningxia.duckdb）")


def _load(args: argparse.Namespace, load: Callable[[Database], T]) -> T | None:
    """What load reads from the database (opened read-only); None, the reason on stderr, when the file, the plan
    or the year is not there or the database is locked."""
    from ningxia_dash import config
    from ningxia_dash.brief import BriefRequestError
    from ningxia_dash.store.db import DatabaseLockedError, get_database

    try:
        return load(get_database(Path(args.db) if args.db else config.db_path(), read_only=True))
    except (FileNotFoundError, BriefRequestError, DatabaseLockedError) as exc:
        print(str(exc), file=sys.stderr)
        return None


def _save(args: argparse.Namespace, data: bytes, written_key: str, started: float) -> int:
    """Write the export and say where, how large and how long it took."""
    from ningxia_dash.i18n import t

    out = _write(Path(args.out), data)
    print(t(written_key, args.lang, path=out, kb=round(len(data) / 1024), s=f"{time.monotonic() - started:.1f}"))
    return 0


def add_command(sub: Any) -> None:
    """Register export-brief on the main parser's subcommands."""
    p = sub.add_parser("export-brief", help="导出汇报材料（PDF 或 PPTX）/ export the meeting brief")
    _arguments(p, ("pdf", "pptx"))
    p.add_argument("--year", type=int, help="评估年份（截至）；默认最新数据年份")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ningxia_dash.brief import brief_content
    from ningxia_dash.brief.pdf_writer import write_pdf
    from ningxia_dash.brief.pptx_writer import write_pptx
    from ningxia_dash.brief.render import render_figures
    from ningxia_dash.i18n import t

    started = time.monotonic()
    brief = _load(args, lambda db: brief_content(db, args.plan, args.year, args.lang))
    if brief is None:
        return 2
    images = render_figures(brief)
    if images.error:
        print(t("brief.images_missing", args.lang, reason=images.error), file=sys.stderr)
    data = write_pdf(brief, images) if args.format == "pdf" else write_pptx(brief, images)
    return _save(args, data, "brief.written", started)


def _write(out: Path, data: bytes) -> Path:
    """Write a file whole or not at all (a .part renamed over it), so a reader never sees half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return out


def add_evaluation_command(sub: Any) -> None:
    """Register export-evaluation: the 终期评估 report as Word (.docx) or its table as xlsx."""
    p = sub.add_parser(
        "export-evaluation", help="导出终期评估报告（Word）或评估表（xlsx）/ export the final evaluation"
    )
    _arguments(p, ("docx", "xlsx"))
    p.set_defaults(func=run_evaluation)


def run_evaluation(args: argparse.Namespace) -> int:
    from ningxia_dash.brief.evaluation_report import build_report

    started = time.monotonic()
    data = _load(args, lambda db: build_report(db, args.format, args.plan, args.lang))
    return 2 if data is None else _save(args, data, "report.written", started)
