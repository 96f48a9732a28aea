from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, matches, percent, show
from reviewer.rules.precision import agrees

_COST_DEVIATION = re.compile(r"(?:成本|预算|支出).*偏差率|偏差率.*(?:成本|预算)")


@rule(
    "F104",
    "cost-deviation-mismatch",
    "成本偏差率与资金表不符",
    "error",
    marks=Marks(row=("actual",)),
    examples=(
        fires(
            "-0.06(%) where the money says -5.00%",
            kit.extra_row(name="项目实际成本与预算偏差率", target="≤0.00(%)", actual="-0.06(%)"),
        ),
        fires(
            "-6 where the money says -5.00%, the unit in the name",
            kit.extra_row(name="项目实际成本与预算偏差率(%)", target="≤0", actual="-6"),
        ),
        silent(
            "-5.00(%) as the money says",
            kit.extra_row(name="项目实际成本与预算偏差率", target="≤0.00(%)", actual="-5.00(%)"),
        ),
    ),
)
def cost_deviation_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A cost-deviation indicator disagrees with the funds table.

    ## What it checks
    An indicator such as 项目实际成本与预算偏差率 reports (全年执行数 − 全年预算数) ÷ 全年预算数
    in percent. Its 实际完成值 is compared with the rate the 年度资金总额 row gives. The unit may be
    in the name ("成本偏差率(%)" with −5.66).

    Precision: the printed rate agrees when it is the exact rate rounded to its printed digits
    (within half a unit of its last digit) or truncated toward zero (less than one unit nearer
    zero), plus `tolerance.cost_deviation` (0.01 percentage points): −0.29 and −0.28 both pass
    for −0.2856%.

    ## Why it matters
    The indicator restates the funds table; when they disagree, one of them is wrong, and a
    small printed deviation can hide a large underspend.

    ## Example
    全年预算数 377.89, 全年执行数 356.49 give −5.66%; the indicator reports −0.06(%).

    ## How to fix
    Recompute the deviation from the funds table and correct the indicator (or the table).

    ## Options
    `tolerance.cost_deviation`
    """
    total = form.funds.total
    if total is None or total.executed is None or not total.adjusted_budget:
        return
    expected = percent(total.executed - total.adjusted_budget, total.adjusted_budget)
    for row in ctx.numeric:
        if not matches(_COST_DEVIATION, row.name):
            continue
        actual = row.measured[1]
        if actual is None or actual.number is None or actual.unit != "%":
            continue
        if not agrees(actual.number, row.actual, expected, ctx.config.tolerance.cost_deviation):
            yield Hit(
                f"实际完成值为{cell(row, 'actual')}，按资金表（{total.printed('executed')}−"
                f"{total.printed('adjusted_budget')}）÷{total.printed('adjusted_budget')}应为{show(expected)}%",
                f"actual {cell(row, 'actual')}, but the funds table gives ({total.printed('executed')} − "
                f"{total.printed('adjusted_budget')}) ÷ {total.printed('adjusted_budget')} = {show(expected)}%",
                row=row,
                facts={"printed": str(actual.number), "computed": show(expected)},
            )
