"""Deterministic generated charging cases for the batch tests (valid ones, and rows made malformed on purpose)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

INCOME = ["state_pension", "occupational_pension", "private_pension", "attendance_allowance_higher",
          "attendance_allowance_lower", "pension_credit_guarantee", "pip_daily_living_standard",
          "pip_mobility_enhanced", "esa_contributory", "interest_on_savings"]
CAPITAL = ["savings_account", "bank_account", "isa", "premium_bonds", "stocks_shares", "personal_possessions",
           "second_property"]
FREQ = ["weekly", "fortnightly", "four_weekly", "monthly"]


def money(rng: random.Random, lo: int, hi: int) -> str:
    return f"{rng.randint(lo * 100, hi * 100) / 100:.2f}" if False else f"{rng.randint(lo, hi)}.{rng.randint(0, 99):02d}"


def make_case(i: int, rng: random.Random) -> dict[str, Any]:
    setting = rng.choice(["permanent_residential", "non_residential", "non_residential", "temporary_residential"])
    dob = date(1930, 1, 1) + timedelta(days=rng.randint(0, 365 * 75))
    case: dict[str, Any] = {
        "reference": f"C{i:05d}",
        "person": {"date_of_birth": dob.isoformat()},
        "care": {"setting": setting, "weekly_cost": money(rng, 100, 1400)},
        "income": [{"type": rng.choice(INCOME), "amount": money(rng, 5, 300), "frequency": rng.choice(FREQ)}
                   for _ in range(rng.randint(0, 3))],
        "capital": [{"type": rng.choice(CAPITAL), "value": money(rng, 0, 30000)} for _ in range(rng.randint(0, 2))],
    }
    if setting == "permanent_residential":
        case["care"]["start_date"] = (date(2024, 1, 1) + timedelta(days=rng.randint(0, 400))).isoformat()
        if rng.random() < 0.3:
            case["home"] = {"value": money(rng, 80000, 400000)}
    return case


def flatten(case: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    items = case.items() if isinstance(case, dict) else enumerate(case)
    for k, v in items:
        key = f"{prefix}{k}"
        if isinstance(v, (dict, list)):
            out.update(flatten(v, key + "."))
        elif isinstance(v, bool):
            out[key] = "true" if v else "false"
        else:
            out[key] = str(v)
    return out
