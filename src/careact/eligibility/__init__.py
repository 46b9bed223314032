"""Eligibility under the Care Act 2014 s.13 and the Care and Support (Eligibility Criteria) Regulations 2015.

>>> from datetime import date
>>> from careact.eligibility import determine
>>> d = determine({
...     "assessment": "adult",
...     "needs_arise_from_impairment_or_illness": True,
...     "outcomes": {
...         "nutrition": {"unable_to_achieve": True, "senses": ["without_assistance"], "reason": "cannot cook safely"},
...         "personal_hygiene": {"unable_to_achieve": True, "senses": ["pain_distress_anxiety"], "reason": "severe pain"},
...     },
...     "wellbeing_impact": {"significant": True, "areas": ["health"]},
... }, on=date(2025, 6, 1))
>>> d.result.determination
'eligible'

:func:`determine` takes an adult's assessment (reg 2) or a carer's assessment (reg 3) — a mapping
(e.g. parsed JSON) or a model from :mod:`careact.eligibility.models` — and returns an
:class:`EligibilityDetermination`: the :class:`~careact.eligibility.models.EligibilityResult` and the
cited explanation of every step. Professional judgements are inputs; where one the decision needs is
missing the determination is ``cannot_determine`` and ``missing_inputs`` names each one.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, PlainSerializer, WithJsonSchema

from ..explain import Explanation, NullTrace, Trace
from ..explain.lazy import ExplanationView, explanation_json
from ..results import (
    CareactResult,
    FiguresStatus,
    OverlaySpec,
    check_on,
    figures_status,
    legacy_call,
    resolve_rules,
)
from ..rules import RuleSet
from ..rules.params.eligibility import eligibility_fluctuation
from ..rules.reader import Reader
from .adults import determine_adult
from .carers import determine_carer
from .catalogue import Catalogue, load_catalogue
from .errors import (
    AdultInputOnCarerAssessment,
    CarerInputOnAdultAssessment,
    ContradictoryAnswers,
    EligibilityInputError,
    InvalidPeriod,
    MissingReason,
    SenseNotAvailableForCarers,
    UnknownAssessmentType,
    UnknownOutcome,
    UnknownSense,
    UnknownWellbeingArea,
)
from .models import AdultAssessment, CarerAssessment, EligibilityResult, input_json_schema, result_json_schema
from .next_steps import CHECKER_ANSWERS
from .parse import parse_case

__all__ = [
    "CHECKER_ANSWERS",
    "AdultAssessment",
    "AdultInputOnCarerAssessment",
    "CarerAssessment",
    "CarerInputOnAdultAssessment",
    "ContradictoryAnswers",
    "EligibilityDetermination",
    "EligibilityInputError",
    "EligibilityResult",
    "InvalidPeriod",
    "MissingReason",
    "SenseNotAvailableForCarers",
    "UnknownAssessmentType",
    "UnknownOutcome",
    "UnknownSense",
    "UnknownWellbeingArea",
    "default_on",
    "determine",
    "input_json_schema",
    "load_catalogue",
    "parse_case",
    "result_json_schema",
]

SUBJECT = "eligibility.determine"


class EligibilityDetermination(CareactResult):
    """A determination, its explanation (``None`` when ``explain=False`` was asked for) and its figures' status."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
    result: EligibilityResult
    explanation: Annotated[
        Any,
        PlainSerializer(explanation_json),
        WithJsonSchema({"anyOf": [{"$ref": "https://careact.dev/schemas/explain-1.json"}, {"type": "null"}]}),
    ] = None

    @property
    def determination(self) -> str:
        return self.result.determination

    @property
    def figures(self) -> FiguresStatus | None:
        return self.result.figures

    def to_dict(self, *, explain: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"result": self.result.to_dict()}
        if explain and self.explanation is not None:
            out["explanation"] = explanation_json(self.explanation)
        return out


