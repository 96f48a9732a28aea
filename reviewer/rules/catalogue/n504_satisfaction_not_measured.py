from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.form.values import PLACEHOLDERS
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import matches

_SATISFACTION_MEASURE = re.compile(r"满意|投诉|评价|评分|认可|好评|称赞|表扬|测评|回访|信访|意见")


@rule(
    "N504",
    "satisfaction-not-measured",
    "满意度指标未衡量满意度",
    "warning",
    examples=(
        fires("a 满意度 row about premises", kit.row(4, name="培训场地保障")),
        silent("a 满意度 row about complaints", kit.row(4, name="参训人员有效投诉量", target="≤2件", actual="0件")),
    ),
)
def satisfaction_not_measured(form: Form, ctx: Context) -> Iterator[Hit]:
    """A 满意度 row that measures no satisfaction.

    ## What it checks
    Rows under a 满意度 category whose name mentions no satisfaction, complaint, rating or
    evaluation (满意, 投诉, 评价, 测评, 回访…).

    ## Why it matters
    A satisfaction category filled with output items ("发放内部聘用人员工资 ≥95%") reports no
    one's satisfaction; the 10 points are unearned.

    ## Example
    服务对象满意度指标: 指标1:发放内部聘用人员工资, ≥95%.

    ## How to fix
    Measure the service objects' satisfaction (a survey rate, valid complaints) and name who.
    """
    for row in form.indicators:
        in_category = "满意度" in (row.level1 or "") or "满意度" in (row.level2 or "")
        if in_category and row.name and row.name not in PLACEHOLDERS and not matches(_SATISFACTION_MEASURE, row.name):
            yield Hit(
                f"满意度指标“{row.name}”未衡量任何对象的满意度或投诉",
                f"satisfaction indicator '{row.name}' measures no satisfaction or complaints",
                row=row,
            )
