"""Schema-driven fuzzing of the HTTP API: requests generated from /openapi.json, mutated valid requests and
arbitrary JSON. No response may be a 5xx, and every response must match its schema: a 200 the
library's result model, anything else careact's error body naming at least one field.

Bounded (a few hundred examples per endpoint, no deadline) so the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import os
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.charging import example_case, example_names
from careact.charging.catalogue import capital_types, income_types
from careact.charging.models import ChargingResult
from careact.server import create_app
from careact.server.errors import ErrorBody

from .schema_strategies import ANY_JSON, SchemaStrategies

APP = create_app(max_body_bytes=64 * 1024, max_depth=24)
CLIENT = TestClient(APP, raise_server_exceptions=False)
OPENAPI = CLIENT.get("/openapi.json").json()
# Deterministic in CI (the same examples every run, so a red build is reproducible); set
# CAREACT_FUZZ_RANDOM=1 (and CAREACT_FUZZ_EXAMPLES=N) to explore new inputs locally.
_RANDOM = os.environ.get("CAREACT_FUZZ_RANDOM") == "1"
FUZZ = settings(max_examples=int(os.environ.get("CAREACT_FUZZ_EXAMPLES", "150")), deadline=None, database=None,
                derandomize=not _RANDOM,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])

TYPE_IDS = st.sampled_from(sorted(set(income_types()) | {k for k in capital_types() if not k.startswith("main_home")}))
ON = st.dates(min_value=__import__("datetime").date(2015, 4, 1),
              max_value=__import__("datetime").date(2027, 3, 31)).map(lambda d: d.isoformat())


def _check(resp, ok_model=None) -> None:
    assert resp.status_code < 500, f"{resp.status_code}: {resp.text[:2000]}"
    if resp.status_code == 200:
        if ok_model is not None:
            ok_model.model_validate_json(resp.content)
        return
    body = ErrorBody.model_validate_json(resp.content)
    assert body.problems and all(p.field and p.problem for p in body.problems)


def _request_schema(path: str) -> dict[str, Any]:
    return OPENAPI["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"]


# money mostly of everyday size, so that a result's totals stay within what careact reads back as money
MONEY = st.one_of(st.integers(0, 10**7).map(str), st.integers(0, 10**7))
MONEY_HINTS = dict.fromkeys(("amount", "council_tax", "council_tax_reduction", "debt_secured", "ground_rent", "housing_benefit", "mortgage", "mortgage_outstanding", "rent", "service_charges", "third_party_top_up", "value", "weekly_cost"), MONEY)
STRATS = SchemaStrategies(OPENAPI["components"]["schemas"], hints={"type": TYPE_IDS, "on": ON, **MONEY_HINTS})
ASSESS_REQUESTS = STRATS.build(_request_schema("/v1/charging/assess"))


@FUZZ
@given(ASSESS_REQUESTS)
def test_assess_requests_from_the_openapi_schema(body: dict) -> None:
    _check(CLIENT.post("/v1/charging/assess", json=body), ChargingResult)


def _mutate(value: Any, data: st.DataObject, depth: int = 0) -> Any:
    """Change one thing somewhere in ``value``: drop a key, replace a value, add an unknown key, wrap it."""
    if isinstance(value, dict) and value and depth < 6 and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutate(value[key], data, depth + 1)}
    if isinstance(value, list) and value and depth < 6 and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(value) - 1))
        return [*value[:i], _mutate(value[i], data, depth + 1), *value[i + 1:]]
    action = data.draw(st.sampled_from(["replace", "drop", "extra", "wrap", "string", "negative"]))
    if action == "replace":
        return data.draw(ANY_JSON)
    if action == "drop" and isinstance(value, dict) and value:
        key = data.draw(st.sampled_from(sorted(value)))
        return {k: v for k, v in value.items() if k != key}
    if action == "extra" and isinstance(value, dict):
        return {**value, data.draw(st.text(min_size=1, max_size=6)): data.draw(ANY_JSON)}
    if action == "wrap":
        return [value]
    if action == "negative":
        return "-1.00"
    return data.draw(st.text(max_size=10))


SEEDS = [json.loads(example_case(n).model_dump_json(by_alias=True)) for n in example_names()]


@FUZZ
@given(st.sampled_from(SEEDS), ON, st.booleans(), st.data())
def test_mutated_valid_requests(case: dict, on: str, explain: bool, data: st.DataObject) -> None:
    body = _mutate({"case": case, "on": on, "explain": explain}, data)
    _check(CLIENT.post("/v1/charging/assess", json=body), ChargingResult)


POSTS = [p for p, ops in OPENAPI["paths"].items() if "post" in ops]
GETS = [p for p, ops in OPENAPI["paths"].items() if "get" in ops]


@FUZZ
@given(st.sampled_from(POSTS), st.one_of(ANY_JSON, st.binary(max_size=64)))
def test_arbitrary_bodies_to_every_post_endpoint(path: str, body: Any) -> None:
    if isinstance(body, bytes):
        resp = CLIENT.post(path, content=body, headers={"content-type": "application/json"})
    else:
        resp = CLIENT.post(path, json=body)
    _check(resp)


SEGMENT = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E, exclude_characters="/?#%\\.`"), min_size=1, max_size=12)


@FUZZ
@given(st.sampled_from(GETS), SEGMENT, st.dictionaries(st.sampled_from(["date", "overlay", "x"]),
                                                       st.text(max_size=12), max_size=3))
def test_get_endpoints_with_arbitrary_parameters(path: str, segment: str, query: dict) -> None:
    url = path.replace("{name}", segment)
    _check(CLIENT.get(url, params=query))


def test_fuzz_reaches_successful_assessments() -> None:
    """The generated requests are not all rejected: the schema strategy reaches the rules themselves."""
    ok = 0

    @settings(FUZZ, max_examples=60)
    @given(ASSESS_REQUESTS)
    def run(body: dict) -> None:
        nonlocal ok
        ok += CLIENT.post("/v1/charging/assess", json=body).status_code == 200

    run()
    assert ok > 0, "no request generated from the schema was accepted: the schema and the validation disagree"


class _DeterminationBody:
    """The 200 body of /v1/eligibility/determine: {result: careact.eligibility/1, explanation?}."""

    @staticmethod
    def model_validate_json(raw: bytes) -> None:
        from careact.eligibility.models import EligibilityResult

        body = json.loads(raw)
        EligibilityResult.model_validate(body["result"])
        assert set(body) <= {"result", "explanation"}


OUTCOME_IDS = st.sampled_from(["nutrition", "personal_hygiene", "toilet_needs", "home_safely", "relationships"])
ELIG_STRATS = SchemaStrategies(OPENAPI["components"]["schemas"], hints={"on": ON})


@FUZZ
@given(ELIG_STRATS.build(_request_schema("/v1/eligibility/determine")))
def test_eligibility_requests_from_the_openapi_schema(body: dict) -> None:
    _check(CLIENT.post("/v1/eligibility/determine", json=body), _DeterminationBody)


@FUZZ
@given(ELIG_STRATS.build(_request_schema("/v1/eligibility/check")))
def test_checker_requests_from_the_openapi_schema(body: dict) -> None:
    _check(CLIENT.post("/v1/eligibility/check", json=body))


SPELL_FIELDS = st.fixed_dictionaries({}, optional={
    "id": st.text(max_size=5), "date_of_birth": st.dates().map(str), "age": st.integers(-5, 130),
    "care_start": st.dates().map(str), "weeks": st.integers(-3, 3000), "setting": st.sampled_from(["care_home", "community", "x"]),
    "la_weekly_rate": st.sampled_from(["900", "0", "-1", "1e30", "abc", 12.5]), "weekly_income": st.sampled_from(["250", "0.001"]),
    "capital": st.sampled_from(["80000", "1e400", ""]), "home_value": st.sampled_from(["0", "200000"]),
    "home_disregarded": st.sampled_from([True, "yes", 3]), "tenure": st.text(max_size=5)})


@settings(FUZZ, max_examples=60)
@given(SPELL_FIELDS, st.sampled_from(["reform_2021", "care_act_2016", "nope"]), st.one_of(st.none(), st.integers(1, 3)))
def test_reform_compare_requests(spell: dict, reform: str, years: int | None) -> None:
    body = {"spell": spell, "reform": reform}
    if years:
        body["years"] = years
    _check(CLIENT.post("/v1/reform/compare", json=body))


TIMELINE_SEEDS = [json.loads(example_case(n).model_dump_json(by_alias=True)) for n in ("residential_single", "temporary_stay")]


@settings(FUZZ, max_examples=40)
@given(st.sampled_from(TIMELINE_SEEDS), ON, st.integers(0, 500), st.data())
def test_timeline_requests(case: dict, start: str, days: int, data: st.DataObject) -> None:
    from datetime import date, timedelta

    end = (date.fromisoformat(start) + timedelta(days=days)).isoformat()
    body = {"case": case, "start": start, "end": end}
    if data.draw(st.booleans()):
        body = _mutate(body, data)
    _check(CLIENT.post("/v1/charging/timeline", json=body))
