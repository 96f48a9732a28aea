"""How many requests an endpoint is sent at once, and how long each may wait for its answer.

Local servers (llama.cpp, Ollama, a single vLLM replica) answer a few requests at a time and
queue the rest; the hosted APIs answer many but say 429 when pushed. So the number in flight
adapts (AIMD): it starts at ``--concurrency``, or at what the server says it serves at once
(llama.cpp's ``GET /props`` ``total_slots``, or its ``/slots``) when that is fewer; it halves
on a time-out, a 429 or a 503, at most once for each round of requests sent before the last
cut; it grows back by one for each round of successes (as many as are let in flight), up to
where it started; and it never falls below one.

A request that waits in the server's queue is not a dead server: each request gets a connect
time-out (a server that is not there is found out at once) and a read time-out of one answer's
allowance for each round of requests ahead of it, so the k-th in flight on a server that serves
s at once may wait ⌈k ÷ s⌉ allowances (s is 1 when the server does not say). The allowance is
``--timeout`` at first; it grows to twice the longest answer seen, and doubles on a time-out
(a slow server, as a CPU-only one is, answers late rather than never), up to ten times
``--timeout``.
"""

from __future__ import annotations

import asyncio
import json
import math
import urllib.request
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

CONNECT_TIMEOUT = 10.0  # seconds; no more than --timeout
MOST_ALLOWANCE = 10  # times --timeout


@dataclass(frozen=True)
class Ticket:
    """One request's place: the round it was sent in, and how many were in flight with it."""

    round: int
    position: int


class AdaptiveLimit:
    def __init__(self, start: int):
        self.ceiling = self.limit = max(1, start)
        self.in_flight = 0
        self.highest = 0
        self.round = 0  # how many times the limit was cut
        self._successes = 0  # since the limit last changed
        self._free = asyncio.Condition()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[Ticket]:
        async with self._free:
            await self._free.wait_for(lambda: self.in_flight < self.limit)
            self.in_flight += 1
            self.highest = max(self.highest, self.in_flight)
            ticket = Ticket(self.round, self.in_flight)
        try:
            yield ticket
        finally:
            async with self._free:
                self.in_flight -= 1
                self._free.notify_all()

    def succeeded(self) -> None:
        self._successes += 1
        if self._successes >= self.limit:
            self.limit, self._successes = min(self.ceiling, self.limit + 1), 0

    def congested(self, ticket: Ticket) -> None:
        """Halve, unless the limit was already cut after this request was sent: the requests of
        one round that all time out together are one signal, not eight."""
        if ticket.round == self.round:
            self.limit, self._successes = max(1, self.limit // 2), 0
            self.round += 1


class AnswerTime:
    """How long one answer may take, learnt from the server's answers and time-outs."""

    def __init__(self, timeout: float):
        self.allowed = timeout
        self._most = MOST_ALLOWANCE * timeout

    def answered(self, seconds: float, rounds: int) -> None:
        """An answer came after ``seconds``, ``rounds`` of requests having been ahead of it."""
        self.allowed = min(self._most, max(self.allowed, 2 * seconds / rounds))

    def timed_out(self) -> None:
        self.allowed = min(self._most, 2 * self.allowed)


def rounds(ticket: Ticket, slots: int | None) -> int:
    """How many rounds of answers this request may wait for, its own included."""
    return math.ceil(ticket.position / (slots or 1))


def read_timeout(allowed: float, ticket: Ticket, slots: int | None) -> float:
    """One answer's allowance for each round of requests ahead of this one in the server's queue."""
    return allowed * rounds(ticket, slots)


def connect_timeout(timeout: float) -> float:
    return min(timeout, CONNECT_TIMEOUT)


async def server_slots(base_url: str, api_key: str | None) -> int | None:
    """How many requests the server says it serves at once (llama.cpp's server), else None."""
    return await asyncio.to_thread(_server_slots, base_url, api_key)


def _server_slots(base_url: str, api_key: str | None) -> int | None:
    root = base_url.rstrip("/").removesuffix("/v1")
    for path, count in (("/props", _total_slots), ("/slots", _slot_list)):
        found = count(_get_json(root + path, api_key))
        if found:
            return found
    return None


def _total_slots(document: Any) -> int | None:
    value = document.get("total_slots") if isinstance(document, dict) else None
    return value if isinstance(value, int) and value > 0 else None


def _slot_list(document: Any) -> int | None:
    return len(document) if isinstance(document, list) and document else None


def _get_json(url: str, api_key: str | None) -> Any:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {api_key}"} if api_key else {})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return json.loads(response.read())
    except (OSError, ValueError):  # not a llama.cpp server, or it keeps this to itself
        return None
