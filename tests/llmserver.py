"""A small OpenAI-compatible chat endpoint for tests, on 127.0.0.1, that the real SDK talks to.

It answers drafts, critiques and review comments from the data in the prompt (numbers the form
holds, so the answers are grounded), and can be scripted to misbehave per request: 429 with
Retry-After, 500, a hang past the client's time-out, malformed JSON, JSON that breaks the
schema, an invented number, a refusal of the response_format. It records every request and
the most requests it had in flight at once.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_DATA = re.compile(r"<form_data>\s*(.*?)\s*</form_data>", re.S)


def task_of(request: dict[str, Any]) -> str:
    text = "\n".join(m["content"] for m in request["messages"] if m["role"] == "user")
    if "起草" in text:
        return "draft"
    if "逐项判断" in text:
        return "critique"
    if "审核意见" in text:
        return "review-comment"
    return "consistency"


def good_answer(request: dict[str, Any]) -> dict[str, Any]:
    task = task_of(request)
    match = _DATA.search(request["messages"][1]["content"])
    data = json.loads(match.group(1)) if match else {}
    if task in ("draft", "critique"):
        text = (
            f"“{data.get('三级指标')}”实际完成值{data.get('实际完成值')}，扣{data.get('扣分')}分。"
            "原因需由项目单位补充，后续将制定整改计划。"
        )
        if task == "draft":
            return {
                "explanation": text,
                "cause": "需补充",
                "controllable": None,
                "timing": "unknown",
                "measure": "制定整改计划",
            }
        verdict = {"passed": False, "note": "未说明"}
        return {
            "gap": verdict,
            "cause": verdict,
            "controllable": verdict,
            "timing": verdict,
            "measure": verdict,
            "passed": False,
            "comment": "偏差原因分析不具体。",
            "rewrite": text,
        }
    if task == "review-comment":
        return {"comment": "经审核，请按审核发现逐条修改后重新报送。"}
    return {"contradictions": []}


class FakeEndpoint:
    """Start with ``with FakeEndpoint() as endpoint:``; ``endpoint.url`` is the base URL."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.script: deque[str] = deque()  # behaviours for the next requests, in order
        self.per_prompt: list[str] = []  # behaviours for each prompt's 1st, 2nd… attempt
        self.reject_modes: set[str] = set()  # response_format types answered with an error
        self.per_model: dict[str, str] = {}  # a behaviour for every request naming this model
        self.requests: list[dict[str, Any]] = []
        self.in_flight = 0
        self.most_in_flight = 0
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> FakeEndpoint:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint._handle(self, body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _behaviour(self, body: dict[str, Any]) -> str:
        with self._lock:
            self.requests.append(body)
            if self.script:
                return self.script.popleft()
            if body.get("model") in self.per_model:
                return self.per_model[body["model"]]
            prompt = body["messages"][1]["content"]
            attempt = self._seen.get(prompt, 0)
            self._seen[prompt] = attempt + 1
            return self.per_prompt[attempt] if attempt < len(self.per_prompt) else "ok"

    def _handle(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            kind = (body.get("response_format") or {}).get("type")
            behaviour = "reject" if kind in self.reject_modes else self._behaviour(body)
            time.sleep(self.delay)
            self._respond(handler, body, behaviour)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _respond(self, handler: BaseHTTPRequestHandler, body: dict[str, Any], behaviour: str) -> None:
        if behaviour == "429":
            return _send(handler, 429, {"error": {"message": "rate limited"}}, {"Retry-After": "0.05"})
        if behaviour == "500":
            return _send(handler, 500, {"error": {"message": "upstream failure"}})
        if behaviour == "reject":
            return _send(handler, 400, {"error": {"message": "response_format json_schema is not supported"}})
        if behaviour == "hang":
            time.sleep(3)
        answer = good_answer(body)
        content = json.dumps(answer, ensure_ascii=False)
        if behaviour == "broken":
            content = content[: len(content) // 2]
        elif behaviour == "schema":
            content = json.dumps({"text": "缺少必填字段"}, ensure_ascii=False)
        elif behaviour == "invented":
            for key in ("explanation", "rewrite", "comment"):
                if key in answer:
                    answer[key] += "另外节约资金987.65万元。"
            content = json.dumps(answer, ensure_ascii=False)
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if body.get("tools"):
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "answer", "arguments": content}}
                ],
            }
        _send(
            handler,
            200,
            {
                "id": "chatcmpl-test",
                "object": "chat.completion",
                "created": 0,
                "model": body.get("model", "test"),
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": {
                    "prompt_tokens": len(json.dumps(body)) // 4,
                    "completion_tokens": 50,
                    "total_tokens": len(json.dumps(body)) // 4 + 50,
                },
            },
        )


def _send(
    handler: BaseHTTPRequestHandler, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None
) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    try:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up (a time-out test)
