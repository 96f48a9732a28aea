from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import execution_rate, show
from reviewer.rules.precision import agrees

ROW_NAMES = {
    "total": ("年度资金总额", "total funds"),
    "fiscal": ("当年财政拨款", "fiscal allocation"),
    "carryover": ("上年结转资金", "carry-over"),
    "other": ("其他资金", "other funds"),
}


@rule(
    "F101",
    "execution-rate-mismatch",
    "执行率与资金不符",
    "error",
    marks=Marks(funds=("rate",)),
    examples=(
        fires("rate printed 99.43 for 95/100", kit.funds(rate="99.43")),
        fires("96% printed for 117 ÷ 123 = 95.12% (a whole-number form)", kit.money("123", "117", "96%", "10")),
        silent(
            "94.33 printed for 356.49 ÷ 377.89 (truncation)",
            kit.funds(initial_budget="377.89", adjusted_budget="377.89", executed="356.49", rate="94.33", score="9.43"),
        ),
        silent("95% printed for 117 ÷ 123 = 95.12%", kit.money("123", "117", "95%", "10")),
        silent(
            "100% printed without decimals", kit.funds(executed="99.60", rate="100", raw={"rate": "100%"}, score="10")
        ),
    ),
)
def execution_rate_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """Printed 执行率 disagrees with 全年执行数 ÷ 全年预算数.

    ## What it checks
    For every row of the funds table with a printed 执行率, the rate computed from 全年执行数
    and 全年预算数 (the adjusted budget, not 年初预算数).

    Precision: the printed rate agrees when it is the exact rate rounded to its printed digits
    (within half a unit of its last digit) or truncated toward zero (less than one unit below
    it), plus `tolerance.rate` (0.01 percentage points) for noise below the printed digit. So
    94.34 and 94.33 both pass for 94.337%, 95% passes for 95.12%, and 96% does not.

    ## Why it matters
    The execution rate drives the funds score and is the first number a reviewer checks; a rate
    that does not follow from the money means one of the three cells is wrong.

    ## Example
    全年预算数 377.89, 全年执行数 356.49, 执行率 printed 99.43: the money gives 94.34%.

    ## How to fix
    Recompute 执行率 = 全年执行数 ÷ 全年预算数 × 100% and correct whichever cell is wrong.

    ## Options
    `tolerance.rate`
    """
    for key, row in form.funds.rows():
        computed = execution_rate(row)
        if computed is None or row.rate is None:
            continue
        if not agrees(row.rate, row.printed("rate"), computed, ctx.config.tolerance.rate):
            zh_row, en_row = ROW_NAMES[key]
            yield Hit(
                f"{zh_row}执行率填报为{row.printed('rate')}，但全年执行数{row.printed('executed')}÷全年预算数"
                f"{row.printed('adjusted_budget')}={show(computed)}%",
                f"{en_row}: rate printed {row.printed('rate')}, but spent {row.printed('executed')} ÷ adjusted "
                f"budget {row.printed('adjusted_budget')} = {show(computed)}%",
                line=row.line,
                facts={"row": key, "printed": str(row.rate), "computed": show(computed)},
            )
