"""The backend that needs no endpoint: deterministic answers built from the row's numbers and
the findings, each clearly marked as a template that needs a person's cause and measure.

It is the default when no API key is configured, so `reviewer review` always gives every
deducted row something to start from, and tests run with no network and no model.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from reviewer.form.model import is_named, quoted_label
from reviewer.llm.jobs import Job, Outcome
from reviewer.llm.schemas import Consistency, Critique, Draft, ReviewComment, Verdict
from reviewer.llm.subject import Subject
from reviewer.rules.common import show
from reviewer.rules.cues import GAP_MESSAGES, gaps

TEMPLATE_MARK = "【模板，需补充】"
_CONTROL = re.compile(r"可控|不可控|客观|主观|外部|自身|不可抗力|政策")
_TIMING = re.compile(r"次年|下一?年度|明年|已于|预计|顺延|延期|结转|跨年|永久|无法弥补|不可挽回")


class OfflineBackend:
    name = "offline"

    def run(self, jobs: list[Job]) -> list[Outcome]:
        outcomes = []
        for job in jobs:
            answer = job.schema.model_validate(self.answer(job.task, job.subject).model_dump())
            outcomes.append(Outcome(answer, job.accept(answer), attempts=1, template=True))
        return outcomes

    @staticmethod
    def answer(task: str, subject: Subject) -> BaseModel:
        if task == "draft":
            return draft(subject)
        if task == "critique":
            return critique(subject)
        if task == "review-comment":
            return review_comment(subject)
        return Consistency(contradictions=[])


def draft(subject: Subject) -> Draft:
    row = subject.row
    assert row is not None and row.weight is not None and row.score is not None
    lost = show(row.weight - row.score)
    text = (
        f"{TEMPLATE_MARK}{quoted_label(row.label, row.named)}年度指标值{row.target or '（空）'}，"
        f"实际完成值{row.actual or '（空）'}，"
        f"扣{lost}分。偏差原因：（写明具体原因、是否可控，是次年可补足的时间性差异还是永久性差异）。"
        "改进措施：（写明针对原因的具体措施、责任部门和完成时间）。"
    )
    return Draft(
        explanation=text, cause="需补充实际原因", controllable=None, timing="unknown", measure="需补充具体措施"
    )


def critique(subject: Subject) -> Critique:
    row = subject.row
    assert row is not None
    text = row.explanation or ""
    numbers = [row.printed(f) for f in ("target", "actual", "score") if row.printed(f)]
    gap = any(re.sub(r"[()（）%]", "", n) in text for n in numbers if n) or "扣" in text
    missing = gaps(text)
    measure_gap = next((g for g in missing if g != "no cause"), None)
    verdicts = {
        "gap": Verdict(passed=gap, note="已用本行数字说明偏差" if gap else "未用本行数字说明偏差大小"),
        "cause": Verdict(
            passed="no cause" not in missing,
            note=GAP_MESSAGES["no cause"][0] if "no cause" in missing else "有原因表述",
        ),
        "controllable": Verdict(
            passed=bool(_CONTROL.search(text)), note="说明了是否可控" if _CONTROL.search(text) else "未说明原因是否可控"
        ),
        "timing": Verdict(
            passed=bool(_TIMING.search(text)),
            note="说明了时间性或永久性" if _TIMING.search(text) else "未说明是时间性还是永久性差异",
        ),
        "measure": Verdict(
            passed=measure_gap is None, note="有具体改进措施" if measure_gap is None else GAP_MESSAGES[measure_gap][0]
        ),
    }
    failed = [v.note for v in verdicts.values() if not v.passed]
    comment = f"{TEMPLATE_MARK}{quoted_label(row.label, row.named)}的偏差原因分析" + (
        "要素齐全，请核实内容是否具体。" if not failed else "：" + "；".join(failed) + "。"
    )
    return Critique(**verdicts, passed=not failed, comment=comment, rewrite=draft(subject).explanation)


def review_comment(subject: Subject) -> ReviewComment:
    lines = [
        f"{TEMPLATE_MARK}经审核，《{subject.form.project or '该项目'}》项目支出绩效自评表存在以下问题，"
        "请修改后重新报送："
    ]
    serious = [f for f in subject.findings if f.severity in ("error", "warning")]
    serious.sort(key=lambda f: (f.severity != "error", f.line or 0))
    for number, finding in enumerate(serious, 1):
        # Sent to the agency: what is wrong and where, in its own words; no rule codes.
        where = f"{quoted_label(finding.subject, is_named(finding.indicator))}：" if finding.subject else ""
        lines.append(f"{number}. {where}{finding.message['zh']}（{finding.name_zh}）")
    if not serious:
        lines = [f"{TEMPLATE_MARK}经审核，《{subject.form.project or '该项目'}》项目支出绩效自评表未发现需修改的问题。"]
    return ReviewComment(comment="\n".join(lines))
