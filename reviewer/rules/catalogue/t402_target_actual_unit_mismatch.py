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
        fires("the name's 人次 against 人", kit.extra_row(name="培训人数（人次）", target="≥120", actual="126人")),
        silent("万元 against 元", kit.extra_row(name="培训费用", target="≤5万元", actual="48000元")),
        silent(
            "a bare target in the name's unit",
            kit.extra_row(name="服务外包在岸(万美元)", target="≥500", actual="520万美元"),
        ),
    ),
)
def target_actual_unit_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """Target and actual in different units.

    ## What it checks
    Rows whose target and actual are both numbers with units, and the units differ after
    normalising (百分比 → %; 元, 万元 and 亿元 are one money family). A bare number takes the unit
    written in the name ("服务外包在岸(万美元)": 500 against 480万美元 is one unit).

    ## Why it matters
    A target in 个 and an actual in % cannot be compared, so the score has no basis.

    ## Example
    target ≥30公里, actual 95%.

    ## How to fix
    Report the actual in the target's unit.
    """
    for row in ctx.numeric:
        target, actual = row.measured
        if target and actual and target.unit and actual.unit and not same_unit(target.unit, actual.unit):
            yield Hit(
                f"年度指标值{cell(row, 'target')}与实际完成值{cell(row, 'actual')}单位不一致",
                f"target {cell(row, 'target')} and actual {cell(row, 'actual')} are in different units",
                row=row,
            )
