from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell


@rule(
    "S205",
    "score-out-of-range",
    "得分超出分值范围",
    "error",
    marks=Marks(row=("score",), funds=("score",)),
    examples=(
        fires("22 of 20", kit.row(0, score="22")),
        silent("20 of 20", kit.base),
    ),
)
def score_out_of_range(form: Form, ctx: Context) -> Iterator[Hit]:
    """A score above its weight or below zero.

    ## What it checks
    Every indicator's 得分 and the funds 得分 against 0 and its 分值.

    Precision: the printed numbers, exactly: 10.01 of 10 is above the weight.

    ## Why it matters
    A score never exceeds its weight; over-achievement earns an explanation, not extra points.

    ## Example
    分值 10, 得分 12.

    ## How to fix
    Cap the score at the weight; explain any over-achievement instead.
    """
    for row in form.indicators:
        if row.score is None or row.weight is None:
            continue
        if row.score > row.weight or row.score < 0:
            yield Hit(
                f"得分{cell(row, 'score')}超出0至分值{cell(row, 'weight')}的范围",
                f"score {cell(row, 'score')} outside 0 to weight {cell(row, 'weight')}",
                row=row,
            )
    funds = form.funds.total
    if funds and funds.score is not None and funds.weight is not None and not 0 <= funds.score <= funds.weight:
        yield Hit(
            f"资金得分{funds.printed('score')}超出0至分值{funds.printed('weight')}的范围",
            f"funds score {funds.printed('score')} outside 0 to weight {funds.printed('weight')}",
            line=funds.line,
        )
