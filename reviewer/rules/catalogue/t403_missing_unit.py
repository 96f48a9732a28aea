from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, name_quantities, numbers_of


@rule(
    "T403",
    "missing-unit",
    "缺少计量单位",
    "info",
    marks=Marks(row=("target", "actual")),
    examples=(
        fires("bare numbers", kit.row(0, target="≥10", actual="12")),
        silent("the name gives the unit", kit.row(0, name="培训费用为5万元", target="5", actual="5")),
        silent(
            "the unit in brackets after the name", kit.row(0, name="服务外包在岸(万美元)", target="≥500", actual="520")
        ),
        silent("（人次） after the name", kit.row(0, name="培训人数（人次）", target="≥120", actual="126")),
    ),
)
def missing_unit(form: Form, ctx: Context) -> Iterator[Hit]:
    """A number with no unit, where nothing in the row gives one.

    ## What it checks
    Rows whose target and actual are bare numbers (6, 365, 4000) and whose name neither
    declares their unit ("服务外包在岸(万美元)", "培训人数（人次）") nor quotes a quantity with a unit.

    ## Why it matters
    "6" can be channels, days or percent; a reader, and a score, need to know which.

    ## Example
    六种线上对外服务渠道: 6 → 6.

    ## How to fix
    Add the unit: 6个.
    """
    for row in ctx.numeric:
        numbers = numbers_of(row)
        if numbers and all(v.unit is None for v in numbers) and not name_quantities(row.name):
            yield Hit(
                f"年度指标值{cell(row, 'target')}、实际完成值{cell(row, 'actual')}没有计量单位",
                f"target {cell(row, 'target')} and actual {cell(row, 'actual')} have no unit",
                row=row,
            )
