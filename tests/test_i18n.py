"""One translation table: both languages for every key; every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ningxia_dash.i18n import TEXT, format_number, t

ROOT = Path(__file__).resolve().parent.parent
KEY_CALL = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")


def test_every_key_has_both_languages() -> None:
    for key, (zh, en) in TEXT.items():
        assert zh.strip() and en.strip(), key
        if key not in ("sidebar.language",) and not key.startswith(("attr.none", "common.none")):
            assert re.search(r"[\u4e00-\u9fff]", zh) or zh == en, f"{key}: zh text has no Chinese"


def test_every_key_used_in_code_exists() -> None:
    sources = [*ROOT.glob("screens/*.py"), ROOT / "app.py", *(ROOT / "ningxia_dash").rglob("*.py")]
    used = {m for p in sources for m in KEY_CALL.findall(p.read_text(encoding="utf-8"))}
    assert used, "the scan found no keys: the pattern is broken"
    missing = sorted(k for k in used if k not in TEXT)
    assert not missing


def test_placeholders_match() -> None:
    for key, (zh, en) in TEXT.items():
        assert set(re.findall(r"{(\w+)}", zh)) == set(re.findall(r"{(\w+)}", en)), key
    assert t("targets.shown", "zh", n=3, total=92) == "显示 3 / 92 项目标"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (98.0, "%", "zh", "98%"),
        (96.56, "%", "en", "96.6%"),
        (11624, "元", "zh", "1.16万元"),
        (11624, "元", "en", "11,624 yuan"),
        (7202654, "人", "zh", "720.27万人"),
        (250_000_000, "元", "zh", "2.5亿元"),
        (10.8, "万公里", "zh", "10.8万公里"),
        (None, "%", "zh", "—"),
        (37, "个", "zh", "37个"),
        (0, None, "en", "0"),
    ],
)
def test_format_number(value: float | None, unit: str | None, lang: str, expected: str) -> None:
    assert format_number(value, unit, lang) == expected  # type: ignore[arg-type]
