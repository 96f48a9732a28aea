from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, matches

# A satisfaction rate, not a dissatisfaction or complaint rate (which points the other way).
_SATISFACTION_RATE = re.compile(r"(?<!不)满意(?:度|率)")


@rule(
    "N507",
    "satisfaction-target-low",
    "满意度目标值偏低",
    "warning",
    marks=Marks(row=("target",)),
    examples=(
        fires("满意度 targeted at ≥70%", kit.row(4, target="≥70%")),
        fires("满意度 targeted at =75.00(%)", kit.row(4, target="=75.00(%)", actual="75.00(%)")),
        silent("满意度 targeted at ≥80%", kit.row(4, target="≥80%")),
        silent("a complaint rate of ≤5%", kit.row(4, name="参训人员投诉率", target="≤5%", actual="1%")),
        silent("不满意率 ≤10%", kit.row(4, name="参训人员不满意率", target="≤10%", actual="3%")),
    ),
)
def satisfaction_target_low(form: Form, ctx: Context) -> Iterator[Hit]:
    """A satisfaction rate targeted below what the templates expect.

    ## What it checks
    Rows under a 满意度 category that measure a satisfaction rate (…满意度, …满意率; not 不满意率 or
    a complaint rate) with a ≥, > or = target in % below `thresholds.satisfaction_target` (80%).

    ## Why it matters
    A target most service objects' dissatisfaction would still meet measures nothing; the
    provincial templates and their notes ask for satisfaction targets of 80% and above, and
    reviewers send low ones back as set too low (指标值设置偏低).

    ## Example
    服务对象满意度指标: 参训人员满意度 ≥70%.

    ## How to fix
    Set the target from last year's survey result and the template's floor (≥85%, ≥90%), or
    explain in the form why this project's service objects are expected to be less satisfied.

    ## Options
    `thresholds.satisfaction_target`
    """
    floor = ctx.config.thresholds.satisfaction_target
    for row in ctx.numeric:
        target = row.target_value
        in_category = "满意度" in (row.level1 or "") or "满意度" in (row.level2 or "")
        if not (in_category and target and matches(_SATISFACTION_RATE, row.name)):
            continue
        if target.unit == "%" and target.comparator in (">=", ">", "=") and target.number is not None:
            if target.number < floor:
                yield Hit(
                    f"满意度目标值{cell(row, 'target')}低于{floor}%，指标值设置偏低",
                    f"satisfaction target {cell(row, 'target')} is below {floor}%: set too low",
                    row=row,
                    facts={"target": str(target.number), "floor": str(floor)},
                )
