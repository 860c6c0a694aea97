"""The rows a brief is built from, read through the gateway's named queries. The plan and its years come from the plans table: nothing here assumes a particular plan period."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ningxia_dash import config
from ningxia_dash.plan import Plan, plan_of
from ningxia_dash.store import queries
from ningxia_dash.store.db import Database
from ningxia_dash.tracking.overview import as_of_choices


class BriefRequestError(ValueError):
    """A brief was asked for a plan or year the database does not have (the message is for the user)."""


@dataclass(frozen=True)
class BriefInputs:
    """Everything content.assemble needs, as plain DataFrames and values."""

    plan: Plan
    as_of: int
    latest_data_year: int | None
    data_version: str
    indicators: pd.DataFrame
    observations: pd.DataFrame
    references: pd.DataFrame
    sources: pd.DataFrame
    regions: pd.DataFrame
    shapes: pd.DataFrame
    notes: pd.DataFrame  # 情况说明 of the binding targets


def choose_plan(plans: pd.DataFrame, plan_id: str | None) -> Plan:
    """The requested plan, else the default plan when present, else the newest plan."""
    if plans.empty:
        raise BriefRequestError("数据库中没有规划 / the database holds no plan")
    by_id = plans.set_index("id", drop=False)
    if plan_id is not None:
        if plan_id not in by_id.index:
            raise BriefRequestError(f"找不到规划 {plan_id} / no plan {plan_id}: {', '.join(map(str, by_id.index))}")
        return plan_of(plans, plan_id)
    wanted = config.DEFAULT_PLAN_ID if config.DEFAULT_PLAN_ID in by_id.index else str(plans.iloc[0]["id"])
    return plan_of(plans, wanted)


def choose_year(plan: Plan, latest: int | None, year: int | None) -> int:
    """The 'as of' year: the one asked for (within the plan's years), else the latest data year."""
    choices = as_of_choices(plan.period_start, plan.period_end, latest)
    if year is None:
        return latest if latest in choices else choices[-1]
    if year not in choices:
        raise BriefRequestError(
            f"评估年份须在 {choices[0]}–{choices[-1]} 之间 / the year must be between {choices[0]} and {choices[-1]}"
        )
    return year


def load_inputs(db: Database, plan_id: str | None = None, year: int | None = None) -> BriefInputs:
    plan = choose_plan(queries.plans(db), plan_id)
    pid = plan.id
    latest = queries.latest_data_year(db, pid)
    indicators = queries.indicators(db, pid)
    binding = indicators.loc[indicators["attribute"] == "binding", "id"]
    notes = [queries.indicator_notes(db, str(i)) for i in binding]
    return BriefInputs(
        plan=plan,
        as_of=choose_year(plan, latest, year),
        latest_data_year=latest,
        data_version=queries.data_version(db),
        indicators=indicators,
        observations=queries.observations(db, pid),
        references=queries.reference_values(db),
        sources=queries.sources(db),
        regions=queries.regions(db),
        shapes=queries.county_shapes(db),
        notes=pd.concat(notes, ignore_index=True) if notes else pd.DataFrame(),
    )
