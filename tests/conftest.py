"""Shared fixtures: rule-set builders for tests that need small, controlled data."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests are derandomised, so a run is reproducible and cannot fail by chance;
# on a developer's machine they explore new examples each run.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def make_ruleset(tmp_path: Path):
    """Write a rule-set directory from TOML snippets: make_ruleset({"a.toml": "..."}) -> path."""

    def make(files: dict[str, str], name: str = "testland", version: str = "1.0.0") -> Path:
        root = tmp_path / name
        root.mkdir(exist_ok=True)
        (root / "ruleset.toml").write_text(
            textwrap.dedent(
                f"""
                [ruleset]
                name = "{name}"
                version = "{version}"
                jurisdiction = "Testland"
                description = "test rule set"
                """
            )
        )
        for fname, body in files.items():
            (root / fname).write_text(textwrap.dedent(body))
        return root

    return make


@pytest.fixture
def make_overlay(tmp_path: Path):
    def make(body: str, name: str = "council.test", layer: str = "council", base: str = "testland") -> Path:
        path = tmp_path / f"{name}.toml"
        path.write_text(
            textwrap.dedent(
                f"""
                [overlay]
                name = "{name}"
                version = "1.0.0"
                layer = "{layer}"
                base = "{base}"
                description = "test overlay"
                source = "Test Council charging policy 2025, para 1"
                """
            )
            + textwrap.dedent(body)
        )
        return path

    return make
