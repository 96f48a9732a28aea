from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.form.values import parse_value
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent


@rule(
    "N505",
    "period-as-indicator",
    "以时间段作指标",
    "warning",
    examples=(
        fires("a period as the name", kit.row(2, name="2024年1月-2024年12月")),
        silent("a named timeliness indicator", kit.base),
    ),
)
def period_as_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """An indicator that is only a period.

    ## What it checks
    Rows whose 三级指标 is nothing but a date or a period ("2024年1月-2024年12月").

    ## Why it matters
    A period is when, not what: the row cannot be scored against anything.

    ## Example
    时效指标: 指标：2024年1月-2024年12月, target 1年.

    ## How to fix
    Name what must be done by when (贷款抵押手续费支付及时率), and put the date in the target.
    """
    for row in form.indicators:
        value = parse_value(row.name)
        if value is not None and value.kind in ("period", "date"):
            yield Hit(f"三级指标“{row.name}”只是一个时间段", f"the indicator '{row.name}' is only a period", row=row)
