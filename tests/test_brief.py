"""Meeting briefs: content from the seed database, PDF text (Chinese, extractable, fonts embedded), PPTX slides and
titles, both languages, the CLI, and the download control."""

from __future__ import annotations

import io
import json
import math
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pptx import Presentation
from pypdf import PdfReader

from ningxia_dash.__main__ import main
from ningxia_dash.brief import BriefRequestError, brief_content
from ningxia_dash.brief.content import SECTIONS, Brief
from ningxia_dash.brief.county_figure import county_status_figure
from ningxia_dash.brief.fonts import pdf_fonts
from ningxia_dash.brief.pdf_writer import write_pdf
from ningxia_dash.brief.pptx_writer import TABLE_ROWS, slide_count, write_pptx
from ningxia_dash.brief.render import Images, chromium_path, figure_specs, render_figures
from ningxia_dash.i18n import Lang, t
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database

NOW = datetime(2026, 3, 5, 9, 30)
LANGS: tuple[Lang, ...] = ("zh", "en")


@pytest.fixture(scope="module")
def briefs(db: Database) -> dict[Lang, Brief]:
    return {lang: brief_content(db, lang=lang, now=NOW) for lang in LANGS}


@pytest.fixture(scope="module")
def images(briefs: dict[Lang, Brief]) -> dict[Lang, Images]:
    return {lang: render_figures(b) for lang, b in briefs.items()}


@pytest.fixture(scope="module")
def pdfs(briefs: dict[Lang, Brief], images: dict[Lang, Images]) -> dict[Lang, bytes]:
    return {lang: write_pdf(briefs[lang], images[lang]) for lang in LANGS}


@pytest.fixture(scope="module")
def decks(briefs: dict[Lang, Brief], images: dict[Lang, Images]) -> dict[Lang, bytes]:
    return {lang: write_pptx(briefs[lang], images[lang]) for lang in LANGS}


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


# ---------------------------------------------------------------- content (pure)


def test_as_of_defaults_to_the_latest_data_year(db: Database, briefs: dict[Lang, Brief]) -> None:
    b = briefs["zh"]
    assert b.as_of == queries.latest_data_year(db, b.plan_id)
    assert b.plan_id in set(queries.plans(db)["id"])


def test_content_covers_every_target_and_the_binding_alerts(db: Database, briefs: dict[Lang, Brief]) -> None:
    b = briefs["zh"]
    n = len(queries.indicators(db, b.plan_id))
    assert len(b.table) == n and sum(c.n for c in b.counts) == n
    assert sum(c.binding for c in b.counts) == int((queries.indicators(db, b.plan_id)["attribute"] == "binding").sum())
    assert list(b.headings) == list(SECTIONS) and b.headings["summary"].startswith("一、")
    # as of 2025, the plan's last year: the brief speaks the final evaluation's verdicts, as the overview does
    assert all(a.status in ("basically_met", "not_met", "cannot_assess") for a in b.alerts)
    assert b.alerts, "the seed data has a binding target off track: the brief must name it"
    assert len(b.gauges) == 13
    assert b.county_map is not None and len(b.county_map.frame) == 22
    assert b.demo and b.disclaimer  # the seed's actual values are demonstration data
    assert any(s.kind == "demo" for s in b.sources) and any(s.kind == "public" for s in b.sources)
    facts = dict(b.facts)
    assert facts["文号"] == "宁政办发〔2021〕93号" and facts["生成时间"] == "2026-03-05 09:30"
    assert "宁夏回族自治区" in facts["筛选条件"]


def test_an_earlier_year_and_a_year_outside_the_plan(db: Database) -> None:
    b = brief_content(db, year=2022, lang="en", now=NOW)
    assert b.as_of == 2022 and b.headings["summary"] == "1. Overall progress"
    with pytest.raises(BriefRequestError):
        brief_content(db, year=2019, now=NOW)
    with pytest.raises(BriefRequestError):
        brief_content(db, plan_id="no-such-plan", now=NOW)


def test_the_brief_speaks_verdicts_from_the_plans_last_year_on(db: Database, briefs: dict[Lang, Brief]) -> None:
    """As of 2025 the brief says what the overview says (基本完成 for 医保参保率, its county map in verdicts); as of
    2023 it still speaks progress statuses."""
    final = briefs["zh"]
    row = next(r for r in final.table if r.name == "农村低收入人口医保参保率")
    assert "基本完成" in row.status_text and "严重滞后" not in row.status_text
    assert [c.status for c in final.counts] == ["met", "basically_met", "not_met", "cannot_assess"]
    assert final.county_map is not None and final.county_map.legend[0][1] == "✔ 已完成"
    assert {s for s in final.county_map.frame["status"]} <= {"met", "basically_met", "not_met", "cannot_assess"}
    assert "终期评估" in final.county_map.caption and final.headings["alerts"] == "二、未全部完成的约束性指标"
    early = brief_content(db, year=2023, lang="zh", now=NOW)
    row = next(r for r in early.table if r.name == "农村低收入人口医保参保率")
    assert "严重滞后" in row.status_text
    assert [c.status for c in early.counts][:2] == ["achieved", "on_track"]
    assert early.county_map is not None and "终期评估" not in early.county_map.caption


