"""Attendance Allowance, the DLA care component and the PIP daily living component stop after 28 days in a
publicly funded care home or hospital (SI 1991/2740 regs 7-8; SI 2013/377 regs 28, 30 and 32).

The published example reproduced is CPAG's "More than one stay in a care home" (Child Poverty Action Group,
askcpag.org.uk, extract of the Benefits for Children handbook, undated): "Ella goes into a care home on 1 March
and comes home again on 15 March. For CDP purposes, this counts as 13 days in a care home. Ella then goes
back into the care home on 5 April ... the two periods are separated by 22 days ... Ella's CDP care component
stops on 21 April because on that date she counts as having been in a care home for four weeks." CPAG's
counting is the PIP regulation 32 counting; it is tested here with the PIP daily living component. The
shape of Wirral Council's "Charging for residential care" (2025) is reproduced by a timeline: "After 4 weeks,
if you get Attendance Allowance ... these benefits must stop ... From week 13 the value of your property is
included ... Your benefits can start again." The other cases are boundaries either side of 28 days.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from careact.charging import assess, timeline
from careact.errors import InputError

D = Decimal
AA = {"type": "attendance_allowance_higher", "amount": "110.40"}
PIP = {"type": "pip_daily_living_standard", "amount": "73.90"}


def _resident(start: str, benefit: dict, history: list[dict] | None = None, **extra) -> dict:
    case = {"person": {"date_of_birth": "1955-01-01"},
            "care": {"setting": "permanent_residential", "weekly_cost": "900.00", "start_date": start},
            "income": [{"type": "state_pension", "amount": "230.25"}, benefit]}
    if history is not None:
        case["residence_history"] = history
    case.update(extra)
    return case


def _stay(entered: str, left: str | None = None, kind: str = "care_home", funding: list[tuple[str, str]] | None = None) -> dict:
    s: dict = {"kind": kind, "entered_on": entered, "left_on": left}
    if kind == "care_home":
        s["funding"] = [{"starts_on": d, "by": by} for d, by in (funding or [(entered, "council")])]
    return s


def _line(r, type_: str):
    return next(x for x in r.income if x.type == type_)


def _paid(case: dict, on: date) -> bool:
    line = _line(assess(case, on=on, explain=False), case["income"][1]["type"])
    return line.weekly > 0


def test_cpag_ella_two_stays_linked_by_22_days():
    """Counted: 2-14 March (13 days); 22 days at home link the stays; from 6 April the 28th counted day is
    20 April, so the benefit stops on 21 April."""
    case = _resident("2025-04-05", PIP, [_stay("2025-03-01", "2025-03-15"), _stay("2025-04-05", "2025-07-05")])
    before, after = assess(case, on=date(2025, 4, 20), explain=False), assess(case, on=date(2025, 4, 21))
    assert _line(before, "pip_daily_living_standard").counted == D("73.90")
    line = _line(after, "pip_daily_living_standard")
    assert (line.weekly, line.counted) == (D("0.00"), D("0.00"))
    assert line.reason.startswith("Not paid")
    assert before.weekly_charge - after.weekly_charge == D("73.90")
    assert "care_home_benefit_stopped" in {f.code for f in after.flags}
    assert "not paid from 21 April 2025" in after.explanation.render_text()


def test_hospital_days_count_towards_the_28():
    """In an NHS hospital from 20 February, straight to the care home on 3 March 2025: 21 February to 3 March
    count (11 days; the earlier stay ends on the day of the move), so the 28th day is 20 March."""
    case = _resident("2025-03-03", AA, [_stay("2025-02-20", "2025-03-03", kind="hospital"), _stay("2025-03-03")])
    assert _paid(case, date(2025, 3, 20))
    assert not _paid(case, date(2025, 3, 21))


def test_without_a_history_the_stay_runs_from_admission():
    """Admitted 7 April 2025: 8 April to 5 May are the 28 days; not paid from 6 May."""
    case = _resident("2025-04-07", AA)
    assert _paid(case, date(2025, 5, 5))
    assert not _paid(case, date(2025, 5, 6))


def test_a_self_funder_keeps_it():
    case = _resident("2025-04-07", AA, capital=[{"type": "savings_account", "value": "50000.00"}])
    r = assess(case, on=date(2025, 6, 2))
    assert r.self_funder and _line(r, "attendance_allowance_higher").weekly == D("110.40")


@pytest.mark.parametrize(("entered", "stops"), [
    ("2025-02-07", date(2025, 2, 27)),  # 28 days between: one period, 9 days already counted
    ("2025-02-08", date(2025, 3, 9)),  # 29 days between: a new period of 28 days
])
def test_a_gap_of_28_days_links_29_does_not(entered, stops):
    case = _resident(entered, AA, [_stay("2025-01-01", "2025-01-11"), _stay(entered)])
    assert _paid(case, stops - timedelta(days=1))
    assert not _paid(case, stops)


def test_paid_again_when_the_adult_starts_to_pay_the_full_cost():
    case = _resident("2025-04-01", AA, [_stay("2025-04-01", funding=[("2025-04-01", "council"), ("2025-06-01", "self")])])
    assert not _paid(case, date(2025, 5, 31))
    assert _paid(case, date(2025, 6, 1))


def test_an_award_that_begins_in_the_care_home_is_not_paid_there():
    """AA reg 8(3), PIP reg 30(2): no 28 days where entitlement begins while already resident."""
    case = _resident("2025-04-01", {**AA, "entitlement_began_on": "2025-04-15"}, [_stay("2025-04-01")])
    r = assess(case, on=date(2025, 4, 16))
    assert _line(r, "attendance_allowance_higher").weekly == D("0.00")
    assert "award began while the adult was in a care home" in r.explanation.render_text()


def test_nhs_continuing_healthcare_days_count():
    case = _resident("2025-04-01", AA, [_stay("2025-04-01", funding=[("2025-04-01", "nhs_chc")])])
    assert not _paid(case, date(2025, 4, 30))


def test_a_temporary_residents_benefit_is_disregarded_then_stops():
    case = {"person": {"date_of_birth": "1955-01-01"},
            "care": {"setting": "temporary_residential", "weekly_cost": "700.00", "start_date": "2025-04-07"},
            "income": [{"type": "state_pension", "amount": "230.25"}, AA]}
    early, later = assess(case, on=date(2025, 4, 20), explain=False), assess(case, on=date(2025, 5, 6), explain=False)
    assert (_line(early, AA["type"]).weekly, _line(early, AA["type"]).counted) == (D("110.40"), D("0.00"))
    assert _line(later, AA["type"]).weekly == D("0.00")
    assert early.weekly_charge == later.weekly_charge  # disregarded either way


def test_the_rule_cannot_be_applied_without_a_start_date():
    case = {"person": {"date_of_birth": "1955-01-01"}, "care": {"setting": "temporary_residential", "weekly_cost": "700.00"},
            "income": [{"type": "state_pension", "amount": "230.25"}, AA]}
    assert "benefit_stop_not_computed" in {f.code for f in assess(case, on=date(2025, 5, 6), explain=False).flags}


def test_wirral_shape_stops_after_four_weeks_and_starts_again_in_week_13():
    """Home £200,000, no savings: weeks 1-12 the home is disregarded and the council pays, so AA stops from
    day 29; from week 13 the home counts, the adult pays the full cost, and AA is paid again."""
    case = _resident("2025-04-07", AA, home={"value": "200000.00"})
    tl = timeline(case, date(2025, 4, 7), date(2025, 8, 31))
    starts = [p.start for p in tl.periods]
    assert date(2025, 5, 6) in starts and date(2025, 6, 30) in starts
    weeks_1_4 = tl.period_on(date(2025, 4, 7)).result
    weeks_5_12 = tl.period_on(date(2025, 5, 6)).result
    week_13 = tl.period_on(date(2025, 6, 30)).result
    assert _line(weeks_1_4, AA["type"]).counted == D("110.40")
    assert _line(weeks_5_12, AA["type"]).weekly == D("0.00")
    assert weeks_1_4.weekly_charge - weeks_5_12.weekly_charge == D("110.40")
    assert week_13.self_funder and _line(week_13, AA["type"]).weekly == D("110.40")
    kinds = {c.kind for p in tl.periods for c in p.changes}
    assert {"care_home_benefit_stops", "property_disregard_ends"} <= kinds


def test_the_28_days_count_from_the_day_the_council_takes_over_the_costs():
    """A self-funder keeps AA. When capital drawn down falls to the upper limit the council meets the costs;
    the system records that day as care.council_funding_from, and AA stops 28 days later. Without it the
    days count from admission, and the result says so."""
    case = _resident("2025-04-07", AA, capital=[{"type": "savings_account", "value": "40000.00"}])
    first = timeline(case, date(2025, 4, 7), date(2025, 12, 31))
    takeover = next(p for p in first.periods if not p.self_funder).start
    assert "care_home_benefit_counted_from_admission" in {f.code for f in first.period_on(takeover).result.flags}
    recorded = {"case": case, "changes": [{"from": takeover.isoformat(), "set": {"care.council_funding_from": takeover.isoformat()}}]}
    tl = timeline(recorded, date(2025, 4, 7), date(2025, 12, 31))
    stop = next(p for p in tl.periods if p.start > takeover and any(c.kind == "care_home_benefit_stops" for c in p.changes))
    assert stop.start == takeover + timedelta(days=28)
    assert _line(tl.period_on(stop.start - timedelta(days=1)).result, AA["type"]).counted == D("110.40")


@pytest.mark.parametrize(("history", "field"), [
    ([{"kind": "care_home", "entered_on": "2025-04-01"}], "residence_history[0].funding"),
    ([_stay("2025-04-01", "2025-03-01")], "residence_history[0].left_on"),
    ([_stay("2025-04-01", "2025-05-01"), _stay("2025-04-15")], "residence_history"),
    ([_stay("2025-04-01", funding=[("2025-04-02", "council")])], "residence_history[0].funding[0].starts_on"),
])
def test_residence_history_is_checked(history, field):
    with pytest.raises(InputError) as err:
        assess(_resident("2025-04-01", AA, history), on=date(2025, 6, 2), explain=False)
    assert field in err.value.fields, err.value.fields


def test_entitlement_date_only_for_care_benefits():
    case = _resident("2025-04-01", {"type": "state_pension", "amount": "10.00", "entitlement_began_on": "2025-01-01"})
    with pytest.raises(InputError) as err:
        assess(case, on=date(2025, 6, 2), explain=False)
    assert "income[1].entitlement_began_on" in err.value.fields
