"""Draft, critique and review: the LLM half of `reviewer`, run over checked forms.

For every form: the rows that lost points are drafted (no explanation, or a placeholder; every
deducted row with ``all_rows``) or critiqued (they have one); `review` does both and writes the
form's 审核意见. All questions of a batch go to the backend together, so an endpoint answers
several at once. Each answer is validated by its schema, then every field is checked as the
schema declares (``checks.py``: numbers from the form, length, the indicator named, no echo of
the instructions, a quotation that is one); one that still fails after the re-asks is reported
failed, and so is the form's 审核意见 or consistency check: each has a status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from reviewer.config import Config
from reviewer.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, InputError
from reviewer.form.model import Form, Indicator
from reviewer.llm import checks
from reviewer.llm.backends import Backend
from reviewer.llm.jobs import Job, Outcome, unreached
from reviewer.llm.prompts import render
from reviewer.llm.schemas import TASKS
from reviewer.llm.subject import Subject
from reviewer.readers.files import Skipped
from reviewer.rules.base import Finding
from reviewer.rules.common import explained
from reviewer.rules.engine import check_form, select_rules
from reviewer.rules.results import CheckResult, FormResult

Mode = Literal["draft", "critique", "review"]
Status = Literal["ok", "template", "failed"]
Decision = Literal["accepted", "edited"]
STATUSES: tuple[Status, ...] = ("ok", "template", "failed")


class _Decided:
    """A text a reviewer may take (the web app): ``decision`` "accepted" as written, or "edited",
    the text then theirs."""

    status: Status
    problems: list[str]
    decision: Decision | None

    @property
    def rejected(self) -> bool:
        """Failed its checks and taken by no reviewer: never shown as a text."""
        return self.status == "failed" and self.decision is None

    @property
    def problems_shown(self) -> list[str]:
        """The problems of the text as shown: none once a reviewer rewrote it."""
        return [] if self.decision == "edited" else self.problems


@dataclass
class Explanation(_Decided):
    indicator: str
    level2: str | None
    line: int | None
    mode: Literal["draft", "critique"]
    status: Status
    text: str
    problems: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)
    subject: str = ""  # how reports name the row (``Indicator.label``)
    # What a reviewer made of the text (the web app): "accepted" as written, or "edited" (the
    # text is then the reviewer's); None while nobody has, as in everything the commands write.
    decision: Decision | None = None

    def as_json(self) -> dict[str, Any]:
        document = {
            "indicator": self.indicator,
            "level2": self.level2,
            "line": self.line,
            "mode": self.mode,
            "status": self.status,
            "text": self.text,
            "problems": self.problems,
            "detail": self.detail,
        }
        return document if self.decision is None else {**document, "decision": self.decision}


@dataclass
class FormComment(_Decided):
    """The form's 审核意见: its text, and whether it passed its checks. A failed one keeps the
    rejected text (for the record) but is never shown as the form's 审核意见, unless a reviewer
    took it (``decision``, as on an ``Explanation``): the text is then theirs."""

    status: Status
    text: str | None
    problems: list[str] = field(default_factory=list)
    decision: Decision | None = None

    def as_json(self) -> dict[str, Any]:
        document = {"status": self.status, "text": self.text, "problems": self.problems}
        return document if self.decision is None else {**document, "decision": self.decision}


@dataclass
class ConsistencyCheck:
    """Where the 实际完成情况 narrative contradicts an indicator's value (only a reader of the
    text finds these), and whether the answer passed its checks: a failed check found nothing,
    it does not say there is no contradiction."""

    status: Status
    problems: list[str] = field(default_factory=list)
    contradictions: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "problems": self.problems, "contradictions": self.contradictions}


@dataclass
class Reviewed:
    result: FormResult
    explanations: list[Explanation]
    comment: FormComment | None = None  # None: not asked for (draft, critique)
    consistency: ConsistencyCheck | None = None  # None: not asked for, or no 实际完成情况 to check

    def items(self) -> list[Explanation | FormComment | ConsistencyCheck]:
        return [item for item in (*self.explanations, self.comment, self.consistency) if item is not None]

    @property
    def failed(self) -> bool:
        return any(item.status == "failed" for item in self.items())


@dataclass
class ReviewResult:
    """What `draft`, `critique` or `review` gives for a batch: each form's findings and texts."""

    mode: Mode
    forms: list[Reviewed]
    errors: list[InputError] = field(default_factory=list)
    files: int = 0
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def check_result(self) -> CheckResult:
        return CheckResult(
            forms=[r.result for r in self.forms], errors=self.errors, files=self.files, skipped=self.skipped
        )

    def endpoint_error(self) -> str | None:
        """The endpoint's error when no item of the batch got an answer from it."""
        return unreached([item.problems for form in self.forms for item in form.items()])

    @property
    def exit_code(self) -> int:
        """As the command exits: 2 when no form could be read; 1 when an item failed its checks
        (or, for `review`, a finding is an error); else 0."""
        if not self.forms:
            return EXIT_INPUT
        failed = any(r.failed for r in self.forms)
        errors = self.mode == "review" and self.check_result.has_errors
        return EXIT_FINDINGS if failed or errors else EXIT_OK

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        """The document `reviewer review --format json` prints (and draft's and critique's)."""
        document = self.check_result.to_dict(lang)
        for form, review in zip(document["forms"], self.forms):
            form["explanations"] = [e.as_json() for e in review.explanations]
            form["comment"] = review.comment.as_json() if review.comment else None
            form["consistency"] = review.consistency.as_json() if review.consistency else None
        summary = document["summary"]
        summary["explanations"] = _count(e for r in self.forms for e in r.explanations)
        summary["comments"] = _count(r.comment for r in self.forms if r.comment)
        summary["consistency"] = _count(r.consistency for r in self.forms if r.consistency)
        return document


