"""Structured output across endpoints that disagree about how to ask for it.

Modes, tried in this order when ``--structured auto``:
- ``json_schema``: OpenAI's ``response_format={"type": "json_schema", ...}``;
- ``json_object``: ``{"type": "json_object", "schema": …}`` (llama.cpp's server, Anyscale);
- ``tools``: one function whose parameters are the schema, called by force;
- ``text``: the schema in the prompt and the JSON pulled out of the reply.
An endpoint that rejects a mode's request moves the run to the next mode, remembered per
endpoint and model; a reply that does not validate is asked again, which is a different thing.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from pydantic import BaseModel

MODES = ("json_schema", "json_object", "tools", "text")
_FENCED = re.compile(r"```(?:json)?\s*(\{.*?\})\s*```", re.S)


@cache
def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    """The answer model's JSON schema, worked out once (pydantic takes milliseconds per call)."""
    return model.model_json_schema()


def request_for(mode: str, model: type[BaseModel], messages: list[dict[str, str]]) -> dict[str, Any]:
    """Keyword arguments for ``chat.completions.create`` in this mode."""
    schema = schema_of(model)
    if mode == "json_schema":
        return {
            "messages": messages,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": model.__name__, "schema": schema, "strict": False},
            },
        }
    if mode == "json_object":
        return {
            "messages": _with_schema(messages, schema),
            "response_format": {"type": "json_object", "schema": schema},
        }
    if mode == "tools":
        return {
            "messages": messages,
            "tools": [
                {
                    "type": "function",
                    "function": {
                        "name": "answer",
                        "description": model.__doc__ or model.__name__,
                        "parameters": schema,
                    },
                }
            ],
            "tool_choice": {"type": "function", "function": {"name": "answer"}},
        }
    return {"messages": _with_schema(messages, schema)}


def _with_schema(messages: list[dict[str, str]], schema: dict[str, Any]) -> list[dict[str, str]]:
    note = "只输出一个符合以下 JSON Schema 的 JSON 对象，不要输出其他文字：\n" + json.dumps(schema, ensure_ascii=False)
    return [*messages, {"role": "user", "content": note}]


def reply_text(mode: str, message: Any) -> str:
    """The JSON text of a reply: the tool call's arguments in ``tools`` mode, else the content."""
    if mode == "tools" and getattr(message, "tool_calls", None):
        return message.tool_calls[0].function.arguments or ""
    return message.content or ""


def extract_json(text: str) -> str:
    """A fenced block if there is one, else the text from the first ``{`` to the last ``}``."""
    fenced = _FENCED.search(text)
    if fenced:
        return fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if 0 <= start < end else text


def rejects_mode(status: int | None, message: str) -> bool:
    """An error that says the endpoint does not take this way of asking for JSON."""
    lowered = message.lower()
    if status == 500 and (
        "response_format" in lowered or "json" in lowered or "schema" in lowered or "grammar" in lowered
    ):
        return True
    return status in (400, 422, 500, 501) and any(
        word in lowered for word in ("response_format", "json_schema", "json_object", "tool", "function", "grammar")
    )
