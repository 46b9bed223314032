"""The care account: a person's spell of care, week by week, under one rule set.

For each week from the start of care the account works out what the care costs the local
authority (the *LA rate*), what the adult is charged under the means test in force that week (by
calling the charging engine), what the council pays, and -- where the rule set has a cap on care
costs -- how much *accrues* towards the cap, the date the cap is reached, and what the adult pays
after it. Whatever the adult pays beyond their spare income is drawn from their capital, and then
from the value of their home (a deferred payment where one is available), so next week's means
test sees less capital.

What counts towards the cap is data (:mod:`careact.reform.overlays`):

* ``personal_budget`` (Care Act 2014 s.15(2) as enacted): the LA-rate cost of meeting the
  eligible needs, whoever pays it, less daily living costs in a care home;
* ``own_contribution`` (Health and Care Act 2022 s.166): for needs the council meets, only what it
  charges the adult; for a self-funder, the cost to the council (the independent personal budget);
  in both cases less daily living costs in a care home.

Top-ups above the LA rate never count (the metering rate is the LA rate unless the rule set says
``actual_cost``). After the cap the council pays the care; a care-home resident still pays the
notional daily living costs, means-tested (Care Act 2014 s.15(7)), and a self-funder any top-up.
The week the cap is reached is split: the part of the week before it at the pre-cap terms, the
rest at the post-cap terms, so exactly the cap accrues.

The account moves in *segments*: runs of weeks in which nothing that the means test depends on
changes -- no change of any parameter, no birthday, no end of the 12-week property disregard, no
year end, and capital staying strictly inside one tariff band (and on one side of each capital
limit). Every week of a segment has the same figures, so the segment is added up in one step;
``weekly=True`` re-assesses every week instead and gives the same result (a test checks this).

The account can start later than the care did (``on``): it then opens on the first weekly statement
on or after ``on``, with the spell's capital, income and home as they stand then; the weeks before
are not modelled (a cap's metering starts with the reform in any case).

The reform terms are declared parameters (:mod:`careact.rules.params.reform`) read through a
:class:`~careact.rules.reader.Reader`, so the explanation cites every term in force.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Final, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, computed_field

from .. import __version__
from ..arrays import SCALAR, pounds
from ..charging.context import Ctx
from ..dates import add_weeks, age_on, birthday_of_age
from ..errors import InputError
from ..explain import N_, Explanation, NullTrace, RuleStep, Trace, gbp
from ..explain.lazy import ExplanationView
from ..money import ZERO, NonNegativeMoneyOut
from ..results import CareactResult, ExplanationField, FiguresStatus, figures_status
from ..rules import (
    DatedValue,
    Layer,
    LayerKind,
    Parameter,
    ParamValue,
    RuleSet,
    Unit,
    canonical_digest,
)
from ..rules.params.charging import capital, options, property_
from ..rules.params.reform import reform_cap
from ..rules.reader import FigureLedger, Reader
from .metering import (
    FAR,
    WEEKS_IN_YEAR,
    WeekTerms,
    cap_day,
    cap_week,
    draw_down,
    home_counted,
    segment_weeks,
    week_cost,
    week_shares,
)
from .models import CareSpell, SideOutcome
from .overlays import ReformTerms

__all__ = [
    "ACCOUNT_SCHEMA",
    "SIMPLIFICATIONS",
    "WEEKS_IN_YEAR",
    "AccountResult",
    "Assessor",
    "Segment",
    "WeekAssessment",
    "WeekFigures",
    "WeekInputs",
    "YearRow",
    "account_start",
    "run_account",
]

ACCOUNT_SCHEMA: Final = "careact.result.reform.account/1"

SIMPLIFICATIONS = (
    "One adult, assessed as single; a couple's joint assessment is not modelled.",
    "Income and the LA rate are constant in cash terms; national figures (allowances, limits) change as the rule set says.",
    "Paying beyond spare income draws on savings first, then the home; a deferred payment is modelled without interest or fees.",
    "Someone the council supports is placed at the LA rate; a self-funder pays their own fee, and any top-up above the LA rate is theirs and never counts towards a cap.",
    "A year is 52 weeks from the start of care.",
)

# --------------------------------------------------------------------------- rule steps

CARE_ACCOUNT = RuleStep(
    id="reform.care_account",
    title="Care account",
    citation="Care Act 2014 s.15 (cap on care costs); s.14 (power to charge)",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/15",
)
SEGMENT = RuleStep(
    id="reform.care_account.segment",
    title="Weeks charged on the same terms",
    citation="Care Act 2014 s.14, s.17; SI 2014/2672",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/14",
)
METERING = RuleStep(
    id="reform.care_account.metering",
    title="What counts towards the cap",
    citation="Care Act 2014 s.15(2), (6); as substituted by Health and Care Act 2022 s.166 where the rule set says so",
    href="https://www.legislation.gov.uk/ukpga/2022/31/section/166/enacted",
)
CAP_REACHED = RuleStep(
    id="reform.care_account.cap_reached",
    title="Cap reached",
    citation="Care Act 2014 s.15(1), (7)",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/15",
)
DRAWDOWN = RuleStep(
    id="reform.care_account.drawdown",
    title="Paying from capital",
    citation="Care Act 2014 s.17; Care and Support (Deferred Payment) Regulations 2014 (SI 2014/2671)",
    href="https://www.legislation.gov.uk/uksi/2014/2671/contents/made",
)


# --------------------------------------------------------------------------- the assessor interface


@dataclass(frozen=True, slots=True)
class WeekInputs:
    """What changes from week to week in the charging case built from a spell."""

    on: date
    cost: Decimal  # the weekly cost the adult is charged for (the LA rate, or what is left chargeable)
    capital: Decimal  # savings left
    home_equity: Decimal  # value of the home left (value less anything drawn on it)
    count_home_at_home: bool  # reform: the home counts in the means test for care at home


@dataclass(frozen=True, slots=True)
class WeekAssessment:
    """The means test's answer for one week (and the status of the figures it used)."""

    charge: Decimal  # what the adult is charged a week towards ``cost``
    self_funder: bool  # capital above the upper limit: arranges and pays for their own care
    allowances: Decimal  # weekly income the adult keeps (personal expenses allowance, MIG, ...)
    assessed_capital: Decimal = ZERO
    explanation: Any = None  # the means test's explanation, when asked for
    unverified: tuple[str, ...] = ()  # parameters used whose figure is unverified
    secondary: tuple[str, ...] = ()  # parameters used whose figure rests on a secondary source


