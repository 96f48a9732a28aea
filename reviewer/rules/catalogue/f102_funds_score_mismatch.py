from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import HUNDRED, execution_rate, show, within


@rule(
    "F102",
    "funds-score-mismatch",
    "资金得分与执行率不符",
    "error",
    marks=Marks(funds=("score",)),
    examples=(
        fires("full funds score at 95%", kit.funds(score="10.00")),
        silent("score 9.50 at 95%", kit.base),
        silent("score capped at the weight", kit.funds(executed="120.00", rate="120.00", score="10")),
    ),
)
def funds_score_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The funds 得分 does not follow from 执行率 × 分值.

    ## What it checks
    The 年度资金总额 row's 得分 against 执行率 × 分值, capped at 分值, with the rate computed from
    the money (or the printed rate when the money is missing). Tolerance: `tolerance.score`
    (0.01 points) or one unit of the last printed digit, for forms that round the score.

    ## Why it matters
    The funds score is part of 总分; an inflated one raises the grade without any performance
    behind it. Under the Hubei template the funds block carries 20 points, which this check
    follows because it reads 分值 from the form.

    ## Example
    分值 10, 执行率 94.33%: 得分 should be 9.43, not 10.

    ## How to fix
    Set 得分 = min(执行率 × 分值, 分值).

    ## Options
    `tolerance.score`
    """
    row = form.funds.total
    if row is None or row.weight is None or row.score is None:
        return
    rate = execution_rate(row) if execution_rate(row) is not None else row.rate
    if rate is None:
        return
    expected = min(rate * row.weight / HUNDRED, row.weight)
    if not within(row.score, expected, row.printed("score"), ctx.config.tolerance.score):
        yield Hit(
            f"资金得分填报为{row.printed('score')}，按执行率{show(rate)}%×分值{row.printed('weight')}应为{show(expected)}",
            f"funds score printed {row.printed('score')}; rate {show(rate)}% × weight "
            f"{row.printed('weight')} gives {show(expected)}",
            line=row.line,
            facts={"printed": str(row.score), "computed": show(expected)},
        )
