"""The HTTP API: every endpoint, the same JSON contract as the library, and every error path (never a 500)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from careact.charging import assess, example_case, example_names
from careact.charging.models import ChargingResult
from careact.server import create_app
from careact.server.errors import ErrorBody

ON = "2025-06-01"


def _problem_fields(resp) -> list[str]:
    body = resp.json()
    ErrorBody.model_validate(body)
    return [p["field"] for p in body["problems"]]


# ------------------------------------------------------------------------------------------ success paths


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json()["status"] == "ok"


@pytest.mark.parametrize("name", example_names())
def test_assess_equals_the_library(client: TestClient, name: str) -> None:
    case = example_case(name)
    r = client.post("/v1/charging/assess", json={"case": json.loads(case.model_dump_json(by_alias=True)), "on": ON})
    assert r.status_code == 200, r.text
    body = r.json()
    ChargingResult.model_validate(body)
    lib = assess(case, on=date(2025, 6, 1)).model_dump(mode="json", by_alias=True)
    assert body == lib
    assert body["explanation"]["schema"] == "careact.explain/1"


def test_assess_without_explanation_and_with_overlay(client: TestClient, case: dict) -> None:
    r = client.post("/v1/charging/assess", json={"case": case, "on": ON, "explain": False,
                                                 "overlays": ["reform/reform_2021"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["explanation"] is None
    assert [o["name"] for o in body["ruleset"]["overlays"]] == ["reform.reform_2021"]
    lib = assess(case, on=date(2025, 6, 1), overlay="reform/reform_2021", explain=False)
    assert body["weekly_charge"] == f"{lib.weekly_charge:.2f}"


def test_server_overlays_apply_to_every_request(case: dict) -> None:
    c = TestClient(create_app(overlays=["reform/reform_2021"]))
    body = c.post("/v1/charging/assess", json={"case": case, "on": ON, "explain": False}).json()
    assert body["ruleset"]["id"].endswith("+reform.reform_2021@1.0.0")
    listed = c.get("/v1/rulesets").json()
    assert [o["name"] for o in listed["server"]["overlays"]] == ["reform.reform_2021"]
    # naming the server's own overlay again does not stack it twice
    body2 = c.post("/v1/charging/assess", json={"case": case, "on": ON, "explain": False,
                                                "overlays": ["reform/reform_2021"]}).json()
    assert body2["ruleset"]["id"] == body["ruleset"]["id"]


def test_no_state_between_requests(client: TestClient, case: dict) -> None:
    first = client.post("/v1/charging/assess", json={"case": case, "on": ON}).json()
    client.post("/v1/charging/assess", json={"case": case, "on": ON, "overlays": ["reform/reform_2021"]})
    client.post("/v1/charging/assess", json={"case": {**case, "reference": "other"}, "on": "2024-06-01"})
    assert client.post("/v1/charging/assess", json={"case": case, "on": ON}).json() == first


def test_rulesets_and_parameters(client: TestClient) -> None:
    r = client.get("/v1/rulesets")
    assert r.status_code == 200
    body = r.json()
    assert [s["name"] for s in body["rulesets"]] == ["england"]
    assert "reform/reform_2021" in [o["name"] for o in body["overlays"]]
    r = client.get("/v1/rulesets/england/parameters", params={"date": "2025-06-01"})
    assert r.status_code == 200
    params = {p["name"]: p for p in r.json()["parameters"]}
    assert params["capital.upper_limit"]["value"] == "23250.00"
    assert params["capital.upper_limit"]["citation"]["text"]
    r = client.get("/v1/rulesets/england/parameters",
                   params=[("date", "2025-06-01"), ("overlay", "reform/reform_2021")])
    assert r.status_code == 200 and "reform.reform_2021" in r.json()["ruleset"]["id"]
    assert client.get("/v1/rulesets/england/parameters").status_code == 200  # today


@pytest.mark.parametrize("name", ["case", "result", "explanation", "assess-request", "eligibility",
                                  "eligibility-result", "error"])
def test_schemas(client: TestClient, name: str) -> None:
    r = client.get(f"/v1/schemas/{name}")
    assert r.status_code == 200
    schema = r.json()
    assert schema.get("type") == "object" or "oneOf" in schema or "anyOf" in schema or "$defs" in schema
    assert name in client.get("/v1/schemas").json()["schemas"]


def test_case_schema_is_the_library_schema(client: TestClient) -> None:
    from careact.charging.models import ChargingCase

    assert client.get("/v1/schemas/case").json() == ChargingCase.model_json_schema(by_alias=True)


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    paths = set(doc["paths"])
    assert {"/v1/charging/assess", "/v1/charging/timeline", "/v1/eligibility/determine", "/v1/eligibility/check",
            "/v1/eligibility/questionnaire/{kind}", "/v1/reform/compare", "/v1/rulesets",
            "/v1/rulesets/{name}/parameters", "/v1/schemas/{name}", "/healthz"} <= paths
    responses = doc["paths"]["/v1/charging/assess"]["post"]["responses"]
    assert {"200", "400", "413", "415", "422"} <= set(responses)


def test_cors_is_configurable(case: dict) -> None:
    closed = TestClient(create_app())
    r = closed.options("/v1/charging/assess", headers={"Origin": "https://council.example",
                                                       "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    open_ = TestClient(create_app(cors_origins=["https://council.example"]))
    r = open_.options("/v1/charging/assess", headers={"Origin": "https://council.example",
                                                      "Access-Control-Request-Method": "POST",
                                                      "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "https://council.example"
    r = open_.post("/v1/charging/assess", json={"case": case, "on": ON, "explain": False},
                   headers={"Origin": "https://council.example"})
    assert r.headers["access-control-allow-origin"] == "https://council.example"
    r = open_.post("/v1/charging/assess", content=b"{", headers={"Origin": "https://council.example",
                                                                 "content-type": "application/json"})
    assert r.status_code == 400 and r.headers["access-control-allow-origin"] == "https://council.example"
    r = open_.get("/healthz", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_widget_is_served(client: TestClient) -> None:
    r = client.get("/widget/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    for f in ("widget.js", "widget.css", "questions.json"):
        assert client.get(f"/widget/{f}").status_code == 200
    assert client.get("/", follow_redirects=False).headers["location"] == "/widget/"
    assert TestClient(create_app(widget=False)).get("/widget/").status_code == 404


# ------------------------------------------------------------------------------------------ error paths


def test_each_bad_field_is_named(client: TestClient, case: dict) -> None:
    bad = {**case, "person": {"date_of_birth": "1950-13-40"}, "care": {**case["care"], "weekly_cost": 12.5},
           "colour": "blue"}
    r = client.post("/v1/charging/assess", json={"case": bad, "on": ON})
    assert r.status_code == 422
    assert set(_problem_fields(r)) == {"case.person.date_of_birth", "case.care.weekly_cost", "case.colour"}
    codes = {p["field"]: p["code"] for p in r.json()["problems"]}
    assert codes["case.colour"] == "unknown_field"
    assert "float" in next(p["problem"] for p in r.json()["problems"] if p["field"] == "case.care.weekly_cost")


def test_consistency_errors_are_split_by_field(client: TestClient, case: dict) -> None:
    bad = {**case, "income": [{"type": "state_pension", "amount": "10", "owner": "partner"}],
           "lone_parent": True}
    r = client.post("/v1/charging/assess", json={"case": bad, "on": ON})
    assert r.status_code == 422
    assert {"case.income[0].owner", "case.lone_parent"} <= set(_problem_fields(r))


def test_library_errors_are_request_relative(client: TestClient, case: dict) -> None:
    bad = {**case, "income": [{"type": "no_such_income", "amount": "10"}]}
    r = client.post("/v1/charging/assess", json={"case": bad, "on": ON})
    assert r.status_code == 422 and _problem_fields(r) == ["case.income[0].type"]
    r = client.post("/v1/charging/assess", json={"case": case, "on": "1900-01-01"})
    assert r.status_code == 422 and _problem_fields(r)


@pytest.mark.parametrize("body, field", [
    ({}, "case"),
    ({"on": ON}, "case"),
    ("[]", "(body)"),
    ({"case": None, "on": ON}, "case"),
    ({"case": {}, "on": 20250601}, "on"),
    ({"case": {}, "on": "yesterday"}, "on"),
    ({"case": {}, "on": ON, "explain": "yes"}, "explain"),
    ({"case": {}, "on": ON, "overlays": "reform/reform_2021"}, "overlays"),
    ({"case": {}, "on": ON, "unknown": 1}, "unknown"),
])
def test_request_envelope_errors(client: TestClient, body, field: str) -> None:
    r = client.post("/v1/charging/assess", json=json.loads(body) if isinstance(body, str) else body)
    assert r.status_code == 422, r.text
    assert field in _problem_fields(r)


def test_unknown_overlay_and_path_overlays_are_refused(client: TestClient, case: dict) -> None:
    for name in ("reform/nope", "/etc/passwd", "../../rules/data/overlays/reform/reform_2021.toml"):
        r = client.post("/v1/charging/assess", json={"case": case, "on": ON, "overlays": ["reform/reform_2021", name]})
        assert r.status_code == 422 and _problem_fields(r) == ["overlays[1]"]


@pytest.mark.parametrize("raw, status, code, field", [
    (b"{", 400, "json", "(body)"),
    (b'{"case": NaN}', 400, "not_finite", "case"),
    (b'{"on": Infinity}', 400, "not_finite", "on"),
    (b'{"case": {"care": {"weekly_cost": 1e400}}}', 400, "not_finite", "case.care.weekly_cost"),
    (b"\xff\xfe", 400, "encoding", "(body)"),
    (b'{"case": 1' + b"0" * 5000 + b"}", 400, "too_long", "case"),
    (b"[" * 40 + b"]" * 40, 400, "too_deep", "(body)"),
    (b'{"a": "' + b"[" * 100 + b'"}', 422, None, None),  # brackets inside a string do not count
])
def test_bad_json(client: TestClient, raw: bytes, status: int, code: str | None, field: str | None) -> None:
    r = client.post("/v1/charging/assess", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text
    ErrorBody.model_validate(r.json())
    if code:
        assert r.json()["problems"][0]["code"] == code
        assert r.json()["problems"][0]["field"] == field


def test_size_limit() -> None:
    c = TestClient(create_app(max_body_bytes=1000, max_depth=5))
    r = c.post("/v1/charging/assess", content=b'{"x": "' + b"a" * 2000 + b'"}',
               headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "payload_too_large"

    def chunks():  # no Content-Length: the limit is enforced on the bytes received
        for _ in range(20):
            yield b" " * 100

    r = c.post("/v1/charging/assess", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    r = c.post("/v1/charging/assess", json={"a": [[[[[[1]]]]]]})
    assert r.status_code == 400 and r.json()["problems"][0]["code"] == "too_deep"
    r = c.post("/v1/charging/assess", content=b"{}", headers={"content-type": "application/json",
                                                              "content-length": "abc"})
    assert r.status_code == 400


def test_media_type(client: TestClient, case: dict) -> None:
    r = client.post("/v1/charging/assess", content=json.dumps({"case": case, "on": ON}),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_media_type"
    # no content type at all (curl -d without -H): read as JSON
    r = client.post("/v1/charging/assess", content=json.dumps({"case": case, "on": ON, "explain": False}))
    assert r.status_code == 200, r.text


def test_not_found_and_method(client: TestClient) -> None:
    r = client.get("/v1/nothing")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = client.get("/v1/charging/assess")
    assert r.status_code == 405 and r.json()["error"] == "method_not_allowed"
    r = client.get("/v1/schemas/nope")
    assert r.status_code == 404 and "case" in r.json()["problems"][0]["problem"]
    r = client.get("/v1/rulesets/wales/parameters")
    assert r.status_code == 404
    r = client.get("/v1/rulesets/england/parameters", params={"date": "2025-02-30"})
    assert r.status_code == 422 and _problem_fields(r) == ["date"]
    r = client.get("/v1/rulesets/england/parameters", params={"overlay": "../secret"})
    assert r.status_code == 422 and _problem_fields(r) == ["overlay[0]"]


def test_create_app_fails_fast_on_a_bad_overlay(tmp_path: Path) -> None:
    from careact.errors import UnknownRuleSet

    with pytest.raises(UnknownRuleSet):
        create_app(overlays=["council/nowhere"])
    with pytest.raises(ValueError):
        create_app(max_body_bytes=0)


# ------------------------------------------------------------------------------------------ eligibility, reform

ADULT = {
    "assessment": "adult",
    "needs_arise_from_impairment_or_illness": True,
    "outcomes": {
        "nutrition": {"unable_to_achieve": True, "senses": ["without_assistance"], "reason": "cannot cook safely"},
        "personal_hygiene": {"unable_to_achieve": True, "senses": ["pain_distress_anxiety"], "reason": "severe pain"},
    },
    "wellbeing_impact": {"significant": True, "areas": ["health"]},
}


def test_eligibility_determine_equals_the_library(client: TestClient) -> None:
    from careact.eligibility import determine

    r = client.post("/v1/eligibility/determine", json={"case": ADULT, "on": ON})
    assert r.status_code == 200, r.text
    lib = determine(ADULT, on=date(2025, 6, 1)).to_dict()
    assert r.json() == json.loads(json.dumps(lib))
    assert r.json()["result"]["determination"] == "eligible"
    r = client.post("/v1/eligibility/determine", json={"case": ADULT, "on": ON, "explain": False})
    assert "explanation" not in r.json()


@pytest.mark.parametrize("case, field", [
    ({**ADULT, "outcomes": {"flying": {}}}, "case.outcomes.flying"),
    ({**ADULT, "outcomes": {"nutrition": {"unable_to_achieve": True}}}, "case.outcomes.nutrition.reason"),
    ({**ADULT, "assessment": "robot"}, "case"),
    ({**ADULT, "carer_meeting_needs": "sometimes"}, "case.carer_meeting_needs"),
])
def test_eligibility_errors_name_the_field(client: TestClient, case: dict, field: str) -> None:
    r = client.post("/v1/eligibility/determine", json={"case": case, "on": ON})
    assert r.status_code == 422, r.text
    assert any(f == field or f.startswith(field) for f in _problem_fields(r)), r.json()


def test_eligibility_before_the_regulations(client: TestClient) -> None:
    r = client.post("/v1/eligibility/determine", json={"case": ADULT, "on": "2014-06-01"})
    assert r.status_code == 422 and _problem_fields(r) == ["on"]


def test_eligibility_questionnaire_and_checker(client: TestClient) -> None:
    from careact.eligibility.questionnaire import check, questionnaire

    for kind in ("adult", "carer"):
        r = client.get(f"/v1/eligibility/questionnaire/{kind}")
        assert r.status_code == 200 and r.json() == json.loads(json.dumps(questionnaire(kind)))
    assert client.get("/v1/eligibility/questionnaire/robot").status_code == 404
    answers = {"impairment": "yes", "nutrition": "need_help", "personal_hygiene": "pain_distress",
               "wellbeing": "yes", "wellbeing_areas": ["health"]}
    r = client.post("/v1/eligibility/check", json={"kind": "adult", "answers": answers})
    assert r.status_code == 200
    assert (r.json()["answer"], r.json()["text"]) == check("adult", answers, on=date.today())
    r = client.post("/v1/eligibility/check", json={"kind": "adult", "answers": {"impairment": "maybe"}})
    assert r.status_code == 422 and _problem_fields(r) == ["answers.impairment"]
    r = client.post("/v1/eligibility/check", json={"kind": "adult", "answers": {"flying": "yes"}})
    assert r.status_code == 422 and _problem_fields(r) == ["answers.flying"]
    r = client.post("/v1/eligibility/check", json={"kind": "martian", "answers": {}})
    assert r.status_code == 422 and _problem_fields(r) == ["kind"]


SPELL = {"id": "x", "date_of_birth": "1945-01-01", "care_start": "2026-10-01", "setting": "care_home",
         "la_weekly_rate": "900", "weekly_income": "250", "capital": "80000", "home_value": "200000"}


def test_reform_compare_equals_the_library(client: TestClient) -> None:
    from careact.reform import compare

    r = client.post("/v1/reform/compare", json={"spell": SPELL, "reform": "reform_2021", "years": 2})
    assert r.status_code == 200, r.text
    lib = compare(SPELL, on=date.fromisoformat(SPELL["care_start"]), reform="reform_2021", years=2, explain=False).as_dict()
    assert r.json() == json.loads(json.dumps(lib))
    r2 = client.post("/v1/reform/compare", json={"spell": SPELL, "reform": "reform/reform_2021", "years": 2})
    assert r2.json() == r.json()


@pytest.mark.parametrize("body, field", [
    ({"spell": {**SPELL, "setting": "castle"}, "reform": "reform_2021"}, "spell.setting"),
    ({"spell": {**SPELL, "capital": 1.5}, "reform": "reform_2021"}, "spell.capital"),
    ({"spell": SPELL, "reform": "../../etc/passwd"}, "reform"),
    ({"spell": SPELL, "reform": "reform_2021", "years": 400}, "years"),
    ({"spell": SPELL, "reform": "reform_2021", "overlays": ["council/none"]}, "overlays[0]"),
    ({"spell": [], "reform": "reform_2021"}, "spell"),
    ({"spell": {**SPELL, "weeks": 10**7}, "reform": "reform_2021"}, "spell.weeks"),
])
def test_reform_compare_errors(client: TestClient, body: dict, field: str) -> None:
    r = client.post("/v1/reform/compare", json=body)
    assert r.status_code == 422, r.text
    assert field in _problem_fields(r), r.json()


def test_serve_command_is_registered() -> None:
    from careact.cli import build_parser

    args = build_parser().parse_args(["serve", "--port", "9", "--overlay", "council/x", "--cors-origin", "*"])
    assert args.port == 9 and args.overlay == ["council/x"] and args.cors_origin == ["*"]


def test_widget_colours_meet_wcag_aa() -> None:
    """The text/background pairs the widget's stylesheet uses have at least 4.5:1 contrast (WCAG 2.2 AA)."""
    import re

    from careact.server.app import WIDGET_DIR

    def lum(hex_: str) -> float:
        rgb = [int(hex_[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def ratio(a: str, b: str) -> float:
        hi, lo = sorted((lum(a), lum(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    css = (WIDGET_DIR / "widget.css").read_text()
    pairs = [("#0b0c0c", "#ffffff"), ("#484949", "#ffffff"), ("#ffffff", "#00703c"), ("#ffffff", "#005a30"),
             ("#b10e1e", "#ffffff"), ("#0b0c0c", "#f3f2f1")]
    for fg, bg in pairs:
        assert fg in css and bg in css
        assert ratio(fg, bg) >= 4.5, (fg, bg, ratio(fg, bg))
    # the focus indicator: yellow against the page, and the dark ring against the yellow (non-text, 3:1)
    assert ratio("#ffdd00", "#0b0c0c") >= 3 and re.search(r"outline: 3px solid #ffdd00", css)


# ------------------------------------------------------------------------------------------ timeline


def test_timeline_equals_the_library(client: TestClient) -> None:
    from careact.charging.timeline import timeline

    case = example_case("residential_single").model_dump(mode="json", by_alias=True)
    tcase = {"case": case, "changes": [{"from": "2025-09-01", "set": {"care.weekly_cost": "1010.00"}}]}
    r = client.post("/v1/charging/timeline", json={"case": tcase, "start": "2025-01-06", "end": "2026-06-01"})
    assert r.status_code == 200, r.text
    lib = timeline(tcase, date(2025, 1, 6), date(2026, 6, 1), explain=False).to_dict(explain=False)
    assert r.json() == json.loads(json.dumps(lib))
    assert r.json()["schema"] == "careact.result.timeline/1"
    r = client.post("/v1/charging/timeline", json={"case": case, "start": "2025-01-06", "end": "2025-12-31",
                                                   "explain": True, "overlays": ["reform/reform_2021"]})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("body, field", [
    ({"start": "2026-01-06", "end": "2025-06-01"}, "end"),
    ({"start": "1900-01-01", "end": "2026-06-01"}, "start"),  # before careact's rules start
    ({"start": "2015-04-01", "end": "2099-12-31"}, "end"),  # longer than the API allows
    ({"start": "2025-01-06"}, "end"),
    ({"start": "2025-01-06", "end": "2025-06-01", "overlays": ["/etc/x"]}, "overlays[0]"),
])
def test_timeline_errors(client: TestClient, body: dict, field: str) -> None:
    case = example_case("residential_single").model_dump(mode="json", by_alias=True)
    r = client.post("/v1/charging/timeline", json={"case": case, **body})
    assert r.status_code == 422, r.text
    assert field in _problem_fields(r)


def test_timeline_case_errors_name_each_field(client: TestClient) -> None:
    case = example_case("residential_single").model_dump(mode="json", by_alias=True)
    r = client.post("/v1/charging/timeline", json={"case": {**case, "care": {}}, "start": "2025-01-06",
                                                   "end": "2025-06-01"})
    assert r.status_code == 422
    assert {"case.care.setting", "case.care.weekly_cost"} <= set(_problem_fields(r))
