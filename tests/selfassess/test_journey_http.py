"""The whole journey over HTTP (no browser): answers become the expected careact case, the estimate is
the library's own result under the council's overlay, and the referral holds everything staff need."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from careact.charging import ChargingCase, assess
from careact.replay import replay
from careact.rules import load_ruleset

from .cases import CONTACT, Step, care_home_single, home_couple
from .conftest import TODAY, Browserless, errors

RULES = load_ruleset("england", ["council/reading"])


@pytest.mark.parametrize("journey", [care_home_single, home_couple], ids=["care_home_single", "home_couple"])
def test_journey_makes_the_case_and_the_referral(journey: Any, resident: Browserless, make_key: Any) -> None:
    steps, expected = journey(TODAY)
    resident.start()
    resident.answer(steps)
    check = resident.get("/check-answers")
    assert check.status_code == 200
    assert "Check your answers" in check.text
    page = resident.get("/estimate")
    assert page.status_code == 200, errors(page.text)
    want = assess(ChargingCase.model_validate(expected), on=TODAY, rules=RULES)
    assert f'data-amount="{want.weekly_charge:.2f}"' in page.text
    assert f'data-amount="{want.council_weekly_contribution:.2f}"' in page.text
    assert 'id="figures-status" data-level="' in page.text
    assert "How we worked this out" in page.text and "SI 2014/2672" in page.text
    reference = resident.submit()

    key = make_key("referrals:read")
    auth = {"Authorization": f"Bearer {key}"}
    listing = resident.client.get("/api/v1/referrals", headers=auth).json()["referrals"]
    assert [r["reference"] for r in listing] == [reference]
    doc = resident.client.get(f"/api/v1/referrals/{reference}", headers=auth).json()
    assert doc["status"] == "new"
    assert doc["weekly_charge"] == f"{want.weekly_charge:.2f}"
    assert doc["contact"]["name"] == CONTACT["name"] and doc["contact"]["postcode"] == "EX1 1AA"
    assert ChargingCase.model_validate(doc["case"]) == ChargingCase.model_validate({**expected, "reference": reference})
    assert doc["estimate"]["weekly_charge"] == f"{want.weekly_charge:.2f}"
    assert doc["explanation"]["schema"] == "careact.explain/1"
    ident = doc["identity"]
    assert ident["ruleset"]["digest"] == RULES.digest and ident["ruleset"]["id"] == RULES.id
    assert [o["name"] for o in ident["ruleset"]["overlays"]] == ["council.reading"]
    assert ident["careact_version"] and ident["on"] == TODAY.isoformat()
    assert doc["evidence"] and all(e["text"] for e in doc["evidence"])
    assert [e["kind"] for e in doc["events"]] == ["submitted", "opened"]

    exported = resident.client.get(f"/api/v1/referrals/{reference}/case", headers=auth)
    assert exported.headers["content-type"].startswith("application/json")
    again = assess(json.loads(exported.text), on=TODAY, rules=RULES)
    assert again.weekly_charge == want.weekly_charge

    stored = resident.client.get(f"/api/v1/referrals/{reference}/result", headers=auth).json()
    report = replay(stored)
    assert report.identical, report.render_text()


def test_care_home_case_uses_the_property_disregard(resident: Browserless) -> None:
    steps, expected = care_home_single(TODAY)
    resident.start()
    resident.answer(steps)
    result = assess(expected, on=TODAY, rules=RULES)
    assert Decimal(0) < result.weekly_charge < Decimal("950.00")
    assert any(c.type.startswith("main_home") and c.counted == 0 for c in result.capital)
    page = resident.get("/estimate").text
    assert "12 weeks" in page


def test_rerun_on_another_date_and_mark_processed(resident: Browserless, make_key: Any) -> None:
    steps, expected = home_couple(TODAY)
    resident.start()
    resident.answer(steps)
    reference = resident.submit()
    key = make_key("referrals:read", "referrals:rerun", "referrals:process")
    auth = {"Authorization": f"Bearer {key}"}
    earlier = date(2024, 6, 1)  # Reading's own figures are in force then
    r = resident.client.post(f"/api/v1/referrals/{reference}/rerun", headers=auth, json={"on": earlier.isoformat()})
    assert r.status_code == 200, r.text
    body = r.json()
    want = assess(expected, on=earlier, rules=RULES)
    assert body["estimate"]["weekly_charge"] == f"{want.weekly_charge:.2f}"
    assert body["estimate"]["on"] == earlier.isoformat()
    assert body["result"]["ruleset"]["overlays"][0]["name"] == "council.reading"
    submitted = Decimal(body["submitted_weekly_charge"])
    assert Decimal(body["change"]) == want.weekly_charge - submitted
    r = resident.client.post(f"/api/v1/referrals/{reference}/processed", headers=auth)
    assert r.status_code == 200 and r.json()["status"] == "processed" and r.json()["changed"] is True
    assert resident.client.post(f"/api/v1/referrals/{reference}/processed", headers=auth).json()["changed"] is False
    listing = resident.client.get("/api/v1/referrals?status=new", headers=auth).json()["referrals"]
    assert listing == []
    events = resident.client.get(f"/api/v1/referrals/{reference}", headers=auth).json()["events"]
    assert [e["kind"] for e in events] == ["submitted", "rerun", "processed", "opened"]
    assert all(e["actor"].startswith("key:") for e in events[1:])


def test_rerun_refuses_a_bad_date(resident: Browserless, make_key: Any) -> None:
    steps, _ = home_couple(TODAY)
    resident.start()
    resident.answer(steps)
    reference = resident.submit()
    auth = {"Authorization": f"Bearer {make_key('referrals:rerun')}"}
    r = resident.client.post(f"/api/v1/referrals/{reference}/rerun", headers=auth, json={"on": "2025-02-30"})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "on"
    r = resident.client.post(f"/api/v1/referrals/{reference}/rerun", headers=auth, json={"on": "1990-01-01"})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "on"


def test_staff_pages_list_open_rerun_export_and_process(resident: Browserless, app: Any, make_key: Any) -> None:
    steps, expected = care_home_single(TODAY)
    resident.start()
    resident.answer(steps)
    reference = resident.submit()
    staff = Browserless(app)
    assert staff.get("/staff/").status_code == 303
    staff.get("/staff/login")
    r = staff.post("/staff/login", {"api_key": make_key()})
    assert r.status_code == 303 and r.headers["location"].endswith("/staff/")
    page = staff.get("/staff/")
    assert reference in page.text
    page = staff.get(f"/staff/referrals/{reference}")
    assert page.status_code == 200 and "Ada Example" in page.text
    assert "Evidence to ask for" in page.text
    r = staff.post(f"/staff/referrals/{reference}/rerun", {"on-day": "1", "on-month": "9", "on-year": "2025"})
    assert r.status_code == 200, errors(r.text)
    want = assess(expected, on=date(2025, 9, 1), rules=RULES)
    assert f'id="rerun-charge" data-amount="{want.weekly_charge:.2f}"' in r.text
    r = staff.post(f"/staff/referrals/{reference}/rerun", {"on-day": "31", "on-month": "2", "on-year": "2025"})
    assert r.status_code == 400 and "must be a real date" in r.text
    export = staff.get(f"/staff/referrals/{reference}/case.json")
    assert export.headers["content-disposition"] == f'attachment; filename="{reference}.case.json"'
    assert assess(json.loads(export.text), on=TODAY, rules=RULES).weekly_charge == assess(
        expected, on=TODAY, rules=RULES).weekly_charge
    r = staff.post(f"/staff/referrals/{reference}/processed")
    assert r.status_code == 303
    assert 'id="referral-status">processed<' in staff.get(f"/staff/referrals/{reference}").text
    assert staff.get("/staff/?reference=" + reference.lower()).status_code == 303


def test_questions_show_errors_with_a_summary(resident: Browserless) -> None:
    resident.start()
    r = resident.post("/q/date-of-birth", {"dob-day": "31", "dob-month": "2", "dob-year": "1950"})
    assert r.status_code == 400
    assert "There is a problem" in r.text and 'href="#dob-day"' in r.text
    assert "<title>Error: " in r.text
    assert 'value="31"' in r.text  # what was typed is shown again
    r = resident.post("/q/date-of-birth", {"dob-day": "1", "dob-month": "", "dob-year": "1950"})
    assert 'href="#dob-month"' in r.text and "must include a month" in r.text
    r = resident.post("/q/date-of-birth", {"dob-day": "1", "dob-month": "1", "dob-year": str(TODAY.year - 10)})
    assert "18 or over" in r.text
    resident.answer(care_home_single(TODAY)[0][:3])
    r = resident.post("/q/care-cost", {"care_cost": "12.345"})
    assert r.status_code == 400 and "amount of money" in r.text
    r = resident.post("/q/care-cost", {"care_cost": ""})
    assert "Enter weekly cost of care" in r.text
    r = resident.post("/q/care-type", {"care_type": "spaceship"})
    assert r.status_code == 400 and "Select where you will get care" in r.text


def test_change_an_answer_from_check_answers(resident: Browserless) -> None:
    steps, _ = home_couple(TODAY)
    resident.start()
    resident.answer(steps)
    check = resident.get("/check-answers").text
    assert "/q/care-cost?change=1" in check
    r = resident.post("/q/care-cost?change=1", {"care_cost": "400"})
    assert r.headers["location"].endswith("/check-answers")
    # answering "no partner" drops the partner's income and the savings held with the partner, so the
    # savings are asked for again before the answers can be checked
    r = resident.post("/q/partner?change=1", {"has_partner": "no"})
    assert r.headers["location"].endswith("/q/capital-item")
    resident.answer([Step("capital-item", {"kind": "savings_account", "value": "18000", "owner": "person"}),
                     Step("capital-list", {"more": "no"})])
    check = resident.get("/check-answers")
    assert check.status_code == 200
    assert "176.45" not in check.text and "£400.00" in check.text and "£18,000.00" in check.text
    assert "Partner&#39;s date of birth" not in check.text


def test_lists_can_change_and_remove_entries(resident: Browserless) -> None:
    steps, _ = home_couple(TODAY)
    resident.start()
    resident.answer(steps)
    page = resident.get("/q/income-list").text
    assert page.count("Remove") == 3
    r = resident.post("/q/income-list/remove", {"item": "1"})
    assert r.status_code == 303
    page = resident.get("/q/income-list").text
    assert page.count("Remove") == 2 and "Workplace pension" not in page
    r = resident.post("/q/income-item?item=0&change=1", {"kind": "state_pension", "amount": "231", "frequency": "weekly",
                                                         "owner": "person"})
    assert r.headers["location"].endswith("/q/income-list?change=1")
    assert "£231.00" in resident.get("/q/income-list").text


def test_pages_that_do_not_apply_redirect(resident: Browserless) -> None:
    resident.start()
    resident.answer(home_couple(TODAY)[0][:4])
    assert resident.get("/q/care-start-date").status_code == 303  # care at home: no moving-in date
    assert resident.get("/check-answers").status_code == 303
    assert resident.get("/q/no-such-page").status_code == 404
    assert resident.get("/q/contact").status_code == 303


def test_welsh_pages(resident: Browserless) -> None:
    r = resident.get("/language/cy?next=/")
    assert r.status_code == 303
    page = resident.get("/")
    assert '<html lang="cy">' in page.text
    assert "Cyngor Sir Brawf" in page.text
    assert "Dechrau nawr" in page.text
    resident.post("/start")
    r = resident.get("/q/date-of-birth")
    assert "Beth yw eich dyddiad geni?" in r.text
    assert 'hreflang="en"' in r.text
    r = resident.get("/language/en?next=https://evil.example/")
    assert r.headers["location"] == "/"


def test_welsh_estimate_marks_english_text(resident: Browserless) -> None:
    """careact's own explanation has no Welsh catalogue yet: its sentences are marked as English, and its
    money and dates are still formatted for Welsh."""
    resident.get("/language/cy?next=/")
    resident.start()
    resident.answer(home_couple(TODAY)[0])
    page = resident.get("/estimate").text
    assert '<html lang="cy">' in page and "Eich amcangyfrif" in page and "Sut y gwnaethom gyfrifo hyn" in page
    assert '<span class="explanation-statement" lang="en">' in page
    assert '<span class="explanation-title" lang="en">' in page
    assert "1 Mehefin 2025" in page


def test_the_councils_logo_and_colours(tmp_path: Path) -> None:
    from careact.selfassess.config import load_config
    from careact.selfassess.web import create_selfassess_app

    from .conftest import write_config

    (tmp_path / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    path.write_text(path.read_text().replace('colour = "#0b0c0c"', 'colour = "#1d4f91"\nlogo = "logo.svg"\n'
                                             'button_colour = "#005a30"'))
    app = create_selfassess_app(load_config(path), today=lambda: TODAY)
    client = Browserless(app)
    page = client.get("/").text
    assert '<img src="/assets/logo" alt="Testshire Council" class="header-logo">' in page
    logo = client.get("/assets/logo")
    assert logo.headers["content-type"] == "image/svg+xml" and logo.text.startswith("<svg")
    css = client.get("/assets/council.css")
    assert css.headers["content-type"].startswith("text/css")
    assert ".header{background:#1d4f91}" in css.text and "background-color:#005a30" in css.text


def test_without_a_logo_the_name_is_shown(resident: Browserless) -> None:
    assert '<span class="header-name">Testshire Council</span>' in resident.get("/").text
    assert resident.get("/assets/logo").status_code == 404


def test_the_confirmation_is_only_for_the_sender(app: Any, resident: Browserless) -> None:
    resident.start()
    resident.answer(home_couple(TODAY)[0])
    reference = resident.submit()
    stranger = Browserless(app)
    r = stranger.get("/sent")
    assert r.status_code == 303 and reference not in r.text
    # once sent, the draft is gone: the resident's pages start afresh
    assert resident.get("/check-answers").status_code == 303
