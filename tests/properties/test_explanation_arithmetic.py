"""The explanation's arithmetic adds up to the result.

Walks the ``careact.explain/1`` document of every generated assessment and recomputes each total
from the steps: each income line's final counted amount, summed, is the income total; the capital
items, less discretionary disregards, are the capital total; tariff income follows reg 25 from the
parameters the step read; the minimum income guarantee is the sum of its parts; the allowances sum;
and the charge is min(cost, max(0, assessed income − allowances)) before the council's minimum and
maximum. Each figure is checked against the result too. This checks the explanation, it does not
re-run the engine.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from prop_support import arg, money, run, walk

from careact.charging.models import ChargingResult
from strategies import charging_cases

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")

# the steps that settle an income line (the last one for an index gives its counted amount)
INCOME_LINE_STEPS = {
    "charging.income.counted", "charging.income.disregarded", "charging.income.earnings",
    "charging.income.partial_disregard", "charging.income.pension_to_partner",
    "charging.income.night_care_difference", "charging.income.council_option",
    "charging.income.partner_excluded",
}
CAPITAL_ITEM_STEPS = {
    "charging.capital.item", "charging.capital.schedule_2", "charging.capital.disregard_for_weeks",
    "charging.capital.partner_excluded",
}
WEEKLY = {"weekly": (1, 1), "fortnightly": (1, 2), "four-weekly": (1, 4), "monthly": (12, 52),
          "quarterly": (4, 52), "annually": (1, 52)}


def _top(doc, step_id):
    found = [s for s in doc["steps"] if s["id"] == step_id]
    assert len(found) <= 1, step_id
    return found[0] if found else None


def _param(step, name, key=None):
    [p] = [p for p in step["parameters"] if p["name"] == name and p.get("key") == key]
    return Decimal(p["value"])


def check_income(doc, result: ChargingResult) -> Decimal:
    group = _top(doc, "charging.income")
    steps = list(walk(group["steps"]))
    final: dict[int, Decimal] = {}
    for s in steps:
        if s["id"] in INCOME_LINE_STEPS:
            final[s["inputs"]["index"]] = money(s["output"])
        if s["id"] == "charging.income.weekly_amount":  # the Annex C conversion, to the penny
            mul, div = WEEKLY[s["args"]["frequency"]["value"]]
            expected = (arg(s, "amount") * mul / div).quantize(PENNY, rounding=ROUND_HALF_UP)
            assert arg(s, "weekly") == expected == money(s["output"])
        if s["id"] == "charging.income.joint":
            assert arg(s, "weekly") == (arg(s, "whole") / 2).quantize(PENNY, rounding=ROUND_HALF_UP)
        if s["id"] == "charging.income.partial_disregard":
            assert arg(s, "weekly") - arg(s, "disregard") == arg(s, "counted") == money(s["output"])
            assert arg(s, "disregard") <= arg(s, "weekly")
    assert sorted(final) == list(range(len(result.income)))
    for i, line in enumerate(result.income):
        assert final[i] == line.counted, (i, line)
        assert line.counted + line.disregarded == line.weekly or line.owner in ("partner", "joint")
    total = sum(final.values(), ZERO)
    [total_step] = [s for s in steps if s["id"] == "charging.income.total"]
    assert money(total_step["output"]) == total == money(group["output"])
    return total


def check_capital(doc, result: ChargingResult) -> tuple[Decimal, Decimal]:
    group = _top(doc, "charging.capital")
    steps = list(walk(group["steps"]))
    items: dict[int, Decimal] = {}
    others = ZERO
    cuts = ZERO
    for s in steps:
        sid = s["id"]
        if sid in CAPITAL_ITEM_STEPS:
            items[s["inputs"]["index"]] = money(s["output"])
        elif sid.startswith("charging.capital.home.") or sid == "charging.capital.notional":
            others += money(s["output"])
        elif sid == "charging.capital.discretionary_disregard":
            cuts += money(s["output"])
    total = sum(items.values(), ZERO) + others - cuts
    [total_step] = [s for s in steps if s["id"] == "charging.capital.total"]
    assert money(total_step["output"]) == total == money(group["output"]) == result.assessed_capital
    lines = sum((ln.counted for ln in result.capital), ZERO)
    assert lines - cuts == result.assessed_capital

    [limits] = [s for s in steps if s["id"] == "charging.capital.limits"]
    upper = arg(limits, "upper")
    assert limits["output"] is (total > upper)
    tariff = ZERO
    tariff_steps = [s for s in steps if s["id"] == "charging.capital.tariff_income"]
    if limits["output"]:
        assert not tariff_steps
    else:
        [t] = tariff_steps
        if "tariff" in t["args"]:  # above the lower limit: reg 25, £1 for every £250 or part
            [lower_name] = [p["name"] for p in t["parameters"] if p["name"].endswith("lower_limit")]
            lower = _param(t, lower_name)
            band = _param(t, "capital.tariff_band")
            per = _param(t, "capital.tariff_per_band")
            assert arg(t, "lower") == lower and arg(t, "band") == band and arg(t, "per") == per
            assert arg(t, "excess") == total - lower > 0
            steps_ = ((total - lower) / band).to_integral_value(rounding=ROUND_CEILING)
            tariff = per * steps_
            assert arg(t, "tariff") == tariff
        assert money(t["output"]) == tariff
    assert result.tariff_income == tariff
    return total, tariff


def check_allowances(doc, result: ChargingResult) -> Decimal:
    """Every top-level ``charging.allowances.*`` step is one allowance; the MIG is the sum of its parts."""
    total = ZERO
    for s in doc["steps"]:
        if not s["id"].startswith("charging.allowances."):
            continue
        value = money(s["output"])
        if s["id"] == "charging.allowances.mig":
            parts = [money(c["output"]) for c in s["steps"] if c["id"] != "charging.allowances.mig.pension_credit_age"]
            assert sum(parts, ZERO) == value == arg(s, "total")
        total += value
    assert total == result.total_allowances
    assert sum((a.weekly for a in result.allowances), ZERO) == result.total_allowances
    return total


def check_charge(doc, result: ChargingResult, income: Decimal, tariff: Decimal, allowances: Decimal) -> None:
    assessed = income + tariff
    assert result.assessed_income == assessed
    assert result.available_income == assessed - allowances
    cost = result.cost_of_care
    free = _top(doc, "charging.free_service")
    if free is not None and free["output"] is True:
        assert result.weekly_charge == 0
        return
    if _top(doc, "charging.carers_services") is not None:
        assert result.weekly_charge == 0
        return
    full = _top(doc, "charging.full_cost")
    if full is not None:
        assert result.self_funder and money(full["output"]) == cost == result.weekly_charge
        return
    step = _top(doc, "charging.charge")
    assert arg(step, "income") == assessed and arg(step, "tariff") == tariff
    assert arg(step, "allowances") == allowances
    assert arg(step, "available") == assessed - allowances == result.available_income
    assert arg(step, "cost") == cost
    taken = _top(doc, "charging.charge.share_taken")
    raw = money(taken["output"]) if taken is not None else max(ZERO, assessed - allowances)
    charge = min(cost, raw)
    assert arg(step, "charge") == charge == money(step["output"])
    minimum = _top(doc, "charging.charge.minimum")
    if minimum is not None:
        assert 0 < charge < arg(minimum, "minimum")
        charge = ZERO
    maximum = _top(doc, "charging.charge.maximum")
    if maximum is not None:
        assert charge > arg(maximum, "cap")
        charge = arg(maximum, "cap")
    assert result.weekly_charge == charge


@settings(max_examples=300, deadline=None)
@given(charging_cases())
def test_the_explanation_adds_up_to_the_result(drawn):
    result = run(drawn.case, drawn.on)
    doc = result.explanation.to_dict() if hasattr(result.explanation, "to_dict") else result.explanation
    assert doc["schema"] == "careact.explain/1"
    assert doc["on"] == drawn.on.isoformat()
    assert doc["ruleset"] == result.ruleset
    income = check_income(doc, result)
    _, tariff = check_capital(doc, result)
    allowances = check_allowances(doc, result)
    check_charge(doc, result, income, tariff, allowances)
