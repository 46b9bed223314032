"""careact's columnar means test as a candidate for ``bench/means_test_peer.py`` (``--candidate
openfisca_peer.careact_columns:means_test``).

The candidate takes the very arrays the OpenFisca peer takes (:class:`~openfisca_peer.inputs.PeerInputs`)
and runs careact's whole means test -- :func:`careact.charging.means_test.means_test`, every rule, in
exact ``int64`` pence -- on a view of them: each person's savings as one ``savings_account``, their
weekly income as one ``state_pension`` line (the simplified test's income is already the income that
counts), care in a care home (``permanent_residential``) or at home (``non_residential``), and an age
in their minimum income guarantee band. Everything the simplified test leaves out (a partner, a home,
housing costs, disability-related expenditure, ...) is absent for everyone, so the rules that need it
find no one to apply to. The timed call builds the view and runs the rules; the rule set is read on
the figures' date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from careact.charging.catalogue import capital_types, income_types
from careact.charging.charge import NO_FREE_SERVICE
from careact.charging.context import Ctx
from careact.charging.means_test import means_test as _means_test
from careact.charging.settings import NON_RESIDENTIAL, PERMANENT
from careact.explain.steps import NullTrace
from careact.population.view import ColumnView, Items
from careact.population.xp import NUMPY
from careact.rules import load_ruleset
from careact.rules.reader import Reader

from .inputs import Figures, PeerInputs

__all__ = ["PeerView", "means_test"]

_AGES = np.array([20, 40, 70], dtype=np.int64)  # an age in each band: 18-24, 25 to pension credit age, pension credit age


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _one_each(n: int, columns: dict[str, Any]) -> Items:
    return Items(np.arange(n + 1, dtype=np.int64), np.arange(n, dtype=np.int64), {k: _constant(v) for k, v in columns.items()})


def _none(n: int) -> Items:
    return Items(np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64), {})


class PeerView(ColumnView):
    """The peer's arrays as careact's means test reads a population (see the module)."""

    def __init__(self, inputs: PeerInputs, on: date) -> None:
        n = len(inputs)
        self.n, self.on, self.ruleset = n, on, "england"
        self.setting = np.where(inputs.care_home, PERMANENT, NON_RESIDENTIAL)
        self.cost = inputs.weekly_cost
        self.age = _AGES[inputs.mig_band]
        self.pca = inputs.mig_band == 2
        self.partner_pca = False
        # born this many years before the date: after 5 April 1951 for everyone the peer models, so no
        # Savings Credit disregard arises (the peer's simplified means test has none)
        self.dob_day = on.toordinal() - self.age * 366
        self.partner_age = self.partner_dob_day = 0
        for name in ("for_carer", "couple", "partner_lives_in_the_home", "partner_in_care_home", "has_home",
                     "has_housing_costs", "registered_blind", "disability_premium_given", "disability_premium",
                     "enhanced_disability_premium_given", "enhanced_disability_premium", "carer_premium_given",
                     "carer_premium", "lone_parent", "use_standard_dre_allowance"):
            setattr(self, name, False)
        self.free_service, self.service_started_day, self.start_day = NO_FREE_SERVICE, 0, on.toordinal()
        self.weeks_used = self.dependent_children = 0
        pension = income_types()["state_pension"]
        from careact.charging.income import OWNER_PERSON, income_traits

        self.income = _one_each(n, {"amount": inputs.weekly_income, "mul": 1, "div": 1, "owner": OWNER_PERSON,
                                    "half_paid_to_partner": False, "night_care_given": False,
                                    "night_care_provided": False, "traits": income_traits(pension, on),
                                    "entries": [pension], "type": 0})
        savings = capital_types()["savings_account"]
        from careact.charging.capital import OWN_PERSON, capital_traits

        self.capital = _one_each(n, {"value": inputs.capital, "owner": OWN_PERSON, "share_given": False, "share_num": 0,
                                     "share_den": 1, "joint_owners": 0, "debt_secured": 0, "received_day": 0, "extended_day": 0,
                                     "traits": capital_traits(savings), "entries": [savings], "type": 0})
        self.occupants = self.dre = self.notional = self.discretionary = _none(n)


def means_test(inputs: PeerInputs, figures: Figures) -> NDArray[np.int64]:
    """Each person's weekly charge (int64 pence) by careact's columnar means test on the figures' date."""
    on = figures.on
    trace = NullTrace()
    c = Ctx(NUMPY, Reader(load_ruleset("england").at(on), trace), trace, on, on.toordinal(), explain=False, case=False)
    m = _means_test(c, PeerView(inputs, on))
    out: NDArray[np.int64] = np.broadcast_to(np.asarray(m.charge, dtype=np.int64), (len(inputs),))
    return out