def test_county_map_figure_needs_no_map_service(briefs: dict[Lang, Brief]) -> None:
    """Plain x/y shapes: no geo, mapbox or map tiles for the browser to fetch."""
    assert briefs["zh"].county_map is not None
    fig = county_status_figure(briefs["zh"].county_map, "zh")
    assert {tr.type for tr in fig.data} == {"scatter"}
    assert not {"geo", "map", "mapbox"} & set(fig.layout.to_plotly_json())
    assert "示例数据" in str(fig.layout.annotations)


def test_chromium_is_the_system_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    assert chromium_path() == "/usr/bin/chromium"
    monkeypatch.setenv("BROWSER_PATH", "/nowhere/chrome")
    assert chromium_path() is None  # an explicit path that does not exist is not silently replaced


# ---------------------------------------------------------------- figures, PDF, PPTX


@pytest.mark.parametrize("lang", LANGS)
def test_figures_render_with_the_system_chromium(
    images: dict[Lang, Images], briefs: dict[Lang, Brief], lang: Lang
) -> None:
    im = images[lang]
    assert im.error is None
    assert set(im.png) == {s.key for s in figure_specs(briefs[lang])} == {"gauges", "bullets", "map"}
    assert all(png.startswith(b"\x89PNG") for png in im.png.values())


