from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import HUNDRED, cell, explained, show


@rule(
    "T406",
    "target-far-exceeded",
    "大幅超额完成",
    "warning",
    marks=Marks(row=("target", "actual")),
    examples=(
        fires("20 done of ≥10", kit.row(0, actual="20次")),
        silent("12 done of ≥10", kit.base),
        silent("20 done of ≥10, explained", kit.row(0, actual="20次", explanation=kit.GOOD_EXPLANATION)),
    ),
)
def target_far_exceeded(form: Form, ctx: Context) -> Iterator[Hit]:
    """The actual is far above a ≥ target: the target may have been set too low.

    ## What it checks
    Rows with a ≥ or > target whose actual reaches the far-exceeded threshold of it: the
    template's `far_exceeded` when it sets one, `thresholds.far_exceeded` (130%) otherwise. Both
    are in use: the vendor system highlights a score at 120%, 广西 requires a reason at 130%.
    A row whose 偏差原因分析 explains it is not reported: the explanation is what is asked for
    (E303 judges whether it gives a cause and a measure).

    Precision: the share of the printed numbers, exactly, the threshold included.

    ## Why it matters
    财预〔2020〕10号: far over-achievement must be explained, because the target may have been
    set too low, and points may be reduced; one province requires the explanation at 130%.

    ## Example
    网上汇补缴业务总量: target ≥2800000.00(笔), actual 5315611.00(笔), 190%.

    ## How to fix
    Explain the over-achievement and raise next year's target.

    ## Options
    `thresholds.far_exceeded`, `template` (its `far_exceeded`)
    """
    threshold = ctx.template.far_exceeded or ctx.config.thresholds.far_exceeded
    for row in ctx.numeric:
        if explained(row):
            continue
        target, actual = row.measured
        if not (
            target
            and actual
            and target.comparator in (">=", ">")
            and target.number
            and actual.number
            and target.number > 0
            and (actual.unit == target.unit or not actual.unit)
        ):
            continue
        share = actual.number / target.number * HUNDRED
        if share >= threshold:
            yield Hit(
                f"实际完成值{cell(row, 'actual')}为年度指标值{cell(row, 'target')}的{show(share)}%，"
                "指标值可能设置偏低，需说明",
                f"actual {cell(row, 'actual')} is {show(share)}% of the target {cell(row, 'target')}: "
                "the target may have been set too low",
                row=row,
                facts={"share": show(share)},
            )
