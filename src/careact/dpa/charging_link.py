"""The adult's assessed weekly income for a DPA, from a charging case.

While a DPA is in force the home is the security, not capital to be spent: the adult's weekly
contribution comes from income (and tariff income on their *other* capital) less the disposable
income allowance. This assesses the charging case with the home left out, so the assessed income
counts the tariff income on the other capital only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ..rules import RuleSet
from ._common import OverlayArg

__all__ = ["assessed_weekly_income"]


def assessed_weekly_income(
    case: Any, on: date, *, rules: RuleSet | None = None, overlay: OverlayArg = None
) -> tuple[Decimal, Any]:
    """(assessed weekly income including tariff income on capital other than the home, the charging result)."""
    from ..charging import assess
    from ..charging.models import ChargingCase
    from ..validation import validate_model

    model = validate_model(ChargingCase, case)
    without_home = model.model_copy(update={"home": None})
    result = assess(without_home, on, overlay, rules=rules)
    return result.assessed_income, result
