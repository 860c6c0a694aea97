"""Display tables and text for the screens: translate, label provenance, highlight (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, pick, t
from ningxia_dash.labels import clause_label, target_text, value_text
from ningxia_dash.safe_text import md_chars


def rests_on_demo(row: pd.Series | dict[str, object]) -> bool:
    """Whether a status (or verdict) rests on sample data: read at run time from the source kinds of the numbers
    it was judged on (the latest or final value, and the reference a relative target is judged against)."""
    flag = row.get("rests_on_demo")
    if flag is not None and not pd.isna(flag):  # a verdict's own flag (overview.speak_verdicts)
        return bool(flag)
    return "demo" in (row.get("latest_source_kind"), row.get("reference_source_kind"))


def demo_marked(text: str, demo: bool, lang: Lang) -> str:
    """A status, verdict or value with the sample-data mark when it rests on sample data: '✖ 严重滞后（示例）'.
    A word, never colour alone; gone as soon as the numbers behind it are official or public."""
    return t("prov.demo_mark", lang, text=text) if demo else text


def period_elapsed(period_start: int, period_end: int, today: date) -> float:
    """Share of the plan period (1 Jan of the first year to 31 Dec of the last) that has passed, in [0, 1]."""
    start, end = date(period_start, 1, 1), date(period_end, 12, 31)
    share = (today - start).days / max((end - start).days, 1)
    return min(max(share, 0.0), 1.0)


def targets_table(df: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """All targets as the 目标清单 shows and downloads them."""
    out = pd.DataFrame(
        {
            t("col.clause", lang): [clause_label(c, lang) for c in df["clause"]],
            t("col.indicator", lang): [pick(lang, z, e) for z, e in zip(df["name_zh"], df["name_en"], strict=True)],
            t("col.category", lang): [
                pick(lang, z, e) for z, e in zip(df["category_zh"], df["category_en"], strict=True)
            ],
            t("col.attribute", lang): [t(f"attr.{a}", lang) for a in df["attribute"]],
            t("col.baseline", lang): [
                value_text(v, u, lang) + (f" ({int(y)})" if not pd.isna(y) else "")
                for v, u, y in zip(df["baseline_value"], df["unit"], df["baseline_year"], strict=True)
            ],
            t("col.target", lang): [target_text(r, lang) + f" ({int(r['target_year'])})" for _, r in df.iterrows()],
            t("col.latest", lang): [
                value_text(v, u, lang) for v, u in zip(df["latest_value"], df["unit"], strict=True)
            ],
            t("col.latest_year", lang): [None if pd.isna(y) else int(y) for y in df["latest_year"]],
            t("col.source", lang): [
                t(f"prov.{k}", lang) if isinstance(k, str) else t("common.none", lang) for k in df["latest_source_kind"]
            ],
            t("col.sentence_zh", lang): df["source_sentence"],  # the plan's words and the seed's notes: Chinese only
            t("col.note_zh", lang): df["note"].fillna(""),
        }
    )
    return out


def chosen(df: pd.DataFrame, choices: Mapping[str, Iterable[object]]) -> pd.Series:
    """The rows whose value in each column is among that column's chosen values (an empty choice means 'all')."""
    mask = pd.Series(True, index=df.index)
    for column, values in choices.items():
        if wanted := list(values):
            mask &= df[column].isin(wanted)
    return mask


def filter_targets(
    df: pd.DataFrame,
    chapters: list[int],
    categories: list[str],
    attributes: list[str],
    headline_only: bool,
    query: str,
) -> pd.DataFrame:
    """Targets matching every filter; empty filter lists mean 'all'. The query matches names and sentences."""
    mask = chosen(df, {"chapter_no": chapters, "category_zh": categories, "attribute": attributes})
    if headline_only:
        mask &= df["is_headline"]
    if query.strip():
        q = query.strip().lower()
        hay = df["name_zh"] + " " + df["name_en"].str.lower() + " " + df["source_sentence"] + " " + df["clause"]
        mask &= hay.str.contains(q, regex=False)
    return df[mask]


escape_md = md_chars  # the plan's own punctuation (“互联网+”, “1.”) renders as text


