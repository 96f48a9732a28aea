"""One question for a backend, what came back, and what a batch of them cost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import BaseModel

from reviewer.llm.subject import Subject

# How an outcome that failed in transport begins its problem: no answer came back at all.
ENDPOINT_ERROR = "endpoint error"


def unreached(problems: list[list[str]]) -> str | None:
    """The endpoint's error when not one question got an answer from it (nothing listens there,
    a wrong URL or model): reported item by item, it would read as a verdict on the model."""
    errors = [found[0] for found in problems if found and found[0].startswith(ENDPOINT_ERROR)]
    return errors[0] if problems and len(errors) == len(problems) else None


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
    # A filled template (the offline backend's), for a person to complete, not a checked answer.
    template: bool = False

    @property
    def accepted(self) -> bool:
        return self.answer is not None and not self.problems


@dataclass
class Usage:
    requests: int = 0
    cached: int = 0
    retries: int = 0  # transport retries (429, 5xx, time-outs, lost connections)
    timeouts: int = 0  # requests given up on by the client
    most_in_flight: int = 0  # the highest concurrency reached
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def cost(self, prompt_price: Decimal, completion_price: Decimal) -> Decimal:
        """At these prices per million tokens."""
        return (prompt_price * self.prompt_tokens + completion_price * self.completion_tokens) / 1_000_000

    def describe(self, prices: tuple[Decimal, Decimal] | None = None, lang: str = "en") -> str:
        """The usage line printed at the end of a run, in ``lang``."""
        cost = None if prices is None else self.cost(*prices).quantize(Decimal("0.0001"))
        if lang != "en":
            return (
                f"请求{self.requests}次（其中缓存答复{self.cached}次），重试{self.retries}次，超时{self.timeouts}次，"
                f"同时最多{self.most_in_flight}个，提示词{self.prompt_tokens}个token、生成{self.completion_tokens}个token"
                + ("" if cost is None else f"，费用{cost}")
            )
        return (
            f"{self.requests} requests ({self.cached} answers from the cache), "
            f"{_count(self.retries, 'retry', 'retries')}, {_count(self.timeouts, 'time-out', 'time-outs')}, "
            f"at most {self.most_in_flight} in flight, "
            f"{self.prompt_tokens} prompt and {self.completion_tokens} completion tokens"
            + ("" if cost is None else f", cost {cost}")
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
