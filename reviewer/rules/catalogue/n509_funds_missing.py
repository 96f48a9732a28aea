from __future__ import annotations

from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent


@rule(
    "N509",
    "funds-missing",
    "项目资金未读到",
    "warning",
    marks=Marks(row=()),
    examples=(
        fires("no funds table", kit.form(funds={})),
        fires(
            "sub-rows but no 年度资金总额",
            kit.form(funds={"fiscal": {"adjusted_budget": "100.00", "executed": "95.00"}}),
        ),
        fires("a 年度资金总额 row with no amounts", kit.form(funds={"total": {"weight": "10", "score": "9.5"}})),
        silent("the funds table read", kit.base),
    ),
)
def funds_missing(form: Form, ctx: Context) -> Iterator[Hit]:
    """The funds table gives no 年度资金总额 amounts.

    ## What it checks
    Forms with indicator rows whose 项目资金 table has no 年度资金总额 row, or one with none of
    年初预算数, 全年预算数 and 全年执行数: a table left out, blank, or in a layout that could not
    be read (`reviewer parse` shows what was read, and its warnings what was not).

    ## Why it matters
    The execution rate, the funds score and 总分 all follow from these amounts. Without them
    those checks cannot run, and a report that went on as if the funds carried 0 points would
    blame the form for a number it never printed.

    ## Example
    A form whose funds block is a picture, or prints 预算数(A) and 执行数(B) in a layout the
    reader did not follow.

    ## How to fix
    Fill in the 年度资金总额 row; if it is there, check `reviewer parse` and report the layout.
    """
    if not form.indicators:
        return
    total = form.funds.total
    if total is None:
        zh = "未读到项目资金表的年度资金总额行" if form.funds.rows() else "未读到项目资金表"
        en = "no 年度资金总额 row in the funds table" if form.funds.rows() else "no funds table was read"
        yield Hit(f"{zh}，执行率、资金得分和总分无法核对", f"{en}: the rate, funds score and total cannot be checked")
    elif total.initial_budget is None and total.adjusted_budget is None and total.executed is None:
        yield Hit(
            "年度资金总额行没有预算数和执行数，执行率、资金得分和总分无法核对",
            "the 年度资金总额 row gives no budget or spending: the rate, funds score and total cannot be checked",
            line=total.line,
        )
