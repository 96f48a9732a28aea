"""F1xx: the 项目资金 table and the numbers that must follow from it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..model import Form, FundsRow
from .base import Context, Hit, rule
from .common import HUNDRED, cell, matches, percent, show, within

ROW_NAMES = {"total": ("年度资金总额", "total funds"), "fiscal": ("当年财政拨款", "fiscal allocation"),
             "carryover": ("上年结转资金", "carry-over"), "other": ("其他资金", "other funds")}
COLUMN_NAMES = {"initial_budget": ("年初预算数", "initial budget"), "adjusted_budget": ("全年预算数", "adjusted budget"),
                "executed": ("全年执行数", "spent"), "weight": ("分值", "weight"), "rate": ("执行率", "rate"),
                "score": ("得分", "score")}
_COST_DEVIATION = re.compile(r"(?:成本|预算|支出).*偏差率|偏差率.*(?:成本|预算)")


def execution_rate(row: FundsRow) -> Decimal | None:
    """执行数 ÷ 全年预算数 in percent; None when either is missing or the budget is zero."""
    if row.executed is None or not row.adjusted_budget:
        return None
    return percent(row.executed, row.adjusted_budget)


@rule("F101", "execution-rate-mismatch", "error")
def execution_rate_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """Printed 执行率 disagrees with 全年执行数 ÷ 全年预算数.

    ## What it checks
    For every row of the funds table with a printed 执行率, the rate computed from 全年执行数
    and 全年预算数 (the adjusted budget, not 年初预算数). The two agree when they differ by no
    more than `tolerance.rate` (0.01 percentage points) or by one unit of the last printed
    digit, so a rate rounded (94.34) or truncated (94.33) from 94.337 passes.

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
        if not within(row.rate, computed, row.printed("rate"), ctx.config.tolerance.rate):
            zh_row, en_row = ROW_NAMES[key]
            yield Hit(
                f"{zh_row}执行率填报为{row.printed('rate')}，但全年执行数{row.printed('executed')}÷全年预算数"
                f"{row.printed('adjusted_budget')}={show(computed)}%",
                f"{en_row}: rate printed {row.printed('rate')}, but spent {row.printed('executed')} ÷ adjusted "
                f"budget {row.printed('adjusted_budget')} = {show(computed)}%",
                line=row.line, facts={"row": key, "printed": str(row.rate), "computed": show(computed)})


@rule("F102", "funds-score-mismatch", "error")
def funds_score_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The funds 得分 does not follow from 执行率 × 分值.

    ## What it checks
    The 年度资金总额 row's 得分 against 执行率 × 分值, capped at 分值, with the rate computed from
    the money (or the printed rate when the money is missing). Tolerance: `tolerance.score`
    (0.01 points) or one unit of the last printed digit, for forms that round the score.

    ## Why it matters
    The funds score is part of 总分; an inflated one raises the grade without any performance
    behind it. Under the Hubei template the funds block carries 20 points, which this check
    follows because it reads 分值 from the form.

    ## Example
    分值 10, 执行率 94.33%: 得分 should be 9.43, not 10.

    ## How to fix
    Set 得分 = min(执行率 × 分值, 分值).

    ## Options
    `tolerance.score`
    """
    row = form.funds.total
    if row is None or row.weight is None or row.score is None:
        return
    rate = execution_rate(row) if execution_rate(row) is not None else row.rate
    if rate is None:
        return
    expected = min(rate * row.weight / HUNDRED, row.weight)
    if not within(row.score, expected, row.printed("score"), ctx.config.tolerance.score):
        yield Hit(f"资金得分填报为{row.printed('score')}，按执行率{show(rate)}%×分值{row.printed('weight')}应为{show(expected)}",
                  f"funds score printed {row.printed('score')}; rate {show(rate)}% × weight "
                  f"{row.printed('weight')} gives {show(expected)}",
                  line=row.line, facts={"printed": str(row.score), "computed": show(expected)})


@rule("F103", "funds-subtotal-mismatch", "error")
def funds_subtotal_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """年度资金总额 is not the sum of its sub-rows.

    ## What it checks
    In each money column (年初预算数, 全年预算数, 全年执行数), 年度资金总额 against 当年财政拨款 +
    上年结转资金 + 其他资金. Blank sub-rows add nothing; a column whose sub-rows are all blank is
    not checked. Each sub-row may be rounded, so the allowed gap is `tolerance.money_per_row`
    (0.01) times the number of sub-rows that carry a value.

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
        values = [getattr(row, column) for row in parts if getattr(row, column) is not None]
        printed = getattr(total, column)
        if not values or printed is None:
            continue
        summed = sum(values, Decimal(0))
        if abs(summed - printed) > ctx.config.tolerance.money_per_row * len(values):
            zh_col, en_col = COLUMN_NAMES[column]
            yield Hit(f"{zh_col}：年度资金总额{total.printed(column)}，各分项合计{show(summed)}",
                      f"{en_col}: total {total.printed(column)}, sub-rows add up to {show(summed)}",
                      line=total.line, facts={"column": column, "printed": str(printed), "sum": show(summed)})


