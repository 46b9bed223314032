"""Charging: England's financial assessment under the Care and Support (Charging and Assessment of
Resources) Regulations 2014 (SI 2014/2672) and the Care and Support Statutory Guidance.

>>> from datetime import date
>>> from careact import charging
>>> result = charging.assess(charging.example_case("residential_single"), on=date(2025, 6, 1))
>>> result.weekly_charge
Decimal('...')
"""

from .assess import assess, resolve_rules
from .examples import example_case, example_names
from .models import CASE_SCHEMA, RESULT_SCHEMA, ChargingCase, ChargingResult
from .timeline import timeline

__all__ = [
    "CASE_SCHEMA",
    "RESULT_SCHEMA",
    "ChargingCase",
    "ChargingResult",
    "assess",
    "example_case",
    "example_names",
    "resolve_rules",
    "timeline",
]
