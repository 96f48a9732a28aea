"""Parse the text of a 年度指标值 / 实际完成值 cell into a typed value.

A cell says one of: a number with a comparator and a unit ("≥95.00(%)", "约95万元",
"10万+"), one of the three official qualitative grades or an unambiguous variant
("达成指标"), a date or period ("每月25日", "2024年1月-12月"), a placeholder ("无",
"—"), or free text ("长期", "及时"). Numbers are exact decimals.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from reviewer.form.text import halfwidth, squash

Comparator = Literal[">=", "<=", "=", ">", "<", "~"]
Grade = Literal["achieved", "partial", "failed"]
Kind = Literal["number", "grade", "date", "period", "placeholder", "text"]


class CellValue(BaseModel):
    """What a target or actual cell means. The printed text stays on the indicator."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    compact: ClassVar[bool] = True  # serialised without its None fields

    kind: Kind
    comparator: Comparator | None = None
    number: Decimal | None = None
    unit: str | None = None
    grade: Grade | None = None


# Longest first, so "大于等于" wins over "大于".
_PREFIXES: list[tuple[str, Comparator]] = sorted(
    [
        ("≥", ">="),
        (">=", ">="),
        ("=>", ">="),
        ("不低于", ">="),
        ("不少于", ">="),
        ("大于等于", ">="),
        ("大于或等于", ">="),
        ("≤", "<="),
        ("<=", "<="),
        ("=<", "<="),
        ("不高于", "<="),
        ("不超过", "<="),
        ("不多于", "<="),
        ("小于等于", "<="),
        ("小于或等于", "<="),
        ("==", "="),
        ("=", "="),
        ("等于", "="),
        (">", ">"),
        ("大于", ">"),
        ("高于", ">"),
        ("超过", ">"),
        ("多于", ">"),
        ("<", "<"),
        ("小于", "<"),
        ("低于", "<"),
        ("少于", "<"),
        ("约", "~"),
        ("大约", "~"),
        ("≈", "~"),
        ("~", "~"),
    ],
    key=lambda p: -len(p[0]),
)

_SUFFIXES: list[tuple[str, Comparator]] = [
    ("及以上", ">="),
    ("以上", ">="),
    ("及以下", "<="),
    ("以下", "<="),
    ("以内", "<="),
    ("之内", "<="),
    ("左右", "~"),
    ("+", ">="),
]

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_QUANTITY = re.compile(
    rf"^(?P<number>{_NUMBER})\s*(?P<mag>[万亿千](?!元|美元))?\s*"
    r"(?P<unit>\([^()\d]{1,8}\)|[^\d\s(),.;:!?，。、；：！？]{1,6})?$"
)

_MAGNITUDES = {"千": Decimal(1000), "万": Decimal(10000), "亿": Decimal(100000000)}

_UNIT_ALIASES = {"百分比": "%", "百分点": "%", "％": "%", "个百分点": "%"}

_RECURRING_DATE = re.compile(r"^每(?:个)?(?:月|年|季度|周|日)\d{1,2}(?:日|号)?(?:前|之前)?$")
_DATE = re.compile(
    r"^\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:底|末)?(?:前|之前|以前)?$|^\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?$"
)
_PERIOD = re.compile(
    r"^\d{4}年?(?:\d{1,2}月)?(?:\d{1,2}日)?\s*[-—–~～至到]+\s*(?:\d{4}年?)?(?:\d{1,2}月)?(?:\d{1,2}日)?$"
    r"|^\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?\s*[-—–~至到]+\s*\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?$"
    r"|^全年$|^\d{4}年(?:全年|度)$"
)

PLACEHOLDERS = frozenset({"无", "/", "／", "—", "-", "－", "——", "–", "―", "暂无", "N/A", "n/a", "NA"})

_GRADE_PATTERNS: list[tuple[re.Pattern[str], Grade]] = [
    (re.compile(r"^(?:未|没有|没)达(?:成|到)"), "failed"),
    (re.compile(r"^部分达(?:成|到)"), "partial"),
    (re.compile(r"^(?:已|全部|全面)?达(?:成|到)(?:了)?(?:年度|预期|既定)?(?:绩效)?(?:指标|目标)?(?:值)?$"), "achieved"),
]

# Every official wording of the three grades, for readers that must recognise a wrapped grade.
GRADE_PHRASES = (
    "达成年度指标",
    "部分达成年度指标并具有一定效果",
    "未达成年度指标且效果较差",
    "达成指标",
    "部分达成指标并具有一定效果",
    "未达成指标且效果较差",
    "达成预期指标",
)


_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
_DECIMAL_SUFFIX = re.compile(r"(?:%|分)$")


def parse_decimal(text: str | None) -> Decimal | None:
    """A decimal from a number cell ("1,430.80", "100%", "10分"); None if the cell is blank,
    a dash or not a number."""
    return None if text is None else _parse_decimal(text)


@lru_cache(maxsize=16384)
def _parse_decimal(text: str) -> Decimal | None:
    cleaned = _DECIMAL_SUFFIX.sub("", halfwidth(squash(text)).replace(",", "")).strip()
    if not _DECIMAL.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid literals
        return None


