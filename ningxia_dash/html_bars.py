"""Small static bar charts as HTML + CSS, for what is shown and not explored (a presenter slide): drawn by the
browser at once, without plotly's 4.6 MB bundle. Every text is escaped here (safe_text.html_text)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.labels import chapter_label
from ningxia_dash.safe_text import html_text

BINDING_COLOUR = "#b5282e"
OTHER_COLOUR = "#7f8c9b"

STYLE = """
<style>
.nx-bars{font-size:1rem;color:#333}
.nx-bars-legend{display:flex;gap:1.4rem;justify-content:center;margin:.2rem 0 .5rem 0}
.nx-bars-key{display:inline-block;width:.9em;height:.9em;border-radius:.15em;margin-right:.35em;vertical-align:-.08em}
.nx-bars-plot{display:flex;align-items:flex-end;gap:.6rem;border-bottom:2px solid #bbb;padding:0 .4rem}
.nx-bars-col{flex:1 1 0;display:flex;flex-direction:column-reverse;min-width:0;height:100%}
.nx-bars-seg{display:flex;align-items:center;justify-content:center;color:#fff;font-weight:700;overflow:hidden}
.nx-bars-labels{display:flex;gap:.6rem;padding:.25rem .4rem 0 .4rem}
.nx-bars-labels div{flex:1 1 0;text-align:center;font-size:.9rem;line-height:1.2;min-width:0}
.nx-bars-axis{font-size:.8rem;color:#666;margin-bottom:.2rem}
</style>
"""


SMALLEST_SCREEN_PX = 650  # the shortest window a slide is made for (a 1366×768 laptop's browser shows 657 px)


def stacked_columns_html(
    labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]], axis_title: str, height_px: int = 260,
    max_vh: float | None = None,
) -> str:  # fmt: skip
    """One column per label, each `series` (name, colour, a count per label) stacked bottom-up in its colour with
    its count written inside; a legend above, the axis title (what a column counts) at the top left. Column heights
    are proportional to their totals; the tallest fills the plot: `height_px`, or less on a short screen when
    `max_vh` caps it at that share of the window's height. A count is written where its segment is tall enough
    even on the shortest screen."""
    totals = [sum(int(s[2][i]) for s in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    shortest = min(height_px, max_vh * SMALLEST_SCREEN_PX / 100) if max_vh else height_px
    plot_h = f"min({height_px}px, {max_vh:g}vh)" if max_vh else f"{height_px}px"
    legend = "".join(
        f'<span><span class="nx-bars-key" style="background:{colour}"></span>{html_text(name)}</span>'
        for name, colour, _ in series
    )
    cols = []
    for i, label in enumerate(labels):
        segs = []
        for name, colour, values in series:
            n = int(values[i])
            if n > 0:
                segs.append(
                    f'<div class="nx-bars-seg" style="height:{n / top * 100:.2f}%;background:{colour}" '
                    f'title="{html_text(f"{label} · {name}: {n}")}">{n if n / top * shortest >= 16 else ""}</div>'
                )
        cols.append(f'<div class="nx-bars-col" aria-label="{html_text(f"{label}: {totals[i]}")}">{"".join(segs)}</div>')
    return (
        f'{STYLE}<div class="nx-bars"><div class="nx-bars-legend">{legend}</div>'
        f'<div class="nx-bars-axis">{html_text(axis_title)}</div>'
        f'<div class="nx-bars-plot" style="height:{plot_h}">{"".join(cols)}</div>'
        f'<div class="nx-bars-labels">{"".join(f"<div>{html_text(x)}</div>" for x in labels)}</div></div>'
    )


def chapter_counts(indicators: pd.DataFrame) -> pd.DataFrame:
    """Quantified targets per chapter: one row per chapter number, columns True (binding) and False (the others)."""
    return (
        indicators.assign(binding=indicators["attribute"].eq("binding"))
        .groupby(["chapter_no", "binding"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=[True, False], fill_value=0)
    )


def targets_per_chapter_html(indicators: pd.DataFrame, lang: Lang, height_px: int = 240) -> str:
    """charts.targets_per_chapter as static columns: how many targets each chapter sets, binding ones apart."""
    counts = chapter_counts(indicators)
    labels = [chapter_label(int(c), lang) for c in counts.index]
    series = [
        (t("attr.binding", lang), BINDING_COLOUR, counts[True].tolist()),
        (t("glance.other_targets", lang), OTHER_COLOUR, counts[False].tolist()),
    ]
    return stacked_columns_html(labels, series, t("col.targets_n", lang), height_px)


def statuses_per_chapter_html(
    rows: pd.DataFrame, keys: Sequence[tuple[str, str, str]], lang: Lang, height_px: int = 240,
    max_vh: float | None = None,
) -> str:  # fmt: skip
    """How the targets of each chapter stand: one column per chapter, stacked by status (or end-of-period verdict).
    `rows`: one row per target with `chapter_no` and `status`; `keys`: (status id, its word, its colour) in the
    order to stack them; a status not among them is not counted."""
    ids = [k[0] for k in keys]
    counts = rows.groupby(["chapter_no", "status"]).size().unstack(fill_value=0).reindex(columns=ids, fill_value=0)
    labels = [chapter_label(int(c), lang) for c in counts.index]
    series = [(word, colour, counts[sid].tolist()) for sid, word, colour in keys]
    return stacked_columns_html(labels, series, t("col.targets_n", lang), height_px, max_vh)


HBAR_STYLE = """
<style>
.nx-hbars{display:grid;grid-template-columns:max-content 1fr;gap:.55rem .8rem;align-items:center;font-size:1.1rem;
 color:#333}
.nx-hbars .nx-bars-legend{grid-column:1/-1;margin:0}
.nx-hbars-row{display:contents}
.nx-hbars-name{text-align:right;white-space:nowrap}
.nx-hbars-track{display:flex;align-items:center;height:1.9rem}
.nx-hbars-seg{height:100%}
.nx-hbars-total{margin-left:.5rem;font-weight:700;white-space:nowrap}
</style>
"""


def horizontal_bars_html(
    names: Sequence[str], series: Sequence[tuple[str, str, Sequence[float | None]]], totals: Sequence[str],
    legend: bool = True,
) -> str:  # fmt: skip
    """One row per name, largest first as given: each `series` (name, colour, a value per row; None = no value)
    laid end to end in its colour, then the row's total as text (`totals`, e.g. '1,234' or '—'). The longest bar
    takes 70% of the row, so every total fits beside its bar."""
    sums = [sum(float(s[2][i] or 0) for s in series) for i in range(len(names))]
    top = max(sums, default=0) or 1
    out = [HBAR_STYLE, '<div class="nx-hbars">']
    if legend:
        keys = "".join(
            f'<span><span class="nx-bars-key" style="background:{colour}"></span>{html_text(name)}</span>'
            for name, colour, _ in series
        )
        out.append(f'<div class="nx-bars-legend" style="justify-content:flex-start">{keys}</div>')
    for i, name in enumerate(names):
        segs = "".join(
            f'<div class="nx-hbars-seg" style="width:{float(values[i] or 0) / top * 70:.2f}%;background:{colour}" '
            f'title="{html_text(f"{label}: {values[i]:,.0f}" if values[i] is not None else label)}"></div>'
            for label, colour, values in series
        )
        out.append(
            f'<div class="nx-hbars-row"><div class="nx-hbars-name">{html_text(name)}</div>'
            f'<div class="nx-hbars-track">{segs}<span class="nx-hbars-total">{html_text(totals[i])}</span></div></div>'
        )
    out.append("</div>")
    return STYLE + "".join(out)


TOTAL_COLOUR, PART_COLOUR = "#0072B2", "#D55E00"  # as place_charts' park chart (VILLAGE_COLOUR, PART_COLOUR)


def park_bars_html(
    frame: pd.DataFrame, kpi: str, labels: dict[str, str], unit: str | None, part: str | None, lang: Lang
) -> str:
    """place_charts.park_comparison_chart as static bars (a slide): one KPI across the parks, largest first, split
    into its 'of which' part and the rest where it has one; a park without a value stays listed with '—'."""
    df = frame.sort_values(kpi, ascending=False, na_position="last")

    def values(col: str) -> list[float | None]:
        return [None if pd.isna(v) else float(v) for v in df[col]]

    total = values(kpi)
    if part:
        share = values(part)
        rest = [None if v is None else v - (s or 0.0) for v, s in zip(total, share, strict=True)]
        series = [(labels[part], PART_COLOUR, share), (t("parks.chart.rest", lang), TOTAL_COLOUR, rest)]
    else:
        series = [(labels[kpi], TOTAL_COLOUR, total)]
    totals = [t("common.none", lang) if v is None else format_number(v, unit, lang) for v in total]
    return horizontal_bars_html(df["short"].tolist(), series, totals, legend=bool(part))
