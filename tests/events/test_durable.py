"""The durable-rules adapter (``careact[events]``): the same outcomes as the library, isolated rulesets.

Skipped only where durable_rules is not installed; ``.ci/run`` sets ``CAREACT_REQUIRE_DURABLE=1``
where the extra installed, and then its absence fails the tests instead.
"""

from __future__ import annotations

import importlib
import json
import os
import threading
from importlib import resources

import pytest

from careact.events import CaseState, ContradictoryEvent, apply_events
from careact.events.durable import CaseRules, durable_available, ruleset_definition
from careact.events.vocabulary import EVENT_TYPES

if not durable_available():
    if os.environ.get("CAREACT_REQUIRE_DURABLE") == "1":
        raise RuntimeError("CAREACT_REQUIRE_DURABLE=1 but durable_rules cannot be imported")
    pytest.skip("durable_rules is not installed (pip install 'careact[events]')", allow_module_level=True)

STREAM = [json.loads(line) for line in resources.files("careact").joinpath("examples/events/moving_into_a_care_home.jsonl")
          .read_text("utf-8").splitlines() if line.strip()]


def test_posting_the_events_gives_the_library_outcomes() -> None:
    expected_state, expected = apply_events(CaseState(), STREAM, explain=False)
    with CaseRules(explain=False) as rules:
        outcomes = [rules.post(event, case="CASE-2207") for event in STREAM]
        assert rules.state("CASE-2207") == expected_state
    assert [o.model_dump(mode="json", by_alias=True) for o in outcomes] == \
        [o.model_dump(mode="json", by_alias=True) for o in expected]


def test_the_ruleset_has_a_rule_for_every_event_type_and_calls_careact() -> None:
    definition = ruleset_definition(print)
    assert sorted(r["all"][0]["m"]["type"] for r in definition.values()) == sorted(EVENT_TYPES)
    assert {r["run"] for r in definition.values()} == {print}


def test_cases_are_sessions_and_instances_share_nothing() -> None:
    with CaseRules(explain=False) as a, CaseRules(explain=False) as b:
        assert a.name != b.name
        a.post(STREAM[0], case="A")
        a.post(STREAM[0], case="B")
        assert set(a.cases) == {"A", "B"} and b.cases == ()
        assert b.state("A") == CaseState()
        duplicate = a.post(STREAM[0], case="A")
        assert duplicate.status == "duplicate"


def test_careact_errors_are_raised_and_the_session_carries_on() -> None:
    with CaseRules(explain=False) as rules:
        rules.post(STREAM[0], case="C")
        with pytest.raises(ContradictoryEvent):
            rules.post({"type": "benefit_stopped", "id": "x", "effective": "2025-05-05", "income_type": "carers_allowance"},
                       case="C")
        outcome = rules.post(STREAM[1], case="C")
        assert outcome.status == "applied" and len(rules.state("C").events) == 2


def test_a_stored_state_resumes_in_a_new_ruleset() -> None:
    with CaseRules(explain=False) as first:
        for event in STREAM[:3]:
            first.post(event, case="D")
        saved = first.state("D").model_dump_json(by_alias=True)
    with CaseRules(explain=False, states={"D": CaseState.model_validate_json(saved)}) as second:
        for event in STREAM[3:]:
            second.post(event, case="D")
        resumed = second.state("D")
    assert resumed == apply_events(CaseState(), STREAM, explain=False)[0]


def test_no_global_registry_or_thread_is_touched_and_closing_frees_the_ruleset() -> None:
    lang = importlib.import_module("durable.lang")
    threads = threading.active_count()
    rules = CaseRules(explain=False)
    rules.post(STREAM[0], case="E")
    assert lang._rulesets == {} and lang._main_host is None
    assert threading.active_count() == threads
    rules.close()
    rules.close()  # closing twice is harmless
    with pytest.raises(RuntimeError):
        rules.post(STREAM[1], case="E")
