"""``careact selfassess`` (keys, migrations, retention) and ``careact serve --selfassess`` wiring."""

from __future__ import annotations

import contextlib
import io
import json
import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from careact.cli import main
from careact.selfassess import NoClientAddress, with_selfassess
from careact.selfassess.config import load_config
from careact.selfassess.storage import Draft, Store, utcnow
from careact.server import create_app

from .conftest import write_config


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_keys_are_created_listed_and_revoked(tmp_path: Path) -> None:
    cfg = str(write_config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    code, out, err = run("selfassess", "create-key", "--config", cfg, "--name", "Case system",
                         "--scope", "referrals:read")
    assert code == 0, err
    key = out.strip()
    assert key.startswith("cask_") and "shown once" in err
    key_id = key.split("_")[1]
    code, out, _ = run("selfassess", "list-keys", "--config", cfg, "--format", "json")
    rows = json.loads(out)
    assert rows == [{"id": key_id, "name": "Case system", "scopes": ["referrals:read"], "created_at": rows[0]["created_at"],
                     "expires_at": None, "revoked": False, "last_used_at": None}]
    assert key.split("_", 2)[2] not in out
    assert run("selfassess", "revoke-key", "--config", cfg, key_id)[0] == 0
    assert json.loads(run("selfassess", "list-keys", "--config", cfg, "--format", "json")[1])[0]["revoked"] is True
    assert "revoked" in run("selfassess", "list-keys", "--config", cfg)[1]
    code, _, err = run("selfassess", "revoke-key", "--config", cfg, "nope")
    assert code == 2 and "no key with id 'nope'" in err
    code, _, err = run("selfassess", "create-key", "--config", cfg, "--name", "x", "--scope", "delete")
    assert code == 2 and "invalid choice" in err


def test_migrate_purge_and_example(tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite3"
    cfg = write_config(tmp_path, f"sqlite:///{db}")
    code, out, _ = run("selfassess", "migrate", "--config", str(cfg))
    assert code == 0 and "0001_initial" in out
    store = Store(f"sqlite:///{db}")
    with store.session() as s:
        old = utcnow() - timedelta(days=31)
        s.add(Draft(id="old", answers="{}", lang="en", failed_resumes=0, created_at=old, updated_at=old))
        s.add(Draft(id="new", answers="{}", lang="en", failed_resumes=0, created_at=utcnow(), updated_at=utcnow()))
    code, out, _ = run("selfassess", "purge", "--config", str(cfg), "--dry-run")
    assert code == 0 and "would delete 1 drafts, 0 processed referrals" in out
    code, out, _ = run("selfassess", "purge", "--config", str(cfg))
    assert code == 0 and "deleted 1 drafts" in out
    with store.session() as s:
        assert [d.id for d in s.scalars(select(Draft))] == ["new"]
    store.dispose()
    code, out, _ = run("selfassess", "example-config")
    assert code == 0 and "[council]" in out
    example = tmp_path / "example" / "council.toml"
    example.parent.mkdir()
    example.write_text(out)
    assert load_config(example).council.name == "Example Borough Council"


def test_a_bad_configuration_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "council.toml"
    bad.write_text('[council]\nname = "X"\ncolour = "#ffff00"\n')
    code, _, err = run("selfassess", "migrate", "--config", str(bad))
    assert code == 2 and "council.colour" in err and "contrast" in err


def test_serve_mounts_the_service_beside_the_api(tmp_path: Path) -> None:
    app = with_selfassess(create_app(), write_config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}"))
    client = TestClient(app, follow_redirects=False)
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/self-assessment").headers["location"] == "/self-assessment/"
    page = client.get("/self-assessment/")
    assert page.status_code == 200 and 'href="/self-assessment/assets/style.css"' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    # a form post reaches the service (the API's JSON-only guard does not see it)
    r = client.post("/self-assessment/start", data={"csrf_token": token})
    assert r.status_code == 303 and r.headers["location"] == "/self-assessment/q/date-of-birth"
    assert "Path=/self-assessment;" in r.headers["set-cookie"]
    assert client.get("/self-assessment/q/date-of-birth").status_code == 200
    # the API still refuses form bodies, as before
    assert client.post("/v1/charging/assess", data={"a": "b"}).status_code == 415


def test_access_log_loses_the_client_address() -> None:
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("203.0.113.9:5123", "GET", "/self-assessment/", "1.1", 200), None)
    assert NoClientAddress().filter(record)
    assert "203.0.113.9" not in record.getMessage() and "GET /self-assessment/" in record.getMessage()


def test_serve_reports_a_bad_configuration(tmp_path: Path, monkeypatch: Any) -> None:
    bad = tmp_path / "council.toml"
    bad.write_text("[council]\n")
    code, _, err = run("serve", "--selfassess", str(bad), "--port", "1")
    assert code == 2 and "council.name" in err
