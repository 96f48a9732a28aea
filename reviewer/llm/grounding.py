"""Deterministic checks on what a model wrote, after its JSON has validated.

Every number in a drafted text must be one the form holds or one that follows from it
(points lost, a rate, a difference, a sum converted between 万元 and 元), whether written
in Arabic digits, full-width digits or Chinese numerals; a text about a row must name its
indicator. ``checks.py`` applies these to every field of an answer, with the rest of what a
field declares (length, echoes, quotations).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from reviewer.form.model import Form
from reviewer.form.text import halfwidth

# A number followed by 月, 日, 号 or 时 is part of a date or time, not an amount.
_ARABIC = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d.]|\s*[月日号时])")
_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "亿": 100000000}
_CHINESE = re.compile(
    r"(?:百分之)?[零〇一二两三四五六七八九十百千万亿]{2,}|百分之[零〇一二两三四五六七八九十]+|"
    r"[二两三四五六七八九十](?=[个次项条家人户月年天场批期名])"
)
# "1." "2、" "（3）": list numbering, not a claim about the form.
_ENUMERATOR = re.compile(r"(?:^|[\s。；;，,：:])[（(]?\d[)）]?[、.．](?!\d)|[（(]\d[)）]")
_LIST_OR_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+")
# Identifiers, not amounts: a finding's code (F104), a template's name (shanghai-101-style).
_RULE_CODE = re.compile(r"(?<![A-Za-z])[EFSTN]\d{3}(?!\d)|[A-Za-z]+(?:-?\d+)+(?:-[A-Za-z]+)+|[a-z]+\d{4}\b")


def chinese_number(text: str) -> Decimal | None:
    """一百二十 → 120, 两千三百万 → 23000000, 百分之九十五 → 95. None if it is not a number."""
    text = text.removeprefix("百分之")
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        elif ch in ("十", "百", "千"):
            section += (digit if digit is not None else 1) * _CHINESE_UNITS[ch]
            digit = None
        elif ch in ("万", "亿"):
            total = (total + section + (digit or 0)) * _CHINESE_UNITS[ch]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def numbers_in(text: str) -> list[Decimal]:
    """The numbers a text states, in order; list numbering and ordinals left out."""
    text = _RULE_CODE.sub(" ", _LIST_OR_ORDINAL.sub(" ", _ENUMERATOR.sub(" ", halfwidth(text))))
    found = []
    for match in _ARABIC.finditer(text):
        whole, fraction = match.group(1).replace(",", ""), match.group(2)
        found.append(Decimal(f"{whole}.{fraction}" if fraction else whole))
    for match in _CHINESE.finditer(text):
        value = chinese_number(match.group(0))
        if value is not None:
            found.append(value)
    return found


def form_numbers(form: Form) -> set[Decimal]:
    """Every number the form holds, and the ones that follow from it."""
    values: set[Decimal] = set()

    def add(value: Decimal | None) -> None:
        if value is None:
            return
        for v in (value, -value, value * 10000, value / 10000, value * 100, value / 100):
            values.add(v)

    for _, money in form.funds.rows():
        for column in ("initial_budget", "adjusted_budget", "executed", "weight", "rate", "score"):
            add(getattr(money, column))
        if money.adjusted_budget and money.executed is not None:
            add(money.executed / money.adjusted_budget * 100)
            add(money.adjusted_budget - money.executed)
            add((money.executed - money.adjusted_budget) / money.adjusted_budget * 100)
        if money.initial_budget is not None and money.adjusted_budget is not None:
            add(money.initial_budget - money.adjusted_budget)
    for row in form.indicators:
        add(row.weight)
        add(row.score)
        if row.weight is not None and row.score is not None:
            add(row.weight - row.score)
        numbers = [v.number for v in (row.target_value, row.actual_value) if v is not None and v.number is not None]
        for number in numbers:
            add(number)
        if len(numbers) == 2:
            target, actual = numbers
            add(actual - target)
            if target:
                add(actual / target * 100)
        for text in (row.name, row.explanation or "", row.target or "", row.actual or ""):
            for number in numbers_in(text):
                add(number)
    for text in (form.goals.expected or "", form.goals.actual or ""):
        for number in numbers_in(text):
            add(number)
    if form.total:
        add(form.total.weight)
        add(form.total.score)
    if form.year:  # this year, last year and the next, when measures fall due
        values.update({Decimal(form.year), Decimal(form.year + 1), Decimal(form.year - 1)})
    return values


def _grounded(number: Decimal, allowed: set[Decimal]) -> bool:
    if number in allowed:
        return True
    exponent = number.as_tuple().exponent
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)
    try:
        return any(abs(value - number) <= places / 2 or value.quantize(places) == number for value in allowed)
    except InvalidOperation:
        return False


def ungrounded(text: str, form: Form) -> list[str]:
    """Numbers in ``text`` that the form neither holds nor implies."""
    allowed = form_numbers(form)
    return [str(n) for n in numbers_in(text) if not _grounded(n, allowed)]


def indicator_label(name: str, level2: str | None) -> str | None:
    """What a text about a row must name: the indicator, or for a row without a name
    (三级指标 "无" or "指标：") its category."""
    return name if name not in ("", "无") else level2


def names(text: str, name: str) -> bool:
    """Whether ``text`` names the indicator (its first eight characters will do for a long name)."""
    core = re.sub(r"[，。、；：\s]", "", name).removesuffix("指标") or name
    return core in re.sub(r"\s", "", text) or (len(core) > 8 and core[:8] in text)
