from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, comparable, is_reverse, show, target_met


@rule(
    "S209",
    "proportional-score",
    "未达标得分偏离比例",
    "warning",
    marks=Marks(row=("score",)),
    examples=(
        fires("5 of 10 done scored 18 of 20", kit.row(0, actual="5次", score="18", explanation=kit.GOOD_EXPLANATION)),
        silent("5 of 10 done scored 10 of 20", kit.row(0, actual="5次", score="10", explanation=kit.GOOD_EXPLANATION)),
    ),
)
def proportional_score(form: Form, ctx: Context) -> Iterator[Hit]:
    """A missed quantitative target scored far from the proportional rule.

    ## What it checks
    For a missed target: a positive (≥) indicator should score 分值 × 实际 ÷ 目标; a reverse (≤)
    one 分值 × 目标 ÷ 实际 (`reverse_scoring = "ratio"`) or 分值 × (1 − (实际 − 目标) ÷ 目标),
    zero at twice the target (`"linear"`). The score may differ by `tolerance.proportional`
    (0.5 points). Targets of zero are not scored this way and are skipped.

    ## Why it matters
    The proportional rule is the published method; a score far from it is a judgement that
    has to be explained, or a mistake.

    ## Example
    养护里程: target ≥30公里, actual 20公里, 分值 20: proportional 13.33, scored 18.

    ## How to fix
    Score by the rule, or explain why the deduction differs.

    ## Options
    `reverse_scoring`, `tolerance.proportional`
    """
    for row in ctx.deducted:
        if target_met(row) is not False:
            continue
        numbers = comparable(row.target_value, row.actual_value) if row.target_value and row.actual_value else None
        if numbers is None:
            continue
        goal, done = numbers
        expected = _proportional(row.weight, goal, done, is_reverse(row), ctx.config.reverse_scoring)
        if expected is not None and abs(row.score - expected) > ctx.config.tolerance.proportional:
            yield Hit(
                f"未达标按比例应得约{show(expected)}分，实得{cell(row, 'score')}",
                f"missed target: the proportional rule gives about {show(expected)}, scored {cell(row, 'score')}",
                row=row,
                facts={"expected": show(expected)},
            )


def _proportional(weight: Decimal, goal: Decimal, done: Decimal, reverse: bool, convention: str) -> Decimal | None:
    if goal <= 0 or done < 0:
        return None
    if not reverse:
        return min(weight * done / goal, weight)
    if convention == "ratio":
        return weight * goal / done if done else weight
    return max(weight * (1 - (done - goal) / goal), Decimal(0))
