"""NHS funding in a care home: NHS-funded nursing care (FNC) and NHS continuing healthcare (CHC).

- **FNC.** A local authority may not meet needs by providing nursing care by a registered nurse (Care
  Act 2014 s 22(3); the words of s 22 were not read). The NHS pays a flat weekly rate (``nhs.fnc_weekly``,
  dated each year) directly to the care home. It is not charged to the adult and is not council cost:
  where the home's fee is quoted including FNC, the council's cost of the placement -- the most the
  adult can be charged -- is the fee less FNC.
- **CHC.** Where the NHS meets the whole cost of care as continuing healthcare, the council makes no
  charge: there is nothing for it to charge for (s 22(1)).

The NHS decides both; careact takes the decision as an input (``nhs_funding``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..arrays import pounds
from ..explain import N_, RuleStep, gbp
from ..rules.params.charging import nhs
from .context import Ctx
from .models import ChargingCase

__all__ = ["R_CHC", "R_FNC", "NhsOutcome", "apply_nhs_funding", "fnc_cost_rule"]

_S22 = "https://www.legislation.gov.uk/ukpga/2014/23/section/22"
R_FNC = RuleStep("charging.nhs.funded_nursing_care", "NHS-funded nursing care", "Care Act 2014 s 22(3) (text not read)", _S22, "Department of Health and Social Care, the NHS-funded nursing care rate for each year")
R_CHC = RuleStep("charging.nhs.continuing_healthcare", "NHS continuing healthcare", "Care Act 2014 s 22(1) (text not read)", _S22, "National Framework for NHS Continuing Healthcare and NHS-funded Nursing Care")


def fnc_cost_rule(c: Ctx, cost: Any, fnc: Any, applies: Any, fee_includes: Any) -> Any:
    """The council's weekly cost of a placement: the fee less FNC where the fee includes it."""
    xp = c.xp
    return xp.where(xp.all(applies, fee_includes), xp.maximum(cost - fnc, 0), cost)


@dataclass(slots=True)
class NhsOutcome:
    cost: int  # the council's weekly cost of care (pence)
    fnc: int | None = None  # FNC paid by the NHS each week (pence), where it applies
    chc: bool = False


def apply_nhs_funding(c: Ctx, case: ChargingCase, cost: int) -> NhsOutcome:
    """FNC or CHC in force on ``c.on`` for one case, with its explanation."""
    n = case.nhs_funding
    if n is None or n.starts_on > c.on or (n.ends_on is not None and c.on > n.ends_on):
        return NhsOutcome(cost)
    by = f" ({n.decided_by})" if n.decided_by else ""
    if n.type == "chc":
        if c.explain:
            c.t.add(R_CHC, N_("The NHS meets the whole cost of the adult's care as NHS continuing healthcare from {start}{by}: the council makes no charge."), args={"start": n.starts_on, "by": by}, output=pounds(0))
        c.flag("nhs_continuing_healthcare", "NHS continuing healthcare meets the whole cost of care: no council charge and no financial assessment are needed.", R_CHC.citation)
        return NhsOutcome(cost, chc=True)
    fnc = c.r.cell(nhs.fnc_weekly, n.band)
    net = fnc_cost_rule(c, cost, fnc, True, n.fee_includes_fnc)
    if c.explain:
        if n.fee_includes_fnc:
            c.t.add(R_FNC, N_("The NHS pays {fnc} a week directly to the care home for nursing care by registered nurses (NHS-funded nursing care, {band} rate){by}. It is not charged to the adult and the council does not pay it: the council's cost of the care is {fee} less {fnc}, {net} a week."), args={"fnc": gbp(pounds(fnc)), "band": n.band, "by": by, "fee": gbp(pounds(cost)), "net": gbp(pounds(net))}, output=pounds(net))
        else:
            c.t.add(R_FNC, N_("The NHS pays {fnc} a week directly to the care home for nursing care by registered nurses (NHS-funded nursing care, {band} rate){by}, on top of the fee of {fee}: it is not charged to the adult and is not council cost."), args={"fnc": gbp(pounds(fnc)), "band": n.band, "by": by, "fee": gbp(pounds(cost))}, output=pounds(net))
    return NhsOutcome(int(net), fnc=int(fnc))
