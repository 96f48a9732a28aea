"""Arithmetic and reading helpers the rules share: exact decimals, whether a target was met,
which way an indicator points, the unit of a row's values, a category whatever its template
calls it, whether a row explains anything. (When a printed number agrees with an exact one is
``precision``; what an explanation says is ``cues``.)"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from reviewer.form.model import Funds, FundsRow, Indicator
from reviewer.form.values import MONEY_UNITS, PLACEHOLDERS, CellValue, name_and_unit, parse_value, with_unit
from reviewer.rules.precision import Printed

HUNDRED = Decimal(100)

# Indicators whose smaller value is better: complaints, accidents, faults, costs, time taken.
_REVERSE_RATE = re.compile(r"(?:发生|差错|投诉|故障|偏差|不合格|超标|逾期|失误|违约|事故|流失|空置)率$")
_REVERSE_NAME = re.compile(
    r"投诉|事故|差错|失误|违约|违规|故障发生|故障次数|中断|偏差|成本|费用|耗时|时长|"
    r"响应时间|处理时间|办结时间|等待时间|发生次数|不合格|超标|逾期|损失"
)


@lru_cache(maxsize=65536)
def matches(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text)``, remembered: a province's forms repeat the same indicator names."""
    return pattern.search(text) is not None


def rounded(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def show(value: Decimal | None) -> str:
    """A computed value as a reviewer reads it: two decimals, no exponent."""
    if value is None:
        return "—"
    return format(rounded(value), "f")


def points_lost(row: Indicator) -> Decimal:
    assert row.weight is not None and row.score is not None
    return row.weight - row.score


def is_reverse(row: Indicator) -> bool:
    """Smaller is better: a ≤ or < target, a rate of something bad (偏差率, 投诉率), or a count,
    cost or time of something bad (投诉量, 事故发生次数, 成本, 响应时间)."""
    return _is_reverse(row.name, row.target_value.comparator if row.target_value else None)


@lru_cache(maxsize=65536)
def _is_reverse(name: str, comparator: str | None) -> bool:
    if comparator in ("<=", "<"):
        return True
    if comparator in (">=", ">"):
        return False
    if name.endswith("率"):
        return bool(_REVERSE_RATE.search(name))
    return bool(_REVERSE_NAME.search(name))


def comparable(target: CellValue, actual: CellValue) -> tuple[Decimal, Decimal] | None:
    """Target and actual numbers in one unit, or None when their units cannot be compared."""
    if target.number is None or actual.number is None:
        return None
    if target.unit == actual.unit or target.unit is None or actual.unit is None:
        return target.number, actual.number
    if target.unit in MONEY_UNITS and actual.unit in MONEY_UNITS:
        return target.number * MONEY_UNITS[target.unit], actual.number * MONEY_UNITS[actual.unit]
    return None


def target_met(row: Indicator) -> bool | None:
    """Whether a quantitative target was met; None when that cannot be told ("约", text, units
    that do not compare). "=" and a bare number count as met when the actual is better, except
    "=0", which only 0 (or less) meets."""
    if row.target is None or row.actual is None:
        return None
    return _target_met(row.target, row.actual, row.name)


@lru_cache(maxsize=65536)
def _target_met(target_text: str, actual_text: str, name: str) -> bool | None:
    unit = name_and_unit(name)[1]
    target, actual = with_unit(parse_value(target_text), unit), with_unit(parse_value(actual_text), unit)
    if target is None or actual is None or target.kind != "number" or actual.kind != "number":
        return None
    numbers = comparable(target, actual)
    if numbers is None or target.comparator == "~":
        return None
    goal, done = numbers
    comparator = target.comparator
    if comparator == ">=":
        return done >= goal
    if comparator == ">":
        return done > goal
    if comparator == "<=":
        return done <= goal
    if comparator == "<":
        return done < goal
    if goal == 0:  # "=0" (accidents, complaints): met only by nothing at all, as the systems score it
        return done <= 0
    return done == goal or (done < goal if _is_reverse(name, comparator) else done > goal)


def identical_text_met(row: Indicator) -> bool:
    """The actual repeats the target word for word (not a placeholder such as 无)."""
    return bool(row.target and row.actual and row.target == row.actual and row.target not in PLACEHOLDERS)


def percent(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


def quote(text: str, limit: int = 40) -> str:
    """A long text cut for a message, marked where it was cut."""
    return text if len(text) <= limit else text[:limit] + "…"


def cell(row: Indicator, field: str) -> str:
    """A cell quoted as printed, for messages."""
    return row.printed(field) or "（空）"


def printed_values(rows: Iterable[Indicator | FundsRow], field: str) -> list[Printed]:
    """Each row's value in ``field`` with its printed text, for the precision helpers; the text
    only where it differs from the value ("1,430.80"): a Decimal keeps the digits it was
    printed with, and most cells need no text."""
    return [(value, row.raw.get(field)) for row in rows if (value := getattr(row, field)) is not None]


def total_of(values: Iterable[Decimal | None]) -> Decimal:
    """The sum of the values that are there; blank cells add nothing."""
    return sum((v for v in values if v is not None), Decimal(0))


def execution_rate(row: FundsRow) -> Decimal | None:
    """执行数 ÷ 全年预算数 in percent; None when either is missing or the budget is zero."""
    if row.executed is None or not row.adjusted_budget:
        return None
    return percent(row.executed, row.adjusted_budget)


def numbers_of(row: Indicator) -> list[CellValue]:
    """The row's target and actual that are numbers, with the name's unit where they print none."""
    return [v for v in row.measured if v is not None and v.kind == "number"]


def stem(row: Indicator) -> str:
    """The indicator's name without the unit it declares: "培训人数（人次）" → "培训人数"."""
    return name_and_unit(row.name)[0]


# A first-level category as templates name it: 产出指标 (MoF), 项目产出 (the older template),
# 服务对象满意度指标 put at the first level.
_CATEGORY_AFFIXES = re.compile(r"^(?:项目|年度|服务对象)|指标$")


@lru_cache(maxsize=4096)
def category_key(level1: str) -> str:
    """What a first-level category is, whatever its template calls it: 产出指标 and 项目产出 are
    both 产出, 满意度指标 and 服务对象满意度指标 both 满意度."""
    return _CATEGORY_AFFIXES.sub("", level1) or level1


def same_unit(a: str, b: str) -> bool:
    """Equal units, or two money units (元 and 万元 compare after conversion)."""
    return a == b or (a in MONEY_UNITS and b in MONEY_UNITS)


_NAME_QUANTITY = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|亿元|千元|元|万|亿)?\s*"
    r"(笔|户|个|次|人|件|项|天|小时|公里|千米|米|%|家|条|份|台|套|场|篇|名|批|平方米|亩)?"
)


