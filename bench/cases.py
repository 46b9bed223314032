"""Benchmark workloads: the bundled example cases, and a deterministic population built from them.

The population varies each example's amounts, dates of birth and capital with a seeded
``random.Random`` so no two cases are alike (nothing is cached by accident) while every case stays
valid. Money stays decimal strings; nothing here uses floats for money.
"""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

ON = date(2025, 6, 1)


def examples() -> dict[str, dict[str, Any]]:
    """Every bundled charging example as the JSON document an API client would send."""
    from careact.charging import example_case, example_names

    return {n: example_case(n).model_dump(mode="json", by_alias=True) for n in example_names()}


def _scale(amount: str, factor: Decimal) -> str:
    return f"{(Decimal(amount) * factor).quantize(Decimal('0.01'))}"


def population(n: int, seed: int = 2014) -> list[dict[str, Any]]:
    """``n`` valid cases: the bundled examples with amounts scaled by 0.5-1.5 and ages shifted."""
    rng = random.Random(seed)
    base = list(examples().values())
    out = []
    for i in range(n):
        case = copy.deepcopy(base[i % len(base)])
        case["reference"] = f"bench-{i:07d}"
        f = Decimal(rng.randint(50, 150)) / 100
        case["care"]["weekly_cost"] = _scale(case["care"]["weekly_cost"], f)
        for item in case.get("income", []):
            item["amount"] = _scale(item["amount"], Decimal(rng.randint(50, 150)) / 100)
        for item in case.get("capital", []):
            item["value"] = _scale(item["value"], Decimal(rng.randint(0, 200)) / 100)
        dob = date.fromisoformat(case["person"]["date_of_birth"]) + timedelta(days=rng.randint(-400, 400))
        if (ON - dob).days < 19 * 366:
            dob = ON - timedelta(days=19 * 366)
        case["person"]["date_of_birth"] = dob.isoformat()
        out.append(case)
    return out
