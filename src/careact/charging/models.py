"""The charging case and result: pydantic v2 models, the JSON contract ``careact.case.charging/1``.

Money is a decimal string (``"12.50"``) or a whole number in JSON, never a float. Unknown fields are
rejected (a misspelt field must not be silently ignored). Dates are ISO ``YYYY-MM-DD``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Final, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

from ..dates import BirthDate
from ..explain.lazy import explanation_json
from ..money import MoneyField, NonNegativeMoney
from ..periods import Frequency
from ..results import CareactResult, FiguresStatus
from .inputs import (
    DreDecision,
    FundingPeriod,
    HousingCostItem,
    LightTouch,
    MigOverride,
    NhsFunding,
    NotionalIncome,
    OfficerAmount,
    OfficerDecision,
    PermanentPeriod,
    ResidenceStay,
    ShortStay,
    TopUp,
    consistency_problems,
)

__all__ = [
    "CASE_SCHEMA",
    "RESULT_SCHEMA",
    "Allowance",
    "CapitalItem",
    "CapitalLine",
    "Care",
    "ChargingCase",
    "ChargingResult",
    "DisabilityExpense",
    "DiscretionaryDisregard",
    "DreDecision",
    "Flag",
    "FundingPeriod",
    "Home",
    "HousingCostItem",
    "HousingCosts",
    "IncomeItem",
    "IncomeLine",
    "LetterTotals",
    "LightTouch",
    "MigOverride",
    "NhsFunding",
    "NotionalCapital",
    "NotionalCapitalStep",
    "NotionalIncome",
    "OfficerAmount",
    "Partner",
    "PermanentPeriod",
    "Person",
    "PersonalBudgetSplit",
    "QualifyingRelative",
    "ResidenceStay",
    "Share",
    "ShortStay",
    "TopUp",
]

CASE_SCHEMA: Final = "careact.case.charging/1"
RESULT_SCHEMA: Final = "careact.result.charging/1"


def _share(value: Any) -> Decimal:
    if isinstance(value, (bool, float)):
        # pydantic reports a ValueError raised by a validator as a validation error
        raise ValueError("a share must be a decimal string such as \"0.5\" or a fraction \"1/3\", not a float")  # noqa: TRY004
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if "/" in text:
            num, _, den = text.partition("/")
            try:
                value = Decimal(num) / Decimal(den)
            except ArithmeticError:
                raise ValueError(f"{value!r} is not a fraction") from None
        else:
            try:
                value = Decimal(text)
            except ArithmeticError:
                raise ValueError(f"{value!r} is not a decimal number") from None
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValueError("a share must be a decimal number")
    if not (Decimal(0) < value <= Decimal(1)):
        raise ValueError(f"a share must be more than 0 and at most 1 (got {value})")
    return value


Share = Annotated[
    Decimal,
    BeforeValidator(_share),
    WithJsonSchema(
        {"type": "string", "pattern": r"^(0?\.\d+|1(\.0+)?|\d+/\d+)$", "description": "A share: \"0.5\" or \"1/3\"."}
    ),
]

_STRICT = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Person(BaseModel):
    """The adult whose care is being charged for."""

    model_config = _STRICT
    date_of_birth: BirthDate
    registered_blind: bool = False
    disability_premium: bool | None = Field(
        None,
        description="Whether the local authority considers the adult would qualify for the disability premium "
        "(SI 2014/2672 reg 7). Leave unset to let careact derive it from the benefits recorded.",
    )
    enhanced_disability_premium: bool | None = None
    carer_premium: bool | None = Field(
        None, description="Whether the adult qualifies for the carer premium. Unset: derived from Carer's Allowance."
    )
    reached_pensionable_age_before_2016: bool | None = Field(
        None,
        description="Whether the adult reached State Pension age before 6 April 2016 (the Savings Credit age "
        "condition, State Pension Credit Act 2002 s 3(1)). Needed only where the date of birth leaves it open "
        "(born between 6 April 1951 and 5 April 1953); unset: derived from the date of birth where it can be.",
    )


class Partner(BaseModel):
    """The adult's partner (spouse, civil partner, or living together as such)."""

    model_config = _STRICT
    date_of_birth: BirthDate
    lives_in_the_home: bool = Field(True, description="The partner still lives in the adult's main home.")
    in_care_home: bool = False
    disability_premium: bool = False
    enhanced_disability_premium: bool = False
    relationship: Literal["spouse", "civil_partner", "cohabiting"] | None = Field(
        None,
        description="How the couple are joined: the half-pension disregard is for a spouse or civil partner "
        "(SI 2014/2672 Sch 1 para 16). Unset: taken as a spouse or civil partner, with a flag.",
    )
    own_income_weekly: NonNegativeMoney | None = Field(
        None,
        description="The partner's own weekly income, where the adult is a temporary resident and the partner is at "
        "home: the council should leave the partner the basic level of income support or pension credit "
        "(Care and Support Statutory Guidance Annex F para 3).",
    )
    reached_pensionable_age_before_2016: bool | None = Field(
        None, description="As for the person: the Savings Credit age condition, where the date of birth leaves it open."
    )


