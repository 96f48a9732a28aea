from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.form.values import unit_kind
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import cell, matches, numbers_of, stem

_COUNT_NAME = re.compile(r"(?<!指|系|分|倍|函|参)数$|(?:数量|总量|业务量|投诉量|阅读量|发布量|访问量|件数|人次)$")
_RATE_NAME = re.compile(r"(?:率|占比|比例|比率|比重)$")


@rule(
    "T401",
    "unit-kind-mismatch",
    "计量单位类型错误",
    "error",
    marks=Marks(row=("target", "actual")),
    examples=(
        fires("网点数 in %", kit.extra_row(name="覆盖网点数", target="=17(%)", actual="17(%)")),
        fires("a rate in 个", kit.extra_row(name="网点覆盖率", target="=17个", actual="17个")),
        fires("a rate whose name gives 个", kit.extra_row(name="网点覆盖率（个）", target="=17", actual="17")),
        silent("网点数 in 个", kit.extra_row(name="覆盖网点数", target="=17个", actual="17个")),
        silent(
            "培训人数（人次）: bare numbers in the name's unit",
            kit.extra_row(name="培训人数（人次）", target="≥120", actual="126"),
        ),
        silent("满意指数 in % is not a count", kit.extra_row(name="满意指数", target="≥90%", actual="95%")),
    ),
)
def unit_kind_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A count reported as a percentage, or a rate reported as a count.

    ## What it checks
    Indicators named as counts (…数, 数量, 总量, 投诉量…, but not 指数 or 系数) whose target or
    actual is in %, and indicators named as rates (…率, 占比, 比例) whose target or actual is in a
    count unit (个, 次, 件, 笔…). A unit written in the name ("培训人数（人次）", "合格率(%)") is
    the unit of bare numbers, and the name is read without it.

    ## Why it matters
    "17 网点" reported as "17%" cannot be scored or compared; one of the name and the unit is
    wrong, and the row's score means nothing until it is fixed.

    ## Example
    保洁委托服务覆盖网点数: =17.00(%) → 17.00(%).

    ## How to fix
    Use the unit the name counts in (=17个), or rename the indicator as the rate it measures.
    """
    for row in ctx.numeric:
        units = {v.unit for v in numbers_of(row) if v.unit}
        name = stem(row)
        if matches(_COUNT_NAME, name) and "%" in units:
            yield Hit(
                f"“{row.name}”是数量指标，年度指标值{cell(row, 'target')}、实际完成值{cell(row, 'actual')}却以%计",
                f"'{row.name}' counts things, but target {cell(row, 'target')} and actual "
                f"{cell(row, 'actual')} are in %",
                row=row,
            )
        elif matches(_RATE_NAME, name) and any(unit_kind(u) == "count" for u in units):
            yield Hit(
                f"“{row.name}”是比率指标，年度指标值{cell(row, 'target')}、实际完成值{cell(row, 'actual')}"
                "却以计数单位计",
                f"'{row.name}' is a rate, but target {cell(row, 'target')} and actual "
                f"{cell(row, 'actual')} are in a count unit",
                row=row,
            )
