"""How a status or a latest value reads on screen (pure): one name and one home for each."""

from __future__ import annotations

import pandas as pd

from ningxia_dash.i18n import Lang, format_number, t
from ningxia_dash.style import STATUS_SYMBOLS


def status_label(status: str, lang: Lang) -> str:
    """Symbol and word, never colour alone: '✖ 严重滞后'."""
    return f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}"


def latest_with_source(row: pd.Series, lang: Lang) -> str:
    """'98% (2024, 公开)' for a headline card."""
    if pd.isna(row["latest_value"]):
        return t("status.no_data", lang)
    value = format_number(float(row["latest_value"]), row["unit"] if isinstance(row["unit"], str) else None, lang)
    return f"{value} ({int(row['latest_year'])}, {t('prov.' + row['latest_source_kind'], lang)})"


def latest_with_year(assessment: pd.Series, unit: str | None, lang: Lang) -> str:
    """'98% (2024)' for one target's detail (the source is shown beside it)."""
    if pd.isna(assessment["latest_value"]):
        return t("status.no_data", lang)
    value = format_number(float(assessment["latest_value"]), unit, lang)
    return f"{value} ({int(assessment['latest_year'])})"
