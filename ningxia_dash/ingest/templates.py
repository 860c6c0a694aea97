"""Templates per upload kind: an xlsx workbook (the data sheet, an explanation sheet, and sheets listing valid
ids) and a CSV in UTF-8 with BOM whose '#' lines explain each column (pure Python, openpyxl)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ningxia_dash.export import neutralise, neutralise_row
from ningxia_dash.ingest.kinds import KINDS, Kind
from ningxia_dash.ingest.refs import Refs

DATA_SHEET = "数据"
HELP_SHEET = "说明"
TYPE_LABEL = {
    "code": "代码",
    "text": "文字",
    "number": "数字",
    "int": "整数",
    "year": "年份",
    "bool": "是/否",
    "enum": "选项",
    "period": "期别",
    "date": "日期",
}
GENERAL = (
    "填写说明",
    "1. 在“数据”工作表中从第2行起每行填写一条记录；第1行表头请勿修改（英文列名也可识别）。",
    "2. 可保存为 Excel（.xlsx）或 CSV（UTF-8、GBK 均可）后上传；单个文件不超过 20 MB。",
    "3. 上传后系统先做“预检”：列出新增、修改、未变化的行和每一处错误（含 Excel 行号），确认无误后再点“确认导入”。",
    "4. 只要有一行出错，整个文件都不会导入；改正后重新上传即可。导入记录可在“导入记录”页查看，管理员可以回滚。",
    "5. 代码请从本工作簿的代码表中复制；数字只填数字（可带千分位逗号，百分比可带 %）。",
)


Sheet = tuple[str, list[str], list[list[object]]]  # title, header, rows


def _span(refs: Refs, plan_id: str) -> str:
    plan = refs.plans.get(plan_id)
    return f"{plan['baseline_year']}–{plan['period_end']}" if plan else ""


def _indicators(refs: Refs) -> Sheet:
    rows = sorted(refs.indicators.items(), key=lambda kv: (kv[1]["plan_id"], kv[1].get("seq") or 0))
    return (
        "指标代码",
        ["指标代码", "指标名称", "单位", "规划", "可填年份"],
        [
            [
                i,
                v["name_zh"],
                v["unit"] or "",
                refs.plans.get(v["plan_id"], {}).get("short_zh", ""),
                _span(refs, v["plan_id"]),
            ]
            for i, v in rows
        ],
    )


def _regions(refs: Refs) -> Sheet:
    level = {"province": "自治区", "city": "地级市", "county": "县（市、区）"}
    return (
        "地区代码",
        ["地区代码", "名称", "级别"],
        [
            [c, v["name_zh"], level.get(v["level"], v["level"])]
            for c, v in sorted(refs.regions.items())
            if v["level"] != "nation"
        ],
    )


def _villages(refs: Refs) -> Sheet:
    return (
        "村代码",
        ["村代码", "村名", "县区代码"],
        [[i, v["name_zh"], v["county_code"]] for i, v in sorted(refs.villages.items())],
    )


def _parks(refs: Refs) -> Sheet:
    return (
        "园区代码",
        ["园区代码", "园区名称", "县区代码"],
        [[i, v["name_zh"], v["county_code"] or ""] for i, v in sorted(refs.parks.items())],
    )


def _metrics(entity: str, title: str) -> Callable[[Refs], Sheet]:
    def sheet(refs: Refs) -> Sheet:
        rows = [[i, v["name_zh"], v["unit"]] for i, v in refs.metrics.items() if v["entity"] == entity]
        return (title, ["指标代码", "指标名称", "单位"], rows)

    return sheet


def _plans(refs: Refs) -> Sheet:
    return (
        "规划代码",
        ["规划代码", "简称", "起始年", "截止年", "基期年"],
        [[i, v["short_zh"], v["period_start"], v["period_end"], v["baseline_year"]] for i, v in refs.plans.items()],
    )


# The code sheets a kind's template may carry (Kind.ref_sheets names them, in the order they appear).
REF_SHEETS: dict[str, Callable[[Refs], Sheet]] = {
    "indicators": _indicators,
    "regions": _regions,
    "villages": _villages,
    "parks": _parks,
    "village_metrics": _metrics("village", "村指标代码"),
    "park_metrics": _metrics("park", "园区指标代码"),
    "plans": _plans,
}


def _ref_sheets(kind: Kind, refs: Refs | None) -> list[Sheet]:
    if refs is None:
        return []
    return [REF_SHEETS[name](refs) for name in kind.ref_sheets]


def _help_rows(kind: Kind) -> list[list[str]]:
    return [
        [
            c.zh,
            c.name,
            "必填" if c.required else "选填",
            TYPE_LABEL[c.type],
            c.help_zh + ("（仅用于核对，不写入数据库）" if c.info_only and "核对" not in c.help_zh else ""),
            c.example,
        ]
        for c in kind.cols
    ]


def template_xlsx(kind_id: str, refs: Refs | None = None) -> bytes:
    kind = KINDS[kind_id]
    wb = Workbook()
    data = wb.active
    assert data is not None
    data.title = DATA_SHEET
    head_font, head_fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="B5282E")
    for j, col in enumerate(kind.cols, start=1):
        cell = data.cell(row=1, column=j, value=neutralise(col.zh))
        cell.font, cell.fill = head_font, head_fill
        data.column_dimensions[get_column_letter(j)].width = max(12, len(col.zh) * 2 + 4, len(col.example) + 4)
    data.freeze_panes = "A2"

    sheet = wb.create_sheet(HELP_SHEET)
    sheet.append(neutralise_row([f"模板：{kind.zh}（{kind.en}）"]))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(neutralise_row([kind.help_zh]))
    sheet.append([])
    for line in GENERAL:
        sheet.append(neutralise_row([line]))
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(neutralise_row(["列名", "英文列名（可替代）", "是否必填", "格式", "说明", "示例"]))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in _help_rows(kind):
        sheet.append(neutralise_row(row))
    for letter, width in zip("ABCDEF", (16, 20, 10, 8, 70, 24), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1):
        row[4].alignment = Alignment(wrap_text=True, vertical="top")

    for title, header, rows in _ref_sheets(kind, refs):
        ws = wb.create_sheet(title[:31])
        ws.append(neutralise_row(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r in rows:
            ws.append(neutralise_row(r))
        for j in range(1, len(header) + 1):
            ws.column_dimensions[get_column_letter(j)].width = 24 if j > 1 else 34
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_csv(kind_id: str) -> bytes:
    """Explanations as '#' lines (skipped on import), then the header row. UTF-8 with BOM for Excel."""
    kind = KINDS[kind_id]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(neutralise_row([f"# 模板：{kind.zh}。以 # 开头的行是说明，导入时忽略，可保留也可删除。{kind.help_zh}"]))
    for c in kind.cols:
        need = "必填" if c.required else "选填"
        example = f"；示例：{c.example}" if c.example else ""
        w.writerow(neutralise_row([f"# {c.zh}（{c.name}，{need}，{TYPE_LABEL[c.type]}）：{c.help_zh}{example}"]))
    w.writerow(neutralise_row(c.zh for c in kind.cols))
    return buf.getvalue().encode("utf-8-sig")


def template(kind_id: str, fmt: str, refs: Refs | None = None) -> bytes:
    if fmt == "xlsx":
        return template_xlsx(kind_id, refs)
    if fmt == "csv":
        return template_csv(kind_id)
    raise ValueError(f"unknown template format: {fmt}")


def template_name(kind_id: str, fmt: str) -> str:
    return f"模板-{KINDS[kind_id].zh}-{kind_id}.{fmt}"
