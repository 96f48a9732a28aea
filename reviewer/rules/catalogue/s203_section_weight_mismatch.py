from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import category_key, printed_values, show, total_of
from reviewer.rules.precision import sum_agrees


@rule(
    "S203",
    "section-weight-mismatch",
    "一级指标分值与下级合计不符",
    "error",
    examples=(
        fires(
            "产出指标(55分) over rows of 50",
            kit.form(sections=[{"level1": "产出指标", "weight": "55"}, {"level1": "效益指标", "weight": "30"}]),
        ),
        fires("产出指标(50分) over rows of 49.9: a header is not rounded", kit.row(2, weight="14.9", score="14.9")),
        silent("headers match their rows", kit.base),
        silent("rows with no 分值 column", kit.hubei({i: {"weight": None} for i in range(5)})),
    ),
)
def section_weight_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A weight printed in a category header differs from the sum of its rows.

    ## What it checks
    For every first-level category whose header prints a weight ("产出指标(50分)"), that
    weight against Σ 分值 of the rows under it. A form that prints no 分值 for its rows (黄石's
    Hubei form gives only 得分) is not checked.

    Precision: the header is a declared weight, not a rounded sum, so only the rows' own
    rounding is allowed (half a unit of the last digit of each weight printed with decimals:
    33.33 × 3 passes for 100), plus `tolerance.score` (0.01 points). Whole-number weights are
    exact: rows of 12 + 14 + 12 + 14 under a header of 50 are an error.

    ## Why it matters
    The header is the promise; rows that add up to something else mean a row was added,
    dropped or mis-weighted after the header was written.

    ## Example
    产出指标(50分) over rows weighted 12 + 14 + 12 + 14 = 52.

    ## How to fix
    Make the rows add up to the header, or correct the header.

    ## Options
    `tolerance.score`
    """
    for section in form.sections:
        if section.weight is None:
            continue
        key = category_key(section.level1)
        rows = [row for row in form.indicators if row.level1 and category_key(row.level1) == key]
        weights = printed_values(rows, "weight")
        summed = total_of(weight for weight, _ in weights)
        if weights and not sum_agrees(section.weight, None, weights, ctx.config.tolerance.score, declared=True):
            yield Hit(
                f"{section.level1}标注{section.weight}分，其下指标分值合计{show(summed)}",
                f"{section.level1} is headed {section.weight} points; its rows add up to {show(summed)}",
                line=rows[0].line,
                facts={"level1": section.level1, "printed": str(section.weight), "sum": show(summed)},
            )
