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

from reviewer.form.model import Form, is_named
from reviewer.llm.numerals import Quantity, numbers_in, quantities_in


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
    for text in (form.goals.expected or "", form.goals.actual or "", form.goals.process or ""):
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
    # Half a unit of the last digit stated: 0.05 for 95.5, 0.05亿 for 3.2亿 (Decimal("3.2E+8")).
    places = Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)
    try:
        return any(abs(value - number) <= places / 2 or value.quantize(places) == number for value in allowed)
    except InvalidOperation:
        return False


def ungrounded(text: str, form: Form) -> list[str]:
    """Numbers in ``text`` that the form neither holds nor implies, as the text writes them."""
    return [q.text for q in ungrounded_quantities(text, form)]


def ungrounded_quantities(text: str, form: Form) -> list[Quantity]:
    allowed = form_numbers(form)
    return [q for q in quantities_in(text) if not _grounded(q.value, allowed)]


def indicator_label(name: str, level2: str | None) -> str | None:
    """What a text about a row must name: the indicator, or for a row without a name
    (三级指标 "无" or "指标：") its category."""
    return name if is_named(name) else level2


def names(text: str, name: str) -> bool:
    """Whether ``text`` names the indicator (its first eight characters will do for a long name)."""
    core = re.sub(r"[，。、；：\s]", "", name).removesuffix("指标") or name
    return core in re.sub(r"\s", "", text) or (len(core) > 8 and core[:8] in text)
