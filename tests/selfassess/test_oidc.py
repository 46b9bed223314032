"""OIDC: bearer tokens checked against a locally generated key, and staff sign-in against a provider
played on the loopback interface (token endpoint only; nothing leaves the machine)."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from careact.selfassess.config import load_config
from careact.selfassess.security import OIDCVerifier, TokenError
from careact.selfassess.web import create_selfassess_app

from .cases import care_home_single
from .conftest import TODAY, Browserless, write_config

ISSUER = "https://login.testshire.example"
AUDIENCE = "careact-selfassess"


@pytest.fixture(scope="module")
def keys() -> dict[str, Any]:
    good = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(good.public_key()))
    jwk.update({"kid": "k1", "use": "sig", "alg": "RS256"})
    return {"good": good, "other": other, "jwks": {"keys": [jwk]}}


def token(keys: dict[str, Any], *, key: str = "good", kid: str = "k1", **claims: Any) -> str:
    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": "staff-42", "iat": now, "exp": now + 300,
            "roles": ["finance-assessor"], **claims}
    body = {k: v for k, v in body.items() if v is not None}
    return jwt.encode(body, keys[key], algorithm="RS256", headers={"kid": kid})


def _unsigned(claims: dict[str, Any]) -> str:
    def b64(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims)}."


OIDC_TOML = """
[oidc]
issuer = "{issuer}"
audience = "{audience}"
jwks_file = "jwks.json"
scope_claim = "roles"
role_map = {{ "finance-assessor" = ["referrals:read", "referrals:rerun"], "finance-lead" = ["referrals:process"] }}
{login}
"""


def oidc_config(tmp_path: Path, keys: dict[str, Any], login: str = "") -> Any:
    (tmp_path / "jwks.json").write_text(json.dumps(keys["jwks"]))
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'sa.sqlite3'}",
                        OIDC_TOML.format(issuer=ISSUER, audience=AUDIENCE, login=login))
    return load_config(path)


def test_token_validation(tmp_path: Path, keys: dict[str, Any]) -> None:
    config = oidc_config(tmp_path, keys)
    assert config.oidc is not None
    v = OIDCVerifier(config.oidc, config.base_dir)
    who = v.principal(token(keys))
    assert who.actor == "oidc:staff-42" and who.scopes == {"referrals:read", "referrals:rerun"}
    assert v.principal(token(keys, roles=["finance-lead", "unknown"])).scopes == {"referrals:process"}
    bad = {
        "expired": token(keys, exp=int(time.time()) - 3600),
        "audience": token(keys, aud="another-service"),
        "issuer": token(keys, iss="https://elsewhere.example"),
        "signature": token(keys, key="other"),
        "unknown key": token(keys, kid="k9"),
        "no subject": token(keys, sub=None),
        "HS256": jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60}, "secret" * 8,
                            algorithm="HS256"),
        "none": _unsigned({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60}),
        "garbage": "a.b.c",
    }
    for why, t in bad.items():
        with pytest.raises(TokenError):
            v.principal(t)
            pytest.fail(f"accepted a token with a bad {why}")


def test_api_accepts_provider_tokens_by_scope(tmp_path: Path, keys: dict[str, Any]) -> None:
    app = create_selfassess_app(oidc_config(tmp_path, keys), today=lambda: TODAY)
    resident = Browserless(app)
    resident.start()
    resident.answer(care_home_single(TODAY)[0])
    reference = resident.submit()
    client = Browserless(app).client
    auth = {"Authorization": f"Bearer {token(keys)}"}
    assert client.get(f"/api/v1/referrals/{reference}", headers=auth).status_code == 200
    assert client.post(f"/api/v1/referrals/{reference}/rerun", headers=auth, json={"on": "2025-06-01"}).status_code == 200
    assert client.post(f"/api/v1/referrals/{reference}/processed", headers=auth).status_code == 403
    expired = {"Authorization": f"Bearer {token(keys, exp=int(time.time()) - 3600)}"}
    r = client.get("/api/v1/referrals", headers=expired)
    assert r.status_code == 401 and r.json()["detail"] == "the token has expired"
    events = client.get(f"/api/v1/referrals/{reference}", headers=auth).json()["events"]
    assert {"oidc:staff-42"} <= {e["actor"] for e in events}


class _Provider(BaseHTTPRequestHandler):
    """A token endpoint: exchanges one code for an ID token, checking the PKCE verifier."""

    issued: ClassVar[dict[str, Any]] = {}

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
        grant = self.issued.pop(form.get("code", ""), None)
        ok = grant is not None and bool(form.get("code_verifier")) and form.get("client_id") == "careact"
        body = json.dumps({"id_token": grant["id_token"], "token_type": "Bearer"} if grant is not None and ok
                          else {"error": "invalid_grant"})
        self.send_response(200 if ok else 400)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), _Provider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_staff_sign_in_with_the_provider(tmp_path: Path, keys: dict[str, Any], provider: str) -> None:
    login = (f'client_id = "careact"\nauthorization_endpoint = "{ISSUER}/authorize"\n'
             f'token_endpoint = "{provider}/token"')
    app = create_selfassess_app(oidc_config(tmp_path, keys, login), today=lambda: TODAY)
    staff = Browserless(app)
    assert "Sign in with your council account" in staff.get("/staff/login").text
    r = staff.client.get("/staff/oidc/login")
    assert r.status_code == 303
    target = urllib.parse.urlsplit(r.headers["location"])
    q = dict(urllib.parse.parse_qsl(target.query))
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{ISSUER}/authorize"
    assert q["code_challenge_method"] == "S256" and q["client_id"] == "careact" and q["response_type"] == "code"
    assert q["redirect_uri"] == "http://testserver/staff/oidc/callback"
    # the provider signs the user in and returns a code bound to the request's nonce
    _Provider.issued = {"code-1": {"id_token": token(keys, aud="careact", nonce=q["nonce"])}}
    r = staff.client.get(f"/staff/oidc/callback?code=code-1&state={q['state']}")
    assert r.status_code == 303 and r.headers["location"] == "/staff/", r.text
    assert staff.get("/staff/").status_code == 200
    # a callback with the wrong state, a replayed code, or a token for another nonce is refused
    other = Browserless(app)
    r = other.client.get("/staff/oidc/login")
    q2 = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(r.headers["location"]).query))
    assert other.client.get("/staff/oidc/callback?code=code-1&state=wrong").status_code == 400
    _Provider.issued = {"code-2": {"id_token": token(keys, aud="careact", nonce="not-the-nonce")}}
    assert other.client.get(f"/staff/oidc/callback?code=code-2&state={q2['state']}").status_code == 401
    assert other.get("/staff/").status_code == 303


def test_sign_in_routes_absent_without_configuration(app: Any) -> None:
    c = Browserless(app)
    assert c.client.get("/staff/oidc/login").status_code == 404
    assert c.client.get("/staff/oidc/callback?code=x&state=y").status_code == 404


def test_oidc_configuration_is_checked(tmp_path: Path, keys: dict[str, Any]) -> None:
    from careact.selfassess.config import ConfigError

    (tmp_path / "jwks.json").write_text("{}")
    for extra, message in [
        (f'[oidc]\nissuer = "{ISSUER}"\naudience = "a"\n', "give exactly one of jwks_file and jwks_url"),
        (f'[oidc]\nissuer = "{ISSUER}"\naudience = "a"\njwks_file = "jwks.json"\nrole_map = {{ r = ["admin"] }}\n',
         "unknown scope 'admin'"),
        (f'[oidc]\nissuer = "{ISSUER}"\naudience = "a"\njwks_file = "jwks.json"\nclient_id = "c"\n',
         "needs client_id, authorization_endpoint and token_endpoint together"),
        (f'[oidc]\nissuer = "{ISSUER}"\naudience = "a"\njwks_file = "missing.json"\n', "oidc.jwks_file: no file"),
    ]:
        path = write_config(tmp_path, "sqlite://", extra)
        with pytest.raises(ConfigError, match=message):
            load_config(path)
