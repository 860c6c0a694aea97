"""The brief as an A4 PDF: title page, then one part per section, page footer with the brief's stamp. Text is real text in an embedded CJK font (fonts.py), so it can be searched and copied."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ningxia_dash.brief.content import Brief
from ningxia_dash.brief.fonts import PdfFonts, pdf_fonts
from ningxia_dash.brief.render import Images
from ningxia_dash.i18n import t
from ningxia_dash.style import STATUS_COLOURS

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
INK, MUTED, ACCENT, RULE = colors.HexColor("#1f1f1f"), colors.HexColor("#5f5f5f"), colors.HexColor("#9b1c22"), colors.HexColor("#d0d0d0")  # fmt: skip
DEMO = colors.HexColor("#b35900")


def tint(hex_colour: str, share: float = 0.16) -> colors.Color:
    """A light version of a status colour for cell backgrounds (text stays dark and readable)."""
    c = colors.HexColor(hex_colour)
    return colors.Color(1 - (1 - c.red) * share, 1 - (1 - c.green) * share, 1 - (1 - c.blue) * share)


class Writer:
    def __init__(self, brief: Brief, images: Images, fonts: PdfFonts) -> None:
        self.b, self.images, self.f = brief, images, fonts
        # CJK wrapping breaks between any two characters: right for Chinese, wrong inside English words
        wrap = {"wordWrap": "CJK"} if brief.lang == "zh" else {}
        base = {"fontName": fonts.body, "bulletFontName": fonts.body, "textColor": INK, **wrap}
        self.s = {
            "kicker": ParagraphStyle("kicker", fontSize=12, leading=16, textColor=ACCENT, **_no_colour(base)),
            "title": ParagraphStyle("title", fontSize=21, leading=30, spaceAfter=6, **base),
            "subtitle": ParagraphStyle("subtitle", fontSize=14, leading=20, textColor=MUTED, **_no_colour(base)),
            "h1": ParagraphStyle("h1", fontSize=15, leading=21, spaceBefore=10, spaceAfter=8, textColor=ACCENT,
                                 **_no_colour(base)),
            "h2": ParagraphStyle("h2", fontSize=11.5, leading=16, spaceBefore=6, spaceAfter=4, **base),
            "body": ParagraphStyle("body", fontSize=10, leading=15.5, spaceAfter=4, **base),
            "small": ParagraphStyle("small", fontSize=8.5, leading=12.5, textColor=MUTED, **_no_colour(base)),
            "cell": ParagraphStyle("cell", fontSize=8.3, leading=11.2, **base),
            "head": ParagraphStyle("head", fontSize=8.5, leading=11.5, textColor=colors.white, **_no_colour(base)),
            "count": ParagraphStyle("count", fontSize=20, leading=24, alignment=TA_CENTER, **base),
            "centre": ParagraphStyle("centre", fontSize=9, leading=12, alignment=TA_CENTER, **base),
            "demo": ParagraphStyle("demo", fontSize=9.5, leading=14.5, textColor=DEMO, **_no_colour(base)),
        }  # fmt: skip

    def ts(self, commands: list[tuple[Any, ...]]) -> TableStyle:
        """A table style whose cells use the CJK font (reportlab sets Helvetica on every cell otherwise)."""
        return TableStyle([("FONTNAME", (0, 0), (-1, -1), self.f.body), *commands])

    def p(self, text: str, style: str = "body", colour: str | None = None) -> Paragraph:
        body = self.f.markup(text)
        return Paragraph(f'<font color="{colour}">{body}</font>' if colour else body, self.s[style])

    # ------------------------------------------------------------ parts

    def title_page(self) -> list[Flowable]:
        b = self.b
        facts = Table([[self.p(k, "small"), self.p(v)] for k, v in b.facts], colWidths=[38 * mm, WIDTH - 38 * mm])
        facts.setStyle(self.ts([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))  # fmt: skip
        out: list[Flowable] = [Spacer(1, 30 * mm), self.p(b.texts["title"], "kicker"), Spacer(1, 3 * mm),
                               self.p(f"《{b.title}》" if b.lang == "zh" else b.title, "title"),
                               self.p(b.subtitle, "subtitle"), Spacer(1, 12 * mm), facts, Spacer(1, 10 * mm)]  # fmt: skip
        if b.demo:
            out.append(self.boxed([self.p(b.texts["demo_title"], "h2", "#b35900"), self.p(b.disclaimer, "demo")], DEMO))
        out.append(PageBreak())
        return out

    def boxed(self, flowables: list[Flowable], edge: colors.Color, fill: colors.Color | None = None) -> Table:
        box = Table([[flowables]], colWidths=[WIDTH])
        box.setStyle(self.ts([("LINEBEFORE", (0, 0), (0, -1), 3, edge), ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                                 ("BACKGROUND", (0, 0), (-1, -1), fill or colors.white),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 5),
                                 ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))  # fmt: skip
        return box

    def image(self, key: str, max_height: float, max_width: float = WIDTH) -> Flowable:
        png = self.images.png.get(key)
        if png is None:
            return self.p(self.b.texts["image_missing"].format(reason=self.images.error or key), "small")
        w, h = self.images.size[key]
        scale = min(max_width / w, max_height / h)
        img = Image(io.BytesIO(png), width=w * scale, height=h * scale)
        img.hAlign = "CENTER"
        return img

    def summary(self) -> list[Flowable]:
        b = self.b
        heads = [self.p(c.label, "centre", STATUS_COLOURS[c.status]) for c in b.counts]
        counts = [self.p(str(c.n), "count") for c in b.counts]
        binding = [self.p(f"{b.texts['col.binding']} {c.binding}", "centre") for c in b.counts]
        grid = Table([heads, counts, binding], colWidths=[WIDTH / len(b.counts)] * len(b.counts))
        style: list[tuple[Any, ...]] = [("BOX", (0, 0), (-1, -1), 0.4, RULE), ("INNERGRID", (0, 0), (-1, -1), 0.4, colors.white),
                                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 4)]  # fmt: skip
        style += [("BACKGROUND", (i, 0), (i, -1), tint(STATUS_COLOURS[c.status])) for i, c in enumerate(b.counts)]
        grid.setStyle(self.ts(style))
        out: list[Flowable] = [self.p(b.headings["summary"], "h1"), self.p(b.summary), Spacer(1, 3 * mm), grid]
        if not b.bullets.empty:
            out += [Spacer(1, 5 * mm), self.p(b.texts["bullets_title"], "h2"), self.image("bullets", 170 * mm),
                    self.p(b.texts["bullets_note"], "small")]  # fmt: skip
        return out

    def alerts(self) -> list[Flowable]:
        b = self.b
        out: list[Flowable] = [CondPageBreak(60 * mm), self.p(b.headings["alerts"], "h1")]
        if not b.alerts:
            return [*out, self.p(b.texts["no_alerts"])]
        for a in b.alerts:
            colour = STATUS_COLOURS[a.status]
            inner = [self.p(f"{a.name}{b.gap}{a.clause}", "h2"), self.p(a.status_text, "body", colour),
                     self.p(b.kv(b.texts["col.target"], a.target) + b.gap + b.kv(b.texts["col.latest"], a.latest)),
                     self.p(b.kv(b.texts["why"], a.explanation))]  # fmt: skip
            inner += [self.p(b.kv(b.texts["notes"], n), "small") for n in a.notes]
            out += [KeepTogether(self.boxed(inner, colors.HexColor(colour), tint(colour, 0.07))), Spacer(1, 3 * mm)]
        return out

    def gauges(self) -> list[Flowable]:
        b = self.b
        return [PageBreak(), self.p(b.headings["gauges"], "h1"), self.image("gauges", 205 * mm),
                self.p(b.texts["gauges_note"], "small")]  # fmt: skip

    def county_map(self) -> list[Flowable]:
        b, m = self.b, self.b.county_map
        out: list[Flowable] = [PageBreak(), self.p(b.headings["map"], "h1")]
        if m is None:
            return [*out, self.p(b.texts["no_map"])]
        tally = Table([[self.p(label, "cell"), self.p(names, "cell")] for label, names in m.by_status],
                      colWidths=[26 * mm, WIDTH - 26 * mm])  # fmt: skip
        tally.setStyle(self.ts([("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [*out, self.p(m.title, "h2"), self.image("map", 170 * mm), self.p(m.caption, "small"), tally,
                self.p(b.texts["map_stars"], "small")]  # fmt: skip

    def table(self) -> list[Flowable]:
        b = self.b
        x = b.texts
        head = [self.p(x[k], "head") for k in ("col.clause", "col.name", "col.attribute", "col.target", "col.latest",
                                               "col.status")]  # fmt: skip
        data = [head] + [[self.p(r.clause, "cell"), self.p(r.name, "cell"), self.p(r.attribute, "cell"),
                          self.p(r.target, "cell"), self.p(r.latest, "cell"),
                          self.p(r.status_text, "cell", STATUS_COLOURS[r.status])] for r in b.table]  # fmt: skip
        widths = [19 * mm, 52 * mm, 16 * mm, 30 * mm, 33 * mm, 24 * mm]
        tbl = Table(data, colWidths=widths, repeatRows=1)
        style: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#3b4a5a")), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE), ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5), ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]  # fmt: skip
        style += [
            ("BACKGROUND", (5, i), (5, i), tint(STATUS_COLOURS[r.status], 0.14)) for i, r in enumerate(b.table, 1)
        ]
        tbl.setStyle(self.ts(style))
        return [PageBreak(), self.p(b.headings["table"], "h1"), tbl]

    def sources(self) -> list[Flowable]:
        b = self.b
        out: list[Flowable] = [CondPageBreak(80 * mm), Spacer(1, 6 * mm), self.p(b.headings["sources"], "h1"),
                               self.p(b.texts["sources_used"], "h2")]  # fmt: skip
        rows = [[self.p(s.kind_text, "cell"), [self.p(s.title, "cell"), *([self.p(s.url, "small")] if s.url else [])]]
                for s in b.sources]  # fmt: skip
        if rows:
            tbl = Table(rows, colWidths=[16 * mm, WIDTH - 16 * mm])
            tbl.setStyle(self.ts([("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.append(tbl)
        if b.demo:
            out += [Spacer(1, 4 * mm), self.boxed([self.p(b.texts["demo_title"], "h2", "#b35900"),
                                                   self.p(b.disclaimer, "demo")], DEMO)]  # fmt: skip
        out += [Spacer(1, 4 * mm), self.p(b.texts["reading_notes"], "h2")]
        out += [self.p(n, "small") for n in b.notes]
        return out

    def story(self) -> list[Flowable]:
        return [*self.title_page(), *self.summary(), *self.alerts(), *self.gauges(), *self.county_map(),
                *self.table(), *self.sources()]  # fmt: skip


def _no_colour(base: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in base.items() if k != "textColor"}


def write_pdf(brief: Brief, images: Images) -> bytes:
    fonts = pdf_fonts()
    writer = Writer(brief, images, fonts)
    buf = io.BytesIO()

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(fonts.body, 7.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, 10 * mm, brief.footer)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, t("brief.page", brief.lang, page=doc.page))
        if brief.demo:
            canvas.setFillColor(DEMO)
            canvas.drawRightString(A4[0] - MARGIN, A4[1] - 10 * mm, brief.texts["demo_mark"])
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN + 4 * mm,
        title=f"{brief.texts['title']} · {brief.short_title}", author=brief.facts[1][1], subject=brief.subtitle,
        creator="ningxia_dash", initialFontName=fonts.body, lang="zh-CN" if brief.lang == "zh" else "en",
    )  # fmt: skip
    doc.build(writer.story(), onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
