"""N5xx: the indicator table's structure: duplicates, missing or empty categories and rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Form
from ..values import PLACEHOLDERS, parse_value
from .base import Context, Hit, rule
from .common import cell, matches

_SATISFACTION_MEASURE = re.compile(r"满意|投诉|评价|评分|认可|好评|称赞|表扬|测评|回访|信访|意见")
_EXECUTION = re.compile(r"(?:预算|资金|财政资金|支出|经费)(?:执行|支出|使用|拨付)率|执行进度|支出进度|预算完成率")
_PUNCTUATION = re.compile(r"[\s，。、；：,.;:“”\"'（）()]")


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return _PUNCTUATION.sub("", name)


@rule("N501", "duplicate-indicator", "warning")
def duplicate_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """The same indicator twice in one form.

    ## What it checks
    Rows with the same name (ignoring spaces and punctuation), anywhere in the table; each
    repeat after the first is reported.

    ## Why it matters
    A repeated indicator counts the same performance twice and usually means a row was copied
    into a second category without being rewritten.

    ## Example
    在线帮办客服回复满意度 under 可持续影响指标 (1 point) and again under 服务对象满意度指标 (2 points).

    ## How to fix
    Keep one row in the category it belongs to and give the other its own indicator.
    """
    first_seen: dict[str, object] = {}
    for row in form.indicators:
        key = _key(row.name)
        if not key or key in PLACEHOLDERS:
            continue
        if key in first_seen:
            earlier = first_seen[key]
            yield Hit(f"与第{earlier.line}行（{earlier.level2}）重复",
                      f"repeats the row at line {earlier.line} ({earlier.level2})", row=row)
        else:
            first_seen[key] = row


@rule("N502", "missing-category", "warning")
def missing_category(form: Form, ctx: Context) -> Iterator[Hit]:
    """A first-level category the template requires is absent.

    ## What it checks
    The first-level categories of the form against the template's required ones (MoF 2020:
    产出, 效益, 满意度; 101号-style adds 成本). Forms with no categories at all are not checked.

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
    present = {row.level1 for row in form.indicators if row.level1}
    if not present:
        return
    for required in ctx.template.required:
        if required not in present:
            yield Hit(f"缺少一级指标“{required}”（模板：{ctx.template.name}）",
                      f"no {required} category (template {ctx.template.name})",
                      facts={"category": required})


@rule("N503", "empty-indicator", "error")
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
            yield Hit(f"三级指标为“{printed}”，却有分值{cell(row, 'weight')}",
                      f"names no indicator ('{printed}') but carries {cell(row, 'weight')} points", row=row)


@rule("N504", "satisfaction-not-measured", "warning")
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
            yield Hit(f"满意度指标“{row.name}”未衡量任何对象的满意度或投诉",
                      f"satisfaction indicator '{row.name}' measures no satisfaction or complaints", row=row)


@rule("N505", "period-as-indicator", "warning")
def period_as_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """An indicator that is only a period.

    ## What it checks
    Rows whose 三级指标 is nothing but a date or a period ("2024年1月-2024年12月").

    ## Why it matters
    A period is when, not what: the row cannot be scored against anything.

    ## Example
    时效指标: 指标：2024年1月-2024年12月, target 1年.

    ## How to fix
    Name what must be done by when (贷款抵押手续费支付及时率), and put the date in the target.
    """
    for row in form.indicators:
        value = parse_value(row.name)
        if value is not None and value.kind in ("period", "date"):
            yield Hit(f"三级指标“{row.name}”只是一个时间段", f"the indicator '{row.name}' is only a period", row=row)


@rule("N506", "execution-as-indicator", "warning")
def execution_as_indicator(form: Form, ctx: Context) -> Iterator[Hit]:
    """Budget execution repeated as an indicator.

    ## What it checks
    Rows named as budget or funds execution (预算执行率, 资金支出率, 支出进度…).

    ## Why it matters
    Execution is already scored in the funds block; as an indicator it is counted twice.

    ## Example
    产出指标/时效指标: 预算执行率 ≥90%.

    ## How to fix
    Remove the row and give its weight to an output or outcome indicator.
    """
    for row in form.indicators:
        if matches(_EXECUTION, row.name):
            yield Hit(f"“{row.name}”与资金执行率重复计分", f"'{row.name}' scores budget execution a second time",
                      row=row)