@lru_cache(maxsize=65536)
def name_quantities(name: str) -> tuple[tuple[Decimal, str], ...]:
    """Quantities with a unit written into an indicator's name: "为600笔贷款…" → ((600, "笔"),)."""
    found = []
    for number, magnitude, unit in _NAME_QUANTITY.findall(name):
        unit = (magnitude or "") + (unit or "")
        if unit:
            found.append((Decimal(number.replace(",", "")), unit))
    return tuple(found)


# What an explanation column holds when nothing was explained.
EMPTY_EXPLANATIONS = frozenset(
    {
        "",
        "无",
        "无。",
        "无偏差",
        "无偏差。",
        "0",
        "/",
        "／",
        "—",
        "——",
        "-",
        "－",
        "暂无",
        "不适用",
        "N/A",
        "n/a",
        "无差异",
        "无偏差原因",
    }
)


def says_something(text: str | None) -> bool:
    """Whether an explanation cell holds anything (not blank, not 无 or a dash)."""
    return (text or "").strip() not in EMPTY_EXPLANATIONS


def explained(row: Indicator) -> bool:
    """Whether the row's 偏差原因分析 says anything."""
    return says_something(row.explanation)


# The template's instructions left in the funds table's 原因 box: "预算执行率未达到90%的需说明原因
# （100字以内）；2.年中发生预算调整的（追加或调减），应单独说明理由".
_FUNDS_INSTRUCTIONS = re.compile(r"需说明|应单独说明|[（(]\d+字以内[）)]")


def funds_explained(funds: Funds) -> bool:
    """Whether the funds table's 原因 box says why (not blank, not 无, not the template's instructions)."""
    return says_something(funds.explanation) and not _FUNDS_INSTRUCTIONS.search(funds.explanation or "")


def funds_box_said(funds: Funds) -> tuple[str, str]:
    """What a funds finding adds, in Chinese and English, when the 原因 box is there but says nothing."""
    if funds.explanation is None:
        return "", ""
    if _FUNDS_INSTRUCTIONS.search(funds.explanation):
        return "；原因栏仍是模板的填报说明", "; the 原因 box still holds the template's instructions"
    return "；原因栏未说明", "; the 原因 box says nothing"
