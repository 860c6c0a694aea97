"""Upload kind `indicator_notes` (情况说明): what explains an indicator's value in a year."""

from __future__ import annotations

from ningxia_dash.config import PROVINCE_CODE
from ningxia_dash.ingest.kinds.base import Col, Kind
from ningxia_dash.ingest.kinds.shared import INDICATOR, INDICATOR_NAME, REGION, YEAR, indicator_columns, plan_window
from ningxia_dash.ingest.validate import Validator


def check(v: Validator) -> None:
    refs = v.refs
    _ids, plan_ids = indicator_columns(v)
    regions = v.code("region_code", refs.lookup("region"), default=PROVINCE_CODE)
    v.region_scope("region_code", regions)
    v.required("year")
    years = v.year("year")
    lo, hi, label = plan_window(v, plan_ids)
    v.year_window(years, lo, hi, label)
    v.required("text_zh")
    v.plain_text("text_zh", 2000)
    v.plain_text("text_en", 4000)
    v.duplicates(["indicator_id", "region_code", "year"], ("指标、地区、年份", "indicator, region and year"))


KIND = Kind(
    id="indicator_notes",
    zh="情况说明",
    en="Indicator notes",
    table="indicator_notes",
    key=("indicator_id", "region_code", "year"),
    cols=(
        INDICATOR,
        INDICATOR_NAME,
        Col(
            "region_code",
            "地区代码",
            "code",
            help_zh=f"可选，默认 {PROVINCE_CODE}（全区）",
            help_en=f"Optional, {PROVINCE_CODE} (Ningxia) when blank",
            example=PROVINCE_CODE,
            aliases=REGION.aliases,
        ),
        YEAR,
        Col(
            "text_zh",
            "情况说明",
            "text",
            required=True,
            help_zh="对该年数值的说明（进展、滞后原因、措施），不超过2000字",
            help_en="What explains the year's value (progress, reasons for lagging, measures), ≤ 2000 characters",
            example="受疫情影响，部分工程延期至次年完工。",
            aliases=("note_zh", "explanation", "说明", "情况"),
            max_len=2000,
        ),
        Col(
            "text_en",
            "英文说明",
            "text",
            help_zh="可选：英文说明",
            help_en="Optional: the explanation in English",
            aliases=("explanation_en", "english"),
            max_len=4000,
        ),
    ),
    check=check,
    entity_zh="情况说明",
    entity_en="note",
    help_zh="指标某年数值的情况说明（进展、滞后原因、措施）。",
    help_en="Explanations of an indicator's value in a year (progress, reasons for lagging, measures).",
    honoured_scopes=frozenset({"indicators", "regions"}),
    value_columns=("text_zh", "text_en"),
    ref_sheets=("indicators", "regions"),
)
