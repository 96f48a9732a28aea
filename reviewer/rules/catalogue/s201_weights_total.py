from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import printed_values, show, total_of
from reviewer.rules.precision import Printed, sum_agrees


@rule(
    "S201",
    "weights-total",
    "分值合计不符",
    "error",
    marks=Marks(total=("weight",)),
    examples=(
        fires("weights make 105", kit.row(0, weight="25", score="25")),
        fires("Hubei: indicator weights 90 beside the funds' 20", kit.hubei({0: {"weight": "30", "score": "30"}})),
        silent("weights make 100", kit.base),
        silent("Hubei: 80 beside a funds block of 20 that prints no 分值", kit.hubei()),
    ),
)
def weights_total(form: Form, ctx: Context) -> Iterator[Hit]:
    """Indicator weights and the funds weight do not add up to the template's total.

    ## What it checks
    Σ 分值 of all indicators + the funds 分值 against the template total (100). A form that
    prints no 分值 for its funds block (Hubei's 得分(20分*执行率)) counts its template's funds
    weight; under a template that scores execution inside an indicator category (the older
    项目决策/项目管理/项目产出/项目效益 one), the indicators alone make the total.

    Precision: the total is declared, so only the weights' own rounding is allowed (half a unit
    of the last digit of each weight printed with decimals), plus `tolerance.score`.

    ## Why it matters
    Points that do not add up to 100 make every score and grade on the form meaningless
    (产出70 + 效益20 + 满意度10 + 执行10 = 110 under a 总分 of 100 has been published).

    ## Example
    Indicators weighted 95 plus 10 for the funds: 105.

    ## How to fix
    Re-weight the indicators so that they and the funds block total 100.

    ## Options
    `template`, `tolerance.score`
    """
    rows = printed_values(form.indicators, "weight")
    if not rows:
        return
    funds = _funds_weight(form, ctx)
    weights = rows + ([funds] if funds is not None else [])
    if sum_agrees(ctx.template.total, None, weights, ctx.config.tolerance.score, declared=True):
        return
    total, indicators = total_of(w for w, _ in weights), total_of(w for w, _ in rows)
    zh_funds = en_funds = ""
    if funds is not None and funds[1] is None:
        zh_funds = f"加资金分值{funds[0]}（表中未列，按{ctx.template.title}）"
        en_funds = f" plus the {ctx.template.name} template's funds weight {funds[0]}"
    elif funds is not None:
        zh_funds, en_funds = f"加资金分值{funds[1]}", f" plus funds weight {funds[1]}"
    yield Hit(
        f"指标分值合计{show(indicators)}{zh_funds}为{show(total)}，应为{ctx.template.total}",
        f"indicator weights {show(indicators)}{en_funds} make {show(total)}, not {ctx.template.total}",
        facts={"sum": show(total)},
    )


def _funds_weight(form: Form, ctx: Context) -> Printed | None:
    """The funds block's weight as printed, or the template's (with no text) when the form
    prints none; None under a template that scores execution inside an indicator category."""
    if ctx.template.funds_weight is None:
        return None
    funds = form.funds.total
    if funds is not None and funds.weight is not None:
        return funds.weight, funds.printed("weight")
    return ctx.template.funds_weight, None
