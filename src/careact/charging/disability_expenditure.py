"""Disability-related expenditure where no disability benefit is taken into account: an officer's decision.

SI 2014/2672 Sch 1 para 4 (its opening read: "Where a local authority takes into account in the
calculation of income any disability benefits the adult receives, any disability-related ...") applies
only where a disability benefit is counted. Where none is, a council may still allow disability-related
expenditure under its power to charge less (Care Act 2014 s 14): careact takes the officer's recorded
decision -- who decided, when, why and how much -- instead of refusing it.
"""

from __future__ import annotations

from typing import Any

from ..explain import N_, RuleStep, gbp
from .context import Ctx
from .models import ChargingCase

__all__ = ["R_DRE_DECISION", "dre_decision_rule", "officer_dre"]

R_DRE_DECISION = RuleStep(
    "charging.allowances.disability_related_expenditure.officer_decision",
    "Disability-related expenditure allowed by an officer's decision",
    "Care Act 2014 s 14 (discretion to charge less); SI 2014/2672 Sch 1 para 4 does not apply (no disability benefit taken into account)",
    "https://www.legislation.gov.uk/ukpga/2014/23/section/14", "Care and Support Statutory Guidance Annex C paras 39-40")


def dre_decision_rule(c: Ctx, decided: Any, weekly: Any, benefit_counted: Any) -> Any:
    """The weekly allowance an officer's decision gives: only where no disability benefit is counted."""
    xp = c.xp
    return xp.where(xp.all(decided, xp.not_(benefit_counted)), weekly, 0)


def officer_dre(c: Ctx, case: ChargingCase, benefit_counted: bool) -> int:
    """The officer's decision for one case (pence), with its explanation; 0 where none applies."""
    d = case.dre_officer_decision
    if d is None:
        return 0
    weekly = int(d.weekly * 100)
    allowed = dre_decision_rule(c, True, weekly, benefit_counted)
    if benefit_counted:
        if c.explain:
            c.t.add(R_DRE_DECISION, N_("An officer's decision on disability-related expenditure was recorded, but a disability benefit is taken into account, so the expenditure is assessed under Schedule 1 paragraph 4 instead."), output=0)
        c.flag("dre_officer_decision_not_applied", "An officer's decision to allow disability-related expenditure was recorded, but a disability benefit is taken into account: Sch 1 para 4 applies instead (itemise the expenditure).", R_DRE_DECISION.citation, officer=True)
        return 0
    if c.explain:
        review = f" (to be reviewed on {d.review_on.isoformat()})" if d.review_on else ""
        c.t.add(R_DRE_DECISION, N_("No disability benefit is taken into account, but {by} decided on {on} to allow disability-related expenditure of {weekly} a week{review}: {reason}."), args={"by": d.decided_by, "on": d.decided_on, "weekly": gbp(d.weekly), "reason": d.reason, "review": review}, output=d.weekly)
    c.flag("dre_officer_decision", f"Disability-related expenditure of £{d.weekly} a week is allowed by an officer's decision ({d.decided_by}, {d.decided_on.isoformat()}): {d.reason}", R_DRE_DECISION.citation)
    return int(allowed)
