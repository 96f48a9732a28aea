from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, identical_text_met, target_met


@rule(
    "S206",
    "met-but-deducted",
    "已达标却扣分",
    "warning",
    marks=Marks(row=("actual", "score")),
    examples=(
        fires("≥90% met with 95%, 13 of 15", kit.row(1, score="13", explanation=kit.GOOD_EXPLANATION)),
        fires(
            "=90% exceeded with 100%, 8.5 of 10 (seed 003)",
            kit.row(4, target="=90%", actual="100%", score="8.5", explanation=kit.GOOD_EXPLANATION),
        ),
        silent(
            "≥90% missed with 85%, deducted", kit.row(1, actual="85%", score="14.17", explanation=kit.GOOD_EXPLANATION)
        ),
        silent(
            "placeholder 无 → 无 with 0 points is not 'met'",
            kit.extra_row(name="无", target="无", actual="无", weight="3", score="0"),
        ),
    ),
)
def met_but_deducted(form: Form, ctx: Context) -> Iterator[Hit]:
    """A target that was met, yet points were taken off.

    ## What it checks
    Rows that lost points although the actual meets the target by its comparator (≥, ≤, <, >;
    "=" and a bare number count as met when the actual is better in the indicator's direction),
    or although the actual repeats the target word for word. "=0" is met only by 0.

    Precision: the printed numbers, exactly (units converted between 元 and 万元): 94.99% does not
    meet ≥95%.

    ## Why it matters
    The scoring rule gives full points for a met target. A deduction here is either an arithmetic
    slip or a judgement (the target was set too low) that must be written down.

    ## Example
    律师顾问工作验收合格率: target =90(%), actual 100.00(%), 8.50 of 10 points.

    ## How to fix
    Give full points, or explain the deduction (and raise next year's target if it was too low).
    """
    for row in ctx.deducted:
        if target_met(row) or identical_text_met(row):
            yield Hit(
                f"实际完成值{cell(row, 'actual')}已达到年度指标值{cell(row, 'target')}，却扣分"
                f"（{cell(row, 'score')}/{cell(row, 'weight')}）",
                f"actual {cell(row, 'actual')} meets the target {cell(row, 'target')}, yet scored "
                f"{cell(row, 'score')} of {cell(row, 'weight')}",
                row=row,
            )