OwnerIncome = Literal["person", "partner", "joint"]
OwnerCapital = Literal["person", "partner", "joint_with_partner", "joint_with_others"]


class IncomeItem(BaseModel):
    """One source of income, with its amount and how often it is paid."""

    model_config = _STRICT
    type: str = Field(description="An income type id from the catalogue (e.g. state_pension, pip_mobility_enhanced).")
    amount: NonNegativeMoney
    frequency: Frequency = Frequency.WEEKLY
    owner: OwnerIncome = "person"
    description: str | None = None
    half_paid_to_partner: bool = Field(
        False,
        description="For an occupational or personal pension or retirement annuity: the adult, a care-home "
        "resident, pays at least half of it to a spouse or civil partner who does not live in the same home. "
        "Prefer paid_to_spouse_weekly, which lets careact check that half is paid.",
    )
    paid_to_spouse_weekly: NonNegativeMoney | None = Field(
        None,
        description="For an occupational or personal pension or retirement annuity of a care-home resident: how much "
        "of it (at the item's frequency) the adult pays to a spouse or civil partner not living in the same care "
        "home. Half the pension is disregarded when at least half is paid (SI 2014/2672 Sch 1 para 16).",
    )
    entitlement_began_on: date | None = Field(
        None,
        description="For Attendance Allowance, the DLA care component or the PIP daily living component: the first "
        "day of the award. An award that begins while the adult is already in a publicly funded care home is not "
        "paid there at all (SI 1991/2740 reg 8(3); SI 2013/377 reg 30(2)).",
    )
    night_care_provided: bool | None = Field(
        None,
        description="For the night-time rates of Attendance Allowance, DLA care or PIP daily living, in care other "
        "than a care home: whether the council's care plan meets needs at night.",
    )


class CapitalItem(BaseModel):
    """One capital asset, valued at today's market or surrender value."""

    model_config = _STRICT
    type: str = Field(description="A capital type id from the catalogue (e.g. savings_account, second_property).")
    value: NonNegativeMoney
    owner: OwnerCapital = "person"
    share: Share | None = Field(
        None, description="The adult's beneficial share of a jointly owned asset; equal shares if not given."
    )
    joint_owners: int | None = Field(
        None, ge=2, description="For joint_with_others: how many owners in all (equal shares if no share is given)."
    )
    debt_secured: NonNegativeMoney = Decimal("0.00")
    received_on: date | None = Field(None, description="When it was received, for disregards that last a set time.")
    disregard_extended_to: date | None = Field(
        None,
        description="An officer's decision to extend a disregard for a set time (e.g. proceeds of sale of the "
        "former home, 'or such longer period as is reasonable' to complete the purchase) to this day inclusive.",
    )
    description: str | None = None


