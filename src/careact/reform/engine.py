"""The bridge from a :class:`~careact.reform.models.CareSpell` to the charging engine, one week at a time.

Each week the care account asks: with this much capital left, and this weekly cost still
chargeable, what does the means test charge? This module builds the charging case for that week
(``careact.case.charging/1``) and calls :func:`careact.charging.assess` with the week's rule set --
so every reform is assessed by the same code, and the same law, as a real case.

The charging case built from a spell: one adult (date of birth as given); care ``permanent_residential``
(admitted on the spell's start date) or ``non_residential``, costing the week's chargeable cost;
weekly income as one counted income (``state_pension``); savings as one ``savings_account``; the
home as the main home, occupied by an incapacitated relative when the spell says the home is
disregarded. Where a reform counts the home for care at home, its value is entered as counted
capital (``second_property``: market value less 10% sale costs, as for a home in a care-home
assessment).
"""

from __future__ import annotations

from functools import lru_cache

from ..charging import assess
from ..charging.models import CapitalItem, Care, ChargingCase, Home, IncomeItem, Person, QualifyingRelative
from ..rules import RuleSet
from .care_account import WeekAssessment, WeekInputs
from .models import CareSpell

__all__ = ["charging_assessor", "charging_case"]


@lru_cache(maxsize=4096)
def _template(spell: CareSpell) -> ChargingCase:
    care = Care(
        setting="permanent_residential" if spell.care_home else "non_residential",
        weekly_cost=spell.la_weekly_rate,
        start_date=spell.care_start if spell.care_home else None,
    )
    income = [IncomeItem(type="state_pension", amount=spell.weekly_income)] if spell.weekly_income > 0 else []
    return ChargingCase(reference=spell.id, person=Person(date_of_birth=spell.date_of_birth), care=care, income=income)


def charging_case(spell: CareSpell, inputs: WeekInputs) -> ChargingCase:
    """The charging case for one week of ``spell``."""
    base = _template(spell)
    capital = []
    if inputs.capital > 0:
        capital.append(CapitalItem(type="savings_account", value=inputs.capital))
    home = None
    if spell.home_value > 0:
        if inputs.count_home_at_home:
            capital.append(
                CapitalItem(
                    type="second_property",
                    value=inputs.home_equity,
                    description="the adult's home, counted for care at home under the reform",
                )
            )
        else:
            occupants = (
                [QualifyingRelative(relationship="relative", incapacitated=True)] if spell.home_disregarded else []
            )
            home = Home(value=inputs.home_equity, occupants=occupants)
    care = base.care.model_copy(update={"weekly_cost": inputs.cost})
    return base.model_copy(update={"care": care, "capital": capital, "home": home})


def charging_assessor(rules: RuleSet, spell: CareSpell, inputs: WeekInputs, explain: bool) -> WeekAssessment:
    """Assess one week of ``spell`` with the charging engine under ``rules``."""
    result = assess(charging_case(spell, inputs), on=inputs.on, rules=rules, explain=explain)
    figures = result.figures
    return WeekAssessment(
        charge=result.weekly_charge,
        self_funder=result.self_funder,
        allowances=result.total_allowances,
        assessed_capital=result.assessed_capital,
        explanation=result.explanation if explain else None,
        unverified=tuple(figures.unverified) if figures is not None else (),
        secondary=tuple(figures.secondary) if figures is not None else (),
    )
