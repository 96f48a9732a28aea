from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import execution_rate, funds_box_said, funds_explained, show
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
        silent(
            "80% executed, the 原因 box says why",
            kit.funds(executed="80.00", rate="80.00", score="8.00", funds_explanation=kit.FUNDS_EXPLAINED),
        ),
        fires(
            "80% executed, the 原因 box holds the template's instructions",
            kit.funds(executed="80.00", rate="80.00", score="8.00", funds_explanation=kit.FUNDS_INSTRUCTIONS),
        ),
        fires("80% executed, the 原因 box says 无", kit.funds(executed="80.00", rate="80.00", funds_explanation="无")),
    ),
)
def low_execution(form: Form, ctx: Context) -> Iterator[Hit]:
    """执行率 is below the threshold and needs an explanation.

    ## What it checks
    The 年度资金总额 row's execution rate (computed from the money, or as printed) against
    `thresholds.low_execution` (90%).

    Precision: the rate as the form prints it when the print agrees with the money (rounded or
    truncated, `rules/precision.py`), the money's otherwise: 90.00 printed for 89.996% is not low.

    Silent when the funds table's 原因 box (Sichuan prints one beside the budget rows) says why;
    the box left blank, 无 or holding the template's instructions ("…未达到90%的需说明原因（100字以内）")
    explains nothing, and the message says so.

    ## Why it matters
    Low execution means money budgeted for the year was not spent; provincial rules (Sichuan
    prints it on the form) require the cause and what happens to the balance.

    ## Example
    全年预算数 480.00, 全年执行数 412.80: 86.00% executed.

    ## How to fix
    Explain why the money was not spent (contract not yet due, tender below budget, late
    allocation) and whether it will be spent, returned or carried over: in the funds table's 原因
    box where the template prints one, else in 偏差原因分析 or the notes.

    ## Options
    `thresholds.low_execution`, `tolerance.rate`
    """
    row = form.funds.total
    if row is None or funds_explained(form.funds):
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
        box_zh, box_en = funds_box_said(form.funds)
        yield Hit(
            f"执行率{show(rate)}%低于{threshold}%，需说明未执行原因及资金处理{box_zh}",
            f"execution rate {show(rate)}% is below {threshold}%: explain why and what happens to the balance{box_en}",
            line=row.line,
            facts={"rate": show(rate)},
        )
