"""What each task asks the model to answer, as pydantic models: the JSON schema sent to the
endpoint, and the validator every answer must pass before anything else looks at it.

Each field also declares, in its annotation, how its value is checked before a person reads
it (``checks.py``): ``Prose`` for free text, ``Quote`` for a passage of the form, ``RowName`` for
an indicator, ``Closed`` for a yes/no or a fixed choice, ``Parts`` for a nested answer.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from reviewer.llm.checks import Closed, Parts, Prose, Quote, RowName


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Draft(_Answer):
    """A drafted 偏差原因分析及改进措施 for one indicator row."""

    explanation: Annotated[str, Prose(names="row", phrases=2)] = Field(
        description="填入“偏差原因分析及改进措施”栏的完整文字，中文"
    )
    cause: Annotated[str, Prose()] = Field(description="偏差的具体原因")
    controllable: Annotated[bool | None, Closed()] = Field(description="原因是否在单位可控范围内；无法判断时为 null")
    timing: Annotated[Literal["timing", "permanent", "unknown"], Closed()] = Field(
        description="timing：时间性差异（次年可完成或支付）；permanent：永久性差异；unknown：无法判断"
    )
    measure: Annotated[str, Prose()] = Field(description="针对原因的具体改进措施，含责任部门和时间")


class Verdict(_Answer):
    passed: Annotated[bool, Closed()]
    note: Annotated[str, Prose()] = Field(description="一句话理由")


class Critique(_Answer):
    """A judgement of the explanation a row already has, element by element."""

    gap: Annotated[Verdict, Parts()] = Field(description="是否用本行自己的数字和单位说明了偏差大小")
    cause: Annotated[Verdict, Parts()] = Field(description="是否给出具体原因")
    controllable: Annotated[Verdict, Parts()] = Field(description="是否说明原因是否可控")
    timing: Annotated[Verdict, Parts()] = Field(description="是否说明是时间性还是永久性差异")
    measure: Annotated[Verdict, Parts()] = Field(description="是否提出与原因对应、有责任人和时间的具体措施")
    passed: Annotated[bool, Closed()] = Field(description="整体是否合格")
    comment: Annotated[str, Prose(names="form", phrases=2)] = Field(description="给填报单位的审核意见，中文")
    rewrite: Annotated[str, Prose(names="row", phrases=2)] = Field(
        description="建议改写后的偏差原因分析及改进措施，中文"
    )


class ReviewComment(_Answer):
    """The 审核意见 a reviewer sends back for one form."""

    comment: Annotated[str, Prose(names="form", phrases=2, length=10)] = Field(
        description="整张表的审核意见，中文，分条列出需修改的问题"
    )


class Contradiction(_Answer):
    indicator: Annotated[str, RowName()]
    narrative: Annotated[str, Quote()] = Field(description="实际完成情况中与指标值矛盾的原文")
    explanation: Annotated[str, Prose(names="form")]


class Consistency(_Answer):
    """Whether the 实际完成情况 narrative contradicts the indicator values."""

    contradictions: Annotated[list[Contradiction], Parts()]


TASKS: dict[str, type[_Answer]] = {
    "draft": Draft,
    "critique": Critique,
    "review-comment": ReviewComment,
    "consistency": Consistency,
}