def is_number_cell(text: str | None) -> bool:
    return parse_decimal(text) is not None


def parse_grade(text: str) -> Grade | None:
    cleaned = squash(text)
    for pattern, grade in _GRADE_PATTERNS:
        if pattern.search(cleaned):
            return grade
    return None


@lru_cache(maxsize=16384)
def parse_value(text: str | None) -> CellValue | None:
    """Interpret a target or actual cell; None for a blank cell."""
    # CellValue is frozen, so one parsed value can serve every cell with the same text.
    if text is None or not text.strip():
        return None
    cleaned = halfwidth(squash(text))
    if cleaned in PLACEHOLDERS:
        return CellValue.model_construct(kind="placeholder")
    quantity = _parse_quantity(cleaned)
    if quantity is not None:
        return quantity
    grade = parse_grade(cleaned)
    if grade is not None:
        return CellValue.model_construct(kind="grade", grade=grade)
    if _PERIOD.match(cleaned):
        return CellValue.model_construct(kind="period")
    if _RECURRING_DATE.match(cleaned) or _DATE.match(cleaned):
        return CellValue.model_construct(kind="date")
    return CellValue.model_construct(kind="text")


def _parse_quantity(cleaned: str) -> CellValue | None:
    comparator: Comparator | None = None
    rest = cleaned
    for word, comp in _PREFIXES:
        if rest.startswith(word):
            comparator, rest = comp, rest[len(word) :].strip()
            break
    for word, comp in _SUFFIXES:
        if rest.endswith(word) and len(rest) > len(word):
            comparator = comparator or comp
            rest = rest[: -len(word)].strip()
            break
    match = _QUANTITY.match(rest)
    if not match or _PERIOD.match(cleaned) or _DATE.match(cleaned):
        return None
    number = Decimal(match["number"].replace(",", ""))
    if match["mag"]:
        number *= _MAGNITUDES[match["mag"]]
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    unit = match["unit"]
    if unit:
        unit = unit.strip("()").strip()
        unit = _UNIT_ALIASES.get(unit, unit)
    return CellValue.model_construct(kind="number", comparator=comparator, number=number, unit=unit or None)


# ---- unit families, for the rules that compare units ----

MONEY_UNITS = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
    "美元": Decimal(1),
    "万美元": Decimal(10000),
}
_COUNT_UNITS = set("个次件份笔户人条起家台套项场期篇名批处所张本册辆株棵只头座栋间门")
_COUNT_UNITS |= {"人次", "户次", "个数", "万人", "万户", "万笔", "万件", "万次", "篇次", "场次", "批次", "平台"}
_TIME_UNITS = {"小时", "天", "日", "月", "年", "分钟", "秒", "周", "工作日", "个月", "个工作日", "季度"}
_LENGTH_UNITS = {"米", "厘米", "毫米", "公里", "千米"}
_AREA_UNITS = {"平方米", "亩", "公顷", "平方公里", "平米", "㎡"}

# Units of their own family that an indicator's name may declare: weights, volumes, energy, data.
_OTHER_UNITS = {"吨", "千克", "公斤", "立方米", "升", "千瓦", "千瓦时", "兆瓦", "TB", "GB", "MB", "册次", "万册"}

UnitKind = Literal["percent", "money", "count", "time", "length", "area", "frequency", "other"]


def unit_kind(unit: str | None) -> UnitKind | None:
    """The family a unit belongs to; None when there is no unit."""
    if not unit:
        return None
    if unit == "%":
        return "percent"
    if unit in MONEY_UNITS or unit.endswith("元"):
        return "money"
    if "/" in unit:
        head = unit.split("/", 1)[0]
        return "frequency" if head in _COUNT_UNITS else "money" if head.endswith("元") else "other"
    if unit in _COUNT_UNITS:
        return "count"
    if unit in _TIME_UNITS:
        return "time"
    if unit in _LENGTH_UNITS:
        return "length"
    if unit in _AREA_UNITS:
        return "area"
    return "other"


# A unit in brackets at the end of an indicator's name: "服务外包在岸(万美元)", "培训人数（人次）".
_NAME_UNIT = re.compile(r"\(([^()]{1,6})\)$")


@lru_cache(maxsize=65536)
def name_and_unit(name: str) -> tuple[str, str | None]:
    """An indicator's name without the unit it declares for its values, and that unit, as a
    度量单位 column would give it: "培训人数（人次）" → ("培训人数", "人次"). A bracket that holds no
    unit ("办法（试行）") stays in the name."""
    cleaned = halfwidth(squash(name))
    match = _NAME_UNIT.search(cleaned)
    if match is not None:
        unit = _UNIT_ALIASES.get(match.group(1).strip(), match.group(1).strip())
        if unit_kind(unit) not in (None, "other") or unit in _OTHER_UNITS:
            return cleaned[: match.start()].rstrip(), unit
    return name, None


def with_unit(value: CellValue | None, unit: str | None) -> CellValue | None:
    """A bare number given ``unit`` (the one its indicator's name declares); anything else as it is."""
    if value is None or unit is None or value.kind != "number" or value.unit is not None:
        return value
    return CellValue.model_construct(kind="number", comparator=value.comparator, number=value.number, unit=unit)
