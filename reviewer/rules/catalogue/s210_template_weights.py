from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import category_key, show, total_of


@rule(
    "S210",
    "template-weights",
    "一级指标分值与模板不符",
    "warning",
    marks=Marks(funds=("weight",)),
    examples=(
        fires("效益 row moved under 产出 (80 vs 50)", kit.row(3, level1="产出指标")),
        silent("50/30/10/10", kit.base),
        silent("the older template's 10/25/30/35", kit.older()),
        fires("the older template's 项目决策 at 15", kit.older({0: {"weight": "15", "score": "15"}})),
    ),
)
def template_weights(form: Form, ctx: Context) -> Iterator[Hit]:
    """First-level weights differ from the template's.

    ## What it checks
    Σ 分值 of each first-level category, and the funds 分值, against the weights the selected
    template fixes (MoF 2020: 产出 50, 效益 30, 满意度 10, funds 10; Hubei: funds 20; the older
    template: 项目决策 10, 项目管理 25, 项目产出 30, 项目效益 35).
    Templates that leave the split free (101号-style, Sichuan) only check the funds weight.

    ## Why it matters
    A form weighted off-template scores differently from its peers, and the difference is
    usually a category left out or padded.

    ## Example
    产出指标 rows weighted 60 under the MoF template (50).

    ## How to fix
    Re-weight to the template, or configure the template the province actually uses.

    ## Options
    `template`
    """
    template = ctx.template
    funds = form.funds.total.weight if form.funds.total else None
    if template.funds_weight is not None and funds is not None and funds != template.funds_weight:
        yield Hit(
            f"资金执行分值{funds}，{template.title}为{template.funds_weight}",
            f"funds weight {funds}; the {template.name} template gives {template.funds_weight}",
            line=form.funds.total.line if form.funds.total else None,
        )
    for level1, expected in template.level1.items():
        key = category_key(level1)
        rows = [row for row in form.indicators if row.level1 and category_key(row.level1) == key]
        summed = total_of(row.weight for row in rows)
        if rows and summed != expected:
            yield Hit(
                f"{level1}分值合计{show(summed)}，{template.title}为{expected}",
                f"{level1} weighs {show(summed)}; the {template.name} template gives {expected}",
                line=rows[0].line,
                facts={"level1": level1, "sum": show(summed)},
            )
