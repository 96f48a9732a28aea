"""E3xx: deductions and the 偏差原因分析及改进措施 written for them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Form, Indicator
from .base import Context, Hit, rule
from .common import cell, points_lost, quote, show

# What an explanation column holds when nothing was explained.
EMPTY_EXPLANATIONS = frozenset({"", "无", "无。", "无偏差", "无偏差。", "0", "/", "／", "—", "——", "-", "－", "暂无",
                                "不适用", "N/A", "n/a", "无差异", "无偏差原因"})

# Words that introduce a cause, and words that introduce a measure. Heuristic on purpose: the
# LLM critique judges whether the cause is concrete; this only catches texts with none at all.
CAUSE_WORDS = re.compile(r"由于|因为|因|原因|受|导致|致使|造成|存在|不足|不够|未能|未按|未及时|未完成|延迟|延误|滞后|推迟|"
                    r"变更|调整|影响|随着|但|尚未|偏低|偏高|减少|下降|超出|故障|停工|暂停|无法|不能|难以|降雨|天气|"
                    r"疫情|征地|拆迁|审批|招标|流标|离职|缺少|缺乏|短缺")
MEASURE_WORDS = re.compile(r"将|后续|下一步|今后|下一年度|下年度|明年|拟|计划|措施|改进|加强对|督促|争取|"
                      r"已于|已协调|已更换|已补")
# An explanation about how the indicator was set, in place of the indicator's own gap.
_SETTING = re.compile(r"指标(?:值)?设置|指标细化|设定不够|目标编报|指标编制|指标设定")


def explained(row: Indicator) -> bool:
    return (row.explanation or "").strip() not in EMPTY_EXPLANATIONS


@rule("E300", "deduction", "info")
def deduction(form: Form, ctx: Context) -> Iterator[Hit]:
    """An indicator that lost points.

    ## What it checks
    Every row whose 得分 is below its 分值: the weight, the score, the points lost, and whether
    the 偏差原因分析 column says anything.

    ## Why it matters
    Every deduction needs a cause and a measure; this list is the reviewer's worklist and the
    input of `reviewer draft`.

    ## Example
    律师顾问工作验收合格率: 分值 10.00, 得分 8.50, 1.50 points lost, explained.

    ## How to fix
    Nothing to fix by itself; see E301 and E303 for the explanation.
    """
    for row in ctx.deducted:
        lost, said = points_lost(row), explained(row)
        yield Hit(f"扣{show(lost)}分（分值{cell(row, 'weight')}，得分{cell(row, 'score')}），{'已' if said else '未'}说明偏差原因",
                  f"lost {show(lost)} points (weight {cell(row, 'weight')}, score {cell(row, 'score')}), "
                  f"{'explained' if said else 'not explained'}",
                  row=row, facts={"weight": str(row.weight), "score": str(row.score), "lost": show(lost),
                                  "explained": said})


@rule("E301", "deduction-unexplained", "error")
def deduction_unexplained(form: Form, ctx: Context) -> Iterator[Hit]:
    """Points were lost and the explanation is empty or a placeholder.

    ## What it checks
    Rows whose 得分 is below 分值 and whose 偏差原因分析及改进措施 is blank or says nothing:
    无, 无偏差, 0, /, —, 暂无.

    ## Why it matters
    The filling rules require a cause and an improvement measure for every indicator that lost
    points; a blank here is sent back by every reviewer.

    ## Example
    生态效益指标 "无": 分值 3, 得分 0, explanation blank.

    ## How to fix
    Write the cause of the gap and the measure that addresses it (`reviewer draft` writes a
    first version), or remove a row that should never have carried points.
    """
    for row in ctx.deducted:
        if not explained(row):
            said = f"“{row.explanation}”" if row.explanation else "为空"
            yield Hit(f"扣{show(points_lost(row))}分，偏差原因分析{said}",
                      f"lost {show(points_lost(row))} points and the explanation is "
                      f"{repr(row.explanation) if row.explanation else 'blank'}", row=row)


@rule("E303", "explanation-weak", "warning")
def explanation_weak(form: Form, ctx: Context) -> Iterator[Hit]:
    """The explanation of a deduction is too short, or gives no cause or no measure.

    ## What it checks
    The explanation of every row that lost points: at least `thresholds.explanation_min_chars`
    characters; a word that introduces a cause (由于, 受…影响, 导致, 延迟, 未…); a word that
    introduces a measure (将, 后续, 下一步, 拟, 计划…); and not only about how the indicator was
    set (指标设置, 指标细化, 目标编报). A heuristic: it finds texts that lack an element
    altogether; the LLM critique (`reviewer critique`) judges whether what is there is concrete.

    ## Why it matters
    "加强管理" with no object, or a note that the indicator was badly set, does not tell the
    reviewer why this row missed its target or what will change.

    ## Example
    项目长效管理机制不断完善，但部分费用结算及时性有待加强。— a cause, but no measure.

    ## How to fix
    Name the gap in the row's own numbers, its concrete cause, whether it is timing or
    permanent, and a specific measure with who and when.

    ## Options
    `thresholds.explanation_min_chars`
    """
    minimum = ctx.config.thresholds.explanation_min_chars
    for row in ctx.deducted:
        if not explained(row):
            continue
        text = row.explanation or ""
        problems: list[tuple[str, str]] = []
        if len(re.sub(r"[\s\W_]", "", text)) < minimum:
            problems.append((f"不足{minimum}字", f"shorter than {minimum} characters"))
        if not CAUSE_WORDS.search(text):
            problems.append(("未说明原因", "no cause"))
        if not MEASURE_WORDS.search(text):
            problems.append(("未提出改进措施", "no measure"))
        if _SETTING.search(text):
            problems.append(("讲的是指标设置而非本指标的偏差", "about how the indicator was set, not its gap"))
        if problems:
            yield Hit("偏差原因分析" + "、".join(zh for zh, _ in problems) + f"：“{quote(text)}”",
                      "explanation " + "; ".join(en for _, en in problems) + f": '{quote(text)}'",
                      row=row, facts={"problems": [en for _, en in problems]})
