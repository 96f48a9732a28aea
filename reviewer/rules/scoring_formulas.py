"""A quantitative indicator's score as the provincial performance-management systems compute it.

Read from the SQL and scripts of the vendor system most provinces run (see DOMAIN.md, "How the
provincial systems compute it"), with A the target (年度指标值) and B the actual (实际完成值):
- positive (正向): B ≥ A gets the whole weight, otherwise round(B ÷ A × weight, 2);
- "=" with A = 0: the whole weight only when B ≤ 0, nothing otherwise; any other "=" target is
  scored in the direction the caller gives (the vendor scores it as positive; pass "positive" to
  follow it, or the direction the tool reads from the name, as for "=0次" accidents);
- reverse (反向), "linear": B ≤ A whole, A < B < 2A round((1 − (B − A) ÷ A) × weight, 2), B ≥ 2A
  nothing; "ratio" (the other convention printed on templates): round(A ÷ B × weight, 2);
- a negative actual counts as 0.
The systems round half up to 2 decimals, so the score here is the one they would print.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Direction = Literal["positive", "reverse"]
Convention = Literal["ratio", "linear"]

ZERO = Decimal(0)
CENT = Decimal("0.01")


def expected_score(
    weight: Decimal,
    target: Decimal,
    actual: Decimal,
    direction: Direction,
    comparator: str | None,
    convention: Convention,
) -> Decimal | None:
    """The score the systems give an indicator of ``weight`` with target A and actual B, in one
    unit; None where their formula does not apply: a positive target of zero or less (B ÷ A has
    no meaning), or a negative reverse target."""
    actual = max(actual, ZERO)
    if comparator == "=" and target == 0:
        return weight if actual <= 0 else ZERO
    if direction == "positive":
        return _positive(weight, target, actual)
    return _reverse(weight, target, actual, convention)


def _positive(weight: Decimal, target: Decimal, actual: Decimal) -> Decimal | None:
    if target <= 0:
        return None
    if actual >= target:
        return weight
    return _cents(actual / target * weight)


def _reverse(weight: Decimal, target: Decimal, actual: Decimal, convention: Convention) -> Decimal | None:
    if target < 0:
        return None
    if actual <= target:
        return weight
    # Past this point B > A ≥ 0, so B > 0 and, for "linear", A < B.
    if convention == "ratio":
        return _cents(target / actual * weight)
    if actual >= 2 * target:  # also every B > 0 against a target of 0
        return ZERO
    return _cents((1 - (actual - target) / target) * weight)


def _cents(score: Decimal) -> Decimal:
    return score.quantize(CENT, rounding=ROUND_HALF_UP)
