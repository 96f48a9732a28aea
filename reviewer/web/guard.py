"""Who may talk to the app, and what every answer carries.

- On a loopback address without a token, only requests naming a loopback host are served: a
  page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) is refused. Behind a
  reverse proxy that checks who comes in, the proxy's host names (``allowed_hosts``) are served.
- With a token (required on any other address, printed at start as Jupyter does), every request
  carries it: ``?token=`` once (it is then kept in a cookie and dropped from the address),
  the cookie, or ``Authorization: Bearer``.
- A POST from another site is refused, by ``Sec-Fetch-Site`` or, without it, by ``Origin``;
  what a POST changes in a review session also needs that session's token (``csrf``).
- Every answer has the Content-Security-Policy of the report (nothing loaded from elsewhere,
  only the page's own script by its hash, styles inline), no referrer to other sites, no framing.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "reviewer-token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def policy(*script_hashes: str) -> str:
    scripts = " ".join(f"'{h}'" for h in script_hashes) or "'none'"
    return (
        f"default-src 'none'; style-src 'unsafe-inline'; script-src {scripts}; img-src data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


def same_token(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


class Guard:
    """The ASGI middleware in front of the app."""

    def __init__(self, app: ASGIApp, token: str | None, allowed_hosts: tuple[str, ...] = ()):
        self.app = app
        self.token = token
        self.allowed_hosts = {host.lower() for host in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _answer(send, scope, 403, refusal)
            return
        if self.token is not None and scope["method"] == "GET" and _query_token(scope) is not None:
            await self._keep_token(scope, send)
            return
        await self.app(scope, receive, _with_headers(send))

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> str | None:
        host = urlsplit("//" + headers.get("host", "")).hostname or ""
        trusted = host in self.allowed_hosts  # a reverse proxy in front says who may come in
        if self.token is None and not trusted and not is_loopback(host):
            return f"本机服务只接受以 127.0.0.1 或 localhost 访问（收到的主机名：{host}）"
        if (
            self.token is not None
            and not trusted
            and not any(
                same_token(given, self.token) for given in (_query_token(scope), _cookie(headers), _bearer(headers))
            )
        ):
            return "需要令牌：请使用启动时打印的带 token 的地址，或在请求头中给出 Authorization: Bearer 令牌"
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and _cross_site(headers):
            return "拒绝来自其他网站的提交"
        return None

    async def _keep_token(self, scope: Scope, send: Send) -> None:
        """The address with the token: set the cookie and send the browser to the address without it."""
        query = urlencode([(k, v) for k, v in parse_qsl(scope["query_string"].decode()) if k != "token"])
        location = scope.get("root_path", "") + scope["path"] + (f"?{query}" if query else "")
        cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [(b"location", location.encode()), (b"set-cookie", cookie.encode()), *_SECURITY],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _cross_site(headers: dict[str, str]) -> bool:
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None:
        return False  # not a browser: a program posting forms, which the token (if any) admits
    return urlsplit(origin).netloc != headers.get("host")


def _query_token(scope: Scope) -> str | None:
    return dict(parse_qsl(scope["query_string"].decode())).get("token")


def _cookie(headers: dict[str, str]) -> str | None:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no token
        return None
    morsel = cookies.get(COOKIE)
    return morsel.value if morsel else None


def _bearer(headers: dict[str, str]) -> str | None:
    kind, _, value = headers.get("authorization", "").partition(" ")
    return value.strip() if kind.lower() == "bearer" else None


_SECURITY = [
    (b"x-content-type-options", b"nosniff"),
    # Not no-referrer: with it a browser sends "Origin: null" on its own posts, and one without
    # Sec-Fetch-Site would be refused.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def _with_headers(send: Send) -> Send:
    """Every answer: the security headers, and the strict policy unless the page set its own."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            if not any(key.lower() == b"content-security-policy" for key, _ in headers):
                headers.append((b"content-security-policy", policy().encode()))
            message["headers"] = [*headers, *_SECURITY]
        await send(message)

    return sending


async def _answer(send: Send, scope: Scope, status: int, reason: str) -> None:
    """A refusal: JSON for the API, a line of text for a person."""
    if scope["path"].startswith("/api/"):
        body, kind = json.dumps({"error": reason}, ensure_ascii=False).encode(), b"application/json"
    else:
        body, kind = reason.encode(), b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", kind), (b"content-security-policy", policy().encode()), *_SECURITY],
        }
    )
    await send({"type": "http.response.body", "body": body})
