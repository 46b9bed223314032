"""The JSON form of a care spell (``careact.case.reform/1``): what ``careact reform compare`` reads.

One adult's spell of long-term care, as :func:`careact.reform.compare` takes it, with every field typed
as strictly as the published JSON Schema says: the command line and the HTTP API both validate a spell
with :class:`CareSpellInput` (strict JSON validation, see :func:`careact.validation.validate_json`)
before the reform engine reads it, so a misspelt field or a number where a date belongs is refused by
name rather than dropped or coerced.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .dates import EARLIEST_BIRTH, AssessmentDate, BirthDate
from .money import NonNegativeMoney

__all__ = ["MAX_SPELL_WEEKS", "SPELL_SCHEMA", "CareSpellInput"]

SPELL_SCHEMA = "careact.case.reform/1"
MAX_SPELL_WEEKS = 52 * 100

Weight = Annotated[
    str,
    Field(pattern=r"^(0\.[0-9]*[1-9][0-9]*|[1-9][0-9]{0,5}(\.[0-9]+)?)$", max_length=24,
          description="People this record stands for in population totals: a positive decimal string, e.g. \"1.5\"."),
]


class CareSpellInput(BaseModel):
    """A spell of long-term care: who, where, from when, what it costs and what the adult has."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, title="careact care spell",
        json_schema_extra={"anyOf": [{"required": ["date_of_birth"]}, {"required": ["age"]}]},
    )
    schema_: Literal["careact.case.reform/1"] = Field("careact.case.reform/1", alias="schema")
    id: str = Field(min_length=1, max_length=200, pattern=r"\S", description="The case's own reference.")
    date_of_birth: BirthDate | None = Field(None, description="The adult's date of birth (or give age).")
    age: int | None = Field(None, ge=18, le=120, description="The adult's age when care starts (instead of date_of_birth).")
    care_start: AssessmentDate = Field(description="The first day of care.")
    weeks: int | None = Field(None, ge=1, le=MAX_SPELL_WEEKS, description="How long the spell lasts, in weeks.")
    setting: Literal["care_home", "community"]
    la_weekly_rate: NonNegativeMoney = Field(description="What meeting the eligible needs costs the council each week.")
    weekly_fee: NonNegativeMoney | None = Field(None, description="What a self-funder pays each week (default: the LA rate).")
    weekly_income: NonNegativeMoney = Field(description="Assessable weekly income (pensions, benefits).")
    capital: NonNegativeMoney = Field(Decimal(0), description="Savings and investments, not the home.")
    home_value: NonNegativeMoney = Field(Decimal(0), description="The adult's interest in their home, net of any mortgage.")
    home_disregarded: bool = Field(False, description="A partner or qualifying relative lives in the home.")
    tenure: Literal["owner_outright", "owner_mortgage", "social_rent", "private_rent", "other"] = "other"
    weight: Weight | None = None

    @model_validator(mode="after")
    def _born_or_aged(self) -> CareSpellInput:
        if self.date_of_birth is None and self.age is None:
            raise ValueError("date_of_birth: give date_of_birth or age")
        if self.date_of_birth is None and self.age is not None:
            from dateutil.relativedelta import relativedelta

            if self.care_start - relativedelta(years=self.age) < EARLIEST_BIRTH:
                raise ValueError(f"age: {self.age} when care starts on {self.care_start.isoformat()} means a birth "
                                 "before 1 January 1900, the earliest date of birth careact takes")
        return self

    def as_mapping(self) -> dict[str, Any]:
        """The spell as the mapping :func:`careact.reform.compare` reads (money as decimal strings)."""
        data = self.model_dump(mode="json", exclude_none=True, exclude={"schema_"})
        return {k: v for k, v in data.items() if v is not None}
