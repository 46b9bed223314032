"""Two residents' answers, page by page, and the careact cases they should make.

Dates are relative to ``today`` so the same journeys run against a server using the real date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Step:
    slug: str
    fields: dict[str, str]
    query: str = ""
    keys: dict[str, Any] = field(default_factory=dict)


def _date(prefix: str, d: date) -> dict[str, str]:
    return {f"{prefix}-day": str(d.day), f"{prefix}-month": str(d.month), f"{prefix}-year": str(d.year)}


def care_home_single(today: date) -> tuple[list[Step], dict[str, Any]]:
    """A widow moving permanently into a care home, owning her home alone, with pensions, AA and savings."""
    start = today - timedelta(weeks=7)  # inside the 12-week property disregard
    steps = [
        Step("date-of-birth", _date("dob", date(1940, 3, 2))),
        Step("partner", {"has_partner": "no"}),
        Step("care-type", {"care_type": "care_home"}),
        Step("care-cost", {"care_cost": "950.00"}),
        Step("care-start-date", _date("care_start", start)),
        Step("income-any", {"income_any": "yes"}),
        Step("income-item", {"kind": "state_pension", "amount": "221.20", "frequency": "weekly"}),
        Step("income-list", {"more": "yes"}),
        Step("income-item", {"kind": "occupational_pension", "amount": "1,250.00", "frequency": "monthly"}),
        Step("income-list", {"more": "yes"}),
        Step("income-item", {"kind": "attendance_allowance_higher", "amount": "110.40", "frequency": "weekly"}),
        Step("income-list", {"more": "no"}),
        Step("capital-any", {"capital_any": "yes"}),
        Step("capital-item", {"kind": "savings_account", "value": "12500", "owner": "person"}),
        Step("capital-list", {"more": "no"}),
        Step("home-own", {"home_own": "sole"}),
        Step("home-value", {"home_value": "240000"}),
        Step("occupants-any", {"occupants_any": "no"}),
    ]
    case = {
        "schema": "careact.case.charging/1",
        "person": {"date_of_birth": "1940-03-02"},
        "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": start.isoformat()},
        "income": [
            {"type": "state_pension", "amount": "221.20", "frequency": "weekly", "owner": "person"},
            {"type": "occupational_pension", "amount": "1250.00", "frequency": "monthly", "owner": "person"},
            {"type": "attendance_allowance_higher", "amount": "110.40", "frequency": "weekly", "owner": "person"},
        ],
        "capital": [{"type": "savings_account", "value": "12500.00", "owner": "person"}],
        "home": {"value": "240000.00", "owner": "person"},
    }
    return steps, case


def home_couple(today: date) -> tuple[list[Step], dict[str, Any]]:
    """A couple at home: care at home for one, both with State Pension, joint savings, rent and extra costs."""
    steps = [
        Step("date-of-birth", _date("dob", date(1948, 11, 20))),
        Step("partner", {"has_partner": "yes"}),
        Step("partner-date-of-birth", _date("partner_dob", date(1950, 2, 14))),
        Step("care-type", {"care_type": "home"}),
        Step("care-cost", {"care_cost": "320.50"}),
        Step("income-any", {"income_any": "yes"}),
        Step("income-item", {"kind": "state_pension", "amount": "230.25", "frequency": "weekly", "owner": "person"}),
        Step("income-list", {"more": "yes"}),
        Step("income-item", {"kind": "occupational_pension", "amount": "600", "frequency": "monthly",
                             "owner": "person"}),
        Step("income-list", {"more": "yes"}),
        Step("income-item", {"kind": "state_pension", "amount": "176.45", "frequency": "weekly", "owner": "partner"}),
        Step("income-list", {"more": "no"}),
        Step("capital-any", {"capital_any": "yes"}),
        Step("capital-item", {"kind": "savings_account", "value": "36000", "owner": "joint_with_partner"}),
        Step("capital-list", {"more": "no"}),
        Step("housing-any", {"housing_any": "yes"}),
        Step("housing-costs", {"housing_frequency": "monthly", "rent": "650", "council_tax": "140"}),
        Step("dre-any", {"dre_any": "yes"}),
        Step("dre-item", {"description": "Extra heating", "amount": "12.50", "frequency": "weekly"}),
        Step("dre-list", {"more": "no"}),
    ]
    case = {
        "schema": "careact.case.charging/1",
        "person": {"date_of_birth": "1948-11-20"},
        "partner": {"date_of_birth": "1950-02-14", "lives_in_the_home": True, "in_care_home": False},
        "care": {"setting": "non_residential", "weekly_cost": "320.50"},
        "income": [
            {"type": "state_pension", "amount": "230.25", "frequency": "weekly", "owner": "person"},
            {"type": "occupational_pension", "amount": "600.00", "frequency": "monthly", "owner": "person"},
            {"type": "state_pension", "amount": "176.45", "frequency": "weekly", "owner": "partner"},
        ],
        "capital": [{"type": "savings_account", "value": "36000.00", "owner": "joint_with_partner"}],
        "housing_costs": {"frequency": "monthly", "rent": "650.00", "council_tax": "140.00"},
        "disability_related_expenditure": [{"description": "Extra heating", "amount": "12.50", "frequency": "weekly"}],
    }
    return steps, case


CONTACT = {"name": "Ada Example", "address": "1 Test Street\nExampleton", "postcode": "ex1 1aa",
           "email": "ada@example.org", "phone": "01632 960 001"}

COUNCIL_TOML = """
[council]
name = "Testshire Council"
name_cy = "Cyngor Sir Brawf"
phone = "0300 000 0000"
email = "assessments@testshire.example"
address = "County Hall, Testshire"
website = "https://www.testshire.example"
colour = "#0b0c0c"

[[council.policy_links]]
text = "Our charging policy"
text_cy = "Ein polisi codi tâl"
url = "https://www.testshire.example/charging"

[rules]
overlays = ["council/reading"]

[service]
database_url = "{db}"

[retention]
draft_days = 30
processed_days = 90

[limits]
resume_attempts = 3
login_attempts = 3
"""
