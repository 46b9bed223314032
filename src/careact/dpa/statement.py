"""A statement of a deferred payment agreement over time: care costs deferred, charges, interest.

The projection runs day by day from the agreement's start. Its conventions, each recorded in the
explanation:

* **Care costs** are deferred weekly in arrears: a week runs from the start date (days 1–7, 8–14, …)
  and its deferred amount is added on its last day. A part week at the end is added pro rata by days
  (weekly amount × days ÷ 7). Where the weekly amount changes mid-week each day counts at its own rate.
* **Equity limit**: care costs are deferred only up to the equity limit less the debt already owed
  (including interest accrued). The part of a week's costs above it is *not deferred* (the adult must
  meet it some other way), and nothing more is deferred from then on — but interest and administration
  charges continue to be added (Gloucestershire CC DPA policy 12.3; North Northants).
* **Interest** accrues from the day after an amount is added, at the period's rate ÷ the day count.
  *daily*: on the balance including interest accrued so far; *monthly*: simple within each calendar
  month, added at month end; *simple*: never on interest. Interest is posted, rounded to the penny
  (half up), at the end of each statement period (and each month for *monthly*).
* **Administration charges** (reg 10) are added on their date: a set-up fee on the start date, an
  annual fee on each anniversary, and any listed charges.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

from dateutil.relativedelta import relativedelta

from ..errors import InputError
from ..explain import N_, NullTrace, RuleStep, gbp
from ..money import ZERO, round_pence
from ..rules import RuleSet
from ..rules.params.dpa import dpa
from ..rules.reader import Reader
from ._common import DAYS_IN_WEEK, Evaluation, OverlayArg, coerce, overlay_keyword, require_on, resolve_rules
from .equity import equity_on
from .income import deferral_on
from .interest import RateForPeriod, explain_rate, period_rate, relevant_periods
from .models import Compounding, DpaAgreement, DpaStatement, StatementRow, WeeklyDeferralCase

RateStatus = Literal["verified", "secondary", "unverified", "agreed", "carried_forward"]

__all__ = ["ADMIN", "LIMIT_REACHED", "MAX_YEARS", "PROJECTION", "SUMMARY", "dpa_statement"]

MAX_YEARS = 40
"""The longest projection careact runs when asked to stop at the equity limit without an end date."""

PROJECTION = RuleStep(
    id="dpa.statement.conventions",
    title="How the statement is projected",
    citation="Care Act 2014 ss.34-35; SI 2014/2671 regs 9-10",
    href="https://www.legislation.gov.uk/uksi/2014/2671/contents/made",
    guidance="Care and Support Statutory Guidance ch. 9 (statements every six months)",
)
ADMIN = RuleStep(
    id="dpa.statement.admin_charge",
    title="Administration charge",
    citation="SI 2014/2671 reg 10",
    href="https://legislation.gov.uk/uksi/2014/2671/regulation/10/made",
)
LIMIT_REACHED = RuleStep(
    id="dpa.statement.equity_limit_reached",
    title="Equity limit reached",
    citation="Care and Support Statutory Guidance ch. 9 (equity limit)",
    href="https://www.gloucestershire.gov.uk/health-and-social-care/adult-social-care/social-care-policies-and-procedures/deferred-payments-agreement-policy/equity-limit",
)
SUMMARY = RuleStep(
    id="dpa.statement.summary",
    title="Statement totals",
    citation="SI 2014/2671 regs 9-10",
    href="https://www.legislation.gov.uk/uksi/2014/2671/contents/made",
)


@dataclass
class _Acc:
    """Running state of the projection (local to one call)."""

    principal: Decimal = ZERO  # care costs + admin charges + opening balance added to the debt
    interest_posted: Decimal = ZERO  # interest added to the debt, in pence
    accrued: Decimal = ZERO  # interest accrued and not yet posted (full precision)
    accrued_month: Decimal = ZERO  # monthly compounding: accrued this month, posted at month end
    separate: Decimal = ZERO  # interest the adult pays separately (reg 9(2))
    week_due: Decimal = ZERO  # care costs of the current week so far (full precision)
    limit_reached: date | None = None
    row: dict[str, Decimal] = field(default_factory=dict)

    @property
    def balance(self) -> Decimal:
        return self.principal + self.interest_posted


def _admin_by_day(ag: DpaAgreement, end: date) -> dict[date, list[tuple[Decimal, str, bool]]]:
    out: dict[date, list[tuple[Decimal, str, bool]]] = {}
    if ag.setup_fee:
        out.setdefault(ag.start, []).append((ag.setup_fee, "set-up fee", True))
    if ag.annual_fee:
        n = 1
        while (d := ag.start + relativedelta(years=n)) <= end:
            out.setdefault(d, []).append((ag.annual_fee, "annual fee", True))
            n += 1
    for c in ag.admin_charges:
        if ag.start <= c.on <= end:
            out.setdefault(c.on, []).append((c.amount, c.description, c.add_to_debt))
    return out


def _boundaries(ag: DpaAgreement, rs: RuleSet, end: date) -> set[date]:
    """Days on which the weekly amount, the equity limit or the rate may change."""
    days = {ag.start}
    days.update(rs.change_dates(ag.start, end))
    days.update(c.on for c in ag.changes)
    days.update(r.on for r in ag.property.revaluations if ag.start < r.on <= end)
    days.update(s for s, _ in relevant_periods(ag.start, end))
    return days


def dpa_statement(
    agreement: DpaAgreement | dict[str, Any],
    _end: date | None = None,
    /,
    *,
    on: date | None = None,
    until_limit: bool = False,
    rules: RuleSet | None = None,
    overlays: OverlayArg = (),
    explain: bool = True,
    overlay: OverlayArg = None,
    end: date | None = None,
) -> DpaStatement:
    """A statement of ``agreement`` from its start to the statement date ``on`` (inclusive).

    With ``until_limit=True`` the projection stops on the day the equity limit is reached, if that
    comes before ``on``. ``rules`` defaults to the bundled national rule set and ``overlays`` go on
    top of it.

    .. versionchanged:: 0.2.0
       The statement date is the keyword ``on`` (it was ``end``, also by position) and ``overlays``
       replaces ``overlay``. The old forms still work, with a :class:`DeprecationWarning`, until 0.3;
       so does ``until_limit=True`` without a date, which projects up to :data:`MAX_YEARS` years.
    """
    fn = "careact.dpa.dpa_statement"
    if _end is not None or end is not None:
        warnings.warn(f"{fn}: pass the statement date as on= ({fn}(agreement, on=...)); the end date by position "
                      "or as 'end=' will be removed in careact 0.3", DeprecationWarning, stacklevel=2)
        if _end is not None and end is not None:
            raise TypeError(f"{fn}() got the end date both by position and by keyword")
        if on is not None:
            raise TypeError(f"{fn}() got both an end date and 'on'")
        on = _end if _end is not None else end
    overlays = overlay_keyword(fn, overlay, overlays)
    ag = coerce(DpaAgreement, agreement, "agreement")
    if on is None and until_limit:
        warnings.warn(f"{fn}: give the statement date as on=; until_limit=True without it (a projection of up to "
                      f"{MAX_YEARS} years) will be removed in careact 0.3", DeprecationWarning, stacklevel=2)
        on = ag.start + relativedelta(years=MAX_YEARS) - timedelta(days=1)
    hard_end = require_on(on, "the statement date, dpa_statement(agreement, on=date(2026, 3, 31))")
    if hard_end < ag.start:
        raise InputError.single("on", f"the statement date {hard_end} is before the agreement starts ({ag.start})",
                                "out_of_range")
    rs = resolve_rules(rules, overlays, on=ag.start)
    ev = Evaluation(rs, explain)
    trace = ev.trace
    warnings_: list[str] = []
    carried: list[date] = []  # relevant periods with no maximum rate of their own in the rule set

    basis = Reader(rs.at(ag.start), trace, ev.figures).param(dpa.interest_day_count)
    how = {
        Compounding.DAILY: N_("compounded daily (each day's interest is charged on the debt including interest so far)"),
        Compounding.MONTHLY: N_("compounded monthly (simple within a calendar month, added to the debt at its end)"),
        Compounding.SIMPLE: N_("as simple interest (interest never bears interest)"),
    }[ag.compounding]
    trace.add(
        PROJECTION,
        N_(
            "Care costs are deferred weekly in arrears from {start}, a part week pro rata by days. Interest is "
            "charged {how}, at the period's annual rate divided by {basis} days, and posted at the end of each "
            "period{separately}. Once the equity limit is reached no more care costs are deferred, but interest "
            "and charges continue."
        ),
        args={
            "start": ag.start,
            "how": how,
            "basis": basis.value,
            "separately": "" if ag.interest_added_to_debt else N_(" (the adult pays it separately: it is not added to the debt)"),
        },
    )

    admin = _admin_by_day(ag, hard_end)
    bounds = _boundaries(ag, rs, hard_end)
    acc = _Acc(principal=ag.opening_balance)
    rows: list[StatementRow] = []
    # values that change only on boundary days
    weekly = limit = ZERO
    daily_rate = ZERO
    pr: RateForPeriod | None = None
    seen_weekly: Decimal | None = None
    seen_limit: Decimal | None = None
    cost, income, other = ag.weekly_care_cost, ag.weekly_income, ag.other_weekly_contribution

    periods = relevant_periods(ag.start, hard_end)
    stop: date | None = None
    for p_start, p_end in periods:
        opening = acc.balance
        row = {"deferred": ZERO, "not_deferred": ZERO, "admin": ZERO, "interest": ZERO}
        day = p_start
        while day <= p_end:
            if day in bounds:
                res = rs.at(day)
                for ch in ag.changes:
                    if ch.on == day:
                        cost = ch.weekly_care_cost if ch.weekly_care_cost is not None else cost
                        income = ch.weekly_income if ch.weekly_income is not None else income
                        other = ch.other_weekly_contribution if ch.other_weekly_contribution is not None else other
                week = WeeklyDeferralCase(
                    weekly_care_cost=cost,
                    weekly_income=income,
                    disposable_income_allowance=ag.disposable_income_allowance,
                    other_weekly_contribution=other,
                )
                wd = deferral_on(week, day, rs, NullTrace(), ev.figures)
                if wd.deferred != seen_weekly:
                    deferral_on(week, day, rs, trace, ev.figures)
                    seen_weekly = wd.deferred
                weekly = wd.deferred
                el = equity_on(ag.property, day, rs, NullTrace(), ev.figures)
                if el.limit != seen_limit:
                    equity_on(ag.property, day, rs, trace, ev.figures)
                    seen_limit = el.limit
                limit = el.limit
                if pr is None or day > pr.end:
                    pr = period_rate(day, rs, ag.interest_rate, trace, ev.figures)
                    explain_rate(pr, ag.interest_rate, trace)
                    if pr.carried_forward:
                        carried.append(pr.start)
                daily_rate = pr.rate / Decimal(Reader(res, trace, ev.figures).param(dpa.interest_day_count).value)

            # 1. interest for the day, on the balance at the start of the day
            if ag.interest_added_to_debt:
                if ag.compounding is Compounding.DAILY:
                    acc.accrued += (acc.balance + acc.accrued) * daily_rate
                elif ag.compounding is Compounding.MONTHLY:
                    acc.accrued_month += acc.balance * daily_rate
                else:
                    acc.accrued += acc.principal * daily_rate
            else:
                acc.separate += acc.principal * daily_rate

            # 2. administration charges of the day
            for amount, what, to_debt in admin.get(day, ()):
                trace.add(
                    ADMIN,
                    N_("{when}: {what} of {amount} {how}."),
                    args={
                        "when": day,
                        "what": what,
                        "amount": gbp(amount),
                        "how": N_("added to the debt") if to_debt else N_("paid separately"),
                    },
                    output=amount,
                )
                if to_debt:
                    acc.principal += amount
                    row["admin"] += amount

            # 3. care costs: the day's share of the weekly amount; posted at the week's end
            if acc.limit_reached is None:
                acc.week_due += weekly / DAYS_IN_WEEK
            week_end = (day - ag.start).days % DAYS_IN_WEEK == DAYS_IN_WEEK - 1
            last_day = day == hard_end
            if (week_end or last_day) and acc.limit_reached is None:
                due = round_pence(acc.week_due)
                acc.week_due = ZERO
                headroom = max(ZERO, limit - acc.balance - round_pence(acc.accrued + acc.accrued_month))
                take = min(due, headroom)
                acc.principal += take
                row["deferred"] += take
                if take < due or (due > ZERO and headroom - take <= ZERO):
                    acc.limit_reached = day
                    row["not_deferred"] += due - take
                    trace.add(
                        LIMIT_REACHED,
                        N_(
                            "On {day} the debt reaches the equity limit of {limit}: {taken} of the week's {due} is "
                            "deferred and no further care costs are deferred; interest and charges continue."
                        ),
                        args={"day": day, "limit": gbp(limit), "taken": gbp(take), "due": gbp(due)},
                        output=day,
                    )
                    if until_limit:
                        stop = day
            elif acc.limit_reached is not None and (week_end or last_day):
                row["not_deferred"] += round_pence(weekly * (((day - ag.start).days % DAYS_IN_WEEK) + 1) / DAYS_IN_WEEK)

            # 4. post interest at month end (monthly) and at the end of the period
            month_end = (day + timedelta(days=1)).day == 1
            if ag.compounding is Compounding.MONTHLY and (month_end or day in (p_end, stop)):
                posted = round_pence(acc.accrued_month)
                acc.interest_posted += posted
                row["interest"] += posted
                acc.accrued_month = ZERO
            if day in (p_end, stop):
                posted = round_pence(acc.accrued)
                acc.interest_posted += posted
                row["interest"] += posted
                acc.accrued = ZERO
            if day == stop:
                break
            day += timedelta(days=1)

        row_end = stop or p_end
        assert pr is not None
        rows.append(
            StatementRow(
                start=p_start,
                end=row_end,
                days=(row_end - p_start).days + 1,
                rate=pr.rate,
                rate_status=_rate_status(pr.status),
                opening_balance=opening,
                care_costs_deferred=row["deferred"],
                care_costs_not_deferred=row["not_deferred"],
                admin_charges=row["admin"],
                interest=row["interest"],
                closing_balance=acc.balance,
                equity_limit=limit,
                headroom=max(ZERO, limit - acc.balance),
            )
        )
        if stop is not None:
            break

    final_end = rows[-1].end
    if carried:
        warnings_.append(
            f"no maximum interest rate in the rule set from {carried[0].isoformat()} ({len(carried)} relevant "
            f"period(s)): the last known maximum is carried forward; check the rate in force"
        )
    if until_limit and acc.limit_reached is None:
        warnings_.append(f"the equity limit is not reached by {final_end}")
    totals = {
        "deferred": sum((r.care_costs_deferred for r in rows), ZERO),
        "not_deferred": sum((r.care_costs_not_deferred for r in rows), ZERO),
        "admin": sum((r.admin_charges for r in rows), ZERO),
        "interest": sum((r.interest for r in rows), ZERO),
    }
    separate = round_pence(acc.separate)
    trace.add(
        SUMMARY,
        N_(
            "From {start} to {end}: {deferred} of care costs deferred, {admin} of charges and {interest} of "
            "interest added; the debt is {balance}."
        ),
        args={
            "start": ag.start,
            "end": final_end,
            "deferred": gbp(totals["deferred"]),
            "admin": gbp(totals["admin"]),
            "interest": gbp(totals["interest"]),
            "balance": gbp(acc.balance),
        },
        output=acc.balance,
    )
    return DpaStatement(
        on=hard_end,
        start=ag.start,
        end=final_end,
        rows=tuple(rows),
        equity_limit_reached_on=acc.limit_reached,
        total_care_costs_deferred=totals["deferred"],
        total_care_costs_not_deferred=totals["not_deferred"],
        total_admin_charges=totals["admin"],
        total_interest=totals["interest"],
        interest_payable_separately=separate,
        closing_balance=acc.balance,
        warnings=tuple(dict.fromkeys(warnings_)),
        inputs=ag,
        **ev.common("dpa.statement", hard_end),
    )


def _rate_status(status: str) -> RateStatus:
    if status not in ("verified", "secondary", "unverified", "agreed", "carried_forward"):
        raise ValueError(f"unknown rate status {status!r}")
    return status  # type: ignore[return-value]
