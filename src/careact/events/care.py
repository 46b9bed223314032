"""Events about the care itself: a financial assessment, admission to and discharge from a care home, a
stay becoming permanent, the cost of care changing, hospital stays, and care ending."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from ..charging.models import ChargingCase
from ..money import NonNegativeMoney
from .base import CHANGE_OF_CIRCUMSTANCES, EventBase, EventRule, Replay

__all__ = [
    "AdmittedToCareHome",
    "CareCostChanged",
    "CareEnded",
    "DischargedFromCareHome",
    "FinancialAssessment",
    "HospitalAdmission",
    "HospitalDischarge",
    "StayBecomesPermanent",
]

CARE_HOME_SETTINGS = ("permanent_residential", "temporary_residential", "respite")
_STAY_SETTING = {"permanent": "permanent_residential", "temporary": "temporary_residential", "respite": "respite"}


def _money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def _care(replay: Replay) -> dict[str, Any]:
    care: dict[str, Any] = replay.case["care"]
    return care


class FinancialAssessment(EventBase):
    """A full financial assessment: the adult's circumstances from ``effective``, as a charging case.

    The first one (in effective-date order) opens the case; a later one replaces every part of the case
    that differs.
    """

    RULE = EventRule("financial_assessment", "a financial assessment records the adult's circumstances",
                     "Care Act 2014 s 17; SI 2014/2672")
    type: Literal["financial_assessment"] = "financial_assessment"
    case: ChargingCase

    def case_json(self) -> dict[str, Any]:
        out: dict[str, Any] = self.case.model_dump(mode="json", by_alias=True, exclude_none=True)
        return out

    def changes(self, replay: Replay) -> dict[str, Any]:
        new = self.case_json()
        keys = [k for k in (*replay.case, *new) if k != "schema"]
        return {k: new.get(k) for k in dict.fromkeys(keys) if replay.case.get(k) != new.get(k)}


class AdmittedToCareHome(EventBase):
    """The adult moves into a care home, for a permanent, temporary or respite stay."""

    RULE = EventRule("admitted_to_care_home", "admission to a care home: the adult is charged under the rules for "
                     "the stay (for a permanent stay the 12-week property disregard begins)",
                     "Care Act 2014 s 14; SI 2014/2672 regs 3-5; Sch 2 para 2")
    type: Literal["admitted_to_care_home"] = "admitted_to_care_home"
    stay: Literal["permanent", "temporary", "respite"]
    weekly_cost: NonNegativeMoney = Field(description="The care-home fee the council would pay, a week.")
    third_party_top_up: NonNegativeMoney = Decimal("0.00")
    property_disregard_weeks_used: int = Field(0, ge=0, le=12, description="For a permanent stay: weeks of the "
                                               "12-week property disregard already used in an earlier permanent stay.")

    def changes(self, replay: Replay) -> dict[str, Any]:
        care = _care(replay)
        if care["setting"] in CARE_HOME_SETTINGS:
            raise self.contradiction(f"the adult is already in a care home ({care['setting'].replace('_', ' ')}) on "
                                     f"{self.effective.isoformat()}: record the discharge, or that the stay becomes "
                                     "permanent, instead", "stay")
        if replay.hospital is not None:
            raise self.contradiction(f"the adult is in hospital since {replay.hospital[1].isoformat()} (event "
                                     f"{replay.hospital[0]!r}): record the hospital discharge first (the same day is fine)")
        new: dict[str, Any] = {"setting": _STAY_SETTING[self.stay], "weekly_cost": _money(self.weekly_cost)}
        if self.stay == "permanent":
            new["start_date"] = self.effective.isoformat()
            new["property_disregard_weeks_used"] = self.property_disregard_weeks_used
        if self.third_party_top_up:
            new["third_party_top_up"] = _money(self.third_party_top_up)
        return {"care": new}


class StayBecomesPermanent(EventBase):
    """A temporary or respite stay in a care home becomes permanent."""

    RULE = EventRule("stay_becomes_permanent", "the temporary stay becomes permanent: the adult is charged as a "
                     "permanent resident and the 12-week property disregard begins",
                     "SI 2014/2672 regs 2 and 8; Sch 2 para 2")
    type: Literal["stay_becomes_permanent"] = "stay_becomes_permanent"
    weekly_cost: NonNegativeMoney | None = Field(None, description="The fee from this day, if it changes.")

    def changes(self, replay: Replay) -> dict[str, Any]:
        care = _care(replay)
        if care["setting"] not in ("temporary_residential", "respite"):
            raise self.contradiction(f"the adult is not in a temporary or respite stay on {self.effective.isoformat()} "
                                     f"(the care is {care['setting'].replace('_', ' ')})")
        out: dict[str, Any] = {"care.setting": "permanent_residential", "care.start_date": self.effective.isoformat()}
        if self.weekly_cost is not None:
            out["care.weekly_cost"] = _money(self.weekly_cost)
        return out


class DischargedFromCareHome(EventBase):
    """The adult leaves the care home and goes home, with care and support at home costing ``home_care_weekly_cost``."""

    RULE = EventRule("discharged_from_care_home", "the adult leaves the care home: care at home is charged under the "
                     "rules for care other than in a care home", "Care Act 2014 s 14; SI 2014/2672 regs 3-5 and 7")
    type: Literal["discharged_from_care_home"] = "discharged_from_care_home"
    home_care_weekly_cost: NonNegativeMoney = Field(description="The weekly cost of care and support at home from this day "
                                                    "(\"0.00\" if none is arranged).")

    def changes(self, replay: Replay) -> dict[str, Any]:
        care = _care(replay)
        if care["setting"] not in CARE_HOME_SETTINGS:
            raise self.contradiction(f"the adult is not in a care home on {self.effective.isoformat()}")
        return {"care": {"setting": "non_residential", "weekly_cost": _money(self.home_care_weekly_cost)}}


class CareCostChanged(EventBase):
    """The cost of meeting the adult's needs changes: a care package reviewed, a care-home fee changed."""

    RULE = EventRule("care_cost_changed", "the cost of care changes: the charge never exceeds the cost of meeting "
                     "the needs", "Care Act 2014 s 14(7); SI 2014/2672 regs 3-5")
    type: Literal["care_cost_changed"] = "care_cost_changed"
    weekly_cost: NonNegativeMoney
    third_party_top_up: NonNegativeMoney | None = Field(None, description="For a care-home placement: the third-party "
                                                        "top-up from this day, if it changes.")

    def changes(self, replay: Replay) -> dict[str, Any]:
        out: dict[str, Any] = {"care.weekly_cost": _money(self.weekly_cost)}
        if self.third_party_top_up is not None:
            if _care(replay)["setting"] not in CARE_HOME_SETTINGS:
                raise self.contradiction("a third-party top-up is for a care-home placement; the adult receives care at "
                                         "home on this day", "third_party_top_up")
            out["care.third_party_top_up"] = _money(self.third_party_top_up)
        if replay.hospital is not None and replay.hospital[2] is not None:
            # the new cost applies when the adult leaves hospital
            replay.hospital = (replay.hospital[0], replay.hospital[1], _money(self.weekly_cost))
            out.pop("care.weekly_cost")
        return out


