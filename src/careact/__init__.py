"""careact: England's Care Act 2014 as a rules engine — eligibility, charging and reform, with the law cited.

The top-level package is kept light so ``import careact`` is fast; submodules load on first use::

    import careact
    rules = careact.load_ruleset("england")
    result = careact.charging.assess(case, on=date(2025, 6, 1))

Every domain -- :mod:`careact.charging`, :mod:`careact.eligibility`, :mod:`careact.dpa` and
:mod:`careact.reform` -- is called the same way (:mod:`careact.results` describes the convention)
and publishes the JSON Schema of its inputs and results (:mod:`careact.schemas`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CareactError",
    "InputError",
    "__version__",
    "batch",
    "charging",
    "dpa",
    "eligibility",
    "errors",
    "events",
    "explain",
    "load_overlay",
    "load_ruleset",
    "money",
    "reform",
    "replay",
    "results",
    "rules",
    "schemas",
]

_LAZY_MODULES = {"errors", "rules", "explain", "charging", "eligibility", "money", "periods", "dates", "reform", "batch",
                 "dpa", "replay", "validation", "results", "schemas", "population", "events"}
_LAZY_NAMES = {
    "load_ruleset": ("careact.rules", "load_ruleset"),
    "load_overlay": ("careact.rules", "load_overlay"),
    "CareactError": ("careact.errors", "CareactError"),
    "InputError": ("careact.errors", "InputError"),
}

if TYPE_CHECKING:  # pragma: no cover
    from . import (
        batch,
        charging,
        dpa,
        eligibility,
        errors,
        explain,
        money,
        reform,
        replay,
        results,
        rules,
        schemas,
    )
    from .errors import CareactError, InputError
    from .rules import load_overlay, load_ruleset


def __getattr__(name: str) -> Any:
    if name in _LAZY_MODULES:
        return importlib.import_module(f"careact.{name}")
    if name in _LAZY_NAMES:
        module, attr = _LAZY_NAMES[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'careact' has no attribute {name!r}")
