from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, explained, points_lost, show


@rule(
    "E300",
    "deduction",
    "扣分",
    "info",
    marks=Marks(row=("score",)),
    examples=(
        fires("lost 0.83 points", kit.row(1, actual="85%", score="14.17", explanation=kit.GOOD_EXPLANATION)),
        silent("full points", kit.base),
    ),
)
def deduction(form: Form, ctx: Context) -> Iterator[Hit]:
    """An indicator that lost points.

    ## What it checks
    Every row whose 得分 is below its 分值: the weight, the score, the points lost, and whether
    the 偏差原因分析 column says anything.

    ## Why it matters
    Every deduction needs a cause and a measure; this list is the reviewer's worklist and the
    input of `reviewer draft`.

    ## Example
    律师顾问工作验收合格率: 分值 10.00, 得分 8.50, 1.50 points lost, explained.

    ## How to fix
    Nothing to fix by itself; see E301 and E303 for the explanation.
    """
    for row in ctx.deducted:
        lost, said = points_lost(row), explained(row)
        yield Hit(
            f"扣{show(lost)}分（分值{cell(row, 'weight')}，得分{cell(row, 'score')}），"
            f"{'已' if said else '未'}说明偏差原因",
            f"lost {show(lost)} points (weight {cell(row, 'weight')}, score {cell(row, 'score')}), "
            f"{'explained' if said else 'not explained'}",
            row=row,
            facts={"weight": str(row.weight), "score": str(row.score), "lost": show(lost), "explained": said},
        )
