"""Arithmetic and reading helpers the rules share: exact decimals, printed precision,
whether a target was met, which way an indicator points."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from ..model import Indicator
from ..values import MONEY_UNITS, PLACEHOLDERS, CellValue, parse_value

HUNDRED = Decimal(100)
_DECIMALS = re.compile(r"\.(\d+)")
CENT = Decimal("0.01")

# Indicators whose smaller value is better: complaints, accidents, faults, costs, time taken.
_REVERSE_RATE = re.compile(r"(?:发生|差错|投诉|故障|偏差|不合格|超标|逾期|失误|违约|事故|流失|空置)率$")
_REVERSE_NAME = re.compile(r"投诉|事故|差错|失误|违约|违规|故障发生|故障次数|中断|偏差|成本|费用|耗时|时长|"
                           r"响应时间|处理时间|办结时间|等待时间|发生次数|不合格|超标|逾期|损失")


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


@lru_cache(maxsize=4096)
def printed_step(printed: str | None) -> Decimal:
    """One unit of the last digit printed: "94.33" → 0.01, "100%" → 1."""
    if not printed:
        return Decimal(1)
    match = _DECIMALS.search(printed)
    return Decimal(1).scaleb(-len(match.group(1))) if match else Decimal(1)


def within(printed_value: Decimal, expected: Decimal, printed_text: str | None, tolerance: Decimal) -> bool:
    """A printed number agrees with the exact one if the gap is within the configured tolerance
    or within one unit of the last printed digit (so rounding and truncation both pass)."""
    return abs(printed_value - expected) <= max(tolerance, printed_step(printed_text))


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
    that do not compare). "=" and a bare number count as met when the actual is better."""
    if row.target is None or row.actual is None:
        return None
    return _target_met(row.target, row.actual, row.name)


@lru_cache(maxsize=65536)
def _target_met(target_text: str, actual_text: str, name: str) -> bool | None:
    target, actual = parse_value(target_text), parse_value(actual_text)
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
