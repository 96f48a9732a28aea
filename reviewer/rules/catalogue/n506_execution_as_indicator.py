from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import matches

_EXECUTION = re.compile(r"(?:预算|资金|财政资金|支出|经费)(?:执行|支出|使用|拨付)率|执行进度|支出进度|预算完成率")


@rule(
    "N506",
    "execution-as-indicator",
    "预算执行率重复设为指标",
    "warning",
    examples=(
        fires("预算执行率 as an indicator", kit.extra_row(name="预算执行率", target="≥90%", actual="95%")),
        silent("no execution indicator", kit.base),
    ),
)
def execution_as_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """Budget execution repeated as an indicator.

    ## What it checks
    Rows named as budget or funds execution (预算执行率, 资金支出率, 支出进度…).

    ## Why it matters
    Execution is already scored in the funds block; as an indicator it is counted twice.

    ## Example
    产出指标/时效指标: 预算执行率 ≥90%.

    ## How to fix
    Remove the row and give its weight to an output or outcome indicator.
    """
    for row in form.indicators:
        if matches(_EXECUTION, row.name):
            yield Hit(
                f"“{row.name}”与资金执行率重复计分", f"'{row.name}' scores budget execution a second time", row=row
            )
