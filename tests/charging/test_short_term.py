"""Short-term and temporary residents (SI 2014/2672 reg 8; Care and Support Statutory Guidance Annex F).

Reading Borough Council's Appendix F, Example A (the published case is in test_council_overlays.py) is
continued here with synthetic stays, as its text describes: "If during the year, she required further short
stays in a care home that brought the total number of nights stayed in a care home to more than four weeks
during that year, a financial assessment would be carried out using care home (temporary stay) charging
rules to calculate her contribution towards the accommodation for those extra nights." The other cases are
boundaries either side of 8 weeks (56 nights), 52 weeks and the council's limit. The adults were born after
April 1953, so no Savings Credit disregard enters.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from careact.charging import assess, timeline
from careact.errors import InputError

D = Decimal
START = date(2025, 5, 5)
READING = "council/reading"


def _stay(planned_nights: int | None = None, setting: str = "temporary_residential", start: date = START, **extra) -> dict:
    care = {"setting": setting, "weekly_cost": "700.00", "start_date": start.isoformat()}
    if planned_nights is not None:
        care["planned_end_date"] = (start + timedelta(days=planned_nights)).isoformat()
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": care,
            "income": [{"type": "state_pension", "amount": "230.25"}]}
    for key, value in extra.items():
        case[key] = {**case[key], **value} if isinstance(value, dict) and isinstance(case.get(key), dict) else value
    return case


@pytest.fixture
def reg8(council_overlay):
    """A council that charges short-term residents as if at home (reg 8), with no limit of nights."""
    return council_overlay({"options.respite_assessed_as_non_residential": ("bool", True)}, name="reg8")


def test_56_nights_is_short_term_57_is_not(reg8):
    """A stay planned to last no more than 8 weeks (56 nights) is a short-term stay; 57 nights is not."""
    short = assess(_stay(56), on=START, overlays=[reg8])
    assert short.setting_applied == "short_term_as_non_residential"
    assert any(a.name == "minimum_income_guarantee" for a in short.allowances)
    assert short.weekly_charge == D("0.00")  # £230.25 less the MIG of £232.60
    longer = assess(_stay(57), on=START, overlays=[reg8], explain=False)
    assert longer.setting_applied == "temporary_resident"
    assert longer.weekly_charge == D("230.25") - D("30.65")


def test_a_short_stay_that_runs_on_is_temporary_from_its_57th_night(reg8):
    assert assess(_stay(56), on=START + timedelta(days=55), overlays=[reg8], explain=False).setting_applied == "short_term_as_non_residential"
    r = assess(_stay(56), on=START + timedelta(days=56), overlays=[reg8])
    assert r.setting_applied == "temporary_resident"
    assert "from night 57 it is charged under the rules for temporary residents" in r.explanation.render_text()


def test_nationally_a_short_stay_is_charged_as_a_temporary_residents(reg8):
    """Reg 8 is a power: without the council's policy the short stay is charged under the temporary-resident rules."""
    r = assess(_stay(14, setting="respite"), on=START)
    assert r.setting_applied == "temporary_resident"
    assert "does not use its power" in r.explanation.render_text()
    assert r.weekly_charge == D("230.25") - D("30.65")


def test_a_respite_stay_without_a_planned_end_is_taken_as_short(reg8):
    r = assess(_stay(None, setting="respite"), on=START, overlays=[reg8], explain=False)
    assert r.setting_applied == "short_term_as_non_residential"
    assert "stay_length_not_given" in {f.code for f in r.flags}
    # a temporary stay without one is not
    assert assess(_stay(None), on=START, overlays=[reg8], explain=False).setting_applied == "temporary_resident"


# --------------------------------------------------------------------------- 52 weeks (Annex F para 4)


