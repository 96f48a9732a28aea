"""The web app: pages for the agency clerk and the reviewer, and a JSON API beside them.

``create_app(settings)`` builds it; ``reviewer serve`` runs it with uvicorn, and
``uvicorn --factory reviewer.web.app:from_environment`` runs it in several workers (settings
from the environment, see README). Pages:

- ``/``: upload one or many forms, or a .zip of them;
- ``/s/{id}``: the batch (counts, per-rule and per-form tables, exports); the id is the session's
  unguessable name, the only way to it;
- ``/s/{id}/f/{n}``: a form as on paper, each deducted row's draft or critique in an edit box
  (edit, accept, reject, draft again with a model), the 审核意见, every edit saved as made.

The API: ``POST /api/check`` and ``POST /api/review`` (multipart field ``files``) answer the
bytes `reviewer check --format json` and `reviewer review --format json` print for files of
those names; an error is ``{"error": reason}`` with a 4xx status. ``/openapi.json`` describes
it and ``/api`` shows that description as a page.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import PackageLoader
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

import reviewer
from reviewer.config import Config, load_config
from reviewer.reports.annotate import MODE_ZH, STATUS_ZH, annotate
from reviewer.reports.html import environment, form_view, inline_script, page_context, style_sheet
from reviewer.reports.readermessages import error_text
from reviewer.web.guard import Guard, policy, same_token
from reviewer.web.sessions import ACTIONS, Loaded, Sessions
from reviewer.web.store import COMMENT, Store, data_dir
from reviewer.web.uploads import MB, Limits, UploadError, parse_multipart, upload_files

EXPORTS = {
    "html": ("text/html; charset=utf-8", "审核报告.html"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "审核报告.xlsx"),
    "json": ("application/json", "审核结果.json"),
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EDIT_BODY = MB  # an edit is a text of a few hundred characters


@dataclass
class Settings:
    data: Path = field(default_factory=data_dir)
    token: str | None = None  # required on every request when set
    allowed_hosts: tuple[str, ...] = ()  # host names served without a token (behind a proxy that checks who)
    limits: Limits = field(default_factory=Limits)
    config: Config = field(default_factory=Config)
    backend: str = "auto"  # as the command line: a model when OPENAI_API_KEY is set


def from_environment() -> FastAPI:
    """The app as uvicorn's ``--factory`` builds it in each worker: ``REVIEWER_TOKEN``,
    ``REVIEWER_ALLOWED_HOSTS`` (comma-separated), ``REVIEWER_MAX_UPLOAD_MB``,
    ``REVIEWER_MAX_FILES``, ``REVIEWER_DATA_DIR``; reviewer.toml found from the working folder."""
    hosts = tuple(h.strip() for h in os.environ.get("REVIEWER_ALLOWED_HOSTS", "").split(",") if h.strip())
    limits = Limits(
        upload=int(os.environ.get("REVIEWER_MAX_UPLOAD_MB", Limits.upload // MB)) * MB,
        files=int(os.environ.get("REVIEWER_MAX_FILES", Limits.files)),
    )
    return create_app(
        Settings(
            token=os.environ.get("REVIEWER_TOKEN") or None, allowed_hosts=hosts, limits=limits, config=load_config()
        )
    )


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(
        title="reviewer",
        version=reviewer.__version__,
        description="绩效自评表审核：与 `reviewer check/review --format json` 相同的 JSON。",
        docs_url=None,  # FastAPI's pages load their script from a CDN, which the policy (and an offline office) refuses
        redoc_url=None,
    )
    sessions = Sessions(Store(settings.data / "reviewer.sqlite3"), settings.config, settings.backend)
    pages = _Pages(settings)
    app.add_middleware(Guard, token=settings.token, allowed_hosts=settings.allowed_hosts)
    _errors(app, pages)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def upload_page() -> Response:
        return pages.render("upload.html.j2", error=None)

    @app.post("/sessions", include_in_schema=False)
    async def upload(request: Request) -> Response:
        try:
            files = await _uploaded(request, settings.limits)
            session = await run_in_threadpool(sessions.create, files)
        except UploadError as refused:
            if _wants_json(request):
                return _error(refused.status, refused.reason)
            return pages.render("upload.html.j2", status=refused.status, error=refused.reason)
        url = f"/s/{session.id}"
        if _wants_json(request):
            return JSONResponse({"url": url}, status_code=201)
        return RedirectResponse(url, status_code=303)

    @app.get("/s/{id}", response_class=HTMLResponse, include_in_schema=False)
    def batch_page(id: str) -> Response:
        loaded = _loaded(sessions, id)
        reviews = sessions.reviews(loaded)
        views = [form_view(annotate(r.result, r), f"form-{n}", f"/s/{id}/f/{n}") for n, r in enumerate(reviews, 1)]
        return pages.render(
            "batch.html.j2",
            **page_context(loaded.result, [v.annotated for v in views], views, sessions.lang),
            reviewed=True,
            session=loaded.session,
            docx=sessions.docx_files(loaded),
            model=sessions.model,
        )

    @app.get("/s/{id}/status", include_in_schema=False)
    def status(id: str) -> Response:
        session = _loaded(sessions, id).session
        return JSONResponse({"status": session.status, "detail": session.detail})

    @app.post("/s/{id}/draft", include_in_schema=False)
    async def draft_again(id: str, request: Request) -> Response:
        loaded, _ = await _authorised(request, sessions, id)
        if loaded.session.status != "drafting" or loaded.session.stalled:
            await run_in_threadpool(sessions.draft, id)
        return RedirectResponse(f"/s/{id}", status_code=303)

    @app.get("/s/{id}/f/{n}", response_class=HTMLResponse, include_in_schema=False)
    def form_page(id: str, n: int) -> Response:
        loaded = _loaded(sessions, id)
        reviews = sessions.reviews(loaded)
        if not 1 <= n <= len(reviews):
            raise HTTPException(404, "没有这张表")
        annotated = annotate(reviews[n - 1].result, reviews[n - 1])
        view = form_view(annotated, f"form-{n}", f"/s/{id}/f/{n}")
        texts = sessions.store.texts(id)
        labels = {
            item: text.draft.get("indicator", "审核意见") for (form, item), text in texts.items() if form == n - 1
        }
        return pages.render(
            "form-page.html.j2",
            **page_context(loaded.result, [annotated], [view], sessions.lang),
            reviewed=True,
            session=loaded.session,
            view=view,
            number=n,
            count=len(reviews),
            comment=texts.get((n - 1, COMMENT)),
            edits=sessions.store.edits(id, n - 1),
            labels=labels,
            model=sessions.model,
            scripts=("report",),
        )

    @app.post("/s/{id}/f/{n}/t/{item}", include_in_schema=False)
    async def edit(id: str, n: int, item: int, request: Request) -> Response:
        _, fields = await _authorised(request, sessions, id)
        action = fields.get("action", "edit")
        if action not in ACTIONS:
            raise HTTPException(400, f"未知的操作：{action}")
        text = await run_in_threadpool(sessions.edit, id, n - 1, item, action, fields.get("text"))
        return _edited(request, text, f"/s/{id}/f/{n}")

    @app.post("/s/{id}/f/{n}/t/{item}/redraft", include_in_schema=False)
    async def redraft(id: str, n: int, item: int, request: Request) -> Response:
        loaded, _ = await _authorised(request, sessions, id)
        if not sessions.model:
            raise HTTPException(409, "未配置模型：重新起草需要 OPENAI_API_KEY（及 OPENAI_BASE_URL）")
        text = await run_in_threadpool(sessions.redraft, loaded, n - 1, item)
        return _edited(request, text, f"/s/{id}/f/{n}")

    @app.get("/s/{id}/export.{kind}", include_in_schema=False)
    def export(id: str, kind: str) -> Response:
        if kind not in EXPORTS:
            raise HTTPException(404, "没有这种导出格式")
        loaded = _loaded(sessions, id)
        media, name = EXPORTS[kind]
        return _download(sessions.export(loaded, kind), media, name)

    @app.get("/s/{id}/files/{n}/export.docx", include_in_schema=False)
    def export_docx(id: str, n: int) -> Response:
        exported = sessions.docx_export(_loaded(sessions, id), n)
        if exported is None:
            raise HTTPException(404, "这个文件不是可导回的 Word 文档")
        name, document = exported
        return _download(document, DOCX, name)

    @app.post(
        "/api/check",
        summary="Check forms",
        description="The JSON `reviewer check --format json` prints for the uploaded files (multipart field "
        "`files`, one or many; .zip archives are opened). 422 when no file holds a form.",
        openapi_extra=_files_body(),
        responses=_api_responses(),
    )
    async def api_check(request: Request, lang: str | None = None) -> Response:
        from reviewer.reports.findings import render

        batch = await _api_batch(request, settings.limits)
        result = await run_in_threadpool(reviewer.check, batch, settings.config)
        return _json_text(render(result, "json", _lang(lang, settings), False))

    @app.post(
        "/api/review",
        summary="Check forms and draft their explanations",
        description="The JSON `reviewer review --format json` prints for the uploaded files: drafts, critiques "
        "and 审核意见 by the offline templates, or by the model configured in the server's environment.",
        openapi_extra=_files_body(),
        responses=_api_responses(),
    )
    async def api_review(request: Request, lang: str | None = None) -> Response:
        batch = await _api_batch(request, settings.limits)
        result = await run_in_threadpool(
            lambda: reviewer.review(batch, backend=sessions.backend(), config=settings.config)
        )
        return _json_text(json.dumps(result.to_dict(_lang(lang, settings)), ensure_ascii=False))

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> Response:
        return pages.render("api.html.j2", openapi=app.openapi())

    return app


class _Pages:
    """The app's pages, rendered from its templates and the report's pieces, with a policy that
    allows their own scripts by hash."""

    def __init__(self, settings: Settings):
        self.environment = environment(_LOADER)
        self.environment.filters["localtime"] = _local_time
        self.environment.globals.update(
            mode_names=MODE_ZH, status_names=STATUS_ZH, state_names=STATE_NAMES, action_names=ACTION_NAMES
        )
        self.settings = settings
        self.scripts = {
            "app": inline_script("reviewer.web", "pages/app.js"),
            "report": inline_script("reviewer.reports", "page/report.js"),
        }

    def render(self, template: str, status: int = 200, scripts: tuple[str, ...] = (), **context: Any) -> Response:
        chosen = [self.scripts["app"], *(self.scripts[name] for name in scripts)]
        context.setdefault("style", style_sheet("reviewer.reports", "page/report.css"))
        page = self.environment.get_template(template).render(
            **context,
            app_style=style_sheet("reviewer.web", "pages/app.css"),
            scripts=chosen,
            limits=self.settings.limits,
        )
        headers = {"content-security-policy": policy(*(s.hash for s in chosen)), "cache-control": "no-store"}
        return HTMLResponse(page, status_code=status, headers=headers)


_LOADER = PackageLoader("reviewer.web", "pages")
STATE_NAMES = {"pending": "待审", "edited": "已修改", "accepted": "已采纳", "rejected": "已驳回"}
ACTION_NAMES = {"edit": "修改", "accept": "采纳", "reject": "驳回", "redraft": "重新起草"}


def _local_time(iso: str) -> str:
    return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _loaded(sessions: Sessions, id: str) -> Loaded:
    loaded = sessions.load(id)
    if loaded is None:
        raise HTTPException(404, "没有这个审核批次（地址不对，或已删除）")
    return loaded


async def _authorised(request: Request, sessions: Sessions, id: str) -> tuple[Loaded, dict[str, str]]:
    """The session and the fields of a POST that carries its token (against forged cross-site posts)."""
    loaded = await run_in_threadpool(_loaded, sessions, id)
    fields = await _fields(request)
    if not same_token(fields.get("csrf") or request.headers.get("x-csrf-token"), loaded.session.csrf):
        raise HTTPException(403, "页面已过期或来源不明：请刷新页面后再提交")
    return loaded, fields


async def _fields(request: Request) -> dict[str, str]:
    body = await _body(request, EDIT_BODY)
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data"):
        parts = parse_multipart(kind, body, Limits(files=0))
        return {p.name: bytes(p.data).decode("utf-8", "replace") for p in parts if p.filename is None}
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


async def _body(request: Request, limit: int) -> bytes:
    """The request's body, refused (413) past ``limit`` bytes before it is read, or as it is read."""
    too_big = UploadError(413, f"上传内容超过 {limit // MB} MB 上限")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_big
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise too_big
    return bytes(body)


