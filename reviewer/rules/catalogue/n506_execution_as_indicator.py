from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form, FundsRow, Indicator
from reviewer.form.values import MONEY_UNITS, CellValue
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import matches, stem

_EXECUTION = re.compile(
    r"(?:预算|资金|财政资金|支出|经费)(?:执行|支出|使用|拨付|支付)(?:完成)?率|执行进度|支出进度|支付进度|预算完成率"
)
# A number with no unit is money only in a row about money: "5" in the table's unit, "5万" in 元.
_MONEY_NAME = re.compile(r"资金|经费|费用|预算|成本|支出|补助|投入|元")
_MAGNITUDE = re.compile(r"\d\s*[千万亿]")


@rule(
    "N506",
    "execution-as-indicator",
    "预算执行率重复设为指标",
    "warning",
    examples=(
        fires("预算执行率 as an indicator", kit.extra_row(name="预算执行率", target="≥90%", actual="95%")),
        fires(
            "设备购置资金 100 → 95, the funds' 全年预算数 and 全年执行数",
            kit.extra_row(name="设备购置资金", target="100万元", actual="95万元"),
        ),
        fires(
            "the funds' amounts in 元 under a table in 万元",
            kit.extra_row(name="项目总投入", target="≥1000000元", actual="950000元"),
        ),
        silent("no execution indicator", kit.base),
        silent(
            "a cost that is part of the budget", kit.extra_row(name="设备购置资金", target="≤40万元", actual="38万元")
        ),
        silent("the older template scores execution inside 项目管理", kit.older()),
    ),
)
def execution_as_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """Budget execution repeated as an indicator.

    ## What it checks
    Rows named as budget or funds execution (预算执行率, 资金支付完成率, 支出进度…), and rows whose
    target and actual are the funds table's own amounts, whatever their name: a target equal to
    年度资金总额's 全年预算数 (or 年初预算数) and an actual equal to its 全年执行数, in the table's
    money unit after conversion (120万元 → 108.5万元 on a form whose funds say 120 / 108.5; a number
    with no unit counts in a row about money or under 成本指标, "5万" as 5万元). Not
    under a template that scores execution inside an indicator category (the older 项目管理).

    Precision: the amounts must be equal after conversion, exactly: a part of the budget is not
    its repeat.

    ## Why it matters
    Execution is already scored in the funds block; as an indicator it is counted twice.

    ## Example
    产出指标/时效指标: 预算执行率 ≥90%. 成本指标: 设备购置资金 120万元 → 108.5万元, the whole
    budget and what was spent of it.

    ## How to fix
    Remove the row and give its weight to an output or outcome indicator (a cost indicator
    measures the cost of an output: 单位培训成本 ≤0.3万元/人次).
    """
    if ctx.template.funds_weight is None:
        return
    total = form.funds.total if form.funds.total is not None and form.funds.total.executed else None
    unit = form.unit or ""
    for row in form.indicators:
        if matches(_EXECUTION, row.name):
            yield Hit(
                f"“{row.name}”与资金执行率重复计分", f"'{row.name}' scores budget execution a second time", row=row
            )
        elif total is not None and _money(row.measured[1]) and (column := _repeated_budget(row, total, form.unit)):
            budget, spent = _amount(total.printed(column), unit), _amount(total.printed("executed"), unit)
            yield Hit(
                f"年度指标值{row.printed('target')}、实际完成值{row.printed('actual')}即资金表年度资金总额的"
                f"{BUDGETS[column]}{budget}、全年执行数{spent}，与资金执行率重复计分",
                f"target {row.printed('target')} and actual {row.printed('actual')} are the funds table's budget "
                f"{budget} and spending {spent}: budget execution scored twice",
                row=row,
                facts={"budget": column},
            )


BUDGETS = {"adjusted_budget": "全年预算数", "initial_budget": "年初预算数"}


def _amount(printed: str, unit: str) -> str:
    """An amount quoted with the table's unit, unless its cell prints one: "12万" (Hubei)."""
    return printed if printed.endswith(("元", "万", "亿")) else printed + unit


def _money(value: CellValue | None) -> bool:
    """Whether a cell may be an amount of money: a number in a money unit or in none (most rows
    are a count, a rate or a period, and are passed over here)."""
    return value is not None and value.kind == "number" and (value.unit is None or value.unit in MONEY_UNITS)


def _repeated_budget(row: Indicator, total: FundsRow, unit: str | None) -> str | None:
    """The budget column of the funds table the row's target repeats, when its actual (a
    ``_money`` cell) repeats the 全年执行数; None otherwise."""
    target, actual = row.measured
    if target is None or target.kind != "number":
        return None
    assert actual is not None
    done = _in_funds_unit(actual, row, "actual", unit)
    planned = _in_funds_unit(target, row, "target", unit) if done is not None and done == total.executed else None
    if planned is None:
        return None
    return next((column for column in BUDGETS if getattr(total, column) == planned), None)


def _in_funds_unit(value: CellValue, row: Indicator, field: str, unit: str | None) -> Decimal | None:
    """The value in the funds table's unit (万元 when the form says none), if it is money."""
    table = MONEY_UNITS.get(unit or "万元", MONEY_UNITS["万元"])
    assert value.number is not None
    if value.unit is None:
        if not (matches(_MONEY_NAME, stem(row)) or "成本" in (row.level2 or "")):
            return None
        return value.number / table if _MAGNITUDE.search(row.printed(field)) else value.number
    if value.unit in MONEY_UNITS and "美元" not in value.unit:
        return value.number * MONEY_UNITS[value.unit] / table
    return None