class QualifyingRelative(BaseModel):
    """Someone living in the adult's home who may keep it disregarded (SI 2014/2672 Sch 2 para 4)."""

    model_config = _STRICT
    relationship: Literal[
        "partner", "former_partner_lone_parent", "family_member", "relative", "child_of_adult", "other"
    ]
    date_of_birth: BirthDate | None = None
    incapacitated: bool = False
    lived_there_since_before_admission: bool = True
    occupation_ended_on: date | None = Field(
        None,
        description="The last day the relative occupied the home (the day they died, or moved out): the home is then "
        "disregarded for a further 12 weeks where they died or moved into a care home.",
    )
    occupation_ended_because: Literal["died", "moved_to_care_home", "other_unexpected", "other"] | None = Field(
        None, description="Why the relative's occupation ended."
    )


class Home(BaseModel):
    """The adult's main or only home."""

    model_config = _STRICT
    value: NonNegativeMoney
    owner: Literal["person", "joint_with_partner", "joint_with_others"] = "person"
    share: Share | None = None
    joint_owners: int | None = Field(None, ge=2)
    mortgage_outstanding: NonNegativeMoney = Decimal("0.00")
    occupants: list[QualifyingRelative] = Field(default_factory=list)
    intends_to_return: bool = Field(True, description="For a temporary resident: intends to return home.")
    still_available: bool = Field(
        True, description="For a temporary resident intending to return: the home is still available to them "
        "(SI 2014/2672 Sch 2 para 1(1)(b))."
    )
    being_sold_to_buy_another: bool = Field(
        False, description="For a temporary resident: taking reasonable steps to sell the home to buy another "
        "(SI 2014/2672 Sch 2 para 1(1)(a))."
    )


class HousingCosts(BaseModel):
    """Housing costs the adult still meets (SI 2014/2672 Sch 1 para 2): typed ``items`` (preferred), or the flat
    fields below at one frequency."""

    model_config = _STRICT
    rent: NonNegativeMoney = Decimal("0.00")
    mortgage: NonNegativeMoney = Decimal("0.00")
    council_tax: NonNegativeMoney = Decimal("0.00")
    service_charges: NonNegativeMoney = Decimal("0.00")
    ground_rent: NonNegativeMoney = Decimal("0.00")
    housing_benefit: NonNegativeMoney = Decimal("0.00")
    council_tax_reduction: NonNegativeMoney = Decimal("0.00")
    frequency: Frequency = Frequency.WEEKLY
    items: list[HousingCostItem] = Field(
        default_factory=list,
        description="Each housing cost and each benefit reducing one, with its own frequency (rent, housing_benefit, "
        "mortgage_repayment, smi_or_is_housing_costs, council_tax, council_tax_reduction, service_charge, "
        "ground_rent, water, buildings_insurance, contents_insurance).",
    )
    liable_share: Share | None = Field(
        None, description="The adult's share of a liability shared with others (items only); unset: the whole."
    )


class DisabilityExpense(BaseModel):
    """One item of disability-related expenditure (Care and Support Statutory Guidance Annex C)."""

    model_config = _STRICT
    description: str = Field(min_length=1)
    amount: NonNegativeMoney
    frequency: Frequency = Frequency.WEEKLY


