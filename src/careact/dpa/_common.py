"""Shared plumbing for the DPA rules: the call convention, validating inputs, building results."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from .. import __version__
from ..errors import InputError
from ..explain import Explanation, NullTrace, Trace
from ..explain.lazy import ExplanationView
from ..results import FiguresStatus, check_on, figures_status
from ..results import resolve_rules as _resolve
from ..rules import Layer, RuleSet
from ..rules.reader import FigureLedger
from ..validation import validate_model

__all__ = [
    "DAYS_IN_WEEK",
    "Evaluation",
    "OverlayArg",
    "coerce",
    "half_year_end",
    "half_year_start",
    "overlay_keyword",
    "require_on",
    "resolve_rules",
]

DAYS_IN_WEEK = 7
"""Days in a week: weekly amounts are spread over, or pro-rated by, days."""

M = TypeVar("M", bound=BaseModel)

OverlayArg = str | Path | Layer | Iterable[str | Path | Layer] | None


def resolve_rules(rules: RuleSet | None = None, overlays: OverlayArg = (), *, on: date | None = None) -> RuleSet:
    """The rule set to use: ``rules`` (or the bundled national set) with ``overlays`` on top.

    With ``on``, checks that the rules cover that date.
    """
    return _resolve(rules, overlays, on=on)  # type: ignore[no-any-return]


def overlay_keyword(function: str, overlay: OverlayArg, overlays: OverlayArg) -> OverlayArg:
    """``overlays``, or the deprecated ``overlay=`` keyword (with a :class:`DeprecationWarning`)."""
    if overlay is None:
        return overlays
    warnings.warn(f"{function}: 'overlay=' is now 'overlays='; the old name will be removed in careact 0.3",
                  DeprecationWarning, stacklevel=3)
    if overlays not in (None, ()):
        raise TypeError(f"{function}() got both 'overlay' and 'overlays'")
    return overlay


def require_on(on: Any, example: str, field: str = "on") -> date:
    """``on`` must be given, as a date: the library never assumes "today"."""
    if on is None:
        raise InputError.single(field, f"is required: {example}", "missing")
    return check_on(on, field)


def coerce(model: type[M], data: Any, prefix: str = "") -> M:
    """``data`` as ``model``: an instance passes through; a mapping is validated (InputError on failure)."""
    if isinstance(data, model):
        return data
    return validate_model(model, data, prefix=prefix)


class Evaluation:
    """One DPA evaluation: its trace (a :class:`NullTrace` with ``explain=False``), the ledger of the
    figures it read, and the rule set, so nested rules record into the same explanation."""

    __slots__ = ("explain", "figures", "rules", "trace")

    def __init__(self, rules: RuleSet, explain: bool) -> None:
        self.rules = rules
        self.explain = explain
        self.trace: Trace = Trace() if explain else NullTrace()
        self.figures = FigureLedger()

    @classmethod
    def with_trace(cls, rules: RuleSet, explain: bool, trace: Trace | None, fn: str) -> Evaluation:
        """An evaluation for ``fn``; a ``trace`` passed by the caller (deprecated) records the steps instead."""
        ev = cls(rules, explain and trace is None)
        if trace is not None:
            warnings.warn(f"{fn}: 'trace=' is deprecated; read the result's explanation instead (removed in careact 0.3)",
                          DeprecationWarning, stacklevel=3)
            ev.trace = trace
        return ev

    def explanation(self, subject: str, on: date) -> ExplanationView | None:
        if not self.explain:
            return None
        self.trace.finish()
        return ExplanationView(Explanation.from_trace(subject, on, self.rules.identity(), self.trace))

    def common(self, subject: str, on: date) -> dict[str, Any]:
        """The fields every DPA result carries besides its own figures."""
        return {
            "figures": self.figures_status(on),
            "ruleset": self.rules.identity(),
            "careact_version": __version__,
            "explanation": self.explanation(subject, on),
        }

    def figures_status(self, on: date) -> FiguresStatus:
        return figures_status(self.figures, on)


def half_year_start(on: date) -> date:
    """Start of the relevant period containing ``on`` (1 January or 1 July; SI 2014/2671 reg 9(5))."""
    return date(on.year, 1 if on.month <= 6 else 7, 1)


def half_year_end(on: date) -> date:
    """Last day of the relevant period containing ``on`` (30 June or 31 December)."""
    return date(on.year, 6, 30) if on.month <= 6 else date(on.year, 12, 31)
