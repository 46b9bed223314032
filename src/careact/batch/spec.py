"""Rule specs: ``NAME[+OVERLAY...][@YYYY-MM-DD]`` -- a rule set, its overlays and the date of assessment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..errors import InputError
from ..rules import RuleSet, load_ruleset

__all__ = ["RuleSpec"]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """Which rules to assess a case under, and on which day.

    ``england@2025-03-31`` is the last day of 2024-25; ``england@2025-04-07`` the first Monday of
    2025-26; ``england+council/example_borough+reform/reform_2021@2026-01-01`` stacks two overlays. An
    overlay may also be a path to a TOML file. A spec without a date is assessed on ``default_on``.
    """

    name: str
    overlays: tuple[str, ...] = ()
    on: date | None = None

    @classmethod
    def parse(cls, text: str | RuleSpec, *, field: str = "spec") -> RuleSpec:
        if isinstance(text, RuleSpec):
            return text
        body, at, when = str(text).strip().partition("@")
        name, *overlays = body.split("+")
        if not name:
            raise InputError.single(field, f"{text!r} has no rule-set name (NAME[+OVERLAY...][@YYYY-MM-DD])", "spec")
        if any(not o for o in overlays):
            raise InputError.single(field, f"{text!r} has an empty overlay name", "spec")
        on = None
        if at:
            try:
                on = date.fromisoformat(when)
            except ValueError:
                raise InputError.single(field, f"{when!r} is not a date (YYYY-MM-DD)", "spec") from None
        return cls(name, tuple(overlays), on)

    def with_overlays(self, extra: Iterable[str]) -> RuleSpec:
        return RuleSpec(self.name, self.overlays + tuple(extra), self.on)

    def load(self) -> RuleSet:
        return load_ruleset(self.name, self.overlays)

    def date_or(self, default: date) -> date:
        return self.on or default

    def __str__(self) -> str:
        text = "+".join((self.name, *self.overlays))
        return f"{text}@{self.on.isoformat()}" if self.on else text
