"""The backend that asks an OpenAI-compatible endpoint: the hosted API, vLLM, Ollama,
llama.cpp's server, domestic model gateways.

Two retry layers with separate policies: transport failures (429, 5xx, time-outs, lost
connections) are retried by tenacity with exponential back-off and jitter, honouring
Retry-After, while the SDK's own retries are off so the two do not multiply; an answer that
does not validate, or fails the grounding checks, is asked again at once with the reasons,
a bounded number of times, then reported failed. Requests run concurrently, as many at once
as the server copes with (``concurrency.py``: AIMD from ``--concurrency`` or the server's own
slot count, a read time-out that grows with the queue and with the server's answer time),
optionally under a requests-per-minute limit.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import json
import os
import ssl
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from reviewer.errors import InputError
from reviewer.llm.backends.concurrency import (
    AdaptiveLimit,
    AnswerTime,
    Ticket,
    connect_timeout,
    read_timeout,
    rounds,
    server_slots,
)
from reviewer.llm.backends.replay import Recording, RecordingClient, ReplayClient
from reviewer.llm.cache import Cache, cache_key
from reviewer.llm.jobs import ENDPOINT_ERROR, Job, Outcome, Usage
from reviewer.llm.json_modes import MODES, extract_json, rejects_mode, reply_text, request_for, schema_of
from reviewer.progress import Progress


@dataclass
class Settings:
    model: str = "gpt-4o-mini"
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never printed
    structured: str = "auto"
    concurrency: int = 8  # at most; fewer where the server says it serves fewer, or is overwhelmed
    rpm: int | None = None
    timeout: float = 120.0  # seconds one answer may take, for each round of requests queued ahead
    retries: int = 4  # transport retries per request
    reasks: int = 2  # validation and grounding re-asks per item
    temperature: float | None = 0.2
    max_tokens: int | None = 1024

    @classmethod
    def from_environment(cls, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "model": os.environ.get("REVIEWER_MODEL") or cls.model,
            "base_url": os.environ.get("OPENAI_BASE_URL"),
            "api_key": os.environ.get("OPENAI_API_KEY"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def endpoint(self) -> str:
        return self.base_url or "https://api.openai.com/v1"


class _ModeRejected(Exception):
    pass


class _RateLimiter:
    def __init__(self, rpm: int):
        self.interval = 60.0 / rpm
        self.next = 0.0
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self.lock:
            now = time.monotonic()
            delay = max(0.0, self.next - now)
            self.next = max(now, self.next) + self.interval
        if delay:
            await asyncio.sleep(delay)


def retry_after(error: BaseException) -> float | None:
    """Seconds the server asked us to wait, from retry-after-ms or retry-after."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value:
            try:
                return max(0.0, float(value) * scale)
            except ValueError:
                continue
    return None


def transient(error: BaseException) -> bool:
    import openai

    if isinstance(error, (openai.APITimeoutError, openai.APIConnectionError, openai.RateLimitError)):
        return True
    return isinstance(error, openai.APIStatusError) and error.status_code >= 500


def congestion(error: BaseException) -> bool:
    """The server is overwhelmed (time-out, 429, 503), as opposed to broken: send fewer at once."""
    import openai

    if isinstance(error, (openai.APITimeoutError, openai.RateLimitError)):
        return True
    return isinstance(error, openai.APIStatusError) and error.status_code == 503


@functools.cache
def tls_context() -> ssl.SSLContext | None:
    """The TLS context the SDK's HTTP library makes by default (its trusted certificates,
    $SSL_CERT_FILE), made once a process: making it reads every trusted certificate, 40 ms that
    each client of each run (each draft the web app asks for) spent again. None from a library
    too old to make it in public (httpx before 0.28): the SDK then makes its own."""
    from openai import DefaultAsyncHttpxClient

    client_class = next(c for c in DefaultAsyncHttpxClient.__mro__ if not c.__module__.startswith("openai"))
    library = importlib.import_module(client_class.__module__.partition(".")[0])  # httpx, or httpx2
    make = getattr(library, "create_ssl_context", None)
    return make() if make else None


