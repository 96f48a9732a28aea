"""T4xx: targets, actual values and their units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from ..model import Form, Indicator
from ..values import MONEY_UNITS, unit_kind
from .base import Context, Hit, rule
from .common import HUNDRED, cell, is_reverse, matches, show

_COUNT_NAME = re.compile(r"(?<!指|系|分|倍|函|参)数$|(?:数量|总量|业务量|投诉量|阅读量|发布量|访问量|件数|人次)$")
_RATE_NAME = re.compile(r"(?:率|占比|比例|比率|比重)$")
_VAGUE_TARGET = re.compile(r"^(?:长期|持续|不断|逐步|稳步|进一步|有所|较好|良好|明显)")
_NAME_QUANTITY = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)\s*(万元|亿元|千元|元|万|亿)?\s*"
                            r"(笔|户|个|次|人|件|项|天|小时|公里|千米|米|%|家|条|份|台|套|场|篇|名|批|平方米|亩)?")


def _numbers(row: Indicator):
    return [v for v in (row.target_value, row.actual_value) if v is not None and v.kind == "number"]


@rule("T401", "unit-kind-mismatch", "error")
def unit_kind_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """A count reported as a percentage, or a rate reported as a count.

    ## What it checks
    Indicators named as counts (…数, 数量, 总量, 投诉量…, but not 指数 or 系数) whose target or
    actual is in %, and indicators named as rates (…率, 占比, 比例) whose target or actual is in a
    count unit (个, 次, 件, 笔…).

    ## Why it matters
    "17 网点" reported as "17%" cannot be scored or compared; one of the name and the unit is
    wrong, and the row's score means nothing until it is fixed.

    ## Example
    保洁委托服务覆盖网点数: =17.00(%) → 17.00(%).

    ## How to fix
    Use the unit the name counts in (=17个), or rename the indicator as the rate it measures.
    """
    for row in ctx.numeric:
        units = {v.unit for v in _numbers(row) if v.unit}
        if matches(_COUNT_NAME, row.name) and "%" in units:
            yield Hit(f"“{row.name}”是数量指标，年度指标值{cell(row, 'target')}、实际完成值{cell(row, 'actual')}却以%计",
                      f"'{row.name}' counts things, but target {cell(row, 'target')} and actual "
                      f"{cell(row, 'actual')} are in %", row=row)
        elif matches(_RATE_NAME, row.name) and any(unit_kind(u) == "count" for u in units):
            yield Hit(f"“{row.name}”是比率指标，年度指标值{cell(row, 'target')}、实际完成值{cell(row, 'actual')}却以计数单位计",
                      f"'{row.name}' is a rate, but target {cell(row, 'target')} and actual "
                      f"{cell(row, 'actual')} are in a count unit", row=row)


def _same_unit(a: str, b: str) -> bool:
    return a == b or (a in MONEY_UNITS and b in MONEY_UNITS)


@rule("T402", "target-actual-unit-mismatch", "warning")
def target_actual_unit_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """Target and actual in different units.

    ## What it checks
    Rows whose target and actual are both numbers with units, and the units differ after
    normalising (百分比 → %; 元, 万元 and 亿元 are one money family).

    ## Why it matters
    A target in 个 and an actual in % cannot be compared, so the score has no basis.

    ## Example
    target ≥30公里, actual 95%.

    ## How to fix
    Report the actual in the target's unit.
    """
    for row in ctx.numeric:
        target, actual = row.target_value, row.actual_value
        if target and actual and target.unit and actual.unit and not _same_unit(target.unit, actual.unit):
            yield Hit(f"年度指标值{cell(row, 'target')}与实际完成值{cell(row, 'actual')}单位不一致",
                      f"target {cell(row, 'target')} and actual {cell(row, 'actual')} are in different units", row=row)


@lru_cache(maxsize=65536)
def _name_quantities(name: str) -> tuple[tuple[Decimal, str], ...]:
    found = []
    for number, magnitude, unit in _NAME_QUANTITY.findall(name):
        unit = (magnitude or "") + (unit or "")
        if unit:
            found.append((Decimal(number.replace(",", "")), unit))
    return tuple(found)


@rule("T403", "missing-unit", "info")
def missing_unit(form: Form, ctx: Context) -> Iterator[Hit]:
    """A number with no unit, where nothing in the row gives one.

    ## What it checks
    Rows whose target and actual are bare numbers (6, 365, 4000) and whose name quotes no
    quantity with a unit either.

    ## Why it matters
    "6" can be channels, days or percent; a reader, and a score, need to know which.

    ## Example
    六种线上对外服务渠道: 6 → 6.

    ## How to fix
    Add the unit: 6个.
    """
    for row in ctx.numeric:
        numbers = _numbers(row)
        if numbers and all(v.unit is None for v in numbers) and not _name_quantities(row.name):
            yield Hit(f"年度指标值{cell(row, 'target')}、实际完成值{cell(row, 'actual')}没有计量单位",
                      f"target {cell(row, 'target')} and actual {cell(row, 'actual')} have no unit", row=row)


@rule("T404", "name-target-mismatch", "warning")
def name_target_mismatch(form: Form, ctx: Context) -> Iterator[Hit]:
    """The indicator's name quotes a quantity that differs from its target.

    ## What it checks
    Quantities written into the name ("为600笔贷款…", "增值收益4564.74万元") against the target:
    a name quantity in the target's unit (or any, when the target has no unit) that none of
    equals the target number.

    ## Why it matters
    Two different numbers for one indicator: either the name was copied from last year, or the
    name states the result instead of the indicator.

    ## Example
    为600笔贷款支付抵押手续费: target 625笔.

    ## How to fix
    Take the number out of the name (支付贷款抵押手续费笔数) and keep it in the target.
    """
    for row in ctx.numeric:
        target = row.target_value
        if target is None or target.kind != "number" or target.number is None:
            continue
        quantities = list(_name_quantities(row.name))
        if target.unit:
            quantities = [(n, u) for n, u in quantities if _same_unit(u, target.unit)]
        if quantities and all(_in_unit(n, u, target.unit) != target.number for n, u in quantities):
            quoted = "、".join(f"{n}{u}" for n, u in quantities)
            yield Hit(f"指标名称中的{quoted}与年度指标值{cell(row, 'target')}不一致",
                      f"the name says {quoted}, the target {cell(row, 'target')}", row=row)


def _in_unit(number: Decimal, unit: str, target_unit: str | None) -> Decimal:
    if target_unit and unit in MONEY_UNITS and target_unit in MONEY_UNITS:
        return number * MONEY_UNITS[unit] / MONEY_UNITS[target_unit]
    return number


@rule("T405", "equality-on-rate", "warning")
def equality_on_rate(form: Form, ctx: Context) -> Iterator[Hit]:
    """"=" on a percentage target below 100%.

    ## What it checks
    Targets written as "=90(%)": a rate that must equal something short of 100%. Zero targets
    and reverse indicators (a complaint rate =0%) are left alone.

    ## Why it matters
    "=90%" read literally is missed by 100%; "≥90%" was almost always meant, and the wrong
    comparator leads to wrong scoring (see S206).

    ## Example
    律师顾问工作验收合格率: =90(%).

    ## How to fix
    Write ≥90%.
    """
    for row in ctx.numeric:
        target = row.target_value
        if target and target.comparator == "=" and target.unit == "%" and target.number is not None \
                and 0 < target.number < HUNDRED and not is_reverse(row):
            yield Hit(f"年度指标值{cell(row, 'target')}用“=”表示低于100%的比率，应为“≥”",
                      f"target {cell(row, 'target')} uses '=' on a rate below 100%; '≥' was probably meant", row=row)


@rule("T406", "target-far-exceeded", "warning")
def target_far_exceeded(form: Form, ctx: Context) -> Iterator[Hit]:
    """The actual is far above a ≥ target: the target may have been set too low.

    ## What it checks
    Rows with a ≥ or > target whose actual reaches `thresholds.far_exceeded` (130%) of it.

    ## Why it matters
    财预〔2020〕10号: far over-achievement must be explained, because the target may have been
    set too low, and points may be reduced; one province requires the explanation at 130%.

    ## Example
    网上汇补缴业务总量: target ≥2800000.00(笔), actual 5315611.00(笔), 190%.

    ## How to fix
    Explain the over-achievement and raise next year's target.

    ## Options
    `thresholds.far_exceeded`
    """
    for row in ctx.numeric:
        target, actual = row.target_value, row.actual_value
        if not (target and actual and target.comparator in (">=", ">") and target.number and actual.number
                and target.number > 0 and (actual.unit == target.unit or not actual.unit)):
            continue
        share = actual.number / target.number * HUNDRED
        if share >= ctx.config.thresholds.far_exceeded:
            yield Hit(f"实际完成值{cell(row, 'actual')}为年度指标值{cell(row, 'target')}的{show(share)}%，指标值可能设置偏低，需说明",
                      f"actual {cell(row, 'actual')} is {show(share)}% of the target {cell(row, 'target')}: "
                      "the target may have been set too low", row=row, facts={"share": show(share)})


@rule("T407", "vague-target", "info")
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
            yield Hit(f"年度指标值“{cell(row, 'target')}”无法衡量", f"target '{cell(row, 'target')}' cannot be measured",
                      row=row)


@rule("T408", "actual-copies-target", "warning")
def actual_copies_target(form: Form, ctx: Context) -> Iterator[Hit]:
    """The actual carries a comparator: it restates the target instead of a measurement.

    ## What it checks
    实际完成值 cells with ≥, ≤, <, >, =, 约 or 以上 in them.

    ## Why it matters
    "≥95%" is not what happened; the reviewer cannot tell whether the target was met.

    ## Example
    社会效益指标: target ≥95%, actual ≥95%.

    ## How to fix
    Report the measured value: 97.3%.
    """
    for row in ctx.numeric:
        actual = row.actual_value
        if actual and actual.kind == "number" and actual.comparator:
            yield Hit(f"实际完成值{cell(row, 'actual')}带有比较符号，是在照抄指标值而非填报实际数",
                      f"actual {cell(row, 'actual')} carries a comparator: it restates the target", row=row)


@rule("T409", "quantitative-target-qualitative-actual", "warning")
def quantitative_target_qualitative_actual(form: Form, ctx: Context) -> Iterator[Hit]:
    """A numeric target answered with words.

    ## What it checks
    Rows whose target is a number and whose actual is text or a grade ("≤30万元" → "完成").

    ## Why it matters
    The target was set to be measured; an actual in words cannot be checked against it, so the
    score has no basis.

    ## Example
    单位成本: target ≤30万元, actual 完成.

    ## How to fix
    Report the measured number in the target's unit.
    """
    for row in ctx.numeric:
        target, actual = row.target_value, row.actual_value
        if target and actual and target.kind == "number" and actual.kind in ("text", "grade"):
            yield Hit(f"年度指标值{cell(row, 'target')}是数值，实际完成值却是“{cell(row, 'actual')}”",
                      f"numeric target {cell(row, 'target')} answered with '{cell(row, 'actual')}'", row=row)

