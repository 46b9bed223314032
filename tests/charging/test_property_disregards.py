"""The main home over time (SI 2014/2672 Sch 2 paras 1, 2 and 4): boundaries either side of every date.

No published numeric example was found for these rules; the cases are built from the provisions (Sch 2
para 2(1)-(2), read; para 4 read only in the Welsh twin WSI 2015/1844 Sch 2 para 4) and the Department
of Health's 2014 policy statement on the 12 weeks after a qualifying relative dies or moves into care.
The adult was born in 1955 (State Pension age after April 2016), so no Savings Credit disregard enters.
"""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from decimal import Decimal

import pytest

from careact.charging import assess, timeline
from careact.errors import InputError

D = Decimal
S = date(2025, 4, 7)  # first day as a permanent resident (a Monday)
MEANS_TESTED = D("230.25") - D("30.65")  # 2025-26: State Pension less the personal expenses allowance


def _case(**extra) -> dict:
    case = {
        "person": {"date_of_birth": "1955-01-01"},
        "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": S.isoformat()},
        "income": [{"type": "state_pension", "amount": "230.25"}],
        "home": {"value": "200000.00"},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(case.get(key), dict):
            case[key] = {**case[key], **value}
        else:
            case[key] = value
    return case


def _home(r) -> tuple[Decimal, str]:
    line = next(x for x in r.capital if x.type == "main_home")
    return line.counted, line.reason


def _steps(steps):
    for s in steps:
        yield s
        yield from _steps(s.get("steps", []))


def _disregarded(case: dict, on: date) -> bool:
    return _home(assess(case, on=on, explain=False))[0] == D("0.00")


# --------------------------------------------------------------------------- the first 12 weeks (para 2(1))


def test_twelve_weeks_last_day_and_first_counted_day():
    """'a period of 12 weeks beginning with the day on which the adult first moves into' the care home:
    7 April 2025 to 29 June 2025 inclusive; the home counts from 30 June."""
    assert _disregarded(_case(), date(2025, 6, 29))
    r = assess(_case(), on=date(2025, 6, 30), explain=False)
    assert _home(r)[0] == D("180000.00") and r.weekly_charge == D("950.00")


def test_twelve_weeks_from_first_admission_is_a_council_option(tmp_path):
    """A stay that began as temporary: by default the 12 weeks run from the first day as a permanent
    resident (Annex F para 7); a council may run them from the first day in the care home."""
    case = _case(care={"first_admitted_on": "2025-03-10"})
    assert _disregarded(case, date(2025, 6, 29)) and not _disregarded(case, date(2025, 6, 30))
    overlay = tmp_path / "literal.toml"
    overlay.write_text(textwrap.dedent('''
        [overlay]
        name = "council.literal_test"
        version = "1.0.0"
        layer = "council"
        base = "england"
        description = "12 weeks from the first day in the care home (test overlay)"
        source = "test"
        href = "https://example.org/policy"
        [[parameter]]
        name = "options.property_disregard_starts"
        description = "from first admission"
        unit = "text"
        [[parameter.values]]
        from = 2015-04-01
        value = "first_care_home_admission"
        cite = "Test council charging policy, property disregard from first admission"
        href = "https://example.org/policy"
        status = "secondary"
        note = "test"
    '''))
    # 10 March + 84 days = 2 June: counted from then
    assert _home(assess(case, on=date(2025, 6, 1), overlays=[overlay], explain=False))[0] == D("0.00")
    assert _home(assess(case, on=date(2025, 6, 2), overlays=[overlay], explain=False))[0] == D("180000.00")


# --------------------------------------------------------------------------- re-admission (para 2(2)-(3))


def _readmitted(start: date, used: int = 28) -> dict:
    return _case(care={"start_date": start.isoformat(),
                       "previous_permanent_periods": [{"start": "2024-03-04", "end": "2024-06-30", "home_disregarded_days": used}]})


