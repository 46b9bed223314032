"""Without Chromium the widget tests are skipped with the reason; with CAREACT_REQUIRE_BROWSER=1 they fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TEST = Path(__file__).with_name("test_widget.py")


def _run(env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CAREACT_REQUIRE_BROWSER", "CAREACT_SKIP_BROWSER")}
    env.update({"CAREACT_CHROMIUM": "/nonexistent/chromium", **env_extra})
    return subprocess.run([sys.executable, "-m", "pytest", str(TEST), "-q", "-p", "no:cacheprovider", "-rs"],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_missing_chromium_skips_with_the_reason() -> None:
    r = _run({})
    assert r.returncode == 0, r.stdout
    assert "SKIPPED" in r.stdout and "Chromium is not installed (apt-get install -y chromium)" in r.stdout
    assert "failed" not in r.stdout and "error" not in r.stdout.lower().replace("errors", "")


def test_missing_chromium_fails_when_a_browser_is_required() -> None:
    r = _run({"CAREACT_REQUIRE_BROWSER": "1"})
    assert r.returncode != 0
    assert "needs Chromium and CAREACT_REQUIRE_BROWSER=1: apt-get install -y chromium" in r.stdout
