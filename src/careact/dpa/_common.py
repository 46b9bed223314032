"""Shared plumbing for the DPA rules: choosing the rule set, validating inputs, building results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from ..rules import Layer, RuleSet, load_ruleset
from ..validation import validate_model

__all__ = ["DAYS_IN_WEEK", "coerce", "half_year_end", "half_year_start", "resolve_rules"]

DAYS_IN_WEEK = 7
"""Days in a week: weekly amounts are spread over, or pro-rated by, days."""

M = TypeVar("M", bound=BaseModel)

OverlayArg = str | Path | Layer | Iterable[str | Path | Layer] | None


def resolve_rules(rules: RuleSet | None = None, overlay: OverlayArg = None) -> RuleSet:
    """The rule set to use: ``rules`` if given, else England with ``overlay`` (one or several) applied."""
    if rules is not None and overlay is None:
        return rules
    if overlay is None:
        overlays: list[Any] = []
    elif isinstance(overlay, (str, Path, Layer)):
        overlays = [overlay]
    else:
        overlays = list(overlay)
    if rules is not None:
        from ..rules import load_overlay

        return rules.with_overlay(*[o if isinstance(o, Layer) else load_overlay(o) for o in overlays])
    return load_ruleset("england", overlays=overlays)


def coerce(model: type[M], data: Any, prefix: str = "") -> M:
    """``data`` as ``model``: an instance passes through; a mapping is validated (InputError on failure)."""
    if isinstance(data, model):
        return data
    return validate_model(model, data, prefix=prefix)


def half_year_start(on: date) -> date:
    """Start of the relevant period containing ``on`` (1 January or 1 July; SI 2014/2671 reg 9(5))."""
    return date(on.year, 1 if on.month <= 6 else 7, 1)


def half_year_end(on: date) -> date:
    """Last day of the relevant period containing ``on`` (30 June or 31 December)."""
    return date(on.year, 6, 30) if on.month <= 6 else date(on.year, 12, 31)