class Assessor(Protocol):
    def __call__(self, rules: RuleSet, spell: CareSpell, inputs: WeekInputs, explain: bool) -> WeekAssessment: ...


# --------------------------------------------------------------------------- the run (internal)


def _outcome(x: Any) -> SideOutcome:
    """The side's outcome from an account (a run of weeks, or its result): what was paid, accrued and left."""
    return SideOutcome.model_construct(
        person_paid=x.person_paid, council_paid=x.council_paid, self_funder_at_start=x.self_funder_at_start,
        self_funder_weeks=x.self_funder_weeks, accrued=x.accrued, cap_reached_on=x.cap_reached_on,
        weeks_to_cap=x.weeks_to_cap, wealth_end=x.wealth_end, deferred=x.deferred)


@dataclass(frozen=True, slots=True)
class _Week:
    """The weekly amounts of one segment (all per week), with what produced them."""

    cost: Decimal
    person: Decimal
    council: Decimal
    accrual: Decimal
    drawdown: Decimal
    self_funder: bool
    post_cap: bool
    home_counted: bool
    assessment: WeekAssessment
    inputs: WeekInputs | None = None
    rules: RuleSet | None = None


@dataclass(frozen=True, slots=True)
class _Seg:
    """``weeks`` weeks from ``start`` charged alike (a cap week is a segment of one, with its own totals)."""

    start: date
    weeks: int
    figures: _Week
    person_paid: Decimal
    council_paid: Decimal
    accrued: Decimal
    drawn: Decimal
    capital_after: Decimal
    home_equity_after: Decimal
    accrued_after: Decimal
    cap_week: bool = False


@dataclass(frozen=True, slots=True)
class _Run:
    """A spell run under one rule set, before it becomes an :class:`AccountResult`."""

    spell: CareSpell
    rules: RuleSet
    start: date
    weeks: int
    segments: tuple[_Seg, ...]
    years: tuple[YearRow, ...]
    person_paid: Decimal
    council_paid: Decimal
    accrued: Decimal
    cap_amount: Decimal | None
    cap_reached_on: date | None
    weeks_to_cap: int | None
    capital_end: Decimal
    home_drawn: Decimal
    deferred: Decimal
    self_funder_weeks: int
    assessments: int
    figures: FigureLedger
    trace: Trace | None

    @property
    def wealth_end(self) -> Decimal:
        return self.capital_end + self.spell.home_value - self.home_drawn

    @property
    def self_funder_at_start(self) -> bool:
        return bool(self.segments) and self.segments[0].figures.self_funder

    def outcome(self) -> SideOutcome:
        return _outcome(self)

    def result(self, assessor: Assessor) -> AccountResult:
        """The public result: segments, years and totals as pydantic models, with the explanation."""
        explanation = None
        if self.trace is not None:
            _explain(self.trace, self, assessor)
            self.trace.finish()
            explanation = ExplanationView(
                Explanation.from_trace("reform.care_account", self.start, self.rules.identity(), self.trace))
        return AccountResult.model_construct(
            ruleset=self.rules.identity(),
            start=self.start,
            weeks=self.weeks,
            person_paid=self.person_paid,
            council_paid=self.council_paid,
            cap_amount=self.cap_amount,
            accrued=self.accrued,
            cap_reached_on=self.cap_reached_on,
            weeks_to_cap=self.weeks_to_cap,
            capital_end=self.capital_end,
            home_drawn=self.home_drawn,
            wealth_end=self.wealth_end,
            deferred=self.deferred,
            self_funder_weeks=self.self_funder_weeks,
            assessments=self.assessments,
            years=self.years,
            segments=tuple(_segment(s) for s in self.segments),
            notes=SIMPLIFICATIONS,
            figures=figures_status(self.figures, self.start),
            careact_version=__version__,
            inputs=self.spell,
            explanation=explanation,
        )