class Care(BaseModel):
    """The care being charged for."""

    model_config = _STRICT
    setting: Literal["permanent_residential", "temporary_residential", "respite", "non_residential"]
    weekly_cost: NonNegativeMoney = Field(
        description="The weekly cost of meeting the eligible needs: the personal budget, or the care-home fee the "
        "council would pay."
    )
    start_date: date | None = Field(
        None, description="For permanent residential care: the day the adult first moved in as a permanent resident. "
        "For a temporary stay or respite: the stay's first day."
    )
    property_disregard_weeks_used: int = Field(
        0, ge=0, le=12, description="Weeks of the 12-week property disregard already used in an earlier permanent stay "
        "(prefer previous_permanent_periods, which lets careact apply the 52-week rule)."
    )
    previous_permanent_periods: list[PermanentPeriod] = Field(
        default_factory=list,
        description="Earlier periods as a permanent resident, for the 52-week re-admission rule (SI 2014/2672 Sch 2 "
        "para 2(2)-(3)).",
    )
    first_admitted_on: date | None = Field(
        None, description="The day the adult first moved into the care home, where that was before care.start_date "
        "(a stay that began as temporary)."
    )
    planned_end_date: date | None = Field(
        None, description="For a temporary stay or respite: the planned day of leaving (the stay's nights run from "
        "care.start_date to this day)."
    )
    stay_purpose: Literal["respite", "recuperation", "trial", "awaiting_housing", "other"] | None = None
    temporary_exceptional: OfficerDecision | None = Field(
        None, description="An officer's decision, agreed with the adult and written into the care plan, that a stay "
        "planned to last more than 52 weeks is exceptionally unlikely to exceed it substantially, so the adult is "
        "still a temporary resident (Care and Support Statutory Guidance Annex F paras 4-5)."
    )
    short_stays_in_year: list[ShortStay] = Field(
        default_factory=list,
        description="Earlier short stays in a care home in the council's counting year, where the council limits the "
        "nights it charges as care at home (options.short_term_nights_limit).",
    )
    council_funding_from: date | None = Field(
        None, description="The day the council began to meet the costs of the care-home placement, where later than "
        "care.start_date (the 28-day rule on disability benefits counts from it)."
    )
    home_type: Literal["residential", "nursing"] | None = Field(
        None, description="Whether the care home provides nursing care (NHS-funded nursing care)."
    )
    delivery: Literal["council_arranged", "direct_payment"] = "council_arranged"
    third_party_top_up: NonNegativeMoney = Decimal("0.00")
    for_carer: bool = Field(False, description="Support provided to a carer to meet the carer's own needs.")
    free_service: Literal[
        "intermediate_care_or_reablement", "community_equipment", "minor_adaptation", "mental_health_aftercare",
        "care_for_cjd",
    ] | None = Field(None, description="A service the law says must be provided free of charge.")
    service_started_on: date | None = Field(None, description="For intermediate care or reablement: its first day.")


class NotionalCapital(BaseModel):
    """Capital the adult is treated as having (e.g. after deliberate deprivation): an officer's decision."""

    model_config = _STRICT
    amount: NonNegativeMoney
    reason: str = Field(min_length=3)
    deprivation_date: date | None = Field(None, description="When the asset was given away or converted.")
    applies_from: date | None = Field(
        None, description="The first day of the first week in which the notional capital is taken into account. Given "
        "this, careact reduces it week by week by the extra charge it causes (SI 2014/2672 reg 23); without it the "
        "amount is taken as it is on every date."
    )
    decided_by: str | None = Field(None, min_length=1, description="The officer who decided the deprivation.")
    decided_on: date | None = None


class DiscretionaryDisregard(BaseModel):
    """A council's discretionary disregard, with its reason (e.g. a home occupied by a carer)."""

    model_config = _STRICT
    applies_to: Literal["home", "capital", "income"]
    amount: NonNegativeMoney | None = Field(None, description="Weekly amount (income) or capital; for the home, omit.")
    reason: str = Field(min_length=3)
    kind: Literal["relative_moved_in_after_admission", "unexpected_change_12_weeks", "other"] | None = Field(
        None, description="For the home: the kind of discretionary disregard (a relative who moved in after the adult "
        "went into care; 12 weeks after an unexpected change of circumstances; other)."
    )
    starts_on: date | None = Field(None, description="The first day the disregard applies (unset: every day).")
    ends_on: date | None = Field(None, description="The last day it applies (unset: open-ended).")
    decided_by: str | None = Field(None, min_length=1)
    decided_on: date | None = None


