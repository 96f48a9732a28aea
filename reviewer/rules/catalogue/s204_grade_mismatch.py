from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent


@rule(
    "S204",
    "grade-mismatch",
    "评分等级与总分不符",
    "error",
    marks=Marks(total=("grade",)),
    examples=(
        fires("99.50 graded 良", kit.form(grade="良")),
        silent("89.99 graded 良", kit.form(total={"weight": "100", "score": "89.99"}, grade="良")),
    ),
)
def grade_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """评分等级 is not the grade its 总分 earns.

    ## What it checks
    The printed grade against the grade for the printed 总分: 优 ≥ 90, 良 80–<90, 中 60–<80,
    差 < 60 (thresholds in `grades`; `grades = "pmkpi"` gives 80/70/60).

    Precision: the printed 总分, exactly: 89.99 is 良, 90 is 优.

    ## Why it matters
    The grade is what rankings and budget decisions read; it must follow from the score.

    ## Example
    总分 86.5 with 评分等级 优.

    ## How to fix
    Print the grade the score earns.

    ## Options
    `grades`
    """
    if not form.grade or form.total is None or form.total.score is None:
        return
    expected = grade_for(form.total.score, ctx)
    if form.grade != expected:
        yield Hit(
            f"总分{form.total.score}对应等级为“{expected}”，表中填报“{form.grade}”",
            f"总分 {form.total.score} earns grade {expected}, the form says {form.grade}",
            line=form.total.line,
            facts={"printed": form.grade, "expected": expected},
        )


def grade_for(score: Decimal, ctx: Context) -> str:
    grades = ctx.config.grades
    return "优" if score >= grades.优 else "良" if score >= grades.良 else "中" if score >= grades.中 else "差"
