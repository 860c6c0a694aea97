"""The upload page in a real browser (Debian's Chromium via Playwright), on a freshly started server whose first
request is /upload: sign in, upload a GBK CSV, read the dry run and its diff, commit, and find the new value —
marked 官方 — on the targets page. Nothing leaves localhost. Screenshots: tests/artifacts/upload-*.png."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ningxia_dash import accounts
from ningxia_dash.i18n import Lang, t
from ningxia_dash.store.db import forget_database, get_database
from tests.browser import browser_page, streamlit_server, wait_rendered

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium missing: run `make test`"),
]
PASSWORD = "officer-browser-pass"
GBK_CSV = "指标代码,地区代码,年份,数值,备注\r\nrural_tap_water_rate,640000,2025,99.3,据2025年统计公报（浏览器测试）\r\n"


def _grid_text(page: object) -> str:
    """Text of the data grids on screen (their accessible DOM mirrors the visible cells)."""
    selector = '[data-testid="stDataFrame"] [role="gridcell"]'
    page.wait_for_selector(selector, state="attached", timeout=30_000)  # type: ignore[attr-defined]
    cells = page.locator(selector)  # type: ignore[attr-defined]
    return " ".join(cells.all_text_contents())


def test_upload_gbk_csv_in_a_real_browser(db_path: Path, tmp_path: Path, artifacts: Path) -> None:
    db = tmp_path / "browser.duckdb"
    shutil.copyfile(db_path, db)
    accounts.add_user(db, "officer_b", "officer", PASSWORD)
    upload = tmp_path / "水利厅-2025.csv"
    upload.write_bytes(GBK_CSV.encode("gbk"))
    with streamlit_server(db) as url, browser_page() as (page, outbound):
        page.goto(f"{url}/upload")  # type: ignore[attr-defined]  # the server's very first request
        wait_rendered(page)
        assert page.inner_text("h1").strip() == "登录"  # type: ignore[attr-defined]
        assert page.locator('[data-testid="stFileUploader"]').count() == 0  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / "upload-1-sign-in.png"))  # type: ignore[attr-defined]

        page.get_by_label("用户名").fill("officer_b")  # type: ignore[attr-defined]
        page.get_by_label("密码").fill(PASSWORD)  # type: ignore[attr-defined]
        page.get_by_role("button", name="登录").click()  # type: ignore[attr-defined]
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        assert page.inner_text("h1").startswith("上传数据")  # type: ignore[attr-defined]
        # The uploader's own English words ("Upload", "20MB per file") are replaced by Chinese ones (ui/upload.py)
        shown = page.evaluate(  # type: ignore[attr-defined]
            """() => {
              const zone = '[data-testid="stFileUploaderDropzone"]';
              const p = document.querySelector(zone + ' button [data-testid="stMarkdownContainer"] p');
              const s = document.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] span');
              return [getComputedStyle(p, '::after').content, getComputedStyle(s, '::after').content,
                      getComputedStyle(p).fontSize, getComputedStyle(s).fontSize];
            }"""
        )
        assert "选择文件" in shown[0] and "20 MB" in shown[1] and "拖放" in shown[1], shown
        assert shown[2] == shown[3] == "0px", shown  # the English words take no space
        page.locator('[data-testid="stFileUploader"]').screenshot(path=str(artifacts / "upload-0-widget.png"))  # type: ignore[attr-defined]

        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))  # type: ignore[attr-defined]
        page.get_by_text("预检通过").wait_for(timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        body = page.inner_text("body")  # type: ignore[attr-defined]
        assert "GBK" in body and "水利厅-2025.csv" in body
        diff = _grid_text(page)
        assert "99.3" in diff and "官方" in diff, diff
        page.screenshot(path=str(artifacts / "upload-2-dry-run.png"))  # type: ignore[attr-defined]
        page.get_by_role("button", name="确认导入").scroll_into_view_if_needed()  # type: ignore[attr-defined]
        page.wait_for_timeout(500)  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / "upload-2-diff.png"))  # type: ignore[attr-defined]

        page.get_by_role("button", name="确认导入").click()  # type: ignore[attr-defined]
        page.get_by_text("已导入批次 #1").wait_for(timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        page.screenshot(path=str(artifacts / "upload-3-committed.png"))  # type: ignore[attr-defined]

        bad = tmp_path / "有错误.csv"
        bad.write_bytes(
            "指标代码,地区代码,年份,数值\r\nrural_tap_watr_rate,640000,2024,96\r\n"
            "rural_tap_water_rate,640000,2031,120\r\n".encode("gbk")
        )
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))  # type: ignore[attr-defined]
        page.get_by_text("整个文件都不会导入").wait_for(timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        errors = _grid_text(page)
        assert "第2行「指标代码」列" in errors and "第3行「数值」列：百分比应在0到100之间，实际为120" in errors, errors
        assert page.get_by_role("button", name="确认导入").count() == 0  # type: ignore[attr-defined]
        page.screenshot(path=str(artifacts / "upload-6-rejected.png"))  # type: ignore[attr-defined]

        page.goto(f"{url}/targets")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.get_by_label("搜索指标或原文").fill("农村自来水普及率")  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
        page.wait_for_timeout(1500)  # type: ignore[attr-defined]
        wait_rendered(page)
        grid = _grid_text(page)
        assert "99.3" in grid and "官方" in grid, grid
        page.screenshot(path=str(artifacts / "upload-4-targets.png"))  # type: ignore[attr-defined]

        page.goto(f"{url}/history")  # type: ignore[attr-defined]
        wait_rendered(page)
        assert "水利厅-2025.csv" in _grid_text(page)
        page.screenshot(path=str(artifacts / "upload-5-history.png"))  # type: ignore[attr-defined]
        assert outbound.urls == [], f"requests left localhost: {outbound.urls}"
    forget_database(db)
    assert get_database(db, read_only=True).rows(
        "SELECT value, source_kind, source_id FROM observations WHERE "
        "indicator_id = 'rural_tap_water_rate' AND region_code = '640000' "
        "AND year = 2025"
    ) == [(99.3, "official", "batch-1")]
    forget_database(db)


HOSTILE = Path(__file__).resolve().parent / "fixtures" / "ingest"


def test_hostile_workbooks_are_refused_and_the_server_keeps_serving(
    db_path: Path, tmp_path: Path, artifacts: Path
) -> None:
    """The 5 KB workbook whose used range is the whole sheet (it made the Excel reader abort and took the server
    down for everyone), and its sibling without a <dimension> that really makes the reader abort (now in a child
    process): each gets a Chinese message on screen, and after each a second session still loads the overview."""
    db = tmp_path / "hostile.duckdb"
    shutil.copyfile(db_path, db)
    accounts.add_user(db, "officer_h", "officer", PASSWORD)
    before = db.read_bytes()
    cases = [
        ("hostile_xfd1048576.xlsx", "工作表「数据」的已用区域为 A1:XFD1048576"),
        ("hostile_corner_cell.xlsx", "Excel 读取程序异常退出"),
    ]
    with streamlit_server(db) as url, browser_page() as (page, outbound):
        page.goto(f"{url}/upload")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.get_by_label("用户名").fill("officer_h")  # type: ignore[attr-defined]
        page.get_by_label("密码").fill(PASSWORD)  # type: ignore[attr-defined]
        page.get_by_role("button", name="登录").click()  # type: ignore[attr-defined]
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)  # type: ignore[attr-defined]
        wait_rendered(page)
        other = page.context.browser.new_context(locale="zh-CN").new_page()  # type: ignore[attr-defined]
        for n, (name, expected) in enumerate(cases):
            upload = tmp_path / name
            shutil.copyfile(HOSTILE / name, upload)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))  # type: ignore[attr-defined]
            for _ in range(60):  # the grid shows the previous file's error until the new dry run is drawn
                page.wait_for_timeout(1000)  # type: ignore[attr-defined]
                wait_rendered(page)
                errors = _grid_text(page)
                if name in errors:
                    break
            assert expected in errors and name in errors, errors
            assert page.get_by_text("发现 1 处错误，整个文件都不会导入").count() == 1  # type: ignore[attr-defined]
            assert page.get_by_role("button", name="确认导入").count() == 0  # type: ignore[attr-defined]
            page.screenshot(path=str(artifacts / f"upload-hostile-{n + 1}.png"))  # type: ignore[attr-defined]

            other.goto(f"{url}/")  # another session, after the hostile file
            wait_rendered(other)
            assert other.inner_text("h1").startswith("规划执行总览")
        other.context.close()
        assert outbound.urls == [], f"requests left localhost: {outbound.urls}"
    assert db.read_bytes() == before


@pytest.mark.parametrize(("lang", "said"), [("zh", "是否录入有误"), ("en", "Is it a typing error?")])
def test_a_jump_far_from_the_history_is_flagged_and_can_still_be_committed(
    db_path: Path, tmp_path: Path, artifacts: Path, lang: Lang, said: str
) -> None:
    """A plausibility warning in Chromium: an officer's 69.5% where the history says ~98% is shown beside the history in
    the dry run (a warning, not an error): the commit button stays and the import goes through."""
    db = tmp_path / "plausible.duckdb"
    shutil.copyfile(db_path, db)
    accounts.add_user(db, "officer_p", "officer", PASSWORD)
    upload = tmp_path / "水利厅-跳变.csv"
    upload.write_bytes("指标代码,地区代码,年份,数值\r\nrural_tap_water_rate,640000,2025,69.5\r\n".encode("gbk"))
    with streamlit_server(db) as url, browser_page() as (page, outbound):
        page.goto(f"{url}/upload?lang={lang}")  # type: ignore[attr-defined]
        wait_rendered(page)
        page.get_by_label(t("auth.username", lang)).fill("officer_p")  # type: ignore[attr-defined]
        page.get_by_label(t("auth.password", lang), exact=True).fill(PASSWORD)  # type: ignore[attr-defined]
        page.get_by_role("button", name=t("auth.submit", lang)).click()  # type: ignore[attr-defined]
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)  # type: ignore[attr-defined]
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))  # type: ignore[attr-defined]
        warning = page.locator('[data-testid="stAlertContentWarning"]', has_text=said).first  # type: ignore[attr-defined]
        warning.wait_for(timeout=30_000)
        text = warning.inner_text()
        assert "69.5%" in text and "2024" in text, text  # the value beside the history it jumps from
        assert "1 values" not in text, text  # one value, in English too
        assert page.locator('[data-testid="stAlertContentError"]').count() == 0  # type: ignore[attr-defined]
        warning.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"upload-plausibility-{lang}.png"))  # type: ignore[attr-defined]
        confirm = page.get_by_role("button", name=t("upload.confirm", lang))  # type: ignore[attr-defined]
        confirm.click()
        page.get_by_text("#1").first.wait_for(timeout=30_000)  # type: ignore[attr-defined]  # 已导入批次 #1 / batch #1
        assert outbound.urls == []
