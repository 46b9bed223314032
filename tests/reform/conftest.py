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


import textwrap
from datetime import date
from pathlib import Path

import pytest

from careact.reform.models import CareSpell


@pytest.fixture
def stub():
    """The simple means test above, as an assessor."""
    return stub_assessor


@pytest.fixture
def write_overlay(tmp_path: Path):
    """Write a policy team's own reform overlay file: write_overlay("name", '''[[parameter]] ...''') -> path."""

    def write(name: str, body: str, *, description: str = "test reform") -> Path:
        head = textwrap.dedent(
            f"""
            [overlay]
            name = "reform.{name}"
            version = "1.0.0"
            layer = "reform"
            base = "england"
            description = "{description}"
            source = "test"
            """
        )
        path = tmp_path / f"{name}.toml"
        path.write_text(head + textwrap.dedent(body), encoding="utf-8")
        return path

    return write


def _param(name: str, unit: str, value: str, start: str = "2015-04-01", cite: str = "test policy") -> str:
    """One [[parameter]] table for a test overlay (status verified, so no note is needed)."""
    if unit in ("text",):
        v = f'"{value}"'
    elif unit == "bool":
        v = value
    else:
        v = f'"{value}"'
    return textwrap.dedent(
        f"""
        [[parameter]]
        name = "{name}"
        description = "{name}"
        unit = "{unit}"

        [[parameter.values]]
        from = {start}
        value = {v}
        cite = "{cite}"
        status = "verified"
        """
    )


def _spell(**kw) -> CareSpell:
    base = {
        "id": "t",
        "date_of_birth": date(1944, 5, 17),
        "care_start": date(2024, 4, 1),
        "setting": "care_home",
        "la_weekly_rate": Decimal("700.00"),
        "weekly_income": Decimal("0.00"),
        "capital": Decimal("500000.00"),
    }
    base.update(kw)
    return CareSpell(**base)


@pytest.fixture
def param():
    """param(name, unit, value, start="2015-04-01") -> one [[parameter]] table (TOML text)."""
    return _param


@pytest.fixture
def make_spell():
    """make_spell(**overrides) -> a CareSpell: care home, 1 April 2024, LA rate £700, no income, £500,000 savings."""
    return _spell
