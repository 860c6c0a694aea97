"""What the officer reads: the error table, the old → new diff, a batch's recorded changes, in Chinese or English
(pure pandas; pages and the CLI render these tables as they are)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from ningxia_dash.i18n import Lang, t
from ningxia_dash.ingest.diff import TABLE_KEYS
from ningxia_dash.ingest.kinds import KINDS, Kind
from ningxia_dash.ingest.limits import MAX_ERRORS
from ningxia_dash.ingest.messages import SEVERITY_LABEL, Issue, shorten
from ningxia_dash.ingest.plausibility import seen_count
from ningxia_dash.ingest.refs import Refs

STATUS = {"new": ("新增", "new"), "changed": ("修改", "changed"), "unchanged": ("未变", "unchanged")}
PROVENANCE = {"official": ("官方", "Official"), "public": ("公开", "Public"), "demo": ("示例", "Sample")}
PERIODS = {"quarter": ("季度", "Q"), "month": ("月", "M")}


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


def error_table(issues: list[Issue], file_name: str, lang: Lang) -> pd.DataFrame:
    """One row per issue: severity, row (as Excel shows it), column, the cell, the full message."""
    return pd.DataFrame(
        {
            t("upload.col.severity", lang): [_pick(SEVERITY_LABEL[i.severity], lang) for i in issues],
            t("upload.col.file", lang): [file_name] * len(issues),
            t("upload.col.row", lang): [i.row if i.row is not None else "—" for i in issues],
            t("upload.col.column", lang): [i.column or "—" for i in issues],
            t("upload.col.value", lang): [shorten(i.value, 200) for i in issues],
            t("upload.col.reason", lang): [i.message(file_name, lang) for i in issues],
        }
    )


class Labels:
    """Human names for keys: indicator, region, village, park and metric names from Refs."""

    def __init__(self, refs: Refs | None) -> None:
        self.refs = refs

    def _name(self, table: str, key: str) -> str:
        r = self.refs
        if r is None:
            return key
        source: dict[str, dict[str, Any]] = {
            "indicator": r.indicators,
            "region": r.regions,
            "village": r.villages,
            "park": r.parks,
            "metric": r.metrics,
            "plan": r.plans,
        }[table]
        item = source.get(key)
        if not item:
            return key
        return str(item.get("short_zh") if table in ("region", "plan") else item.get("name_zh")) or key

    def describe(self, table: str, key: dict[str, Any], lang: Lang) -> str:
        """'农村自来水普及率 · 宁夏 · 2024' for an observation key; ids stay visible in English screens."""
        parts: list[str] = []
        for col, value in key.items():
            if value is None or col == "period_type":
                continue
            if col == "period_no":
                if value and key.get("period_type") in PERIODS:
                    parts[-1] = f"{parts[-1]}{_pick(PERIODS[key['period_type']], lang)}{value}"
                continue
            kind = {
                "indicator_id": "indicator",
                "region_code": "region",
                "village_id": "village",
                "park_id": "park",
                "metric_id": "metric",
            }.get(col)
            if kind:
                parts.append(self._name(kind, str(value)) if lang == "zh" else str(value))
            elif col == "id":
                table_kind = {"villages": "village", "parks": "park", "indicators": "indicator", "plans": "plan"}[table]
                name = self._name(table_kind, str(value))
                parts.append(name if name == value else f"{name}（{value}）" if lang == "zh" else f"{value} ({name})")
            else:
                parts.append(str(value))
        return " · ".join(parts)


def _show(value: object, column: str, lang: Lang) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "—"
    if column == "source_kind" and isinstance(value, str) and value in PROVENANCE:
        return _pick(PROVENANCE[value], lang)
    if isinstance(value, bool | np.bool_):
        return t("common.yes", lang) if value else t("common.no", lang)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(float(value))
    return str(value)


def column_label(kind: Kind, column: str, lang: Lang) -> str:
    if column == "source_kind":
        return t("col.kind", lang)
    for c in kind.cols:
        if c.name == column:
            return c.zh if lang == "zh" else c.name
    return column


def diff_table(
    kind: Kind, rows: pd.DataFrame, compare: list[str], refs: Refs | None, lang: Lang, limit: int | None = None
) -> pd.DataFrame:
    """One line per changed field of each new or changed row: row, status, what, field, old, new."""
    labels = Labels(refs)
    keys = list(TABLE_KEYS[kind.table])
    shown = rows[rows["status"] != "unchanged"]
    if limit is not None:
        shown = shown.head(limit)
    out: list[dict[str, object]] = []
    for r in shown.to_dict("records"):
        what = labels.describe(kind.table, {k: r[k] for k in keys}, lang)
        for c in compare:
            old, new = r.get(f"old_{c}"), r.get(f"new_{c}")
            if r["status"] == "changed" and _show(old, c, lang) == _show(new, c, lang):
                continue
            out.append(
                {
                    t("upload.col.row", lang): int(r["row"]),
                    t("upload.col.status", lang): _pick(STATUS[r["status"]], lang),
                    t("upload.col.what", lang): what,
                    t("upload.col.field", lang): column_label(kind, c, lang),
                    t("upload.col.old", lang): _show(old, c, lang) if r["status"] == "changed" else "—",
                    t("upload.col.new", lang): _show(new, c, lang),
                }
            )
    columns = [t(f"upload.col.{c}", lang) for c in ("row", "status", "what", "field", "old", "new")]
    return pd.DataFrame(out, columns=columns)


def batch_changes_table(kind_id: str, changes: pd.DataFrame, refs: Refs | None, lang: Lang) -> pd.DataFrame:
    """A committed batch's recorded rows as field-level old → new lines (what a rollback would undo)."""
    kind = KINDS.get(kind_id)
    labels = Labels(refs)
    out: list[dict[str, object]] = []
    for r in changes.to_dict("records"):
        table = str(r["table_name"])
        key = json.loads(r["row_key"])
        old = json.loads(r["old_row"]) if isinstance(r["old_row"], str) else None
        new = json.loads(r["new_row"])
        what = labels.describe(table, key, lang)
        fields = [c for c in new if c not in key and c not in ("source_id", "batch_id")]
        for c in fields:
            before = None if old is None else old.get(c)
            if old is not None and before == new.get(c):
                continue
            out.append(
                {
                    t("upload.col.status", lang): _pick(STATUS["new" if old is None else "changed"], lang),
                    t("upload.col.what", lang): what,
                    t("upload.col.field", lang): column_label(kind, c, lang) if kind else c,
                    t("upload.col.old", lang): _show(before, c, lang) if old is not None else "—",
                    t("upload.col.new", lang): _show(new.get(c), c, lang),
                }
            )
    columns = [t(f"upload.col.{c}", lang) for c in ("status", "what", "field", "old", "new")]
    return pd.DataFrame(out, columns=columns)


