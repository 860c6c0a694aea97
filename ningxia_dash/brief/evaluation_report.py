"""终期评估报告: the final-evaluation draft as a Word document officers finish and file (python-docx), and the same
table as xlsx. Reads through the gateway's named queries; what it says comes from ningxia_dash.evaluation, so
the document agrees with the page (python-docx is imported lazily).

Layout follows government reports: A4, 仿宋 body and 黑体 headings (East Asian font names set on every run so Word
and WPS pick them; where a font is absent the reader substitutes its own), three-line tables, page numbers in the
footer, and — whenever a number rests on sample data — a warning in every page header and, on those rows, the
same mark as on the screens: the verdict followed by （示例） / (sample), derived from the data's source kinds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd

from ningxia_dash import config
from ningxia_dash.brief.loading import choose_plan
from ningxia_dash.export import to_xlsx_bytes
from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import chapter_label, clause_label, source_title, target_text, value_text
from ningxia_dash.plan import Plan
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking import assess, evaluation
from ningxia_dash.views import demo_marked, rests_on_demo

BODY_FONT, HEAD_FONT = "仿宋", "黑体"
COLUMN_MM = (38, 18, 22, 18, 25, 23, 16)  # 指标 基期值 目标值 实际 结论 差距 来源: the 160 mm between the margins


@dataclass(frozen=True)
class EvaluationInputs:
    plan: Plan
    as_of: int
    rows: pd.DataFrame  # evaluation.evaluation_rows
    sources: pd.DataFrame
    chapters: dict[int, str]  # chapter number → its title in the plan
    data_version: str


def load_evaluation(db: Database, plan_id: str | None = None) -> EvaluationInputs:
    """Everything the report says, as of the plan's last year, for the province."""
    plan = choose_plan(queries.plans(db), plan_id)
    pid, as_of = plan.id, plan.period_end
    indicators = queries.indicators(db, pid)
    verdicts = assess.evaluate_region(
        indicators, queries.observations(db, pid), queries.reference_values(db), plan.baseline_year, as_of,
        config.PROVINCE_CODE,
    )  # fmt: skip
    sections = queries.plan_sections(db, pid)
    chapters = {
        int(str(r["id"])[2:]): str(r["title_zh"])
        for _, r in sections[sections["kind"] == "chapter"].iterrows()
        if str(r["id"]).startswith("ch") and str(r["id"])[2:].isdigit()
    }
    return EvaluationInputs(
        plan, as_of, evaluation.evaluation_rows(indicators, verdicts), queries.sources(db), chapters,
        queries.data_version(db),
    )  # fmt: skip


def write_xlsx(inputs: EvaluationInputs, lang: Lang) -> bytes:
    return to_xlsx_bytes(evaluation.evaluation_table(inputs.rows, lang).drop(columns=["id"]))


# --- Word ---------------------------------------------------------------------------------------------------------


def _font(run: Any, name: str, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.bold = bold
    if size:
        run.font.size = Pt(size)
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), name)


def _para(doc: Any, text: str, font: str = BODY_FONT, size: float = 14, bold: bool = False, align: str = "",
          indent: bool = False) -> Any:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(4)
    _font(p.add_run(text), font, size, bold)
    return p


def _three_line(table: Any) -> None:
    """Top and bottom rules 1.5 pt, a 0.75 pt rule under the header, no vertical lines (三线表)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def border(parent: Any, edge: str, size: int) -> None:
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if size else "nil")
        el.set(qn("w:sz"), str(size))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        parent.append(el)

    borders = OxmlElement("w:tblBorders")
    for edge, size in (("top", 12), ("left", 0), ("bottom", 12), ("right", 0), ("insideH", 0), ("insideV", 0)):
        border(borders, edge, size)
    table._tbl.tblPr.append(borders)
    for cell in table.rows[0].cells:
        cell_borders = OxmlElement("w:tcBorders")
        border(cell_borders, "bottom", 6)
        cell._tc.get_or_add_tcPr().append(cell_borders)


def _page_number(paragraph: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _final_cell(row: pd.Series, as_of: int, lang: Lang) -> str:
    """The final value; its year only when it is not the column's year."""
    if pd.isna(row.get("final_value")):
        return t("common.none", lang)
    text = value_text(row["final_value"], row["unit"], lang)
    year = int(row["final_year"])
    return text if year == as_of else text + (f"（{year}年）" if lang == "zh" else f" ({year})")


def report_table_rows(rows: pd.DataFrame, lang: Lang, as_of: int) -> list[list[str]]:
    """The cells of a chapter's table, demo rows marked: 指标, 基期值, 目标值, 期末实际, 评估结论, 差距, 数据来源."""
    shown = evaluation.evaluation_table(rows, lang)
    out = []
    for (_, row), (_, cells) in zip(rows.iterrows(), shown.iterrows(), strict=True):
        out.append([
            str(cells[t("col.indicator", lang)]), str(cells[t("col.baseline", lang)]),
            str(cells[t("col.target", lang)]), _final_cell(row, as_of, lang),
            str(cells[t("evaluation.col.verdict", lang)]), str(cells[t("evaluation.col.gap", lang)]),
            str(cells[t("col.source", lang)]),
        ])  # fmt: skip
    return out


