"""Without a PostgreSQL server the PostgreSQL tests skip and say why, unless CAREACT_REQUIRE_POSTGRES=1 (set by
.ci/run) makes that a failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TEST = Path(__file__).with_name("test_storage.py")


def _run(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CAREACT_TEST_POSTGRES_URL", "CAREACT_REQUIRE_POSTGRES")}
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "pytest", str(TEST), "-p", "no:cacheprovider", "-rs",
                           "-k", "migrations_build"], capture_output=True, text=True, timeout=300, env=env, check=False)


def test_postgres_tests_skip_with_a_reason_without_a_server() -> None:
    r = _run({})
    assert r.returncode == 0, r.stdout
    assert "1 passed" in r.stdout and "1 skipped" in r.stdout
    assert "no PostgreSQL server configured: set CAREACT_TEST_POSTGRES_URL" in r.stdout


def test_postgres_tests_fail_without_a_server_when_required() -> None:
    r = _run({"CAREACT_REQUIRE_POSTGRES": "1"})
    assert r.returncode != 0
    assert "CAREACT_REQUIRE_POSTGRES=1 but no PostgreSQL server is configured" in r.stdout