def highlight(text: str, sentences: list[str], links: list[str] | None = None) -> str:
    """Markdown of a passage with each target sentence highlighted, and linked when `links` (one address per
    sentence) is given. Sentences that are not found are skipped."""
    spans: list[tuple[int, int, str | None]] = []
    for i, sentence in enumerate(sentences):
        pos = text.find(sentence)
        if pos >= 0 and not any(a < pos + len(sentence) and pos < b for a, b, _ in spans):
            spans.append((pos, pos + len(sentence), links[i] if links else None))
    out, cursor = [], 0
    for a, b, link in sorted(spans):
        out.append(escape_md(text[cursor:a]))
        body = escape_md(text[a:b])
        out.append(f":orange-background[**[{body}]({link})**]" if link else f":orange-background[**{body}**]")
        cursor = b
    out.append(escape_md(text[cursor:]))
    return "".join(out).replace("\n", "\n\n")  # one plan paragraph per Markdown paragraph


def search_sections(sections: pd.DataFrame, query: str) -> pd.DataFrame:
    """Sections whose title or text contains the query (case-insensitive for Latin letters)."""
    q = query.strip().lower()
    if not q:
        return sections.iloc[0:0]
    hay = (sections["title_zh"] + "\n" + sections["text_zh"]).str.lower()
    return sections[hay.str.contains(q, regex=False)]


def counties_table(regions: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    counties = regions[regions["level"] == "county"]
    return pd.DataFrame(
        {
            t("col.code", lang): counties["code"],
            t("col.county", lang): [
                pick(lang, z, e) for z, e in zip(counties["name_zh"], counties["name_en"], strict=True)
            ],
            t("col.city", lang): [
                pick(lang, z, e) for z, e in zip(counties["parent_name_zh"], counties["parent_name_en"], strict=True)
            ],
            t("col.zone", lang): [t(f"zone.{z}", lang) if isinstance(z, str) else "" for z in counties["zone"]],
            t("col.assistance", lang): [
                t(f"level.{a}", lang) if isinstance(a, str) else t("level.none", lang)
                for a in counties["assistance_level"]
            ],
        }
    )


def public_region_names(regions: pd.DataFrame, lang: Lang) -> dict[str, str]:
    """The names public_figures.csv gives a region (全国, 宁夏, a full or short name) → its name in the language."""
    names = {"全国": t("region.nation", lang)}
    for full, short, full_en, short_en in zip(
        regions["name_zh"], regions["short_zh"], regions["name_en"], regions["short_en"], strict=True
    ):
        names.setdefault(full, pick(lang, full, full_en))
        names.setdefault(short, pick(lang, short, short_en))
    return names


def public_figures_table(df: pd.DataFrame, regions: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The public figures as kept (titles and notes as published); subject and region in the reader's language."""
    english = df["subject_en"] if "subject_en" in df else pd.Series([None] * len(df), index=df.index)  # older files
    places = public_region_names(regions, lang)
    return pd.DataFrame(
        {
            t("col.subject", lang): [
                pick(lang, z, e if isinstance(e, str) else None) for z, e in zip(df["subject"], english, strict=True)
            ],
            t("col.region", lang): [places.get(r, r) for r in df["region"]],
            t("col.year", lang): df["year"],
            t("col.value", lang): [format_number(v, u, lang) for v, u in zip(df["value"], df["unit"], strict=True)],
            t("col.title", lang): df["source_title"],
            t("col.address", lang): df["source_url"],
            t("col.quality", lang): df["quality"],
            t("col.mapped", lang): df["mapped_to"].fillna(""),
            t("col.note", lang): df["note"].fillna(""),
        }
    )


def source_mix_table(df: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    wide = df.pivot_table(index="table_name", columns="source_kind", values="n", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[k for k in ("official", "public", "demo") if k in wide.columns])
    wide.columns = [t(f"prov.{k}", lang) for k in wide.columns]
    wide.index = [t(f"table.{name}", lang) for name in wide.index]  # a table's name as words, never its SQL name
    wide.index.name = t("col.table", lang)
    return wide.reset_index()
