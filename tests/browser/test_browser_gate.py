"""Without Chromium the widget test fails with a clear message, unless CAREACT_SKIP_BROWSER=1 skips it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TEST = Path(__file__).with_name("test_widget.py")


def _run(env_extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CAREACT_SKIP_BROWSER"}
    env.update({"CAREACT_CHROMIUM": "/nonexistent/chromium", **env_extra})
    return subprocess.run([sys.executable, "-m", "pytest", str(TEST), "-q", "-p", "no:cacheprovider",
                           "-k", "single_homeowner", "-rs"],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_missing_chromium_fails_with_a_clear_message() -> None:
    r = _run({})
    assert r.returncode != 0
    assert "the widget test needs Chromium: apt-get install -y chromium" in r.stdout


def test_missing_chromium_is_skipped_when_asked() -> None:
    r = _run({"CAREACT_SKIP_BROWSER": "1"})
    assert r.returncode == 0, r.stdout
    assert "SKIPPED" in r.stdout and "CAREACT_SKIP_BROWSER=1" in r.stdout
