from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent


@rule(
    "H101",
    "hubei-funds-weight",
    "资金分值不是20分",
    "error",
    marks=Marks(funds=("weight",)),
    examples=(fires("funds weighted 10", kit.base), silent("funds weighted 20", kit.funds(weight="20"))),
)
def hubei_funds_weight(form: Form, ctx: Context) -> Iterator[Hit]:
    """The funds block does not carry the 20 points Hubei's template gives it.

    ## What it checks
    The 年度资金总额 row's 分值 against 20.

    ## Why it matters
    Hubei scores budget execution out of 20 (得分 = 20 × 执行率).

    ## Example
    分值 10.

    ## How to fix
    Use the Hubei template.
    """
    total = form.funds.total
    if total is not None and total.weight is not None and total.weight != 20:
        yield Hit(
            f"资金分值为{total.weight}，湖北模板为20", f"funds weight {total.weight}, Hubei gives 20", line=total.line
        )
