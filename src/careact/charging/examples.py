"""Example cases bundled with careact (``careact/examples/charging/*.json``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..errors import UnknownRuleSet
from .models import ChargingCase

__all__ = ["EXAMPLES_DIR", "example_case", "example_names"]

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples" / "charging"


def example_names() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in EXAMPLES_DIR.glob("*.json")))


@lru_cache(maxsize=64)
def _load(name: str) -> ChargingCase:
    path = EXAMPLES_DIR / f"{name}.json"
    if not path.exists():
        raise UnknownRuleSet(name, available=example_names())
    return ChargingCase.model_validate(json.loads(path.read_text()))


def example_case(name: str) -> ChargingCase:
    """A bundled example case by name (see :func:`example_names`)."""
    return _load(name)
