"""Fixtures for the charging tests: a council overlay written for one test."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return f'"{value}"'


@pytest.fixture
def council_overlay(tmp_path: Path):
    """council_overlay({"options.x": ("bool", True), ...}, name="test") -> the path of a council overlay that sets
    those options from 1 April 2015, citing a test policy."""

    def make(options: dict[str, tuple[str, Any]], name: str = "test") -> Path:
        body = textwrap.dedent(f'''
            [overlay]
            name = "council.{name}"
            version = "1.0.0"
            layer = "council"
            base = "england"
            description = "Test council options"
            source = "Test Council charging policy"
            href = "https://example.org/charging-policy"
        ''')
        for pname, (unit, value) in options.items():
            body += textwrap.dedent(f'''
                [[parameter]]
                name = "{pname}"
                description = "test"
                unit = "{unit}"
                [[parameter.values]]
                from = 2015-04-01
                value = {_toml(value)}
                cite = "Test Council charging policy, section 1"
                href = "https://example.org/charging-policy"
                status = "secondary"
                note = "A test overlay."
            ''')
        path = tmp_path / f"{name}.toml"
        path.write_text(body, encoding="utf-8")
        return path

    return make
