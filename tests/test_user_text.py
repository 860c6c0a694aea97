"""User text is text: names, notes, document numbers, file names and user names that look like Markdown, HTML or
math are shown literally on every screen and in the brief — no image, link, bold or formula is made of them and no
request leaves the machine. The database comes from tests/hostile.py."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from pypdf import PdfReader

from ningxia_dash import safe_text
from tests.hostile import FILE_PIECES, HOSTILE, IMG_HTML, IMG_MD, PIECES, build_hostile_database

SQUASH = str.maketrans("", "", " \n\t")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("hostile") / "ningxia.duckdb"
    return path, build_hostile_database(path)


# ---------------------------------------------------------------- the escapers (pure)


def test_markdown_escaper_leaves_no_markup() -> None:
    out = safe_text.md(HOSTILE + "\n\n# heading")
    for ch in "![]()<>*$`#":
        assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == ch), (ch, out)
    assert "\n" not in out
    assert safe_text.md_block("a\n**b**") == "a  \n\\*\\*b\\*\\*"
    assert safe_text.md_code("a`b") == "`` a`b ``"


def test_html_and_plotly_escapers() -> None:
    assert "<" not in safe_text.html_text(HOSTILE) and ">" not in safe_text.html_text(HOSTILE)
    assert safe_text.html_text('a"b\n\nc') == "a&quot;b  c"  # no blank line: an HTML block inside Markdown holds
    assert safe_text.plotly_text('<b>"x"</b> & y') == '&lt;b&gt;"x"&lt;/b&gt; &amp; y'


# ---------------------------------------------------------------- the brief


def test_brief_shows_hostile_text_literally(hostile: tuple[Path, dict[str, str]]) -> None:
    from pptx import Presentation

    from ningxia_dash.brief import brief_content
    from ningxia_dash.brief.pdf_writer import write_pdf
    from ningxia_dash.brief.pptx_writer import write_pptx
    from ningxia_dash.brief.render import Images
    from ningxia_dash.store.db import forget_database, get_database

    path, _ = hostile
    try:
        brief = brief_content(get_database(path, read_only=True), lang="zh")
        pdf = write_pdf(brief, Images(error="-"))  # no figures: the text is what is checked
        text = "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages).translate(SQUASH)
        assert ("文号" + HOSTILE).translate(SQUASH) in text
        assert ("指标" + HOSTILE).translate(SQUASH) in text
        deck = Presentation(io.BytesIO(write_pptx(brief, Images(error="-"))))
        shapes = "".join(s.text_frame.text for sl in deck.slides for s in sl.shapes if s.has_text_frame)
        assert IMG_MD in shapes and "<script>alert(1)</script>" in shapes and "$x^2$" in shapes
    finally:
        forget_database(path)


# ---------------------------------------------------------------- every screen, in Chromium

PAGES = [  # (address, language, texts that must be on the screen literally)
    ("", "zh", ["《规划" + HOSTILE, "文号" + HOSTILE]),  # the overview is the app's start page
    ("indicator?indicator={indicator}", "zh", ["指标" + HOSTILE, "备注" + HOSTILE]),
    ("indicator?indicator={indicator}", "en", ["Target " + HOSTILE]),
    ("villages", "zh", ["村" + HOSTILE]),
    ("villages", "en", ["V " + HOSTILE]),
    ("county_map?region={county}", "zh", ["县" + HOSTILE]),
    ("parks", "zh", ["园" + HOSTILE]),
    ("key_counties", "en", ["C " + HOSTILE]),
    ("history", "zh", [" ".join(FILE_PIECES)]),
    ("glance", "en", ["Plan " + HOSTILE]),
]
SRC_MARKERS = ("evil.example", "p.png", "x.png", "f.png", "u.png")


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
def test_screens_show_hostile_text_literally(hostile: tuple[Path, dict[str, str]], artifacts: Path) -> None:
    from tests.browser import browser_page, streamlit_server, wait_rendered

    path, ids = hostile
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with streamlit_server(path) as url, browser_page(1366, 900) as (page, outbound):
        pg: Any = page
        pg.on("dialog", on_dialog)
        for address, lang, wanted in PAGES:
            where = address.format(**ids)
            pg.goto(f"{url}/{where}{'&' if '?' in where else '?'}lang={lang}")
            wait_rendered(pg)
            pg.wait_for_timeout(1200)  # charts and maps draw after the frame
            pg.screenshot(path=str(artifacts / f"user-text-{where.split('?')[0] or 'overview'}-{lang}.png"))
            assert not pg.locator("[data-testid=stException]").count(), where
            assert not pg.get_by_text("Page not found").count(), where
            # what the page says plus what its selectboxes show; the word joiner md() puts into bare addresses
            # (so that they do not become links) is invisible
            shown = pg.inner_text("body") + " ".join(pg.eval_on_selector_all("input", "els => els.map(e => e.value)"))
            text = " ".join(shown.replace(safe_text.WORD_JOINER, "").split())
            for needed in wanted:
                assert " ".join(needed.split()) in text, (where, lang, needed, text[:3000])
            srcs = pg.eval_on_selector_all(
                "img, image", "els => els.map(e => e.getAttribute('src') || e.getAttribute('href') || '')"
            )
            assert not [s for s in srcs if any(m in s for m in SRC_MARKERS)], (where, srcs)
            hrefs = pg.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href') || '')")
            assert not [h for h in hrefs if "evil" in (urlparse(h).hostname or "")], (where, hrefs)
            bold = pg.eval_on_selector_all("strong, b", "els => els.map(e => e.textContent)")
            assert "bold" not in bold, (where, bold)
            assert not pg.locator(".katex").count(), where
        assert outbound.urls == [], f"requests left localhost: {outbound.urls}"
        assert dialogs == []


def test_pieces_cover_the_issue() -> None:
    assert IMG_MD in PIECES and IMG_HTML in PIECES and "$x^2$" in PIECES
