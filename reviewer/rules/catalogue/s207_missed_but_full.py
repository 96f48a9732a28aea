from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, target_met


@rule(
    "S207",
    "missed-but-full",
    "未达标却满分",
    "warning",
    marks=Marks(row=("actual", "score")),
    examples=(
        fires("≥10次 missed with 8次, full points", kit.row(0, actual="8次")),
        silent(
            "≥10次 missed with 8次, 16 points", kit.row(0, actual="8次", score="16", explanation=kit.GOOD_EXPLANATION)
        ),
    ),
)
def missed_but_full(form: Form, ctx: Context) -> Iterator[Hit]:
    """A quantitative target that was missed, yet full points.

    ## What it checks
    Rows whose actual misses the target by its comparator but score their whole weight; "=0"
    (accidents, complaints) is missed by anything above 0.

    Precision: the printed numbers, exactly, as for S206.

    ## Why it matters
    Full points for a missed target inflate 总分 and hide the gap that needs explaining.

    ## Example
    养护里程: target ≥30公里, actual 28公里, 20 of 20 points.

    ## How to fix
    Score the row by the proportional rule and explain the gap.
    """
    for row in ctx.numeric:
        if row.weight is not None and row.score == row.weight and target_met(row) is False:
            yield Hit(
                f"实际完成值{cell(row, 'actual')}未达到年度指标值{cell(row, 'target')}，却得满分{cell(row, 'score')}",
                f"actual {cell(row, 'actual')} misses the target {cell(row, 'target')}, yet full points "
                f"{cell(row, 'score')}",
                row=row,
            )