# --------------------------------------------------------------------------- results

_MODEL = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class WeekFigures(BaseModel):
    """The weekly amounts of one segment (all per week)."""

    model_config = _MODEL
    cost: NonNegativeMoneyOut = Field(serialization_alias="weekly_cost_charged_for",
                                   description="The weekly cost the adult is charged for.")
    person: NonNegativeMoneyOut = Field(serialization_alias="person_weekly", description="What the adult pays a week.")
    council: NonNegativeMoneyOut = Field(serialization_alias="council_weekly", description="What the council pays a week.")
    accrual: NonNegativeMoneyOut = Field(serialization_alias="accrual_weekly", description="What counts towards the cap a week.")
    drawdown: NonNegativeMoneyOut = Field(description="What the adult pays a week beyond their spare income, from capital or the home.")
    self_funder: bool
    post_cap: bool = Field(serialization_alias="after_cap")
    home_counted: bool


class Segment(BaseModel):
    """``weeks`` weeks from ``start`` charged alike (a cap week is a segment of one, with its own totals)."""

    model_config = _MODEL
    start: date
    weeks: int
    figures: WeekFigures
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    accrued: NonNegativeMoneyOut
    drawn: NonNegativeMoneyOut
    capital_after: NonNegativeMoneyOut
    home_equity_after: NonNegativeMoneyOut
    accrued_after: NonNegativeMoneyOut
    cap_week: bool = False

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class YearRow(BaseModel):
    """One care-account year (52 weeks from the start of the account, the last one possibly shorter)."""

    model_config = _MODEL
    index: int = Field(serialization_alias="year")
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to", description="The year's last day.")
    weeks: int
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    accrued: NonNegativeMoneyOut
    accrued_total: NonNegativeMoneyOut
    self_funder_weeks: int
    wealth_end: NonNegativeMoneyOut
    cap_reached_on: date | None

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class PaidSplit(BaseModel):
    """What the adult and the council paid in one part of the account."""

    model_config = _MODEL
    person: NonNegativeMoneyOut
    council: NonNegativeMoneyOut


class AccountResult(CareactResult):
    """A spell run under one rule set: segments, years, totals, and the cap if there is one."""

    model_config = ConfigDict(frozen=True, title="careact care account")
    schema_: Literal["careact.result.reform.account/1"] = Field(ACCOUNT_SCHEMA, alias="schema")
    ruleset: dict[str, Any] = Field(description="The identity (id, digest, layers) of the rule set used.")
    start: date = Field(description="The first day of the account (the spell's care start, or the first weekly "
                        "statement on or after the date asked for).")
    weeks: int
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    cap_amount: NonNegativeMoneyOut | None = Field(serialization_alias="cap", description="The cap in force at the end (None: no cap).")
    accrued: NonNegativeMoneyOut = Field(serialization_alias="accrued_towards_cap")
    cap_reached_on: date | None
    weeks_to_cap: int | None
    capital_end: NonNegativeMoneyOut
    home_drawn: NonNegativeMoneyOut
    wealth_end: NonNegativeMoneyOut = Field(description="Capital plus the home, less anything drawn on it.")
    deferred: NonNegativeMoneyOut
    self_funder_weeks: int
    assessments: int = Field(exclude=True, description="How many weekly means tests the account ran (not serialised: it "
                             "depends on how the account was run, not on the answer).")
    years: tuple[YearRow, ...]
    segments: tuple[Segment, ...]
    notes: tuple[str, ...] = SIMPLIFICATIONS
    figures: FiguresStatus = Field(
        description="Whether any figure the result rests on is unverified or only from a secondary source.")
    careact_version: str
    inputs: CareSpell = Field(description="The care spell as normalised by careact.")
    explanation: ExplanationField = Field(
        None, description="The careact.explain/1 document (a mapping; built when first read); None with explain=False.")

    @property
    def spell(self) -> CareSpell:
        return self.inputs

    @property
    def self_funder_at_start(self) -> bool:
        return bool(self.segments) and self.segments[0].figures.self_funder

    @computed_field(description="What the adult and the council paid before the cap was reached (the cap week "  # type: ignore[prop-decorator]
                    "included) and after.")
    @property
    def paid(self) -> dict[str, PaidSplit]:
        out = {"before_cap": [ZERO, ZERO], "after_cap": [ZERO, ZERO]}
        for s in self.segments:
            side = out["after_cap" if s.figures.post_cap else "before_cap"]
            side[0] += s.person_paid
            side[1] += s.council_paid
        return {k: PaidSplit(person=p, council=c) for k, (p, c) in out.items()}

    def paid_before_and_after_cap(self) -> dict[str, dict[str, Decimal]]:
        """What the adult and the council paid before the cap was reached (the cap week included) and after."""
        return {k: {"person": v.person, "council": v.council} for k, v in self.paid.items()}

    def outcome(self) -> SideOutcome:
        return _outcome(self)

    def as_dict(self, *, segments: bool = True) -> dict[str, Any]:
        """The account as JSON types (without the segments if ``segments=False``)."""
        out = self.to_dict()
        if not segments:
            del out["segments"]
        return out


