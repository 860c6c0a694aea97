"""What every place screen shares: the key-assistance levels, the status orders, numbers and links, the
picked object of a map or chart, status tallies and provenance badges (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

import pandas as pd

from ningxia_dash.i18n import Lang, t
from ningxia_dash.labels import value_text
from ningxia_dash.style import STATUS_SYMBOLS
from ningxia_dash.tracking.status import STATUS_ORDER
from ningxia_dash.tracking.verdicts import VERDICT_ORDER

KEY_LEVELS = ("national", "regional")
BEST_FIRST = tuple(str(s) for s in reversed(STATUS_ORDER))  # achieved, on_track, no_data, lagging, off_track
WORST_FIRST = tuple(str(s) for s in STATUS_ORDER)
# from the plan's last year on a place reads its end-of-period verdict (evaluation.is_final_year), worst first
VERDICTS_WORST_FIRST = tuple(str(v) for v in VERDICT_ORDER)  # not met, cannot assess, basically met, met


def worst_first(final: bool = False) -> tuple[str, ...]:
    """The statuses (or, at the plan's end, the verdicts) worst first."""
    return VERDICTS_WORST_FIRST if final else WORST_FIRST


def missing_status(final: bool = False) -> str:
    """What a place without a figure reads: 暂无数据 mid-period, 无法评估 at the plan's end."""
    return "cannot_assess" if final else "no_data"


def level_of(value: object) -> str:
    """'national' / 'regional' / 'none' from a nullable assistance_level."""
    return value if isinstance(value, str) and value in KEY_LEVELS else "none"


def num(value: object) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        f = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def kpi_text(value: object, unit: object, lang: Lang) -> str:
    """A KPI for a headline figure: as format_number, but 亿元 reads '45.6 bn yuan' in English (not '456 100m')."""
    v = num(value)
    if v is not None and unit == "亿元" and lang == "en":
        return f"{v / 10:,.1f} bn yuan"
    return value_text(value, unit, lang)


def year_choices(period_start: int, data_years: Iterable[object]) -> list[int]:
    """Years a screen can be shown as of: from the plan's first year to the newest year with data (a plan whose
    data have not started yet offers its first year only). Nothing assumes a particular plan."""
    years = [int(v) for y in data_years if (v := num(y)) is not None]
    last = max(years) if years else period_start
    return list(range(period_start, max(last, period_start) + 1))


def indicator_link(indicator_id: str, region_code: str, lang: Lang) -> str:
    """Deep link to the indicator detail page for one region (relative, so a proxy's path prefix is kept)."""
    query = {"indicator": indicator_id, "region": region_code}
    if lang == "en":
        query["lang"] = "en"
    return f"indicator?{urlencode(query)}"


def page_link(page: str, lang: Lang, **query: str) -> str:
    if lang == "en":
        query["lang"] = "en"
    return f"{page}?{urlencode(query)}" if query else page


def status_tally(statuses: Iterable[str], lang: Lang, final: bool = False) -> str:
    """'✖ 2 · ▲ 3 · ● 4' worst first, only statuses (verdicts, with final=True) that occur."""
    counts = pd.Series(list(statuses), dtype="object").value_counts()
    parts = [
        f"{STATUS_SYMBOLS[s]} {t(f'status.{s}', lang)} {int(counts[s])}" for s in worst_first(final) if s in counts
    ]
    return " · ".join(parts) if parts else t("common.none", lang)


def legend_counts(statuses: Iterable[str], final: bool = False) -> dict[str, int]:
    """Count per status (verdict, with final=True) for a map legend: best first, every one present."""
    counts = pd.Series(list(statuses), dtype="object").value_counts()
    return {s: int(counts.get(s, 0)) for s in reversed(worst_first(final))}


def selected_object(widget_state: object, layer_id: str, field: str) -> str | None:
    """The `field` of the object picked on a pydeck map (st.pydeck_chart selection state), if any."""
    try:
        objects = widget_state["selection"]["objects"].get(layer_id) or []  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    value = objects[0].get(field) if objects and isinstance(objects[0], Mapping) else None
    return str(value) if value is not None else None


def selected_point(widget_state: object) -> str | None:
    """The customdata of the point picked on a plotly chart (st.plotly_chart selection state), if any."""
    try:
        points = widget_state["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError, AttributeError):
        return None
    if not points:
        return None
    value = points[0].get("customdata")
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return str(value) if value is not None else None


def demo_badge(lang: Lang) -> str:
    return f":orange-badge[{t('prov.demo', lang)}]"


def kinds_text(frame: pd.DataFrame, lang: Lang) -> str:
    """The source kinds found in a frame's source_kind columns, as badges: ':orange-badge[示例] 示例数据，非真实统计…'."""
    found = set(frame.filter(like="source_kind").stack().dropna()) if len(frame) else set()
    kinds = [k for k in ("official", "public", "demo") if k in found]
    badges = {"official": "green", "public": "blue", "demo": "orange"}
    return "；".join(
        f":{badges[k]}-badge[{t('prov.' + k, lang)}] {t('prov.' + k + '.desc', lang)}" for k in kinds
    ) or t("common.none", lang)