def test_a_stay_planned_beyond_52_weeks_is_not_temporary_without_an_officers_decision():
    assert assess(_stay(364), on=START, explain=False).setting_applied == "temporary_resident"
    with pytest.raises(InputError) as err:
        assess(_stay(365), on=START, explain=False)
    assert err.value.field == "care.planned_end_date"
    decided = _stay(400, care={"temporary_exceptional": {"decided_by": "B Social Worker", "decided_on": "2025-05-01",
                                                         "reason": "rehabilitation expected to end within 57 weeks; agreed and in the care plan"}})
    r = assess(decided, on=START)
    assert r.setting_applied == "temporary_resident"
    assert "exceptionally unlikely to exceed it substantially" in r.explanation.render_text()


def test_a_temporary_stay_past_52_weeks_is_flagged_for_review():
    case = _stay(None, start=date(2024, 5, 6))
    assert "temporary_stay_exceeds_52_weeks" not in {f.code for f in assess(case, on=date(2025, 5, 4), explain=False).flags}
    assert "temporary_stay_exceeds_52_weeks" in {f.code for f in assess(case, on=date(2025, 5, 5), explain=False).flags}


# --------------------------------------------------------------------------- Reading: nights in the year


def _reading_respite(start: date, nights: int, earlier: list[tuple[str, str]]) -> dict:
    """Reading Appendix F Example A's adult (68, State Pension £221.20 in 2024-25) on a further respite stay."""
    return {
        "person": {"date_of_birth": "1956-03-01"},
        "care": {"setting": "respite", "weekly_cost": "750.00", "start_date": start.isoformat(),
                 "planned_end_date": (start + timedelta(days=nights)).isoformat(),
                 "short_stays_in_year": [{"start": a, "end": b} for a, b in earlier]},
        "income": [{"type": "state_pension", "amount": "221.20"}],
    }


def test_reading_nights_beyond_28_in_the_year_are_charged_as_a_temporary_residents():
    """21 nights earlier in 2024-25 (3 to 24 June); a 14-night stay from 7 October: nights 1-7 (to 13 October)
    bring the year to 28 and are charged as care at home (nil); night 8 (14 October) is the 29th and is charged
    under the temporary-resident rules: £221.20 - PEA £30.15 = £191.05."""
    case = _reading_respite(date(2024, 10, 7), 14, [("2024-06-03", "2024-06-24")])
    last_at_home = assess(case, on=date(2024, 10, 13), overlays=[READING], explain=False)
    assert last_at_home.setting_applied == "short_term_as_non_residential" and last_at_home.weekly_charge == D("0.00")
    first_beyond = assess(case, on=date(2024, 10, 14), overlays=[READING])
    assert first_beyond.setting_applied == "temporary_resident"
    assert first_beyond.weekly_charge == D("191.05")
    assert "28 nights" in first_beyond.explanation.render_text()


def test_reading_earlier_stays_in_the_previous_financial_year_do_not_count():
    case = _reading_respite(date(2024, 10, 7), 14, [("2024-02-05", "2024-03-04")])
    assert assess(case, on=date(2024, 10, 14), overlays=[READING], explain=False).setting_applied == "short_term_as_non_residential"


def test_reading_timeline_splits_the_stay_at_the_29th_night():
    case = _reading_respite(date(2024, 10, 7), 14, [("2024-06-03", "2024-06-24")])
    tl = timeline(case, date(2024, 10, 7), date(2024, 10, 20), overlay=READING)
    assert [(p.start, p.weekly_charge) for p in tl.periods] == [(date(2024, 10, 7), D("0.00")), (date(2024, 10, 14), D("191.05"))]
    assert "short_term_limit_passed" in {c.kind for c in tl.periods[1].changes}


def test_a_per_stay_limit_counts_each_stay_alone(council_overlay):
    overlay = council_overlay({"options.respite_assessed_as_non_residential": ("bool", True),
                               "options.short_term_nights_limit": ("count", 28),
                               "options.short_term_limit_scope": ("text", "per_stay")}, name="perstay")
    case = _stay(40, setting="respite", care={"short_stays_in_year": [{"start": "2025-04-07", "end": "2025-04-28"}]})
    assert assess(case, on=START + timedelta(days=27), overlays=[overlay], explain=False).setting_applied == "short_term_as_non_residential"
    assert assess(case, on=START + timedelta(days=28), overlays=[overlay], explain=False).setting_applied == "temporary_resident"


