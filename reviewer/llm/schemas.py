"""What each task asks the model to answer, as pydantic models: the JSON schema sent to the
endpoint, and the validator every answer must pass before anything else looks at it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Draft(_Answer):
    """A drafted 偏差原因分析及改进措施 for one indicator row."""

    explanation: str = Field(description="填入“偏差原因分析及改进措施”栏的完整文字，中文")
    cause: str = Field(description="偏差的具体原因")
    controllable: bool | None = Field(description="原因是否在单位可控范围内；无法判断时为 null")
    timing: Literal["timing", "permanent", "unknown"] = Field(
        description="timing：时间性差异（次年可完成或支付）；permanent：永久性差异；unknown：无法判断"
    )
    measure: str = Field(description="针对原因的具体改进措施，含责任部门和时间")


class Verdict(_Answer):
    passed: bool
    note: str = Field(description="一句话理由")


class Critique(_Answer):
    """A judgement of the explanation a row already has, element by element."""

    gap: Verdict = Field(description="是否用本行自己的数字和单位说明了偏差大小")
    cause: Verdict = Field(description="是否给出具体原因")
    controllable: Verdict = Field(description="是否说明原因是否可控")
    timing: Verdict = Field(description="是否说明是时间性还是永久性差异")
    measure: Verdict = Field(description="是否提出与原因对应、有责任人和时间的具体措施")
    passed: bool = Field(description="整体是否合格")
    comment: str = Field(description="给填报单位的审核意见，中文")
    rewrite: str = Field(description="建议改写后的偏差原因分析及改进措施，中文")


class ReviewComment(_Answer):
    """The 审核意见 a reviewer sends back for one form."""

    comment: str = Field(description="整张表的审核意见，中文，分条列出需修改的问题")


class Contradiction(_Answer):
    indicator: str
    narrative: str = Field(description="实际完成情况中与指标值矛盾的原文")
    explanation: str


class Consistency(_Answer):
    """Whether the 实际完成情况 narrative contradicts the indicator values."""

    contradictions: list[Contradiction]


TASKS: dict[str, type[_Answer]] = {
    "draft": Draft,
    "critique": Critique,
    "review-comment": ReviewComment,
    "consistency": Consistency,
}
