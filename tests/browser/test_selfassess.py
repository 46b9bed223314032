"""The online self-assessment in real headless Chromium, against `careact serve --selfassess`, driven from the
keyboard alone (Tab to reach each control, typing, Space and arrow keys for choices, Enter to submit).

* A care-home resident and a care-at-home couple each answer part of the journey, save, come back on a
  "new device" with the resume code and their date of birth, finish, see the estimate and send it.
* Staff sign in with an API key, find the referral, re-run it on another date, export the case, and mark it
  processed; the exported case assessed by `careact assess` gives the charge the resident was shown.
* axe-core checks every page visited (WCAG 2.0-2.2 A and AA, and best practice): no violations.

Needs Debian's chromium and axe-core from the npm registry (`npm install --prefix tests/browser`); .ci/run
installs both. Without them the tests skip and say why, unless CAREACT_REQUIRE_BROWSER=1 (set by .ci/run).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from .cdp import Browser, CDPError, find_chromium

pytestmark = pytest.mark.browser
pytest.importorskip("sqlalchemy")

from selfassess.cases import CONTACT, COUNCIL_TOML, Step, care_home_single, home_couple

AXE = Path(__file__).with_name("node_modules") / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
MOUNT = "/self-assessment"


def _missing(what: str) -> None:
    if os.environ.get("CAREACT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} (CAREACT_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(f"{what}; CAREACT_REQUIRE_BROWSER=1 makes this a failure")


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = find_chromium()
    if exe is None:
        _missing("the self-assessment browser tests need Chromium: apt-get install -y chromium")
    assert exe is not None
    return exe


@pytest.fixture(scope="module")
def axe_source() -> str:
    path = Path(os.environ.get("CAREACT_AXE_JS", str(AXE)))
    if not path.is_file():
        _missing(f"the accessibility checks need axe-core at {path}: npm install --prefix tests/browser")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    pytest.importorskip("uvicorn")
    home = tmp_path_factory.mktemp("council")
    config = home / "council.toml"
    config.write_text(COUNCIL_TOML.format(db=f"sqlite:///{home / 'selfassess.sqlite3'}"), encoding="utf-8")
    key = subprocess.run([sys.executable, "-m", "careact", "selfassess", "create-key", "--config", str(config),
                          "--name", "browser test"], capture_output=True, text=True, check=True).stdout.strip()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "careact", "serve", "--port", str(port), "--log-level", "warning",
                             "--selfassess", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
                assert proc.stderr is not None
                pytest.fail(f"careact serve --selfassess did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.1)
    yield {"base": base, "key": key, "config": config}
    proc.terminate()
    proc.wait(timeout=10)


class Driver:
    """One browser tab, operated from the keyboard, with axe run on every page it reaches."""

    def __init__(self, browser: Browser, base: str, axe: str, audits: dict[str, list[dict[str, Any]]]) -> None:
        self.b = browser
        self.base = base
        self.axe = axe
        self.audits = audits

    # -------------------------------------------------------------- pages

    def path(self) -> str:
        return str(self.b.js("location.pathname + location.search"))

    def _mark(self) -> None:
        self.b.js("window.__careactOld = true")

    def _loaded(self) -> None:
        self.b.wait_for("document.readyState === 'complete' && !window.__careactOld && !!document.body")

    def go(self, path: str) -> None:
        self._mark()
        self.b.navigate(self.base + path)
        self._loaded()
        self.audit()

    def enter(self, selector: str) -> None:
        """Reach ``selector`` with Tab and press Enter on it; wait for the next page and check it."""
        self.tab_to(selector)
        self._mark()
        self.b.press("Enter", "Enter", 13, "\r")
        self._loaded()
        self.audit()

    def audit(self) -> None:
        """Run axe-core on the page as it stands; record any violations under its path."""
        label = f"{self.b.js('document.documentElement.lang')} {self.path()} {self.b.js('document.title')}"
        if not self.b.js("typeof window.axe === 'object'"):
            self.b.js(self.axe + ";true")
        options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        result = self.b.js(f"axe.run(document, {options})"
                           ".then(function(r){return r.violations.map(function(v){return {id: v.id, impact: v.impact,"
                           " help: v.help, nodes: v.nodes.map(function(n){return n.target.join(' ')})};});})")
        self.audits[label] = result
        assert not result, f"axe-core found problems on {label}: {json.dumps(result, indent=1)}"

    # -------------------------------------------------------------- the keyboard

    def tab_to(self, selector: str, limit: int = 250) -> None:
        """Press Tab until ``selector`` has focus (radios: any radio of its group), and check focus is visible."""
        sel = json.dumps(selector)
        for _ in range(limit):
            if self.b.js(f"!!document.activeElement && document.activeElement.matches({sel})"):
                visible = self.b.js("""(function(){var s=getComputedStyle(document.activeElement);
                  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
                    || s.backgroundColor === 'rgb(255, 221, 0)';})()""")
                assert visible, f"{selector} has focus but no visible focus indicator on {self.path()}"
                return
            self.b.press("Tab", "Tab", 9)
        raise CDPError(f"Tab never reached {selector} on {self.path()}")

    def type(self, selector: str, text: str) -> None:
        """Reach a field with Tab, select what is in it with Ctrl+A, and type over it."""
        self.tab_to(selector)
        key = {"key": "a", "code": "KeyA", "windowsVirtualKeyCode": 65, "modifiers": 2}
        self.b.send("Input.dispatchKeyEvent", {"type": "keyDown", **key, "commands": ["selectAll"]}, session=True)
        self.b.send("Input.dispatchKeyEvent", {"type": "keyUp", **key}, session=True)
        self.b.send("Input.insertText", {"text": text}, session=True)
        assert self.b.js("document.activeElement.value") == text

    def choose(self, name: str, value: str) -> None:
        """Choose a radio button: Tab into the group, then arrow keys to the option (Space for the first)."""
        self.tab_to(f"input[type=radio][name={json.dumps(name)}]")
        target = f"input[type=radio][name={json.dumps(name)}][value={json.dumps(value)}]"
        for _ in range(40):
            if self.b.js(f"document.activeElement.matches({json.dumps(target)})"):
                if not self.b.js("document.activeElement.checked"):
                    self.b.press(" ", "Space", 32, " ")
                assert self.b.js(f"document.querySelector({json.dumps(target)}).checked")
                return
            self.b.press("ArrowDown", "ArrowDown", 40)
        raise CDPError(f"arrow keys never reached {target}")

    def tick(self, selector: str) -> None:
        self.tab_to(selector)
        self.b.press(" ", "Space", 32, " ")
        assert self.b.js(f"document.querySelector({json.dumps(selector)}).checked")

    def fill(self, fields: dict[str, str]) -> None:
        for name, value in fields.items():
            if self.b.js(f"!!document.querySelector('input[type=radio][name={name}]')"):
                self.choose(name, value)
            elif self.b.js(f"!!document.querySelector('input[type=checkbox][name={name}]')"):
                self.tick(f"#{name}")
            else:
                self.type(f"#{name}", value)

    def answer(self, step: Step) -> None:
        slug = self.path().split("?")[0].rsplit("/", 1)[-1]
        assert slug == step.slug, f"expected the {step.slug} page, on {self.path()}"
        self.fill(step.fields)
        self.enter("#continue")
        errors = self.b.js("Array.prototype.map.call(document.querySelectorAll('.error-summary a'),"
                           " function(a){return a.textContent;})")
        assert not errors, (step.slug, errors)

    def text(self, selector: str) -> str:
        return str(self.b.js(f"document.querySelector({json.dumps(selector)}).textContent.trim()"))

    def attr(self, selector: str, name: str) -> str:
        return str(self.b.js(f"document.querySelector({json.dumps(selector)}).getAttribute({json.dumps(name)})"))

    def new_device(self) -> None:
        """Forget every cookie, as if the resident came back on another computer."""
        self.b.send("Network.clearBrowserCookies", session=True)


@pytest.fixture(scope="module")
def audits() -> Iterator[dict[str, list[dict[str, Any]]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    yield found


@pytest.fixture
def driver(chromium: str, axe_source: str, service: dict[str, Any], audits: dict[str, Any]) -> Iterator[Driver]:
    b = Browser(chromium)
    try:
        yield Driver(b, service["base"], axe_source, audits)
    finally:
        b.close()


def _resident_journey(d: Driver, steps: list[Step], save_after: str, dob: tuple[str, str, str]) -> dict[str, Any]:
    """Start, answer up to ``save_after``, save, resume on a new device, finish, see the estimate, and send it."""
    d.go(MOUNT + "/")
    d.enter("#continue")  # Start now
    i = 0
    while True:
        d.answer(steps[i])
        i += 1
        if steps[i - 1].slug == save_after:
            break
    d.enter("#save-link")
    d.enter("#continue")  # Get a resume code
    code = d.text("#resume-code")
    d.new_device()
    d.go(MOUNT + "/")
    d.enter("#resume-link")
    d.type("#code", code)  # a wrong date of birth first: refused, with the error summary
    d.fill({"dob-day": "1", "dob-month": "1", "dob-year": "1930"})
    d.enter("#continue")
    assert d.b.js("!!document.querySelector('.error-summary')") and "/resume" in d.path()
    d.type("#code", code)
    d.fill({"dob-day": dob[0], "dob-month": dob[1], "dob-year": dob[2]})
    d.enter("#continue")
    for step in steps[i:]:
        d.answer(step)
    assert d.path() == MOUNT + "/check-answers"
    d.enter("#continue")  # See your estimate
    assert d.path() == MOUNT + "/estimate"
    shown: dict[str, Any] = {"weekly": d.attr("#weekly-charge", "data-amount"), "on": d.attr("#estimate-date", "data-date"),
             "council": d.attr("#estimate-council", "data-amount"), "figures": d.attr("#figures-status", "data-level"),
             "evidence": d.b.js("document.querySelectorAll('#evidence-list li').length")}
    d.enter("#continue")  # Continue to send
    d.fill(CONTACT)
    d.enter("#continue")
    assert d.path() == MOUNT + "/q/declaration"
    d.enter("#continue")  # without confirming: an error
    assert d.b.js("!!document.querySelector('.error-summary')")
    d.tick("#confirm")
    d.enter("#continue")
    assert d.path() == MOUNT + "/sent"
    shown["reference"] = d.text("#referral-reference")
    return shown


def _staff(d: Driver, service: dict[str, Any], reference: str, rerun_on: date, downloads: Path) -> dict[str, str]:
    d.new_device()
    d.go(MOUNT + "/staff/")
    assert d.path() == MOUNT + "/staff/login"
    d.type("#api_key", service["key"])
    d.enter("#continue")
    assert d.path().startswith(MOUNT + "/staff/")
    d.type("#reference", reference)
    d.enter("form.search-form button")
    assert d.path() == f"{MOUNT}/staff/referrals/{reference}"
    d.fill({"on-day": str(rerun_on.day), "on-month": str(rerun_on.month), "on-year": str(rerun_on.year)})
    d.enter("#rerun-heading ~ form button")
    assert d.b.js("!!document.querySelector('#rerun-charge')"), d.b.js("document.querySelector('main').innerText")[:1500]
    rerun = d.attr("#rerun-charge", "data-amount")
    d.b.send("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    d.tab_to("#export-link")
    d.b.press("Enter", "Enter", 13, "\r")
    target = downloads / f"{reference}.case.json"
    deadline = time.monotonic() + 20
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.exists(), f"the export did not arrive: {list(downloads.iterdir())}"
    d.enter("#mark-processed")
    assert d.text("#referral-status") == "processed"
    return {"rerun": rerun, "export": str(target)}


def _careact_assess(case_file: str, on: str, *overlays: str) -> dict[str, Any]:
    args = [sys.executable, "-m", "careact", "assess", case_file, "--date", on, "--format", "json"]
    for o in overlays:
        args += ["--overlay", o]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.mark.parametrize(("journey", "save_after", "dob", "rerun_weeks"), [
    # re-run after the 12-week property disregard has ended
    (care_home_single, "care-start-date", ("2", "3", "1940"), 8),
    # re-run in 2024-25, under the council's own figures for that year
    (home_couple, "income-list", ("20", "11", "1948"), None),
], ids=["care_home_single", "home_couple"])
def test_resident_and_staff_from_the_keyboard(driver: Driver, service: dict[str, Any], journey: Any, save_after: str,
                                               dob: tuple[str, str, str], rerun_weeks: int | None) -> None:
    today = date.today()
    steps, expected = journey(today)
    shown = _resident_journey(driver, steps, save_after, dob)
    assert shown["on"] == today.isoformat()
    assert shown["figures"] in ("verified", "secondary", "unverified") and shown["evidence"] >= 3
    library = _careact_assess_dict(expected, shown["on"])
    assert shown["weekly"] == library["weekly_charge"]
    assert shown["council"] == library["council_weekly_contribution"]

    rerun_on = today + timedelta(weeks=rerun_weeks) if rerun_weeks else date(2024, 6, 1)
    with tempfile.TemporaryDirectory() as downloads:
        staff = _staff(driver, service, shown["reference"], rerun_on, Path(downloads))
        exported = json.loads(Path(staff["export"]).read_text(encoding="utf-8"))
        assert exported["reference"] == shown["reference"]
        again = _careact_assess(staff["export"], shown["on"], "council/reading")
    assert again["weekly_charge"] == shown["weekly"], "careact assess on the export gives the charge shown"
    earlier = _careact_assess_dict(expected, rerun_on.isoformat())
    assert staff["rerun"] == earlier["weekly_charge"]


def _careact_assess_dict(case: dict[str, Any], on: str) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(case, fh)
    try:
        return _careact_assess(fh.name, on, "council/reading")
    finally:
        os.unlink(fh.name)


def test_other_pages_and_welsh(driver: Driver) -> None:
    """The pages around the journey, error states, and the journey's first pages in Welsh."""
    d = driver
    for path in ("/privacy", "/accessibility", "/no-such-page", "/resume", "/staff/login"):
        d.go(MOUNT + path)
    d.go(MOUNT + "/")
    d.enter("a[hreflang=cy]")
    assert d.b.js("document.documentElement.lang") == "cy"
    assert d.text("h1") == "Cyfrifo beth efallai y byddwch yn ei dalu am ofal"
    d.enter("#continue")
    d.enter("#continue")  # nothing entered: the Welsh error summary
    assert d.text(".error-summary-title") == "Mae problem wedi codi"
    d.fill({"dob-day": "2", "dob-month": "3", "dob-year": "1940"})
    d.enter("#continue")
    d.enter("#continue")
    assert d.b.js("!!document.querySelector('.error-summary')")
    d.enter("a[hreflang=en]")
    assert d.b.js("document.documentElement.lang") == "en"


def test_skip_link_is_the_first_stop(driver: Driver) -> None:
    d = driver
    d.go(MOUNT + "/")
    d.b.press("Tab", "Tab", 9)
    assert d.b.js("document.activeElement.classList.contains('skip-link')")
    assert d.b.js("document.activeElement.getBoundingClientRect().left >= 0"), "the skip link shows when focused"
    d.b.press("Enter", "Enter", 13, "\r")
    assert d.b.js("location.hash") == "#main-content"


def test_no_accessibility_violations(audits: dict[str, list[dict[str, Any]]]) -> None:
    """Runs last in this module: every page the tests above reached, checked by axe-core."""
    if not audits:
        pytest.skip("no page was checked (the browser tests did not run)")
    pages = len(audits)
    bad = {page: v for page, v in audits.items() if v}
    assert bad == {}, json.dumps(bad, indent=1)
    assert pages >= 30, f"only {pages} pages were checked"
    print(f"axe-core: {pages} pages, 0 violations")
