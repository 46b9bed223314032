"""Schemathesis checks of careact's own, loaded by schemathesis.toml for `.ci/run`'s contract run.

``positive_data_acceptance`` may see 422 for a request its generator built from the schema (see
schemathesis.toml): a cross-field rule -- one field compared with another -- is something a JSON
Schema cannot say. This check makes sure that is *all* such a 422 ever is: every problem in it must
carry one of the codes careact gives to cross-field rules. A schema-valid request refused for any
other reason means the published schema is looser than the validation, and fails the run.
"""

from __future__ import annotations

import re

import schemathesis

CROSS_FIELD_CODES = frozenset({
    "inconsistent",  # a model-level rule: e.g. a home disregard with an amount, a partner's income with no partner
    "contradictory",  # eligibility findings that contradict each other (an outcome both achieved and not)
    "overlap",  # charged segments of a timeline that overlap one another
    "range",  # one field bounded by another: a weekly fee below the LA rate, a date of birth after care starts
    "no_rules_in_force",  # a case date before 1 April 2015 relative to the assessment date
    "overlay_conflict",  # two overlays that set the same parameter differently
    "missing",  # a field required only because of another's value (a reason for an outcome found 'unable')
    "order",  # dated changes out of order
    "missing_reason",  # a finding of 'unable to achieve' recorded without the practitioner's reason
    "invalid_path",  # a timeline change naming a field the case does not have (checked against the case)
    "impossible_date",  # a date of birth on or after the assessment date (the request's own date)
    "after_assessment_date",  # care starting after the assessment date
    "invalid_period",  # an observation period that ends before it starts
    "out_of_range",  # an age on the assessment date (an adult is 18 or over on that date)
    # events: a rule about a case's history, which no schema of one request can say
    "out_of_order",  # an event reported before the day the case was last processed
    "duplicate_id",  # an event id already used for a different event
    "no_case",  # a change before the case's first financial assessment
    "case_closed",  # a change after care ended
})


def _inexpressible(problem: dict) -> bool:
    """Refusals of a single value that a JSON Schema still cannot express, each for a stated reason."""
    field, text, code = str(problem.get("field", "")), str(problem.get("problem", "")), problem.get("code")
    if field.endswith(".share") and "at most 1" in text:
        return True  # a fraction "a/b" must not exceed 1: a pattern cannot compare a with b
    if code == "float_money" or (code == "invalid" and "valid integer" in text):
        # only an integral number can be schema-valid here: 651.0 is an "integer" to JSON Schema, but careact
        # reads a number written with a point or an exponent as a float and refuses it, by design
        return True
    if re.search(r"\.charged\[\d+\]$", field) and "before" in text:
        return True  # a charged segment's 'to' before its 'from'
    return field.startswith("case.changes[") and ".set" in field  # a change's values are checked when applied


@schemathesis.check
def valid_requests_are_refused_only_by_cross_field_rules(ctx, response, case):  # type: ignore[no-untyped-def]
    """A schema-valid request refused with 422 names only cross-field rules."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 422:
        return
    problems = response.json().get("problems", [])
    other = sorted({p.get("code") for p in problems if not _inexpressible(p)} - CROSS_FIELD_CODES)
    if other:
        raise AssertionError(f"a request valid by the schema was refused for {other}: {problems[:3]} -- the "
                             "schema should refuse it too")
    return
