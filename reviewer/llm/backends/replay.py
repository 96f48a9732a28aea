"""Recorded answers, replayed through the same code path as a live run.

A recording maps a request (its messages and the way JSON was asked for) to the reply text
the endpoint gave. ``RecordingClient`` wraps a real client and writes them down;
``ReplayClient`` answers from them and refuses a request it has no recording for, so a
changed prompt shows up as a failure, not as a silent new answer. Both stand in for the SDK's
``AsyncOpenAI`` inside ``OpenAIBackend``: validation, re-asks and grounding run as they would
against an endpoint.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from reviewer.errors import InputError
from reviewer.llm.cache import cache_key


def request_key(kwargs: dict[str, Any]) -> str:
    return cache_key(
        {
            "messages": kwargs.get("messages"),
            "response_format": kwargs.get("response_format"),
            "tools": kwargs.get("tools"),
        }
    )


class Recording:
    """The replies in ``path``; none yet when there is no such file (a run that records starts it)."""

    def __init__(self, path: Path):
        self.path = path
        self.replies: dict[str, str] = _replies(path) if path.exists() else {}

    def save(self) -> None:
        self.path.write_text(
            json.dumps(self.replies, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )


def _replies(path: Path) -> dict[str, str]:
    try:
        replies = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(str(path), f"cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), "not a recording: not UTF-8") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError(str(path), f"not a recording: invalid JSON: {error.msg} ({where})") from None
    if not isinstance(replies, dict) or not all(isinstance(reply, str) for reply in replies.values()):
        raise InputError(str(path), "not a recording: not a JSON object of reply texts")
    return replies


def completion(text: str, tools: bool) -> Any:
    message = SimpleNamespace(content=None if tools else text, tool_calls=None)
    if tools:
        message.tool_calls = [SimpleNamespace(function=SimpleNamespace(name="answer", arguments=text))]
    return SimpleNamespace(
        choices=[SimpleNamespace(message=message, finish_reason="stop")],
        usage=SimpleNamespace(prompt_tokens=0, completion_tokens=0),
    )


class _Completions:
    def __init__(self, respond):
        self.create = respond


class ReplayClient:
    """Answers from a recording; a request with no recorded reply is an error."""

    def __init__(self, recording: Recording):
        self.recording = recording
        self.chat = SimpleNamespace(completions=_Completions(self._create))

    async def _create(self, **kwargs: Any) -> Any:
        key = request_key(kwargs)
        if key not in self.recording.replies:
            raise LookupError(f"no recorded reply for this request ({key}); re-record it")
        return completion(self.recording.replies[key], bool(kwargs.get("tools")))

    async def close(self) -> None:
        pass


class RecordingClient:
    """A real client whose replies are written to the recording as they arrive."""

    def __init__(self, client: Any, recording: Recording):
        self.client = client
        self.recording = recording
        self.chat = SimpleNamespace(completions=_Completions(self._create))

    async def _create(self, **kwargs: Any) -> Any:
        response = await self.client.chat.completions.create(**kwargs)
        message = response.choices[0].message
        text = message.tool_calls[0].function.arguments if getattr(message, "tool_calls", None) else message.content
        self.recording.replies[request_key(kwargs)] = text or ""
        return response

    async def close(self) -> None:
        await self.client.close()
        self.recording.save()
