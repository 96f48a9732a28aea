from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent


@rule(
    "N508",
    "missing-total",
    "缺少总分",
    "warning",
    marks=Marks(total=("score",)),
    examples=(
        fires("no 总分 row", kit.form(total=None, grade=None)),
        fires("a 总分 row with its score blank", kit.form(total={"weight": "100", "score": None})),
        silent("总分 printed", kit.base),
    ),
)
def missing_total(form: Form, ctx: Context) -> Iterator[Hit]:
    """The form gives no 总分.

    ## What it checks
    Forms with indicator rows but no 总分 row, or a 总分 row whose score is blank. A score
    written elsewhere (自评得分99分 in the notes or a report) is not taken for it.

    ## Why it matters
    总分 is what the form reports upward and what decides its grade; without it the sum of
    the scores (S202) and the grade (S204) cannot be checked, and a reviewer cannot tell a form
    left unscored from one whose total was lost.

    ## Example
    A form whose table ends with the 满意度 rows: no 总分, no 评分等级.

    ## How to fix
    Add the 总分 row: Σ 得分 of the indicators plus the funds 得分.
    """
    if not form.indicators:
        return
    if form.total is None:
        yield Hit(
            "表中没有总分行，总分与评分等级无法核对", "the form has no 总分 row: its total and grade cannot be checked"
        )
    elif form.total.score is None:
        yield Hit("总分行未填得分", "the 总分 row gives no score", line=form.total.line)
