"""Validation and import messages in Chinese and English, and the Issue record they fill (pure Python).

An Issue is one row of the error table an officer sees: where (row as Excel numbers it, column), what (the cell's
text) and why (a reason rendered from a template below). Errors reject the whole file; warnings do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ningxia_dash.i18n import Lang

Severity = Literal["error", "warning"]

# code → (zh, en). Placeholders are filled from Issue.params.
TEMPLATES: dict[str, tuple[str, str]] = {
    # whole file
    "file.empty": ("文件是空的（0 字节）", "The file is empty (0 bytes)"),
    "file.too_large": (
        "文件大小为 {size}，超过 {limit} 的上限，请拆分后分批上传",
        "The file is {size}, over the {limit} limit: split it and upload the parts",
    ),
    "file.binary": (
        "文件内容既不是 CSV 表格也不是 Excel 工作簿（可能是改了扩展名的其他文件）",
        "The content is neither a CSV table nor an Excel workbook (another file type renamed?)",
    ),
    "file.encoding": (
        "无法识别文件编码，请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新上传",
        "Unknown text encoding: in Excel use Save As → “CSV UTF-8 (comma delimited)” and upload again",
    ),
    "file.excel_broken": (
        "无法读取 Excel 文件，文件可能已损坏或不完整（{detail}）；请在 Excel 中打开并重新保存",
        "The Excel file cannot be read; it may be damaged or incomplete ({detail}). Open and re-save it in Excel",
    ),
    "file.excel_password": (
        "Excel 文件设有密码，请取消密码保护后再上传",
        "The Excel file is password-protected: remove the password and upload again",
    ),
    # --- hostile or broken files ---
    "file.not_excel": (
        "文件扩展名为 {suffix}，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件）；请在 Excel 中打开并另存为 .xlsx 后上传",
        "The name ends in {suffix} but the content is not an Excel workbook (another file renamed?): "
        "open it in Excel, save as .xlsx and upload again",
    ),
    "file.zip_not_excel": (
        "文件是 zip 压缩包，但其中没有 Excel 工作簿；请上传 .xlsx、.xls 或 CSV 文件",
        "The file is a zip archive without an Excel workbook in it: upload an .xlsx, .xls or CSV file",
    ),
    "file.zip_bomb": (
        "Excel 文件解压后为 {size}，超过 {limit} 的上限（或压缩比异常）；请删除多余内容后重新保存，或另存为 CSV 后上传",
        "The Excel file unpacks to {size}, over the {limit} limit (or is compressed implausibly well): "
        "remove what is not needed and save again, or save as CSV",
    ),
    "file.too_many_sheets": (
        "Excel 文件有 {n} 个工作表，超过 {max} 个的上限；请只保留数据所在的工作表",
        "The workbook has {n} sheets, more than {max}: keep only the sheet with the data",
    ),
    "file.sheet_too_large": (
        "工作表「{sheet}」的已用区域为 {ref}（{rows} 行 × {cols} 列），超过上限（{max_rows} 行、{max_cols} 列、"
        "共 {max_cells} 个单元格）；请在 Excel 中删除数据区以外的行和列（或把数据复制到新工作簿）后重新保存",
        "Sheet “{sheet}” declares its used range as {ref} ({rows} rows × {cols} columns), over the limits "
        "({max_rows} rows, {max_cols} columns, {max_cells} cells in all): delete the rows and columns outside the "
        "data in Excel (or copy the data into a new workbook) and save again",
    ),
    "file.cell_too_long": (
        "工作表「{sheet}」单元格 {cell}：内容过长（{n}字），上限为{max}字",
        "Sheet “{sheet}”, cell {cell}: too long ({n} characters, at most {max})",
    ),
    "file.too_much_text": (
        "工作表「{sheet}」等处的文字总量超过 {max} 字的上限；请拆分后分批上传",
        "The workbook holds more than {max} characters of text (sheet “{sheet}” and others): split it",
    ),
    "file.excel_timeout": (
        "读取 Excel 文件超过 {seconds} 秒仍未完成，已停止；文件可能过大或已损坏，请另存为 CSV 后上传",
        "Reading the Excel file took more than {seconds} s and was stopped; it may be too large or damaged. "
        "Save it as CSV and upload again",
    ),
    "file.excel_crash": (
        "Excel 读取程序异常退出（{how}），文件可能已损坏或是特意构造的（例如已用区域过大，超出 {memory} 的内存上限）；"
        "请在 Excel 中打开、删除多余的行列后重新保存，或另存为 CSV 后上传",
        "The Excel reader stopped abnormally ({how}); the file may be damaged or crafted (e.g. a used range too "
        "large for the {memory} memory limit). Open it in Excel, delete the extra rows and columns and save again, "
        "or save as CSV",
    ),
    "file.big5": (
        "文件似乎是繁体中文 Big5 编码，按 {encoding} 读出的是乱码；请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新上传",
        "The file looks like Traditional Chinese Big5 and reads as garbage in {encoding}: in Excel use Save As → "
        "“CSV UTF-8 (comma delimited)” and upload again",
    ),
    "file.garbled": (
        "文件按 {encoding} 读出的文字多为生僻字或乱码，编码不可信；请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后重新上传",
        "Read as {encoding}, the text is mostly rare characters or garbage, so the encoding is doubtful: in Excel use "
        "Save As → “CSV UTF-8 (comma delimited)” and upload again",
    ),
    "file.nul": (
        "含有空字符（NUL），文件可能已损坏或不是文本表格；请在 Excel 中打开并另存为“CSV UTF-8（逗号分隔）”后重新上传",
        "holds a NUL character: the file may be damaged or not a text table. Open it in Excel and save as "
        "“CSV UTF-8 (comma delimited)”",
    ),
    "file.too_many_columns": (
        "该行有 {n} 列，超过 {max} 列的上限；请删除多余的列",
        "the row has {n} columns, more than {max}: delete the extra columns",
    ),
    "file.too_many_rows": (
        "文件超过 {max} 行（Excel 工作表的上限），请拆分后分批上传",
        "The file has more than {max} rows (Excel's sheet limit): split it and upload the parts",
    ),
    "file.stray_quote": (
        '英文双引号“"”没有配对的结束引号：其后的内容（包括后面的行）会被并入这个单元格，所以整个文件都未导入。'
        '请删除多余的引号，或把单元格中的引号写成两个（""）后重新上传',
        'a double quote (") is never closed: everything after it, later rows included, would run into this cell, so '
        'nothing was imported. Delete the stray quote, or write a quote inside a cell as two (""), and upload again',
    ),
    "file.more_errors": (
        "已显示前{n}处错误，其余略；请先改正这些错误后重新上传",
        "Showing the first {n} errors; the rest are left out. Fix these and upload again",
    ),
    "file.no_header": (
        "前 {n} 行中找不到表头；表头应含有{expected}等列名，请使用下载的模板",
        "No header row in the first {n} rows; it should name columns such as {expected}. Use the template",
    ),
    "file.no_rows": ("表头（第{row}行）之后没有数据行", "No data rows after the header (row {row})"),
    "file.missing_columns": ("缺少必填列：{cols}{hint}", "Required columns missing: {cols}{hint}"),
    "file.duplicate_column": (
        "列名「{col}」出现了不止一次（第{positions}列）",
        "Column “{col}” appears more than once (columns {positions})",
    ),
    "file.scope_kind": (
        "您的账户仅限部分{what}（{scope}），而“{kind}”不按{what}划分，不能用此账户导入；请由不限{what}的账户导入",
        "Your account is limited to some {what} ({scope}); “{kind}” is not divided by {what}, so this account "
        "cannot import it. Ask an account without that limit",
    ),
    "file.not_allowed": (
        "您的账户角色为“{role}”，不能导入“{kind}”（需要{needed}）",
        "Your role “{role}” may not import “{kind}” (needs {needed})",
    ),
    # cells
    "cell.required": ("不能为空", "must not be empty"),
    "cell.required_new": (
        "新增的{entity}“{id}”必须填写此列",
        "the new {entity} “{id}” needs this column",
    ),
    "cell.not_number": ("应为数字，实际为“{value}”", "should be a number, got “{value}”"),
    "cell.not_integer": ("应为整数，实际为{value}", "should be a whole number, got {value}"),
    "cell.not_year": ("应为四位年份，实际为“{value}”", "should be a four-digit year, got “{value}”"),
    "cell.year_range": (
        "年份应在{start}到{end}之间（{plan}，含基期），实际为{value}",
        "the year should lie between {start} and {end} ({plan}, baseline included), got {value}",
    ),
    "cell.year_future": (
        "年份{value}晚于今年（{this}），还不能有实际值",
        "{value} is later than this year ({this}): no actual value can exist yet",
    ),
    "cell.unknown": ("未知的{what}“{value}”{suggest}", "unknown {what} “{value}”{suggest}"),
    "cell.suggest": ("，是否为“{id}”（{name}）？", "; did you mean “{id}” ({name})?"),
    "cell.total_row": (
        "“{value}”是合计行，合计行不能导入，请删除该行",
        "“{value}” is a total row; totals cannot be imported, delete the row",
    ),
    "cell.pct_range": ("百分比应在0到100之间，实际为{value}", "a percentage should lie between 0 and 100, got {value}"),
    "cell.growth_range": ("增速应大于-100，实际为{value}", "a growth rate should be above -100, got {value}"),
    "cell.negative": ("应不小于0，实际为{value}", "should not be negative, got {value}"),
    "cell.count_integer": (
        "单位为“{unit}”的数量应为整数，实际为{value}",
        "a count in “{unit}” should be a whole number, got {value}",
    ),
    "cell.milestone": (
        "无单位的完成事项类指标应填1（已完成）或0（未完成），实际为{value}",
        "a milestone without a unit takes 1 (done) or 0 (not done), got {value}",
    ),
    "cell.unit_mismatch": (
        "指标“{name}”的单位是“{expected}”，文件中为“{value}”",
        "“{name}” is measured in “{expected}”, the file says “{value}”",
    ),
    "cell.percent_sign": (
        "数值带有“%”，但指标“{name}”的单位是“{expected}”",
        "the value carries “%” but “{name}” is measured in “{expected}”",
    ),
    "cell.unit_in_value": (
        "数值中带有单位“{suffix}”，请只填数字（单位：{expected}）",
        "the value carries the unit “{suffix}”; enter the number only (unit: {expected})",
    ),
    "cell.extra_cells": (
        "该行比表头多出{n}个单元格（“{extra}”）；数字中的千分位逗号须加引号，或改用 Excel 文件上传",
        "the row has {n} more cells than the header (“{extra}”); quote numbers with thousands commas, or upload Excel",
    ),
    "cell.duplicate": ("与第{first}行重复（{keys}相同）", "duplicates row {first} (same {keys})"),
    "cell.period": (
        "期别应为“全年”、季度（如“一季度”“Q1”）或月份（如“3月”），实际为“{value}”",
        "the period should be “全年” (year), a quarter (“Q1”) or a month (“3月”), got “{value}”",
    ),
    "cell.enum": ("应为{choices}之一，实际为“{value}”", "should be one of {choices}, got “{value}”"),
    "cell.bool": ("应为“是”或“否”，实际为“{value}”", "should be 是 (yes) or 否 (no), got “{value}”"),
    "cell.too_long": ("内容过长（{n}字），上限为{max}字", "too long ({n} characters, at most {max})"),
    "cell.lon_range": (
        "经度应在{min}到{max}之间（宁夏境内），实际为{value}",
        "longitude should lie between {min} and {max} (inside Ningxia), got {value}",
    ),
    "cell.lat_range": (
        "纬度应在{min}到{max}之间（宁夏境内），实际为{value}",
        "latitude should lie between {min} and {max} (inside Ningxia), got {value}",
    ),
    "cell.scope_indicator": (
        "您的账户无权上传该指标（授权指标：{scope}）",
        "your account may not upload this indicator (allowed: {scope})",
    ),
    "cell.scope_region": (
        "您的账户无权上传“{region}”的数据（授权地区：{scope}）",
        "your account may not upload data for {region} (allowed: {scope})",
    ),
    "cell.scope_region_current": (
        "该{entity}现属“{region}”，您的账户无权修改（授权地区：{scope}）",
        "this {entity} belongs to {region}: your account may not change it (allowed: {scope})",
    ),
    "cell.not_county": ("“{value}”不是县级行政区", "“{value}” is not a county"),
    "cell.chapter_range": ("章应为1到99之间的整数，实际为{value}", "a chapter is a number from 1 to 99, got {value}"),
    "cell.clause": (
        "条款应写作“专栏1-9”或“第八章第六节”，实际为“{value}”",
        "a clause reads like “专栏1-9” or “第八章第六节”, got “{value}”",
    ),
    "cell.target_needs_value": (
        "目标类型为“{rule}”时必须填写目标值",
        "a target of type “{rule}” needs a target value",
    ),
    "cell.reference_needed": (
        "目标类型为“{rule}”时必须填写参照序列",
        "a target of type “{rule}” needs a reference series",
    ),
    # --- continuing indicators (接续指标; ingest/continuity.py) ---
    "cell.carry_loop": (
        "接续关系成环：{pred}又（直接或间接）接续本指标，请删除其中一处接续指标",
        "the links go round in a circle: {pred} continues this indicator (directly or not); remove one link",
    ),
    "cell.carry_same_plan": (
        "接续指标{pred}与本行同属{plan}，应填上一规划中的指标代码",
        "{pred} belongs to the same plan {plan}: name an indicator of the previous plan",
    ),
    "cell.carry_differs": (
        "接续指标{pred}与本行含义不同，不能接续：{what}",
        "{pred} measures something else and cannot be continued: {what}",
    ),
    "warn.carry_attribute": (
        "接续指标{pred}的属性为“{old}”，本行为“{new}”，请确认属性调整无误",
        "{pred} was “{old}”, this row is “{new}”: check the change of attribute is meant",
    ),
    "cell.target_year_range": (
        "目标年应在规划期{start}–{end}之内，实际为{value}",
        "the target year should lie inside the plan period {start}–{end}, got {value}",
    ),
    "cell.period_order": (
        "截止年应不早于起始年（{start}），实际为{value}",
        "the end year should not precede the start year ({start}), got {value}",
    ),
    "cell.period_order_start": (
        "起始年应不晚于截止年（{end}），实际为{value}",
        "the start year should not follow the end year ({end}), got {value}",
    ),
    "cell.baseline_order_start": (
        "起始年应晚于基期年（{base}），实际为{value}",
        "the start year should follow the baseline year ({base}), got {value}",
    ),
    "cell.baseline_order": (
        "基期年应早于起始年（{start}），实际为{value}",
        "the baseline year should precede the start year ({start}), got {value}",
    ),
    "cell.date": ("应为日期（如2021-12-07），实际为“{value}”", "should be a date (e.g. 2021-12-07), got “{value}”"),
    "cell.bad_id": (
        "代码只能含字母、数字、下划线和连字符，实际为“{value}”",
        "an id may hold letters, digits, underscores and hyphens only, got “{value}”",
    ),
    "cell.plan_has_data": (
        "规划“{value}”已有实际值，修改其起止年份会使已有数据落在规划期外",
        "plan “{value}” already has actual values; changing its years would leave data outside the period",
    ),
    # warnings
    "warn.ignored_columns": ("已忽略未识别的列：{cols}", "Columns not recognised and ignored: {cols}"),
    "warn.formula": (
        "以“{first}”开头：已按文本保存；下载时会加单引号，防止在 Excel 中被当作公式执行",
        "starts with “{first}”: stored as text; downloads prefix an apostrophe so Excel never runs it as a formula",
    ),
    "warn.replaces_public": (
        "将以官方数据替换公开数据（原值{old}，出处：{source}）",
        "replaces a public figure (was {old}, from: {source}) with official data",
    ),
    "warn.name_mismatch": (
        "名称“{value}”与代码“{id}”对应的名称“{name}”不一致，已按代码导入",
        "the name “{value}” differs from “{name}”, the name of “{id}”; imported by the id",
    ),
    "warn.population": (
        "人口（{population}）少于户数（{households}），请核对",
        "population ({population}) is below the number of households ({households}); please check",
    ),
    # --- plausibility on upload ---
    "warn.implausible_jump": (
        "{ref_year}年为{ref_value}，本次{year}年为{new}（{why}），是否录入有误？",
        "{ref_year}: {ref_value}; this file, {year}: {new} ({why}). Is it a typing error?",
    ),
    "warn.implausible_neighbours": (
        "其他{n}个县区{year}年为{low}至{high}，本次为{new}，远在其外，是否录入有误？",
        "the other {n} counties lie between {low} and {high} in {year}; this file says {new}, far outside. "
        "Is it a typing error?",
    ),
}

SEVERITY_LABEL = {"error": ("错误", "Error"), "warning": ("提示", "Warning")}


@dataclass(frozen=True)
class Issue:
    """One problem found in a file: row and column as the officer sees them, the cell text, a coded reason."""

    code: str
    row: int | None = None  # 1-based, as Excel numbers rows; None for the whole file
    column: str | None = None  # the column's header as the officer wrote it (or the template's name)
    value: str = ""
    params: dict[str, object] = field(default_factory=dict)
    severity: Severity = "error"

    def reason(self, lang: Lang = "zh") -> str:
        zh, en = TEMPLATES[self.code]
        values = {"value": shorten(self.value), **self.params}
        return (zh if lang == "zh" else en).format(**{k: _text(v, lang) for k, v in values.items()})

    def message(self, file_name: str, lang: Lang = "zh") -> str:
        """'第12行「数值」列：百分比应在0到100之间，实际为120' (with the file named for file-level issues)."""
        reason = self.reason(lang)
        if self.row is None:
            return f"文件「{file_name}」：{reason}" if lang == "zh" else f"File “{file_name}”: {reason}"
        if lang == "zh":
            where = f"第{self.row}行" + (f"「{self.column}」列" if self.column else "")
            return f"{where}：{reason}"
        where = f"Row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {reason}"


SHOWN_CHARS = 80  # a cell's text quoted in a message (the error table's 值 column keeps the whole cell)


def shorten(text: str, n: int = SHOWN_CHARS) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _text(value: object, lang: Lang) -> str:
    """Numbers as people write them (120, not 120.0); bilingual pairs pick the language."""
    if isinstance(value, tuple) and len(value) == 2:
        return str(value[0] if lang == "zh" else value[1])
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
