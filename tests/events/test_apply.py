"""Applying events: reassessments with their rule and citation, notices with amounts, and the typed
errors or documented resolutions for events that arrive late, twice, or contradicting the case."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from careact.charging import assess, timeline
from careact.charging.backdating import amount_for_days
from careact.events import (
    CaseClosed,
    CaseState,
    ConflictingDuplicate,
    ContradictoryEvent,
    NoCaseYet,
    OutOfOrderEvent,
    apply_event,
    apply_events,
)
from careact.rules import load_ruleset, make_overlay

from .helpers import day, opened
from .test_vocabulary import sample

ON = "2025-06-02"


def _start(case: dict[str, Any], on: str = ON) -> CaseState:
    state, _ = apply_event(CaseState(), opened(case, on))
    return state


# --------------------------------------------------------------------------- reassessments and notices


def test_opening_a_case_assesses_it_and_notifies_the_charge(home_care: dict[str, Any]) -> None:
    state, out = apply_event(CaseState(), opened(home_care, ON))
    single = assess(home_care, on=day(ON))
    (r,) = out.reassessments
    assert (r.on, r.due, r.rule, r.weekly_charge) == (day(ON), "now", "financial_assessment", single.weekly_charge)
    assert r.citation and "s 17" in r.citation
    assert r.result.explanation is not None and r.result.explanation["on"] == ON
    (n,) = out.notices
    assert (n.kind, n.from_, n.weekly_charge, n.previous_weekly_charge) == ("new_charge", day(ON), single.weekly_charge, None)
    assert state.reference == "EV-HOME" and state.as_of == day(ON)
    assert state.charged_on(day(ON)) == single.weekly_charge


def test_a_late_benefit_award_gives_arrears_from_its_effective_date(home_care: dict[str, Any]) -> None:
    state = _start(home_care)
    award = sample("benefit_awarded", on="2025-06-30", reported="2025-07-28")  # four weeks late
    state2, out = apply_event(state, award)
    before = assess(home_care, on=day("2025-06-30")).weekly_charge
    with_aa = {**home_care, "income": [*home_care["income"], SAMPLE_AA]}
    after = assess(with_aa, on=day("2025-06-30")).weekly_charge
    assert after > before
    (r,) = out.reassessments
    assert (r.on, r.due, r.rule, r.previous_weekly_charge, r.weekly_charge) == (day("2025-06-30"), "now", "benefit_awarded",
                                                                               before, after)
    kinds = {n.kind: n for n in out.notices}
    assert kinds["new_charge"].from_ == day("2025-06-30") and kinds["new_charge"].weekly_charge == after
    arrears = kinds["arrears"]
    assert (arrears.from_, arrears.to) == (day("2025-06-30"), day("2025-07-27"))
    assert arrears.amount == amount_for_days(after, 28) - amount_for_days(before, 28) == 4 * (after - before)
    assert state2.charged_on(day("2025-07-01")) == after  # settled


def test_a_lower_capital_report_backdated_for_a_self_funder_gives_a_refund() -> None:
    case = {"person": {"date_of_birth": "1936-02-02"},
            "care": {"setting": "permanent_residential", "weekly_cost": "1100.00", "start_date": "2024-11-04"},
            "income": [{"type": "state_pension", "amount": "169.50"}],
            "capital": [{"type": "savings_account", "value": "30000.00"}]}
    state = _start(case)
    spent = {"type": "capital_reported", "id": "statement", "effective": "2025-06-09", "reported": "2025-07-07",
             "capital": [{"type": "savings_account", "value": "20000.00"}]}
    _, out = apply_event(state, spent)
    (refund,) = [n for n in out.notices if n.kind == "refund"]
    now = assess({**case, "capital": spent["capital"]}, on=day("2025-06-09")).weekly_charge
    assert now < Decimal("1100.00")
    assert refund.amount == 4 * (Decimal("1100.00") - now)
    assert out.reassessments[0].rule == "capital_reported" and "reg 12" in (out.reassessments[0].citation or "")


def test_a_stay_becoming_permanent_schedules_the_end_of_the_property_disregard(residential: dict[str, Any]) -> None:
    residential["care"] = {"setting": "temporary_residential", "weekly_cost": "880.00"}
    state = _start(residential)
    state, out = apply_event(state, sample("stay_becomes_permanent", on="2025-07-07"))
    (r,) = out.reassessments
    assert r.rule == "stay_becomes_permanent" and "Sch 2 para 2" in (r.citation or "")
    ends = next(s for s in out.scheduled if s.rule == "property_disregard_ends")
    assert ends.on == day("2025-07-07") + timedelta(weeks=12) and ends.citation == "SI 2014/2672 Sch 2 para 2"
    # the system acts on it: the home counts from that day
    state, out = apply_event(state, {"type": "review", "id": "r", "effective": ends.on.isoformat()})
    (r,) = out.reassessments
    assert r.previous_weekly_charge is not None
    assert r.rule == "property_disregard_ends" and r.weekly_charge == Decimal("880.00") > r.previous_weekly_charge


def test_every_scheduled_reassessment_is_a_timeline_change_point(residential: dict[str, Any]) -> None:
    residential["home"]["occupants"] = [{"relationship": "relative", "date_of_birth": "1966-01-20"}]
    state = _start(residential, "2025-02-03")
    tl = timeline(residential, day("2025-02-03"), day("2028-03-31"), project_capital_depletion=False)
    starts = {p.start for p in tl.periods}
    assert state.scheduled and {s.on for s in state.scheduled if s.on <= day("2028-03-31")} <= starts
    assert {s.rule for s in state.scheduled} >= {"rules"}


def test_a_change_recorded_in_advance_is_a_scheduled_reassessment(home_care: dict[str, Any]) -> None:
    state = _start(home_care)
    _, out = apply_event(state, sample("care_cost_changed", on="2025-09-01", reported="2025-07-01", weekly_cost="50.00"))
    (r,) = [r for r in out.reassessments if r.on == day("2025-09-01")]
    assert r.due == "scheduled"
    (n,) = [n for n in out.notices if n.kind == "new_charge"]
    assert n.from_ == day("2025-09-01") and not [n for n in out.notices if n.kind in ("arrears", "refund")]


def test_explanations_can_be_left_out(home_care: dict[str, Any]) -> None:
    _, out = apply_event(CaseState(), opened(home_care, ON), explain=False)
    assert out.reassessments[0].result.explanation is None


def test_a_hospital_stay_suspends_a_home_care_charge_and_discharge_restores_it(home_care: dict[str, Any]) -> None:
    state = _start(home_care)
    charge = state.periods[-1].weekly_charge
    state, out = apply_event(state, sample("hospital_admission", on="2025-07-07"))
    assert out.reassessments[0].weekly_charge == 0
    state, out = apply_event(state, {"type": "care_cost_changed", "id": "review", "effective": "2025-07-14",
                                     "weekly_cost": "350.00"})
    assert out.reassessments[0].weekly_charge == 0  # the new package starts when the adult is home
    state, out = apply_event(state, sample("hospital_discharge", on="2025-07-21"))
    assert out.reassessments[0].weekly_charge == assess({**home_care, "care": {**home_care["care"], "weekly_cost": "350.00"}},
                                                        on=day("2025-07-21")).weekly_charge
    assert out.reassessments[0].weekly_charge >= charge


def test_an_overlay_change_applies_from_its_date(residential: dict[str, Any]) -> None:
    residential["care"] = {"setting": "respite", "weekly_cost": "700.00"}
    state = _start(residential)
    state, out = apply_event(state, sample("overlay_changed", on="2025-07-07"))
    (r,) = out.reassessments
    assert "council.reading" in r.result.ruleset["id"] and r.reasons[0].kind == "overlay"
    assert state.periods[0].ruleset == "england@" + load_ruleset("england").version
    assert r.weekly_charge == assess(residential, on=day("2025-07-07"), overlays=["council/reading"]).weekly_charge


def test_rules_changed_reworks_the_charge_under_the_rules_installed_now() -> None:
    case = {"person": {"date_of_birth": "1940-01-01"},
            "care": {"setting": "permanent_residential", "weekly_cost": "900.00", "start_date": "2024-01-08"},
            "income": [{"type": "state_pension", "amount": "230.25"}]}
    state = _start(case, "2025-04-07")
    higher = load_ruleset("england").with_overlay(make_overlay(
        {"allowances.personal_expenses": [{"from": date(2025, 4, 7), "value": "40.00"}]}, name="reform.pea", layer="reform"))
    _, out = apply_event(state, {"type": "rules_changed", "id": "pea", "effective": "2025-04-07", "reported": "2025-05-05"},
                         rules=higher)
    (refund,) = [n for n in out.notices if n.kind == "refund"]
    old, new = state.periods[0].weekly_charge, out.reassessments[0].weekly_charge
    assert refund.amount == 4 * (old - new) and new < old
    assert out.reassessments[0].rule == "rules_changed"


def test_care_ending_stops_the_charge_and_refunds_days_charged_after_it(home_care: dict[str, Any]) -> None:
    state = _start(home_care)
    charge = state.periods[-1].weekly_charge
    state, out = apply_event(state, sample("care_ended", on="2025-06-16", reported="2025-06-30"))
    kinds = {n.kind: n for n in out.notices}
    assert kinds["charge_ends"].from_ == day("2025-06-16") and kinds["charge_ends"].previous_weekly_charge == charge
    assert kinds["refund"].amount == 2 * charge and (kinds["refund"].from_, kinds["refund"].to) == (day("2025-06-16"), day("2025-06-29"))
    assert state.periods[-1].end == day("2025-06-15") and state.scheduled == []
    with pytest.raises(CaseClosed) as err:
        apply_event(state, sample("care_cost_changed", on="2025-07-01"))
    assert err.value.fields == ("effective",)
    # a change before the end still applies
    apply_event(state, sample("care_cost_changed", on="2025-06-09", reported="2025-07-01"))


# --------------------------------------------------------------------------- late, twice, contradictory


def test_the_same_event_twice_is_a_redelivery(home_care: dict[str, Any]) -> None:
    state = _start(home_care)
    change = sample("care_cost_changed", on="2025-07-07")
    once, _ = apply_event(state, change)
    twice, out = apply_event(once, change)
    assert out.status == "duplicate" and twice == once and not out.notices and not out.reassessments


def test_a_different_event_with_a_used_id_is_refused(home_care: dict[str, Any]) -> None:
    state, _ = apply_event(_start(home_care), sample("care_cost_changed", on="2025-07-07"))
    with pytest.raises(ConflictingDuplicate) as err:
        apply_event(state, sample("care_cost_changed", on="2025-07-07", weekly_cost="999.00"))
    assert err.value.fields == ("id",) and err.value.problems[0].code == "duplicate_id"


def test_an_event_reported_before_the_case_was_last_processed_is_out_of_order(home_care: dict[str, Any]) -> None:
    state, _ = apply_event(_start(home_care), sample("care_cost_changed", on="2025-07-07"))
    with pytest.raises(OutOfOrderEvent) as err:
        apply_event(state, sample("capital_reported", on="2025-06-30", reported="2025-07-01"))
    assert err.value.fields == ("reported",)
    # the same change reported now, with its earlier effective date, is a backdated change
    _, out = apply_event(state, sample("capital_reported", on="2025-06-30", reported="2025-07-07"))
    assert out.status == "applied"


def test_events_before_any_financial_assessment_are_refused(home_care: dict[str, Any]) -> None:
    with pytest.raises(NoCaseYet):
        apply_event(CaseState(), sample("care_cost_changed"))
    with pytest.raises(NoCaseYet) as err:
        apply_event(_start(home_care), sample("care_cost_changed", on="2025-05-01", reported="2025-06-09"))
    assert err.value.fields == ("effective",)


@pytest.mark.parametrize(("event", "field"), [
    (sample("stay_becomes_permanent"), "type"),
    (sample("discharged_from_care_home"), "type"),
    (sample("benefit_stopped"), "income_type"),
    (sample("benefit_changed"), "income_type"),
    (sample("benefit_awarded", item={"type": "state_pension", "amount": "10.00"}), "item.type"),
    (sample("benefit_awarded", item={"type": "lottery_win", "amount": "10.00"}), "item.type"),
    (sample("hospital_discharge"), "type"),
    (sample("relative_moved_out"), "type"),
    (sample("partner_changed", reason="died", partner=None), "partner"),
    (sample("capital_reported", capital=[{"type": "savings_account", "value": "1.00", "owner": "partner"}]), "capital"),
    (sample("capital_reported", capital=[{"type": "gold_bars", "value": "1.00"}]), "capital[0].type"),
    (sample("care_cost_changed", third_party_top_up="20.00"), "third_party_top_up"),
])
def test_contradictions_are_refused_naming_the_field(home_care: dict[str, Any], event: dict[str, Any], field: str) -> None:
    state = _start(home_care)
    with pytest.raises(ContradictoryEvent) as err:
        apply_event(state, event)
    assert err.value.fields == (field,), err.value.problems
    assert err.value.problems[0].code == "contradictory"


def test_admission_while_in_a_care_home_or_in_hospital_is_refused(home_care: dict[str, Any], residential: dict[str, Any]) -> None:
    with pytest.raises(ContradictoryEvent) as err:
        apply_event(_start(residential), sample("admitted_to_care_home"))
    assert err.value.fields == ("stay",)
    state, _ = apply_event(_start(home_care), sample("hospital_admission"))
    with pytest.raises(ContradictoryEvent):
        apply_event(state, sample("admitted_to_care_home", on="2025-06-09"))
    with pytest.raises(ContradictoryEvent):
        apply_event(state, sample("hospital_admission", 1, on="2025-06-09"))
    # discharged from hospital into a care home the same day
    state, _ = apply_event(state, sample("hospital_discharge", on="2025-06-16"))
    state, out = apply_event(state, sample("admitted_to_care_home", on="2025-06-16"))
    assert out.reassessments[0].result.setting == "temporary_residential"


def test_a_backdated_event_that_contradicts_a_later_one_is_refused(home_care: dict[str, Any]) -> None:
    state, _ = apply_event(_start(home_care), sample("benefit_awarded", on="2025-06-09"))
    state, _ = apply_event(state, sample("benefit_changed", on="2025-08-04"))
    stopped = sample("benefit_stopped", income_type="attendance_allowance_lower", on="2025-07-07", reported="2025-08-11")
    with pytest.raises(ContradictoryEvent) as err:
        apply_event(state, stopped)
    assert err.value.event_id == "benefit_stopped-0" and err.value.fields == ("effective",)
    assert "benefit_changed-0" in err.value.problems[0].problem


def test_a_partner_leaving_takes_their_income_and_asks_for_joint_capital(home_care: dict[str, Any]) -> None:
    home_care["partner"] = {"date_of_birth": "1951-01-01"}
    home_care["income"].append({"type": "state_pension", "amount": "120.00", "owner": "partner"})
    home_care["capital"].append({"type": "savings_account", "value": "8000.00", "owner": "joint_with_partner"})
    state = _start(home_care)
    with pytest.raises(ContradictoryEvent) as err:
        apply_event(state, sample("partner_changed", reason="separated", partner=None))
    assert "capital[1]" in err.value.problems[0].problem and err.value.fields == ("capital",)
    mine = [{"type": "bank_account", "value": "4200.00"}, {"type": "savings_account", "value": "4000.00"}]
    state, out = apply_event(state, sample("partner_changed", reason="separated", partner=None, capital=mine))
    inputs = out.reassessments[0].result.inputs
    assert inputs.partner is None and all(i.owner == "person" for i in inputs.income) and len(inputs.capital) == 2


def test_relatives_moving_in_and_out(residential: dict[str, Any]) -> None:
    residential["care"]["start_date"] = "2024-01-08"  # the 12 weeks are long past: the home counts
    state = _start(residential)
    state, out = apply_event(state, sample("relative_moved_in", occupant={"relationship": "relative",
                                                                           "date_of_birth": "1955-04-04"}, on="2025-07-07"))
    assert out.reassessments[0].weekly_charge < state.periods[0].weekly_charge  # the home is disregarded
    state, out = apply_event(state, sample("relative_died", on="2025-09-01"))
    assert out.reassessments[0].rule == "relative_died" and "Sch 2 para 4" in (out.reassessments[0].citation or "")
    assert out.reassessments[0].weekly_charge == state.periods[0].weekly_charge


# --------------------------------------------------------------------------- the state


def test_the_state_round_trips_as_json_and_is_never_changed(home_care: dict[str, Any]) -> None:
    events = [opened(home_care, ON), sample("benefit_awarded", on="2025-06-30", reported="2025-07-28"),
              sample("care_cost_changed", on="2025-08-04")]
    state, outcomes = apply_events(CaseState(), events, explain=False)
    again = CaseState.model_validate_json(state.model_dump_json(by_alias=True))
    assert again == state
    nxt = sample("capital_reported", on="2025-09-01")
    assert apply_event(again, nxt)[0] == apply_event(state, nxt)[0]
    assert [o.event_id for o in outcomes] == ["open", "benefit_awarded-0", "care_cost_changed-0"]
    tl = timeline(state.timeline_case(), day(ON), day("2025-12-31"), project_capital_depletion=False)
    assert [(p.start, p.weekly_charge) for p in tl.periods] == [(p.start, p.weekly_charge) for p in state.periods
                                                                if p.start <= day("2025-12-31")]


def test_apply_events_names_the_event_that_failed(home_care: dict[str, Any]) -> None:
    with pytest.raises(ContradictoryEvent) as err:
        apply_events(CaseState(), [opened(home_care, ON), sample("benefit_stopped")])
    assert err.value.fields == ("events[1].income_type",)


def test_a_state_that_does_not_hold_together_is_rejected() -> None:
    from careact.errors import InputError

    bad = {"schema": "careact.events.state/1", "charged": [{"from": "2025-01-01", "weekly": "1"},
                                                           {"from": "2025-02-01", "weekly": "2"}]}
    with pytest.raises(InputError) as err:
        apply_event(bad, sample("review"))
    assert err.value.fields == ("charged[1].from",)


SAMPLE_AA = {"type": "attendance_allowance_lower", "amount": "73.90"}
