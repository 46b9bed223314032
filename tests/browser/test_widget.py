"""The ready-reckoner widget in real headless Chromium, against `careact serve`: the numbers it shows equal
the library's result, it is operable from the keyboard, and its results are announced and link-free.

Needs Debian's chromium. Without it the tests are skipped with the reason, so the README's test command
passes on a new machine; CI installs Chromium and sets CAREACT_REQUIRE_BROWSER=1, which makes a missing
browser a failure, so CI always drives a real one.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from decimal import Decimal

import pytest

from careact.charging import assess
from careact.eligibility.questionnaire import check

from .cdp import Browser, find_chromium

pytestmark = pytest.mark.browser

ON = "2025-06-01"


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if exe is None:
        if os.environ.get("CAREACT_REQUIRE_BROWSER") == "1":
            pytest.fail("the widget test needs Chromium and CAREACT_REQUIRE_BROWSER=1: apt-get install -y chromium",
                        pytrace=False)
        pytest.skip("Chromium is not installed (apt-get install -y chromium); the widget's browser tests need it")
    return exe


@pytest.fixture(scope="module")
def server():
    pytest.importorskip("uvicorn")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "careact", "serve", "--port", str(port), "--log-level", "warning"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1) as r:
                if r.status == 200:
                    break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"careact serve did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def page(chromium: str, server: str):
    b = Browser(chromium)
    try:
        b.navigate(server + "/widget/")
        b.wait_for("document.getElementById('careact-widget').getAttribute('data-ready') === 'charging'")
        b.wait_for("document.querySelectorAll('#elig-questions fieldset').length > 3")
        yield b
    finally:
        b.close()


def _enter_date(page: Browser, question: str, iso: str) -> None:
    """Answer a date question as a person does: type the day, the month and the year into their fields."""
    year, month, day = iso.split("-")
    for part, text in (("day", str(int(day))), ("month", str(int(month))), ("year", year)):
        page.type(f"#q-{question}-{part}", text)


def _reload(page: Browser, server: str) -> None:
    page.navigate(server + "/widget/")
    page.wait_for("document.getElementById('careact-widget').getAttribute('data-ready') === 'charging'")


def _submit_from_keyboard(page: Browser) -> dict:
    page.focus("#charge-submit")
    page.press("Enter", "Enter", 13, "\r")
    page.wait_for("['done','error'].includes(document.getElementById('charge-result').getAttribute('data-state'))")
    return page.js("""(function(){
      var r = document.getElementById('charge-result');
      function amounts(sel){ return Array.prototype.map.call(document.querySelectorAll(sel + ' td[data-amount]'), function(n){return n.getAttribute('data-amount');}); }
      return {
        state: r.getAttribute('data-state'),
        errors: document.getElementById('charge-errors').innerText,
        weekly: document.getElementById('result-weekly-charge') && document.getElementById('result-weekly-charge').getAttribute('data-amount'),
        weeklyText: document.getElementById('result-weekly-charge') && document.getElementById('result-weekly-charge').innerText,
        council: document.getElementById('result-council') && document.getElementById('result-council').getAttribute('data-amount'),
        figures: document.getElementById('result-figures') && document.getElementById('result-figures').innerText,
        income: amounts('#result-income'),
        allowances: amounts('#result-allowances'),
        capital: amounts('#result-capital'),
        links: r.querySelectorAll('a').length,
        live: r.getAttribute('aria-live'),
        focused: document.activeElement && document.activeElement.id
      };
    })()""")


def _expect_same(shown: dict, result) -> None:
    assert shown["state"] == "done", shown["errors"]
    assert shown["weekly"] == f"{result.weekly_charge:.2f}"
    assert shown["weeklyText"].startswith(f"£{result.weekly_charge:,.2f}")
    assert shown["council"] == f"{result.council_weekly_contribution:.2f}"
    # the figures' status in words, as the result gives it (none is shown when every figure is verified)
    assert shown["figures"] == (result.figures.notice if result.figures.status != "verified" else None)
    expected_income = [x for line in result.income for x in (f"{line.weekly:.2f}", f"{line.counted:.2f}")]
    expected_income += [f"{result.tariff_income:.2f}", f"{result.assessed_income:.2f}"]
    assert shown["income"] == expected_income
    expected_allow = [f"{a.weekly:.2f}" for a in result.allowances]
    expected_allow += [f"{result.total_allowances:.2f}", f"{result.available_income:.2f}", f"{result.weekly_charge:.2f}"]
    assert shown["allowances"] == expected_allow
    expected_cap = [x for c in result.capital for x in (f"{c.value:.2f}", f"{c.counted:.2f}")]
    if result.capital:
        expected_cap.append(f"{result.assessed_capital:.2f}")
    assert shown["capital"] == expected_cap
    assert shown["links"] == 0, "the printable summary must be link-free"
    assert shown["live"] == "polite"
    assert shown["focused"] == "result-heading", "focus moves to the result"


def test_single_homeowner_entering_residential_care(page: Browser, server: str) -> None:
    _reload(page, server)
    _enter_date(page, "date_of_birth", "1940-03-02")
    page.check("#q-has_partner-1")  # No
    page.check("#q-setting-1")  # moving into a care home permanently
    page.type("#q-weekly_cost", "950.00")
    _enter_date(page, "start_date", "2025-04-14")
    page.type("#q-inc_state_pension-amount", "221.20")
    page.type("#q-inc_pension-amount", "1,250.00")  # monthly by default; a thousands separator is fine
    page.type("#q-inc_attendance-amount", "110.40")
    page.js("document.getElementById('q-inc_attendance-type').value='attendance_allowance_higher'")
    page.type("#q-cap_savings", "12500")
    page.check("#q-owns_home-0")  # Yes
    page.type("#q-home_value", "240000")
    _enter_date(page, "on", ON)
    shown = _submit_from_keyboard(page)
    case = {
        "person": {"date_of_birth": "1940-03-02"},
        "care": {"setting": "permanent_residential", "weekly_cost": "950.00", "start_date": "2025-04-14"},
        "income": [
            {"type": "state_pension", "amount": "221.20", "frequency": "weekly"},
            {"type": "occupational_pension", "amount": "1250.00", "frequency": "monthly"},
            {"type": "attendance_allowance_higher", "amount": "110.40", "frequency": "weekly"},
        ],
        "capital": [{"type": "savings_account", "value": "12500"}],
        "home": {"value": "240000"},
    }
    result = assess(case, on=date.fromisoformat(ON))
    assert Decimal(0) < result.weekly_charge < Decimal("950.00")  # the 12-week property disregard applies
    _expect_same(shown, result)


def test_couple_with_care_at_home(page: Browser, server: str) -> None:
    _reload(page, server)
    _enter_date(page, "date_of_birth", "1948-11-20")
    page.check("#q-has_partner-0")  # Yes
    _enter_date(page, "partner_date_of_birth", "1950-02-14")
    page.check("#q-setting-0")  # at home
    page.type("#q-weekly_cost", "320.50")
    page.type("#q-inc_state_pension-amount", "230.25")
    page.type("#q-inc_pension-amount", "600")
    page.js("document.getElementById('q-inc_pension-frequency').value='monthly'")
    page.type("#q-inc_partner_state_pension-amount", "176.45")
    page.type("#q-cap_joint_savings", "36000")
    _enter_date(page, "on", ON)
    hidden = page.js("document.querySelector('[data-question=\"home_value\"]').hidden")
    assert hidden, "questions about the home are only asked for care-home placements"
    shown = _submit_from_keyboard(page)
    case = {
        "person": {"date_of_birth": "1948-11-20"},
        "partner": {"date_of_birth": "1950-02-14", "lives_in_the_home": True},
        "care": {"setting": "non_residential", "weekly_cost": "320.50"},
        "income": [
            {"type": "state_pension", "amount": "230.25", "frequency": "weekly"},
            {"type": "occupational_pension", "amount": "600", "frequency": "monthly"},
            {"type": "state_pension", "amount": "176.45", "frequency": "weekly", "owner": "partner"},
        ],
        "capital": [{"type": "savings_account", "value": "36000", "owner": "joint_with_partner"}],
    }
    result = assess(case, on=date.fromisoformat(ON))
    assert result.assessed_capital == Decimal("18000.00")  # half of the joint savings
    _expect_same(shown, result)


def test_couple_entering_residential_care_partner_stays_at_home(page: Browser, server: str) -> None:
    """A couple: one moves into a care home permanently; the partner stays in the jointly owned home,
    so the home is disregarded (SI 2014/2672 Sch 2 para 4) and only half the joint savings count."""
    _reload(page, server)
    _enter_date(page, "date_of_birth", "1939-06-05")
    page.check("#q-has_partner-0")  # Yes
    _enter_date(page, "partner_date_of_birth", "1942-01-30")
    page.check("#q-setting-1")  # moving into a care home permanently
    page.type("#q-weekly_cost", "1,020.00")
    _enter_date(page, "start_date", "2025-01-06")
    page.type("#q-inc_state_pension-amount", "221.20")
    page.type("#q-inc_partner_state_pension-amount", "176.45")
    page.type("#q-cap_joint_savings", "40000")
    page.check("#q-owns_home-0")  # Yes
    page.type("#q-home_value", "310000")
    page.check("#q-home_owner-1")  # jointly with my partner
    _enter_date(page, "on", ON)
    shown = _submit_from_keyboard(page)
    case = {
        "person": {"date_of_birth": "1939-06-05"},
        "partner": {"date_of_birth": "1942-01-30", "lives_in_the_home": True},
        "care": {"setting": "permanent_residential", "weekly_cost": "1020.00", "start_date": "2025-01-06"},
        "income": [
            {"type": "state_pension", "amount": "221.20", "frequency": "weekly"},
            {"type": "state_pension", "amount": "176.45", "frequency": "weekly", "owner": "partner"},
        ],
        "capital": [{"type": "savings_account", "value": "40000", "owner": "joint_with_partner"}],
        "home": {"value": "310000", "owner": "joint_with_partner"},
    }
    result = assess(case, on=date.fromisoformat(ON))
    assert result.assessed_capital == Decimal("20000.00")  # the home disregarded, half the joint savings
    assert result.tariff_income == Decimal("23.00")  # (20,000 - 14,250) / 250 = 23
    _expect_same(shown, result)


def test_bad_answers_are_named_next_to_the_question(page: Browser, server: str) -> None:
    _reload(page, server)
    page.check("#q-setting-0")
    page.type("#q-weekly_cost", "12.345")
    shown = _submit_from_keyboard(page)
    assert shown["state"] == "error"
    errors = page.js("""({
        summary: document.getElementById('charge-errors').innerText,
        focused: document.activeElement.id,
        dobInvalid: document.getElementById('q-date_of_birth-day').getAttribute('aria-invalid'),
        costError: document.getElementById('q-weekly_cost-error').innerText
    })""")
    assert "Your date of birth" in errors["summary"] and errors["focused"] == "charge-errors"
    assert errors["dobInvalid"] == "true" and "decimal places" in errors["costError"]


def test_keyboard_focus_is_visible_and_tabs_use_arrow_keys(page: Browser, server: str) -> None:
    _reload(page, server)
    page.focus("#tab-charge")
    style = page.js("(function(){var s=getComputedStyle(document.activeElement);return [s.outlineStyle,s.outlineWidth,s.outlineColor];})()")
    assert style[0] == "solid" and style[1] == "3px" and style[2] == "rgb(255, 221, 0)"
    page.press("ArrowRight", "ArrowRight", 39)
    state = page.js("({focused: document.activeElement.id, selected: document.getElementById('tab-elig').getAttribute('aria-selected'),"
                    " hidden: document.getElementById('panel-charge').hidden})")
    assert state == {"focused": "tab-elig", "selected": "true", "hidden": True}
    labels = page.js("Array.prototype.every.call(document.querySelectorAll('#charge-questions input[type=text], #charge-questions input[type=date]'),"
                     " function(n){return n.labels.length > 0 || n.getAttribute('aria-label') || n.getAttribute('aria-labelledby');})")
    assert labels, "every field has a label"


def test_eligibility_checker_tab(page: Browser, server: str) -> None:
    _reload(page, server)
    page.js("document.getElementById('tab-elig').click()")
    page.wait_for("document.querySelectorAll('#elig-questions fieldset').length > 3")
    ids = page.js("Array.prototype.map.call(document.querySelectorAll('#elig-questions fieldset'), function(f){return f.getAttribute('data-elig');})")
    assert ids[0] == "impairment" and "nutrition" in ids

    def option(qid: str, answer: str) -> str:
        idx = page.js(f"Array.prototype.findIndex.call(document.querySelectorAll('input[name=\"e-{qid}\"]'), function(n){{return n.value==='{answer}';}})")
        assert idx >= 0, (qid, answer)
        return f"#e-{qid}-{idx}"

    answers = {"impairment": "yes", "nutrition": "need_help", "personal_hygiene": "pain_distress",
               "wellbeing": "yes"}
    for qid, a in answers.items():
        page.check(option(qid, a))
    assert not page.js("document.getElementById('e-wellbeing_areas').hidden")
    page.check(option("wellbeing_areas", "health"))
    page.focus("#elig-submit")
    page.press("Enter", "Enter", 13, "\r")
    page.wait_for("document.getElementById('elig-result').getAttribute('data-state') === 'done'")
    shown = page.js("({answer: document.getElementById('elig-answer').getAttribute('data-answer'),"
                    " text: document.getElementById('elig-result').innerText,"
                    " live: document.getElementById('elig-result').getAttribute('aria-live')})")
    expected, text = check("adult", {**answers, "wellbeing_areas": ["health"]}, on=date.today())
    assert shown["answer"] == expected == "likely"
    assert text in shown["text"] and shown["live"] == "polite"


def test_standalone_page_on_another_origin(chromium: str) -> None:
    """The widget's files served from a plain static server, pointed at the API with ?api=; CORS allows it."""
    import http.server
    import threading
    from functools import partial

    from careact.server.app import WIDGET_DIR

    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(WIDGET_DIR))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    static = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=static.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{static.server_address[1]}"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    api = subprocess.Popen([sys.executable, "-m", "careact", "serve", "--port", str(port), "--no-widget",
                            "--cors-origin", origin, "--log-level", "warning"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    b = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).close()
                break
            except OSError:
                if api.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"careact serve did not start: {api.stderr.read().decode()[-2000:]}")
                time.sleep(0.1)
        b = Browser(chromium)
        b.navigate(f"{origin}/index.html?api=http://127.0.0.1:{port}")
        b.wait_for("document.getElementById('careact-widget').getAttribute('data-ready') === 'charging'")
        _enter_date(b, "date_of_birth", "1950-05-05")
        b.check("#q-setting-2")  # a temporary stay
        b.type("#q-weekly_cost", "700")
        b.type("#q-inc_state_pension-amount", "221.20")
        _enter_date(b, "on", ON)
        shown = _submit_from_keyboard(b)
        result = assess({"person": {"date_of_birth": "1950-05-05"},
                         "care": {"setting": "temporary_residential", "weekly_cost": "700"},
                         "income": [{"type": "state_pension", "amount": "221.20"}]}, on=date.fromisoformat(ON))
        _expect_same(shown, result)
    finally:
        if b is not None:
            b.close()
        api.terminate()
        api.wait(timeout=10)
        static.shutdown()


