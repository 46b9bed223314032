"""Malformed input never crashes: every broken case is an InputError naming the field at fault.

More than 10,000 malformed cases per run (500 drawn valid cases × 20 mutations each: every mutation
kind once, then random ones), through the public ``careact.charging.assess`` and through the JSON
text path the CLI and the HTTP API use. No bare ValidationError, KeyError, TypeError or
ArithmeticError may escape: only :class:`careact.errors.InputError`, whose problems name the broken
field (its dotted path, a parent of it, or a field inside it).
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings

from careact.charging import assess, example_case
from careact.errors import InputError
from strategies import MUTATIONS, malformed_batches

BATCH = 20
EXAMPLES = 500  # × BATCH = 10,000 malformed cases


def _names(path: str, fields: tuple[str, ...]) -> bool:
    if not path:
        return bool(fields)
    return any(
        f == path or f.startswith((path + ".", path + "[")) or path.startswith((f + ".", f + "["))
        for f in fields
    )


def _check(bad) -> InputError:
    try:
        assess(bad.case, on=bad.on, explain=False)
    except InputError as exc:
        err = exc
    else:  # pragma: no cover - a failure message
        pytest.fail(f"{bad.mutation} at {bad.path!r} was accepted: {bad.case!r}")
    assert err.problems
    for p in err.problems:
        assert isinstance(p.field, str) and p.field, bad
        assert isinstance(p.problem, str) and p.problem.strip(), bad
        assert isinstance(p.code, str) and p.code, bad
    assert _names(bad.path, err.fields), (bad.mutation, bad.path, err.fields)
    json.dumps(err.as_dict())  # the error itself serialises (the API returns it)
    return err


def test_malformed_cases_are_input_errors_naming_the_field():
    """Every malformed case is refused naming its field; the run covers every mutation kind, 10,000 cases."""
    seen: Counter[str] = Counter()

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(malformed_batches(BATCH))
    def run(batch):
        for bad in batch:
            _check(bad)
            seen[bad.mutation] += 1

    run()
    assert set(seen) == set(MUTATIONS)
    assert sum(seen.values()) >= EXAMPLES * BATCH


@settings(max_examples=100, deadline=None)
@given(malformed_batches(10))
def test_malformed_json_text_is_an_input_error(batch):
    """The path of a JSON document read from a file or a request body (floats arrive as floats)."""
    from careact.charging.models import ChargingCase
    from careact.validation import validate_model

    for bad in batch:
        text = json.dumps(bad.case)
        try:
            validate_model(ChargingCase, json.loads(text))
            assess(json.loads(text), on=bad.on, explain=False)
        except InputError as exc:
            assert exc.fields
        else:  # pragma: no cover
            pytest.fail(f"{bad.mutation} at {bad.path!r} was accepted")


@pytest.mark.parametrize("on", ["2025-06-01", None, 20250601, datetime(2025, 6, 1, 12, 0)])
def test_assessment_date_must_be_a_plain_date(on):
    case = example_case("residential_single")
    with pytest.raises(InputError) as info:
        assess(case, on=on)
    assert info.value.fields == ("on",)


def test_a_date_of_birth_on_or_after_the_assessment_date_names_the_field():
    case = example_case("residential_single").model_dump(mode="json", by_alias=True)
    case["person"]["date_of_birth"] = "2025-06-02"
    with pytest.raises(InputError) as info:
        assess(case, on=date(2025, 6, 1))
    assert "person.date_of_birth" in info.value.fields
