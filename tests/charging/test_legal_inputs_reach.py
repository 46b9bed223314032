"""The new inputs reach careact through every door: the library, the command line (``careact assess`` and
``careact timeline`` read the case JSON) and the HTTP API (``POST /v1/charging/assess``). Bad input is a typed
error naming the field: a relative's end date before admission, a top-up with no payer, a DRE decision with no
reason.
"""

from __future__ import annotations

import json

import pytest

from careact.charging.models import ChargingCase
from careact.cli import main

CASE = {
    "person": {"date_of_birth": "1955-01-01"},
    "care": {"setting": "permanent_residential", "weekly_cost": "1100.00", "start_date": "2025-04-07", "home_type": "nursing"},
    "income": [{"type": "state_pension", "amount": "230.25"}, {"type": "attendance_allowance_higher", "amount": "110.40"}],
    "home": {"value": "200000.00", "occupants": [{"relationship": "partner", "date_of_birth": "1950-01-01",
                                                  "occupation_ended_on": "2025-09-10", "occupation_ended_because": "died"}]},
    "nhs_funding": {"type": "fnc", "starts_on": "2025-04-07"},
    "top_up": {"weekly": "50.00", "payer": {"kind": "third_party", "name": "Sam"}, "agreement_signed_on": "2025-04-01"},
}
BAD = {
    ("home", "occupants", 0, "occupation_ended_on"): ("2025-03-01", "home.occupants[0].occupation_ended_on"),
    ("top_up", "payer"): (None, "top_up.payer"),
}


def _bad(path: tuple, value):
    case = json.loads(json.dumps(CASE))
    node = case
    for k in path[:-1]:
        node = node[k]
    if value is None:
        node.pop(path[-1])
    else:
        node[path[-1]] = value
    return case


def test_the_case_schema_describes_the_new_inputs():
    schema = json.dumps(ChargingCase.model_json_schema(by_alias=True))
    for name in ("occupation_ended_on", "previous_permanent_periods", "planned_end_date", "short_stays_in_year",
                 "residence_history", "nhs_funding", "light_touch", "notional_income", "top_up", "mig_override",
                 "partner_at_home_allowance", "dre_officer_decision", "paid_to_spouse_weekly", "liable_share",
                 "entitlement_began_on", "council_funding_from"):
        assert name in schema, name


def test_the_cli_assesses_a_case_with_the_new_inputs(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    assert main(["assess", str(path), "--date", "2025-10-01", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["nhs_funded_nursing_care"] == "254.06"
    assert out["top_up_payer"] == "third_party"
    assert out["setting_applied"] == "permanent_resident"
    reasons = {line["type"]: line["reason"] for line in out["capital"]}
    assert reasons["main_home"] == "The home, for 12 weeks after a qualifying relative's occupation ends"


@pytest.mark.parametrize(("path", "value", "field"), [(p, v, f) for p, (v, f) in BAD.items()])
def test_the_cli_names_the_field_at_fault(tmp_path, capsys, path, value, field):
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(_bad(path, value)))
    assert main(["assess", str(f), "--date", "2025-10-01"]) == 2
    assert f"{field}:" in capsys.readouterr().err


def test_the_cli_timeline_generates_the_change_points(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    assert main(["timeline", str(path), "--from", "2025-04-07", "--to", "2026-01-31", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    kinds = {c["kind"] for p in out["periods"] for c in p["changes"]}
    assert {"care_home_benefit_stops", "qualifying_relative_occupation_ended", "relative_ceased_disregard_ends"} <= kinds


fastapi = pytest.importorskip("fastapi")


@pytest.fixture(scope="module")
def client():
    from fastapi.testclient import TestClient

    from careact.server import create_app

    return TestClient(create_app(), raise_server_exceptions=False)


def test_the_api_assesses_a_case_with_the_new_inputs(client):
    r = client.post("/v1/charging/assess", json={"case": CASE, "on": "2025-10-01", "explain": False})
    assert r.status_code == 200, r.text
    assert r.json()["nhs_funded_nursing_care"] == "254.06"


@pytest.mark.parametrize(("path", "value", "field"), [
    *[(p, v, f) for p, (v, f) in BAD.items()],
    (("dre_officer_decision",), {"weekly": "10.00", "decided_by": "A", "decided_on": "2025-05-01"}, "dre_officer_decision"),
])
def test_the_api_names_the_field_at_fault(client, path, value, field):
    case = _bad(path, value)
    if path == ("dre_officer_decision",):
        case["care"] = {"setting": "non_residential", "weekly_cost": "100.00"}
        case.pop("top_up")
        case.pop("nhs_funding")
        field = "dre_officer_decision.reason"
    r = client.post("/v1/charging/assess", json={"case": case, "on": "2025-10-01"})
    assert r.status_code == 422, r.text
    assert f"case.{field}" in [p["field"] for p in r.json()["problems"]]


