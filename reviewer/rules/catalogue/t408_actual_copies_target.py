from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell


@rule(
    "T408",
    "actual-copies-target",
    "实际值照抄指标值",
    "warning",
    marks=Marks(row=("actual",)),
    examples=(
        fires("actual ≥90%", kit.row(4, actual="≥90%")),
        silent("actual 96%", kit.base),
    ),
)
def actual_copies_target(form: Form, ctx: Context) -> Iterator[Hit]:
    """The actual carries a comparator: it restates the target instead of a measurement.

    ## What it checks
    实际完成值 cells with ≥, ≤, <, >, =, 约 or 以上 in them.

    ## Why it matters
    "≥95%" is not what happened; the reviewer cannot tell whether the target was met.

    ## Example
    社会效益指标: target ≥95%, actual ≥95%.

    ## How to fix
    Report the measured value: 97.3%.
    """
    for row in ctx.numeric:
        actual = row.actual_value
        if actual and actual.kind == "number" and actual.comparator:
            yield Hit(
                f"实际完成值{cell(row, 'actual')}带有比较符号，是在照抄指标值而非填报实际数",
                f"actual {cell(row, 'actual')} carries a comparator: it restates the target",
                row=row,
            )
