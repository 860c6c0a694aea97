"""The plan's text splits into its chapters, sections and boxes; clauses resolve to sections."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ningxia_dash.config import SEED_DIR
from ningxia_dash.plan_text import cn_to_int, int_to_cn, section_id_for_clause, split_sections


@pytest.fixture(scope="module")
def sections():  # type: ignore[no-untyped-def]
    return split_sections((SEED_DIR / "plan_text.txt").read_text(encoding="utf-8"))


def test_structure(sections) -> None:  # type: ignore[no-untyped-def]
    kinds = [s.kind for s in sections]
    assert kinds.count("chapter") == 11
    assert kinds.count("box") == 6
    ids = {s.id for s in sections}
    assert {f"box1-{i}" for i in range(1, 14)} <= ids
    assert "ch5" in ids  # the published heading lacks its 第: "五章  实施城乡居民收入提升行动"
    assert "ch10-s6" in ids and "box6-7" in ids


def test_box1_rows(sections) -> None:  # type: ignore[no-untyped-def]
    rows = {s.id: s for s in sections if s.parent_id == "box1"}
    assert rows["box1-9"].title_zh.startswith("农村自来水普及率")
    assert "91" in rows["box1-9"].text and "98" in rows["box1-9"].text
    assert rows["box1-12"].text.endswith(">95 预期性")


def test_nothing_after_the_plan(sections) -> None:  # type: ignore[no-untyped-def]
    assert all("一图读懂" not in s.text for s in sections)


@pytest.mark.parametrize(
    ("clause", "sid"),
    [
        ("专栏1-9", "box1-9"),
        ("第八章第六节", "ch8-s6"),
        ("第四章", "ch4"),
        ("第十章第二节", "ch10-s2"),
        ("专栏6", "box6"),
    ],
)
def test_clause_resolution(clause: str, sid: str) -> None:
    assert section_id_for_clause(clause) == sid


def test_bad_clause() -> None:
    with pytest.raises(ValueError):
        section_id_for_clause("第八节")


@given(st.integers(min_value=1, max_value=99))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert cn_to_int(int_to_cn(n)) == n


def test_chinese_numerals() -> None:
    assert [cn_to_int(x) for x in ("三", "十", "十一", "二十三")] == [3, 10, 11, 23]
