"""Benefits that stop in a care home: Attendance Allowance, the DLA care component and the PIP daily
living component.

- They are **not paid** for any day after the first 28 days of a period in which the adult lives in a
  care home whose costs are met, even in part, out of public or local funds (a council placement,
  NHS continuing healthcare) or is in hospital (Social Security (Attendance Allowance) Regulations 1991
  regs 7-8; Social Security (Disability Living Allowance) Regulations 1991 regs 9-10; Social Security
  (Personal Independence Payment) Regulations 2013 regs 28-32).
- **Days counted.** A period of residence begins the day after the adult goes in and ends the day
  before they leave; where one stay follows straight on from another, the earlier ends on the day of
  the move (PIP reg 32(2)-(3), read; the same convention is used for AA and DLA, whose counting rule was
  not read). Periods separated by 28 days or less are one period, and hospital and care-home days are
  added together (AA reg 8(2); PIP reg 32(4)).
- **Self-funders keep them.** Days on which the adult meets the costs themselves (including through a
  deferred payment agreement, "retrospectively self-funding"), or a third party or charity does, do
  not count (the AA and PIP self-funding exceptions: restated by councils; the current AA reg 8(6) text
  was not read).
- **An award that begins in a care home** is not paid there at all (AA reg 8(3); PIP reg 30(2)).
- For a **temporary resident** these benefits are disregarded in any case (Annex F, as restated by
  councils; the predecessor CRAG 1992 Sch 3 para 6 was read), so the stop changes only what the adult
  receives, not the charge.

Where the case gives no ``residence_history``, careact takes the current stay from ``care.start_date``
(or ``care.first_admitted_on``), funded by the council from ``care.council_funding_from`` (or the start)
unless the adult is a self-funder on the day assessed. A self-funder whose capital falls to the limit is
funded by the council from then: the case-management system records that day as
``care.council_funding_from`` (a timeline's projected drawdown does not set it for the system).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..explain import N_, RuleStep
from ..rules.params.charging import care_home_benefits
from .change_points import ChangeReason
from .context import Ctx
from .inputs import CARE_BENEFIT_TYPES, PUBLIC_FUNDING, FundingPeriod, ResidenceStay
from .models import ChargingCase, IncomeItem
from .settings import NON_RESIDENTIAL, TEMPORARY_SETTINGS

__all__ = [
    "R_BENEFIT_STOPS",
    "R_TEMPORARY_DISREGARD",
    "BenefitStatus",
    "benefit_points",
    "benefit_status",
    "care_benefit_rule",
    "explain_status",
    "not_payable_spells",
]

_PIP = "https://www.legislation.gov.uk/uksi/2013/377"
R_BENEFIT_STOPS = RuleStep(
    "charging.income.care_home_benefit_stops", "A disability benefit that stops in a care home",
    "SI 1991/2740 regs 7-8; SI 1991/2890 regs 9-10; SI 2013/377 regs 28, 30 and 32", f"{_PIP}/regulation/32",
    "the self-funding exception as restated by councils (Southend, Wolverhampton)")
R_TEMPORARY_DISREGARD = RuleStep(
    "charging.income.temporary_resident_disability_benefit", "A temporary resident's disability benefit",
    "SI 2014/2672 Sch 1 (paragraph not read); Care and Support Statutory Guidance Annex F",
    "https://www.legislation.gov.uk/uksi/2014/2672/schedule/1",
    "Restated by councils (North Tyneside charging policy 10.7); CRAG 1992 Sch 3 para 6 (predecessor, read)")

_FAR = date(9999, 12, 31).toordinal()
_LABELS = {"attendance": "Attendance Allowance", "dla": "the DLA care component", "pip": "the PIP daily living component"}


def care_benefit_rule(c: Ctx, amount: Any, payable: Any, temporary: Any, treatment: Any, disregarded: Any) -> tuple[Any, Any]:
    """(amount received, treatment): nil where the benefit is not payable; disregarded for a temporary resident."""
    xp = c.xp
    return xp.where(payable, amount, 0), xp.where(temporary, disregarded, treatment)


@dataclass(slots=True)
class BenefitStatus:
    """Whether a benefit is paid on the day assessed, and the spells in which it is not."""

    payable: bool = True
    spells: list[tuple[date, date | None]] = field(default_factory=list)  # (first day not paid, first day paid again)
    counted_to_date: int = 0
    derived: bool = False
    from_admission: bool = False  # derived, counting from the first day in the home (no council_funding_from)
    exception: bool = False  # an award that began in a care home


# --------------------------------------------------------------------------- days counted


def _funding_on(funding: list[FundingPeriod], day: int, default: str) -> str:
    by = default
    for f in funding:
        if f.starts_on.toordinal() <= day:
            by = f.by
        else:
            break
    return by


def _counted_intervals(stays: list[ResidenceStay]) -> list[tuple[int, int]]:
    """Days of publicly funded residence, as inclusive intervals of day numbers, in order."""
    ordered = sorted(stays, key=lambda s: s.entered_on)
    out: list[tuple[int, int]] = []
    for i, s in enumerate(ordered):
        a = s.entered_on.toordinal() + 1
        if s.left_on is None:
            b = _FAR
        else:
            follows = i + 1 < len(ordered) and ordered[i + 1].entered_on == s.left_on
            b = s.left_on.toordinal() - (0 if follows else 1)
        if b < a:
            continue
        default = "nhs" if s.kind == "hospital" else "council"
        # split [a, b] where the funding changes
        cuts = sorted({a, *(f.starts_on.toordinal() for f in s.funding if a < f.starts_on.toordinal() <= b)})
        for j, lo in enumerate(cuts):
            hi = cuts[j + 1] - 1 if j + 1 < len(cuts) else b
            if _funding_on(s.funding, lo, default) in PUBLIC_FUNDING:
                if out and out[-1][1] + 1 == lo:
                    out[-1] = (out[-1][0], hi)
                else:
                    out.append((lo, hi))
    return out


def not_payable_spells(intervals: list[tuple[int, int]], payable_days: int, gap_days: int,
                       began_day: int = 0) -> list[tuple[int, int]]:
    """The days (inclusive intervals) on which the benefit is not paid: counted days after the first
    ``payable_days`` of a linked period, and, where the award began during a counted interval, the rest
    of that interval."""
    out: list[tuple[int, int]] = []
    total = 0
    last = None
    for a, b in intervals:
        if last is not None and a - last - 1 > gap_days:
            total = 0  # a new period
        if began_day and a <= began_day <= b:
            out.append((began_day, b))
        start = a + max(0, payable_days - total)  # the first counted day past the 28
        if start <= b:
            out.append((start, b))
        total += b - a + 1
        last = b
    out.sort()
    merged: list[tuple[int, int]] = []
    for a, b in out:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _derived_stays(case: ChargingCase) -> list[ResidenceStay]:
    care = case.care
    start = care.first_admitted_on or care.start_date
    if start is None:
        return []
    funding = []
    council_from = care.council_funding_from
    if council_from is not None and council_from > start:
        funding.append(FundingPeriod(starts_on=start, by="self"))
        funding.append(FundingPeriod(starts_on=council_from, by="council"))
    else:
        funding.append(FundingPeriod(starts_on=start, by="council"))
    nhs = case.nhs_funding
    if nhs is not None and nhs.type == "chc":
        day = max(nhs.starts_on, start)
        funding = [f for f in funding if f.starts_on < day] + [FundingPeriod(starts_on=day, by="nhs_chc")]
        if nhs.ends_on is not None:
            funding.append(FundingPeriod(starts_on=nhs.ends_on + timedelta(days=1), by="council"))
    return [ResidenceStay(kind="care_home", entered_on=start, funding=funding)]


def benefit_status(c: Ctx, case: ChargingCase, item: IncomeItem, setting: int, self_funder: bool) -> BenefitStatus | None:
    """Whether a care benefit ``item`` is paid on ``c.on`` (one case); None where the rule cannot apply."""
    if item.type not in CARE_BENEFIT_TYPES:
        return None
    stays = list(case.residence_history)
    derived = not stays
    if derived:
        if case.care.setting == "non_residential":
            return None
        stays = _derived_stays(case)
        if not stays:
            return None
    if derived and setting == NON_RESIDENTIAL and case.care.setting == "non_residential":
        return None
    payable_days = c.r(care_home_benefits.payable_days)
    gap = c.r(care_home_benefits.linking_gap_days)
    began = item.entitlement_began_on.toordinal() if item.entitlement_began_on is not None else 0
    intervals = _counted_intervals(stays)
    spells = not_payable_spells(intervals, payable_days, gap, began)
    day = c.on_day
    off = any(a <= day <= b for a, b in spells)
    if derived and self_funder:
        off = False  # the adult meets the full cost: retrospectively self-funding
    counted = sum(max(0, min(b, day) - a + 1) for a, b in intervals if a <= day)
    return BenefitStatus(
        payable=not off,
        spells=[(date.fromordinal(a), None if b >= _FAR - 1 else date.fromordinal(b + 1)) for a, b in spells],
        counted_to_date=counted, derived=derived, from_admission=derived and case.care.council_funding_from is None,
        exception=bool(began) and any(a <= began <= b for a, b in intervals))


def _label(item_type: str) -> str:
    return _LABELS["attendance" if item_type.startswith("attendance") else "dla" if item_type.startswith("dla") else "pip"]


def explain_status(c: Ctx, index: int, item: IncomeItem, status: BenefitStatus, setting: int, weekly: Any) -> None:
    """The explanation step and flags for one care benefit (one case)."""
    label = _label(item.type)
    spell = next((s for s in status.spells if s[0] <= c.on and (s[1] is None or c.on < s[1])), None)
    if not status.payable and spell is not None:
        if c.explain:
            template = (N_("{label} is not paid: the award began while the adult was in a care home (or hospital) funded from public funds, so it is not paid there at all; it is paid again from {restart}.") if status.exception
                        else N_("{label} stops when the council or the NHS has met the costs of a care home (or hospital) for 28 days: it is not paid from {stop}, so it is not counted; it is paid again from {restart}."))
            c.t.add(R_BENEFIT_STOPS, template, args={"label": label, "stop": spell[0], "restart": spell[1] or "the day the adult leaves or starts to pay the full cost"}, inputs={"index": index, "counted_days": status.counted_to_date}, output=0)
        c.flag("care_home_benefit_stopped", f"income[{index}]: {label} is not paid from {spell[0].isoformat()} (28 days in a publicly funded care home or hospital). The council should tell the Department for Work and Pensions.", R_BENEFIT_STOPS.citation)
        if status.from_admission:
            c.flag("care_home_benefit_counted_from_admission", f"income[{index}]: the 28 days were counted from the first day in the care home; if the council began to meet the costs later (a self-funder whose capital fell to the limit), give care.council_funding_from or residence_history.", R_BENEFIT_STOPS.citation, officer=True)
        return
    upcoming = next((s for s in status.spells if s[0] > c.on), None)
    if c.explain and spell is not None:
        c.t.add(R_BENEFIT_STOPS, N_("{label} is paid: the adult meets the full cost of the care home, so the 28-day rule does not stop it."), args={"label": label}, inputs={"index": index}, output=True)
    elif c.explain and upcoming is not None and setting != NON_RESIDENTIAL:
        c.t.add(R_BENEFIT_STOPS, N_("{label} is still paid: it stops from {stop}, after 28 days in a care home whose costs the council (or the NHS) meets."), args={"label": label, "stop": upcoming[0]}, inputs={"index": index, "counted_days": status.counted_to_date}, output=True)
    if setting in TEMPORARY_SETTINGS and c.explain:
        c.t.add(R_TEMPORARY_DISREGARD, N_("{label} of a temporary resident is disregarded."), args={"label": label}, inputs={"index": index, "weekly": weekly}, output=0)


# --------------------------------------------------------------------------- change points


def benefit_points(case: ChargingCase, start: date, end: date, payable_days: int, gap_days: int) -> dict[date, list[ChangeReason]]:
    """Days in (start, end] on which a care benefit stops or is paid again."""
    out: dict[date, list[ChangeReason]] = {}
    stays = list(case.residence_history) or _derived_stays(case)
    if not stays or (case.care.setting == "non_residential" and not case.residence_history):
        return out
    intervals = _counted_intervals(stays)
    unless = "" if case.residence_history else " (unless the adult pays the full cost)"
    for i, item in enumerate(case.income):
        if item.type not in CARE_BENEFIT_TYPES:
            continue
        began = item.entitlement_began_on.toordinal() if item.entitlement_began_on is not None else 0
        for a, b in not_payable_spells(intervals, payable_days, gap_days, began):
            stop = date.fromordinal(a)
            if start < stop <= end:
                out.setdefault(stop, []).append(ChangeReason(
                    "care_home_benefit_stops", f"income[{i}]: {_label(item.type)} stops after 28 days in a publicly funded care home or hospital{unless}",
                    path=f"income[{i}]", citation=R_BENEFIT_STOPS.citation))
            if b < _FAR - 1:
                again = date.fromordinal(b + 1)
                if start < again <= end:
                    out.setdefault(again, []).append(ChangeReason(
                        "care_home_benefit_restarts", f"income[{i}]: {_label(item.type)} is paid again",
                        path=f"income[{i}]", citation=R_BENEFIT_STOPS.citation))
    return out
