"""The inputs of the simplified means test, as arrays, and the national figures it uses.

The simplified means test (the same on both sides of the benchmark):

* capital: savings only (the home is left out);
* tariff income: £1 a week for every £250, or part of £250, of capital above the lower capital limit,
  up to the upper capital limit (SI 2014/2672 reg 25);
* weekly income: as given (already weekly, already the income that counts);
* the allowance: the personal expenses allowance in a care home (reg 6), otherwise the minimum income
  guarantee for a single person of the person's age band -- 18 to 24, 25 to pension credit age, or
  pension credit age (reg 7(2));
* the weekly charge: the full cost above the upper capital limit, otherwise
  ``min(cost, max(0, income + tariff - allowance))``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np
from numpy.typing import NDArray

from careact.population.columns import Population, segment_sum

__all__ = ["BANDS", "Figures", "PeerInputs", "figures_on", "inputs_from_population"]

BANDS = ("single_18_24", "single_25_to_pca", "single_pca")
"""The minimum income guarantee bands, by the code ``mig_band`` holds (keys of ``mig.personal_amount``)."""

PENSION_CREDIT_AGE = 66
"""The age taken as pension credit age in this simplified test (the age for people born 1954-1960)."""


@dataclass(frozen=True)
class Figures:
    """The national figures on one date, in pence (and their sources' parameter names)."""

    on: date
    upper_limit: int
    lower_limit: int
    tariff_band: int
    tariff_per_band: int
    personal_expenses_allowance: int
    mig: tuple[int, int, int]  # by BANDS

    def pounds(self) -> dict[str, float]:
        """The figures in pounds, as OpenFisca parameters take them."""
        return {
            "upper_limit": self.upper_limit / 100,
            "lower_limit": self.lower_limit / 100,
            "tariff_band": self.tariff_band / 100,
            "tariff_per_band": self.tariff_per_band / 100,
            "personal_expenses_allowance": self.personal_expenses_allowance / 100,
            **{f"mig_{band}": m / 100 for band, m in zip(BANDS, self.mig, strict=True)},
        }


def _pence(value: Decimal) -> int:
    return int(value.scaleb(2))


def figures_on(on: date) -> Figures:
    """The figures of careact's national rule set in force on ``on``."""
    from careact.rules import load_ruleset

    r = load_ruleset("england").at(on)
    mig = r["mig.personal_amount"].value
    return Figures(
        on=on,
        upper_limit=_pence(r["capital.upper_limit"].value),
        lower_limit=_pence(r["capital.lower_limit"].value),
        tariff_band=_pence(r["capital.tariff_band"].value),
        tariff_per_band=_pence(r["capital.tariff_per_band"].value),
        personal_expenses_allowance=_pence(r["allowances.personal_expenses"].value),
        mig=tuple(_pence(mig[b]) for b in BANDS),  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class PeerInputs:
    """One row per person: the inputs of the simplified means test (money in int64 pence)."""

    capital: NDArray[np.int64]
    weekly_income: NDArray[np.int64]
    weekly_cost: NDArray[np.int64]
    care_home: NDArray[np.bool_]
    mig_band: NDArray[np.int8]

    def __len__(self) -> int:
        return len(self.capital)


def _month_day(day: Any) -> NDArray[np.int64]:
    """``month * 32 + day of month``: orders dates within a year (29 February after 28 February)."""
    month = (day.astype("datetime64[M]") - day.astype("datetime64[Y]")).astype(np.int64)
    dom = (day - day.astype("datetime64[M]")).astype(np.int64)
    out: NDArray[np.int64] = month * 32 + dom
    return out


def inputs_from_population(population: Population, on: date) -> PeerInputs:
    """The simplified test's inputs for each person of a population, on a date."""
    people = population.people
    setting = population.codes["care.setting"]
    care_home = people.care_setting == setting.code("permanent_residential")
    today = np.datetime64(on, "D")
    dob = people.person_date_of_birth
    years = today.astype("datetime64[Y]").astype(np.int64) - dob.astype("datetime64[Y]").astype(np.int64)
    age = years - (_month_day(today) < _month_day(dob))  # a birthday still to come this year
    band = np.where(age >= PENSION_CREDIT_AGE, 2, np.where(age >= 25, 1, 0)).astype(np.int8)
    return PeerInputs(
        capital=segment_sum(population.capital.value, population.capital.offsets),
        weekly_income=segment_sum(population.income.amount, population.income.offsets),
        weekly_cost=people.care_weekly_cost.copy(),
        care_home=care_home,
        mig_band=band,
    )
