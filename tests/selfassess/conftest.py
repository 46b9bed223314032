"""Fixtures for the self-assessment: a council configuration, the app on SQLite or PostgreSQL, residents, keys.

PostgreSQL: set CAREACT_TEST_POSTGRES_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:54329/careact_test);
each test gets its own schema. Without it the PostgreSQL tests skip, unless CAREACT_REQUIRE_POSTGRES=1
(set by .ci/run), which makes a missing server a failure.
"""

from __future__ import annotations

import os
import re
import secrets
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

warnings.filterwarnings("ignore", message=".*httpx.*")
pytest.importorskip("sqlalchemy")
pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from careact.selfassess.config import SelfAssessConfig, load_config
from careact.selfassess.security import create_api_key
from careact.selfassess.storage import Store
from careact.selfassess.web import create_selfassess_app

from .cases import CONTACT, COUNCIL_TOML, Step

TODAY = date(2025, 6, 1)
PG_ENV = "CAREACT_TEST_POSTGRES_URL"



def postgres_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CAREACT_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"CAREACT_REQUIRE_POSTGRES=1 but no PostgreSQL server is configured: set {PG_ENV}",
                    pytrace=False)
    return None


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search path is a fresh schema, dropped afterwards."""
    url = postgres_url()
    if url is None:
        pytest.skip(f"no PostgreSQL server configured: set {PG_ENV} (.ci/run starts one)")
    schema = f"sa_test_{secrets.token_hex(4)}"
    admin = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        pytest.fail(f"cannot use the PostgreSQL server at {PG_ENV}: {exc}", pytrace=False)
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'selfassess.sqlite3'}"
    return str(request.getfixturevalue("pg_schema_url"))


def write_config(tmp_path: Path, db: str, extra: str = "") -> Path:
    path = tmp_path / "council.toml"
    path.write_text(COUNCIL_TOML.format(db=db) + extra, encoding="utf-8")
    return path


@pytest.fixture
def config(tmp_path: Path) -> SelfAssessConfig:
    return load_config(write_config(tmp_path, f"sqlite:///{tmp_path / 'selfassess.sqlite3'}"))


@pytest.fixture
def app(config: SelfAssessConfig) -> Any:
    return create_selfassess_app(config, today=lambda: TODAY)


class Browserless:
    """A resident or a member of staff over HTTP: keeps cookies, reads each form's CSRF token."""

    def __init__(self, app: Any) -> None:
        self.client = TestClient(app, base_url="http://testserver", follow_redirects=False,
                                 raise_server_exceptions=True)
        self.token = ""

    def get(self, path: str, **kw: Any) -> Any:
        r = self.client.get(path, **kw)
        m = re.search(r'name="csrf_token" value="([^"]+)"', r.text)
        if m:
            self.token = m.group(1)
        return r

    def post(self, path: str, data: dict[str, str] | None = None, **kw: Any) -> Any:
        if not self.token:
            self.get("/")
        return self.client.post(path, data={"csrf_token": self.token, **(data or {})}, **kw)

    def start(self) -> None:
        self.get("/")
        r = self.post("/start")
        assert r.status_code == 303, r.text

    def answer(self, steps: list[Step]) -> None:
        for step in steps:
            path = f"/q/{step.slug}" + (f"?{step.query}" if step.query else "")
            r = self.post(path, step.fields)
            assert r.status_code == 303, (step.slug, errors(r.text))

    def submit(self) -> str:
        assert self.get("/estimate").status_code == 200
        r = self.post("/q/contact", CONTACT)
        assert r.status_code == 303 and r.headers["location"].endswith("/q/declaration"), errors(r.text)
        r = self.post("/q/declaration", {"confirm": "yes"})
        assert r.status_code == 303 and r.headers["location"].endswith("/sent"), errors(r.text)
        page = self.get("/sent").text
        m = re.search(r'id="referral-reference">([A-Z0-9-]+)<', page)
        assert m, page
        return m.group(1)


def resume_code(html: str) -> str:
    m = re.search(r'id="resume-code">([A-Z0-9-]+)<', html)
    assert m, html
    return m.group(1)


def errors(html: str) -> list[str]:
    return re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', html)


@pytest.fixture
def resident(app: Any) -> Browserless:
    return Browserless(app)


@pytest.fixture
def make_key(app: Any) -> Any:
    store: Store = app.state.store

    def make(*scopes: str, name: str = "test key") -> str:
        with store.session() as s:
            _id, key = create_api_key(s, name, scopes or ("referrals:read", "referrals:rerun", "referrals:process"))
        return key

    return make
