from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import show, total_of


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
        silent("headers match their rows", kit.base),
    ),
)
def section_weight_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A weight printed in a category header differs from the sum of its rows.

    ## What it checks
    For every first-level category whose header prints a weight ("产出指标(50分)"), that
    weight against Σ 分值 of the rows under it.

    ## Why it matters
    The header is the promise; rows that add up to something else mean a row was added,
    dropped or mis-weighted after the header was written.

    ## Example
    产出指标(50分) over rows weighted 12 + 14 + 12 + 14 = 52.

    ## How to fix
    Make the rows add up to the header, or correct the header.
    """
    for section in form.sections:
        if section.weight is None:
            continue
        rows = [row for row in form.indicators if row.level1 == section.level1]
        summed = total_of(row.weight for row in rows)
        if rows and abs(summed - section.weight) > ctx.config.tolerance.score:
            yield Hit(
                f"{section.level1}标注{section.weight}分，其下指标分值合计{show(summed)}",
                f"{section.level1} is headed {section.weight} points; its rows add up to {show(summed)}",
                line=rows[0].line,
                facts={"level1": section.level1, "printed": str(section.weight), "sum": show(summed)},
            )
