"""Notional income (SI 2014/2672 reg 17) and the diminishing notional capital rule (reg 23).

Whether an adult has deprived themselves of capital or income, and what they are treated as having,
is an officer's decision (Care and Support Statutory Guidance Annex E): careact takes it as an input
and applies its consequences.

- **Notional income** (reg 17; its words were not read -- reg 13(2), read, counts it as income): each
  decision counts as income from the day it applies. Where it replaces income actually drawn -- a
  pension pot from which the adult draws less than the most an annuity would pay -- the actual income is
  disregarded so the income is counted once; where the actual income is higher than the notional, the
  actual is counted instead (Annex C, as restated by Care Navigators).
- **Diminishing notional capital** (reg 23; words not read): notional capital goes down each week by
  the extra the adult is charged that week because of it. careact's reading, stated in every result
  that uses it: weeks run from the day the notional capital is first taken into account
  (``applies_from``); in each week the charge is worked out with and without the notional capital; the
  difference comes off the notional capital from the next week. It is the direct translation of the
  benefit rule (SI 2002/1792 reg 22; SI 2006/213 reg 50, read) and of the 1992 rule it replaced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from ..arrays import pounds
from ..explain import N_, RuleStep, gbp
from ..money import ZERO
from ..periods import to_weekly
from ..rules.declare import ScaleDecl
from ..rules.params import declaration
from .context import Ctx
from .models import ChargingCase, ChargingResult, NotionalCapitalStep

__all__ = [
    "DIMINISHING_CONVENTION",
    "R_DIMINISHING",
    "R_NOTIONAL_INCOME",
    "NotionalIncomePlan",
    "diminish_notional_capital",
    "diminishing_points",
    "explain_diminishing",
    "notional_income_plan",
    "notional_income_rule",
]

_L = "https://www.legislation.gov.uk/uksi/2014/2672"
R_NOTIONAL_INCOME = RuleStep("charging.income.notional", "Notional income", "SI 2014/2672 reg 17 (text not read) and reg 13(2)", f"{_L}/regulation/17", "Care and Support Statutory Guidance Annex C (pension pots) and Annex E")
R_DIMINISHING = RuleStep("charging.capital.notional_diminishing", "Diminishing notional capital", "SI 2014/2672 reg 23 (text not read)", f"{_L}/regulation/23", "Care and Support Statutory Guidance Annex E")

DIMINISHING_CONVENTION = (
    "Diminishing notional capital (SI 2014/2672 reg 23, whose words careact has not read): weeks run from the day "
    "the notional capital is first taken into account; each week's charge is worked out with and without it, and "
    "the difference comes off the notional capital from the following week."
)
_MAX_WEEKS = 52 * 30


def notional_income_rule(c: Ctx, notional: Any, actual: Any, replaces: Any) -> tuple[Any, Any]:
    """(notional counted, actual counted): where notional income replaces actual income it is counted
    instead of it, unless the actual income is higher (then the actual is counted and the notional not)."""
    xp = c.xp
    higher = xp.all(replaces, actual > notional)
    return xp.where(higher, 0, notional), xp.where(xp.all(replaces, xp.not_(higher)), 0, actual)


@dataclass(slots=True)
class NotionalIncomePlan:
    """Notional income in force on a day: lines to add, and income items whose actual amount is replaced."""

    lines: list[tuple[int, str, int]] = field(default_factory=list)  # (index, label, weekly pence counted)
    replaced: dict[int, int] = field(default_factory=dict)  # income index -> notional index replacing it


_LABELS = {
    "pension_drawdown_max_annuity": "Notional income: the most an annuity would pay from a pension pot",
    "income_available_on_application": "Notional income available on application",
    "income_deprived": "Notional income the adult deprived themselves of",
    "income_due_not_paid": "Notional income due but not paid",
}


def notional_income_plan(c: Ctx, case: ChargingCase) -> NotionalIncomePlan:
    """The notional income decisions in force on ``c.on`` (one case), with their explanation."""
    plan = NotionalIncomePlan()
    for j, n in enumerate(case.notional_income):
        if n.starts_on > c.on or (n.ends_on is not None and c.on > n.ends_on):
            continue
        replaced = [i for i, item in enumerate(case.income) if item.type in n.actual_income_types_replaced and item.owner == "person"]
        actual = sum(int(to_weekly(case.income[i].amount, case.income[i].frequency).weekly * 100) for i in replaced)
        notional = int(n.weekly * 100)
        counted, actual_counted = notional_income_rule(c, notional, actual, bool(replaced))
        label = _LABELS[n.type]
        if replaced and actual_counted:
            if c.explain:
                c.t.add(R_NOTIONAL_INCOME, N_("{label}: {notional} a week, but the adult actually draws more, {actual} a week, so the actual income is counted and the notional income is not."), args={"label": label, "notional": gbp(n.weekly), "actual": gbp(pounds(actual))}, inputs={"index": j}, output=pounds(0))
            c.flag("notional_income_replaced_by_higher_actual", f"notional_income[{j}]: the income actually drawn (£{pounds(actual)} a week) is more than the notional income (£{n.weekly}); the actual income is counted.", R_NOTIONAL_INCOME.citation)
            continue
        for i in replaced:
            plan.replaced[i] = j
        if c.explain:
            text = (N_("{label}: {notional} a week is counted as income from {start}, instead of the {actual} a week actually drawn (counted once). Decided by {by} on {on}: {reason}.") if replaced
                    else N_("{label}: {notional} a week is counted as income from {start}. Decided by {by} on {on}: {reason}."))
            c.t.add(R_NOTIONAL_INCOME, text, args={"label": label, "notional": gbp(n.weekly), "actual": gbp(pounds(actual)), "start": n.starts_on, "by": n.decided_by, "on": n.decided_on, "reason": n.reason}, inputs={"index": j}, output=n.weekly)
        c.flag("notional_income", f"notional_income[{j}]: £{n.weekly} a week of notional income is counted ({n.reason}); treating an adult as having income they do not have is an officer's decision (Annex E).", R_NOTIONAL_INCOME.citation, officer=True)
        plan.lines.append((j, label, int(counted)))
    return plan


# --------------------------------------------------------------------------- diminishing notional capital


Assessor = Callable[[ChargingCase, date], ChargingResult]


def _with_pool(case: ChargingCase, pool: list[int], amounts: list[Decimal]) -> ChargingCase:
    """``case`` with the notional capital items in ``pool`` set to ``amounts`` and no longer diminishing."""
    items = list(case.notional_capital)
    for k, i in enumerate(pool):
        items[i] = items[i].model_copy(update={"amount": amounts[k], "applies_from": None})
    return case.model_copy(update={"notional_capital": items})


def _spread(total: Decimal, sizes: list[Decimal]) -> list[Decimal]:
    """Take ``total`` off the items in order (the earliest decision first)."""
    out = []
    left = total
    for s in sizes:
        take = min(s, left)
        out.append(s - take)
        left -= take
    return out


def _thresholds(result: ChargingResult) -> list[Decimal]:
    out = [ZERO]
    if result.upper_capital_limit is not None:
        out.append(result.upper_capital_limit)
    lower = result.lower_capital_limit
    if lower is not None and result.upper_capital_limit is not None:
        band = Decimal(250)
        k = 0
        while lower + band * k < result.upper_capital_limit and k < 2000:
            out.append(lower + band * k)
            k += 1
    return out


def _weeks_in_band(total: Decimal, reduction: Decimal, result: ChargingResult, cap: int) -> int:
    """Weeks for which total capital, falling by ``reduction`` a week, stays above the next threshold below it."""
    if reduction <= 0:
        return cap
    below = [t for t in _thresholds(result) if t < total]
    floor = max(below) if below else ZERO
    n = int(((total - floor) / reduction).to_integral_value(rounding=ROUND_CEILING))
    return max(1, min(n, cap))


def diminish_notional_capital(case: ChargingCase, on: date, assess_one: Assessor) -> tuple[ChargingCase, list[NotionalCapitalStep]]:
    """The case as it stands on ``on`` with its diminishing notional capital reduced week by week, and the
    schedule of the reductions (SI 2014/2672 reg 23, read as stated in :data:`DIMINISHING_CONVENTION`).

    Runs of weeks charged alike are taken together: a run ends where the capital counted would cross
    the upper limit or a tariff band; the run's last week is checked against its first, and the run is
    halved until they agree.
    """
    pool = [i for i, n in enumerate(case.notional_capital) if n.applies_from is not None and n.applies_from <= on]
    if not pool:
        return case, []
    joins = {i: case.notional_capital[i].applies_from or on for i in pool}
    pool.sort(key=lambda i: joins[i])
    first = joins[pool[0]]
    amounts = [case.notional_capital[i].amount for i in pool]
    zeros = [ZERO] * len(pool)
    schedule: list[NotionalCapitalStep] = []
    weeks_total = min((on - first).days // 7, _MAX_WEEKS)  # the weeks before the week containing ``on``
    done = 0
    while done < weeks_total:
        week = first + timedelta(weeks=done)
        joined = [joins[i] <= week for i in pool]
        live = [a if j else ZERO for a, j in zip(amounts, joined, strict=True)]
        if sum(live, ZERO) <= 0 and all(joined):
            break
        w = assess_one(_with_pool(case, pool, live), week)
        wo = assess_one(_with_pool(case, pool, zeros), week)
        reduction = max(ZERO, w.weekly_charge - wo.weekly_charge)
        n = _weeks_in_band(w.assessed_capital, reduction, w, weeks_total - done)
        for i in pool:  # a run ends where a later decision joins
            if joins[i] > week:
                n = min(n, max(1, -(-(joins[i] - week).days // 7)))
        while n > 1:
            probe = _spread(reduction * (n - 1), live)
            last = week + timedelta(weeks=n - 1)
            pw = assess_one(_with_pool(case, pool, probe), last)
            pwo = assess_one(_with_pool(case, pool, zeros), last)
            if (pw.weekly_charge, pwo.weekly_charge) == (w.weekly_charge, wo.weekly_charge):
                break
            n //= 2
        schedule.append(NotionalCapitalStep.build(
            starts_on=week, weeks=n, notional_capital=sum(live, ZERO), weekly_reduction=reduction,
            charge_with=w.weekly_charge, charge_without=wo.weekly_charge))
        live = _spread(min(reduction * n, sum(live, ZERO)), live)
        amounts = [lv if j else a for lv, a, j in zip(live, amounts, joined, strict=True)]
        done += n
    return _with_pool(case, pool, amounts), schedule


def explain_diminishing(c: Ctx, case: ChargingCase, schedule: list[NotionalCapitalStep],
                        reads: set[tuple[str, str | None]] | None = None) -> None:
    """The explanation step for diminished notional capital (one case). ``reads`` are the parameters the
    weekly assessments behind the reduction read: they are recorded with the step (as in force on the day
    assessed)."""
    if not schedule:
        return
    for name, key in sorted(reads or (), key=lambda nk: (nk[0], nk[1] or "")):
        decl = declaration(name)
        if decl is None or name not in c.r.res:
            continue
        if key is not None and isinstance(decl, ScaleDecl):
            c.r.cell_param(decl, key)
        elif key is None:
            c.r.param(decl)
    original = sum((n.amount for n in case.notional_capital if n.applies_from is not None), ZERO)
    reduced = sum((s.weekly_reduction * s.weeks for s in schedule), ZERO)
    if c.explain:
        c.t.add(R_DIMINISHING, N_("Notional capital goes down each week by the extra the adult is charged because of it: from {start}, {weeks} weeks have taken {reduced} off it. (careact's reading of reg 23: each week's charge is worked out with and without the notional capital, and the difference comes off it from the next week.)"), args={"start": schedule[0].starts_on, "weeks": sum(s.weeks for s in schedule), "reduced": gbp(min(reduced, original))}, output=min(reduced, original))


def diminishing_points(schedule: list[NotionalCapitalStep], start: date, end: date) -> dict[date, list[Any]]:
    """Days in (start, end] on which the diminishing notional capital changes the charge."""
    from .change_points import ChangeReason

    out: dict[date, list[Any]] = {}
    for s in schedule:
        if s.weekly_reduction <= 0:
            continue
        for k in range(1, s.weeks + 1):  # each week's reduction applies from the next week
            nxt = s.starts_on + timedelta(weeks=k)
            if start < nxt <= end:
                out.setdefault(nxt, []).append(ChangeReason(
                    "notional_capital_diminished", f"notional capital falls by £{s.weekly_reduction}, the extra charge it "
                    "caused in the week before", citation=R_DIMINISHING.citation, extra={"weekly_reduction": s.weekly_reduction}))
    return out
