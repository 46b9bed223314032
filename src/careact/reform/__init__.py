"""Reform modelling: cap-and-floor options on one case over a lifetime, and on a whole population.

A *reform* is an overlay file (bundled: ``care_act_2016``, ``reform_2021``, ``cap_75k_floor_100k``,
``free_personal_care``, ``home_in_domiciliary_means_test``; or any file a policy team writes). It is
dormant unless chosen::

    from careact.reform import compare, CareSpell
    result = compare(spell, reform="reform_2021", years=5)
    print(result.render_text())

* :mod:`careact.reform.care_account` -- weekly metering towards a cap, the date it is reached, who pays what;
* :mod:`careact.reform.compare` -- baseline and reform side by side, year by year, explained;
* :mod:`careact.reform.population` -- a population file or a seeded synthetic population, aggregated;
* :mod:`careact.reform.executors` -- local processes (default) or a Dask cluster.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "AccountResult",
    "CareSpell",
    "CaseOutcome",
    "Comparison",
    "PopulationResult",
    "ReformTerms",
    "SideOutcome",
    "available_reforms",
    "compare",
    "load_reform",
    "read_population",
    "reform_ruleset",
    "run_account",
    "run_population",
    "spell_from_mapping",
    "synthetic_population",
]

# ``compare`` is both a module and its main function: bind the function eagerly so the package
# attribute is the function (a later ``import careact.reform.compare`` does not rebind it).
from .compare import Comparison, compare

_NAMES = {
    "CareSpell": "models",
    "spell_from_mapping": "models",
    "CaseOutcome": "models",
    "SideOutcome": "models",
    "ReformTerms": "overlays",
    "available_reforms": "overlays",
    "load_reform": "overlays",
    "reform_ruleset": "overlays",
    "run_account": "care_account",
    "AccountResult": "care_account",
    "run_population": "population",
    "synthetic_population": "population",
    "read_population": "population",
    "PopulationResult": "population",
}


def __getattr__(name: str) -> Any:
    mod = _NAMES.get(name)
    if mod is None:
        raise AttributeError(f"module 'careact.reform' has no attribute {name!r}")
    return getattr(importlib.import_module(f"careact.reform.{mod}"), name)
