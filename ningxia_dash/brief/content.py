"""What a meeting brief says, assembled from database rows (pure: no I/O). Both writers (PDF, PPTX) lay out the same Brief, section by section, in SECTIONS order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd

from ningxia_dash import config, labels, views
from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import status_label
from ningxia_dash.places import common as place_common
from ningxia_dash.places import county_map as county_logic
from ningxia_dash.tracking import assess, evaluation, overview, targets
from ningxia_dash.tracking.gauges import Gauge, gauge_for
from ningxia_dash.tracking.status import Status

if TYPE_CHECKING:
    from ningxia_dash.brief.loading import BriefInputs

SECTIONS = ("summary", "alerts", "gauges", "map", "table", "sources")
CN_NUMERALS = "一二三四五六七八九十"
SOURCE_KIND_ORDER = {"official": 0, "public": 1, "plan": 2, "demo": 3}


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str  # symbol and word
    n: int
    binding: int


@dataclass(frozen=True)
class Alert:
    """A binding target that is not on track, with why (the status rule's explanation and any 情况说明)."""

    clause: str
    name: str
    status: str
    status_text: str
    latest: str
    target: str
    explanation: str
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TableRow:
    clause: str
    name: str
    attribute: str
    target: str
    latest: str
    status: str
    status_text: str
    demo: bool


@dataclass(frozen=True)
class CountyMap:
    """One indicator's status in every county (the county map page's default indicator)."""

    indicator_id: str
    title: str
    caption: str
    frame: pd.DataFrame  # places.county_map.place_frame: code, short, level, status, value_text, source_kind …
    shapes: pd.DataFrame  # queries.county_shapes
    legend: list[tuple[str, str, int]]  # (status, label, count), best first
    demo: bool
    by_status: list[tuple[str, str]]  # (status label, counties) worst first, statuses that occur


@dataclass(frozen=True)
class SourceLine:
    kind: str
    kind_text: str
    title: str
    url: str | None


@dataclass(frozen=True)
class Brief:
    lang: Lang
    plan_id: str
    as_of: int
    data_version: str
    generated_at: datetime
    title: str  # the plan's title
    subtitle: str  # 'meeting brief: progress against the targets'
    short_title: str
    facts: list[tuple[str, str]]  # title page: doc number, period, data as of, filters, generated at …
    headings: dict[str, str]  # section → numbered heading
    summary: str
    counts: list[StatusCount]
    alerts: list[Alert]
    bullets: pd.DataFrame  # targets.bullet_rows of the targets not yet achieved
    gauges: list[Gauge]
    gauge_groups: list[tuple[str, list[int]]]
    table: list[TableRow]
    county_map: CountyMap | None
    sources: list[SourceLine]
    demo: bool
    disclaimer: str
    notes: list[str]  # the status rule and other reading notes
    footer: str
    texts: dict[str, str] = field(default_factory=dict)  # column heads and short labels the writers need

    def kv(self, label: str, value: str) -> str:
        """'目标值：≥ 98%' / 'Target: ≥ 98%'."""
        return f"{label}：{value}" if self.lang == "zh" else f"{label}: {value}"

    @property
    def gap(self) -> str:
        """Between two items on one line."""
        return "　　" if self.lang == "zh" else "  ·  "


def numbered(i: int, title: str, lang: Lang) -> str:
    """'一、总体进展' / '1. Overall progress'."""
    return f"{CN_NUMERALS[i]}、{title}" if lang == "zh" and i < len(CN_NUMERALS) else f"{i + 1}. {title}"


def year_text(year: int, lang: Lang) -> str:
    return t("brief.year", lang, year=year)


def _latest(row: pd.Series, lang: Lang) -> str:
    if pd.isna(row["latest_value"]):
        return t("status.no_data", lang)
    value = labels.value_text(row["latest_value"], row["unit"], lang)
    return f"{value} ({int(row['latest_year'])}·{t('prov.' + str(row['latest_source_kind']), lang)})"


def _target(row: pd.Series, lang: Lang) -> str:
    return f"{labels.target_text(row, lang)} ({int(row['target_year'])})"


def status_count_lines(rows: pd.DataFrame, lang: Lang, final: bool = False) -> list[StatusCount]:
    """Counts per status (per verdict, with final=True: the plan's last year on), all and binding."""
    binding = rows["attribute"] == "binding"
    return [
        StatusCount(s, status_label(s, lang), int((rows["status"] == s).sum()), int(((rows["status"] == s) & binding).sum()))
        for s in evaluation.status_ids(final)
    ]  # fmt: skip


def summary_text(counts: list[StatusCount], as_of: int, lang: Lang) -> str:
    total = sum(c.n for c in counts)
    n_binding = sum(c.binding for c in counts)
    sep = "、" if lang == "zh" else ", "
    parts = sep.join(t("brief.count_part", lang, status=t(f"status.{c.status}", lang), n=c.n) for c in counts if c.n)
    binding = sep.join(
        t("brief.count_part", lang, status=t(f"status.{c.status}", lang), n=c.binding) for c in counts if c.binding
    )
    text = t("brief.summary", lang, year=as_of, n=total, parts=parts)
    return text + (t("brief.summary_binding", lang, n=n_binding, parts=binding) if n_binding else "")


def note_texts(notes: pd.DataFrame, lang: Lang) -> list[str]:
    """情况说明, newest first: '2024年：…（官方）'."""
    out = []
    for _, n in notes.sort_values("year", ascending=False).iterrows():
        kind = t(f"prov.{n['source_kind']}", lang)
        text = pick(lang, n["text_zh"], n["text_en"] if isinstance(n["text_en"], str) else None)
        out.append(f"{year_text(int(n['year']), lang)}：{text}（{kind}）" if lang == "zh"
                   else f"{year_text(int(n['year']), lang)}: {text} ({kind})")  # fmt: skip
    return out


def alert_items(rows: pd.DataFrame, notes: pd.DataFrame, region: str, as_of: int, lang: Lang) -> list[Alert]:
    out = []
    for _, r in overview.alerts(rows).iterrows():
        texts = [] if notes.empty else note_texts(notes[
            (notes["indicator_id"] == r["id"]) & (notes["region_code"] == region) & (notes["year"] <= as_of)
        ], lang)  # fmt: skip
        out.append(
            Alert(
                clause=labels.clause_label(str(r["clause"]), lang),
                name=pick(lang, r["name_zh"], r["name_en"]),
                status=str(r["status"]),
                status_text=views.demo_marked(status_label(str(r["status"]), lang), views.rests_on_demo(r), lang),
                latest=_latest(r, lang),
                target=_target(r, lang),
                explanation=str(r["explanation_zh" if lang == "zh" else "explanation_en"]),
                notes=texts,
            )
        )
    return out


def table_rows(rows: pd.DataFrame, lang: Lang) -> list[TableRow]:
    return [
        TableRow(
            clause=labels.clause_label(str(r["clause"]), lang),
            name=pick(lang, r["name_zh"], r["name_en"]),
            attribute=t(f"attr.{r['attribute']}", lang),
            target=_target(r, lang),
            latest=_latest(r, lang),
            status=str(r["status"]),
            status_text=views.demo_marked(status_label(str(r["status"]), lang), views.rests_on_demo(r), lang),
            demo=views.rests_on_demo(r),
        )
        for _, r in rows.sort_values("seq").iterrows()
    ]


def bullet_label(row: pd.Series, lang: Lang) -> str:
    """Clause and name, longer than the screen's labels (print has the room), cut with an ellipsis."""
    text = f"{labels.clause_label(str(row['clause']), lang)} {pick(lang, row['name_zh'], row['name_en'])}"
    width = 28 if lang == "zh" else 56
    return text if len(text) <= width else text[: width - 1] + "…"


def gauges_and_groups(rows: pd.DataFrame, lang: Lang) -> tuple[list[Gauge], list[tuple[str, list[int]]]]:
    """The headline gauges grouped by category, exactly as the overview builds them."""
    headline = rows[rows["is_headline"]].sort_values("seq").reset_index(drop=True)
    gauges = [gauge_for(r, lang) for _, r in headline.iterrows()]
    cats = dict(zip(headline["category_zh"], headline["category_en"], strict=True))
    groups = [(pick(lang, z, e), list(headline.index[headline["category_zh"] == z])) for z, e in cats.items()]
    return gauges, groups


def county_map(
    inputs: BriefInputs, county_assessments: pd.DataFrame, lang: Lang, statuses: pd.DataFrame | None = None,
    final: bool = False,
) -> CountyMap | None:  # fmt: skip
    """The first indicator (plan order) with county figures, as the county map page opens. `statuses`: the
    assessments in the words the brief speaks (verdicts with final=True, the plan's last year on)."""
    counties = county_logic.counties(inputs.regions)
    choices = county_logic.county_indicators(inputs.indicators, county_assessments, counties["code"])
    if choices.empty or inputs.shapes.empty:
        return None
    indicator = choices.iloc[0].to_dict()
    shown = county_assessments if statuses is None else statuses
    frame = county_logic.place_frame(counties, shown, indicator, lang, final)
    name = pick(lang, indicator["name_zh"], indicator["name_en"])
    counts = frame["status"].value_counts()
    legend = [(s, status_label(s, lang), int(counts.get(s, 0))) for s in evaluation.status_ids(final)]
    demo = bool((frame["source_kind"] == "demo").any())
    target = _target(pd.Series(indicator), lang)
    caption = t("brief.map_caption_final" if final else "brief.map_caption", lang, indicator=name, target=target,
                year=inputs.as_of)  # fmt: skip
    sep = "、" if lang == "zh" else ", "
    by_status = [
        (
            status_label(s, lang),
            sep.join(county_logic.ranked_label(r) for r in frame[frame["status"] == s].to_dict("records")),
        )
        for s in place_common.worst_first(final)
        if (frame["status"] == s).any()
    ]
    return CountyMap(str(indicator["id"]), name, caption, frame, inputs.shapes, legend, demo, by_status)


def source_lines(inputs: BriefInputs, province: pd.DataFrame, counties: pd.DataFrame, lang: Lang) -> list[SourceLine]:
    """Every source behind a value the brief shows (latest values, county values, reference series) and the plan."""
    used = set(province["latest_source_id"].dropna()) | set(counties["latest_source_id"].dropna())
    series = set(inputs.indicators["reference_series"].dropna())
    refs = inputs.references
    used |= set(refs.loc[refs["series_id"].isin(series) & (refs["year"] <= inputs.as_of), "source_id"].dropna())
    src = inputs.sources
    picked = src[src["id"].isin(used) | (src["id"] == f"plan-{inputs.plan.id}")].copy()
    picked["_order"] = picked["kind"].map(SOURCE_KIND_ORDER).fillna(9)
    return [
        SourceLine(str(s["kind"]), t(f"prov.{s['kind']}", lang), labels.source_title(s["kind"], s["title"], lang),
                   s["url"] if isinstance(s["url"], str) and s["url"] else None)
        for _, s in picked.sort_values(["_order", "id"]).iterrows()
    ]  # fmt: skip


def assemble(inputs: BriefInputs, lang: Lang, generated_at: datetime) -> Brief:
    """The brief for one plan as of one year, in one language."""
    plan = inputs.plan
    start, end, base = plan.period_start, plan.period_end, plan.baseline_year
    province = assess.assess_region(
        inputs.indicators, inputs.observations, inputs.references, base, inputs.as_of, config.PROVINCE_CODE
    )
    rows = overview.with_status(inputs.indicators, province)
    all_regions = assess.assess_all_regions(
        inputs.indicators, inputs.observations, inputs.references, base, inputs.as_of
    )
    statuses = all_regions
    final = evaluation.is_final_year(inputs.as_of, end)  # from the plan's last year on: verdicts, as the overview
    if final:
        args = (inputs.indicators, inputs.observations, inputs.references, base, inputs.as_of)
        rows = overview.speak_verdicts(rows, assess.evaluate_region(*args, config.PROVINCE_CODE))
        statuses = overview.speak_verdicts_regions(all_regions, assess.evaluate_all_regions(*args))
    county_codes = set(county_logic.counties(inputs.regions)["code"])
    county_rows = all_regions[all_regions["region_code"].isin(county_codes)]
    counts = status_count_lines(rows, lang, final)
    gauges, groups = gauges_and_groups(rows, lang)
    cmap = county_map(inputs, all_regions, lang, statuses, final)
    table = table_rows(rows, lang)
    not_done = rows[~rows["status"].isin([str(Status.ACHIEVED), "met"])].sort_values("seq")
    bullets = targets.bullet_rows(not_done, lang).dropna(subset=["progress"])
    labels = {r["id"]: bullet_label(r, lang) for _, r in not_done.iterrows()}
    bullets["label"] = bullets["id"].map(labels)

    region_names = inputs.regions.set_index("code")
    province_name = pick(lang, *region_names.loc[config.PROVINCE_CODE, ["name_zh", "name_en"]])
    stamp = generated_at.strftime("%Y-%m-%d %H:%M")
    title = plan.title(lang)
    short = plan.short(lang)
    elapsed = views.period_elapsed(start, end, generated_at.date())
    facts = [
        (t("brief.doc_number", lang), plan.doc_number),
        (t("brief.issuer", lang), plan.issuer_zh or "—"),
        (t("overview.period", lang), f"{start}–{end}" + t("brief.baseline_suffix", lang, year=base)),
        (t("overview.elapsed", lang), f"{elapsed:.0%}"),
        (t("brief.as_of", lang), year_text(inputs.as_of, lang)
         + (t("brief.latest_data", lang, year=inputs.latest_data_year) if inputs.latest_data_year else "")),
        (t("brief.filters", lang), t("brief.filters_value", lang, region=province_name, n=len(rows),
                                      county=cmap.title if cmap else t("common.none", lang))),
        (t("brief.generated", lang), stamp),
        (t("sidebar.data_version", lang), inputs.data_version),
    ]  # fmt: skip
    section = {"alerts": "tracking.alerts_final"} if final else {}  # binding targets not fully met
    headings = {
        key: numbered(i, t(section.get(key, f"brief.section.{key}"), lang), lang) for i, key in enumerate(SECTIONS)
    }

    n_demo = sum(r.demo for r in table)
    map_demo = bool(cmap and cmap.demo)
    gauge_demo = any(g.caption.endswith(t("prov.demo", lang)) for g in gauges)
    demo = bool(n_demo or map_demo or gauge_demo)
    disclaimer = t("brief.demo_text", lang, n=n_demo, total=len(table)) if demo else ""
    notes = [t("verdict.rule_help" if final else "status.rule_help", lang), t("brief.map_note", lang)]
    texts = {k: t(f"brief.{k}", lang) for k in ("col.clause", "col.name", "col.attribute", "col.target",
                                                 "col.latest", "col.status", "col.all", "col.binding", "why",
                                                 "notes", "gauges_note", "bullets_title", "bullets_note", "title",
                                                 "sources_used", "demo_title", "reading_notes", "no_map",
                                                 "demo_mark", "continued", "no_alerts", "image_missing", "map_stars")}  # fmt: skip
    return Brief(
        lang=lang,
        plan_id=plan.id,
        as_of=inputs.as_of,
        data_version=inputs.data_version,
        generated_at=generated_at,
        title=title,
        subtitle=t("brief.subtitle", lang),
        short_title=short,
        facts=facts,
        headings=headings,
        summary=summary_text(counts, inputs.as_of, lang)
        + ((" " if lang == "en" else "") + t("prov.demo_total", lang, n=n_demo, total=len(table)) if n_demo else ""),
        counts=counts,
        alerts=alert_items(rows, inputs.notes, config.PROVINCE_CODE, inputs.as_of, lang),
        bullets=bullets,
        gauges=gauges,
        gauge_groups=groups,
        table=table,
        county_map=cmap,
        sources=source_lines(inputs, province, county_rows, lang),
        demo=demo,
        disclaimer=disclaimer,
        notes=notes,
        footer=t("brief.footer", lang, title=short, year=inputs.as_of, at=stamp),
        texts=texts,
    )


def summary_facts(brief: Brief) -> dict[str, Any]:
    """A machine-readable digest (tests, the CLI's report line)."""
    return {
        "plan": brief.plan_id,
        "as_of": brief.as_of,
        "lang": brief.lang,
        "targets": len(brief.table),
        "alerts": len(brief.alerts),
        "demo": brief.demo,
        "sections": list(brief.headings.values()),
    }