def _segment(s: _Seg) -> Segment:
    f = s.figures
    return Segment.model_construct(
        start=s.start,
        weeks=s.weeks,
        figures=WeekFigures.model_construct(cost=f.cost, person=f.person, council=f.council, accrual=f.accrual, drawdown=f.drawdown,
                            self_funder=f.self_funder, post_cap=f.post_cap, home_counted=f.home_counted),
        person_paid=s.person_paid,
        council_paid=s.council_paid,
        accrued=s.accrued,
        drawn=s.drawn,
        capital_after=s.capital_after,
        home_equity_after=s.home_equity_after,
        accrued_after=s.accrued_after,
        cap_week=s.cap_week,
    )


# --------------------------------------------------------------------------- helpers


def _pence(amount: Decimal) -> int:
    return int(amount * 100)


def _pounds(pence: int) -> Decimal:
    return pounds(pence)


@dataclass
class _State:
    """What the account holds between weeks (pence)."""

    capital: int
    home_drawn: int = 0
    deferred: int = 0
    accrued: int = 0
    cap_reached_on: date | None = None
    weeks_to_cap: int | None = None


def _ucl_variant(rules: RuleSet, pv: ParamValue, cache: dict[tuple[Any, ...], RuleSet]) -> RuleSet:
    """The rule set with ``capital.upper_limit`` replaced by the reform's home-disregarded limit."""
    key = (pv.value, pv.effective_from, pv.layer)
    hit = cache.get(key)
    if hit is not None:
        return hit
    param = Parameter(
        name="capital.upper_limit",
        description="Upper capital limit where the home is not counted (reform.capital.upper_limit_home_disregarded)",
        unit=Unit.GBP,
        values=(DatedValue(start=pv.effective_from, value=pv.value, citation=pv.citation),),
    )
    meta = {"name": "reform.upper_limit_home_disregarded", "version": "1.0.0", "layer": "reform", "base": rules.base.name}
    layer = Layer(
        name=meta["name"],
        version=meta["version"],
        kind=LayerKind.REFORM,
        description="The reform's upper capital limit for an adult whose home is not counted",
        parameters=MappingProxyType({param.name: param}),
        digest=canonical_digest(meta, [param]),
        base=rules.base.name,
        source=pv.citation,
    )
    out = rules.with_overlay(layer)
    cache[key] = out
    return out


