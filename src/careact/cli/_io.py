"""Small helpers shared by the CLI commands: reading JSON inputs, parsing dates, writing output."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["emit_json", "parse_date", "read_json"]


def read_json(path: str) -> Any:
    """Read a JSON file (``-`` for standard input).

    Numbers with a fraction arrive as floats and are then rejected by the money fields, by name:
    careact's JSON contract writes money as decimal strings.
    """
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError.single("file", f"cannot read {path}: {exc.strerror or exc}", "io") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError.single("file", f"{path} is not valid JSON: {exc}", "json") from None


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