class CareEnded(EventBase):
    """Care and support ends (the adult has died, no longer needs it, has moved away...): no charge from ``effective``."""

    RULE = EventRule("care_ended", "care and support ends: nothing is charged from this day",
                     "Care Act 2014 s 14 (a charge is for meeting needs)")
    type: Literal["care_ended"] = "care_ended"
    reason: Literal["died", "no_longer_needed", "moved_away", "declined", "other"]

    def changes(self, replay: Replay) -> dict[str, Any]:
        replay.closed = self.effective
        return {}


class HospitalAdmission(EventBase):
    """The adult goes into hospital. For care at home, give what the care costs while they are there
    (``"0.00"`` when the package is suspended); a care-home placement kept open usually costs the same."""

    RULE = EventRule("hospital_admission", "admission to hospital: the charge follows the cost of the care the adult "
                     "receives while in hospital", CHANGE_OF_CIRCUMSTANCES)
    type: Literal["hospital_admission"] = "hospital_admission"
    weekly_cost_while_in_hospital: NonNegativeMoney | None = Field(
        None, description="The weekly cost of care while in hospital; unset: unchanged (a care-home place kept open).")

    def changes(self, replay: Replay) -> dict[str, Any]:
        if replay.hospital is not None:
            raise self.contradiction(f"the adult is already in hospital since {replay.hospital[1].isoformat()} "
                                     f"(event {replay.hospital[0]!r})")
        if self.weekly_cost_while_in_hospital is None:
            replay.hospital = (self.id, self.effective, None)
            return {}
        replay.hospital = (self.id, self.effective, _care(replay)["weekly_cost"])
        return {"care.weekly_cost": _money(self.weekly_cost_while_in_hospital)}


class HospitalDischarge(EventBase):
    """The adult leaves hospital. The cost of care goes back to what it was before the admission (or to
    any later change recorded during the stay), unless ``weekly_cost`` gives a new one."""

    RULE = EventRule("hospital_discharge", "discharge from hospital: the charge follows the cost of care again",
                     CHANGE_OF_CIRCUMSTANCES)
    type: Literal["hospital_discharge"] = "hospital_discharge"
    weekly_cost: NonNegativeMoney | None = None

    def changes(self, replay: Replay) -> dict[str, Any]:
        if replay.hospital is None:
            raise self.contradiction(f"the adult is not in hospital on {self.effective.isoformat()}")
        _, _, before = replay.hospital
        replay.hospital = None
        if self.weekly_cost is not None:
            return {"care.weekly_cost": _money(self.weekly_cost)}
        return {"care.weekly_cost": before} if before is not None else {}