def test_date_questions_are_day_month_year_fields(page: Browser, server: str) -> None:
    """GOV.UK's date pattern: three labelled fields in day, month, year order, never the browser's own picker
    (which headless Chromium shows as mm/dd/yyyy whatever the page's language)."""
    _reload(page, server)
    shape = page.js("""(function(){
      var fs = document.getElementById('q-date_of_birth');
      return {
        tag: fs.tagName, legend: fs.querySelector('legend').innerText,
        labels: Array.prototype.map.call(fs.querySelectorAll('label'), function(l){ return l.innerText; }),
        ids: Array.prototype.map.call(fs.querySelectorAll('input'), function(i){ return i.id; }),
        numeric: Array.prototype.every.call(fs.querySelectorAll('input'), function(i){ return i.getAttribute('inputmode') === 'numeric'; }),
        nativeDates: document.querySelectorAll('input[type=date]').length,
        lang: document.documentElement.lang
      };
    })()""")
    assert shape["tag"] == "FIELDSET" and shape["legend"] == "Your date of birth"
    assert shape["labels"] == ["Day", "Month", "Year"]
    assert shape["ids"] == ["q-date_of_birth-day", "q-date_of_birth-month", "q-date_of_birth-year"]
    assert shape["numeric"] and shape["nativeDates"] == 0
    today = date.today()
    shown = page.js("['day','month','year'].map(function(p){ return document.getElementById('q-on-' + p).value; })")
    assert shown == [str(today.day), str(today.month), str(today.year)]
