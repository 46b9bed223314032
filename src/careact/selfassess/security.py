"""Security for the self-assessment service: staff credentials, CSRF tokens, client identity for rate
limits, strict response headers, and the request-size guard.

* **API keys** look like ``cask_<id>_<secret>``. Only a SHA-256 hash of the secret is stored; a key
  carries scopes, may expire, and is revoked by id.
* **OIDC bearer tokens** (optional) are JWTs checked against the provider's keys (a JWKS file or URL):
  signature, issuer, audience, expiry; the scopes come from a configured claim.
* **CSRF**: every form carries a token bound, by HMAC under the service's secret, to a random value in a
  cookie that pages on another site cannot read; a POST without the matching pair is refused. A request
  whose ``Origin`` names another host is refused too.
* **Client identity** for rate limits is a keyed hash of the address (never stored or logged in clear);
  ``X-Forwarded-For`` is believed only from configured proxies.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .config import SCOPES, OIDCConfig
from .storage import ApiKey, utcnow

__all__ = [
    "KEY_PREFIX",
    "Principal",
    "SecurityHeaders",
    "check_api_key",
    "client_bucket",
    "create_api_key",
    "csrf_token",
    "csrf_valid",
    "revoke_api_key",
]

KEY_PREFIX = "cask_"
RESUME_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed by people


@dataclass(frozen=True)
class Principal:
    """Who a staff request acts as: ``key:<id>`` or ``oidc:<subject>``, with their scopes."""

    actor: str
    scopes: frozenset[str]

    def can(self, scope: str) -> bool:
        return scope in self.scopes


def _hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def keyed_hash(key: bytes, purpose: str, value: str) -> str:
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------- API keys


def create_api_key(s: Session, name: str, scopes: Iterable[str], expires_days: int | None = None) -> tuple[str, str]:
    """A new key: returns (key id, the full key). The full key is shown once and never stored."""
    wanted = sorted(set(scopes))
    bad = [x for x in wanted if x not in SCOPES]
    if bad or not wanted:
        raise ValueError(f"unknown scope {bad[0]!r}" if bad else "a key needs at least one scope"
                         f" (scopes: {', '.join(SCOPES)})")
    if not name.strip() or len(name) > 200:
        raise ValueError("a key needs a name of 1 to 200 characters (who or what uses it)")
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    s.add(ApiKey(id=key_id, name=name.strip(), secret_hash=_hash_secret(secret), scopes=" ".join(wanted),
                 created_at=now, expires_at=now + timedelta(days=expires_days) if expires_days else None,
                 revoked=False))
    return key_id, f"{KEY_PREFIX}{key_id}_{secret}"


def revoke_api_key(s: Session, key_id: str) -> bool:
    key = s.get(ApiKey, key_id)
    if key is None:
        return False
    key.revoked = True
    key.revoked_at = key.revoked_at or utcnow()
    return True


def list_api_keys(s: Session) -> list[ApiKey]:
    return list(s.scalars(select(ApiKey).order_by(ApiKey.created_at)))


def check_api_key(s: Session, presented: str) -> Principal | None:
    """The principal for a presented key, or ``None`` (unknown, wrong, revoked or expired)."""
    if not presented.startswith(KEY_PREFIX):
        return None
    key_id, sep, secret = presented[len(KEY_PREFIX):].partition("_")
    if not sep or not key_id or not secret or len(presented) > 200:
        return None
    key = s.get(ApiKey, key_id)
    expected = key.secret_hash if key is not None else _hash_secret("no such key")
    ok = hmac.compare_digest(expected, _hash_secret(secret))
    if key is None or not ok or key.revoked:
        return None
    now = utcnow()
    if key.expires_at is not None and key.expires_at <= now:
        return None
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=5):
        key.last_used_at = now
    return Principal(f"key:{key.id}", key.scope_set())


def key_still_valid(s: Session, key_id: str) -> bool:
    key = s.get(ApiKey, key_id)
    return key is not None and not key.revoked and (key.expires_at is None or key.expires_at > utcnow())


# --------------------------------------------------------------------------- OIDC


class TokenError(Exception):
    """A bearer token was refused; the message says why (never echoes the token)."""


class OIDCVerifier:
    """Checks JWT bearer tokens issued by the configured provider."""

    def __init__(self, config: OIDCConfig, base_dir: Path) -> None:
        self.config = config
        self._jwks_path = (config.jwks_file if config.jwks_file is None or config.jwks_file.is_absolute()
                           else base_dir / config.jwks_file)
        self._keys: dict[str, Any] | None = None
        self._fetched = 0.0

    def _jwks(self, refresh: bool = False) -> dict[str, Any]:
        if self._jwks_path is not None:
            if self._keys is None or refresh:
                self._keys = json.loads(self._jwks_path.read_text(encoding="utf-8"))
        elif self._keys is None or (refresh and time.monotonic() - self._fetched > 60):
            import urllib.request

            assert self.config.jwks_url is not None
            with urllib.request.urlopen(self.config.jwks_url, timeout=10) as r:
                self._keys = json.loads(r.read())
            self._fetched = time.monotonic()
        assert self._keys is not None
        return self._keys

    def _key_for(self, kid: str | None) -> Any:
        import jwt

        for refresh in (False, True):
            keys = self._jwks(refresh).get("keys", [])
            for jwk in keys:
                if kid is None or jwk.get("kid") == kid:
                    return jwt.PyJWK(jwk).key
        raise TokenError("the token's signing key is not one of the provider's keys")

    def claims(self, token: str, *, audience: str | None = None, nonce: str | None = None) -> dict[str, Any]:
        import jwt

        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise TokenError("the token is not a JWT") from None
        if header.get("alg") not in self.config.algorithms:
            raise TokenError("the token's algorithm is not accepted")
        key = self._key_for(header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=list(self.config.algorithms), audience=audience or self.config.audience,
                issuer=self.config.issuer, leeway=self.config.leeway_seconds,
                options={"require": ["exp", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise TokenError("the token has expired") from None
        except jwt.InvalidAudienceError:
            raise TokenError("the token is not for this service (audience)") from None
        except jwt.InvalidIssuerError:
            raise TokenError("the token is from another issuer") from None
        except jwt.PyJWTError as exc:
            raise TokenError(f"the token is not valid ({type(exc).__name__})") from None
        if nonce is not None and not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
            raise TokenError("the sign-in response does not match the request (nonce)")
        return claims

    def scopes(self, claims: Mapping[str, Any]) -> frozenset[str]:
        raw = claims.get(self.config.scope_claim, [])
        values = raw.split() if isinstance(raw, str) else [str(v) for v in raw] if isinstance(raw, list) else []
        out: set[str] = set()
        for v in values:
            if self.config.role_map:
                out.update(self.config.role_map.get(v, []))
            elif v in SCOPES:
                out.add(v)
        return frozenset(out)

    def principal(self, token: str) -> Principal:
        claims = self.claims(token)
        return Principal(f"oidc:{str(claims['sub'])[:100]}", self.scopes(claims))


# --------------------------------------------------------------------------- CSRF and resume codes


def csrf_token(key: bytes, seed: str) -> str:
    return keyed_hash(key, "csrf", seed)


def csrf_valid(key: bytes, seed: str | None, token: str | None) -> bool:
    if not seed or not token:
        return False
    return hmac.compare_digest(csrf_token(key, seed), token)


def new_resume_code() -> str:
    """Twelve characters from a 32-letter alphabet (60 bits), shown as ``ABCD-EFGH-JKLM``."""
    raw = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(12))
    return display_resume_code(raw)


def display_resume_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_resume_code(text: str) -> str | None:
    """The code as stored (twelve letters and digits, no dashes), or ``None`` if it cannot be one."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(raw) != 12 or any(ch not in RESUME_ALPHABET for ch in raw):
        return None
    return raw


