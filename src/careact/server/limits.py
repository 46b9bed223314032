"""A pure-ASGI guard in front of the API: request size and JSON nesting limits, checked before parsing.

* A body larger than ``max_body_bytes`` gets **413** (checked on ``Content-Length`` first, then on the
  bytes actually received, so a chunked upload cannot slip past the limit).
* A JSON body nested deeper than ``max_depth`` gets **400** before any parser sees it (Python's
  ``json`` module would otherwise recurse on it).
* A body that is not JSON (bad syntax, ``NaN``/``Infinity``, an integer too long to convert, not
  UTF-8) gets **400**, and a body sent with a content type other than JSON gets **415**.

Every refusal carries careact's structured error body (``{"error": ..., "problems": [...]}``). The
guard keeps nothing between requests: the buffered body is handed on to the application and dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

__all__ = ["LimitsMiddleware", "error_body", "json_depth"]

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def error_body(error: str, field: str, problem: str, code: str) -> dict[str, Any]:
    return {"error": error, "problems": [{"field": field, "problem": problem, "code": code}]}


def json_depth(raw: bytes, limit: int) -> int:
    """The deepest nesting of arrays and objects in ``raw`` (stops counting once past ``limit``).

    Strings are removed first, so brackets inside them do not count. Unbalanced input is left for the
    JSON parser to reject.
    """
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub(b'""', raw)):
        if m.group() in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        else:
            depth -= 1
    return deepest


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in careact's JSON (numbers must be finite)")


def check_json(raw: bytes) -> str | None:
    """``None`` if ``raw`` is acceptable JSON, else the reason it is not."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "the body is not UTF-8 text"
    try:
        json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        return f"the body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    except (ValueError, RecursionError) as exc:  # e.g. an integer literal too long to convert
        return f"the body is not acceptable JSON: {exc}"
    return None


class LimitsMiddleware:
    """Enforce body size, JSON validity and nesting depth on requests that carry a body."""

    def __init__(self, app: Callable[..., Awaitable[None]], *, max_body_bytes: int, max_depth: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        length = headers.get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                await _respond(send, 400, error_body("invalid_input", "(headers).content-length",
                                                     "Content-Length is not a number", "bad_header"))
                return
            if int(length) > self.max_body_bytes:
                await _respond(send, 413, self._too_large())
                return
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype and not (ctype == "application/json" or ctype.endswith("+json")):
            await _respond(send, 415, error_body(
                "unsupported_media_type", "(headers).content-type",
                f"send the body as application/json, not {ctype}", "media_type"))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body_bytes:
                await _respond(send, 413, self._too_large())
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        raw = b"".join(chunks)
        if raw.strip():
            if json_depth(raw, self.max_depth) > self.max_depth:
                await _respond(send, 400, error_body(
                    "invalid_input", "(body)", f"JSON is nested more than {self.max_depth} levels deep",
                    "too_deep"))
                return
            reason = check_json(raw)
            if reason is not None:
                await _respond(send, 400, error_body("invalid_input", "(body)", reason, "json"))
                return

        if not ctype and raw.strip():
            # a JSON body sent without a content type is read as JSON (curl -d, simple clients)
            scope = dict(scope)
            scope["headers"] = [*(h for h in scope.get("headers", []) if h[0].lower() != b"content-type"),
                                (b"content-type", b"application/json")]

        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": raw, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    def _too_large(self) -> dict[str, Any]:
        return error_body("payload_too_large", "(body)",
                          f"the request body is larger than {self.max_body_bytes} bytes", "too_large")


async def _respond(send: Send, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())],
    })
    await send({"type": "http.response.body", "body": data})