async def _uploaded(request: Request, limits: Limits) -> list[tuple[str, bytes]]:
    body = await _body(request, limits.upload)
    parts = parse_multipart(request.headers.get("content-type", ""), body, limits)
    return await run_in_threadpool(upload_files, parts, limits)


async def _api_batch(request: Request, limits: Limits) -> reviewer.Batch:
    """The uploaded files read; an upload with no form in it is refused."""
    files = await _uploaded(request, limits)
    batch = await run_in_threadpool(reviewer.read_many, files)
    if not batch.forms:
        raise HTTPException(422, "没有读到任何自评表：" + "；".join(error_text(e, "zh") for e in batch.errors))
    return batch


def _lang(lang: str | None, settings: Settings) -> str:
    if lang not in (None, "zh", "en"):
        raise HTTPException(400, "lang 只能是 zh 或 en")
    return lang or settings.config.lang


def _json_text(text: str) -> Response:
    # The command prints the document and a newline; the API answers the same bytes.
    return Response(text + "\n", media_type="application/json")


def _edited(request: Request, text, page: str) -> Response:
    if text is None:
        raise HTTPException(404, "没有这一条")
    if _wants_json(request):
        return JSONResponse(
            {"item": text.item, "text": text.text, "state": text.state, "updated": text.updated, "draft": text.draft}
        )
    anchor = "#comment" if text.item == COMMENT else f"#item-{text.item}"
    return RedirectResponse(page + anchor, status_code=303)