def test_readmission_within_52_weeks_gets_the_balance():
    """Ended 30 June 2024; back on 29 June 2025 (364 days later, within 52 weeks): 28 days were used, so
    the home is disregarded for the 56 days left, 29 June to 23 August 2025."""
    r = _readmitted(date(2025, 6, 29))
    result = assess(r, on=date(2025, 8, 23))
    assert _home(result) == (D("0.00"), "The home, on re-admission within 52 weeks")
    assert "the 56 days left, to 23 August 2025" in result.explanation.render_text()
    assert not _disregarded(r, date(2025, 8, 24))


def test_readmission_after_52_weeks_gets_a_fresh_12_weeks():
    """Back on 30 June 2025 (365 days after 30 June 2024): a fresh 12 weeks (para 2(3)), to 21 Sept 2025."""
    r = _readmitted(date(2025, 6, 30))
    assert _disregarded(r, date(2025, 9, 21))
    assert not _disregarded(r, date(2025, 9, 22))


def test_readmission_with_the_12_weeks_used_up():
    r = _readmitted(date(2025, 6, 29), used=84)
    assert not _disregarded(r, date(2025, 6, 29))


# --------------------------------------------------------------------------- a qualifying relative (para 4)


def _relative(ended: str | None = None, because: str | None = None, **occ) -> dict:
    occupant = {"relationship": "partner", "date_of_birth": "1950-01-01", **occ}
    if ended:
        occupant |= {"occupation_ended_on": ended, "occupation_ended_because": because}
    return _case(home={"occupants": [occupant]})


@pytest.mark.parametrize("because", ["died", "moved_to_care_home"])
def test_twelve_weeks_after_the_relative_dies_or_moves_into_care(because):
    """The relative lived there until 10 September 2025: the home is disregarded while they do, then for 12
    weeks from 11 September to 3 December 2025; it counts from 4 December."""
    case = _relative("2025-09-10", because)
    assert _home(assess(case, on=date(2025, 9, 10), explain=False))[1] == "The home, occupied by a qualifying relative"
    for day in (date(2025, 9, 11), date(2025, 12, 3)):
        assert _home(assess(case, on=day, explain=False)) == (D("0.00"), "The home, for 12 weeks after a qualifying relative's occupation ends")
    after = assess(case, on=date(2025, 12, 4), explain=False)
    assert _home(after)[0] == D("180000.00") and after.weekly_charge == D("950.00")


def test_the_run_off_is_explained_with_its_dates():
    r = assess(_relative("2025-09-10", "died"), on=date(2025, 10, 1))
    step = next(s for s in _steps(r.explanation["steps"]) if s["id"] == "charging.capital.home.relative_ceased")
    assert "from 11 September 2025 to 3 December 2025" in step["statement"]
    assert "Sch 2 para 4" in step["citation"]["text"]


def test_a_relative_who_moves_out_for_another_reason_leaves_no_run_off():
    case = _relative("2025-09-10", "other")
    assert not _disregarded(case, date(2025, 9, 11))
    unexpected = assess(_relative("2025-09-10", "other_unexpected"), on=date(2025, 9, 11), explain=False)
    assert _home(unexpected)[0] == D("180000.00")
    assert "relative_left_unexpectedly" in {f.code for f in unexpected.flags}


def test_no_run_off_for_a_relative_who_did_not_qualify():
    """A relative aged 59 when they died was not a qualifying relative (60 or over, or incapacitated)."""
    case = _case(home={"occupants": [{"relationship": "family_member", "date_of_birth": "1966-01-01",
                                      "occupation_ended_on": "2025-09-10", "occupation_ended_because": "died"}]})
    assert not _disregarded(case, date(2025, 9, 11))


def test_the_officers_12_weeks_after_an_unexpected_change():
    """A council may disregard the home for 12 weeks after an unexpected change (Welsh twin para 4(4)):
    an officer's dated decision."""
    case = _relative("2025-09-10", "other_unexpected")
    case["discretionary_disregards"] = [{
        "applies_to": "home", "kind": "unexpected_change_12_weeks", "starts_on": "2025-09-11", "ends_on": "2025-12-03",
        "decided_by": "A Officer, Financial Assessment Team", "decided_on": "2025-09-15",
        "reason": "daughter moved out suddenly to care for her own family"}]
    assert _home(assess(case, on=date(2025, 12, 3), explain=False))[1] == "The home, disregarded at the council's discretion"
    assert not _disregarded(case, date(2025, 12, 4))


