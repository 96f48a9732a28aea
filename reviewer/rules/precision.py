"""When a number printed on a form agrees with the exact value the other cells give.

A form prints a computed value (执行率, a funds score, a cost-deviation rate, 总分) to some
number of digits, and the forms in use either round the digit after the last one printed or
drop it: 94.337% is printed 94.34 or 94.33. So a printed value p, whose last digit is worth u,
agrees with the exact value t when p is t rounded (|p − t| ≤ u/2) or t truncated toward zero
(0 ≤ |t| − |p| < u, same sign). The configured tolerance widens the rounding half-interval for
noise smaller than the printed unit, such as an exact value computed from amounts that were
themselves rounded to the 分. Allowing a whole unit either way, as before, let a score of 10 pass
for 9.43 and a rate of 96% for 95.12%.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from reviewer.form.text import halfwidth

ONE = Decimal(1)
# The digits of the first number in a cell: "1,430.80", "-0.29(%)", "≥95.00(%)", "100%", "10分".
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")

Printed = tuple[Decimal, str | None]  # a printed value and the text it was printed as, if known


def unit_of(printed_text: str | None, value: Decimal | None = None) -> Decimal:
    """What the last printed digit is worth: "94.33" → 0.01, "100%" → 1, "1,430.80" → 0.01.

    Read from the printed text when there is one; otherwise from the exponent of ``value``,
    which keeps the digits it was parsed from (Decimal("9.40") → 0.01); 1 when neither tells.
    """
    if printed_text:
        unit = _unit_of_text(printed_text)
        if unit is not None:
            return unit
    if value is not None and value.is_finite():
        # A Decimal such as 1E+2 still prints as the whole number 100: its last digit is a unit.
        return ONE.scaleb(min(value.as_tuple().exponent, 0))  # type: ignore[arg-type]
    return ONE


@lru_cache(maxsize=4096)
def _unit_of_text(text: str) -> Decimal | None:
    # Forms repeat the same few hundred printed numbers; None when the cell holds no number.
    match = _NUMBER.search(halfwidth(text))
    if match is None:
        return None
    decimals = match.group(1)
    return ONE.scaleb(-len(decimals)) if decimals else ONE


def agrees(printed: Decimal, printed_text: str | None, exact: Decimal, tolerance: Decimal) -> bool:
    """Whether ``printed`` is ``exact`` rounded or truncated to its printed digits.

    Rounded: |p − t| ≤ u/2 + tolerance. Truncated toward zero: the same sign (or a printed
    zero), and 0 ≤ |t| − |p| < u. The tolerance is not added to the truncation bound: it would
    let 96 pass for 97 (96.995 truncates to 96), and an exact value a hair above a rounded
    print is already inside the rounding bound.
    """
    unit = unit_of(printed_text, printed)
    if abs(printed - exact) <= unit / 2 + tolerance:
        return True
    same_side = printed == 0 or (printed > 0) == (exact > 0)
    return same_side and Decimal(0) <= abs(exact) - abs(printed) < unit


def rounding_of(value: Decimal, printed_text: str | None) -> Decimal:
    """How far a printed addend may be from the value it stands for: nothing for a whole number
    (4, 8.00: weights, full marks and whole-point scores are entered, and a computed score is
    whole only by chance), half its last printed unit otherwise (9.43 → 0.005, 14.5 → 0.05)."""
    if value == value.to_integral_value():
        return Decimal(0)
    return unit_of(printed_text, value) / 2


def sum_bound(
    total: Decimal, total_text: str | None, addends: Iterable[Printed], tolerance: Decimal, declared: bool = False
) -> Decimal:
    """The most a printed total may differ from the sum of its printed addends: the rounding of
    the total (half its last unit: a total may be printed rounded, 99.50 as 100) unless it is
    ``declared`` (a weight the template or a category header sets, which nothing rounded), the
    rounding of each addend that is not a whole number, and the tolerance."""
    own = Decimal(0) if declared else unit_of(total_text, total) / 2
    return own + sum((rounding_of(value, text) for value, text in addends), Decimal(0)) + tolerance


def sum_agrees(
    total: Decimal, total_text: str | None, addends: Sequence[Printed], tolerance: Decimal, declared: bool = False
) -> bool:
    """Whether a printed total is the sum of its printed addends, given how each was rounded.
    Exact when every addend is a whole number and the total is printed whole: 96 or 98 do not
    pass for 97."""
    gap = abs(total - sum([value for value, _ in addends], Decimal(0)))
    # Most totals are their parts' sum to the digit: only a gap needs the parts' rounding weighed.
    return gap <= tolerance or gap <= sum_bound(total, total_text, addends, tolerance, declared)
