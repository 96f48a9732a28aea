from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import funds_box_said, funds_explained, percent, show


@rule(
    "F106",
    "budget-adjusted",
    "预算调整幅度大",
    "warning",
    marks=Marks(funds=("initial_budget", "adjusted_budget")),
    examples=(
        fires("budget cut from 150 to 100", kit.funds(initial_budget="150.00")),
        silent("budget cut from 105 to 100", kit.funds(initial_budget="105.00")),
        fires("all of the budget added during the year (年初预算数 0.00)", kit.funds(initial_budget="0.00")),
        silent("no budget at the start nor at the end", kit.funds(initial_budget="0", adjusted_budget="0")),
        silent("年初预算数 not printed", kit.funds(initial_budget=None)),
        silent(
            "budget cut from 150, the 原因 box says why",
            kit.funds(initial_budget="150.00", funds_explanation=kit.FUNDS_EXPLAINED),
        ),
        fires(
            "budget cut from 150, the 原因 box holds the template's instructions",
            kit.funds(initial_budget="150.00", funds_explanation=kit.FUNDS_INSTRUCTIONS),
        ),
    ),
)
def budget_adjusted(form: Form, ctx: Context) -> Iterator[Hit]:
    """全年预算数 moved far from 年初预算数 during the year.

    ## What it checks
    The 年度资金总额 row's adjustment |全年预算数 − 年初预算数| ÷ 年初预算数 against
    `thresholds.budget_adjustment` (10%). A 年初预算数 of 0 under a 全年预算数 above it is the
    largest adjustment there is: the whole budget was added during the year.

    Precision: the printed amounts, exactly; an adjustment of exactly the threshold passes.

    Silent when the funds table's 原因 box says why, as F105.

    ## Why it matters
    A large mid-year adjustment can make a low execution rate look high (the budget was cut to
    what was spent) and must be explained.

    ## Example
    年初预算数 1,570.98, 全年预算数 1,200.00: cut by 23.61%.

    ## How to fix
    State the reason and the approval of the adjustment: in the funds table's 原因 box where the
    template prints one, else in the explanation or the notes.

    ## Options
    `thresholds.budget_adjustment`
    """
    row = form.funds.total
    if row is None or row.initial_budget is None or row.adjusted_budget is None or funds_explained(form.funds):
        return
    box_zh, box_en = funds_box_said(form.funds)
    if row.initial_budget == 0:
        if row.adjusted_budget > 0:
            yield Hit(
                f"年初预算数为{row.printed('initial_budget')}，全年预算数{row.printed('adjusted_budget')}"
                f"全部为年中追加{box_zh}",
                f"the initial budget is {row.printed('initial_budget')}: all of the adjusted budget "
                f"{row.printed('adjusted_budget')} was added during the year{box_en}",
                line=row.line,
                facts={"change": "added"},
            )
        return
    change = percent(row.adjusted_budget - row.initial_budget, row.initial_budget)
    if abs(change) > ctx.config.thresholds.budget_adjustment:
        yield Hit(
            f"全年预算数{row.printed('adjusted_budget')}较年初预算数{row.printed('initial_budget')}"
            f"调整{show(change)}%{box_zh}",
            f"adjusted budget {row.printed('adjusted_budget')} differs from the initial "
            f"{row.printed('initial_budget')} by {show(change)}%{box_en}",
            line=row.line,
            facts={"change": show(change)},
        )
