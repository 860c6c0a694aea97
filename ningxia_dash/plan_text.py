"""Splits a plan's published text into 章 / 节 / 专栏 sections and resolves clause labels (pure Python)."""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUM = "一二三四五六七八九十"

# "五章  实施城乡居民收入提升行动" in the published text lacks its 第: the 第 is optional for chapters.
_CHAPTER = re.compile(rf"^第?([{CN_NUM}]+)章\s*(\S.*)$")
_SECTION = re.compile(rf"^第([{CN_NUM}]+)节\s*(\S.*)$")
_BOX = re.compile(r"^专栏\s*(\d+)\s*(.*)$")
_BOX_ITEM = re.compile(r"^(\d{1,2})[\.．、]?\s*(\D.*)$")
_END_MARKERS = ("一图读懂", "媒体解读", "附件下载")
_HEADING_MAX = 40


def cn_to_int(text: str) -> int:
    """Chinese numeral up to 99 → int: 三 → 3, 十 → 10, 十一 → 11, 二十三 → 23."""
    if not text or any(c not in CN_NUM for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if "十" not in text:
        return CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def int_to_cn(n: int) -> str:
    """int 1..99 → Chinese numeral (the inverse of cn_to_int)."""
    if not 1 <= n <= 99:
        raise ValueError(n)
    digits = " 一二三四五六七八九"
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@dataclass
class Section:
    id: str
    parent_id: str | None
    kind: str
    label_zh: str
    title_zh: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(line for line in self.lines if line)


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u3000", " ")).strip()


def split_sections(raw: str) -> list[Section]:
    """Sections in reading order. Chapter text is its opening before the first 节; box items are children."""
    sections: list[Section] = []
    preface = Section("preface", None, "preface", "前言", "前言", [])
    sections.append(preface)
    current = preface
    chapter_no = 0
    box: Section | None = None
    started = False
    for raw_line in raw.splitlines():
        line = _clean(raw_line)
        if not started:
            # the notice that publishes the plan ends with "(此件公开发布)"; the plan starts after it
            started = "此件公开发布" in line
            continue
        if line.startswith(_END_MARKERS):
            break
        short = len(line) <= _HEADING_MAX
        if short and (m := _CHAPTER.match(line)):
            chapter_no = cn_to_int(m.group(1))
            label = f"第{int_to_cn(chapter_no)}章"
            current = Section(f"ch{chapter_no}", None, "chapter", label, m.group(2).strip(), [])
            sections.append(current)
            box = None
            continue
        if short and chapter_no and (m := _SECTION.match(line)):
            n = cn_to_int(m.group(1))
            label = f"第{int_to_cn(chapter_no)}章第{int_to_cn(n)}节"
            current = Section(f"ch{chapter_no}-s{n}", f"ch{chapter_no}", "section", label, m.group(2).strip(), [])
            sections.append(current)
            box = None
            continue
        if short and (m := _BOX.match(line)):
            k = int(m.group(1))
            title = m.group(2).strip().strip('“”"') or f"专栏{k}"
            box = Section(f"box{k}", f"ch{chapter_no}" if chapter_no else None, "box", f"专栏{k}", title, [])
            sections.append(box)
            current = box
            continue
        if box is not None and box.id != "box1" and (m := _BOX_ITEM.match(line)):
            i = int(m.group(1))
            title = re.split(r"[。.]", m.group(2), maxsplit=1)[0].strip()
            current = Section(f"{box.id}-{i}", box.id, "box_item", f"{box.label_zh}-{i}", title, [line])
            sections.append(current)
            continue
        current.lines.append(line)
    return _split_headline_table(sections)


def _split_headline_table(sections: list[Section]) -> list[Section]:
    """专栏1 is a table flattened to one cell a line: cut it into its 13 numbered rows."""
    out: list[Section] = []
    for sec in sections:
        out.append(sec)
        if sec.id != "box1":
            continue
        cells = [c for c in sec.lines if c]
        expected, row, rows = 1, None, []
        for idx, cell in enumerate(cells):
            nxt = cells[idx + 1] if idx + 1 < len(cells) else ""
            if cell == str(expected) and nxt and not re.fullmatch(r"[\d.>]+", nxt):
                row = [cell]
                rows.append(row)
                expected += 1
            elif row is not None and cell != "乡村宜居宜业":
                row.append(cell)
        for n, cells_of_row in enumerate(rows, start=1):
            title = cells_of_row[1] if len(cells_of_row) > 1 else ""
            out.append(Section(f"box1-{n}", "box1", "box_item", f"专栏1-{n}", title, [" ".join(cells_of_row)]))
    return out


def section_id_for_clause(clause: str) -> str:
    """'专栏1-9' → 'box1-9'; '第八章第六节' → 'ch8-s6'; '第四章' → 'ch4'."""
    clause = clause.strip()
    if m := re.fullmatch(r"专栏(\d+)(?:-(\d+))?", clause):
        return f"box{m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
    if m := re.fullmatch(rf"第([{CN_NUM}]+)章(?:第([{CN_NUM}]+)节)?", clause):
        ch = cn_to_int(m.group(1))
        return f"ch{ch}" + (f"-s{cn_to_int(m.group(2))}" if m.group(2) else "")
    raise ValueError(f"unrecognised clause: {clause!r}")


def normalise(text: str) -> str:
    """Whitespace-insensitive form used to check that a sentence lies inside a section's text."""
    return re.sub(r"\s+", "", text)
