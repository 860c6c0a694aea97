"""The tracking overview (pure): targets joined with their status (or end-of-period verdict), the alerts and the
overview's view model."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ningxia_dash.i18n import Lang, pick, t
from ningxia_dash.labels import clause_label, status_label
from ningxia_dash.style import BADGE_COLOURS
from ningxia_dash.tracking.targets import tracked_table
from ningxia_dash.views import demo_marked, rests_on_demo

ALERT_STATUSES = ("off_track", "not_met", "lagging", "basically_met", "no_data", "cannot_assess")


def as_of_choices(period_start: int, period_end: int, latest_data_year: int | None) -> list[int]:
    """Years a reader can assess 'as of': the plan's years up to the newest data (or the period's end)."""
    last = max(period_end, latest_data_year or period_end)
    return list(range(period_start, last + 1))


def with_status(indicators: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Indicators with their assessment columns (latest value, status, progress …) side by side."""
    a = assessments.drop(columns=["region_code"]).rename(columns={"indicator_id": "id"})
    return indicators.merge(a, on="id", how="left", suffixes=("", "_a"))


def speak_verdicts(rows: pd.DataFrame, verdicts: pd.DataFrame, key: str | list[str] = "id") -> pd.DataFrame:
    """with_status() rows as they read at the plan's end: the status is the end-of-period verdict (met, basically
    met, not met, cannot assess), the explanation the verdict's, the latest value the final one. Every screen that
    shows a status (overview, deck, big screen) then speaks in verdicts without a copy of the rule of its own.
    `key`: the columns a row is matched on ("id" for with_status rows; speak_verdicts_regions for all regions)."""
    keys = [key] if isinstance(key, str) else key
    v = verdicts.rename(columns={"indicator_id": "id"}) if keys == ["id"] else verdicts
    v = v.drop(columns=[c for c in ("region_code",) if c not in keys and c in v]).set_index(keys)
    out = rows.copy()
    ids = pd.MultiIndex.from_frame(out[keys]) if len(keys) > 1 else pd.Index(out[keys[0]])

    def at(col: str) -> pd.Series:
        return pd.Series(v[col].reindex(ids).to_numpy(), index=out.index)

    out["status"] = at("verdict")
    out["explanation_zh"], out["explanation_en"] = at("explanation_zh"), at("explanation_en")
    out["progress"] = at("progress_share")
    out["rests_on_demo"] = at("rests_on_demo")
    final = at("final_value").notna()
    for col, src in (("latest_value", "final_value"), ("latest_year", "final_year"),
                     ("latest_source_kind", "final_source_kind")):  # fmt: skip
        out[col] = at(src).where(final, None)
    return out


def speak_verdicts_regions(assessments: pd.DataFrame, verdicts: pd.DataFrame) -> pd.DataFrame:
    """assess_all_regions() rows in the words of the final evaluation (evaluate_all_regions rows), pair by pair
    (indicator, region): the scorecard, county map, slides and big screen speak as the overview does."""
    return speak_verdicts(assessments, verdicts, key=["indicator_id", "region_code"])


def alerts(df: pd.DataFrame) -> pd.DataFrame:
    """Binding targets that are not on track, worst first."""
    order = {s: i for i, s in enumerate(ALERT_STATUSES)}
    out = df[(df["attribute"] == "binding") & df["status"].isin(ALERT_STATUSES)].copy()
    out["_rank"] = out["status"].map(order)
    return out.sort_values(["_rank", "seq"]).drop(columns="_rank")


@dataclass(frozen=True)
class Alert:
    """One binding target not on track, as the overview lists it (plain strings: no frame work per rerun)."""

    indicator_id: str
    status: str
    badge_colour: str
    status_text: str  # symbol and word, with the sample-data mark when the status rests on sample data
    name: str
    clause: str
    why: str


@dataclass(frozen=True)
class OverviewModel:
    """Everything the overview shows below its header, for one plan, as-of year and language."""

    alerts: tuple[Alert, ...]
    counts: dict[str, int]
    binding_counts: dict[str, int]
    demo_counts: dict[str, int]  # per status: how many of them rest on sample data
    table: pd.DataFrame  # the headline targets (tracked_table), with id, chapter and explanation columns
    shown: pd.DataFrame  # the same without them: what the overview's table shows


def overview_model(rows: pd.DataFrame, lang: Lang) -> OverviewModel:
    """The overview's view model from with_status() rows: alerts worst first, status counts, headline table."""
    explanation = "explanation_zh" if lang == "zh" else "explanation_en"
    listed = tuple(
        Alert(r["id"], r["status"], BADGE_COLOURS[r["status"]],
              demo_marked(status_label(r["status"], lang), rests_on_demo(r), lang), pick(lang, r["name_zh"], r["name_en"]), clause_label(r["clause"], lang), r[explanation])
        for r in alerts(rows).to_dict("records")
    )  # fmt: skip
    binding = rows[rows["attribute"] == "binding"]
    table = tracked_table(rows[rows["is_headline"]].reset_index(drop=True), lang)
    return OverviewModel(
        alerts=listed,
        counts={str(k): int(v) for k, v in rows.groupby("status").size().items()},
        binding_counts={str(k): int(v) for k, v in binding.groupby("status").size().items()},
        demo_counts=demo_counts(rows),
        table=table,
        shown=table.drop(columns=["id", t("col.chapter", lang), t("col.explanation", lang)]),
    )


def demo_counts(rows: pd.DataFrame, column: str = "status") -> dict[str, int]:
    """Per status (or verdict, with column='verdict'): how many rest on sample data (rests_on_demo)."""
    demo = rows[[rests_on_demo(r) for _, r in rows.iterrows()]] if len(rows) else rows
    return {str(k): int(v) for k, v in demo.groupby(column).size().items()}