def batches_table(batches: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The history list: one row per batch, newest first."""

    def kind_label(k: str) -> str:
        return (KINDS[k].zh if lang == "zh" else KINDS[k].en) if k in KINDS else k

    def state(row: pd.Series) -> str:
        if row["status"] == "rolled_back":
            when = row["rolled_back_at"]
            stamp = f"{when:%Y-%m-%d %H:%M}" if isinstance(when, pd.Timestamp) else ""
            return t("history.rolled_back_by", lang, user=row["rolled_back_by"] or "", when=stamp)
        return t("history.committed", lang)

    return pd.DataFrame(
        {
            t("history.col.id", lang): batches["id"].astype(int),
            t("history.col.time", lang): [f"{x:%Y-%m-%d %H:%M}" for x in batches["created_at"]],
            t("history.col.kind", lang): [kind_label(k) for k in batches["kind"]],
            t("history.col.file", lang): batches["file_name"],
            t("history.col.user", lang): batches["username"],
            t("upload.summary.new", lang): batches["rows_new"].astype(int),
            t("upload.summary.changed", lang): batches["rows_changed"].astype(int),
            t("upload.summary.unchanged", lang): batches["rows_unchanged"].astype(int),
            t("history.col.encoding", lang): batches["encoding"].fillna(""),
            t("history.col.state", lang): [state(r) for _, r in batches.iterrows()],
            t("history.col.warnings", lang): [
                t("history.warnings_seen", lang, n=n) if n else ""
                for n in map(seen_count, batches.get("source_note", pd.Series([None] * len(batches))))
            ],
            "sha256": [s[:12] for s in batches["sha256"]],
        }
    )


def cli_lines(issues: list[Issue], file_name: str, limit: int = MAX_ERRORS + 1) -> list[str]:
    """The error table as plain lines for the terminal (tab-separated, header first)."""
    lines = ["级别\t行\t列\t值\t说明"]
    for i in issues[:limit]:
        lines.append(
            "\t".join(
                [
                    SEVERITY_LABEL[i.severity][0],
                    str(i.row) if i.row is not None else "—",
                    i.column or "—",
                    i.value.replace("\t", " ").replace("\n", " ")[:60],
                    i.message(file_name, "zh"),
                ]
            )
        )
    if len(issues) > limit:
        lines.append(f"……其余 {len(issues) - limit} 条未显示")
    return lines
