"""Errors for eligibility inputs. Each names the field at fault (``err.field``, ``err.fields``).

::

    careact.errors.InputError (ValueError)
    └── EligibilityInputError
        ├── UnknownAssessmentType        "assessment" is not "adult" or "carer"
        ├── UnknownOutcome               an outcome the regulation does not specify
        ├── UnknownSense                 a sense of "unable to achieve" the regulation does not give
        ├── SenseNotAvailableForCarers   "significantly_longer" on a carer's outcome (reg 3(3) has no such limb)
        ├── UnknownWellbeingArea         not one of Care Act 2014 s.1(2)(a)-(i)
        ├── CarerInputOnAdultAssessment  a reg 3 field or carer-only outcome on an adult's assessment
        ├── AdultInputOnCarerAssessment  a reg 2 field or adult-only outcome on a carer's assessment
        ├── MissingReason                a finding of inability with no recorded reason
        ├── ContradictoryAnswers         e.g. an outcome marked both achieved and unable
        └── InvalidPeriod                an observation period that ends before it starts, or lies outside
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import FieldProblem, InputError

__all__ = [
    "AdultInputOnCarerAssessment",
    "CarerInputOnAdultAssessment",
    "ContradictoryAnswers",
    "EligibilityInputError",
    "InvalidPeriod",
    "MissingReason",
    "SenseNotAvailableForCarers",
    "UnknownAssessmentType",
    "UnknownOutcome",
    "UnknownSense",
    "UnknownWellbeingArea",
]


class EligibilityInputError(InputError):
    """An eligibility input was rejected. ``code`` is the machine-readable kind of every problem."""

    code = "invalid"

    def __init__(self, problems: Iterable[FieldProblem] | FieldProblem) -> None:
        super().__init__(problems)

    @classmethod
    def at(cls, field: str, problem: str) -> EligibilityInputError:
        return cls(FieldProblem(field, problem, cls.code))


class UnknownAssessmentType(EligibilityInputError):
    code = "unknown_assessment"


class UnknownOutcome(EligibilityInputError):
    code = "unknown_outcome"


class UnknownSense(EligibilityInputError):
    code = "unknown_sense"


class SenseNotAvailableForCarers(UnknownSense):
    code = "sense_not_for_carers"


class UnknownWellbeingArea(EligibilityInputError):
    code = "unknown_wellbeing_area"


class CarerInputOnAdultAssessment(EligibilityInputError):
    code = "carer_input_on_adult"


class AdultInputOnCarerAssessment(EligibilityInputError):
    code = "adult_input_on_carer"


class MissingReason(EligibilityInputError):
    code = "missing_reason"


class ContradictoryAnswers(EligibilityInputError):
    code = "contradictory"


class InvalidPeriod(EligibilityInputError):
    code = "invalid_period"
