"""The adult's assessed weekly income for a DPA, from a charging case.

While a DPA is in force the home is the security, not capital to be spent: the adult's weekly
contribution comes from income (and tariff income on their *other* capital) less the disposable
income allowance. This assesses the charging case with the home left out, so the assessed income
counts the tariff income on the other capital only.
"""

from __future__ import annotations

import warnings
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..rules import RuleSet
from ._common import OverlayArg, require_on

if TYPE_CHECKING:
    from ..charging.models import ChargingResult

__all__ = ["assessed_weekly_income", "income_for_deferral"]


def income_for_deferral(
    case: Any,
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: OverlayArg = (),
    explain: bool = True,
) -> ChargingResult:
    """The financial assessment of ``case`` on ``on`` with the home left out (Care Act 2014 s 34; SI 2014/2672).

    Its ``assessed_income`` is the weekly income a deferral starts from (income plus tariff income on
    capital other than the home): pass it as ``weekly_income`` to :func:`~careact.dpa.weekly_deferral`.
    ``case`` is a charging case (``careact.case.charging/1``); the result is a
    :class:`~careact.charging.models.ChargingResult` with its explanation.
    """
    from ..charging import assess
    from ..charging.models import ChargingCase
    from ..validation import validate_model

    day = require_on(on, "income_for_deferral(case, on=date(2025, 6, 1))")
    model = validate_model(ChargingCase, case)
    without_home = model.model_copy(update={"home": None})
    return assess(without_home, on=day, rules=rules, overlays=overlays, explain=explain)


def assessed_weekly_income(
    case: Any, on: date, *, rules: RuleSet | None = None, overlay: OverlayArg = None
) -> tuple[Decimal, Any]:
    """(assessed weekly income including tariff income on capital other than the home, the charging result).

    .. deprecated:: 0.2.0
       Use :func:`income_for_deferral`, which follows the call convention and returns the charging
       result (its ``assessed_income`` is the figure this returned first). Removed in careact 0.3.
    """
    warnings.warn("careact.dpa.assessed_weekly_income is deprecated: use income_for_deferral(case, on=...), whose "
                  ".assessed_income is the same figure (removed in careact 0.3)", DeprecationWarning, stacklevel=2)
    result = income_for_deferral(case, on=on, rules=rules, overlays=overlay if overlay is not None else ())
    return result.assessed_income, result
