from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form
from reviewer.form.values import MONEY_UNITS
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, name_quantities, same_unit


@rule(
    "T404",
    "name-target-mismatch",
    "指标名称与指标值不符",
    "warning",
    marks=Marks(row=("name", "target")),
    examples=(
        fires(
            "600笔 in the name, 625笔 target",
            kit.row(0, name="为600笔贷款支付抵押手续费", target="625笔", actual="625笔"),
        ),
        silent(
            "5万元 in the name, 50000元 target",
            kit.row(0, name="支付抵押手续费5万元", target="50000元", actual="50000元"),
        ),
    ),
)
def name_target_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The indicator's name quotes a quantity that differs from its target.

    ## What it checks
    Quantities written into the name ("为600笔贷款…", "增值收益4564.74万元") against the target:
    a name quantity in the target's unit (or any, when the target has no unit) that none of
    equals the target number.

    Precision: exact after converting money units (5万元 is 50000元).

    ## Why it matters
    Two different numbers for one indicator: either the name was copied from last year, or the
    name states the result instead of the indicator.

    ## Example
    为600笔贷款支付抵押手续费: target 625笔.

    ## How to fix
    Take the number out of the name (支付贷款抵押手续费笔数) and keep it in the target.
    """
    for row in ctx.numeric:
        target = row.measured[0]
        if target is None or target.kind != "number" or target.number is None:
            continue
        quantities = list(name_quantities(row.name))
        if target.unit:
            quantities = [(n, u) for n, u in quantities if same_unit(u, target.unit)]
        if quantities and all(_in_unit(n, u, target.unit) != target.number for n, u in quantities):
            quoted = "、".join(f"{n}{u}" for n, u in quantities)
            yield Hit(
                f"指标名称中的{quoted}与年度指标值{cell(row, 'target')}不一致",
                f"the name says {quoted}, the target {cell(row, 'target')}",
                row=row,
            )


def _in_unit(number: Decimal, unit: str, target_unit: str | None) -> Decimal:
    if target_unit and unit in MONEY_UNITS and target_unit in MONEY_UNITS:
        return number * MONEY_UNITS[unit] / MONEY_UNITS[target_unit]
    return number
