from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, fires, rule, silent
from reviewer.rules.common import category_key


@rule(
    "N502",
    "missing-category",
    "缺少一级指标",
    "warning",
    examples=(
        fires("no 满意度指标", kit.row(4, level1="效益指标", level2="社会效益指标", name="参训人员就业率")),
        silent("all three categories", kit.base),
        silent("the older template's four categories", kit.older()),
        fires("the older template without 项目决策", kit.older({0: {"level1": "项目管理"}})),
    ),
)
def missing_category(form: Form, ctx: Context) -> Iterator[Hit]:
    """A first-level category the template requires is absent.

    ## What it checks
    The first-level categories of the form against the template's required ones (MoF 2020:
    产出, 效益, 满意度; 101号-style adds 成本; the older template 项目决策, 项目管理, 项目产出,
    项目效益). A category counts whatever its template calls it: 项目产出 is 产出指标. Forms with no
    categories at all are not checked.

    ## Why it matters
    A form without 满意度指标 measures nobody's satisfaction; the MoF rule moves that weight to
    产出 and 效益 only when the project genuinely has no service object, which must be said.

    ## Example
    补充公积金: 成本, 产出 and 效益 indicators, no 满意度指标.

    ## How to fix
    Add the category (a 服务对象满意度 indicator), or state why the project has none.

    ## Options
    `template`
    """
    present = {category_key(row.level1) for row in form.indicators if row.level1}
    if not present:
        return
    for required in ctx.template.required:
        if category_key(required) not in present:
            yield Hit(
                f"缺少一级指标“{required}”",
                f"no {required} category (template {ctx.template.name})",
                facts={"category": required, "template": ctx.template.name},
            )