class ChargingCase(BaseModel):
    """Everything a financial assessment needs to know about one adult."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="careact charging case")
    schema_: Literal["careact.case.charging/1"] = Field(CASE_SCHEMA, alias="schema")
    reference: str | None = Field(None, description="The caller's own case reference, echoed in the result.")
    person: Person
    partner: Partner | None = None
    dependent_children: int = Field(0, ge=0, le=20)
    lone_parent: bool = False
    care: Care
    income: list[IncomeItem] = Field(default_factory=list)
    capital: list[CapitalItem] = Field(default_factory=list)
    home: Home | None = None
    housing_costs: HousingCosts | None = None
    disability_related_expenditure: list[DisabilityExpense] = Field(default_factory=list)
    use_standard_dre_allowance: bool = Field(
        False, description="Claim the council's standard disability-related expenditure allowance instead of items."
    )
    notional_capital: list[NotionalCapital] = Field(default_factory=list)
    discretionary_disregards: list[DiscretionaryDisregard] = Field(default_factory=list)
    notional_income: list[NotionalIncome] = Field(
        default_factory=list, description="Income the adult is treated as having (SI 2014/2672 reg 17): officers' decisions."
    )
    residence_history: list[ResidenceStay] = Field(
        default_factory=list,
        description="Stays in hospital and in care homes, with who funded them, for the 28-day rule on Attendance "
        "Allowance, the DLA care component and the PIP daily living component. Unset: the current care-home stay "
        "from care.start_date, funded by the council unless the adult is a self-funder.",
    )
    nhs_funding: NhsFunding | None = None
    light_touch: LightTouch | None = None
    top_up: TopUp | None = None
    mig_override: MigOverride | None = Field(
        None, description="The minimum income guarantee the council assessed for this adult, where it leaves more than "
        "the rules in force (an officer's decision; never less)."
    )
    partner_at_home_allowance: OfficerAmount | None = Field(
        None, description="A weekly amount the council decides to leave a care-home resident for a partner at home "
        "(Care Act 2014 s 14; Care and Support Statutory Guidance Annex C para 5)."
    )
    dre_officer_decision: DreDecision | None = Field(
        None, description="An officer's decision to allow disability-related expenditure where no disability benefit "
        "is taken into account (the council's discretion to charge less, Care Act 2014 s 14)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> ChargingCase:
        problems = []
        if self.partner is None:
            for i, item in enumerate(self.income):
                if item.owner in ("partner", "joint"):
                    problems.append(f"income[{i}].owner: is {item.owner!r} but the case has no partner")
            for i, citem in enumerate(self.capital):
                if citem.owner in ("partner", "joint_with_partner"):
                    problems.append(f"capital[{i}].owner: is {citem.owner!r} but the case has no partner")
            if self.home is not None and self.home.owner == "joint_with_partner":
                problems.append("home.owner: is 'joint_with_partner' but the case has no partner")
        elif self.lone_parent:
            problems.append("lone_parent: a person with a partner is not a lone parent")
        if self.lone_parent and self.dependent_children == 0:
            problems.append("lone_parent: a lone parent needs at least one dependent child")
        owned: list[tuple[str, CapitalItem | Home]] = [(f"capital[{i}]", cap) for i, cap in enumerate(self.capital)]
        if self.home is not None:
            owned.append(("home", self.home))
        for path, asset in owned:
            if asset.owner == "joint_with_others" and asset.share is None and asset.joint_owners is None:
                problems.append(f"{path}.joint_owners: give the number of owners or the adult's share")
            if asset.owner in ("person", "partner") and (asset.share is not None or asset.joint_owners is not None):
                problems.append(f"{path}.share: a share is only for jointly owned capital")
            if asset.owner in ("joint_with_partner", "joint_with_others") and asset.share == 1:
                problems.append(f"{path}.share: a jointly owned asset cannot be wholly the adult's (share must be below 1)")
            if asset.owner == "joint_with_partner" and asset.joint_owners not in (None, 2):
                problems.append(f"{path}.joint_owners: an asset held with the partner alone has 2 owners; use joint_with_others")
        if self.care.setting == "permanent_residential" and self.care.start_date is None:
            problems.append("care.start_date: permanent residential care needs the date of admission")
        if self.care.setting == "non_residential" and self.care.third_party_top_up:
            problems.append("care.third_party_top_up: top-ups apply to care-home placements only")
        problems += consistency_problems(self)
        for i, d in enumerate(self.discretionary_disregards):
            if d.applies_to in ("capital", "income") and d.amount is None:
                problems.append(f"discretionary_disregards[{i}].amount: a {d.applies_to} disregard needs an amount")
            if d.applies_to == "home" and d.amount is not None:
                problems.append(f"discretionary_disregards[{i}].amount: a home disregard takes no amount")
        if self.care.free_service == "intermediate_care_or_reablement" and self.care.service_started_on is None:
            problems.append("care.service_started_on: intermediate care or reablement needs its start date")
        for i, item in enumerate(self.income):
            if item.night_care_provided is not None and self.care.setting != "non_residential":
                problems.append(f"income[{i}].night_care_provided: only for care other than in a care home")
        if problems:
            raise ValueError("\n".join(problems))
        return self


# --------------------------------------------------------------------------- result


class _Line:
    """A line of a result: a frozen dataclass (pydantic serialises it and gives its schema), built
    directly from figures careact itself computed."""

    __slots__ = ()

    @classmethod
    def build(cls, **values: Any) -> Self:
        return cls(**values)


class _Trusted:
    """``build(**values)``: a result model from values careact itself computed.

    The engine's own figures are already exact Decimals of the right shape, so re-validating them
    would only cost time on the hot path (inputs are always validated): results are built with
    pydantic's :meth:`~pydantic.BaseModel.model_construct`.
    """

    __slots__ = ()

    @classmethod
    def build(cls, **values: Any) -> Self:
        built: Self = cls.model_construct(**values)  # type: ignore[attr-defined]
        return built


@dataclass(frozen=True, slots=True)
class IncomeLine(_Line):
    type: str
    label: str
    owner: OwnerIncome
    amount: NonNegativeMoney
    frequency: Frequency
    weekly: NonNegativeMoney
    counted: NonNegativeMoney
    disregarded: NonNegativeMoney
    reason: str
    citation: str


@dataclass(frozen=True, slots=True)
class CapitalLine(_Line):
    type: str
    label: str
    value: NonNegativeMoney
    share: Decimal
    counted: NonNegativeMoney
    disregarded: NonNegativeMoney
    reason: str
    citation: str


@dataclass(frozen=True, slots=True)
class Allowance(_Line):
    name: str
    label: str
    weekly: NonNegativeMoney
    citation: str


@dataclass(frozen=True, slots=True)
class Flag(_Line):
    """Something the result cannot settle on its own: an officer's judgement, or a fact worth knowing."""

    code: str
    message: str
    citation: str | None = None
    needs_officer_decision: bool = False