def determine(
    case: Mapping[str, Any] | AdultAssessment | CarerAssessment,
    _on: date | None = None,
    /,
    *,
    on: date | None = None,
    rules: RuleSet | None = None,
    overlays: Iterable[OverlaySpec] | OverlaySpec | None = (),
    explain: bool = True,
    minimum_observation_days: int | None = None,
    catalogue: Catalogue | None = None,
) -> EligibilityDetermination:
    """Determine whether the needs in ``case`` meet the eligibility criteria (Care Act 2014 s.13(1)).

    ``on`` is the date of the determination (required; it must fall on or after 1 April 2015, when
    SI 2015/313 came into force). What decides a determination -- the outcomes the regulations
    specify, how many must be unachievable, the senses of "unable to achieve", the areas of
    well-being -- is read from the dated rule set (``rules``, the bundled national set by default, with
    ``overlays``); the wording comes from the eligibility catalogue. ``minimum_observation_days``
    overrides careact's review threshold for a fluctuating-needs observation period (a flag, not
    law; a council overlay may set ``eligibility.fluctuation.minimum_observation_days``). Raises an
    :class:`EligibilityInputError` subclass naming the field for bad input.

    .. versionchanged:: 0.2.0
       ``on`` is required and may not be positional; a missing ``on`` falls back to the case's
       ``assessed_on`` with a :class:`DeprecationWarning` until 0.3.
    """
    kw: dict[str, Any] = {"on": on}
    legacy_call("careact.eligibility.determine", [a for a in (_on,) if a is not None], ("on",), kw)
    cat = catalogue or load_catalogue()
    when = kw["on"]
    if when is None:
        assessed = parse_case(case, cat).assessed_on
        if assessed is None:
            raise EligibilityInputError.at("on", "is required: the date of the determination, determine(case, on=date(2025, 6, 1))")
        warnings.warn("careact.eligibility.determine: pass on= (the date of the determination); taking it from the "
                      "case's assessed_on is deprecated and will be removed in careact 0.3", DeprecationWarning, stacklevel=2)
        when = assessed
    when = check_on(when)
    if when < cat.in_force_from:
        raise EligibilityInputError.at("on", f"careact's eligibility rules start on {cat.in_force_from.day} "
                                       f"{cat.in_force_from:%B} {cat.in_force_from.year}, when {cat.instrument} came "
                                       f"into force; {when.isoformat()} is before that")
    if minimum_observation_days is not None and minimum_observation_days < 1:
        raise EligibilityInputError.at("minimum_observation_days", "must be a whole number of days, at least 1")
    ruleset = resolve_rules(rules, overlays, on=when)
    trace: Trace = Trace() if explain else NullTrace()
    r = Reader(ruleset.at(when), trace)
    kind = _kind(case)
    cat_on = cat.in_force(kind, r)
    parsed = parse_case(case, cat_on)
    minimum = r(eligibility_fluctuation.minimum_observation_days) if minimum_observation_days is None else minimum_observation_days
    if isinstance(parsed, AdultAssessment):
        result = determine_adult(parsed, cat_on, when, trace, minimum)
    else:
        result = determine_carer(parsed, cat_on, when, trace, minimum)
    trace.finish()
    identity = ruleset.identity()
    result = result.model_copy(update={"figures": figures_status(r.figures, when), "ruleset": identity})
    explanation = ExplanationView(Explanation.from_trace(SUBJECT, when, identity, trace)) if explain else None
    return EligibilityDetermination(result=result, explanation=explanation)


def default_on(case: Mapping[str, Any] | AdultAssessment | CarerAssessment, today: date | None = None) -> date:
    """For applications (the CLI, the HTTP API): the case's ``assessed_on`` if it records one, else ``today``.

    The library itself never assumes a date: :func:`determine` needs ``on``.
    """
    if isinstance(case, (AdultAssessment, CarerAssessment)):
        assessed = case.assessed_on
    else:
        raw = case.get("assessed_on") if isinstance(case, Mapping) else None
        try:
            assessed = date.fromisoformat(raw) if isinstance(raw, str) else raw if isinstance(raw, date) else None
        except ValueError:
            assessed = None
    return assessed or today or date.today()


def _kind(case: Any) -> Literal["adult", "carer"]:
    if isinstance(case, AdultAssessment):
        return "adult"
    if isinstance(case, CarerAssessment):
        return "carer"
    kind = case.get("assessment") if isinstance(case, Mapping) else None
    return "carer" if kind == "carer" else "adult"
