"""The top-level package: every domain is listed and loads on first use, so ``import careact`` stays light."""

from __future__ import annotations

import subprocess
import sys

import careact


def test_all_lists_every_domain_and_the_shared_modules():
    for name in ("charging", "eligibility", "dpa", "reform", "rules", "explain", "errors", "results", "schemas"):
        assert name in careact.__all__, name
    for name in careact.__all__:
        assert getattr(careact, name) is not None


def test_importing_careact_loads_no_domain():
    code = "import sys, careact; print(sorted(m for m in sys.modules if m.startswith('careact')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['careact']"