def resume_hash(key: bytes, code: str) -> str:
    return keyed_hash(key, "resume", code)


def client_bucket(key: bytes, purpose: str, client: str) -> str:
    return f"{purpose}:{keyed_hash(key, 'client', client)[:40]}"


def client_address(scope_client: tuple[str, int] | None, headers: Mapping[str, str], trusted: Iterable[str]) -> str:
    """The client's address: the last untrusted hop of X-Forwarded-For when the peer is a trusted proxy."""
    peer = scope_client[0] if scope_client else "unknown"
    trusted_set = set(trusted)
    if peer in trusted_set:
        hops = [h.strip() for h in headers.get("x-forwarded-for", "").split(",") if h.strip()]
        for hop in reversed(hops):
            if hop not in trusted_set:
                return hop
    return peer


# --------------------------------------------------------------------------- ASGI guards

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")


class SecurityHeaders:
    """Strict headers on every response; ``no-store`` so no page of answers is cached anywhere."""

    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]
        if hsts:
            self.headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in
                           {h for h, _ in self.headers} and k.lower() != b"cache-control"]
                path = scope.get("path", "")
                cache = b"public, max-age=3600" if "/assets/" in path else b"no-store"
                headers += [*self.headers, (b"cache-control", cache)]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with 413, whether or not a length is declared."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await _plain(send, 413, "The request is too large.")
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more and scope.get("method") in ("POST", "PUT", "PATCH"):
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await _plain(send, 413, "The request is too large.")
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _plain(send: Send, status: int, text: str) -> None:
    data = text.encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


def now_utc() -> datetime:
    return utcnow()
