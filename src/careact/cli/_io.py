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


def charging_case(data: Any, prefix: str = "") -> Any:
    """A charging case (careact.case.charging/1), validated strictly as its JSON Schema says."""
    from ..charging.models import ChargingCase
    from ..validation import validate_json

    return validate_json(ChargingCase, data, prefix)


def timeline_case(data: Any) -> Any:
    """A timeline case (or a bare charging case), checked strictly; returned as the mapping ``timeline`` takes."""
    from ..charging.timeline import TimelineCase
    from ..validation import validate_json

    if isinstance(data, dict) and ("case" in data or str(data.get("schema", "")).startswith("careact.case.timeline")):
        validate_json(TimelineCase, data)
        charging_case(data.get("case"), "case")
        return data
    charging_case(data)
    return data


def eligibility_case(data: Any) -> Any:
    """A needs or carer's assessment (careact.eligibility.input/1), checked strictly; the mapping is returned.

    The library's own reading of the case then names its problems in its own words; this check only
    refuses what the JSON Schema refuses and the library would otherwise coerce (a number as a date).
    """
    from pydantic import TypeAdapter

    from ..eligibility.models import Assessment
    from ..validation import validate_json

    if isinstance(data, dict) and data.get("assessment") in ("adult", "carer"):
        from ..errors import InputError

        try:
            validate_json(TypeAdapter(Assessment), data)
        except InputError as exc:
            strict_only = [p for p in exc.problems if p.code in ("type", "invalid")]
            if strict_only:
                raise InputError(strict_only) from None
    return data
