"""The brief as a 16:9 PPTX: a title slide, then one slide per section (long sections continue on slides marked
'（续）'); every run names an East-Asian font so Chinese shows in a Chinese face on Windows."""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import TypeVar

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationT
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from ningxia_dash.brief.content import Brief
from ningxia_dash.brief.render import Images
from ningxia_dash.style import STATUS_COLOURS

FONT = "Microsoft YaHei"  # what Chinese offices have; viewers without it substitute their own CJK face
W, H = Inches(13.333), Inches(7.5)
LEFT, TOP = Inches(0.55), Inches(1.25)
BODY_W, BODY_H = W - 2 * LEFT, H - TOP - Inches(0.55)
INK, MUTED, ACCENT, DEMO = "1F1F1F", "5F5F5F", "9B1C22", "B35900"
TABLE_ROWS = {"zh": 14, "en": 10}  # rows of the all-targets table per slide (English names wrap to two lines)
ALERTS_PER_SLIDE = 3
SOURCES_PER_SLIDE = 12
BLANK_TITLE_ONLY, TITLE_SLIDE = 5, 0
T = TypeVar("T")


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def tint(hex_colour: str, share: float = 0.16) -> RGBColor:
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    return RGBColor(*(round(255 - (255 - c) * share) for c in rgb))


def add_text(tf: TextFrame, text: str, size: float, colour: str = INK, bold: bool = False,
             align: PP_ALIGN | None = None, space_after: float = 4) -> None:  # fmt: skip
    """A new paragraph in the text frame (the first one fills the empty paragraph a new frame has)."""
    para = tf.add_paragraph() if len(tf.paragraphs) > 1 or tf.paragraphs[0].runs else tf.paragraphs[0]
    if align is not None:
        para.alignment = align
    para.space_after = Pt(space_after)
    run = para.add_run()
    run.text = text
    font = run.font
    font.size, font.bold, font.color.rgb = Pt(size), bold, _rgb(colour)
    font.name = FONT  # a:latin
    rpr = run._r.get_or_add_rPr()
    latin = rpr.find(qn("a:latin"))
    for tag in ("a:cs", "a:ea"):  # schema order: latin, ea, cs
        el = rpr.find(qn(tag))
        if el is None:
            el = etree.SubElement(rpr, qn(tag))
            latin.addnext(el)
        el.set("typeface", FONT)


def textbox(slide: Slide, left: int, top: int, width: int, height: int) -> TextFrame:
    tf = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height)).text_frame
    tf.word_wrap = True
    return tf


