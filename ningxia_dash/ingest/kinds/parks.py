"""Upload kind `parks` (闽宁产业园信息): update the plan's ten Minning parks (partial rows; no new parks)."""

from __future__ import annotations

from ningxia_dash.ingest.kinds.base import Col, Kind
from ningxia_dash.ingest.kinds.shared import county_of
from ningxia_dash.ingest.validate import Validator


def check(v: Validator) -> None:
    refs = v.refs
    v.required("id")
    ids = v.code("id", refs.lookup("park"))
    v.region_scope("id", county_of(ids, refs.parks), current=True)
    for col in v.kind.cols[1:]:
        v.plain_text(col.name, col.max_len)
    v.duplicates(["id"], ("园区", "park"))


KIND = Kind(
    id="parks",
    zh="闽宁产业园信息",
    en="Minning parks",
    table="parks",
    key=("id",),
    cols=(
        Col(
            "id",
            "园区代码",
            "code",
            required=True,
            help_zh="园区代码（见“园区代码”表），也可填园区名称",
            help_en="Park id (see the park sheet) or its name",
            example="park_yanchi",
            aliases=("park_id", "park", "园区", "园区编码"),
        ),
        Col(
            "name_zh",
            "园区名称",
            "text",
            help_zh="园区名称（规划未列名的第十个园区可在此填写）",
            help_en="Park name (the tenth park, unnamed in the plan, can be named here)",
            aliases=("name", "名称"),
            max_len=60,
        ),
        Col("name_en", "英文名称", "text", help_zh="可选：英文名称", help_en="Optional: English name", max_len=120),
        Col(
            "lead_industries_zh",
            "主导产业",
            "text",
            help_zh="主导产业",
            help_en="Lead industries",
            aliases=("industries",),
            max_len=200,
        ),
        Col(
            "lead_industries_en",
            "英文主导产业",
            "text",
            help_zh="可选：主导产业英文",
            help_en="Optional: lead industries in English",
            max_len=300,
        ),
        Col(
            "fujian_partner_zh",
            "福建结对方",
            "text",
            help_zh="福建对口协作方",
            help_en="Fujian partner",
            aliases=("fujian_partner", "partner", "结对方"),
            max_len=120,
        ),
        Col("note", "备注", "text", help_zh="可选", help_en="Optional", aliases=("notes",), max_len=500),
    ),
    check=check,
    partial=True,
    entity_zh="园区",
    entity_en="park",
    help_zh="修改10个闽宁产业园的名称、主导产业、福建结对方；未填写的列保持原值。",
    help_en="Update the 10 Minning parks' names, industries and Fujian partners; columns left out keep their values.",
    honoured_scopes=frozenset({"regions"}),
    new_row_required=(),  # parks are the plan's ten: no new ones
    ref_sheets=("parks",),
)
