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
    "Flag",
    "Home",
    "HousingCosts",
    "IncomeItem",
    "IncomeLine",
    "LetterTotals",
    "NotionalCapital",
    "Partner",
    "Person",
    "PersonalBudgetSplit",
    "QualifyingRelative",
    "Share",
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


class Partner(BaseModel):
    """The adult's partner (spouse, civil partner, or living together as such)."""

    model_config = _STRICT
    date_of_birth: BirthDate
    lives_in_the_home: bool = Field(True, description="The partner still lives in the adult's main home.")
    in_care_home: bool = False
    disability_premium: bool = False
    enhanced_disability_premium: bool = False


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
        description="For an occupational or personal pension or retirement annuity: the adult, a permanent care-home "
        "resident, pays at least half of it to a spouse or civil partner who does not live in the same home.",
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
    being_sold_to_buy_another: bool = False


class HousingCosts(BaseModel):
    """Housing costs the adult still meets, per week, net of Housing Benefit and Council Tax Reduction."""

    model_config = _STRICT
    rent: NonNegativeMoney = Decimal("0.00")
    mortgage: NonNegativeMoney = Decimal("0.00")
    council_tax: NonNegativeMoney = Decimal("0.00")
    service_charges: NonNegativeMoney = Decimal("0.00")
    ground_rent: NonNegativeMoney = Decimal("0.00")
    housing_benefit: NonNegativeMoney = Decimal("0.00")
    council_tax_reduction: NonNegativeMoney = Decimal("0.00")
    frequency: Frequency = Frequency.WEEKLY


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
        None, description="For permanent residential care: the day the adult first moved in as a permanent resident."
    )
    property_disregard_weeks_used: int = Field(
        0, ge=0, le=12, description="Weeks of the 12-week property disregard already used in an earlier permanent stay."
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


class DiscretionaryDisregard(BaseModel):
    """A council's discretionary disregard, with its reason (e.g. a home occupied by a carer)."""

    model_config = _STRICT
    applies_to: Literal["home", "capital", "income"]
    amount: NonNegativeMoney | None = Field(None, description="Weekly amount (income) or capital; for the home, omit.")
    reason: str = Field(min_length=3)


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
        for path, cap in owned:
            if cap.owner == "joint_with_others" and cap.share is None and cap.joint_owners is None:
                problems.append(f"{path}.joint_owners: give the number of owners or the adult's share")
            if cap.owner in ("person", "partner") and (cap.share is not None or cap.joint_owners is not None):
                problems.append(f"{path}.share: a share is only for jointly owned capital")
            if cap.owner in ("joint_with_partner", "joint_with_others") and cap.share == 1:
                problems.append(f"{path}.share: a jointly owned asset cannot be wholly the adult's (share must be below 1)")
            if cap.owner == "joint_with_partner" and cap.joint_owners not in (None, 2):
                problems.append(f"{path}.joint_owners: an asset held with the partner alone has 2 owners; use joint_with_others")
        if self.care.setting == "permanent_residential" and self.care.start_date is None:
            problems.append("care.start_date: permanent residential care needs the date of admission")
        if self.care.setting == "non_residential" and self.care.third_party_top_up:
            problems.append("care.third_party_top_up: top-ups apply to care-home placements only")
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
