"""Helpers shared by the property tests: assessing a generated case, reading figures back as Decimals."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

from careact.charging import assess
from careact.charging.models import ChargingResult


def run(case: dict[str, Any], on: date, **kw: Any) -> ChargingResult:
    return assess(copy.deepcopy(case), on=on, **kw)


def money(text: Any) -> Decimal:
    return Decimal(str(text))


def walk(steps: list[dict[str, Any]]):
    """Every step of an explanation document, depth first, in order."""
    for s in steps:
        yield s
        yield from walk(s.get("steps", []))


def arg(step: dict[str, Any], name: str) -> Decimal:
    """A money or number argument of a step's statement, as a Decimal."""
    a = step["args"][name]
    assert a["type"] in ("money", "number"), (step["id"], name, a)
    return Decimal(a["value"])
