# mypy: disallow-subclassing-any=False
# (openfisca-core has no type information, so its Variable base class is Any to the type checker)
"""The OpenFisca tax-benefit system of the simplified means test (see :mod:`openfisca_peer.inputs`).

Money is OpenFisca's ``float`` (float32), as in OpenFisca country models.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray
from openfisca_core.entities import build_entity
from openfisca_core.model_api import MONTH, Variable, max_, min_, select, where
from openfisca_core.parameters import ParameterNode
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from .inputs import Figures, PeerInputs

__all__ = ["PERIOD", "Person", "build_system", "charges"]

PERIOD = "2025-06"
"""The period the inputs are set for (the amounts themselves are weekly)."""

Person = build_entity(key="person", plural="persons", label="An adult with eligible care needs", is_person=True)


class capital(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Capital (savings), £"


class weekly_income(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Weekly income that counts, £"


class weekly_cost(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Weekly cost of care, £"


class care_home(Variable):
    value_type = bool
    entity = Person
    definition_period = MONTH
    label = "Lives in a care home"


class mig_band(Variable):
    value_type = int
    entity = Person
    definition_period = MONTH
    label = "Minimum income guarantee band: 0 18-24, 1 25 to pension credit age, 2 pension credit age"


class tariff_income(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Tariff income, £ a week: £1 for every £250 or part above the lower capital limit (reg 25)"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).means_test
        above = min_(max_(person("capital", period) - p.lower_limit, 0), p.upper_limit - p.lower_limit)
        return np.ceil(above / p.tariff_band) * p.tariff_per_band


class allowance(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Personal expenses allowance (care home) or minimum income guarantee, £ a week"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).means_test
        band = person("mig_band", period)
        mig = select([band == 0, band == 1], [p.mig_single_18_24, p.mig_single_25_to_pca], p.mig_single_pca)
        return where(person("care_home", period), p.personal_expenses_allowance, mig)


class weekly_charge(Variable):
    value_type = float
    entity = Person
    definition_period = MONTH
    label = "Weekly charge, £"

    def formula(person: Any, period: Any, parameters: Any) -> Any:
        p = parameters(period).means_test
        cost = person("weekly_cost", period)
        assessed = person("weekly_income", period) + person("tariff_income", period) - person("allowance", period)
        means_tested = min_(cost, max_(assessed, 0))
        return where(person("capital", period) > p.upper_limit, cost, means_tested)


VARIABLES = (capital, weekly_income, weekly_cost, care_home, mig_band, tariff_income, allowance, weekly_charge)


def build_system(figures: Figures) -> TaxBenefitSystem:
    """The tax-benefit system with the figures in force from their date."""
    system = TaxBenefitSystem([Person])
    for variable in VARIABLES:
        system.add_variable(variable)
    start = figures.on.isoformat()
    data = {name: {"values": {start: value}} for name, value in figures.pounds().items()}
    system.parameters = ParameterNode("", data={"means_test": data})
    return system


def simulation(system: TaxBenefitSystem, inputs: PeerInputs) -> Any:
    """A simulation of ``len(inputs)`` people with the inputs set (money converted to float pounds)."""
    sim = SimulationBuilder().build_default_simulation(system, count=len(inputs))
    sim.set_input("capital", PERIOD, (inputs.capital / 100).astype(np.float32))
    sim.set_input("weekly_income", PERIOD, (inputs.weekly_income / 100).astype(np.float32))
    sim.set_input("weekly_cost", PERIOD, (inputs.weekly_cost / 100).astype(np.float32))
    sim.set_input("care_home", PERIOD, inputs.care_home)
    sim.set_input("mig_band", PERIOD, inputs.mig_band.astype(np.int32))
    return sim


def charges(sim: Any) -> NDArray[np.float32]:
    """OpenFisca's vectorised computation of every weekly charge of a simulation, in pounds."""
    out: NDArray[np.float32] = sim.calculate("weekly_charge", PERIOD)
    return out
