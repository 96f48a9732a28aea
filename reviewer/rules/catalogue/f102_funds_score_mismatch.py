from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form, FundsRow
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import HUNDRED, execution_rate, show
from reviewer.rules.precision import agrees


@rule(
    "F102",
    "funds-score-mismatch",
    "资金得分与执行率不符",
    "error",
    marks=Marks(funds=("score",)),
    examples=(
        fires("full funds score at 95%", kit.funds(score="10.00")),
        fires("得分 printed 10 at 94.33% (a whole-number form)", kit.money("377.89", "356.49", "94.33%", "10")),
        silent("score 9.50 at 95%", kit.base),
        silent("score capped at the weight", kit.funds(executed="120.00", rate="120.00", score="10")),
        silent("9 for 8.62 (a whole-number rounding)", kit.money("100", "86.2", "86.20%", "9")),
        silent("9.43 at 94.337% (truncated rate, rounded score)", kit.money("377.89", "356.49", "94.33%", "9.43")),
        silent("Hubei: 20 × 100% with no 分值 column", kit.hubei()),
        fires("Hubei: 10 for 100% with no 分值 column", kit.hubei(score="10")),
    ),
)
def funds_score_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The funds 得分 does not follow from 执行率 × 分值.

    ## What it checks
    The 年度资金总额 row's 得分 against 执行率 × 分值, capped at 分值, with the rate computed from
    the money (or the printed rate when the money is missing). A form that prints no 分值 for
    the funds (Hubei's 得分(20分*执行率)) is held to its template's funds weight.

    Precision: the printed score agrees when it is the exact score rounded to its printed
    digits (within half a unit of its last digit) or truncated (less than one unit below it),
    plus `tolerance.score` (0.01 points). The score may also be computed from the printed rate
    when that rate is itself right. So 9.43 and 9 pass for 9.4337, and 10 does not.

    ## Why it matters
    The funds score is part of 总分; an inflated one raises the grade without any performance
    behind it. Under the Hubei template the funds block carries 20 points, which this check
    follows because it reads 分值 from the form.

    ## Example
    分值 10, 执行率 94.33%: 得分 should be 9.43 (or 9 on a form that prints whole points), not 10.

    ## How to fix
    Set 得分 = min(执行率 × 分值, 分值).

    ## Options
    `tolerance.score`, `template`
    """
    row = form.funds.total
    weight = (row.weight if row.weight is not None else ctx.template.funds_weight) if row else None
    if row is None or weight is None or row.score is None:
        return
    rates = _rates(row, ctx.config.tolerance.rate)
    if not rates:
        return
    expected = [min(rate * weight / HUNDRED, weight) for rate in rates]
    if not any(agrees(row.score, row.printed("score"), score, ctx.config.tolerance.score) for score in expected):
        printed = row.weight is not None
        zh_weight = row.printed("weight") if printed else f"{weight}（表中未列，按{ctx.template.title}）"
        en_weight = row.printed("weight") if printed else f"{weight} (not printed; the {ctx.template.name} template's)"
        # A rate the money gives, not the one printed (94.34% where 94.33% is printed), says so.
        own = rates[0] != row.rate
        zh_rate = f"{'资金算得的' if own else ''}执行率{show(rates[0])}%"
        en_rate = f"rate {'from the money ' if own else ''}{show(rates[0])}%"
        yield Hit(
            f"资金得分填报为{row.printed('score')}，按{zh_rate}×分值{zh_weight}应为{show(expected[0])}",
            f"funds score printed {row.printed('score')}; {en_rate} × weight {en_weight} gives {show(expected[0])}",
            line=row.line,
            facts={"printed": str(row.score), "computed": show(expected[0])},
        )


def _rates(row: FundsRow, tolerance: Decimal) -> list[Decimal]:
    """The rates the score may be computed from: the money's, and the printed rate when it agrees
    with the money (a form that rounds 94.5% to 95% and scores 9.5 has made no error)."""
    computed = execution_rate(row)
    if computed is None:
        return [row.rate] if row.rate is not None else []
    if row.rate is not None and row.rate != computed and agrees(row.rate, row.printed("rate"), computed, tolerance):
        return [computed, row.rate]
    return [computed]
