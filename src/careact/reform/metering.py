"""The care account's rules, written once in whole pence: one spell (:mod:`careact.reform.care_account`) or a
whole population in columns (:mod:`careact.population.reform`).

Each function computes with the array namespace of its context (see :mod:`careact.charging.context`):
Python integers for one spell, NumPy columns for many. Together they say, for a week of care under a
rule set, what is chargeable (:func:`week_cost`), who pays what and what counts towards a cap
(:func:`week_shares`), how the payment beyond spare income runs down capital and then the home
(:func:`draw_down`), for how many weeks those amounts hold (:func:`segment_weeks`), and how the week
in which a cap is reached is split (:func:`cap_week`).

* Care Act 2014 s 15 (as enacted, or as substituted by the Health and Care Act 2022 s 166): what
  accrues towards the cap -- the cost at the local authority's rate of meeting the eligible needs
  (``personal_budget``), or only what the adult is charged while the authority meets the needs
  (``own_contribution``) -- less daily living costs in a care home (s 15(6)); after the cap the
  adult pays only daily living costs (s 15(7)).
* A self-funder pays their own fee, and a top-up above the local authority's rate never counts.
* Free personal care: a care-home resident pays only daily living costs; at home, only the share of
  the package that is not personal care.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..charging.context import Ctx
from ..rules.declare import Rate
from ..rules.params.charging import property_
from .overlays import ReformTerms

__all__ = ["FAR", "WEEKS_IN_YEAR", "WeekTerms", "cap_week", "draw_down", "home_counted", "segment_weeks",
           "week_cost", "week_shares", "weeks_inside_band"]

WEEKS_IN_YEAR = 52  # a care-account year: 52 weekly statements from the start of the account
FAR = 10**9  # "no limit" on the length of a run of weeks


def _pence(value: Decimal | None) -> int | None:
    return None if value is None else int(value * 100)


@dataclass(frozen=True, slots=True)
class WeekTerms:
    """A reform's terms in force on a date, as the rules compute with them (pence, exact rates)."""

    cap: int | None  # the cap on care costs (None: no cap)
    personal_budget: bool  # s 15(2) as enacted: the whole cost meters (else own_contribution)
    la_rate: bool  # metered at the local authority's rate (else the actual cost)
    dlc: int  # notional daily living costs in a care home, weekly
    fpc: bool  # free personal care
    personal_share: Rate  # the share of a home-care package that is personal care
    home_at_home: bool  # the home counts in the means test for care at home
    dpa_at_home: bool  # deferred payments for care at home
    ucl_home_disregarded: int | None  # a second upper capital limit where the home is not counted
    self_funder_keeps_pea: bool = True  # a self-funder keeps the PEA (or MIG) from income while drawing on capital

    @classmethod
    def of(cls, terms: ReformTerms) -> WeekTerms:
        share = terms.personal_share.value if terms.personal_share is not None else Decimal(1)
        return cls(
            cap=_pence(terms.cap_amount),
            personal_budget=terms.metering_basis == "personal_budget",
            la_rate=terms.metering_rate_basis == "la_rate",
            dlc=int(terms.dlc_weekly * 100),
            fpc=terms.fpc,
            personal_share=Rate.of(share),
            home_at_home=terms.home_counted_at_home,
            dpa_at_home=terms.dpa_at_home,
            ucl_home_disregarded=_pence(terms.ucl_home_disregarded.value) if terms.ucl_home_disregarded is not None else None,
            self_funder_keeps_pea=terms.self_funder_keeps_pea,
        )


def home_counted(c: Ctx, t: WeekTerms, home_value: Any, care_home: Any, home_disregarded: Any, start_day: Any) -> Any:
    """Whether the home counts in the week's means test: in a care home after the 12-week property
    disregard (SI 2014/2672 Sch 2 para 2), unless a partner or relative lives there (para 4); at home only
    under a reform that counts it. ``start_day`` is the day the care began."""
    xp = c.xp
    in_home = xp.all(home_value > 0, care_home, xp.not_(home_disregarded))
    weeks = c.read_when(in_home, property_.disregard_weeks)
    after = c.on_day - start_day >= 7 * weeks
    return xp.all(home_value > 0, xp.where(care_home, xp.all(xp.not_(home_disregarded), after), t.home_at_home))


def week_cost(c: Ctx, t: WeekTerms, la: Any, care_home: Any, post_cap: Any) -> Any:
    """The weekly cost the adult is charged for: the local authority's rate; after the cap, daily living
    costs in a care home (s 15(7)) and nothing at home; under free personal care, daily living costs in a
    care home, or the part of a home-care package that is not personal care."""
    xp = c.xp
    living = xp.minimum(la, t.dlc)
    if t.fpc:
        share = t.personal_share
        return xp.where(care_home, living, xp.muldiv(la, share.den - share.num, share.den))
    return xp.where(post_cap, xp.where(care_home, living, 0), la)


@dataclass(slots=True)
class Shares:
    """Who pays what a week, what accrues towards the cap, and what is drawn from capital (pence)."""

    person: Any
    council: Any
    accrual: Any
    drawdown: Any