@dataclass(frozen=True, slots=True)
class PersonalBudgetSplit(_Line):
    """Who pays what of the personal budget, and the direct payment the council makes."""

    personal_budget: NonNegativeMoney
    person_contribution: NonNegativeMoney
    council_share: NonNegativeMoney
    delivery: Literal["council_arranged", "direct_payment"]
    direct_payment_paid: NonNegativeMoney | None = None
    direct_payment_method: Literal["net", "gross_and_collect"] | None = None
    invoiced_to_person: NonNegativeMoney = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class LetterTotals(_Line):
    """The weekly totals a charging letter states."""

    gross_income: Annotated[NonNegativeMoney, Field(description="The adult's own weekly income before any disregard (half of any joint income).")]
    income_disregarded: Annotated[NonNegativeMoney, Field(description="Income disregarded under Schedule 1, reg 14 or council policy.")]
    income_counted: Annotated[NonNegativeMoney, Field(description="Income taken into account, before tariff income.")]
    tariff_income: NonNegativeMoney
    assessed_income: Annotated[NonNegativeMoney, Field(description="Income counted plus tariff income.")]
    allowances: Annotated[NonNegativeMoney, Field(description="What the adult keeps by law and council policy (PEA or MIG, housing costs, DRE).")]
    weekly_charge: NonNegativeMoney
    kept: Annotated[MoneyField, Field(description="The adult's own weekly income less the charge: what they keep.")]


