"""What changed between two resolutions of rules: two dates, two versions, or with and without an overlay.

This is the April-uprating view: ``diff(rules, date(2025, 3, 31), rules, date(2025, 4, 7))`` lists
every parameter whose value moved, with old and new values and the citation of the new one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import ParamValue
from .ruleset import RuleSet

__all__ = ["ParameterChange", "diff"]


@dataclass(frozen=True, slots=True)
class ParameterChange:
    """One parameter that differs between two resolutions (``before``/``after`` is None where absent)."""

    name: str
    before: ParamValue | None
    after: ParamValue | None

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "before": self.before.as_dict() if self.before else None,
            "after": self.after.as_dict() if self.after else None,
        }


def diff(a: RuleSet, on_a: date, b: RuleSet | None = None, on_b: date | None = None) -> list[ParameterChange]:
    """Parameters whose value (or layer) differs between ``a`` on ``on_a`` and ``b`` on ``on_b``.

    ``b`` defaults to ``a`` and ``on_b`` to ``on_a``, so ``diff(rules, d1, on_b=d2)`` compares two
    dates and ``diff(base, d, with_overlay)`` compares two rule sets on one date.
    """
    b = b or a
    on_b = on_b or on_a
    ra, rb = a.at(on_a), b.at(on_b)
    changes = []
    for name in sorted(set(ra) | set(rb)):
        pa, pb = ra.get(name), rb.get(name)
        if pa is None or pb is None or pa.value != pb.value or pa.layer != pb.layer:
            changes.append(ParameterChange(name, pa, pb))
    return changes
