"""A pure-ASGI guard in front of the API: request size and JSON nesting limits, checked before parsing.

* A body larger than ``max_body_bytes`` gets **413** (checked on ``Content-Length`` first, then on the
  bytes actually received, so a chunked upload cannot slip past the limit).
* A JSON body nested deeper than ``max_depth`` gets **400** before any parser sees it (Python's
  ``json`` module would otherwise recurse on it).
* A body that is not JSON (bad syntax, ``NaN``/``Infinity``, an integer too long to convert, not
  UTF-8) gets **400**, and a body sent with a content type other than JSON gets **415**.

The checks are :func:`careact.json_input.parse_json`'s, the same the command line applies to files.

Every refusal carries careact's structured error body (``{"error": ..., "problems": [...]}``). The
guard keeps nothing between requests: the buffered body is handed on to the application and dropped.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from ..errors import InputError
from ..json_input import MAX_DEPTH, MAX_REQUEST_BYTES, parse_json

__all__ = ["MAX_DEPTH", "MAX_REQUEST_BYTES", "PARSED_BODY", "LimitsMiddleware", "check_json", "error_body"]

PARSED_BODY = "careact_parsed_body"  # the key in the request's state under which the parsed JSON body travels

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def error_body(error: str, field: str, problem: str, code: str) -> dict[str, Any]:
    return {"error": error, "problems": [{"field": field, "problem": problem, "code": code}]}


def check_json(raw: bytes, *, max_bytes: int = MAX_REQUEST_BYTES, max_depth: int = MAX_DEPTH) -> InputError | None:
    """``None`` if ``raw`` is acceptable JSON within the limits, else the problems (see :mod:`careact.json_input`)."""
    try:
        parse_json(raw, where="(body)", max_bytes=max_bytes, max_depth=max_depth)
    except InputError as exc:
        return exc
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
            try:
                parsed = parse_json(raw, where="(body)", max_bytes=self.max_body_bytes, max_depth=self.max_depth)
            except InputError as refused:
                if refused.problems[0].code == "too_large":
                    await _respond(send, 413, self._too_large())
                else:
                    await _respond(send, 400, refused.as_dict())
                return
            # the parsed body travels with the request, so the application does not parse it again
            scope = dict(scope)
            scope["state"] = {**scope.get("state", {}), PARSED_BODY: parsed}

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
