"""The key-assistance counties' scorecard: counties × indicators by band (national, regional, the province
beside), as an HTML table coloured by status and as a flat download (pure)."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import clause_label, status_label, value_text
from ningxia_dash.places.common import (
    KEY_LEVELS,
    indicator_link,
    missing_status,
    page_link,
    status_tally,
)
from ningxia_dash.places.county_map import counties, county_indicators
from ningxia_dash.places.legends import LEVEL_LINE_HEX, LEVEL_LINE_PX
from ningxia_dash.style import STATUS_COLOURS, STATUS_SYMBOLS
from ningxia_dash.views import demo_marked, rests_on_demo

SCORECARD_BANDS = (*KEY_LEVELS, "province")


def _band_label(level: str, lang: Lang) -> str:
    return t("places.band.province", lang) if level == "province" else t(f"level.{level}", lang)


def scorecard(
    regions: pd.DataFrame,
    assessments: pd.DataFrame,
    indicators: pd.DataFrame,
    lang: Lang,
    province_code: str | None = None,
    final: bool = False,
) -> pd.DataFrame:
    """Long table of the key counties × indicators: band (national / regional / province), status, value text and
    the link to the detail. National counties first, then regional, then the province for comparison.
    `final`: the assessments speak in verdicts (the plan's last year on); a cell without a figure reads 无法评估."""
    rows_in = regions[regions["assistance_level"].isin(KEY_LEVELS) | (regions["code"] == province_code)].copy()
    rows_in["band"] = [lvl if lvl in KEY_LEVELS else "province" for lvl in rows_in["assistance_level"]]
    rows_in["_order"] = rows_in["band"].map({b: i for i, b in enumerate(SCORECARD_BANDS)})
    why = "explanation_zh" if lang == "zh" else "explanation_en"
    found = {
        (a["region_code"], a["indicator_id"]): (str(a["status"]), a["latest_value"], rests_on_demo(a), a.get(why))
        for a in assessments.to_dict("records")
    }
    inds = indicators[["id", "unit"]].to_dict("records")
    rows = []
    for c in rows_in.sort_values(["_order", "code"]).itertuples():
        county = pick(lang, c.short_zh, c.short_en)
        for ind in inds:
            status, value, demo, explanation = found.get(
                (c.code, ind["id"]), (missing_status(final), None, False, None)
            )
            rows.append(
                {
                    "code": c.code,
                    "county": county,
                    "level": c.band,
                    "indicator_id": ind["id"],
                    "status": status,
                    "value_text": value_text(value, ind.get("unit"), lang),
                    "demo": demo,  # the value (or its reference) is sample data: the cell says so
                    "link": indicator_link(str(ind["id"]), str(c.code), lang),
                    "why": explanation if isinstance(explanation, str) else "",  # the hover says why (e.g. a year fell)
                }
            )
    # the columns even without a row (a database without county figures): every reader selects by them
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


SCORE_COLUMNS = ["code", "county", "level", "indicator_id", "status", "value_text", "demo", "link", "why"]


def level_statuses(score: pd.DataFrame, level: str) -> list[str]:
    return list(score.loc[score["level"] == level, "status"])


def scorecard_table(score: pd.DataFrame, indicators: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The scorecard as a flat table (download): a row per county, a column per indicator, 'symbol word value'."""
    names = {r["id"]: pick(lang, r["name_zh"], r["name_en"]) for r in indicators.to_dict("records")}
    order = list(dict.fromkeys(score["code"]))
    score = score.assign(
        cell=[
            demo_marked(f"{status_label(s, lang)} {v}", bool(d), lang)
            for s, v, d in zip(score["status"], score["value_text"], score["demo"], strict=True)
        ]
    )
    wide = score.pivot(index=["code", "county", "level"], columns="indicator_id", values="cell").reset_index()
    wide = wide.set_index("code").loc[order].reset_index()
    wide = wide[["code", "county", "level", *[i for i in names if i in wide.columns]]].rename(columns=names)
    wide.insert(2, t("col.assistance", lang), [_band_label(x, lang) for x in wide["level"]])
    return wide.drop(columns=["level"]).rename(columns={"code": t("col.code", lang), "county": t("col.county", lang)})


def _cell_style(status: str) -> str:
    colour = STATUS_COLOURS[status]
    text = "#111" if status in ("on_track", "lagging", "no_data", "cannot_assess") else "#fff"
    return f"background:{colour};color:{text}"


def scorecard_html(score: pd.DataFrame, indicators: pd.DataFrame, lang: Lang, county_link: str = "county_map",
                   mark_cells: bool = True, words: bool = True) -> str:  # fmt: skip
    """An HTML table: counties down, indicators across, each cell coloured by status with its symbol, word and
    value, and a link to the indicator detail for that county. National and regional counties are separate bands.
    `mark_cells=False`: no per-cell sample-data mark — only for a view that says once, beside the table, that every
    cell rests on sample data (a slide, where the marks would push the table off the screen). `words=False`: a cell
    reads its status's symbol and its value on one line (the words in `status_key_html` beside the table): a slide,
    where a second line per cell would push the table off a laptop's screen."""
    e = html.escape
    present = set(score["indicator_id"])
    inds = [r for r in indicators.to_dict("records") if r["id"] in present]
    head = "".join(
        f'<th title="{e(pick(lang, r["name_zh"], r["name_en"]))}"><span class="nxsc-clause">'
        f"{e(clause_label(r['clause'], lang))}</span><br/>{e(pick(lang, r['name_zh'], r['name_en']))}</th>"
        for r in inds
    )
    records = score.to_dict("records")
    cells = {(c["code"], c["indicator_id"]): c for c in records}
    names = {c["code"]: c["county"] for c in records}
    body = []
    for level in SCORECARD_BANDS:
        codes = list(dict.fromkeys(c["code"] for c in records if c["level"] == level))
        if not codes:
            continue
        count = f" · {len(codes)}" if level in KEY_LEVELS else ""
        body.append(
            f'<tr class="nxsc-band nxsc-{level}"><td colspan="{len(inds) + 1}">{e(_band_label(level, lang))}{count}</td></tr>'
        )
        for code in codes:
            name = names[code]
            label_html = (
                e(name)
                if level == "province"
                else f'<a href="{e(page_link(county_link, lang, region=str(code)))}" target="_self">{e(name)}</a>'
            )
            tds = []
            for r in inds:
                c = cells[(code, r["id"])]
                label = status_label(str(c["status"]), lang)
                value = demo_marked(c["value_text"], bool(c["demo"]) and mark_cells, lang)
                tip = f"{name} · {pick(lang, r['name_zh'], r['name_en'])}: {label}, {value}"
                tip += f"\n{c['why']}" if c.get("why") else ""
                shown = f"<b>{e(label)}</b><br/>" if words else f"<b>{e(STATUS_SYMBOLS[str(c['status'])])}</b> "
                tds.append(
                    f'<td style="{_cell_style(c["status"])}"><a href="{e(c["link"])}" target="_self" '
                    f'title="{e(tip)}">{shown}{e(value)}</a></td>'
                )
            body.append(f'<tr><th class="nxsc-county nxsc-{level}">{label_html}</th>' + "".join(tds) + "</tr>")
    corner = e(t("col.county", lang))
    return (
        f"<style>{_SCORECARD_CSS}{_level_css()}</style>"
        f'<div class="nxsc-wrap"><table class="nxsc"><thead><tr><th class="nxsc-corner">{corner}</th>{head}</tr>'
        f"</thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def status_key_html(statuses: list[str], lang: Lang) -> str:
    """The key to a scorecard drawn with `words=False`: each status as a chip in its cell colour, symbol and word."""
    chips = "".join(
        f'<span style="{_cell_style(s)};border-radius:3px;padding:1px 8px;margin-right:6px;font-weight:700">'
        f"{html.escape(status_label(s, lang))}</span>"
        for s in statuses
    )
    return f'<div class="nxsc-key" style="line-height:1.9">{chips}</div>'


def _level_css() -> str:
    return (
        "".join(
            f".nxsc th.nxsc-{lvl}{{border-left:{LEVEL_LINE_PX[lvl] + 2}px solid {LEVEL_LINE_HEX[lvl]}}}"
            for lvl in KEY_LEVELS
        )
        + ".nxsc th.nxsc-province{border-left:5px dotted #888}"
    )


_SCORECARD_CSS = """
.nxsc-wrap{overflow-x:auto;max-width:100%}
.nxsc{border-collapse:separate;border-spacing:2px;font-size:12.5px;line-height:1.3;width:100%}
.nxsc th{font-weight:600;text-align:center;vertical-align:bottom;padding:4px 3px;background:#f4f4f2;
  min-width:70px}
.nxsc .nxsc-clause{color:#666;font-weight:400;font-size:11px}
.nxsc td{text-align:center;padding:4px 3px;border-radius:3px;min-width:70px}
.nxsc td a{color:inherit;text-decoration:none;display:block}
.nxsc td a:hover{text-decoration:underline}
.nxsc th.nxsc-county{text-align:left;white-space:nowrap;vertical-align:middle;padding-left:8px}
.nxsc th.nxsc-county a{color:#111;text-decoration:none}
.nxsc tr.nxsc-band td{text-align:left;background:#fff;font-weight:700;padding:8px 2px 2px 2px;color:#333}
"""


@dataclass(frozen=True)
class ScorecardView:
    """The key-assistance-county page, ready to draw: a status tally per band, the HTML table, the download table."""

    tallies: dict[str, str]
    html: str
    table: pd.DataFrame
    has_demo: bool = False  # some cell rests on sample data
    final: bool = False  # the cells are end-of-period verdicts (the plan's last year on), not progress statuses


def shown_indicators(regions: pd.DataFrame, assessments: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The scorecard's columns: the indicators with a value for some county (assess_all_regions rows: a value
    before it is judged, so the columns do not change when the cells turn into verdicts)."""
    return county_indicators(indicators, assessments, counties(regions)["code"])


def scorecard_view(
    regions: pd.DataFrame, statuses: pd.DataFrame, indicators: pd.DataFrame, lang: Lang, province_code: str,
    final: bool = False, assessments: pd.DataFrame | None = None,
) -> ScorecardView:  # fmt: skip
    """The page's view from the regions' statuses (verdicts with final=True); `assessments` (assess_all_regions
    rows; default: `statuses`) choose the columns."""
    shown = shown_indicators(regions, statuses if assessments is None else assessments, indicators)
    score = scorecard(regions, statuses, shown, lang, province_code, final)
    return ScorecardView(
        tallies={level: status_tally(level_statuses(score, level), lang, final) for level in KEY_LEVELS},
        html=scorecard_html(score, shown, lang),
        table=scorecard_table(score, shown, lang),
        has_demo=bool(score["demo"].any()) if len(score) else False,
        final=final,
    )
