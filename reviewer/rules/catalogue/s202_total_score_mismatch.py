from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import printed_values, show, total_of
from reviewer.rules.precision import sum_agrees


@rule(
    "S202",
    "total-score-mismatch",
    "总分与得分合计不符",
    "error",
    marks=Marks(total=("score",)),
    examples=(
        fires("总分 98.00 for scores making 99.50", kit.form(total={"weight": "100", "score": "98.00"})),
        fires(
            "总分 98 where whole scores make 97 (a whole-number form)",
            kit.money("100", "70", "70%", "7", total={"weight": "100", "score": "98"}),
        ),
        fires(
            "总分 96 where whole scores make 97 (a whole-number form)",
            kit.money("100", "70", "70%", "7", total={"weight": "100", "score": "96"}),
        ),
        fires(
            "总分 printed 100, full marks, for scores making 99.50", kit.form(total={"weight": "100", "score": "100"})
        ),
        silent(
            "总分 printed as an integer, rounded: 99 for 98.62",
            kit.money("100", "86.2", "86.20%", "8.62", total={"weight": "100", "score": "99"}),
        ),
        silent("总分 97 where whole scores make 97", kit.money("100", "70", "70%", "7")),
        silent(
            "a funds score rounded to 9 for 8.62, 总分 99",
            kit.money("100", "86.2", "86.20%", "9", total={"weight": "100", "score": "99"}),
        ),
    ),
)
def total_score_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The printed 总分 is not the sum of the scores.

    ## What it checks
    总分 against Σ 得分 of the indicators + the funds 得分 (only the indicators' under a template
    that scores execution inside an indicator category). A form whose funds 得分 could not be
    read is not checked: N509 reports it.

    Precision: each score may be rounded to its printed digits, so 总分 may differ from their
    sum by half a unit of the last digit of 总分 (98.62 printed 99) and of every score printed
    with decimals, plus `tolerance.score` (0.01 points). Whole-number scores are exact: when
    they add up to 97, a 总分 of 96 or 98 is an error. A 总分 printed at full marks (its 分值)
    for scores that lost points is an error however it rounds: 100 for 99.73 says none was lost.

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
    scores = printed_values(form.indicators, "score")
    if not scores:
        return
    funds = form.funds.total
    funds_score = None
    if ctx.template.funds_weight is not None:
        if funds is None or funds.score is None:
            return  # a sum without the funds score would be wrong; N509 says the funds were not read
        scores += printed_values([funds], "score")
        funds_score = funds.score
    expected = total_of(score for score, _ in scores)
    full_marks = form.total.weight is not None and form.total.score == form.total.weight > expected
    if full_marks or not sum_agrees(form.total.score, None, scores, ctx.config.tolerance.score):
        indicators = expected - (funds_score or 0)
        zh_funds = f"加资金得分{show(funds_score)}" if funds_score is not None else ""
        en_funds = f" plus funds {show(funds_score)}" if funds_score is not None else ""
        yield Hit(
            f"总分填报为{form.total.score}，指标得分合计{show(indicators)}{zh_funds}为{show(expected)}",
            f"总分 printed {form.total.score}; indicator scores {show(indicators)}{en_funds} make {show(expected)}",
            line=form.total.line,
            facts={"printed": str(form.total.score), "computed": show(expected)},
        )
