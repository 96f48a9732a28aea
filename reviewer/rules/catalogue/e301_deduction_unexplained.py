from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import explained, points_lost, show


@rule(
    "E301",
    "deduction-unexplained",
    "扣分未说明原因",
    "error",
    marks=Marks(row=("explanation",)),
    examples=(
        fires("lost points, explanation blank", kit.row(1, actual="85%", score="14.17")),
        fires("lost points, explanation 无偏差", kit.row(1, actual="85%", score="14.17", explanation="无偏差")),
        silent("lost points, explained", kit.row(1, actual="85%", score="14.17", explanation=kit.GOOD_EXPLANATION)),
    ),
)
def deduction_unexplained(form: Form, ctx: Context) -> Iterator[Hit]:
    """Points were lost and the explanation is empty or a placeholder.

    ## What it checks
    Rows whose 得分 is below 分值 and whose 偏差原因分析及改进措施 is blank or says nothing:
    无, 无偏差, 0, /, —, 暂无.

    ## Why it matters
    The filling rules require a cause and an improvement measure for every indicator that lost
    points; a blank here is sent back by every reviewer.

    ## Example
    生态效益指标 "无": 分值 3, 得分 0, explanation blank.

    ## How to fix
    Write the cause of the gap and the measure that addresses it (`reviewer draft` writes a
    first version), or remove a row that should never have carried points.
    """
    for row in ctx.deducted:
        if not explained(row):
            said = f"“{row.explanation}”" if row.explanation else "为空"
            yield Hit(
                f"扣{show(points_lost(row))}分，偏差原因分析{said}",
                f"lost {show(points_lost(row))} points and the explanation is "
                f"{repr(row.explanation) if row.explanation else 'blank'}",
                row=row,
            )