def _count(items: Iterable[Explanation | FormComment | ConsistencyCheck]) -> dict[str, int]:
    statuses = [item.status for item in items]
    return {status: statuses.count(status) for status in STATUSES}


Plan = tuple[list[Finding], list[Job]]


def plan_form(
    form: Form,
    config: Config,
    mode: Mode,
    all_rows: bool,
    limit: int,
    prompts: Path | None = None,
    rows: Callable[[Indicator], bool] | None = None,
) -> Plan:
    """The form's findings and the questions to ask about it, in row order (comment last);
    ``prompts`` is a folder of prompt files to use instead of the installed ones; ``rows`` picks
    the deducted rows to ask about (all by default)."""
    findings = check_form(form, config, select_rules(config.select, config.ignore))
    jobs: list[Job] = []
    for row in form.indicators:
        if row.weight is None or row.score is None or row.score >= row.weight or (rows is not None and not rows(row)):
            continue
        subject = Subject(form, row, [f for f in findings if f.line == row.line and f.indicator == row.name])
        if explained(row) and mode in ("critique", "review"):
            jobs.append(_job("critique", subject, limit, prompts))
        if (not explained(row) or all_rows) and mode in ("draft", "review"):
            jobs.append(_job("draft", subject, limit, prompts))
    if mode == "review":
        jobs.append(_job("review-comment", Subject(form, None, findings), limit, prompts))
        if form.goals.actual:
            jobs.append(_job("consistency", Subject(form, None, findings), limit, prompts))
    return findings, jobs


def _job(task: str, subject: Subject, limit: int, prompts: Path | None) -> Job:
    """The question, and how its answer is checked: by the declarations of its schema's fields."""
    data = subject.row_data() if subject.row is not None else subject.form_data()
    messages = render(task, prompts, data=data, limit=limit)
    schema = TASKS[task]
    ground = checks.Ground(subject.form, subject.row, subject.findings, limit, checks.instructions(messages, schema))
    return Job(task, schema, messages, subject, lambda answer: checks.problems(answer, ground))


def review_forms(
    forms: list[Form], config: Config, backend: Backend, mode: Mode, all_rows: bool = False, limit: int = 200
) -> list[Reviewed]:
    return run_plans(forms, [plan_form(form, config, mode, all_rows, limit) for form in forms], backend)


def run_plans(forms: list[Form], plans: list[Plan], backend: Backend) -> list[Reviewed]:
    """Ask the backend every planned question of the batch at once, and sort the answers by form."""
    outcomes = iter(backend.run([job for _, jobs in plans for job in jobs]))
    reviewed = []
    for form, (findings, jobs) in zip(forms, plans):
        item = Reviewed(FormResult.of(form, findings, keep_form=True), [])
        for job in jobs:
            outcome = next(outcomes)
            status = _status(outcome)
            if job.task == "review-comment":
                item.comment = FormComment(status, getattr(outcome.answer, "comment", None), outcome.problems)
            elif job.task == "consistency":
                found = [c.model_dump() for c in getattr(outcome.answer, "contradictions", [])]
                item.consistency = ConsistencyCheck(status, outcome.problems, found)
            else:
                item.explanations.append(_explanation(job, outcome, status))
        reviewed.append(item)
    return reviewed


def review_form(
    form: Form, config: Config, backend: Backend, mode: Mode, all_rows: bool = False, limit: int = 200
) -> Reviewed:
    return review_forms([form], config, backend, mode, all_rows, limit)[0]


def _status(outcome: Outcome) -> Status:
    """template: a filled template (the offline backend's; nobody wrote it); ok: passed every check; failed."""
    if outcome.template:
        return "template"
    return "ok" if outcome.accepted else "failed"


def _explanation(job: Job, outcome: Outcome, status: Status) -> Explanation:
    row = job.subject.row
    assert row is not None
    answer: BaseModel | None = outcome.answer
    text: str = ""
    if answer is not None:
        text = getattr(answer, "explanation", None) or getattr(answer, "comment", "") or ""
    mode: Literal["draft", "critique"] = "draft" if job.task == "draft" else "critique"
    return Explanation(
        row.name,
        row.level2,
        row.line,
        mode,
        status,
        text,
        outcome.problems,
        answer.model_dump() if answer is not None else {},
        row.label,
    )
