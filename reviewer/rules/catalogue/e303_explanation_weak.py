from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import explained, quote

# An explanation about how the indicator was set, in place of the indicator's own gap.
_SETTING = re.compile(r"指标(?:值)?(?:设置|设定|细化|编制)|设定不够|目标编报")
_CHARACTERS = re.compile(r"[\s\W_]")


def _deducted(explanation: str):
    return kit.row(1, actual="85%", score="14.17", explanation=explanation)


@rule(
    "E303",
    "explanation-weak",
    "偏差说明不充分",
    "warning",
    marks=Marks(row=("explanation",)),
    examples=(
        fires("加强管理。", _deducted("加强管理。")),
        fires("about indicator setting", _deducted("年度指标值设置不够合理，将在后续年度进一步完善指标值。")),
        fires("a cause, no measure (seed 003)", _deducted("项目长效管理机制不断完善，但部分费用结算及时性有待加强。")),
        fires(
            "a cause, and a measure that only asks for money",
            _deducted("因资金年初未到位，培训延期至12月；下一步将积极争取上级资金支持。"),
        ),
        silent("cause and measure", _deducted(kit.GOOD_EXPLANATION)),
        silent(
            "two causes and a measure, no cue word of the old list",
            _deducted("已完工，尚有5%质保金未付，且中标价低于预算。下一年度提高预算编制准确性。"),
        ),
    ),
)
def explanation_weak(form: Form, ctx: Context) -> Iterator[Hit]:
    """The explanation of a deduction is too short, or gives no cause or no measure.

    ## What it checks
    The explanation of every row that lost points, clause by clause (`rules/cues.py`): at
    least `thresholds.explanation_min_chars` characters; a clause that gives a cause, as real
    texts write one (因, 由于, 原因是, 受…影响, 尚未, 未付, 滞后, 延期, 低于/高于预算, 中标价, 调整,
    变更…); a clause that proposes a measure (将, 拟, 下一步, 后续, 下一年度, an action verb with an
    object such as 加强对…的管理, 完善…, 督促…, 提高…, 由…负责, 于…前); a measure that is the unit's
    own, not only a request for money (申请追加预算, 争取资金) or a slogan with no object (加强管理,
    做好相关工作); and not only about how the indicator was set (指标设置, 指标细化, 目标编报). A
    state is not a measure (不断完善, 已有加强, 有待加强). A heuristic: it finds texts that lack an
    element altogether; the LLM critique (`reviewer critique`) judges whether what is there is
    concrete and whether the cause is this indicator's.

    ## Why it matters
    "加强管理" with no object, a request for more money, or a note that the indicator was badly
    set, does not tell the reviewer why this row missed its target or what the unit will change.

    ## Example
    项目长效管理机制不断完善，但部分费用结算及时性有待加强。— a cause, but no measure.
    已完工，尚有5%质保金未付，且中标价低于预算。下一年度提高预算编制准确性。— two causes and a
    measure: passes.

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
        # Imported at the first explanation: compiling the cue patterns costs more than checking
        # a form, and a form that explains no deduction need not pay for it.
        from reviewer.rules.cues import GAP_MESSAGES, gaps

        text = row.explanation or ""
        problems: list[tuple[str, str]] = []
        if len(_CHARACTERS.sub("", text)) < minimum:
            problems.append((f"不足{minimum}字", f"shorter than {minimum} characters"))
        problems += [GAP_MESSAGES[gap] for gap in gaps(text)]
        if _SETTING.search(text):
            problems.append(("讲的是指标设置而非本指标的偏差", "about how the indicator was set, not its gap"))
        if problems:
            yield Hit(
                "偏差原因分析" + "、".join(zh for zh, _ in problems) + f"：“{quote(text)}”",
                "explanation " + "; ".join(en for _, en in problems) + f": '{quote(text)}'",
                row=row,
                facts={"problems": [en for _, en in problems]},
            )
