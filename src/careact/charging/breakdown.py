"""A letter-ready breakdown of a charging result: subtotals by category, en-GB money."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..explain.i18n import gettext_for
from ..explain.steps import N_
from ..money import format_money

if TYPE_CHECKING:
    from .models import ChargingResult

__all__ = ["figures_notice", "render_breakdown"]


def figures_notice(figures: Any, on: Any, locale: str = "en_GB") -> str | None:
    """The figures' status in words, translated (``None`` when every figure used is verified)."""
    if figures is None or figures.status == "verified":
        return None
    from ..results import financial_year

    _ = gettext_for(locale)
    day = on if isinstance(on, date) else date.fromisoformat(on)
    if figures.status == "unverified":
        text = _(N_("This estimate uses {year} figures not yet confirmed against the regulations: {names}."))
        names = ", ".join(figures.unverified)
    else:
        text = _(N_("This estimate uses {year} figures read from a secondary source, not yet from the regulations themselves: {names}."))
        names = ", ".join(figures.secondary)
    return text.format(year=financial_year(day), names=names)


def render_breakdown(result: ChargingResult, locale: str = "en_GB") -> str:
    from ..explain.document import format_day

    _ = gettext_for(locale)
    def m(x: Decimal) -> str:
        return format_money(x, locale)

    w = _(N_("a week"))
    on = format_day(result.on if isinstance(result.on, date) else date.fromisoformat(result.on), locale)
    lines = [_(N_("Your weekly contribution from {on}")).format(on=on), ""]
    lines.append(_(N_("Capital")))
    for c in result.capital:
        lines.append(f"  {c.label}: {m(c.value)} — {_(N_('counted'))} {m(c.counted)} ({c.reason})")
    lines.append(f"  {_(N_('Capital counted'))}: {m(result.assessed_capital)}")
    lines.append(f"  {_(N_('Tariff income'))}: {m(result.tariff_income)} {w}")
    lines.append("")
    lines.append(_(N_("Income")))
    for i in result.income:
        note = f" ({i.reason})" if i.disregarded else ""
        lines.append(f"  {i.label}: {m(i.weekly)} {w} — {_(N_('counted'))} {m(i.counted)}{note}")
    lines.append(f"  {_(N_('Income counted, with tariff income'))}: {m(result.assessed_income)} {w}")
    lines.append("")
    lines.append(_(N_("Allowances (what you keep)")))
    for a in result.allowances:
        lines.append(f"  {a.label}: {m(a.weekly)} {w}")
    lines.append(f"  {_(N_('Total allowances'))}: {m(result.total_allowances)} {w}")
    lines.append("")
    lines.append(f"{_(N_('Cost of your care'))}: {m(result.cost_of_care)} {w}")
    if result.full_cost_reason:
        lines.append(_(N_("You pay the full cost because your capital is above the upper limit.")))
    lines.append(f"{_(N_('Your weekly contribution'))}: {m(result.weekly_charge)} {w}")
    lines.append(f"{_(N_('The council pays'))}: {m(result.council_weekly_contribution)} {w}")
    if result.personal_budget and result.personal_budget.direct_payment_paid is not None:
        lines.append(f"{_(N_('Direct payment paid to you'))}: {m(result.personal_budget.direct_payment_paid)} {w}")
    if result.third_party_top_up:
        lines.append(f"{_(N_('Top-up paid by someone else'))}: {m(result.third_party_top_up)} {w}")
    notice = figures_notice(result.figures, result.on, locale)
    if notice:
        lines += ["", notice]
    decisions = [f for f in result.flags if f.needs_officer_decision]
    if decisions:
        lines.append("")
        lines.append(_(N_("Points for the council to confirm")))
        lines += [f"  - {f.message}" for f in decisions]
    return "\n".join(lines) + "\n"