def week_shares(c: Ctx, t: WeekTerms, *, la: Any, fee: Any, care_home: Any, cost: Any, post_cap: Any, charge: Any,
                self_funder: Any, allowances: Any, income: Any) -> Shares:
    """Who pays for a week of care and what counts towards the cap.

    A self-funder (capital above the upper limit) pays the cost and any top-up above the local authority's
    rate; otherwise the adult pays the charge and the authority the rest. Towards the cap counts the cost
    at the local authority's rate (or the actual cost where the rule set meters that), or under
    ``own_contribution`` only the adult's charge while the authority meets the needs -- less daily living
    costs in a care home -- and nothing after the cap or under free personal care. What the adult pays
    beyond their spare income (income above the allowances kept; a self-funder keeps none where the reform's
    terms say so) is drawn from capital.
    """
    xp = c.xp
    person = xp.where(self_funder, cost + (fee - la), charge)
    council = xp.where(self_funder, la - cost, la - charge)
    accrual: Any = 0
    if t.cap is not None and not t.fpc:
        rate = la if t.la_rate else fee
        base = rate if t.personal_budget else xp.where(self_funder, rate, xp.minimum(charge, rate))
        dlc = xp.where(care_home, t.dlc, 0)
        accrual = xp.where(post_cap, 0, xp.maximum(0, base - dlc))
    # a self-funder keeps the PEA (or MIG) from income unless the reform's terms say otherwise
    kept = allowances if t.self_funder_keeps_pea else xp.where(self_funder, 0, allowances)
    spare = xp.maximum(0, income - kept)
    drawdown = xp.maximum(0, person - spare)
    return Shares(person=person, council=council, accrual=accrual, drawdown=drawdown)


def draw_down(c: Ctx, capital: Any, home_drawn: Any, deferred: Any, home_value: Any, drawn: Any, deferral: Any) -> tuple[Any, Any, Any]:
    """``drawn`` paid from savings first, then from the home (a deferred payment where one is available):
    ``(capital, home_drawn, deferred)`` after it."""
    xp = c.xp
    from_capital = xp.minimum(drawn, capital)
    take = xp.minimum(drawn - from_capital, home_value - home_drawn)
    return capital - from_capital, home_drawn + take, deferred + xp.where(deferral, take, 0)


def weeks_inside_band(c: Ctx, assessed: Any, drawdown: Any, limits: list[int], lowers: list[int], band: int | None) -> Any:
    """Weeks for which assessed capital, falling by at most ``drawdown`` a week, stays strictly inside its
    tariff band and on one side of each capital limit (at least 1; :data:`FAR` with no drawdown).

    It assumes capital falls pound for pound (a home counted net of sale costs falls more slowly, so the
    number is then short, never long). Planning only: a run in segments equals a week-by-week run.
    """
    xp = c.xp
    below: Any = 0  # the largest candidate boundary below the assessed capital (0 is one)
    on_boundary = assessed == 0
    for limit in limits:
        below = xp.where(limit < assessed, xp.maximum(below, limit), below)
        on_boundary = xp.any(on_boundary, assessed == limit)
    if band is not None and band > 0 and limits:
        top = max(limits)
        for lower in lowers:  # tariff bands count up from a lower limit, to the upper limit
            inside = xp.all(lower < assessed, assessed <= top)
            edge = lower + band * (xp.ceil_div(xp.maximum(assessed - lower, 1), band) - 1)
            below = xp.where(inside, xp.maximum(below, edge), below)
            on_boundary = xp.any(on_boundary, xp.all(inside, assessed == edge))
    weeks = xp.where(on_boundary, 1, xp.maximum(1, xp.ceil_div(assessed - below, xp.maximum(drawdown, 1))))
    return xp.where(drawdown > 0, weeks, FAR)


def segment_weeks(c: Ctx, *, left: Any, week: Any, to_event: Any, drawdown: Any, assessed: Any, capital: Any,
                  limits: list[int], lowers: list[int], band: int | None) -> Any:
    """How many weeks from this one are charged alike: to the end of the account and of the account year,
    to the next event (a change of the rules, a birthday, the end of the property disregard), while capital
    stays inside its band, and until savings run out and the home is drawn on."""
    xp = c.xp
    n = xp.minimum(left, WEEKS_IN_YEAR - week % WEEKS_IN_YEAR)
    n = xp.minimum(n, xp.maximum(1, to_event))
    drawing = drawdown > 0
    n = xp.where(drawing, xp.minimum(n, weeks_inside_band(c, assessed, drawdown, limits, lowers, band)), n)
    runs_out = xp.all(drawing, capital > 0)
    return xp.where(runs_out, xp.minimum(n, xp.maximum(1, xp.ceil_div(capital, xp.maximum(drawdown, 1)))), n)


def cap_week(c: Ctx, remaining: Any, accrual: Any, pre: Any, post: Any) -> Any:
    """The week in which the cap is reached: the part of the week before it (``remaining / accrual``) at the
    pre-cap amount, the rest at the post-cap amount, rounded once to the penny."""
    xp = c.xp
    return xp.round_div(pre * remaining + post * (accrual - remaining), xp.maximum(accrual, 1))


def cap_day(c: Ctx, remaining: Any, accrual: Any) -> Any:
    """The day of the week on which the cap is reached (0 to 6): exactly ``remaining`` accrues by then."""
    xp = c.xp
    return xp.maximum(0, xp.ceil_div(7 * remaining, xp.maximum(accrual, 1)) - 1)
