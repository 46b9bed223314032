"""The event vocabulary: every kind of event, as one tagged union on ``type``.

==============================  ====================================================================
``type``                        what happened
==============================  ====================================================================
``financial_assessment``        a full financial assessment (the case from its effective date)
``admitted_to_care_home``       moved into a care home (permanent, temporary or respite stay)
``stay_becomes_permanent``      a temporary or respite stay became permanent
``discharged_from_care_home``   left the care home for home, with care at home
``care_cost_changed``           the care package or care-home fee changed
``care_ended``                  care ended (died, no longer needed, moved away...)
``hospital_admission``          went into hospital
``hospital_discharge``          left hospital
``benefit_awarded``             a benefit awarded
``benefit_changed``             a benefit's amount, frequency or rate changed
``benefit_stopped``             a benefit stopped
``income_started``              other income started
``income_changed``              other income changed
``income_stopped``              other income stopped
``capital_reported``            capital as it now stands (and the home, if it changed)
``relative_moved_in``           someone moved into the adult's home
``relative_moved_out``          someone living in the adult's home moved out
``relative_died``               someone living in the adult's home died
``partner_changed``             a new partner, a partner's circumstances, or no partner any more
``rules_changed``               an April uprating or a new rule-set version
``overlay_changed``             the council's charging policy (overlays) changed
``review``                      a review (annual, or acting on a scheduled reassessment)
``charge_recorded``             what the council actually charged, where it differs
==============================  ====================================================================

Every event has ``id`` (unique within the case), ``effective`` (the day it takes effect), optionally
``reported`` (the day the council learned of it) and ``note``. The JSON Schema is
``careact/schemas/events-event-1.json``.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from ..errors import FieldProblem, InputError
from .administration import ChargeRecorded, OverlayChanged, Review, RulesChanged
from .base import EventBase
from .capital import CapitalReported
from .care import (
    AdmittedToCareHome,
    CareCostChanged,
    CareEnded,
    DischargedFromCareHome,
    FinancialAssessment,
    HospitalAdmission,
    HospitalDischarge,
    StayBecomesPermanent,
)
from .household import PartnerChanged, RelativeDied, RelativeMovedIn, RelativeMovedOut
from .income import (
    BenefitAwarded,
    BenefitChanged,
    BenefitStopped,
    IncomeChanged,
    IncomeStarted,
    IncomeStopped,
)

__all__ = ["EVENT_ADAPTER", "EVENT_TYPES", "Event", "parse_event"]

Event = Annotated[
    FinancialAssessment | AdmittedToCareHome | StayBecomesPermanent | DischargedFromCareHome | CareCostChanged
    | CareEnded | HospitalAdmission | HospitalDischarge | BenefitAwarded | BenefitChanged | BenefitStopped
    | IncomeStarted | IncomeChanged | IncomeStopped | CapitalReported | RelativeMovedIn | RelativeMovedOut
    | RelativeDied | PartnerChanged | RulesChanged | OverlayChanged | Review | ChargeRecorded,
    Field(discriminator="type"),
]
"""Any careact event (a pydantic tagged union on ``type``)."""

EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)

EVENT_TYPES: dict[str, type[EventBase]] = {
    cls.model_fields["type"].default: cls
    for cls in (FinancialAssessment, AdmittedToCareHome, StayBecomesPermanent, DischargedFromCareHome, CareCostChanged,
                CareEnded, HospitalAdmission, HospitalDischarge, BenefitAwarded, BenefitChanged, BenefitStopped,
                IncomeStarted, IncomeChanged, IncomeStopped, CapitalReported, RelativeMovedIn, RelativeMovedOut,
                RelativeDied, PartnerChanged, RulesChanged, OverlayChanged, Review, ChargeRecorded)
}
"""Each event ``type`` and its model, in the order of the vocabulary."""


def _path(loc: tuple[Any, ...], prefix: str) -> str:
    out = prefix
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).startswith(("function-", "tagged-union", "json-or-python", "lax-or-strict")):
            out += ("." if out else "") + str(part)
    return out


def parse_event(data: Any, prefix: str = "") -> Event:
    """An event from its JSON form, or an :class:`~careact.errors.InputError` naming every field at fault
    (``prefix`` goes before each field name, e.g. ``events[3]``)."""
    if isinstance(data, EventBase):
        return data  # type: ignore[return-value]
    if not isinstance(data, dict):
        raise InputError.single(prefix or "(event)", "an event is a JSON object with a \"type\"", "type")
    kind = data.get("type")
    if not isinstance(kind, str) or kind not in EVENT_TYPES:
        known = ", ".join(EVENT_TYPES)
        raise InputError.single(_path(("type",), prefix), f"{kind!r} is not an event type careact knows ({known})",
                                "unknown_value" if kind is not None else "missing")
    try:
        return EVENT_ADAPTER.validate_python(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            if loc and loc[0] == kind:
                loc = loc[1:]  # the union's tag is not a field
            msg = str(err["msg"]).removeprefix("Value error, ")
            code = str(err["type"])
            if code == "extra_forbidden":
                msg = "is not a field of this event (check the spelling against the JSON Schema)"
            elif code == "missing":
                msg = "is required"
            if code == "value_error" and ": " in msg and not loc:
                sub, _, msg = msg.partition(": ")
                loc = (sub,)
            code = code[len("careact_"):] if code.startswith("careact_") else {
                "missing": "missing", "extra_forbidden": "unknown_field", "literal_error": "unknown_value"}.get(code, "invalid")
            problems.append(FieldProblem(_path(loc, prefix) or prefix or "(event)", msg, code))
        raise InputError(problems) from None
