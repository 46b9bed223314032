"""A deliberately simple means test, for testing the care account's own arithmetic apart from the charging engine.

charge = min(cost, max(0, income - allowance) + tariff(capital)); capital above the upper limit pays in full.
It reads the capital limits and tariff from the rule set, so reform overlays change it as they would the engine.
"""

from __future__ import annotations

from decimal import Decimal

from careact.money import ZERO, steps_or_part
from careact.reform.care_account import WeekAssessment, WeekInputs

ALLOWANCE = Decimal("30.00")


def stub_assessor(rules, spell, inputs: WeekInputs, explain: bool) -> WeekAssessment:
    res = rules.at(inputs.on)
    up = res["capital.upper_limit"].value
    lo = res["capital.lower_limit"].value
    band = res["capital.tariff_band"].value
    per = res["capital.tariff_per_band"].value
    counted = inputs.capital
    home_counted = inputs.count_home_at_home or (
        spell.care_home and not spell.home_disregarded and (inputs.on - spell.care_start).days >= 84
    )
    if home_counted:
        counted += inputs.home_equity
    if counted > up:
        return WeekAssessment(charge=inputs.cost, self_funder=True, allowances=ALLOWANCE, assessed_capital=counted)
    tariff = per * steps_or_part(min(counted, up) - lo, band) if counted > lo else ZERO
    charge = min(inputs.cost, max(ZERO, spell.weekly_income - ALLOWANCE) + tariff)
    return WeekAssessment(charge=charge, self_funder=False, allowances=ALLOWANCE, assessed_capital=counted)
