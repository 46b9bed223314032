"""What every careact result shares: the call convention, the figures' status, and the JSON form.

Every domain (:mod:`careact.charging`, :mod:`careact.eligibility`, :mod:`careact.dpa`,
:mod:`careact.reform`) is called the same way::

    result = careact.charging.assess(case, on=date(2025, 6, 1))                  # national rules
    result = careact.charging.assess(case, on=day, overlays=["council/reading"])  # with overlays
    result = careact.charging.assess(case, on=day, rules=my_rules, explain=False)

``on`` is required (the library never assumes "today"); ``rules`` is a
:class:`~careact.rules.RuleSet` (the bundled national set if omitted) and ``overlays`` are applied
on top of it (bundled names, files or in-memory overlays from :func:`careact.rules.make_overlay`).
Every result is a pydantic model with ``.explanation`` (``None`` when ``explain=False``),
``.figures`` (whether any figure it rests on is unverified), ``.to_json()`` and a committed JSON
Schema (``careact/schemas``).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema

from .errors import InputError
from .explain.lazy import explanation_json
from .rules.model import Layer, Status
from .rules.reader import FigureLedger

__all__ = ["CareactResult", "ExplanationField", "FiguresStatus", "OverlaySpec", "check_on", "figures_status", "financial_year",
           "legacy_call", "resolve_rules"]

OverlaySpec = str | Path | Layer

ExplanationField = Annotated[
    Any,
    PlainSerializer(explanation_json),
    WithJsonSchema({"anyOf": [{"$ref": "https://careact.dev/schemas/explain-1.json"}, {"type": "null"}]}),
]
"""The type of a result's ``explanation`` field: an :class:`~careact.explain.lazy.ExplanationView`
(a mapping built when first read), serialised as the ``careact.explain/1`` document, or ``None``."""


class FiguresStatus(BaseModel):
    """Whether the figures a result rests on are verified against their instruments."""

    model_config = ConfigDict(frozen=True)
    status: Literal["verified", "secondary", "unverified"] = Field(
        description="The weakest status among the figures used: verified (read in the instrument or a primary "
        "government page), secondary (a restatement: council page, charity guide, answer to a question) or "
        "unverified (derived, or no source found).")
    unverified: tuple[str, ...] = Field((), description="Parameters used whose figure is unverified.")
    secondary: tuple[str, ...] = Field((), description="Parameters used whose figure rests on a secondary source.")
    notice: str | None = Field(None, description="The status in words, for a letter or a screen (None when every figure is verified).")


class CareactResult(BaseModel):
    """The shared behaviour of every result model: its JSON form and its JSON Schema.

    A result's ``explanation`` (where it has one) is a mapping built when first read, ``None`` when
    the call asked for ``explain=False``; ``figures`` is its :class:`FiguresStatus`.
    """

    # a field with a default is still always written: the serialisation schema says so
    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    def to_json(self, *, indent: int | None = None) -> str:
        """The result as JSON (money as decimal strings, dates ISO), as the schema describes it."""
        return self.model_dump_json(by_alias=True, indent=indent)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON types."""
        return self.model_dump(mode="json", by_alias=True)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the result (committed in ``careact/schemas``; a test checks it has not drifted)."""
        return cls.model_json_schema(by_alias=True, mode="serialization")


def financial_year(on: date) -> str:
    """The English financial year of ``on``: ``2026-27`` for 1 April 2026 to 31 March 2027."""
    start = on.year if on.month >= 4 else on.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def figures_status(ledger: FigureLedger, on: date) -> FiguresStatus:
    """The :class:`FiguresStatus` of the figures a ledger noted, with a sentence in words."""
    return _figures_status(tuple(ledger.unverified), tuple(ledger.secondary), financial_year(on))


@lru_cache(maxsize=1024)
def _figures_status(unverified_t: tuple[str, ...], secondary_t: tuple[str, ...], year: str) -> FiguresStatus:
    ledger = FigureLedger()
    ledger.unverified.update(dict.fromkeys(unverified_t))
    ledger.secondary.update(dict.fromkeys(secondary_t))
    status = ledger.status
    notice = None
    if status is Status.UNVERIFIED:
        notice = (f"This result uses {year} figures not yet confirmed against the regulations "
                  f"({len(ledger.unverified)} unverified: {', '.join(sorted(ledger.unverified)[:5])}"
                  f"{', …' if len(ledger.unverified) > 5 else ''}).")
    elif status is Status.SECONDARY:
        notice = (f"This result uses {year} figures read from a secondary source, not yet from the "
                  f"regulations themselves ({len(ledger.secondary)} figures).")
    return FiguresStatus(status=status.value, unverified=tuple(sorted(ledger.unverified)),
                         secondary=tuple(sorted(ledger.secondary)), notice=notice)


def check_on(on: Any, field: str = "on") -> date:
    """``on`` must be a date (not a date-time) within careact's coverage."""
    if not isinstance(on, date) or isinstance(on, datetime):
        raise InputError.single(field, f"must be a date (YYYY-MM-DD), not {type(on).__name__}", "type")
    return on


def resolve_rules(rules: Any = None, overlays: Iterable[OverlaySpec] | OverlaySpec | None = (), *,
                  on: date | None = None, field: str = "on") -> Any:
    """The rule set to evaluate with: ``rules`` (or the bundled national set) with ``overlays`` on top.

    With ``on``, checks that the rules cover that date and says when they start if not.
    """
    from .rules import RuleSet, load_overlay, load_ruleset
    from .rules.catalogue import with_overlays

    if overlays is None:
        specs: list[OverlaySpec] = []
    elif isinstance(overlays, (str, Path, Layer)):
        specs = [overlays]
    else:
        specs = list(overlays)
    if rules is not None and not isinstance(rules, RuleSet):
        raise InputError.single("rules", f"must be a careact RuleSet, not {type(rules).__name__}", "type")
    if rules is None:
        ruleset = load_ruleset("england", specs)
    else:
        ruleset = with_overlays(rules, [o if isinstance(o, Layer) else load_overlay(o) for o in specs])
    if on is not None:
        start = ruleset.covers_from()
        if on < start:
            raise InputError.single(field, f"careact's rules start on {start.day} {start:%B} {start.year}; "
                                    f"{on.isoformat()} is before that", "out_of_range")
    return ruleset


def legacy_call(function: str, positional: Sequence[Any], names: Sequence[str], keywords: dict[str, Any]) -> None:
    """Move deprecated positional arguments (and ``overlay=``) into keywords, warning once per call."""
    if positional:
        warnings.warn(f"{function}: pass {', '.join(names[: len(positional)])} by keyword "
                      f"({function}(case, on=...)); positional forms will be removed in careact 0.3",
                      DeprecationWarning, stacklevel=3)
        for name, value in zip(names, positional, strict=False):
            if keywords.get(name) not in (None, ()):
                raise TypeError(f"{function}() got {name!r} both by position and by keyword")
            keywords[name] = value
