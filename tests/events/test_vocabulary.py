"""The event vocabulary: every type documented, cited and parsed; bad events named field by field;
the committed JSON Schemas match the models."""

from __future__ import annotations

import json
from typing import Any

import pytest

from careact.errors import InputError
from careact.events import EVENT_TYPES, parse_event
from careact.events.schema import SCHEMA_DIR, SCHEMAS

SAMPLES: dict[str, dict[str, Any]] = {
    "financial_assessment": {"case": {"person": {"date_of_birth": "1950-01-01"},
                                      "care": {"setting": "non_residential", "weekly_cost": "100.00"}}},
    "admitted_to_care_home": {"stay": "temporary", "weekly_cost": "900.00"},
    "stay_becomes_permanent": {},
    "discharged_from_care_home": {"home_care_weekly_cost": "150.00"},
    "care_cost_changed": {"weekly_cost": "180.00"},
    "care_ended": {"reason": "died"},
    "hospital_admission": {"weekly_cost_while_in_hospital": "0.00"},
    "hospital_discharge": {},
    "benefit_awarded": {"item": {"type": "attendance_allowance_lower", "amount": "73.90"}},
    "benefit_changed": {"income_type": "attendance_allowance_lower", "new_type": "attendance_allowance_higher",
                        "amount": "110.40"},
    "benefit_stopped": {"income_type": "attendance_allowance_higher"},
    "income_started": {"item": {"type": "occupational_pension", "amount": "300.00", "frequency": "monthly"}},
    "income_changed": {"income_type": "occupational_pension", "amount": "320.00"},
    "income_stopped": {"income_type": "occupational_pension"},
    "capital_reported": {"capital": [{"type": "savings_account", "value": "12000.00"}]},
    "relative_moved_in": {"occupant": {"relationship": "relative", "date_of_birth": "1960-02-02"}},
    "relative_moved_out": {"relationship": "relative", "date_of_birth": "1960-02-02"},
    "relative_died": {"relationship": "relative"},
    "partner_changed": {"reason": "new_partner", "partner": {"date_of_birth": "1952-03-03"}},
    "rules_changed": {},
    "overlay_changed": {"overlays": ["council/reading"]},
    "review": {},
    "charge_recorded": {"weekly": "75.00"},
}


def sample(kind: str, n: int = 0, on: str = "2025-06-02", **extra: Any) -> dict[str, Any]:
    return {"type": kind, "id": f"{kind}-{n}", "effective": on, **SAMPLES[kind], **extra}


def test_every_type_has_a_sample_a_docstring_and_a_cited_rule() -> None:
    assert set(SAMPLES) == set(EVENT_TYPES)
    for kind, cls in EVENT_TYPES.items():
        assert cls.__doc__ and cls.__doc__.strip(), kind
        assert cls.RULE.citation and cls.RULE.description, kind
        event = parse_event(sample(kind))
        assert type(event) is cls and event.id == f"{kind}-0"


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_json_schemas_are_current(name: str) -> None:
    """Regenerate with ``python -m careact.events.schema``."""
    assert json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) == SCHEMAS[name](), name


def test_the_event_schema_lists_every_type() -> None:
    schema = SCHEMAS["events-event-1.json"]()
    assert set(schema["discriminator"]["mapping"]) == set(EVENT_TYPES)


@pytest.mark.parametrize(("event", "fields"), [
    ({"type": "care_cost_changed", "id": "a", "effective": "2025-06-02", "weekly_cost": 180.5}, {"line 4.weekly_cost"}),
    ({"type": "care_cost_changed", "id": "a", "effective": 20250602, "weekly_cost": "1"}, {"line 4.effective"}),
    ({"type": "care_cost_changed", "id": "a", "effective": "2025-06-02", "weekly_cost": "1", "weekly_costs": "2"},
     {"line 4.weekly_costs"}),
    ({"type": "benefit_changed", "id": "a", "effective": "2025-06-02", "income_type": "state_pension"}, {"line 4.amount"}),
    ({"type": "benefit_awarded", "id": "a", "effective": "2025-06-02", "item": {"type": "x", "amount": "1.005"}},
     {"line 4.item.amount"}),
    ({"type": "admitted_to_care_home", "id": "", "effective": "2025-06-02", "stay": "forever", "weekly_cost": "1"},
     {"line 4.id", "line 4.stay"}),
    ({"type": "charge_recorded", "id": "a", "effective": "2025-06-02", "to": "2025-06-01", "weekly": "1"}, {"line 4.to"}),
    ({"type": "admitted", "id": "a", "effective": "2025-06-02"}, {"line 4.type"}),
    ({"id": "a", "effective": "2025-06-02"}, {"line 4.type"}),
    ({"type": ["review"], "id": "a", "effective": "2025-06-02"}, {"line 4.type"}),
    ({"type": "review", "id": "a", "effective": "9999-12-31"}, {"line 4.effective"}),
    ({"type": "review", "id": "a", "effective": "2025-06-02", "reported": "2200-01-01"}, {"line 4.reported"}),
    (["not", "an", "object"], {"line 4"}),
])
def test_bad_events_name_every_field(event: Any, fields: set[str]) -> None:
    with pytest.raises(InputError) as err:
        parse_event(event, "line 4")
    assert set(err.value.fields) == fields, err.value.problems


def test_capital_reported_tells_an_unchanged_home_from_no_home() -> None:
    kept = parse_event(sample("capital_reported"))
    sold = parse_event(sample("capital_reported", home=None))
    assert "home" not in kept.model_fields_set and "home" in sold.model_fields_set