@pytest.fixture
def streamlit_plotly_default() -> Any:
    """plotly's default template as a running Streamlit server has it (its own "streamlit" template), restored after."""
    import plotly.io as pio
    from streamlit.elements.lib.streamlit_plotly_theme import configure_streamlit_plotly_theme

    before = pio.templates.default
    configure_streamlit_plotly_theme()
    yield
    pio.templates.default = before


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`")
@pytest.mark.parametrize("lang", LANGS)
def test_bullet_chart_shows_whole_target_names(
    briefs: dict[Lang, Brief], streamlit_plotly_default: Any, artifacts: Path, lang: Lang
) -> None:
    """「尚未完成目标的进度」 as drawn in the app's process (the download button): each target's name is on the
    picture whole (or cut with …), not just its last character past the left edge."""
    from plotly.offline import get_plotlyjs

    from tests.browser import browser_page

    spec = next(s for s in figure_specs(briefs[lang]) if s.key == "bullets")
    labels = list(briefs[lang].bullets["label"])
    assert labels and all(len(x) > 8 for x in labels), labels  # clause and name, long names cut with …
    with browser_page(spec.width, spec.height) as (page, outbound):
        page.set_content("<html><body style='margin:0'><div id='fig'></div></body></html>")  # type: ignore[attr-defined]
        page.add_script_tag(content=get_plotlyjs())  # type: ignore[attr-defined]
        page.evaluate(  # type: ignore[attr-defined]
            "(f) => Plotly.newPlot('fig', f.data, f.layout, {staticPlot: true})", json.loads(spec.figure.to_json())
        )
        page.wait_for_selector(".ytick text")  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / f"brief-bullets-{lang}.png"))  # type: ignore[attr-defined]
        ticks = page.evaluate(  # type: ignore[attr-defined]
            """() => [...document.querySelectorAll('.ytick text')].map(e => {
                const r = e.getBoundingClientRect(); return {text: e.textContent, left: r.left, right: r.right};
            })"""
        )
        assert outbound.urls == []
    assert sorted(x["text"] for x in ticks) == sorted(labels)
    cut = [x for x in ticks if x["left"] < 0]
    assert not cut, f"target names run off the picture's left edge: {cut[:3]}"


def test_pdf_font_is_embedded_truetype() -> None:
    fonts = pdf_fonts()
    assert fonts.embedded, "install fonts-wqy-zenhei (make system-deps)"


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_fonts_are_all_embedded(pdfs: dict[Lang, bytes], lang: Lang) -> None:
    reader = PdfReader(io.BytesIO(pdfs[lang]))
    for page in reader.pages:
        fonts: Any = page["/Resources"]["/Font"]  # type: ignore[index]
        for ref in fonts.values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert sum(len(p.images) for p in reader.pages) == 3


def test_pdf_text_is_chinese(pdfs: dict[Lang, bytes], briefs: dict[Lang, Brief]) -> None:
    text = _pdf_text(pdfs["zh"])
    for heading in briefs["zh"].headings.values():
        assert heading in text
    for needed in ("汇报材料", "宁政办发〔2021〕93号", "已完成", "基本完成", "未完成", "示例数据说明", "非真实统计",
                   "农村低收入人口医保参保率", "判定说明", "数据截至", "2026-03-05 09:30"):  # fmt: skip
        assert needed in text, needed
    assert briefs["zh"].alerts[0].name in text


def test_pdf_text_in_english(pdfs: dict[Lang, bytes], briefs: dict[Lang, Brief]) -> None:
    text = _pdf_text(pdfs["en"])
    for needed in ("1. Overall progress", "Binding targets not fully met", "Met", "Basically met", "Not met",
                   "About sample data", "宁政办发〔2021〕93号", "Data as of"):  # fmt: skip
        assert needed in text, needed


@pytest.mark.parametrize("lang", LANGS)
def test_pptx_slides_and_titles(decks: dict[Lang, bytes], briefs: dict[Lang, Brief], lang: Lang) -> None:
    b = briefs[lang]
    prs = Presentation(io.BytesIO(decks[lang]))
    slides = list(prs.slides)
    table_slides = math.ceil(len(b.table) / TABLE_ROWS[lang])
    assert len(slides) == slide_count(b) == 1 + 1 + 1 + 1 + 1 + table_slides + 1
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert b.title in titles[0]
    body = titles[1:]
    assert body[:4] == [b.headings[k] for k in ("summary", "alerts", "gauges", "map")]
    assert body[4] == b.headings["table"]
    assert body[5 : 4 + table_slides] == [b.headings["table"] + b.texts["continued"]] * (table_slides - 1)
    assert body[-1] == b.headings["sources"]
    pictures = [sh for s in slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == 3
    text = "\n".join(sh.text_frame.text for s in slides for sh in s.shapes if sh.has_text_frame)
    assert b.disclaimer in text and t("status.not_met", lang) in text


def test_pptx_names_an_east_asian_font(decks: dict[Lang, bytes]) -> None:
    with zipfile.ZipFile(io.BytesIO(decks["zh"])) as z:
        xml = z.read("ppt/slides/slide2.xml").decode("utf-8")
    assert '<a:ea typeface="Microsoft YaHei"/>' in xml and "总体进展" in xml


def test_a_page_as_a_picture(pdfs: dict[Lang, bytes], artifacts: Path, tmp_path: Path) -> None:
    """For a person to look at (tests/artifacts/brief-zh-*.png); poppler's pdftoppm when installed."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(pdfs["zh"])
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "4", str(pdf), str(artifacts / "brief-zh")],
                   check=True, timeout=60)  # fmt: skip
    assert list(artifacts.glob("brief-zh-*.png"))


# ---------------------------------------------------------------- CLI and the download control


def test_cli_writes_the_files(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out" / "brief.pptx"
    assert main(["export-brief", "--format", "pptx", "--out", str(out), "--year", "2024", "--db", str(db_path)]) == 0
    assert len(Presentation(str(out)).slides) > 5
    assert "已生成" in capsys.readouterr().out
    bad = tmp_path / "bad.pdf"
    assert main(["export-brief", "--format", "pdf", "--out", str(bad), "--year", "1999", "--db", str(db_path)]) == 2
    assert not bad.exists() and "2021" in capsys.readouterr().err


def test_cli_writes_a_pdf_in_english(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "brief-en.pdf"
    args = ["export-brief", "--format", "pdf", "--out", str(out), "--lang", "en", "--db", str(db_path)]
    assert main(args) == 0
    assert "Overall progress" in _pdf_text(out.read_bytes())


def test_download_control_renders(db_path: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from ningxia_dash.ui.brief_button import brief_file_name

    assert brief_file_name("pdf", "nx-14-rr", 2025, "zh") == "汇报材料-nx-14-rr-2025.pdf"
    assert brief_file_name("pptx", "nx-14-rr", 2024, "en") == "brief-nx-14-rr-2024-en.pptx"

    def script() -> None:
        from ningxia_dash.ui.brief_button import brief_download

        brief_download("zh", "nx-14-rr", 2025, "v1")

    at = AppTest.from_function(script).run(timeout=30)
    assert not at.exception
    (popover,) = at.get("popover")
    assert popover.proto.popover.label == "导出汇报材料"
    assert [getattr(b, "label", None) for b in at.get("download_button")] == ["下载 PDF", "下载 PPT"]
