"""Small helpers shared by the CLI commands: reading JSON inputs, parsing dates, writing output."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from ..json_input import read_json_file

__all__ = ["emit_json", "parse_date", "read_json"]


def read_json(path: str, *, where: str = "case") -> Any:
    """Read a JSON file (``-`` for standard input) through careact's guarded reader.

    Size, nesting depth, encoding, syntax and non-finite numbers are checked by
    :func:`careact.json_input.read_json_file`; a problem names ``where`` (the argument) or the
    field inside the document. Numbers with a fraction arrive as floats and are then rejected by the
    money fields, by name: careact's JSON contract writes money as decimal strings.
    """
    return read_json_file(path, where=where)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a date (YYYY-MM-DD)") from None


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