def account_start(spell: CareSpell, on: date | None) -> date:
    """The first day of the account: the start of care, or the first weekly statement on or after ``on``."""
    if on is None or on <= spell.care_start:
        return spell.care_start
    return add_weeks(spell.care_start, -(-(on - spell.care_start).days // 7))


def _event_dates(spell: CareSpell, rules: RuleSet, start: date, end: date, r: Reader) -> list[date]:
    """Dates on which the means test may change for reasons other than capital."""
    out = set(rules.change_dates(start, end))
    first = max(0, age_on(spell.date_of_birth, start))
    for age in range(first, first + (end.year - start.year) + 2):
        d = birthday_of_age(spell.date_of_birth, age)
        if d > end:
            break
        if d > start:
            out.add(d)
    if spell.care_home:
        out.add(add_weeks(spell.care_start, r(property_.disregard_weeks)))
    return sorted(d for d in out if start < d <= end)


def _ctx(r: Reader, on: date) -> Ctx:
    """The context the care account's rules run in for one spell: Python integers, reads recorded by ``r``."""
    return Ctx(SCALAR, r, r.trace, on, on.toordinal(), explain=False, case=True)


# --------------------------------------------------------------------------- one week's figures


def _figures(
    spell: CareSpell,
    rules: RuleSet,
    r: Reader,
    terms: ReformTerms,
    state: _State,
    on: date,
    post_cap: bool,
    assessor: Assessor,
    explain: bool,
    ucl_cache: dict[tuple[Any, ...], RuleSet],
) -> _Week:
    c = _ctx(r, on)
    t = WeekTerms.of(terms)
    la, fee = _pence(spell.la_weekly_rate), _pence(spell.fee)
    care_home = spell.care_home
    cost = week_cost(c, t, la, care_home, post_cap)
    counted = home_counted(c, t, _pence(spell.home_value), care_home, spell.home_disregarded, spell.care_start.toordinal())
    week_rules = rules
    if terms.ucl_home_disregarded is not None and not counted:
        week_rules = _ucl_variant(rules, terms.ucl_home_disregarded, ucl_cache)
    inputs = WeekInputs(
        on=on,
        cost=_pounds(cost),
        capital=_pounds(state.capital),
        home_equity=spell.home_value - _pounds(state.home_drawn),
        count_home_at_home=(not care_home) and t.home_at_home,
    )
    a = assessor(week_rules, spell, inputs, False)
    r.figures.unverified.update(dict.fromkeys(a.unverified))
    r.figures.secondary.update(dict.fromkeys(a.secondary))
    shares = week_shares(c, t, la=la, fee=fee, care_home=care_home, cost=cost, post_cap=post_cap,
                         charge=_pence(a.charge), self_funder=a.self_funder, allowances=_pence(a.allowances),
                         income=_pence(spell.weekly_income))
    return _Week(
        cost=_pounds(cost),
        person=_pounds(shares.person),
        council=_pounds(shares.council),
        accrual=_pounds(shares.accrual),
        drawdown=_pounds(shares.drawdown),
        self_funder=a.self_funder,
        post_cap=post_cap,
        home_counted=counted,
        assessment=a,
        inputs=inputs,
        rules=week_rules,
    )


def capital_limits_in_force(plan: Reader, terms: ReformTerms) -> tuple[list[int], list[int], int | None]:
    """Every capital limit in force (national, a council's non-residential option, the reform's), the lower
    limits, and the tariff band (pence).

    Read only to plan how many weeks to add up at once (never a figure of the result: a run in
    segments equals a week-by-week run, which a test checks), so ``plan`` records nothing.
    """
    limits: list[int] = []
    lowers: list[int] = []
    for decl, lower in ((capital.upper_limit, False), (capital.lower_limit, True),
                        (options.non_residential_upper_limit, False), (options.non_residential_lower_limit, True)):
        if plan.has(decl):
            value = _pence(plan.param(decl).value)
            limits.append(value)
            if lower:
                lowers.append(value)
    if terms.ucl_home_disregarded is not None:
        limits.append(_pence(terms.ucl_home_disregarded.value))
    band = _pence(plan.param(capital.tariff_band).value) if plan.has(capital.tariff_band) else None
    return limits, lowers, band


def _same(a: _Week, b: _Week) -> bool:
    return (a.cost, a.person, a.council, a.accrual, a.drawdown, a.self_funder, a.home_counted) == (
        b.cost,
        b.person,
        b.council,
        b.accrual,
        b.drawdown,
        b.self_funder,
        b.home_counted,
    )


def _apply(state: _State, spell: CareSpell, drawn: int, dpa: bool) -> None:
    state.capital, state.home_drawn, state.deferred = draw_down(
        _SCALAR, state.capital, state.home_drawn, state.deferred, _pence(spell.home_value), drawn, dpa)


class _Scalar:
    __slots__ = ()
    xp = SCALAR


_SCALAR: Any = _Scalar()  # the context of the rules that read no parameter


# --------------------------------------------------------------------------- the account


def run_account(
    spell: CareSpell,
    rules: RuleSet,
    *,
    assessor: Assessor,
    weeks: int | None = None,
    on: date | None = None,
    explain: bool = False,
    weekly: bool = False,
    verify: bool = False,
) -> AccountResult:
    """Run ``spell`` under ``rules`` for ``weeks`` weeks (default: what is left of the spell's own length).

    The account opens on the spell's care start, or with ``on`` on the first weekly statement on or
    after it (:func:`account_start`). ``weekly`` re-assesses every week (slow; the reference the
    segmented run must equal); ``verify`` re-assesses the last week of every run of weeks to confirm
    it is charged like the first. With ``explain`` the result carries the account's explanation.
    """
    return _run(spell, rules, assessor=assessor, weeks=weeks, on=on, explain=explain, weekly=weekly,
                verify=verify).result(assessor)


def _horizon(spell: CareSpell, start: date, weeks: int | None) -> int:
    left = None
    if spell.weeks is not None:
        left = spell.weeks - (start - spell.care_start).days // 7
        if left < 1:
            raise InputError.single("on", f"the spell of care ended ({spell.weeks} weeks from {spell.care_start.isoformat()}) "
                                    f"before the account would open on {start.isoformat()}", "out_of_range")
    horizon = weeks if weeks is not None else left
    if weeks is not None and left is not None:
        horizon = min(weeks, left)
    if horizon is None or horizon < 1:
        raise InputError.single("weeks", "give the number of weeks to run (the spell has no length)", "missing")
    return horizon


def _run(
    spell: CareSpell,
    rules: RuleSet,
    *,
    assessor: Assessor,
    weeks: int | None = None,
    on: date | None = None,
    explain: bool = False,
    weekly: bool = False,
    verify: bool = False,
) -> _Run:
    start = account_start(spell, on)
    covered = rules.covers_from()
    if start < covered:
        raise InputError.single("care_start", f"careact's rules start on {covered.day} {covered:%B} {covered.year}; the "
                                f"care account would open on {start.isoformat()}", "out_of_range")
    horizon = _horizon(spell, start, weeks)
    end = add_weeks(start, horizon) - timedelta(days=1)
    trace: Trace | None = Trace() if explain else None
    reads: Trace = trace if trace is not None else NullTrace()
    ledger = FigureLedger()
    nothing = NullTrace()
    events = _event_dates(spell, rules, start, end, Reader(rules.at(start), reads, ledger))
    state = _State(capital=_pence(spell.capital))
    ucl_cache: dict[tuple[Any, ...], RuleSet] = {}
    segments: list[_Seg] = []
    assessments = 0
    w = 0
    ev_i = 0
    while w < horizon:
        on = add_weeks(start, w)
        while ev_i < len(events) and events[ev_i] <= on:
            ev_i += 1
        res = rules.at(on)
        r = Reader(res, reads, ledger)
        plan = Reader(res, nothing, FigureLedger())
        terms = ReformTerms.read(r)
        post_cap = state.cap_reached_on is not None
        fig = _figures(spell, rules, r, terms, state, on, post_cap, assessor, explain, ucl_cache)
        assessments += 1
        dpa = spell.care_home or terms.dpa_at_home
        drawdown = _pence(fig.drawdown)
        if weekly:
            n = 1
        else:
            to_event = -(-(events[ev_i] - on).days // 7) if ev_i < len(events) else FAR
            limits, lowers, band = capital_limits_in_force(plan, terms)
            n = segment_weeks(_SCALAR, left=horizon - w, week=w, to_event=to_event, drawdown=drawdown,
                              assessed=_pence(fig.assessment.assessed_capital), capital=state.capital,
                              limits=limits, lowers=lowers, band=band)
            # ``verify``: the means test is monotone in capital, so if the last week of the run is
            # charged like the first, every week between is too. Halve the run until that holds.
            # (The estimate above is never long, so this is a belt-and-braces check.)
            while verify and drawdown > 0 and n > 1:
                probe_state = replace(state)
                _apply(probe_state, spell, drawdown * (n - 1), dpa)
                probe = _figures(
                    spell, rules, plan, terms, probe_state, add_weeks(on, n - 1), post_cap, assessor, False, ucl_cache
                )
                assessments += 1
                if _same(probe, fig):
                    break
                n //= 2
        # does the cap fall inside these n weeks?
        accrual = _pence(fig.accrual)
        cap = WeekTerms.of(terms).cap
        if accrual > 0 and cap is not None:
            remaining = cap - state.accrued
            k = -(-remaining // accrual) if remaining > 0 else 1
            if k <= n:
                if k > 1:
                    segments.append(_full_weeks(state, spell, fig, on, k - 1, dpa))
                    w += k - 1
                    on = add_weeks(start, w)
                cap_seg = _cap_week(
                    state, spell, rules, r, terms, fig, on, w, start, assessor, explain, ucl_cache, dpa, trace
                )
                assessments += 1
                segments.append(cap_seg)
                w += 1
                continue
        segments.append(_full_weeks(state, spell, fig, on, n, dpa))
        w += n
    years = _years(spell, start, segments, horizon, state)
    return _Run(
        spell=spell,
        rules=rules,
        start=start,
        weeks=horizon,
        segments=tuple(segments),
        years=years,
        person_paid=sum((s.person_paid for s in segments), ZERO),
        council_paid=sum((s.council_paid for s in segments), ZERO),
        accrued=_pounds(state.accrued),
        cap_amount=_cap_amount(Reader(rules.at(end), reads, ledger)),
        cap_reached_on=state.cap_reached_on,
        weeks_to_cap=state.weeks_to_cap,
        capital_end=_pounds(state.capital),
        home_drawn=_pounds(state.home_drawn),
        deferred=_pounds(state.deferred),
        self_funder_weeks=sum(s.weeks for s in segments if s.figures.self_funder),
        assessments=assessments,
        figures=ledger,
        trace=trace,
    )


def _cap_amount(r: Reader) -> Decimal | None:
    """The cap in force at the end of the account (Care Act 2014 s 15(1)), if the rule set has one."""
    return r.param(reform_cap.amount).value if r.has(reform_cap.amount) else None


def _full_weeks(state: _State, spell: CareSpell, fig: _Week, on: date, n: int, dpa: bool) -> _Seg:
    drawn = _pence(fig.drawdown) * n
    _apply(state, spell, drawn, dpa)
    state.accrued += _pence(fig.accrual) * n
    return _Seg(
        start=on,
        weeks=n,
        figures=fig,
        person_paid=fig.person * n,
        council_paid=fig.council * n,
        accrued=fig.accrual * n,
        drawn=_pounds(drawn),
        capital_after=_pounds(state.capital),
        home_equity_after=spell.home_value - _pounds(state.home_drawn),
        accrued_after=_pounds(state.accrued),
    )


def _cap_week(
    state: _State,
    spell: CareSpell,
    rules: RuleSet,
    r: Reader,
    terms: ReformTerms,
    pre: _Week,
    on: date,
    w: int,
    start: date,
    assessor: Assessor,
    explain: bool,
    ucl_cache: dict[tuple[Any, ...], RuleSet],
    dpa: bool,
    trace: Trace | None,
) -> _Seg:
    """The week in which the cap is reached: pre-cap terms until it is reached, post-cap terms after."""
    cap = WeekTerms.of(terms).cap
    assert cap is not None
    remaining = cap - state.accrued
    post = _figures(spell, rules, r, terms, state, on, True, assessor, explain, ucl_cache)
    accrual = _pence(pre.accrual)

    def split(a: Decimal, b: Decimal) -> int:
        return int(cap_week(_SCALAR, remaining, accrual, _pence(a), _pence(b)))

    person, council, drawn = split(pre.person, post.person), split(pre.council, post.council), split(pre.drawdown, post.drawdown)
    _apply(state, spell, drawn, dpa)
    state.accrued = cap
    state.cap_reached_on = on + timedelta(days=int(cap_day(_SCALAR, remaining, accrual)))
    state.weeks_to_cap = w + 1
    mixed = _Week(
        cost=pre.cost,
        person=_pounds(person),
        council=_pounds(council),
        accrual=_pounds(remaining),
        drawdown=_pounds(drawn),
        self_funder=pre.self_funder,
        post_cap=False,
        home_counted=pre.home_counted,
        assessment=pre.assessment,
        inputs=pre.inputs,
        rules=pre.rules,
    )
    return _Seg(
        start=on,
        weeks=1,
        figures=mixed,
        person_paid=_pounds(person),
        council_paid=_pounds(council),
        accrued=_pounds(remaining),
        drawn=_pounds(drawn),
        capital_after=_pounds(state.capital),
        home_equity_after=spell.home_value - _pounds(state.home_drawn),
        accrued_after=_pounds(state.accrued),
        cap_week=True,
    )


def _years(spell: CareSpell, start: date, segments: list[_Seg], horizon: int, state: _State) -> tuple[YearRow, ...]:
    rows: list[YearRow] = []
    n_years = -(-horizon // WEEKS_IN_YEAR)
    by_year: dict[int, list[_Seg]] = {}
    for s in segments:
        idx = (s.start - start).days // 7 // WEEKS_IN_YEAR
        by_year.setdefault(idx, []).append(s)
    accrued_total = ZERO
    for i in range(n_years):
        segs = by_year.get(i, [])
        weeks = min(WEEKS_IN_YEAR, horizon - i * WEEKS_IN_YEAR)
        y_start = add_weeks(start, i * WEEKS_IN_YEAR)
        y_end = add_weeks(y_start, weeks) - timedelta(days=1)
        accrued = sum((s.accrued for s in segs), ZERO)
        accrued_total += accrued
        last = segs[-1] if segs else None
        wealth = (last.capital_after + last.home_equity_after) if last else spell.initial_wealth
        cap_on = state.cap_reached_on if state.cap_reached_on and y_start <= state.cap_reached_on <= y_end else None
        rows.append(
            YearRow.model_construct(
                index=i + 1,
                start=y_start,
                end=y_end,
                weeks=weeks,
                person_paid=sum((s.person_paid for s in segs), ZERO),
                council_paid=sum((s.council_paid for s in segs), ZERO),
                accrued=accrued,
                accrued_total=accrued_total,
                self_funder_weeks=sum(s.weeks for s in segs if s.figures.self_funder),
                wealth_end=wealth,
                cap_reached_on=cap_on,
            )
        )
    return tuple(rows)


# --------------------------------------------------------------------------- explanation


def _phases(segments: tuple[_Seg, ...]) -> list[list[_Seg]]:
    """Runs of segments charged on the same footing (self-funder / means-tested / after the cap)."""
    out: list[list[_Seg]] = []
    for s in segments:
        f = s.figures
        key = (f.self_funder, f.post_cap, s.cap_week, f.accrual > 0, f.home_counted)
        if out and not s.cap_week and not out[-1][0].cap_week:
            g = out[-1][0].figures
            if (g.self_funder, g.post_cap, False, g.accrual > 0, g.home_counted) == key:
                out[-1].append(s)
                continue
        out.append([s])
    return out


def _explain(trace: Trace, result: _Run, assessor: Assessor) -> None:
    spell = result.spell
    with trace.group(
        CARE_ACCOUNT,
        N_("Care account from {start} for {weeks} weeks at an LA rate of {la} a week"),
        args={"start": result.start, "weeks": result.weeks, "la": gbp(spell.la_weekly_rate)},
        inputs=spell.as_dict(),
    ) as top:
        for phase in _phases(result.segments):
            first, last = phase[0], phase[-1]
            f = first.figures
            weeks = sum(s.weeks for s in phase)
            end = last.start + timedelta(days=7 * last.weeks - 1)
            person = sum((s.person_paid for s in phase), ZERO)
            council = sum((s.council_paid for s in phase), ZERO)
            accrued = sum((s.accrued for s in phase), ZERO)
            weekly = [s.figures.person for s in phase]
            # the first week of the phase, assessed again with its full explanation
            detail = None
            if f.inputs is not None and f.rules is not None:
                detail = assessor(f.rules, spell, f.inputs, True).explanation
            args = {
                "start": first.start,
                "end": end,
                "weeks": weeks,
                "person": gbp(person),
                "council": gbp(council),
                "low": gbp(min(weekly)),
                "high": gbp(max(weekly)),
                "capital": gbp(last.capital_after + last.home_equity_after),
            }
            if first.cap_week:
                trace.add(
                    CAP_REACHED,
                    N_("The cap is reached on {on}: from then the council pays for the care; that week the adult pays {person}"),
                    args={"on": result.cap_reached_on, "person": gbp(first.person_paid)},
                    output={"cap": str(result.cap_amount), "accrued": str(first.accrued_after)},
                )
                continue
            flat = min(weekly) == max(weekly)
            if f.post_cap and flat:
                template = N_(
                    "{start} to {end} (weeks: {weeks}): after the cap the council pays for the care; the adult pays only "
                    "daily living costs and any top-up, {high} a week ({person} in all); the council pays {council}"
                )
            elif f.post_cap:
                template = N_(
                    "{start} to {end} (weeks: {weeks}): after the cap the council pays for the care; the adult pays only "
                    "daily living costs and any top-up, {low} to {high} a week ({person} in all); the council pays {council}"
                )
            elif f.self_funder:
                template = N_(
                    "{start} to {end} (weeks: {weeks}): capital is above the upper limit, so the adult pays the full "
                    "cost, {person} in all, and the council {council}; wealth left {capital}"
                )
            elif flat:
                template = N_(
                    "{start} to {end} (weeks: {weeks}): the means test charges the adult {high} a week "
                    "({person} in all) and the council pays {council}; wealth left {capital}"
                )
            else:
                template = N_(
                    "{start} to {end} (weeks: {weeks}): the means test charges the adult {low} to {high} a week "
                    "({person} in all) and the council pays {council}; wealth left {capital}"
                )
            trace.add(SEGMENT, template, args=args, output=detail)
            if accrued > 0:
                trace.add(
                    METERING,
                    N_("{accrued} counts towards the cap in these weeks ({total} in the account at the end)"),
                    args={"accrued": gbp(accrued), "total": gbp(last.accrued_after)},
                )
        Trace.close(
            top,
            output={"person_paid": str(result.person_paid), "council_paid": str(result.council_paid)},
        )
