"""Events about income: a benefit awarded, changed or stopped; other income starting, changing or stopping.

Benefits and other income are treated alike (by their income-type id from the catalogue); the two
families of events exist so a case-management system can say which it means. An item is found by its
income type and owner; where the case has two items of the same type and owner, ``index`` (its
position in the case's ``income`` list on the effective date) says which.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..charging.catalogue import income_types
from ..charging.models import IncomeItem, OwnerIncome
from ..money import NonNegativeMoney
from ..periods import Frequency
from .base import EventBase, EventRule, Replay

__all__ = [
    "BenefitAwarded",
    "BenefitChanged",
    "BenefitStopped",
    "IncomeChanged",
    "IncomeStarted",
    "IncomeStopped",
]

_CITE = "SI 2014/2672 Part 3 (regs 13-17) and Sch 1"


def _check_type(event: EventBase, replay: Replay, type_id: str, field: str) -> None:
    if type_id not in income_types(replay.ruleset):
        raise event.contradiction(f"unknown income type {type_id!r}; see the income-type catalogue for the ids "
                                  "careact knows", field)


class _Starts(EventBase):
    WHAT: ClassVar[str]
    item: IncomeItem

    def changes(self, replay: Replay) -> dict[str, Any]:
        _check_type(self, replay, self.item.type, "item.type")
        income = replay.case.get("income", [])
        if any(i["type"] == self.item.type and i.get("owner", "person") == self.item.owner for i in income):
            raise self.contradiction(f"the case already has {self.WHAT} {self.item.type!r} ({self.item.owner}) on "
                                     f"{self.effective.isoformat()}: send a change instead", "item.type")
        return {f"income[{len(income)}]": self.item.model_dump(mode="json", exclude_none=True)}


class _Finds(EventBase):
    WHAT: ClassVar[str]
    income_type: str = Field(min_length=1, max_length=100, description="The income-type id of the item, as the case has it.")
    owner: OwnerIncome = "person"
    index: int | None = Field(None, ge=0, description="Only where the case has two items of this type and owner: "
                              "the item's position in the case's income list on the effective date.")

    def _find(self, replay: Replay) -> int:
        income = replay.case.get("income", [])
        found = [i for i, item in enumerate(income)
                 if item["type"] == self.income_type and item.get("owner", "person") == self.owner]
        if not found:
            raise self.contradiction(f"the case has no {self.WHAT} {self.income_type!r} ({self.owner}) on "
                                     f"{self.effective.isoformat()}", "income_type")
        if self.index is not None:
            if self.index not in found:
                raise self.contradiction(f"income[{self.index}] is not {self.WHAT} {self.income_type!r} ({self.owner})",
                                         "index")
            return self.index
        if len(found) > 1:
            raise self.contradiction(f"the case has {len(found)} items {self.income_type!r} ({self.owner}) at "
                                     f"income{found}: give index", "index")
        return found[0]


class _Changes(_Finds):
    amount: NonNegativeMoney | None = None
    frequency: Frequency | None = None
    new_type: str | None = Field(None, min_length=1, max_length=100,
                                 description="A new income-type id (a different rate, e.g. Attendance Allowance "
                                 "lower to higher).")

    @model_validator(mode="after")
    def _something(self) -> _Changes:
        if self.amount is None and self.frequency is None and self.new_type is None:
            raise ValueError("amount: give the new amount, frequency or new_type")
        return self

    def changes(self, replay: Replay) -> dict[str, Any]:
        i = self._find(replay)
        out: dict[str, Any] = {}
        if self.new_type is not None:
            _check_type(self, replay, self.new_type, "new_type")
            out[f"income[{i}].type"] = self.new_type
        if self.amount is not None:
            out[f"income[{i}].amount"] = f"{self.amount:.2f}"
        if self.frequency is not None:
            out[f"income[{i}].frequency"] = self.frequency.value
        return out


class _Stops(_Finds):
    def changes(self, replay: Replay) -> dict[str, Any]:
        return {f"income[{self._find(replay)}]": None}


class BenefitAwarded(_Starts):
    """A social security benefit is awarded (give it as an income item)."""

    RULE = EventRule("benefit_awarded", "a benefit is awarded: it is taken into account, less any disregard", _CITE)
    WHAT = "a benefit"
    type: Literal["benefit_awarded"] = "benefit_awarded"


class BenefitChanged(_Changes):
    """A benefit in payment changes: a new amount, frequency or rate."""

    RULE = EventRule("benefit_changed", "a benefit changes: the new amount is taken into account", _CITE)
    WHAT = "a benefit"
    type: Literal["benefit_changed"] = "benefit_changed"


class BenefitStopped(_Stops):
    """A benefit stops being paid."""

    RULE = EventRule("benefit_stopped", "a benefit stops: it is no longer taken into account", _CITE)
    WHAT = "a benefit"
    type: Literal["benefit_stopped"] = "benefit_stopped"


class IncomeStarted(_Starts):
    """Income other than a benefit starts: a pension, earnings, rent from a lodger..."""

    RULE = EventRule("income_started", "income starts: it is taken into account, less any disregard", _CITE)
    WHAT = "income"
    type: Literal["income_started"] = "income_started"


class IncomeChanged(_Changes):
    """Income other than a benefit changes."""

    RULE = EventRule("income_changed", "income changes: the new amount is taken into account", _CITE)
    WHAT = "income"
    type: Literal["income_changed"] = "income_changed"


class IncomeStopped(_Stops):
    """Income other than a benefit stops."""

    RULE = EventRule("income_stopped", "income stops: it is no longer taken into account", _CITE)
    WHAT = "income"
    type: Literal["income_stopped"] = "income_stopped"
