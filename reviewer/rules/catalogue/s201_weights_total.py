from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import show, total_of


@rule(
    "S201",
    "weights-total",
    "分值合计不符",
    "error",
    marks=Marks(total=("weight",)),
    examples=(
        fires("weights make 105", kit.row(0, weight="25", score="25")),
        silent("weights make 100", kit.base),
    ),
)
def weights_total(form: Form, ctx: Context) -> Iterator[Hit]:
    """Indicator weights and the funds weight do not add up to the template's total.

    ## What it checks
    Σ 分值 of all indicators + the funds 分值 against the template total (100).

    ## Why it matters
    Points that do not add up to 100 make every score and grade on the form meaningless
    (产出70 + 效益20 + 满意度10 + 执行10 = 110 under a 总分 of 100 has been published).

    ## Example
    Indicators weighted 95 plus 10 for the funds: 105.

    ## How to fix
    Re-weight the indicators so that they and the funds block total 100.

    ## Options
    `template`
    """
    weights = [row.weight for row in form.indicators if row.weight is not None]
    if not weights:
        return
    total = total_of(weights) + _funds_weight(form)
    if abs(total - ctx.template.total) > ctx.config.tolerance.score:
        yield Hit(
            f"指标分值合计{show(total_of(weights))}加资金分值{show(_funds_weight(form))}为{show(total)}，"
            f"应为{ctx.template.total}",
            f"indicator weights {show(total_of(weights))} plus funds weight {show(_funds_weight(form))} make "
            f"{show(total)}, not {ctx.template.total}",
            facts={"sum": show(total)},
        )


def _funds_weight(form: Form) -> Decimal:
    return form.funds.total.weight if form.funds.total and form.funds.total.weight is not None else Decimal(0)
