"""``POST /v1/events``: the library's result over HTTP, every bad field named, never a 5xx."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.events import CaseState, apply_events
from careact.server import create_app
from careact.server.errors import ErrorBody
from careact.server.events import EventsResponse

STREAM = [json.loads(line) for line in resources.files("careact").joinpath("examples/events/moving_into_a_care_home.jsonl")
          .read_text("utf-8").splitlines() if line.strip()]
CLIENT = TestClient(create_app(), raise_server_exceptions=False)


def _fields(resp: Any) -> list[str]:
    assert resp.status_code == 422, resp.text
    return [p.field for p in ErrorBody.model_validate(resp.json()).problems]


def test_the_response_is_the_library_result() -> None:
    r = CLIENT.post("/v1/events", json={"events": STREAM})
    assert r.status_code == 200, r.text[:500]
    body = EventsResponse.model_validate(r.json())
    state, outcomes = apply_events(CaseState(), STREAM)
    assert body.state == state
    assert [o.model_dump(mode="json", by_alias=True) for o in body.outcomes] == \
        [o.model_dump(mode="json", by_alias=True) for o in outcomes]
    assert all(rr.result.explanation is not None for o in body.outcomes for rr in o.reassessments)
    assert r.json()["schema"] == "careact.events.applied/1"


def test_the_state_carries_the_case_between_requests() -> None:
    first = CLIENT.post("/v1/events", json={"events": STREAM[:4], "explain": False}).json()
    second = CLIENT.post("/v1/events", json={"state": first["state"], "events": STREAM[4:], "explain": False})
    assert second.status_code == 200
    whole = CLIENT.post("/v1/events", json={"events": STREAM, "explain": False}).json()
    assert second.json()["state"] == whole["state"]
    again = CLIENT.post("/v1/events", json={"state": whole["state"], "events": STREAM[-1:]}).json()
    assert again["outcomes"][0]["status"] == "duplicate"


@pytest.mark.parametrize(("events", "fields"), [
    ([{"type": "care_cost_changed", "id": "x", "effective": "2025-05-05", "weekly_cost": 10.5}], ["events[1].weekly_cost"]),
    ([{"type": "benefit_stopped", "id": "x", "effective": "2025-05-05", "income_type": "carers_allowance"}],
     ["events[1].income_type"]),
    ([{"type": "overlay_changed", "id": "x", "effective": "2025-05-05", "overlays": ["/etc/passwd"]}],
     ["events[1].overlays[0]"]),
    ([{"type": "review", "id": "x", "effective": "2060-05-05"}], ["events"]),
    ([{"type": "meteor_strike", "id": "x", "effective": "2025-05-05"}], ["events[1].type"]),
])
def test_each_bad_event_is_named(events: list[dict[str, Any]], fields: list[str]) -> None:
    assert _fields(CLIENT.post("/v1/events", json={"events": [STREAM[0], *events]})) == fields


def test_bad_envelopes_are_named() -> None:
    assert _fields(CLIENT.post("/v1/events", json={"events": []})) == ["events"]
    assert _fields(CLIENT.post("/v1/events", json={"events": STREAM, "state": {"as_of": "soon"}})) == ["state.as_of"]
    assert _fields(CLIENT.post("/v1/events", json={"events": STREAM, "overlays": ["council/nowhere"]})) == ["overlays[0]"]
    assert _fields(CLIENT.post("/v1/events", json={"events": STREAM, "explain": "yes"})) == ["explain"]


def test_openapi_documents_the_endpoint() -> None:
    spec = CLIENT.get("/openapi.json").json()
    post = spec["paths"]["/v1/events"]["post"]
    assert post["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/EventsResponse")
    assert "EventsRequest" in spec["components"]["schemas"]


def _mutate(value: Any, data: st.DataObject, depth: int = 0) -> Any:
    if isinstance(value, dict) and value and depth < 5 and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutate(value[key], data, depth + 1)}
    if isinstance(value, list) and value and depth < 5 and data.draw(st.booleans()):
        i = data.draw(st.integers(0, len(value) - 1))
        return [*value[:i], _mutate(value[i], data, depth + 1), *value[i + 1:]]
    return data.draw(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                               st.text(max_size=12), st.sampled_from(["2025-13-01", "0.001", "-5.00", "permanent", ""]),
                               st.just([]), st.just({})))


@settings(max_examples=120, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutated_requests_never_fail_the_server(data: st.DataObject) -> None:
    body = _mutate({"events": STREAM[:5], "explain": False}, data)
    resp = CLIENT.post("/v1/events", json=body)
    assert resp.status_code < 500, resp.text[:2000]
    if resp.status_code == 200:
        EventsResponse.model_validate(resp.json())
    else:
        assert ErrorBody.model_validate(resp.json()).problems
