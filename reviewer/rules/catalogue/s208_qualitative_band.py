from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import HUNDRED, cell, show

GRADE_WORDS = {
    "achieved": ("达成年度指标", "achieved"),
    "partial": ("部分达成年度指标并具有一定效果", "partly achieved"),
    "failed": ("未达成年度指标且效果较差", "not achieved"),
}


@rule(
    "S208",
    "qualitative-band",
    "定性指标得分超出档次",
    "error",
    marks=Marks(row=("actual", "score")),
    examples=(
        fires("达成年度指标 scored 20 of 30", kit.row(3, score="20", explanation=kit.GOOD_EXPLANATION)),
        silent(
            "部分达成 scored 20 of 30 (66.7%)",
            kit.row(3, actual="部分达成年度指标并具有一定效果", score="20", explanation=kit.GOOD_EXPLANATION),
        ),
        silent(
            "达成指标 scored exactly 80%", kit.row(3, actual="达成指标", score="24", explanation=kit.GOOD_EXPLANATION)
        ),
    ),
)
def qualitative_band(form: Form, ctx: Context) -> Iterator[Hit]:
    """A qualitative grade scored outside its band.

    ## What it checks
    Rows whose 实际完成值 is one of the three grades (达成年度指标, 部分达成年度指标并具有一定效果,
    未达成年度指标且效果较差, or an unambiguous variant such as 达成指标): the score as a share of
    the weight must lie in the grade's band, 80–100%, 60–80% and 0–60% (`bands`; some
    localities use 50%). Both ends are included.

    Precision: the share of the printed score, exactly: 2 of 3 (66.67%) is outside 80–100%.

    ## Why it matters
    The bands are the scoring rule for qualitative indicators; a score outside them means the
    grade or the score is wrong.

    ## Example
    部分达成指标并具有一定效果 scored 9 of 10 (90%).

    ## How to fix
    Score within the band of the grade given, or change the grade.

    ## Options
    `bands`
    """
    for row in form.indicators:
        value = row.actual_value
        if value is None or value.grade is None or row.weight is None or row.score is None or not row.weight:
            continue
        low, high = getattr(ctx.config.bands, value.grade)
        share = row.score / row.weight * HUNDRED
        if not low <= share <= high:
            zh, en = GRADE_WORDS[value.grade]
            yield Hit(
                f"“{cell(row, 'actual')}”（{zh}）应得分值的{low}%–{high}%，实得{cell(row, 'score')}/"
                f"{cell(row, 'weight')}（{show(share)}%）",
                f"'{cell(row, 'actual')}' ({en}) scores {low}–{high}% of the weight; this row has "
                f"{cell(row, 'score')} of {cell(row, 'weight')} ({show(share)}%)",
                row=row,
                facts={"share": show(share)},
            )
