from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import HUNDRED, cell, is_reverse


@rule(
    "T405",
    "equality-on-rate",
    "比率目标误用等号",
    "warning",
    marks=Marks(row=("target",)),
    examples=(
        fires("=90%", kit.row(1, target="=90%")),
        silent("=0% on a complaint rate", kit.row(1, name="有效投诉率", target="=0%", actual="0%")),
    ),
)
def equality_on_rate(form: Form, ctx: Context) -> Iterator[Hit]:
    """ "=" on a percentage target below 100%.

    ## What it checks
    Targets written as "=90(%)": a rate that must equal something short of 100%. Zero targets
    and reverse indicators (a complaint rate =0%) are left alone.

    ## Why it matters
    "=90%" read literally is missed by 100%; "≥90%" was almost always meant, and the wrong
    comparator leads to wrong scoring (see S206).

    ## Example
    律师顾问工作验收合格率: =90(%).

    ## How to fix
    Write ≥90%.
    """
    for row in ctx.numeric:
        target = row.measured[0]
        if (
            target
            and target.comparator == "="
            and target.unit == "%"
            and target.number is not None
            and 0 < target.number < HUNDRED
            and not is_reverse(row)
        ):
            yield Hit(
                f"年度指标值{cell(row, 'target')}用“=”表示低于100%的比率，应为“≥”",
                f"target {cell(row, 'target')} uses '=' on a rate below 100%; '≥' was probably meant",
                row=row,
            )
