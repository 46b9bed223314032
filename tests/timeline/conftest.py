from __future__ import annotations

import copy

import pytest

HOME_CARE = {
    "schema": "careact.case.charging/1",
    "person": {"date_of_birth": "1960-03-10"},
    "care": {"setting": "non_residential", "weekly_cost": "320.00"},
    "income": [
        {"type": "state_pension", "amount": "176.45"},
        {"type": "occupational_pension", "amount": "180.00", "frequency": "monthly"},
    ],
    "capital": [{"type": "bank_account", "value": "4200.00"}],
}

RESIDENTIAL = {
    "schema": "careact.case.charging/1",
    "person": {"date_of_birth": "1938-05-14"},
    "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": "2025-01-06"},
    "income": [{"type": "state_pension", "amount": "176.45"}],
    "capital": [{"type": "savings_account", "value": "15800.00"}],
    "home": {"value": "210000.00"},
}


@pytest.fixture
def home_care():
    return copy.deepcopy(HOME_CARE)


@pytest.fixture
def residential():
    return copy.deepcopy(RESIDENTIAL)
