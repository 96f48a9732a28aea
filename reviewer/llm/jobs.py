"""One question for a backend, and what came back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel

from .subject import Subject


@dataclass
class Job:
    task: str
    schema: type[BaseModel]
    messages: list[dict[str, str]]
    subject: Subject
    # Why an answer that validated still cannot be accepted (grounding); empty when it can.
    accept: Callable[[BaseModel], list[str]] = lambda answer: []


@dataclass
class Outcome:
    answer: BaseModel | None
    problems: list[str] = field(default_factory=list)
    attempts: int = 0
    cached: bool = False

    @property
    def accepted(self) -> bool:
        return self.answer is not None and not self.problems


@dataclass
class Usage:
    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
