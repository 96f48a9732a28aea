from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell

_VAGUE_TARGET = re.compile(r"^(?:长期|持续|不断|逐步|稳步|进一步|有所|较好|良好|明显)")


@rule(
    "T407",
    "vague-target",
    "指标值无法衡量",
    "info",
    marks=Marks(row=("target",)),
    examples=(
        fires("长期", kit.row(3, target="长期")),
        fires("约95万元", kit.extra_row(name="培训费用", target="约95万元", actual="93万元")),
        silent("有效提升", kit.base),
    ),
)
def vague_target(form: Form, ctx: Context) -> Iterator[Hit]:
    """A target that cannot be measured.

    ## What it checks
    Targets that are blank (on a row with a weight), approximate ("约95万元"), or open-ended
    wording (长期, 持续, 不断…, 逐步…, 有所…).

    ## Why it matters
    A target nobody can check against gives every actual full points; the MoF rules ask for
    measurable targets.

    ## Example
    可持续影响指标: 长期 → 长期.

    ## How to fix
    Set a number with a comparator and a unit, or an observable state with a date.
    """
    for row in form.indicators:
        target = row.target_value
        if target is None:
            if row.weight and row.name:
                yield Hit("年度指标值为空", "the target is blank", row=row)
        elif target.comparator == "~" or _VAGUE_TARGET.match(row.target or ""):
            yield Hit(
                f"年度指标值“{cell(row, 'target')}”无法衡量",
                f"target '{cell(row, 'target')}' cannot be measured",
                row=row,
            )