def _download(data: bytes, media: str, name: str) -> Response:
    disposition = f"attachment; filename=\"{_ascii_name(name)}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media, headers={"content-disposition": disposition})


def _ascii_name(name: str) -> str:
    stem, dot, suffix = name.rpartition(".")
    return ("reviewer" if not stem.isascii() else stem.replace('"', "")) + dot + suffix


def _wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def _error(status: int, reason: str) -> JSONResponse:
    return JSONResponse({"error": reason}, status_code=status)


NOT_FOUND = "找不到这个页面"
_ROUTER_REASONS = {404: NOT_FOUND, 405: "这个地址不接受 {method} 请求"}


def _errors(app: FastAPI, pages: _Pages) -> None:
    """Every error as ``{"error": reason}`` for the API and a program, a page for a person."""

    def answer(request: Request, status: int, reason: str, headers: Mapping[str, str] | None = None) -> Response:
        answered: Response
        if request.url.path.startswith("/api/") or _wants_json(request):
            answered = _error(status, reason)
        else:
            answered = pages.render("error.html.j2", status=status, status_code=status, reason=reason)
        answered.headers.update(headers or {})
        return answered

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, failure: HTTPException) -> Response:
        # The router's own errors (no such path, a method the path does not take) carry the English
        # status phrase; 405 keeps the router's Allow header.
        reason = failure.detail if isinstance(failure.detail, str) else json.dumps(failure.detail, ensure_ascii=False)
        if reason == HTTPStatus(failure.status_code).phrase:
            reason = _ROUTER_REASONS.get(failure.status_code, reason).format(method=request.method)
        return answer(request, failure.status_code, reason, failure.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, failure: RequestValidationError) -> Response:
        # A path whose number is no number (/s/ID/f/abc) names no page, as /s/ID/f/99 names none.
        if all(e["loc"][0] == "path" for e in failure.errors()):
            return answer(request, 404, NOT_FOUND)
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in failure.errors())
        return answer(request, 400, f"请求参数不对：{where}")

    @app.exception_handler(UploadError)
    async def refused(request: Request, failure: UploadError) -> Response:
        return answer(request, failure.status, failure.reason)


def _files_body() -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                                "description": "Form files (Word .docx, PDF, Excel .xlsx/.xlsm/.xls, CSV, table "
                                "text, PDF text, JSON, YAML) or .zip archives of them, recognised by content.",
                            }
                        },
                    }
                }
            },
        }
    }


def _api_responses() -> dict[int | str, dict[str, Any]]:
    error = {"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}}
    return {
        200: {"description": "The JSON document the command prints."},
        400: {"description": "No files, a malformed request or a path in a file name.", "content": error},
        403: {"description": "No token (on a server that needs one), or a post from another site.", "content": error},
        413: {"description": "Over the size or file-count limit, or an archive unpacking beyond it.", "content": error},
        422: {"description": "No form could be read, or an archive that is corrupt or a zip bomb.", "content": error},
    }
