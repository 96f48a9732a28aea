"""A small OpenAI-compatible chat endpoint for tests, on 127.0.0.1, that the real SDK talks to.

It answers drafts, critiques, review comments and consistency checks from the data in the
prompt (numbers the form holds, so the answers are grounded), and can be scripted to misbehave
per request. Transport: 429 with Retry-After, 500, 503, a hang past the client's time-out, a
refusal of the response_format. Content: malformed JSON, JSON that breaks the schema, an
invented number in every text, the issue's ungrounded comment, the schema's descriptions echoed
back, comments that say nothing, a contradiction that misquotes the form. As a server: one (or
``slots``) answered at a time and the rest queued, as llama.cpp's server does, optionally
saying so at ``GET /props``; or ``capacity`` requests at once and 429 for the rest.

It records every request, how many fences each user message had, and the most requests it had
in flight at once.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pydantic import BaseModel

from reviewer.llm.schemas import TASKS

_DATA = re.compile(r"<form_data>\s*(.*?)\s*</form_data>", re.S)
INVENTED = "另外节约资金987.65万元。"
UNGROUNDED = "扣7.77分，应赔偿9999万元。"  # what came back accepted as a critique's comment


def task_of(request: dict[str, Any]) -> str:
    text = "\n".join(m["content"] for m in request["messages"] if m["role"] == "user")
    if "起草" in text:
        return "draft"
    if "逐项判断" in text:
        return "critique"
    if "审核意见" in text:
        return "review-comment"
    return "consistency"


def form_data(request: dict[str, Any]) -> dict[str, Any]:
    match = _DATA.search(request["messages"][1]["content"])
    return json.loads(match.group(1)) if match else {}


def good_answer(request: dict[str, Any]) -> dict[str, Any]:
    task = task_of(request)
    data = form_data(request)
    if task in ("draft", "critique"):
        name = data["三级指标"] if data.get("三级指标") not in (None, "", "无") else data.get("二级指标")
        text = (
            f"“{name}”实际完成值{data.get('实际完成值')}，扣{data.get('扣分')}分。"
            "原因需由项目单位补充，后续将制定整改计划。"
        )
        if task == "draft":
            return {
                "explanation": text,
                "cause": "需补充实际原因",
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
            "comment": f"“{name}”扣{data.get('扣分')}分，偏差原因分析未说明具体原因，请补充原因和整改措施。",
            "rewrite": text,
        }
    if task == "review-comment":
        findings = data.get("审核发现") or []
        if not findings:
            return {"comment": f"经审核，《{data.get('项目名称')}》未发现需修改的问题，同意报送。"}
        return {"comment": "经审核，请修改以下问题后重新报送：\n" + "\n".join(f"- {f}" for f in findings[:3])}
    return {"contradictions": []}


def contradiction(request: dict[str, Any], misquote: bool) -> dict[str, Any]:
    """A contradiction between the narrative and the first row; ``misquote``: of a row the form
    lacks, quoting words the narrative does not hold."""
    data = form_data(request)
    row = data["指标"][0]["三级指标"]
    narrative = (data["年度总体目标"]["实际完成情况"] or "")[:12]
    if misquote:
        row, narrative = "系统下线率", "系统已于9月全部下线"
    found = {"indicator": row, "narrative": narrative, "explanation": f"文字所述与“{row}”的实际完成值不一致。"}
    return {"contradictions": [found]}


def echoed(task: str) -> dict[str, Any]:
    """Every text field answered with its own description (SmolLM2 did this), the rest valid."""

    def fill(schema: Any) -> dict[str, Any]:
        answer: dict[str, Any] = {}
        for name, info in schema.model_fields.items():
            nested = info.annotation
            if isinstance(nested, type) and issubclass(nested, BaseModel):
                answer[name] = fill(nested)
            elif info.annotation is str:
                answer[name] = info.description or schema.__doc__
            elif name == "timing":
                answer[name] = "unknown"
            elif name == "contradictions":
                answer[name] = []
            else:
                answer[name] = False
        return answer

    return fill(TASKS[task])


def hollow(task: str, answer: dict[str, Any]) -> dict[str, Any]:
    """Texts that say nothing: a one-phrase comment naming nothing, an explanation of 无."""
    for key, text in (("comment", "请修改。"), ("explanation", "无。"), ("rewrite", "无。")):
        if key in answer:
            answer[key] = text
    return answer


def with_text(answer: Any, addition: str) -> Any:
    """``addition`` appended to every text of the answer, nested ones too."""
    if isinstance(answer, dict):
        return {
            k: v + addition if isinstance(v, str) and k != "timing" else with_text(v, addition)
            for k, v in answer.items()
        }
    if isinstance(answer, list):
        return [with_text(item, addition) for item in answer]
    return answer


class _Server(ThreadingHTTPServer):
    # socketserver's listen backlog is 5: the sixth of eight requests sent at once had its
    # connection attempt dropped, and the kernel tried again a second later, past a test's 1 s
    # connect time-out. Real servers (llama.cpp, uvicorn) listen with a backlog in the hundreds.
    request_queue_size = 128


class FakeEndpoint:
    """Start with ``with FakeEndpoint() as endpoint:``; ``endpoint.url`` is the base URL.

    ``slots``: answer that many at a time and queue the rest (a one-slot local server);
    ``advertise``: say so at ``GET /props`` as llama.cpp does; ``capacity``: answer that many
    at once and 429 the rest (a server that sheds load)."""

    def __init__(
        self, delay: float = 0.0, slots: int | None = None, advertise: bool = False, capacity: int | None = None
    ):
        self.delay = delay
        self.slots = slots
        self.advertise = advertise
        self.capacity = capacity
        self.script: deque[str] = deque()  # behaviours for the next requests, in order
        self.per_prompt: list[str] = []  # behaviours for each prompt's 1st, 2nd… attempt
        self.per_task: dict[str, list[str]] = {}  # the same, for one task only
        self.reject_modes: set[str] = set()  # response_format types answered with an error
        self.per_model: dict[str, str] = {}  # a behaviour for every request naming this model
        self.requests: list[dict[str, Any]] = []
        self.fences: list[int] = []  # <form_data> fences in each user message received
        self.shed = 0  # requests refused for want of capacity
        self.in_flight = 0
        self.most_in_flight = 0
        self.most_served = 0  # answered at once (in flight less queued)
        self._served = 0
        self._queue = threading.Semaphore(slots) if slots else None
        self._seen: dict[str, int] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> FakeEndpoint:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if endpoint.advertise and self.path == "/props":
                    return _send(self, 200, {"total_slots": endpoint.slots})
                _send(self, 404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                endpoint._handle(self, body)

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        # shutdown() waits for the serving loop to look up, every poll_interval (0.5 s by
        # default): half a second of each test that starts an endpoint, doing nothing.
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _behaviour(self, body: dict[str, Any]) -> str:
        with self._lock:
            self.requests.append(body)
            self.fences += [m["content"].count("<form_data>") for m in body["messages"] if m["role"] == "user"]
            if self.script:
                return self.script.popleft()
            if body.get("model") in self.per_model:
                return self.per_model[body["model"]]
            prompt = body["messages"][1]["content"]
            attempt = self._seen.get(prompt, 0)
            self._seen[prompt] = attempt + 1
            behaviours = self.per_task.get(task_of(body), self.per_prompt)
            return behaviours[attempt] if attempt < len(behaviours) else "ok"

    def _handle(self, handler: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            overloaded = self.capacity is not None and self.in_flight > self.capacity
            self.shed += overloaded
        try:
            if overloaded:
                return _send(handler, 429, {"error": {"message": "server busy"}}, {"Retry-After": "0"})
            if self._queue:
                self._queue.acquire()  # wait in the server's queue for a free slot
            try:
                with self._lock:
                    self._served += 1
                    self.most_served = max(self.most_served, self._served)
                kind = (body.get("response_format") or {}).get("type")
                behaviour = "reject" if kind in self.reject_modes else self._behaviour(body)
                time.sleep(self.delay)
                self._respond(handler, body, behaviour)
            finally:
                with self._lock:
                    self._served -= 1
                if self._queue:
                    self._queue.release()
        finally:
            with self._lock:
                self.in_flight -= 1

    def _respond(self, handler: BaseHTTPRequestHandler, body: dict[str, Any], behaviour: str) -> None:
        if behaviour in ("429", "503"):
            return _send(handler, int(behaviour), {"error": {"message": "rate limited"}}, {"Retry-After": "0.05"})
        if behaviour == "500":
            return _send(handler, 500, {"error": {"message": "upstream failure"}})
        if behaviour == "reject":
            return _send(handler, 400, {"error": {"message": "response_format json_schema is not supported"}})
        if behaviour == "drop":  # the connection closed with no answer, as a restarting server does
            handler.close_connection = True
            return None
        if behaviour == "hang":
            time.sleep(3)
        task = task_of(body)
        answer = good_answer(body)
        if behaviour == "invented":
            answer = with_text(answer, INVENTED)
        elif behaviour == "ungrounded" and "comment" in answer:
            answer["comment"] = UNGROUNDED
        elif behaviour == "echo":
            answer = echoed(task)
        elif behaviour == "hollow":
            answer = hollow(task, answer)
        elif behaviour in ("contradiction", "misquote") and task == "consistency":
            answer = contradiction(body, misquote=behaviour == "misquote")
        content = json.dumps(answer, ensure_ascii=False)
        if behaviour == "broken":
            content = content[: len(content) // 2]
        elif behaviour == "schema":
            content = json.dumps({"text": "缺少必填字段"}, ensure_ascii=False)
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
