"""Capital reported: the adult's capital as it stands on a day (a bank statement, a sale, an inheritance)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..charging.catalogue import capital_types
from ..charging.models import CapitalItem, Home
from .base import EventBase, EventRule, Replay

__all__ = ["CapitalReported"]


class CapitalReported(EventBase):
    """The adult's capital on the effective date: every item (it replaces the capital the case had), and,
    if given, the home (``null``: the adult no longer has one, after a sale, say; left out: unchanged)."""

    RULE = EventRule("capital_reported", "capital changes: capital above the lower limit gives tariff income, and "
                     "above the upper limit the adult pays the full cost",
                     "SI 2014/2672 Part 4 (regs 18-25) and Sch 2; reg 12")
    type: Literal["capital_reported"] = "capital_reported"
    capital: list[CapitalItem] = Field(max_length=200)
    home: Home | None = Field(None, description="The home as it now stands; null: no home any more; left out: unchanged.")

    def changes(self, replay: Replay) -> dict[str, Any]:
        known = capital_types(replay.ruleset)
        for i, item in enumerate(self.capital):
            if item.type not in known:
                raise self.contradiction(f"unknown capital type {item.type!r}; see the capital-type catalogue for the "
                                         "ids careact knows", f"capital[{i}].type")
        out: dict[str, Any] = {"capital": [c.model_dump(mode="json", exclude_none=True) for c in self.capital]}
        if "home" in self.model_fields_set:
            out["home"] = None if self.home is None else self.home.model_dump(mode="json", exclude_none=True)
        return {k: v for k, v in out.items() if replay.case.get(k) != v or k == "capital"}
