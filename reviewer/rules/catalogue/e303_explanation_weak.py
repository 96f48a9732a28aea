from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.form.model import Form
from reviewer.rules import kit
from reviewer.rules.base import Context, Hit, Marks, fires, rule, silent
from reviewer.rules.common import CAUSE_WORDS, MEASURE_WORDS, explained, quote

# An explanation about how the indicator was set, in place of the indicator's own gap.
_SETTING = re.compile(r"指标(?:值)?设置|指标细化|设定不够|目标编报|指标编制|指标设定")


@rule(
    "E303",
    "explanation-weak",
    "偏差说明不充分",
    "warning",
    marks=Marks(row=("explanation",)),
    examples=(
        fires("加强管理。", kit.row(1, actual="85%", score="14.17", explanation="加强管理。")),
        fires(
            "about indicator setting",
            kit.row(
                1, actual="85%", score="14.17", explanation="年度指标值设置不够合理，将在后续年度进一步完善指标值。"
            ),
        ),
        silent("cause and measure", kit.row(1, actual="85%", score="14.17", explanation=kit.GOOD_EXPLANATION)),
    ),
)
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
            yield Hit(
                "偏差原因分析" + "、".join(zh for zh, _ in problems) + f"：“{quote(text)}”",
                "explanation " + "; ".join(en for _, en in problems) + f": '{quote(text)}'",
                row=row,
                facts={"problems": [en for _, en in problems]},
            )
