"""Events that change no circumstance: a review, a change of rules or of the council's policy, and a
record of what was actually charged."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator

from ..money import NonNegativeMoney
from .base import CHANGE_OF_CIRCUMSTANCES, EventBase, EventRule, IsoDate, Replay

__all__ = ["ChargeRecorded", "OverlayChanged", "Review", "RulesChanged"]


class Review(EventBase):
    """The council reviews the charge: an annual review, or acting on a scheduled reassessment."""

    RULE = EventRule("review", "the charge is reviewed", CHANGE_OF_CIRCUMSTANCES)
    CHANGES_CASE = False
    type: Literal["review"] = "review"


class RulesChanged(EventBase):
    """The rules changed: an April uprating, or a new rule-set version (corrected figures, a new careact
    release). The charge is worked out again from ``effective`` under the rules now installed."""

    RULE = EventRule("rules_changed", "the rules change (an uprating, or corrected figures): the charge is worked out "
                     "again under the rules in force", "Care Act 2014 s 14; SI 2014/2672 (as amended each April)")
    CHANGES_CASE = False
    type: Literal["rules_changed"] = "rules_changed"


class OverlayChanged(EventBase):
    """The council's charging policy for the case changes from ``effective``: the overlays in force from
    then (bundled overlay names, or files where the caller allows them), on top of the caller's own."""

    RULE = EventRule("overlay_changed", "the council's charging policy changes", "Care Act 2014 s 14 (a power to charge); "
                     "council charging policy")
    CHANGES_CASE = False
    type: Literal["overlay_changed"] = "overlay_changed"
    overlays: list[str] = Field(max_length=16, description="The overlays in force from this day (none: national rules only).")

    def changes(self, replay: Replay) -> dict[str, Any]:
        replay.overlays.append((self.effective, tuple(self.overlays)))
        return {}


class ChargeRecorded(EventBase):
    """What the council actually charged from ``effective`` to ``to`` (open-ended if absent), where it
    differs from what careact's notices said (a bill not raised, an old system's history). careact
    works out the arrears or refund for the days already past."""

    RULE = EventRule("charge_recorded", "a charge actually made is recorded: any difference from the charge due is "
                     "arrears or a refund", "SI 2014/2672 reg 11 (rounding); careact backdating rule")
    CHANGES_CASE = False
    type: Literal["charge_recorded"] = "charge_recorded"
    weekly: NonNegativeMoney
    to: IsoDate | None = Field(None, description="The last day charged at this rate (inclusive); absent: open-ended.")

    @model_validator(mode="after")
    def _order(self) -> ChargeRecorded:
        if self.to is not None and self.to < self.effective:
            raise ValueError("to: is before the effective date")
        return self