class Deck:
    def __init__(self, brief: Brief, images: Images) -> None:
        self.b, self.images = brief, images
        self.prs: PresentationT = Presentation()
        self.prs.slide_width, self.prs.slide_height = W, H

    def slide(self, title: str) -> Slide:
        s = self.prs.slides.add_slide(self.prs.slide_layouts[BLANK_TITLE_ONLY])
        shape = s.shapes.title
        shape.left, shape.top, shape.width, shape.height = LEFT, Inches(0.3), BODY_W, Inches(0.8)
        tf = shape.text_frame
        tf.clear()
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        add_text(tf, title, 26, ACCENT, bold=True, align=PP_ALIGN.LEFT, space_after=0)
        foot = textbox(s, LEFT, H - Inches(0.45), BODY_W, Inches(0.35))
        add_text(foot, self.b.footer + (f"  ·  {self.b.texts['demo_mark']}" if self.b.demo else ""), 10, MUTED)
        return s

    def picture(self, s: Slide, key: str, left: int, top: int, max_w: int, max_h: int) -> None:
        png = self.images.png.get(key)
        if png is None:
            reason = self.b.texts["image_missing"].format(reason=self.images.error or key)
            add_text(textbox(s, left, top, max_w, Inches(1)), reason, 14, MUTED)
            return
        w, h = self.images.size[key]
        scale = min(max_w / w, max_h / h)
        pw, ph = int(w * scale), int(h * scale)
        s.shapes.add_picture(io.BytesIO(png), Emu(left + (max_w - pw) // 2), Emu(top), Emu(pw), Emu(ph))

    # ------------------------------------------------------------ slides

    def title_slide(self) -> None:
        b = self.b
        s = self.prs.slides.add_slide(self.prs.slide_layouts[TITLE_SLIDE])
        title, sub = s.shapes.title, s.placeholders[1]
        title.left, title.top, title.width, title.height = LEFT, Inches(0.7), BODY_W, Inches(2.5)
        sub.left, sub.top, sub.width, sub.height = LEFT, Inches(3.3), BODY_W, Inches(3.9)
        tf = title.text_frame
        tf.clear()
        tf.word_wrap = True
        add_text(tf, b.texts["title"], 20, ACCENT, align=PP_ALIGN.LEFT)
        size = 30 if len(b.title) <= 50 else 24 if len(b.title) <= 120 else 20
        add_text(tf, f"《{b.title}》" if b.lang == "zh" else b.title, size, INK, bold=True, align=PP_ALIGN.LEFT)
        st = sub.text_frame
        st.clear()
        st.word_wrap = True
        add_text(st, b.subtitle, 20, MUTED, align=PP_ALIGN.LEFT, space_after=10)
        for k, v in b.facts:
            add_text(st, b.kv(k, v), 14, INK, align=PP_ALIGN.LEFT, space_after=2)
        if b.demo:
            add_text(st, b.disclaimer, 12, DEMO, align=PP_ALIGN.LEFT)

    def summary(self) -> None:
        b = self.b
        s = self.slide(b.headings["summary"])
        add_text(textbox(s, LEFT, TOP, BODY_W, Inches(0.8)), b.summary, 16)
        box_w, box_h, gap, top = Inches(3.2), Inches(0.8), Inches(0.09), TOP + Inches(0.95)
        for i, c in enumerate(b.counts):
            shape = s.shapes.add_shape(MSO_SHAPE.RECTANGLE, LEFT, Emu(top + i * (box_h + gap)), box_w, box_h)
            shape.fill.solid()
            shape.fill.fore_color.rgb = tint(STATUS_COLOURS[c.status])
            shape.line.color.rgb = _rgb(STATUS_COLOURS[c.status])
            tf = shape.text_frame
            add_text(tf, f"{c.label}{b.gap}{c.n}", 20, STATUS_COLOURS[c.status] if c.status not in ("no_data", "cannot_assess") else MUTED,
                     bold=True, align=PP_ALIGN.LEFT, space_after=0)  # fmt: skip
            add_text(tf, f"{b.texts['col.binding']} {c.binding}", 12, INK, align=PP_ALIGN.LEFT, space_after=0)
        if not b.bullets.empty:
            x = LEFT + box_w + Inches(0.35)
            add_text(textbox(s, x, top - Inches(0.05), W - x - LEFT, Inches(0.4)), b.texts["bullets_title"], 14)
            self.picture(s, "bullets", x, top + Inches(0.4), W - x - LEFT, Inches(4.2))

    def alerts(self) -> None:
        b = self.b
        pages = _chunks(b.alerts, ALERTS_PER_SLIDE) or [[]]
        for i, part in enumerate(pages):
            s = self.slide(self._title("alerts", i))
            tf = textbox(s, LEFT, TOP, BODY_W, BODY_H)
            if not part:
                add_text(tf, b.texts["no_alerts"], 18)
            for a in part:
                add_text(tf, f"{a.name}{b.gap}{a.clause}", 18, bold=True)
                add_text(tf, a.status_text, 16, STATUS_COLOURS[a.status], bold=True, space_after=2)
                add_text(tf, b.kv(b.texts["col.target"], a.target) + b.gap + b.kv(b.texts["col.latest"], a.latest), 14)
                add_text(tf, b.kv(b.texts["why"], a.explanation), 14)
                for n in a.notes:
                    add_text(tf, b.kv(b.texts["notes"], n), 12, MUTED)
                add_text(tf, " ", 8)

    def gauges(self) -> None:
        s = self.slide(self.b.headings["gauges"])
        self.picture(s, "gauges", LEFT, TOP, BODY_W, BODY_H - Inches(0.55))
        add_text(textbox(s, LEFT, H - Inches(0.95), BODY_W, Inches(0.5)), self.b.texts["gauges_note"], 11, MUTED)

    def county_map(self) -> None:
        b, m = self.b, self.b.county_map
        s = self.slide(b.headings["map"])
        if m is None:
            add_text(textbox(s, LEFT, TOP, BODY_W, Inches(1)), b.texts["no_map"], 18)
            return
        map_w = Inches(6.2)
        self.picture(s, "map", LEFT, TOP, map_w, BODY_H)
        x = LEFT + map_w + Inches(0.4)
        tf = textbox(s, x, TOP, W - x - LEFT, BODY_H)
        add_text(tf, m.title, 20, bold=True)
        for label, names in m.by_status:
            add_text(tf, b.kv(label, names), 15, space_after=6)
        add_text(tf, b.texts["map_stars"], 12, MUTED)
        add_text(tf, m.caption, 12, MUTED)
        add_text(tf, b.notes[-1], 11, MUTED)

    def table(self) -> None:
        b = self.b
        keys = ("col.clause", "col.name", "col.attribute", "col.target", "col.latest", "col.status")
        widths = [Inches(x) for x in (1.35, 4.35, 1.1, 2.0, 2.2, 1.23)]
        for i, part in enumerate(_chunks(b.table, TABLE_ROWS[b.lang])):
            s = self.slide(self._title("table", i))
            shape = s.shapes.add_table(
                len(part) + 1, len(keys), LEFT, TOP, Emu(BODY_W), Emu(Inches(0.33) * (len(part) + 1))
            )
            tbl = shape.table
            for j, w in enumerate(widths):
                tbl.columns[j].width = w
            for j, k in enumerate(keys):
                self._cell(tbl.cell(0, j), b.texts[k], "FFFFFF", "3B4A5A", bold=True)
            for r, row in enumerate(part, 1):
                zebra = "FFFFFF" if r % 2 else "F4F5F7"
                values = (row.clause, row.name, row.attribute, row.target, row.latest)
                for j, v in enumerate(values):
                    self._cell(tbl.cell(r, j), v, INK, zebra)
                self._cell(tbl.cell(r, 5), row.status_text, STATUS_COLOURS[row.status], str(tint(STATUS_COLOURS[row.status], 0.14)), bold=True)  # fmt: skip

    @staticmethod
    def _cell(cell: object, text: str, colour: str, fill: str, bold: bool = False) -> None:
        c = cell  # pptx.table._Cell
        c.fill.solid()  # type: ignore[attr-defined]
        c.fill.fore_color.rgb = _rgb(fill)  # type: ignore[attr-defined]
        c.margin_top = c.margin_bottom = Inches(0.03)  # type: ignore[attr-defined]
        tf = c.text_frame  # type: ignore[attr-defined]
        tf.clear()
        add_text(tf, text, 11, colour, bold=bold, space_after=0)

    def sources(self) -> None:
        b = self.b
        pages = _chunks(b.sources, SOURCES_PER_SLIDE) or [[]]
        for i, part in enumerate(pages):
            s = self.slide(self._title("sources", i))
            half = (BODY_W - Inches(0.4)) // 2
            tf = textbox(s, LEFT, TOP, half, BODY_H)
            add_text(tf, b.texts["sources_used"], 16, bold=True)
            for src in part:
                add_text(tf, f"[{src.kind_text}] {src.title}", 11, space_after=0)
                if src.url:
                    add_text(tf, src.url, 9, MUTED, space_after=4)
            if i:
                continue
            right = textbox(s, LEFT + half + Inches(0.4), TOP, half, BODY_H)
            if b.demo:
                add_text(right, b.texts["demo_title"], 16, DEMO, bold=True)
                add_text(right, b.disclaimer, 12, DEMO, space_after=10)
            add_text(right, b.texts["reading_notes"], 16, bold=True)
            for n in b.notes:
                add_text(right, n, 11, MUTED)

    def _title(self, section: str, i: int) -> str:
        return self.b.headings[section] + (self.b.texts["continued"] if i else "")

    def build(self) -> bytes:
        self.title_slide()
        self.summary()
        self.alerts()
        self.gauges()
        self.county_map()
        self.table()
        self.sources()
        buf = io.BytesIO()
        self.prs.core_properties.title = f"{self.b.texts['title']} · {self.b.short_title}"
        self.prs.core_properties.subject = self.b.subtitle
        self.prs.core_properties.author = "ningxia_dash"
        self.prs.core_properties.language = "zh-CN" if self.b.lang == "zh" else "en"
        self.prs.save(buf)
        return buf.getvalue()


def _chunks(items: Sequence[T], n: int) -> list[list[T]]:
    return [list(items[i : i + n]) for i in range(0, len(items), n)]


def slide_count(brief: Brief) -> int:
    """How many slides write_pptx makes (tests and the presenter's outline)."""
    pages = math.ceil
    return (1 + 1 + max(pages(len(brief.alerts) / ALERTS_PER_SLIDE), 1) + 1 + 1
            + pages(len(brief.table) / TABLE_ROWS[brief.lang]) + max(pages(len(brief.sources) / SOURCES_PER_SLIDE), 1))  # fmt: skip


def write_pptx(brief: Brief, images: Images) -> bytes:
    return Deck(brief, images).build()
