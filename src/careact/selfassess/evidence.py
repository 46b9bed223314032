"""The evidence checklist: what the council will ask to see, generated from the resident's answers.

Each item is a message (translated where shown) with the values it mentions. The list follows what
councils commonly ask for in a financial assessment: statements for every account, award letters for
every benefit and pension, proof of earnings, and papers for the home and for housing and
disability-related costs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .i18n import M_, Translator
from .journey import CAPITAL_KINDS, INCOME_KINDS, care, has_partner, option_label, owns_home

__all__ = ["EvidenceItem", "evidence_checklist"]


@dataclass(frozen=True)
class EvidenceItem:
    message: str
    values: dict[str, str] = field(default_factory=dict)
    translate: tuple[str, ...] = ()  # which values are themselves messages to translate

    def text(self, t: Translator) -> str:
        """The item in the translator's language."""
        return t(self.message, **{k: t(v) if k in self.translate else v for k, v in self.values.items()})

    def as_dict(self) -> dict[str, Any]:
        return {"message": self.message, "values": dict(self.values), "translate": list(self.translate)}


_BENEFITS = {
    "attendance_allowance_higher", "attendance_allowance_lower", "pip_daily_living_enhanced",
    "pip_daily_living_standard", "pip_mobility_enhanced", "pip_mobility_standard", "dla_care_highest",
    "dla_care_middle", "dla_care_lowest", "dla_mobility_higher", "dla_mobility_lower", "carers_allowance",
    "esa_contributory", "esa_income_related", "universal_credit", "pension_credit_guarantee",
    "pension_credit_savings",
}
_PENSIONS = {"occupational_pension", "private_pension", "annuity"}
_ACCOUNTS = {"bank_account", "savings_account", "isa", "national_savings"}
_INVESTMENTS = {"premium_bonds", "stocks_shares", "unit_trusts"}
_LAND = {"second_property", "land"}

WHOSE = {"person": M_("yours"), "partner": M_("your partner's"), "joint": M_("paid to you both"),
         "joint_with_partner": M_("held jointly with your partner"),
         "joint_with_others": M_("held jointly with other people")}


def evidence_checklist(a: dict[str, Any]) -> list[EvidenceItem]:
    """The documents to have ready, in the order the answers were given; none repeated."""
    out: list[EvidenceItem] = [EvidenceItem(M_("Proof of your identity and date of birth, such as a passport or "
                                               "driving licence"))]
    if has_partner(a):
        out.append(EvidenceItem(M_("Proof of your partner's date of birth")))
    if care(a) == "care_home":
        out.append(EvidenceItem(M_("The care home's contract or a letter showing its weekly fee and the date you "
                                   "moved in")))
    elif care(a) == "temporary":
        out.append(EvidenceItem(M_("The care home's letter or contract showing the weekly fee for your stay")))
    for item in a.get("income") or [] if a.get("income_any") == "yes" else []:
        kind = item["kind"]
        values = {"what": option_label(INCOME_KINDS, kind), "whose": WHOSE.get(item.get("owner", "person"), "")}
        if kind == "state_pension":
            msg = M_("Your latest State Pension letter from the Pension Service ({whose})")
        elif kind in _BENEFITS:
            msg = M_("The latest award letter from the Department for Work and Pensions: {what} ({whose})")
        elif kind in _PENSIONS:
            msg = M_("The latest pension statement or payslip, showing the amount before tax: {what} ({whose})")
        elif kind in ("earnings", "self_employed_earnings"):
            msg = (M_("Payslips for the last 3 months ({whose})") if kind == "earnings"
                   else M_("Your latest accounts or tax return for your self-employment ({whose})"))
        else:
            msg = M_("Papers showing the amount and how often it is paid: {what} ({whose})")
        out.append(EvidenceItem(msg, values, ("what", "whose")))
    for item in a.get("capital") or [] if a.get("capital_any") == "yes" else []:
        kind = item["kind"]
        values = {"what": option_label(CAPITAL_KINDS, kind), "whose": WHOSE.get(item["owner"], "")}
        if kind in _ACCOUNTS:
            msg = M_("Statements for the last 3 months: {what} ({whose})")
        elif kind in _INVESTMENTS:
            msg = M_("A recent statement or certificate showing the value: {what} ({whose})")
        elif kind in _LAND:
            msg = M_("A valuation or estimate of its value, and any mortgage statement: {what} ({whose})")
        elif kind == "cash":
            msg = M_("A note of how much cash you keep at home ({whose})")
        else:
            msg = M_("Papers showing its value: {what} ({whose})")
        out.append(EvidenceItem(msg, values, ("what", "whose")))
    if owns_home(a):
        out.append(EvidenceItem(M_("A valuation or estimate of your home's value, and your latest mortgage "
                                   "statement if you have a mortgage")))
        if a.get("home_own") in ("partner", "others"):
            out.append(EvidenceItem(M_("Papers showing who owns your home and in what shares, such as the "
                                       "title register")))
        if care(a) == "care_home" and a.get("occupants_any") == "yes":
            out.append(EvidenceItem(M_("Proof of the date of birth of each person who still lives in your home, "
                                       "and of any disability")))
    if care(a) in ("home", "temporary") and a.get("housing_any") == "yes":
        if a.get("rent"):
            out.append(EvidenceItem(M_("Your tenancy agreement or latest rent statement")))
        if a.get("mortgage"):
            out.append(EvidenceItem(M_("Your latest mortgage statement")))
        if a.get("council_tax"):
            out.append(EvidenceItem(M_("This year's council tax bill")))
        if a.get("service_charges") or a.get("ground_rent"):
            out.append(EvidenceItem(M_("Your latest service charge or ground rent bill")))
        if a.get("housing_benefit") or a.get("council_tax_reduction"):
            out.append(EvidenceItem(M_("Your latest Housing Benefit or Council Tax Reduction letter")))
    if care(a) == "home" and a.get("dre_any") == "yes":
        for d in a.get("dre") or []:
            out.append(EvidenceItem(M_("Receipts or bills: {what}"), {"what": d["description"]}))
    seen: set[tuple[str, tuple[tuple[str, str], ...]]] = set()
    unique = []
    for item in out:
        key = (item.message, tuple(sorted(item.values.items())))
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