def test_a_relative_who_moved_in_later_by_discretion_then_dies():
    """A relative who moved in after the adult went into care is disregarded only at the council's
    discretion (Welsh twin para 4(2)); when they die, the 12 weeks follow (para 4(3))."""
    case = _case(home={"occupants": [{"relationship": "relative", "date_of_birth": "1950-01-01",
                                      "lived_there_since_before_admission": False,
                                      "occupation_ended_on": "2025-09-10", "occupation_ended_because": "died"}]})
    case["discretionary_disregards"] = [{
        "applies_to": "home", "kind": "relative_moved_in_after_admission", "starts_on": "2025-07-01", "ends_on": "2025-09-10",
        "decided_by": "A Officer", "decided_on": "2025-06-20", "reason": "sister moved in to look after the house"}]
    assert _home(assess(case, on=date(2025, 8, 1), explain=False))[1] == "The home, disregarded at the council's discretion"
    assert _disregarded(case, date(2025, 12, 3))
    assert not _disregarded(case, date(2025, 12, 4))


# --------------------------------------------------------------------------- temporary residents (para 1)


def test_temporary_resident_whose_home_is_no_longer_available():
    """Para 1(1)(b): the intention to return and a home 'still available to them'."""
    base = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "temporary_residential", "weekly_cost": "800.00"},
            "income": [{"type": "state_pension", "amount": "230.25"}], "home": {"value": "100000.00"}}
    assert _home(assess(base, on=date(2025, 6, 2), explain=False))[0] == D("0.00")
    gone = {**base, "home": {"value": "100000.00", "still_available": False}}
    r = assess(gone, on=date(2025, 6, 2), explain=False)
    assert _home(r)[0] == D("90000.00") and "home_no_longer_available" in {f.code for f in r.flags}
    selling = {**base, "home": {"value": "100000.00", "still_available": False, "being_sold_to_buy_another": True}}
    assert _home(assess(selling, on=date(2025, 6, 2), explain=False))[0] == D("0.00")


# --------------------------------------------------------------------------- proceeds of sale


def test_proceeds_of_sale_for_another_home_and_an_officers_extension():
    """26 weeks from the day of sale (IS Sch 10 para 3, as applied), 'or such longer period as is
    reasonable': sold 6 January 2025, disregarded to 6 July 2025, extended by an officer to 30 September."""
    item = {"type": "home_sale_proceeds_to_buy_another", "value": "120000.00", "received_on": "2025-01-06"}
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100.00"},
            "income": [{"type": "state_pension", "amount": "230.25"}], "capital": [item]}
    assert assess(case, on=date(2025, 7, 6), explain=False).assessed_capital == D("0.00")
    assert assess(case, on=date(2025, 7, 7), explain=False).assessed_capital == D("120000.00")
    extended = {**case, "capital": [{**item, "disregard_extended_to": "2025-09-30"}]}
    assert assess(extended, on=date(2025, 9, 30), explain=False).assessed_capital == D("0.00")
    assert assess(extended, on=date(2025, 10, 1), explain=False).assessed_capital == D("120000.00")


# --------------------------------------------------------------------------- the timeline finds the dates itself


def test_timeline_generates_the_relatives_change_points():
    tl = timeline(_relative("2025-09-10", "died"), date(2025, 8, 1), date(2026, 1, 31))
    kinds = {c.kind: p.start for p in tl.periods for c in p.changes}
    assert kinds["qualifying_relative_occupation_ended"] == date(2025, 9, 11)
    assert kinds["relative_ceased_disregard_ends"] == date(2025, 12, 4)
    assert tl.period_on(date(2025, 12, 3)).weekly_charge == MEANS_TESTED
    assert tl.period_on(date(2025, 12, 4)).weekly_charge == D("950.00")