@dataclass(frozen=True, slots=True)
class NotionalCapitalStep(_Line):
    """A run of weeks in which notional capital falls by the same amount each week (SI 2014/2672 reg 23)."""

    starts_on: date
    weeks: int
    notional_capital: Annotated[NonNegativeMoney, Field(description="The notional capital in the first week of the run.")]
    weekly_reduction: Annotated[NonNegativeMoney, Field(description="The extra weekly charge the notional capital causes, by which it falls each week.")]
    charge_with: NonNegativeMoney
    charge_without: NonNegativeMoney


class ChargingResult(_Trusted, CareactResult):
    """The outcome of a financial assessment, with everything a letter or a case record needs."""

    model_config = ConfigDict(frozen=True, title="careact charging result")
    schema_: Literal["careact.result.charging/1"] = Field(RESULT_SCHEMA, alias="schema")
    reference: str | None = None
    on: date
    setting: str
    weekly_charge: NonNegativeMoney
    council_weekly_contribution: NonNegativeMoney
    cost_of_care: NonNegativeMoney
    third_party_top_up: NonNegativeMoney
    self_funder: bool
    full_cost_reason: str | None = None
    assessed_capital: NonNegativeMoney
    tariff_income: NonNegativeMoney
    upper_capital_limit: NonNegativeMoney | None = Field(None, description="The upper capital limit applied (national, or the council's own for care at home).")
    lower_capital_limit: NonNegativeMoney | None = Field(None, description="The lower capital limit applied.")
    capital: list[CapitalLine]
    income: list[IncomeLine]
    assessed_income: NonNegativeMoney
    allowances: list[Allowance]
    total_allowances: NonNegativeMoney
    available_income: MoneyField
    totals: LetterTotals | None = Field(None, description="The weekly totals a charging letter states.")
    personal_budget: PersonalBudgetSplit | None = None
    setting_applied: str | None = Field(None, description="The rules the care was charged under: permanent_resident, temporary_resident, short_term_as_non_residential or non_residential.")
    nhs_funded_nursing_care: NonNegativeMoney | None = Field(None, description="NHS-funded nursing care paid by the NHS to the care home each week: not charged to the adult and not council cost.")
    assessment_kind: Literal["full", "light_touch"] = "full"
    light_touch_basis: str | None = None
    top_up_payer: Literal["third_party", "resident"] | None = None
    notional_capital_schedule: list[NotionalCapitalStep] | None = Field(None, description="How notional capital diminished week by week up to the assessment date (SI 2014/2672 reg 23).")
    flags: list[Flag]
    figures: FiguresStatus | None = Field(None, description="Whether any figure the result rests on is unverified or only from a secondary source.")
    ruleset: dict[str, Any]
    careact_version: str
    inputs: ChargingCase = Field(description="The case as normalised by careact, for replay.")
    explanation: Annotated[
        Any,
        PlainSerializer(explanation_json),
        WithJsonSchema({"anyOf": [{"$ref": "https://careact.dev/schemas/explain-1.json"}, {"type": "null"}]}),
    ] = Field(None, description="The careact.explain/1 document (a mapping; built when first read).")

    def breakdown(self, locale: str = "en_GB") -> str:
        """A letter-ready breakdown with subtotals by category."""
        from .breakdown import render_breakdown

        return render_breakdown(self, locale)
