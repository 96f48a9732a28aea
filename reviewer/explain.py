"""Draft, critique and review: the LLM half of `reviewer`, run over checked forms.

For every form: the rows that lost points are drafted (no explanation, or a placeholder; every
deducted row with ``all_rows``) or critiqued (they have one); `review` does both and writes the
form's 审核意见. Each answer is validated by its schema, then checked for grounding (numbers,
length, the indicator named); an answer that fails is reported failed with its problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import BaseModel

from .checker import FormResult, check_form, select_rules
from .config import Config
from .llm import grounding
from .llm.prompts import render
from .llm.schemas import TASKS, Critique, Draft, ReviewComment
from .llm.subject import Subject
from .model import Form
from .rules.explanations import explained

Mode = Literal["draft", "critique", "review"]


class Backend(Protocol):
    name: str

    def answer(self, task: str, messages: list[dict[str, str]], schema: type[BaseModel],
               subject: Subject) -> BaseModel: ...


@dataclass
class Explanation:
    indicator: str
    level2: str | None
    line: int | None
    mode: Literal["draft", "critique"]
    status: Literal["ok", "template", "failed"]
    text: str
    problems: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"indicator": self.indicator, "level2": self.level2, "line": self.line, "mode": self.mode,
                "status": self.status, "text": self.text, "problems": self.problems, "detail": self.detail}


@dataclass
class Reviewed:
    result: FormResult
    explanations: list[Explanation]
    comment: str | None = None


def review_form(form: Form, config: Config, backend: Backend, mode: Mode, all_rows: bool = False,
                limit: int = 200) -> Reviewed:
    findings = check_form(form, config, select_rules(config.select, config.ignore))
    explanations: list[Explanation] = []
    for row in form.indicators:
        if row.weight is None or row.score is None or row.score >= row.weight:
            continue
        row_findings = [f for f in findings if f.line == row.line and f.indicator == row.name]
        subject = Subject(form, row, row_findings)
        if explained(row) and mode in ("critique", "review"):
            explanations.append(_critique(subject, backend, limit))
        if (not explained(row) or all_rows) and mode in ("draft", "review"):
            explanations.append(_draft(subject, backend, limit))
    comment = None
    if mode == "review":
        subject = Subject(form, None, findings)
        answer = _ask(backend, "review-comment", subject, data=subject.form_data())
        comment = answer.comment if isinstance(answer, ReviewComment) else None
    return Reviewed(FormResult.of(form, findings), explanations, comment)


def _ask(backend: Backend, task: str, subject: Subject, **context: Any) -> BaseModel:
    schema = TASKS[task]
    messages = render(task, form=subject.form, findings=[f.message["zh"] for f in subject.findings], **context)
    return schema.model_validate(backend.answer(task, messages, schema, subject).model_dump())


def _status(backend: Backend, problems: list[str]) -> Literal["ok", "template", "failed"]:
    if backend.name == "offline":
        return "template"
    return "failed" if problems else "ok"


def _draft(subject: Subject, backend: Backend, limit: int) -> Explanation:
    row = subject.row
    assert row is not None
    answer = _ask(backend, "draft", subject, data=subject.row_data(), limit=limit)
    assert isinstance(answer, Draft)
    problems = grounding.problems(answer.explanation, subject.form, row, limit)
    return Explanation(row.name, row.level2, row.line, "draft", _status(backend, problems), answer.explanation,
                       problems, answer.model_dump())


def _critique(subject: Subject, backend: Backend, limit: int) -> Explanation:
    row = subject.row
    assert row is not None
    answer = _ask(backend, "critique", subject, data=subject.row_data(), limit=limit)
    assert isinstance(answer, Critique)
    problems = [f"建议改写：{p}" for p in grounding.problems(answer.rewrite, subject.form, row, limit)]
    return Explanation(row.name, row.level2, row.line, "critique", _status(backend, problems), answer.comment,
                       problems, answer.model_dump())


def review_paths(paths: list[str], config: Config, backend: Backend, mode: Mode, all_rows: bool = False,
                 limit: int = 200, reader: str | None = None):
    """Every form in ``paths`` reviewed; with the files that could not be read."""
    from .batch import read_batch

    batch = read_batch(paths, reader)
    return [review_form(form, config, backend, mode, all_rows, limit) for form in batch.forms], batch
