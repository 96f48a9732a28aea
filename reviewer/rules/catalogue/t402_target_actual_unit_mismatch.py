from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, same_unit


@rule(
    "T402",
    "target-actual-unit-mismatch",
    "指标值与实际值单位不一致",
    "warning",
    marks=Marks(row=("target", "actual")),
    examples=(
        fires("次 against 人", kit.row(0, actual="12人")),
        silent("万元 against 元", kit.extra_row(name="培训费用", target="≤5万元", actual="48000元")),
    ),
)
def target_actual_unit_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """Target and actual in different units.

    ## What it checks
    Rows whose target and actual are both numbers with units, and the units differ after
    normalising (百分比 → %; 元, 万元 and 亿元 are one money family).

    ## Why it matters
    A target in 个 and an actual in % cannot be compared, so the score has no basis.

    ## Example
    target ≥30公里, actual 95%.

    ## How to fix
    Report the actual in the target's unit.
    """
    for row in ctx.numeric:
        target, actual = row.target_value, row.actual_value
        if target and actual and target.unit and actual.unit and not same_unit(target.unit, actual.unit):
            yield Hit(
                f"年度指标值{cell(row, 'target')}与实际完成值{cell(row, 'actual')}单位不一致",
                f"target {cell(row, 'target')} and actual {cell(row, 'actual')} are in different units",
                row=row,
            )
