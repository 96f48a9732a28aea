from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import show, total_of, within


@rule(
    "S202",
    "total-score-mismatch",
    "总分与得分合计不符",
    "error",
    marks=Marks(total=("score",)),
    examples=(
        fires("总分 98.00 for scores making 99.50", kit.form(total={"weight": "100", "score": "98.00"})),
        silent("总分 printed as an integer, rounded", kit.form(total={"weight": "100", "score": "100"})),
    ),
)
def total_score_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The printed 总分 is not the sum of the scores.

    ## What it checks
    总分 against Σ 得分 of the indicators + the funds 得分, within `tolerance.score` or one unit
    of the last printed digit.

    ## Why it matters
    总分 decides the grade and is what gets reported upward; an addition error is the simplest
    defect to catch and the most embarrassing to miss.

    ## Example
    Scores 20.83 + 25 + 21 + 10 and funds 8.60 make 85.43; 总分 printed 84.43.

    ## How to fix
    Add the scores again and correct 总分 (or the score that is wrong).

    ## Options
    `tolerance.score`
    """
    if form.total is None or form.total.score is None:
        return
    scores = [row.score for row in form.indicators if row.score is not None]
    if not scores:
        return
    funds = form.funds.total.score if form.funds.total and form.funds.total.score is not None else Decimal(0)
    expected = total_of(scores) + funds
    if not within(form.total.score, expected, str(form.total.score), ctx.config.tolerance.score):
        yield Hit(
            f"总分填报为{form.total.score}，指标得分合计{show(total_of(scores))}加资金得分{show(funds)}为{show(expected)}",
            f"总分 printed {form.total.score}; indicator scores {show(total_of(scores))} plus funds "
            f"{show(funds)} make {show(expected)}",
            line=form.total.line,
            facts={"printed": str(form.total.score), "computed": show(expected)},
        )
