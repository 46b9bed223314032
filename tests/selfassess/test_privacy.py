"""No personal data in the logs: a whole journey, resume and staff work log references and key ids only."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from .cases import CONTACT, home_couple
from .conftest import TODAY, Browserless, resume_code


def test_logs_hold_no_personal_data(app: Any, make_key: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    resident = Browserless(app)
    resident.start()
    steps, _ = home_couple(TODAY)
    resident.answer(steps)
    code = resume_code(resident.post("/save").text)
    other = Browserless(app)
    other.get("/resume")
    other.post("/resume", {"code": code, "dob-day": "1", "dob-month": "1", "dob-year": "1950"})
    other.post("/resume", {"code": code, "dob-day": "20", "dob-month": "11", "dob-year": "1948"})
    reference = other.submit()
    key = make_key()
    staff = Browserless(app)
    staff.get("/staff/login")
    staff.post("/staff/login", {"api_key": "cask_wrong_guess"})
    staff.post("/staff/login", {"api_key": key})
    staff.get(f"/staff/referrals/{reference}")
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert reference in text  # what happened is logged, by reference
    forbidden = [CONTACT["name"], CONTACT["email"], CONTACT["phone"], "EX1 1AA", "Test Street", "1948", "230.25",
                 "Extra heating", code, code.replace("-", ""), key, key.split("_", 2)[2], "testclient"]
    for value in forbidden:
        assert value not in text, f"{value!r} was logged"


def test_a_providers_subject_is_logged_only_as_a_hash() -> None:
    from careact.selfassess.web import log_actor

    logged = log_actor("oidc:ada.example@testshire.example")
    assert logged.startswith("oidc:") and "ada" not in logged and len(logged) == len("oidc:") + 12
    assert log_actor("oidc:ada.example@testshire.example") == logged
    assert log_actor("key:0a1b2c3d4e5f") == "key:0a1b2c3d4e5f"
