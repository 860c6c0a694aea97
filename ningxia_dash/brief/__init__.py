"""Meeting briefs (汇报材料) as PDF and PPTX: `build_brief(db, "pdf" | "pptx", …)` → bytes (the brief's
modules are imported lazily, so the CLI starts fast).

content.py assembles what the brief says (pure), loading.py reads it through the gateway, county_figure.py and
render.py draw the figures (plotly → PNG with kaleido and the system Chromium), fonts.py finds an embeddable CJK
font, pdf_writer.py and pptx_writer.py lay it out, cli.py is `python -m ningxia_dash export-brief`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ningxia_dash.brief.loading import BriefRequestError
from ningxia_dash.i18n import Lang

if TYPE_CHECKING:
    from ningxia_dash.brief.content import Brief
    from ningxia_dash.brief.render import Images
    from ningxia_dash.store.db import Database

Format = Literal["pdf", "pptx"]
FORMATS: tuple[Format, ...] = ("pdf", "pptx")
MIME: dict[str, str] = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

__all__ = ["FORMATS", "MIME", "BriefRequestError", "Format", "brief_content", "build_brief", "write_brief"]


def brief_content(
    db: Database, plan_id: str | None = None, year: int | None = None, lang: Lang = "zh", now: datetime | None = None
) -> Brief:
    """What the brief says for a plan as of a year (default: the plan's latest data year)."""
    from ningxia_dash.brief.content import assemble
    from ningxia_dash.brief.loading import load_inputs

    return assemble(load_inputs(db, plan_id, year), lang, now or datetime.now())


def build_brief(
    db: Database,
    fmt: Format,
    plan_id: str | None = None,
    year: int | None = None,
    lang: Lang = "zh",
    now: datetime | None = None,
) -> bytes:
    """The brief as a PDF or PPTX file's bytes (figures that cannot be rendered are replaced by a note)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown brief format {fmt!r}")
    from ningxia_dash.brief.render import render_figures

    brief = brief_content(db, plan_id, year, lang, now)
    return write_brief(brief, render_figures(brief), fmt)


def write_brief(brief: Brief, images: Images, fmt: Format) -> bytes:
    """Lay out an assembled brief with its rendered figures (both formats share one rendering)."""
    if fmt == "pdf":
        from ningxia_dash.brief.pdf_writer import write_pdf

        return write_pdf(brief, images)
    from ningxia_dash.brief.pptx_writer import write_pptx

    return write_pptx(brief, images)
