from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell


@rule(
    "T409",
    "quantitative-target-qualitative-actual",
    "定量指标以文字填报实际值",
    "warning",
    marks=Marks(row=("target", "actual")),
    examples=(
        fires("≥10次 answered 完成", kit.row(0, actual="完成")),
        silent("≥10次 answered 12次", kit.base),
    ),
)
def quantitative_target_qualitative_actual(form: Form, ctx: Context) -> Iterator[Hit]:
    """A numeric target answered with words.

    ## What it checks
    Rows whose target is a number and whose actual is text or a grade ("≤30万元" → "完成").

    ## Why it matters
    The target was set to be measured; an actual in words cannot be checked against it, so the
    score has no basis.

    ## Example
    单位成本: target ≤30万元, actual 完成.

    ## How to fix
    Report the measured number in the target's unit.
    """
    for row in ctx.numeric:
        target, actual = row.target_value, row.actual_value
        if target and actual and target.kind == "number" and actual.kind in ("text", "grade"):
            yield Hit(
                f"年度指标值{cell(row, 'target')}是数值，实际完成值却是“{cell(row, 'actual')}”",
                f"numeric target {cell(row, 'target')} answered with '{cell(row, 'actual')}'",
                row=row,
            )
