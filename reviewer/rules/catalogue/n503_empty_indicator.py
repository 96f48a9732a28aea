from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.form.values import PLACEHOLDERS
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import cell


@rule(
    "N503",
    "empty-indicator",
    "空指标占分值",
    "error",
    examples=(
        fires("无 with 3 points", kit.extra_row(name="无", target="无", actual="无", weight="3", score="0")),
        silent("named rows", kit.base),
    ),
)
def empty_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """A row that carries weight but names no indicator.

    ## What it checks
    Rows with a 分值 above zero whose 三级指标 is blank, a placeholder (无, —, /) or just the label
    "指标：".

    ## Why it matters
    Points assigned to nothing: either an indicator is missing, or the weight belongs elsewhere.

    ## Example
    生态效益指标 "无", 分值 3, 得分 0.

    ## How to fix
    Name the indicator, or remove the row and move its weight to a real one.
    """
    for row in form.indicators:
        if row.weight and (not row.name or row.name in PLACEHOLDERS):
            printed = row.raw.get("name", row.name) or "（空）"
            yield Hit(
                f"三级指标为“{printed}”，却有分值{cell(row, 'weight')}",
                f"names no indicator ('{printed}') but carries {cell(row, 'weight')} points",
                row=row,
            )
