"""Reading an eligibility case: typed errors that name the field, before and after model validation.

Three passes, so that each mistake gets the most specific error:

1. structure (on the raw mapping): the assessment type; fields, outcomes and senses that belong to the
   other kind of assessment or to neither (:class:`UnknownOutcome`, :class:`SenseNotAvailableForCarers`...);
2. types (pydantic), reported as :class:`EligibilityInputError` with every field at fault;
3. consistency (on the validated model): contradictory answers, a finding of inability with no
   recorded reason, periods that end before they start or observations outside the period.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from ..errors import FieldProblem, InputError
from ..validation import validate_model
from .catalogue import Catalogue, Criteria, load_catalogue
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
from .models import ADULT_ONLY_FIELDS, CARER_ONLY_FIELDS, AdultAssessment, CarerAssessment, Period

__all__ = ["check_case", "parse_case"]

# structural errors are raised in this order (the first kind found wins; all its problems are listed)
_ORDER: tuple[type[EligibilityInputError], ...] = (
    UnknownAssessmentType,
    CarerInputOnAdultAssessment,
    AdultInputOnCarerAssessment,
    UnknownOutcome,
    SenseNotAvailableForCarers,
    UnknownSense,
    UnknownWellbeingArea,
    ContradictoryAnswers,
    MissingReason,
    InvalidPeriod,
)


class _Problems:
    def __init__(self) -> None:
        self.by_kind: dict[type[EligibilityInputError], list[FieldProblem]] = defaultdict(list)

    def add(self, kind: type[EligibilityInputError], field: str, problem: str) -> None:
        self.by_kind[kind].append(FieldProblem(field, problem, kind.code))

    def raise_any(self) -> None:
        for kind in _ORDER:
            if self.by_kind.get(kind):
                raise kind(self.by_kind[kind])


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


# ------------------------------------------------------------------------------------------ pass 1


def _check_senses(senses: Any, field: str, crit: Criteria, other: Criteria, out: _Problems) -> None:
    if not isinstance(senses, (list, tuple)):
        return  # left to pydantic
    for i, sense in enumerate(senses):
        if not isinstance(sense, str) or sense in crit.sense_ids:
            continue
        where = f"{field}[{i}]"
        if crit.kind == "carer" and sense in other.sense_ids:
            out.add(
                SenseNotAvailableForCarers,
                where,
                f"{sense!r} is a sense of 'unable to achieve' for adults only ({other.sense(sense).paragraph}); "
                f"for carers {crit.unable.paragraph} gives only {', '.join(crit.sense_ids)}",
            )
        else:
            out.add(UnknownSense, where, f"{sense!r} is not a sense in {crit.unable.paragraph}; use one of {', '.join(crit.sense_ids)}")


def _structure(data: Mapping[str, Any], crit: Criteria, other: Criteria, cat: Catalogue, out: _Problems) -> None:
    wrong_fields = CARER_ONLY_FIELDS if crit.kind == "adult" else ADULT_ONLY_FIELDS
    wrong_kind = CarerInputOnAdultAssessment if crit.kind == "adult" else AdultInputOnCarerAssessment
    for name in data:
        if name in wrong_fields:
            out.add(wrong_kind, name, f"belongs to {other.regulation} ({other.kind}s), not a {crit.kind}'s assessment")
    outcomes = data.get("outcomes")
    if isinstance(outcomes, Mapping):
        for oid, record in outcomes.items():
            field = f"outcomes.{oid}"
            if oid not in crit.outcome_ids:
                if oid in other.outcome_ids:
                    out.add(
                        wrong_kind,
                        field,
                        f"{oid!r} is an outcome for {other.kind}s ({other.outcome(oid).paragraph}), "
                        f"not one specified for {crit.kind}s",
                    )
                else:
                    out.add(
                        UnknownOutcome,
                        field,
                        f"{oid!r} is not an outcome specified in {crit.regulation}; use one of {', '.join(crit.outcome_ids)}",
                    )
                continue
            if not isinstance(record, Mapping):
                continue
            _check_senses(record.get("senses"), f"{field}.senses", crit, other, out)
            fl = record.get("fluctuation")
            if isinstance(fl, Mapping) and isinstance(fl.get("observations"), (list, tuple)):
                for i, obs in enumerate(fl["observations"]):
                    if isinstance(obs, Mapping):
                        _check_senses(obs.get("senses"), f"{field}.fluctuation.observations[{i}].senses", crit, other, out)
    wb = data.get("wellbeing_impact")
    if isinstance(wb, Mapping) and isinstance(wb.get("areas"), (list, tuple)):
        for i, area in enumerate(wb["areas"]):
            if isinstance(area, str) and area not in cat.wellbeing_area_ids:
                out.add(
                    UnknownWellbeingArea,
                    f"wellbeing_impact.areas[{i}]",
                    f"{area!r} is not a well-being area in {cat.wellbeing_citation}; use one of {', '.join(cat.wellbeing_area_ids)}",
                )


# ------------------------------------------------------------------------------------------ pass 3


def _check_period(period: Period | None, field: str, out: _Problems) -> None:
    if period is not None and period.end < period.start:
        out.add(InvalidPeriod, field, f"ends ({period.end.isoformat()}) before it starts ({period.start.isoformat()})")


def check_case(case: AdultAssessment | CarerAssessment) -> None:
    """Raise the first kind of consistency error found in a validated case (listing all of that kind)."""
    out = _Problems()
    _check_period(case.observation_period, "observation_period", out)
    period = case.observation_period
    for oid, rec in case.outcomes.items():
        field = f"outcomes.{oid}"
        if rec.achieved is not None and rec.unable_to_achieve is not None and rec.achieved == rec.unable_to_achieve:
            both = "both achieved and unable to achieve" if rec.achieved else "neither achieved nor unable to achieve"
            out.add(ContradictoryAnswers, field, f"is marked {both}")
        elif rec.senses and (rec.unable_to_achieve is False or rec.achieved is True):
            out.add(
                ContradictoryAnswers,
                f"{field}.senses",
                "lists senses of 'unable to achieve' for an outcome marked as achieved",
            )
        unable = rec.unable_to_achieve is True or rec.achieved is False or bool(rec.senses)
        if unable and _blank(rec.reason):
            out.add(MissingReason, f"{field}.reason", "an outcome found unable to achieve needs the practitioner's recorded reason")
        if rec.fluctuation is None:
            continue
        for i, obs in enumerate(rec.fluctuation.observations):
            where = f"{field}.fluctuation.observations[{i}]"
            if obs.end < obs.start:
                out.add(InvalidPeriod, where, f"ends ({obs.end.isoformat()}) before it starts ({obs.start.isoformat()})")
            elif period is not None and period.end >= period.start and (obs.start < period.start or obs.end > period.end):
                out.add(
                    InvalidPeriod,
                    where,
                    f"{obs.start.isoformat()}..{obs.end.isoformat()} lies outside the observation period "
                    f"{period.start.isoformat()}..{period.end.isoformat()}",
                )
            if getattr(obs, "senses", ()) and not obs.unable_to_achieve:
                out.add(ContradictoryAnswers, f"{where}.senses", "lists senses of 'unable to achieve' for an observation marked able")
    if isinstance(case, CarerAssessment) and case.health_deteriorating_or_at_risk and _blank(case.health_reason):
        out.add(MissingReason, "health_reason", "a finding that the carer's health is deteriorating or at risk needs a recorded reason")
    out.raise_any()


# ------------------------------------------------------------------------------------------ entry point


def parse_case(data: Any, catalogue: Catalogue | None = None) -> AdultAssessment | CarerAssessment:
    """A validated, consistent adult's or carer's assessment, or a typed error naming the field(s)."""
    cat = catalogue or load_catalogue()
    if isinstance(data, (AdultAssessment, CarerAssessment)):
        check_case(data)
        return data
    if not isinstance(data, Mapping):
        raise EligibilityInputError(FieldProblem("(root)", "must be a JSON object (an adult's or a carer's assessment)", "type"))
    kind = data.get("assessment")
    if kind not in ("adult", "carer"):
        raise UnknownAssessmentType.at("assessment", f"must be 'adult' (reg 2) or 'carer' (reg 3), not {kind!r}")
    crit, other = (cat.adult, cat.carer) if kind == "adult" else (cat.carer, cat.adult)
    out = _Problems()
    _structure(data, crit, other, cat, out)
    out.raise_any()
    case: AdultAssessment | CarerAssessment
    try:
        case = validate_model(AdultAssessment, data) if kind == "adult" else validate_model(CarerAssessment, data)
    except InputError as exc:
        raise EligibilityInputError(exc.problems) from None
    check_case(case)
    return case
