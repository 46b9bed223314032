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

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import NoRulesInForce
from ..explain import Explanation, NullTrace, Trace
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
    "determine",
    "input_json_schema",
    "load_catalogue",
    "parse_case",
    "result_json_schema",
]

SUBJECT = "eligibility.determine"


@dataclass(frozen=True, slots=True)
class EligibilityDetermination:
    """A determination and, unless ``explain=False`` was asked for, its explanation."""

    result: EligibilityResult
    explanation: Explanation | None

    @property
    def determination(self) -> str:
        return self.result.determination

    def to_dict(self, *, explain: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"result": self.result.to_dict()}
        if explain and self.explanation is not None:
            out["explanation"] = self.explanation.to_dict()
        return out


def determine(
    case: Mapping[str, Any] | AdultAssessment | CarerAssessment,
    *,
    on: date | None = None,
    explain: bool = True,
    minimum_observation_days: int | None = None,
    catalogue: Catalogue | None = None,
) -> EligibilityDetermination:
    """Determine whether the needs in ``case`` meet the eligibility criteria (Care Act 2014 s.13(1)).

    ``on`` is the date of the determination (default: the case's ``assessed_on``, else today); it must
    fall on or after 1 April 2015, when SI 2015/313 came into force. ``minimum_observation_days``
    overrides careact's review threshold for a fluctuating-needs observation period (a flag, not law).
    Raises an :class:`EligibilityInputError` subclass naming the field for bad input.
    """
    cat = catalogue or load_catalogue()
    parsed = parse_case(case, cat)
    when = on or parsed.assessed_on or date.today()
    if when < cat.in_force_from:
        raise NoRulesInForce(on=when, covered_from=cat.in_force_from, parameter=f"{cat.instrument} (eligibility criteria)")
    minimum = cat.minimum_observation_days if minimum_observation_days is None else minimum_observation_days
    if minimum < 1:
        raise EligibilityInputError.at("minimum_observation_days", "must be a whole number of days, at least 1")
    trace: Trace = Trace() if explain else NullTrace()
    if isinstance(parsed, AdultAssessment):
        result = determine_adult(parsed, cat, when, trace, minimum)
    else:
        result = determine_carer(parsed, cat, when, trace, minimum)
    explanation = Explanation.from_trace(SUBJECT, when, cat.identity(), trace) if explain else None
    return EligibilityDetermination(result=result, explanation=explanation)