# --------------------------------------------------------------------------- what a temporary resident keeps


def test_a_temporary_residents_attendance_allowance_is_disregarded():
    """Annex F (as restated by councils; CRAG 1992 Sch 3 para 6 read): AA, DLA care and PIP daily living."""
    case = _stay(60, income=[{"type": "state_pension", "amount": "230.25"}, {"type": "attendance_allowance_higher", "amount": "110.40"}])
    r = assess(case, on=START + timedelta(days=10), explain=False)
    line = next(x for x in r.income if x.type == "attendance_allowance_higher")
    assert (line.weekly, line.counted) == (D("110.40"), D("0.00"))
    assert line.reason == "Disregarded: a temporary resident's disability benefit"
    assert r.weekly_charge == D("230.25") - D("30.65")


def test_the_partner_at_home_is_left_the_basic_level_of_pension_credit():
    """Annex F para 3: the partner's own £100.00 a week is £127.10 short of the 2025-26 standard minimum
    guarantee for a single person (£227.10): the resident keeps that too."""
    partner = {"date_of_birth": "1950-01-01", "own_income_weekly": "100.00"}
    r = assess(_stay(60, partner=partner), on=START)
    allowance = next(a for a in r.allowances if a.name == "temporary_partner_at_home")
    assert allowance.weekly == D("127.10")
    assert r.weekly_charge == D("230.25") - D("30.65") - D("127.10")
    assert "Annex F para 3" in allowance.citation


def test_the_partner_protection_needs_the_partners_income_and_the_councils_policy(council_overlay):
    r = assess(_stay(60, partner={"date_of_birth": "1950-01-01"}), on=START, explain=False)
    assert "temporary_partner_income_not_given" in {f.code for f in r.flags}
    off = council_overlay({"options.temporary_partner_protection": ("bool", False)}, name="noprotect")
    r2 = assess(_stay(60, partner={"date_of_birth": "1950-01-01", "own_income_weekly": "100.00"}), on=START, overlays=[off], explain=False)
    assert not any(a.name == "temporary_partner_at_home" for a in r2.allowances)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(("change", "field"), [
    ({"care": {"planned_end_date": "2025-05-01"}}, "care.planned_end_date"),
    ({"care": {"short_stays_in_year": [{"start": "2025-04-10", "end": "2025-04-08"}]}}, "care.short_stays_in_year[0].end"),
    ({"care": {"short_stays_in_year": [{"start": "2025-04-10", "end": "2025-05-10"}]}}, "care.short_stays_in_year[0].end"),
    ({"care": {"short_stays_in_year": [{"start": "2025-04-01", "end": "2025-04-10"}, {"start": "2025-04-05", "end": "2025-04-12"}]}}, "care.short_stays_in_year"),
    ({"care": {"temporary_exceptional": {"decided_by": "X", "decided_on": "2025-05-01"}}}, "care.temporary_exceptional.reason"),
])
def test_stay_inputs_are_checked(change, field):
    with pytest.raises(InputError) as err:
        assess(_stay(20, **change), on=START, explain=False)
    assert field in err.value.fields, err.value.fields


def test_a_planned_end_for_care_at_home_is_rejected():
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100.00", "planned_end_date": "2025-06-01"}}
    with pytest.raises(InputError) as err:
        assess(case, on=START, explain=False)
    assert "care.planned_end_date" in err.value.fields


def test_a_temporary_residents_attendance_allowance_is_disregarded_without_a_start_date():
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "temporary_residential", "weekly_cost": "700.00"},
            "income": [{"type": "state_pension", "amount": "230.25"}, {"type": "attendance_allowance_higher", "amount": "110.40"}]}
    r = assess(case, on=START, explain=False)
    assert next(x for x in r.income if x.type == "attendance_allowance_higher").counted == D("0.00")
    assert r.weekly_charge == D("230.25") - D("30.65")
