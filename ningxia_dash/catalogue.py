"""Metadata kept as data beside the other seeds, read and checked here: the village / park metric catalogue with
the rule that judges each village metric (data/seed/metrics.csv) and the reference series relative targets are
judged against (data/seed/reference_series.csv). The build writes them to the database; places/villages.py reads the
village rules from here.

The check: the header must be exactly the one below (a renamed, missing or extra column is refused), every id
unique, every enum value known (entity, rule_kind, dimension), every reference to another seed found (a metric's
reference_series in reference_series.csv, its indicator_id in indicators.csv), numbers numeric. A broken file
raises SeedError naming the file, the row (the line in the file) and the column, in Chinese.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from ningxia_dash import config
from ningxia_dash.tracking.status import RULE_KINDS

METRICS_FILE = "metrics.csv"
REFERENCE_FILE = "reference_series.csv"
METRIC_HEADER = (
    "id", "entity", "seq", "name_zh", "name_en", "unit", "dimension", "rule_kind", "target_value",
    "reference_series", "indicator_id", "clause", "note",
)  # fmt: skip
REFERENCE_HEADER = ("id", "name_zh", "name_en", "unit", "derivation", "publisher")
ENTITIES = ("village", "park")
# The "9+1" dimensions a village score belongs to (第四章: 产业发展、就业、基础配套、公共服务、人居环境、文明建设、
# 基层治理、社会融入).
DIMENSIONS = (
    "industry", "employment", "infrastructure", "public_services", "living_env", "civility", "governance",
    "integration",
)  # fmt: skip


class SeedError(ValueError):
    """A metadata seed file that cannot be used (the message names file, row and column, in Chinese)."""


@dataclass(frozen=True)
class Metric:
    """A village or park metric; for a village metric, the rule that judges it (`rule_kind` 'rising': 稳步提高)."""

    id: str
    entity: str
    seq: int
    name_zh: str
    name_en: str
    unit: str
    dimension: str | None
    rule_kind: str | None
    target_value: float | None
    reference_series: str | None
    indicator_id: str | None
    clause: str
    note: str


@dataclass(frozen=True)
class ReferenceSeries:
    id: str
    name_zh: str
    name_en: str
    unit: str
    derivation: str | None
    publisher: str | None


def _rows(path: Path, header: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) of a seed CSV whose header is exactly `header`."""
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        found = tuple(reader.fieldnames or ())
        if found != header:
            missing = [c for c in header if c not in found]
            extra = [c for c in found if c not in header]
            raise SeedError(
                f"{path.name} 第1行（表头）与约定不符：缺少列 {missing or '无'}，多出列 {extra or '无'}；"
                f"应为 {','.join(header)}"
            )
        return [(reader.line_num, dict(row)) for row in reader]


def _blank(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _fail(path: Path, line: int, column: str, value: str, why: str) -> SeedError:
    return SeedError(f"{path.name} 第{line}行 {column} 列的值“{value}”{why}")


def _one_of(path: Path, line: int, row: dict[str, str], column: str, allowed: tuple[str, ...] | set[str]) -> str | None:
    value = _blank(row[column])
    if value is not None and value not in allowed:
        raise _fail(path, line, column, value, f"不在允许的取值中（{'、'.join(sorted(allowed))}）")
    return value


def _unique(path: Path, ids: list[tuple[int, str]]) -> None:
    seen: set[str] = set()
    for line, value in ids:
        if not value:
            raise _fail(path, line, "id", value, "为空")
        if value in seen:
            raise _fail(path, line, "id", value, "重复")
        seen.add(value)


@functools.lru_cache(maxsize=4)
def reference_series(seed_dir: Path = config.SEED_DIR) -> tuple[ReferenceSeries, ...]:
    path = seed_dir / REFERENCE_FILE
    rows = _rows(path, REFERENCE_HEADER)
    _unique(path, [(line, r["id"].strip()) for line, r in rows])
    return tuple(
        ReferenceSeries(
            id=r["id"].strip(), name_zh=r["name_zh"], name_en=r["name_en"], unit=r["unit"].strip(),
            derivation=_blank(r["derivation"]), publisher=_blank(r["publisher"]),
        )
        for _, r in rows
    )  # fmt: skip


def _indicator_ids(seed_dir: Path) -> set[str]:
    with (seed_dir / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        return {row["id"] for row in csv.DictReader(fh)}


@functools.lru_cache(maxsize=4)
def metrics(seed_dir: Path = config.SEED_DIR) -> tuple[Metric, ...]:
    path = seed_dir / METRICS_FILE
    rows = _rows(path, METRIC_HEADER)
    _unique(path, [(line, r["id"].strip()) for line, r in rows])
    series = {s.id for s in reference_series(seed_dir)}
    indicators = _indicator_ids(seed_dir)
    out = []
    for line, r in rows:
        entity = _one_of(path, line, r, "entity", ENTITIES)
        if entity is None:
            raise _fail(path, line, "entity", "", "为空")
        rule = _one_of(path, line, r, "rule_kind", set(RULE_KINDS))
        if (entity == "village") != (rule is not None):
            why = "为空：村的指标须写明判断规则" if rule is None else "：园区指标不作达标判断，应留空"
            raise _fail(path, line, "rule_kind", r["rule_kind"], why)
        numbers = {}
        for column in ("seq", "target_value"):
            text = _blank(r[column])
            try:
                numbers[column] = None if text is None else float(text)
            except ValueError:
                raise _fail(path, line, column, r[column], "不是数字") from None
        if numbers["seq"] is None:
            raise _fail(path, line, "seq", "", "为空")
        if not r["unit"].strip():
            raise _fail(path, line, "unit", "", "为空")
        out.append(
            Metric(
                id=r["id"].strip(), entity=entity, seq=int(numbers["seq"]), name_zh=r["name_zh"], name_en=r["name_en"],
                unit=r["unit"].strip(), dimension=_one_of(path, line, r, "dimension", DIMENSIONS), rule_kind=rule,
                target_value=numbers["target_value"],
                reference_series=_one_of(path, line, r, "reference_series", series),
                indicator_id=_one_of(path, line, r, "indicator_id", indicators),
                clause=r["clause"].strip(), note=r["note"].strip(),
            )
        )  # fmt: skip
    return tuple(out)
