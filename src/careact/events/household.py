"""Events about the household: a relative moving into or out of the home, or dying; a partner's change.

A relative living in a care-home resident's home can keep it disregarded (SI 2014/2672 Sch 2 para 4),
so who lives there is part of the case. An occupant is found by relationship and date of birth, or by
``index`` (their position in ``home.occupants`` on the effective date).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..charging.models import CapitalItem, IncomeItem, Partner, QualifyingRelative
from .base import EventBase, EventRule, IsoDate, Replay

__all__ = ["PartnerChanged", "RelativeDied", "RelativeMovedIn", "RelativeMovedOut"]

_PARA_4 = "SI 2014/2672 Sch 2 para 4"


def _occupants(event: EventBase, replay: Replay) -> list[Any]:
    home = replay.case.get("home")
    if home is None:
        raise event.contradiction(f"the case has no home on {event.effective.isoformat()}")
    occupants: list[Any] = home.get("occupants", [])
    return occupants


class _Leaves(EventBase):
    relationship: Literal["partner", "former_partner_lone_parent", "family_member", "relative", "child_of_adult", "other"]
    date_of_birth: IsoDate | None = None
    index: int | None = Field(None, ge=0, description="The occupant's position in home.occupants on the effective date, "
                              "where relationship and date of birth do not single them out.")

    def changes(self, replay: Replay) -> dict[str, Any]:
        occupants = _occupants(self, replay)
        found = [i for i, o in enumerate(occupants) if o["relationship"] == self.relationship
                 and (self.date_of_birth is None or o.get("date_of_birth") == self.date_of_birth.isoformat())]
        who = self.relationship.replace("_", " ") + (f" born {self.date_of_birth.isoformat()}" if self.date_of_birth else "")
        if self.index is not None:
            if self.index not in found:
                raise self.contradiction(f"home.occupants[{self.index}] is not a {who}", "index")
            found = [self.index]
        if not found:
            raise self.contradiction(f"no {who} lives in the home on {self.effective.isoformat()}", "relationship")
        if len(found) > 1:
            raise self.contradiction(f"{len(found)} occupants match ({', '.join(f'home.occupants[{i}]' for i in found)}): "
                                     "give date_of_birth or index", "index")
        return {f"home.occupants[{found[0]}]": None}


class RelativeMovedOut(_Leaves):
    """Someone living in the adult's home moves out."""

    RULE = EventRule("relative_moved_out", "someone living in the home moves out: the home may stop being disregarded",
                     _PARA_4)
    type: Literal["relative_moved_out"] = "relative_moved_out"


class RelativeDied(_Leaves):
    """Someone living in the adult's home dies."""

    RULE = EventRule("relative_died", "someone living in the home has died: the home may stop being disregarded",
                     _PARA_4)
    type: Literal["relative_died"] = "relative_died"


class RelativeMovedIn(EventBase):
    """Someone moves into the adult's home."""

    RULE = EventRule("relative_moved_in", "someone moves into the home: it may be disregarded while they live there",
                     _PARA_4)
    type: Literal["relative_moved_in"] = "relative_moved_in"
    occupant: QualifyingRelative

    def changes(self, replay: Replay) -> dict[str, Any]:
        occupants = _occupants(self, replay)
        return {f"home.occupants[{len(occupants)}]": self.occupant.model_dump(mode="json", exclude_none=True)}


class PartnerChanged(EventBase):
    """The adult's partner changes: a new partner, a partner's circumstances (moving into a care home,
    say), or no partner any more (``partner: null``: separated, or died).

    When the partner goes, their own income and capital leave the case; anything held jointly must be
    restated: give the adult's ``income`` and ``capital`` as they now stand.
    """

    RULE = EventRule("partner_changed", "the adult's partner changes: the couple's circumstances are assessed anew",
                     "SI 2014/2672 reg 7(4); Care and Support Statutory Guidance Annexes B and C")
    type: Literal["partner_changed"] = "partner_changed"
    reason: Literal["new_partner", "partner_circumstances", "separated", "died"]
    partner: Partner | None
    income: list[IncomeItem] | None = Field(None, max_length=100, description="The adult's income from this day, "
                                            "replacing the case's (needed when income was held jointly).")
    capital: list[CapitalItem] | None = Field(None, max_length=200, description="The adult's capital from this day, "
                                              "replacing the case's (needed when capital was held jointly).")

    def changes(self, replay: Replay) -> dict[str, Any]:
        case = replay.case
        out: dict[str, Any] = {}
        if self.income is not None:
            out["income"] = [i.model_dump(mode="json", exclude_none=True) for i in self.income]
        if self.capital is not None:
            out["capital"] = [c.model_dump(mode="json", exclude_none=True) for c in self.capital]
        if self.partner is not None:
            if self.reason in ("separated", "died"):
                raise self.contradiction(f"a partner who has {'died' if self.reason == 'died' else 'separated'} is "
                                         "given as partner: null", "partner")
            out["partner"] = self.partner.model_dump(mode="json", exclude_none=True)
            return out
        if case.get("partner") is None:
            raise self.contradiction(f"the case has no partner on {self.effective.isoformat()}", "partner")
        if self.reason not in ("separated", "died"):
            raise self.contradiction("no partner any more: the reason is 'separated' or 'died'", "reason")
        out["partner"] = None
        income = out.get("income", case.get("income", []))
        capital = out.get("capital", case.get("capital", []))
        joint = [f"income[{i}]" for i, x in enumerate(income) if x.get("owner") == "joint"]
        joint += [f"capital[{i}]" for i, x in enumerate(capital) if x.get("owner") == "joint_with_partner"]
        if (case.get("home") or {}).get("owner") == "joint_with_partner":
            joint.append("home")
        if joint:
            raise self.contradiction(f"{', '.join(joint)} {'is' if len(joint) == 1 else 'are'} held with the partner: "
                                     "give the adult's income and capital as they now stand (and report the home with "
                                     "capital_reported first)", "capital" if any(j != "home" for j in joint) else "partner")
        if self.income is None and any(x.get("owner") == "partner" for x in income):
            out["income"] = [x for x in income if x.get("owner") != "partner"]
        if self.capital is None and any(x.get("owner") == "partner" for x in capital):
            out["capital"] = [x for x in capital if x.get("owner") != "partner"]
        return out