def test_timeline_ends_the_readmission_balance():
    tl = timeline(_readmitted(date(2025, 6, 29)), date(2025, 6, 29), date(2025, 10, 31))
    ends = [p.start for p in tl.periods for c in p.changes if c.kind == "property_disregard_ends"]
    assert ends == [date(2025, 8, 24)]


# --------------------------------------------------------------------------- bad input


def _problems(case: dict, on: date = date(2025, 10, 6)) -> dict[str, str]:
    with pytest.raises(InputError) as err:
        assess(case, on=on, explain=False)
    return {p.field: p.problem for p in err.value.problems}


def test_a_relatives_end_date_before_admission_is_rejected():
    problems = _problems(_relative("2025-03-01", "died"))
    assert "home.occupants[0].occupation_ended_on" in problems
    assert "before admission" in problems["home.occupants[0].occupation_ended_on"]


def test_an_end_date_needs_its_reason_and_a_reason_its_date():
    assert "home.occupants[0].occupation_ended_because" in _problems(_case(home={"occupants": [{"relationship": "partner", "occupation_ended_on": "2025-09-10"}]}))
    assert "home.occupants[0].occupation_ended_because" in _problems(_case(home={"occupants": [{"relationship": "partner", "occupation_ended_because": "died"}]}))


def test_the_relative_ceased_capital_type_points_to_the_home():
    case = _case(capital=[{"type": "main_home_relative_ceased", "value": "100000.00"}])
    problems = _problems(case)
    assert "occupation_ended_on" in problems["capital[0].type"]


@pytest.mark.parametrize(("change", "field"), [
    ({"previous_permanent_periods": [{"start": "2024-06-01", "end": "2024-05-01", "home_disregarded_days": 0}]}, "care.previous_permanent_periods[0].end"),
    ({"previous_permanent_periods": [{"start": "2024-06-01", "end": "2024-06-10", "home_disregarded_days": 20}]}, "care.previous_permanent_periods[0].home_disregarded_days"),
    ({"previous_permanent_periods": [{"start": "2024-06-01", "end": "2024-06-10", "home_disregarded_days": 85}]}, "care.previous_permanent_periods.0.home_disregarded_days"),
    ({"previous_permanent_periods": [{"start": "2024-06-01", "end": "2025-05-01", "home_disregarded_days": 10}]}, "care.previous_permanent_periods[0].end"),
    ({"previous_permanent_periods": [{"start": "2024-01-01", "end": "2024-02-01", "home_disregarded_days": 10}], "property_disregard_weeks_used": 2}, "care.property_disregard_weeks_used"),
])
def test_earlier_periods_are_checked(change, field):
    problems = _problems(_case(care=change))
    assert any(f.replace("[", ".").replace("]", "") == field.replace("[", ".").replace("]", "") for f in problems), problems


def test_a_dated_discretionary_disregard_needs_the_officers_decision():
    case = _case(discretionary_disregards=[{"applies_to": "home", "kind": "unexpected_change_12_weeks", "starts_on": "2025-09-11",
                                            "ends_on": "2025-12-04", "reason": "sudden change"}])
    problems = _problems(case)
    assert {"discretionary_disregards[0].decided_by", "discretionary_disregards[0].decided_on", "discretionary_disregards[0].ends_on"} <= set(problems)


def test_an_extension_needs_its_start():
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "non_residential", "weekly_cost": "100.00"},
            "capital": [{"type": "home_sale_proceeds_to_buy_another", "value": "1000.00", "disregard_extended_to": "2025-09-30"}]}
    assert "capital[0].disregard_extended_to" in _problems(case)


def test_day_before_and_after_twelve_weeks_from_a_mid_week_start():
    """A Wednesday start: the 84th day is a Tuesday."""
    start = date(2025, 4, 9)
    case = _case(care={"start_date": start.isoformat()})
    assert _disregarded(case, start + timedelta(days=83))
    assert not _disregarded(case, start + timedelta(days=84))
