from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import execution_rate, show
from reviewer.rules.precision import agrees


@rule(
    "F105",
    "low-execution",
    "预算执行率偏低",
    "warning",
    marks=Marks(funds=("rate",)),
    examples=(
        fires("80% executed", kit.funds(executed="80.00", rate="80.00", score="8.00")),
        silent("95% executed", kit.base),
        silent("90.00 printed for 89.996%", kit.money("100", "89.996", "90.00%", "9.00")),
        fires("89.99 printed for 89.996% (truncated)", kit.money("100", "89.996", "89.99%", "9.00")),
    ),
)
def low_execution(form: Form, ctx: Context) -> Iterator[Hit]:
    """执行率 is below the threshold and needs an explanation.

    ## What it checks
    The 年度资金总额 row's execution rate (computed from the money, or as printed) against
    `thresholds.low_execution` (90%).

    Precision: the rate as the form prints it when the print agrees with the money (rounded or
    truncated, `rules/precision.py`), the money's otherwise: 90.00 printed for 89.996% is not low.

    ## Why it matters
    Low execution means money budgeted for the year was not spent; provincial rules (Sichuan
    prints it on the form) require the cause and what happens to the balance.

    ## Example
    全年预算数 480.00, 全年执行数 412.80: 86.00% executed.

    ## How to fix
    Explain in 偏差原因分析 why the money was not spent (contract not yet due, tender below
    budget, late allocation) and whether it will be spent, returned or carried over.

    ## Options
    `thresholds.low_execution`, `tolerance.rate`
    """
    row = form.funds.total
    if row is None:
        return
    computed = execution_rate(row)
    printed_agrees = (
        computed is not None
        and row.rate is not None
        and agrees(row.rate, row.printed("rate"), computed, ctx.config.tolerance.rate)
    )
    rate = row.rate if computed is None or printed_agrees else computed
    if rate is not None and rate < ctx.config.thresholds.low_execution:
        threshold = ctx.config.thresholds.low_execution
        yield Hit(
            f"执行率{show(rate)}%低于{threshold}%，需说明未执行原因及资金处理",
            f"execution rate {show(rate)}% is below {threshold}%: explain why and what happens to the balance",
            line=row.line,
            facts={"rate": show(rate)},
        )
