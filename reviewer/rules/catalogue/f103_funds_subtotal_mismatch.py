from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import printed_values, show, total_of
from reviewer.rules.precision import sum_agrees

COLUMN_NAMES = {
    "initial_budget": ("年初预算数", "initial budget"),
    "adjusted_budget": ("全年预算数", "adjusted budget"),
    "executed": ("全年执行数", "spent"),
    "weight": ("分值", "weight"),
    "rate": ("执行率", "rate"),
    "score": ("得分", "score"),
}


@rule(
    "F103",
    "funds-subtotal-mismatch",
    "资金总额与分项不符",
    "error",
    examples=(
        fires("total above its only sub-row", kit.funds(executed="105.00", rate="105.00", score="10")),
        fires(
            "1,430.85 over 1,332.95 + 97.86: past the rounding of three amounts and the tolerance",
            kit.form(
                funds={
                    "total": {"adjusted_budget": "1430.85", "executed": "1430.85", "weight": "10", "score": "10"},
                    "fiscal": {"adjusted_budget": "1332.95", "executed": "1332.95"},
                    "other": {"adjusted_budget": "97.86", "executed": "97.86"},
                },
                total={"weight": "100", "score": "100"},
            ),
        ),
        silent(
            "1,332.95 + 97.86 against 1,430.80 (rounding)",
            kit.form(
                funds={
                    "total": {
                        "initial_budget": "1430.80",
                        "adjusted_budget": "1430.80",
                        "executed": "1430.80",
                        "weight": "10",
                        "rate": "100.00",
                        "score": "10.00",
                    },
                    "fiscal": {"initial_budget": "1332.95", "adjusted_budget": "1332.95", "executed": "1332.95"},
                    "other": {"initial_budget": "97.86", "adjusted_budget": "97.86", "executed": "97.86"},
                },
                total={"weight": "100", "score": "100.00"},
            ),
        ),
    ),
)
def funds_subtotal_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """年度资金总额 is not the sum of its sub-rows.

    ## What it checks
    In each money column (年初预算数, 全年预算数, 全年执行数), 年度资金总额 against 当年财政拨款 +
    上年结转资金 + 其他资金. Blank sub-rows add nothing; a column whose sub-rows are all blank is
    not checked.

    Precision: each amount may be rounded to its printed digits, so the total may differ from
    the sum of the sub-rows by half a unit of the last digit of the total and of every sub-row
    printed with decimals, plus `tolerance.money_per_row` (0.01) once. Amounts printed as whole
    numbers (123, 5) are taken as exact: 123 over sub-rows of 100 and 22 is an error.

    ## Why it matters
    A total that is not the sum of its parts (a row of zeros above real amounts, a source of
    funds left out) makes every rate computed from it wrong.

    ## Example
    当年财政拨款 1,332.95 + 其他资金 97.86 = 1,430.81 against a total of 1,430.80 passes
    (rounding); against 1,530.80 it is an error.

    ## How to fix
    Correct the total or the sub-row that is wrong so that the rows add up.

    ## Options
    `tolerance.money_per_row`
    """
    total = form.funds.total
    parts = [row for key, row in form.funds.rows() if key != "total"]
    if total is None or not parts:
        return
    for column in ("initial_budget", "adjusted_budget", "executed"):
        addends = printed_values(parts, column)
        printed = getattr(total, column)
        if not addends or printed is None:
            continue
        if not sum_agrees(printed, total.raw.get(column), addends, ctx.config.tolerance.money_per_row):
            summed = total_of(value for value, _ in addends)
            zh_col, en_col = COLUMN_NAMES[column]
            yield Hit(
                f"{zh_col}：年度资金总额{total.printed(column)}，各分项合计{show(summed)}",
                f"{en_col}: total {total.printed(column)}, sub-rows add up to {show(summed)}",
                line=total.line,
                facts={"column": column, "printed": str(printed), "sum": show(summed)},
            )
