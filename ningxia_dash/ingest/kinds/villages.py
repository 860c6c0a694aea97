"""Upload kind `villages` (重点移民村名单): add or update the key resettlement villages (partial rows)."""

from __future__ import annotations

import pandas as pd

from ningxia_dash.ingest.kinds.base import Col, Kind
from ningxia_dash.ingest.kinds.shared import county_of, own_id, require_for_new
from ningxia_dash.ingest.refs import Refs
from ningxia_dash.ingest.validate import NINGXIA_LAT, NINGXIA_LON, Validator

RELOCATION = (("policy", ("政策性移民", "政策性", "policy")), ("spontaneous", ("自发移民", "自发", "spontaneous")))


def check(v: Validator) -> None:
    refs = v.refs
    is_new = own_id(v, set(refs.villages))
    ids = v.frame["id"]
    require_for_new(v, is_new, ids)
    for name in ("name_zh", "name_en", "leading_industry"):
        v.plain_text(name, v.kind.col(name).max_len)
    counties = v.code("county_code", refs.lookup("county"))
    # A county scope covers both ends of a move: the county a village is in now and the one the file gives it.
    v.region_scope("id", county_of(ids, refs.villages), current=True)
    v.region_scope("county_code", counties)
    _inside(v, "lon", "cell.lon_range", NINGXIA_LON)
    _inside(v, "lat", "cell.lat_range", NINGXIA_LAT)
    v.enum(v.kind.col("relocation_type"))
    households = v.integer("households")
    population = v.integer("population")
    v.boolean("leader_contacted")
    odd = households.notna() & population.notna() & (population < households)
    v.rule(
        "population",
        "warn.population",
        ~odd.fillna(False).astype(bool),
        lambda r: {"population": population.at[r], "households": households.at[r]},
        severity="warning",
    )


def _inside(v: Validator, axis: str, code: str, bounds: tuple[float, float]) -> None:
    """A longitude or latitude, when given, lies inside Ningxia's bounds."""
    degrees, _, _ = v.number(axis)
    v.rule(
        axis,
        code,
        degrees.isna() | degrees.between(*bounds),
        lambda r: {"min": bounds[0], "max": bounds[1]},
    )


def fill_new(rows: pd.DataFrame, refs: Refs) -> pd.DataFrame:
    """A new village without an English name is called by its Chinese one."""
    out = rows.copy()
    out["name_en"] = out["name_en"].where(out["name_en"].notna(), out["name_zh"])
    return out


KIND = Kind(
    id="villages",
    zh="重点移民村名单",
    en="Key resettlement villages",
    table="villages",
    key=("id",),
    cols=(
        Col(
            "id",
            "村代码",
            "code",
            required=True,
            help_zh="村（社区）代码：修改已有村时填“村代码”表中的代码；新增村自拟代码（字母、数字、连字符）",
            help_en="Village id: an existing one to update it, a new one (letters, digits, hyphens) to add a village",
            example="demo-v-640303-07",
            aliases=("village_id", "village", "code", "村（社区）代码", "村编码"),
        ),
        Col(
            "name_zh",
            "村名",
            "text",
            help_zh="村（社区）名称",
            help_en="Village name",
            example="某某村",
            aliases=("name", "村（社区）名称", "名称"),
            max_len=60,
        ),
        Col(
            "name_en",
            "英文名",
            "text",
            help_zh="可选：英文或拼音名称，空则同村名",
            help_en="Optional: English or pinyin name (the Chinese name when blank)",
            aliases=("english name",),
            max_len=120,
        ),
        Col(
            "county_code",
            "县区代码",
            "code",
            help_zh="所属县（市、区）的6位代码或名称",
            help_en="The county's 6-digit code or name",
            example="640303",
            aliases=("county", "所属县区", "县区"),
        ),
        Col(
            "lon",
            "经度",
            "number",
            help_zh="村委会位置经度（WGS84，宁夏境内约104.2–107.7）",
            help_en="Longitude of the village office (WGS84, about 104.2–107.7 in Ningxia)",
            example="106.06",
            aliases=("longitude", "lng"),
        ),
        Col(
            "lat",
            "纬度",
            "number",
            help_zh="纬度（WGS84，宁夏境内约35.2–39.4）",
            help_en="Latitude (WGS84, about 35.2–39.4 in Ningxia)",
            example="37.42",
            aliases=("latitude",),
        ),
        Col(
            "relocation_type",
            "搬迁类型",
            "enum",
            help_zh="“政策性移民”或“自发移民”",
            help_en="policy or spontaneous",
            example="政策性移民",
            aliases=("type", "移民类型"),
            choices=RELOCATION,
        ),
        Col(
            "households",
            "户数",
            "int",
            help_zh="户数（整数）",
            help_en="Households (whole number)",
            example="1200",
            aliases=("户",),
        ),
        Col(
            "population",
            "人口",
            "int",
            help_zh="人口（整数）",
            help_en="Population (whole number)",
            example="5000",
            aliases=("人数", "人口数"),
        ),
        Col(
            "leading_industry",
            "主导产业",
            "text",
            help_zh="主导产业",
            help_en="Leading industry",
            example="枸杞",
            aliases=("industry",),
            max_len=60,
        ),
        Col(
            "leader_contacted",
            "省级领导包抓",
            "bool",
            help_zh="是否为省级领导包抓村：是/否",
            help_en="Contacted by a provincial leader: 是 (yes) / 否 (no)",
            example="否",
            aliases=("leader", "领导包抓"),
        ),
    ),
    check=check,
    partial=True,
    entity_zh="村",
    entity_en="village",
    help_zh="新增或修改重点移民村（社区）的基本信息；未填写的列保持原值。",
    help_en="Add or update key resettlement villages; columns left out keep their values.",
    # A county scope checks both the village's current county and the one the file gives it.
    honoured_scopes=frozenset({"regions"}),
    new_row_required=(
        "name_zh",
        "county_code",
        "lon",
        "lat",
        "relocation_type",
        "households",
        "population",
        "leading_industry",
        "leader_contacted",
    ),
    fill_new=fill_new,
    ref_sheets=("regions", "villages"),
)