def report_headers(lang: Lang, as_of: int) -> list[str]:
    return [
        t("col.indicator", lang), t("col.baseline", lang), t("col.target", lang),
        t("report.col.final", lang, year=as_of), t("evaluation.col.verdict", lang), t("evaluation.col.gap", lang),
        t("col.source", lang),
    ]  # fmt: skip


def write_docx(inputs: EvaluationInputs, lang: Lang, generated_at: datetime) -> bytes:
    """The report as .docx bytes."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    plan, rows, as_of = inputs.plan, inputs.rows, inputs.as_of
    n_demo = evaluation.demo_count(rows)
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(30),
        Mm(28),
        Mm(26),
        Mm(24),
    )
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = BODY_FONT, Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", BODY_FONT
    )

    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head_text = t("report.header_demo", lang) if n_demo else t("report.header", lang, plan=_plan_name(plan, lang))
    _font(header.add_run(head_text), BODY_FONT, 9, bold=bool(n_demo))
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)

    # title page
    for _ in range(4):
        doc.add_paragraph()
    _para(doc, _plan_title(plan, lang), HEAD_FONT, 20, bold=True, align="center")
    _para(doc, t("report.title", lang), HEAD_FONT, 22, bold=True, align="center")
    _para(doc, plan.doc_number, BODY_FONT, 14, align="center")
    doc.add_paragraph()
    _para(doc, t("report.as_of", lang, year=as_of), BODY_FONT, 14, align="center")
    _para(doc, t("report.generated", lang, when=generated_at.strftime("%Y-%m-%d %H:%M"), version=inputs.data_version),
          BODY_FONT, 12, align="center")  # fmt: skip
    if n_demo:
        _para(doc, t("report.demo_notice", lang, n=n_demo, total=len(rows)), HEAD_FONT, 12, bold=True, align="center")
    doc.add_page_break()

    # 一、总体情况
    _para(doc, t("report.h.summary", lang), HEAD_FONT, 16)
    _para(doc, evaluation.summary_sentence(rows, as_of, lang), indent=True)
    _para(doc, t("report.rule", lang), size=12, indent=True)

    # 二、分章节
    _para(doc, t("report.h.chapters", lang), HEAD_FONT, 16)
    for chapter, part in rows.groupby("chapter_no", sort=True):
        title = inputs.chapters.get(int(chapter), "")
        label = chapter_label(int(chapter), lang) + (f"　{title}" if lang == "zh" and title else "")
        _para(doc, label, HEAD_FONT, 14)
        cells = report_table_rows(part, lang, as_of)
        table = doc.add_table(rows=1 + len(cells), cols=7)
        table.autofit = False
        for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), COLUMN_MM, strict=True):
            grid_col.set(qn("w:w"), str(int(Mm(width) / 635)))  # twips: LibreOffice and WPS read the grid
        for column, width in zip(table.columns, COLUMN_MM, strict=True):
            for cell in column.cells:
                cell.width = Mm(width)
        size = 10.5 if lang == "zh" else 9  # English words are longer than the columns are wide
        for i, text in enumerate(report_headers(lang, as_of)):
            _font(table.rows[0].cells[i].paragraphs[0].add_run(text), HEAD_FONT, size, bold=True)
        for r, line in enumerate(cells, start=1):
            for i, text in enumerate(line):
                _font(table.rows[r].cells[i].paragraphs[0].add_run(text), BODY_FONT, size)
        _three_line(table)
        doc.add_paragraph()
    if n_demo:
        _para(doc, t("report.demo_rows", lang, mark=t("prov.demo_mark", lang, text="")), size=10.5)

    # 三、未完成与无法评估的目标
    _para(doc, t("report.h.unmet", lang), HEAD_FONT, 16)
    unmet = rows[rows["verdict"].isin(["not_met", "cannot_assess"])]
    if unmet.empty:
        _para(doc, t("report.none_unmet", lang), indent=True)
    for _, row in unmet.iterrows():
        name = pick(lang, row["name_zh"], row["name_en"])
        heading = (
            f"{name}（{clause_label(str(row['clause']), lang)}）"
            if lang == "zh"
            else f"{name} ({clause_label(str(row['clause']), lang)})"
        )
        _para(doc, demo_marked(heading, rests_on_demo(row), lang), HEAD_FONT, 12)
        _para(doc, t("report.sentence", lang, text=row["source_sentence"]), size=12, indent=True)
        _para(doc, t("report.numbers", lang, target=target_text(row, lang),
                     why=row["explanation_zh" if lang == "zh" else "explanation_en"]), size=12, indent=True)  # fmt: skip

    # 附件：数据来源
    _para(doc, t("report.h.sources", lang), HEAD_FONT, 16)
    for _, src in inputs.sources.iterrows():
        url = src["url"] if isinstance(src.get("url"), str) and src["url"] else t("report.no_address", lang)
        _para(
            doc,
            f"{t('prov.' + str(src['kind']), lang)}｜{source_title(src['kind'], src['title'], lang)}｜{url}",
            size=10.5,
        )

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _plan_name(plan: Plan, lang: Lang) -> str:
    return plan.short(lang)


def _plan_title(plan: Plan, lang: Lang) -> str:
    return f"《{plan.title_zh}》" if lang == "zh" else plan.title_en


def build_report(db: Database, fmt: str, plan_id: str | None = None, lang: Lang = "zh") -> bytes:
    inputs = load_evaluation(db, plan_id)
    return write_docx(inputs, lang, datetime.now()) if fmt == "docx" else write_xlsx(inputs, lang)