@rule("F104", "cost-deviation-mismatch", "error")
def cost_deviation_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A cost-deviation indicator disagrees with the funds table.

    ## What it checks
    An indicator such as 项目实际成本与预算偏差率 reports (全年执行数 − 全年预算数) ÷ 全年预算数
    in percent. Its 实际完成值 is compared with the rate the 年度资金总额 row gives, within
    `tolerance.cost_deviation` (0.01 percentage points) or one unit of the last printed digit.

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
        actual = row.actual_value
        if not matches(_COST_DEVIATION, row.name) or actual is None or actual.number is None or actual.unit != "%":
            continue
        if not within(actual.number, expected, row.actual, ctx.config.tolerance.cost_deviation):
            yield Hit(f"实际完成值为{cell(row, 'actual')}，按资金表（{total.printed('executed')}−"
                      f"{total.printed('adjusted_budget')}）÷{total.printed('adjusted_budget')}应为{show(expected)}%",
                      f"actual {cell(row, 'actual')}, but the funds table gives ({total.printed('executed')} − "
                      f"{total.printed('adjusted_budget')}) ÷ {total.printed('adjusted_budget')} = {show(expected)}%",
                      row=row, facts={"printed": str(actual.number), "computed": show(expected)})


@rule("F105", "low-execution", "warning")
def low_execution(form: Form, ctx: Context) -> Iterator[Hit]:
    """执行率 is below the threshold and needs an explanation.

    ## What it checks
    The 年度资金总额 row's execution rate (computed from the money, or as printed) against
    `thresholds.low_execution` (90%).

    ## Why it matters
    Low execution means money budgeted for the year was not spent; provincial rules (Sichuan
    prints it on the form) require the cause and what happens to the balance.

    ## Example
    全年预算数 480.00, 全年执行数 412.80: 86.00% executed.

    ## How to fix
    Explain in 偏差原因分析 why the money was not spent (contract not yet due, tender below
    budget, late allocation) and whether it will be spent, returned or carried over.

    ## Options
    `thresholds.low_execution`
    """
    row = form.funds.total
    if row is None:
        return
    rate = execution_rate(row)
    rate = row.rate if rate is None else rate
    if rate is not None and rate < ctx.config.thresholds.low_execution:
        threshold = ctx.config.thresholds.low_execution
        yield Hit(f"执行率{show(rate)}%低于{threshold}%，需说明未执行原因及资金处理",
                  f"execution rate {show(rate)}% is below {threshold}%: explain why and what happens to the balance",
                  line=row.line, facts={"rate": show(rate)})


@rule("F106", "budget-adjusted", "warning")
def budget_adjusted(form: Form, ctx: Context) -> Iterator[Hit]:
    """全年预算数 moved far from 年初预算数 during the year.

    ## What it checks
    The 年度资金总额 row's adjustment |全年预算数 − 年初预算数| ÷ 年初预算数 against
    `thresholds.budget_adjustment` (10%).

    ## Why it matters
    A large mid-year adjustment can make a low execution rate look high (the budget was cut to
    what was spent) and must be explained.

    ## Example
    年初预算数 1,570.98, 全年预算数 1,200.00: cut by 23.61%.

    ## How to fix
    State the reason and the approval of the adjustment in the explanation or the notes.

    ## Options
    `thresholds.budget_adjustment`
    """
    row = form.funds.total
    if row is None or not row.initial_budget or row.adjusted_budget is None:
        return
    change = percent(row.adjusted_budget - row.initial_budget, row.initial_budget)
    if abs(change) > ctx.config.thresholds.budget_adjustment:
        yield Hit(f"全年预算数{row.printed('adjusted_budget')}较年初预算数{row.printed('initial_budget')}调整{show(change)}%",
                  f"adjusted budget {row.printed('adjusted_budget')} differs from the initial "
                  f"{row.printed('initial_budget')} by {show(change)}%",
                  line=row.line, facts={"change": show(change)})

