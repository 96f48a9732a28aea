from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, comparable, is_reverse, show, target_met
from reviewer.rules.precision import unit_of
from reviewer.rules.scoring_formulas import Direction, expected_score


@rule(
    "S209",
    "proportional-score",
    "未达标得分偏离比例",
    "warning",
    marks=Marks(row=("score",)),
    examples=(
        fires("5 of 10 done scored 18 of 20", kit.row(0, actual="5次", score="18", explanation=kit.GOOD_EXPLANATION)),
        fires(
            "94.60% of ≥95% scored 9 of 10: the system gives 9.96 (shared/forms/10)",
            kit.row(4, target="≥95%", actual="94.60%", score="9", explanation=kit.GOOD_EXPLANATION),
        ),
        fires(
            "≤2件 complaints, 3 received, scored 8 of 10: linear gives 5",
            kit.row(
                4, name="参训人员有效投诉量", target="≤2件", actual="3件", score="8", explanation=kit.GOOD_EXPLANATION
            ),
        ),
        silent("5 of 10 done scored 10 of 20", kit.row(0, actual="5次", score="10", explanation=kit.GOOD_EXPLANATION)),
        silent(
            "2 of 3 done scored 13 of 20 on a whole-number form (13.33 rounded)",
            kit.row(0, target="≥3次", actual="2次", score="13", explanation=kit.GOOD_EXPLANATION),
        ),
        silent(
            "≤2件 complaints, 3 received, scored 5 of 10 (linear)",
            kit.row(
                4, name="参训人员有效投诉量", target="≤2件", actual="3件", score="5", explanation=kit.GOOD_EXPLANATION
            ),
        ),
    ),
)
def proportional_score(form: Form, ctx: Context) -> Iterator[Hit]:
    """A missed quantitative target scored far from the provincial systems' formula.

    ## What it checks
    For a missed target, the score the performance-management system most provinces run
    computes (`rules/scoring_formulas.py`), with A the target and B the actual: a positive (≥)
    indicator round(B ÷ A × 分值, 2); a reverse (≤) one, with `reverse_scoring = "linear"`
    (the system's), round((1 − (B − A) ÷ A) × 分值, 2) below 2A and 0 from 2A, or with
    `"ratio"` round(A ÷ B × 分值, 2); an "=" target of 0 gets nothing when B > 0. A negative
    actual counts as 0; a positive target of zero has no proportion and is skipped. A template
    may set its own `reverse_scoring`.

    Precision: the score may differ from the system's by `tolerance.proportional` (0.5 points)
    or by half a unit of its last printed digit, whichever is more: a form that prints whole
    points may round 13.33 to 13. Truncation is not allowed here as it is for rates: the
    systems round, and 9 for 9.96 is a deduction of a whole point that the rule does not give.

    ## Why it matters
    The proportional rule is the published method; a score far from it is a judgement that
    has to be explained, or a mistake.

    ## Example
    养护里程: target ≥30公里, actual 20公里, 分值 20: the system gives 13.33; scored 18.

    ## How to fix
    Score by the rule, or explain why the deduction differs.

    ## Options
    `reverse_scoring`, `tolerance.proportional`
    """
    convention = ctx.template.reverse_scoring or ctx.config.reverse_scoring
    for row in ctx.deducted:
        if target_met(row) is not False:
            continue
        target, actual = row.measured
        numbers = comparable(target, actual) if target and actual else None
        if target is None or row.weight is None or row.score is None or numbers is None:
            continue
        goal, done = numbers
        direction: Direction = "reverse" if is_reverse(row) else "positive"
        expected = expected_score(row.weight, goal, done, direction, target.comparator or "=", convention)
        if expected is None:
            continue
        allowed = max(ctx.config.tolerance.proportional, unit_of(row.printed("score"), row.score) / 2)
        if abs(row.score - expected) > allowed:
            yield Hit(
                f"未达标按比例应得{show(expected)}分，实得{cell(row, 'score')}",
                f"missed target: the proportional rule gives {show(expected)}, scored {cell(row, 'score')}",
                row=row,
                facts={"expected": show(expected)},
            )
