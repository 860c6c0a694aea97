"""Fonts for the PDF: an embeddable CJK TrueType font and a symbol font for the status marks.

reportlab embeds (subsets) TrueType-outline fonts only; Noto Sans CJK is CFF-outline OpenType, which it cannot
read. WenQuanYi Zen Hei (Debian `fonts-wqy-zenhei`, installed by `make system-deps`) is a TrueType collection it
loads with subfontIndex=0, so Chinese text is embedded and extractable. `$NINGXIA_PDF_FONT` (path[:index]) picks
another TrueType font. WenQuanYi has no ✔/✖, so those marks are set in DejaVu Sans (`fonts-dejavu-core`). With no
TrueType CJK font on the machine the PDF falls back to reportlab's built-in CID font STSong-Light: text stays
Chinese and extractable, but the font is not embedded (the viewer supplies it) — a warning says so.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from ningxia_dash.safe_text import xml_text

CJK_CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
)
SYMBOL_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",)
CJK_NAME, SYMBOL_NAME, CID_NAME = "BriefCJK", "BriefSymbol", "STSong-Light"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PdfFonts:
    body: str  # registered font name for all text
    symbol: str | None  # font for characters the body font lacks (✔ ✖), when one was found
    embedded: bool
    file: str | None
    body_chars: frozenset[int]  # code points the body font has (empty: unknown, assume all)

    def markup(self, text: str) -> str:
        """Text escaped for a reportlab Paragraph, characters the body font lacks set in the symbol font."""
        if not self.symbol:
            return xml_text(text)
        out = []
        for ch in text:
            e = xml_text(ch)
            missing = ord(ch) not in self.body_chars if self.body_chars else ch in "✔✖"
            out.append(f'<font name="{self.symbol}">{e}</font>' if ord(ch) > 0x2000 and missing else e)
        return "".join(out)


def _candidates() -> list[tuple[str, int]]:
    env = os.environ.get("NINGXIA_PDF_FONT")
    found = []
    if env:
        path, _, index = env.partition(":")
        found.append((path, int(index) if index.isdigit() else 0))
    return found + list(CJK_CANDIDATES)


@lru_cache(maxsize=1)
def pdf_fonts() -> PdfFonts:
    """Register the fonts once per process and say which were found."""
    symbol = None
    for path in SYMBOL_CANDIDATES:
        if os.path.isfile(path):
            pdfmetrics.registerFont(TTFont(SYMBOL_NAME, path))
            symbol = SYMBOL_NAME
            break
    for path, index in _candidates():
        if not os.path.isfile(path):
            continue
        try:
            font = TTFont(CJK_NAME, path, subfontIndex=index)
        except Exception as exc:
            log.warning("cannot use %s for the PDF: %s", path, exc)
            continue
        pdfmetrics.registerFont(font)
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(CJK_NAME, bold, italic, CJK_NAME)  # no bold face: <b> keeps the same font
        return PdfFonts(CJK_NAME, symbol, True, path, frozenset(font.face.charToGlyph))
    log.warning("no TrueType CJK font found (install fonts-wqy-zenhei): the PDF uses %s, not embedded", CID_NAME)
    pdfmetrics.registerFont(UnicodeCIDFont(CID_NAME))
    return PdfFonts(CID_NAME, symbol, False, None, frozenset())