class OpenAIBackend:
    """Asks the endpoint of ``settings`` (default: from the environment). Accepted answers are
    cached (``cache_enabled``); with ``recording``, every reply is also written to that file."""

    name = "openai"

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        cache_enabled: bool = True,
        cache: Cache | None = None,
        recording: Path | None = None,
        progress: Progress | None = None,
        client_factory: Callable[[], Any] | None = None,
    ):
        self.settings = settings or Settings.from_environment()
        self.cache = cache or Cache(enabled=cache_enabled)
        self.progress = progress
        self.recording = Recording(recording) if recording is not None else None
        # A stand-in for the SDK's client (replay, golden cases); None for the real one.
        self.client_factory = client_factory
        # How a transport retry waits: tests put in one that records instead of sleeping.
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self.usage = Usage()
        self.slots: int | None = None  # how many requests the server says it serves at once
        # An endpoint that never answered (refused, no such host) once one request has spent its
        # retries on it: the requests waiting are not sent, nor retried, to fail the same way.
        self._reached = False
        self._unreachable: Exception | None = None
        mode = (
            self.settings.structured
            if self.settings.structured != "auto"
            else self.cache.mode(self.settings.endpoint, self.settings.model)
        )
        self.mode = mode or MODES[0]

    def run(self, jobs: list[Job]) -> list[Outcome]:
        if self.progress:
            self.progress.start(len(jobs))
        return asyncio.run(self._run_all(jobs))

    async def _run_all(self, jobs: list[Job]) -> list[Outcome]:
        client = self._client()
        # Only a real endpoint is asked how many it serves (a stand-in client has no server).
        probe = self.client_factory is None and self.settings.base_url
        self.slots = await server_slots(self.settings.endpoint, self.settings.api_key) if probe else None
        self._limit = AdaptiveLimit(min(self.settings.concurrency, self.slots or self.settings.concurrency))
        self._answer_time = AnswerTime(self.settings.timeout)
        self._limiter = _RateLimiter(self.settings.rpm) if self.settings.rpm else None
        try:
            return await asyncio.gather(*(self._answer(client, job) for job in jobs))
        finally:
            self.usage.most_in_flight = max(self.usage.most_in_flight, self._limit.highest)
            await client.close()

    def _client(self) -> Any:
        if self.client_factory:
            return self.client_factory()
        if self.recording is not None:
            return RecordingClient(self.sdk_client(), self.recording)
        return self.sdk_client()

    def sdk_client(self) -> Any:
        from openai import AsyncOpenAI, DefaultAsyncHttpxClient

        context = tls_context()
        return AsyncOpenAI(
            base_url=self.settings.base_url,
            api_key=self.settings.api_key or "none",
            max_retries=0,
            timeout=self.settings.timeout,
            http_client=DefaultAsyncHttpxClient(verify=context) if context else None,
        )

    def _key(self, job: Job) -> str:
        s = self.settings
        return cache_key(
            {
                "endpoint": s.endpoint,
                "model": s.model,
                "messages": job.messages,
                "schema": schema_of(job.schema),
                "mode": self.mode,
                "task": job.task,
                "temperature": s.temperature,
                "max_tokens": s.max_tokens,
            }
        )

    async def _answer(self, client: Any, job: Job) -> Outcome:
        try:
            return await self._answer_unsafe(client, job)
        finally:
            if self.progress:
                self.progress.advance()

    async def _answer_unsafe(self, client: Any, job: Job) -> Outcome:
        cached = self.cache.get(self._key(job))
        if cached is not None:
            remembered = job.schema.model_validate_json(cached)
            if not job.accept(remembered):  # an answer the checks of this version reject is asked again
                self.usage.cached += 1
                return Outcome(remembered, [], cached=True)
        messages = list(job.messages)
        problems: list[str] = []
        answer: BaseModel | None = None
        attempts = 0
        while attempts <= self.settings.reasks:
            mode = self.mode
            try:
                text, truncated = await self._ask(client, mode, job.schema, messages)
            except _ModeRejected:
                if not self._next_mode(mode):
                    return Outcome(None, ["the endpoint took no way of asking for JSON"], attempts)
                continue
            except Exception as error:
                return Outcome(None, [f"{ENDPOINT_ERROR}: {type(error).__name__}: {_safe(error)}"], attempts)
            attempts += 1
            answer, problems = self._judge(job, text, mode, truncated)
            if not problems:
                self.cache.put(self._key(job), job.task, self.settings.model, answer.model_dump_json())
                return Outcome(answer, [], attempts)
            messages = [
                *messages,
                {"role": "assistant", "content": text},
                {
                    "role": "user",
                    "content": "上一个回答未通过检查："
                    + "；".join(problems)
                    + "。请修正后重新回答，只输出符合要求的 JSON。",
                },
            ]
        return Outcome(answer, problems, attempts)

    def _judge(self, job: Job, text: str, mode: str, truncated: bool) -> tuple[Any, list[str]]:
        if truncated:
            return None, ["回答被截断（达到长度上限），JSON 不完整"]
        try:
            answer = job.schema.model_validate_json(extract_json(text) if mode == "text" else text)
        except ValidationError as error:
            details = "；".join(f"{'.'.join(map(str, e['loc'])) or '整体'}: {e['msg']}" for e in error.errors()[:5])
            return None, [f"JSON 不符合要求（{details}）"]
        return answer, job.accept(answer)

    def _next_mode(self, mode: str) -> bool:
        if self.settings.structured != "auto" or mode == MODES[-1]:
            return False
        if self.mode == mode:  # another request may have moved on already
            self.mode = MODES[MODES.index(mode) + 1]
            self.cache.remember_mode(self.settings.endpoint, self.settings.model, self.mode)
        return True

    async def _ask(
        self, client: Any, mode: str, schema: type[BaseModel], messages: list[dict[str, str]]
    ) -> tuple[str, bool]:
        import openai

        s = self.settings
        request = request_for(mode, schema, messages)
        params = {k: v for k, v in (("temperature", s.temperature), ("max_tokens", s.max_tokens)) if v is not None}
        try:
            response = await self._send(client, mode, request, params)
        except openai.APIConnectionError as error:
            if not self._reached and not isinstance(error, openai.APITimeoutError):
                self._unreachable = self._unreachable or error
            raise
        usage = getattr(response, "usage", None)
        if usage:
            self.usage.prompt_tokens += usage.prompt_tokens or 0
            self.usage.completion_tokens += usage.completion_tokens or 0
        choice = response.choices[0]
        return reply_text(mode, choice.message), choice.finish_reason == "length"

    async def _send(self, client: Any, mode: str, request: dict[str, Any], params: dict[str, Any]) -> Any:
        import openai
        from tenacity import AsyncRetrying, stop_after_attempt

        s = self.settings
        async for attempt in AsyncRetrying(
            retry=self._worth_retrying,
            wait=_wait,
            sleep=self.sleep,
            stop=stop_after_attempt(s.retries + 1),
            reraise=True,
        ):
            with attempt:
                if self._unreachable is not None:
                    raise self._unreachable
                if attempt.retry_state.attempt_number > 1:
                    self.usage.retries += 1
                async with self._limit.slot() as ticket:
                    if self._limiter:
                        await self._limiter.wait()
                    self.usage.requests += 1
                    sent = time.monotonic()
                    try:
                        response = await client.chat.completions.create(
                            model=s.model, **request, **params, timeout=self._timeout(ticket)
                        )
                    except openai.APIStatusError as error:
                        self._reached = True
                        if mode != "text" and rejects_mode(error.status_code, _safe(error)):
                            raise _ModeRejected from None
                        self._failed(error, ticket)
                        raise
                    except Exception as error:
                        self._failed(error, ticket)
                        raise
                    self._reached = True
                    self._limit.succeeded()
                    self._answer_time.answered(time.monotonic() - sent, rounds(ticket, self.slots))
                    return response
        raise AssertionError("tenacity gives an answer or raises")  # pragma: no cover

    def _worth_retrying(self, state: Any) -> bool:
        """Whether a failed request is sent again: a transient failure is, but an endpoint never
        reached (refused, no such host: a wrong address, a server not started) is tried once
        more only, and not at all once another request has found it so."""
        import openai

        error = state.outcome.exception() if state.outcome else None
        if error is None or not transient(error) or self._unreachable is not None:
            return False
        unanswered = isinstance(error, openai.APIConnectionError) and not isinstance(error, openai.APITimeoutError)
        return self._reached or not unanswered or state.attempt_number < 2

    def _timeout(self, ticket: Ticket) -> Any:
        import openai

        timeout = self.settings.timeout
        read = read_timeout(self._answer_time.allowed, ticket, self.slots)
        return openai.Timeout(read, connect=connect_timeout(timeout), write=timeout, pool=read)

    def _failed(self, error: BaseException, ticket: Ticket) -> None:
        import openai

        if isinstance(error, openai.APITimeoutError):
            self.usage.timeouts += 1
            self._answer_time.timed_out()
        if congestion(error):
            self._limit.congested(ticket)


def _wait(retry_state: Any) -> float:
    error = retry_state.outcome.exception() if retry_state.outcome else None
    after = retry_after(error) if error else None
    if after is not None:
        return min(after, 120.0)
    import random

    return min(0.5 * 2 ** (retry_state.attempt_number - 1), 8.0) * (1 - 0.25 * random.random())


def _safe(error: BaseException) -> str:
    """An error's message without anything that looks like a key."""
    text = str(error)
    key = os.environ.get("OPENAI_API_KEY")
    if key:
        text = text.replace(key, "***")
    return json.dumps(text, ensure_ascii=False)[1:-1][:300]


class ReplayBackend(OpenAIBackend):
    """Answers from a recording through the same validation, re-ask and grounding path as a live
    run, and refuses any request it has no reply for: a changed prompt fails instead of drifting."""

    name = "replay"

    def __init__(self, recording: Path, settings: Settings | None = None, *, progress: Progress | None = None):
        if not recording.is_file():  # nothing to replay: every request would be refused
            raise InputError(str(recording), "no such recording")
        super().__init__(settings, cache_enabled=False, progress=progress)
        replies = Recording(recording)
        self.client_factory = lambda: ReplayClient(replies)
