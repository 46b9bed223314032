"""Pieces shared by reg 2 (adults) and reg 3 (carers): the well-being condition, combining conditions,
and assembling the result.

Conditions are three-valued: ``True`` (met), ``False`` (not met) or ``None`` (a finding it needs is
missing). The regulation's conditions are cumulative ("and"), so needs are eligible only if every
condition is met, are not eligible as soon as one is not met, and otherwise cannot yet be determined.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .. import __version__
from ..explain import N_, Trace
from .catalogue import Catalogue, Criteria
from .models import (
    AdultAssessment,
    AreaFinding,
    CarerAssessment,
    ConditionFinding,
    EligibilityResult,
    Flag,
    FluctuationFinding,
    OutcomeFinding,
    WellbeingFinding,
)
from .next_steps import checker_answer, cld_event_outcome, next_steps

__all__ = ["all_of", "any_of", "decide", "finish", "wellbeing_condition"]


def all_of(values: Sequence[bool | None]) -> bool | None:
    """Three-valued AND: False if any is False, else None if any is None, else True."""
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def any_of(values: Sequence[bool | None]) -> bool | None:
    """Three-valued OR: True if any is True, else None if any is None, else False."""
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def yes_no(value: bool | None) -> str:
    return "met" if value is True else "not met" if value is False else "not yet known"


def wellbeing_condition(
    case: AdultAssessment | CarerAssessment, crit: Criteria, cat: Catalogue, trace: Trace
) -> tuple[ConditionFinding, WellbeingFinding | None]:
    """reg 2(1)(c) / 3(1)(c): is there, or is there likely to be, a significant impact on well-being?

    A professional judgement recorded by the practitioner ("significant" has its everyday meaning). Met
    when the finding is yes and names at least one Care Act 2014 s.1(2) area of well-being.
    """
    item = crit.condition("wellbeing")
    wi = case.wellbeing_impact
    rule = cat.rule(f"eligibility.{crit.kind}.wellbeing", "Significant impact on well-being", item.paragraph, guidance="significant_impact", href=crit.href)
    missing: tuple[str, ...]
    if wi is None or wi.significant is None:
        missing = ("wellbeing_impact.significant",)
        met: bool | None = None
        detail = "no finding recorded on whether there is, or is likely to be, a significant impact on well-being"
    elif wi.significant is False:
        missing, met = (), False
        detail = "the practitioner found no significant impact on well-being, actual or likely"
    elif not wi.areas:
        missing, met = ("wellbeing_impact.areas",), None
        detail = f"a significant impact is recorded without the area(s) of well-being ({cat.wellbeing_citation}) affected"
    else:
        missing, met = (), True
        kind = "is likely to be" if wi.likelihood == "is_likely" else "is"
        detail = f"there {kind} a significant impact on well-being"
    areas = tuple(
        AreaFinding(id=a.id, paragraph=a.paragraph, text=a.text) for a in (cat.wellbeing_area(x) for x in (wi.areas if wi else ()))
    )
    finding = WellbeingFinding(
        significant=wi.significant if wi else None, likelihood=wi.likelihood if wi else None, areas=areas, reason=wi.reason if wi else None
    ) if wi else None
    trace.add(
        rule,
        N_("Significant impact on well-being ({paragraph}): {met}; {detail}. Areas of well-being affected ({citation}): {areas}. Recorded reason: {reason}"),
        args={
            "paragraph": item.paragraph,
            "met": yes_no(met),
            "detail": detail,
            "citation": cat.wellbeing_citation,
            "areas": "; ".join(f"{a.paragraph} {a.text}" for a in areas) or "none recorded",
            "reason": (wi.reason if wi and wi.reason else "none recorded"),
        },
        inputs={"wellbeing_impact": wi.model_dump(mode="json") if wi else None},
        output=met,
    )
    return ConditionFinding(id=item.id, paragraph=item.paragraph, text=item.text, met=met, missing=missing, detail=detail), finding


def decide(conditions: Sequence[ConditionFinding], crit: Criteria, cat: Catalogue, trace: Trace) -> tuple[str, tuple[str, ...]]:
    """Combine the cumulative conditions of reg 2(1) / 3(1) into the determination."""
    met = all_of([c.met for c in conditions])
    determination = "eligible" if met is True else "not_eligible" if met is False else "cannot_determine"
    missing = tuple(dict.fromkeys(m for c in conditions if c.met is None for m in c.missing)) if met is None else ()
    paragraph = crit.regulation.removeprefix(f"{cat.instrument} ") + "(1)"
    rule = cat.rule(f"eligibility.{crit.kind}.determination", "Eligibility determination", paragraph, guidance="conditions", href=crit.href)
    person = "adult" if crit.kind == "adult" else "carer"
    if determination == "eligible":
        template = N_("Every condition of {paragraph} is met, so the {person}'s needs meet the eligibility criteria.")
    elif determination == "not_eligible":
        template = N_("At least one condition of {paragraph} is not met ({failed}), so the {person}'s needs do not meet the eligibility criteria.")
    else:
        template = N_("No condition of {paragraph} is shown to be unmet, but the findings needed for {open} are missing, so "
                      "eligibility cannot yet be determined. Missing: {missing}.")
    trace.add(
        rule,
        template,
        args={
            "paragraph": paragraph,
            "person": person,
            "failed": ", ".join(c.paragraph for c in conditions if c.met is False),
            "open": ", ".join(c.paragraph for c in conditions if c.met is None),
            "missing": ", ".join(missing),
        },
        inputs={c.paragraph: c.met for c in conditions},
        output=determination,
    )
    return determination, missing


def _reasons(
    determination: str,
    crit: Criteria,
    conditions: Sequence[ConditionFinding],
    health: ConditionFinding | None,
    outcomes: Sequence[OutcomeFinding],
) -> tuple[str, ...]:
    person = "adult" if crit.kind == "adult" else "carer"
    lines = [f"{c.paragraph} ({c.text}): {yes_no(c.met)}; {c.detail}." for c in conditions]
    if health is not None:
        lines.append(f"{health.paragraph} ({health.text}): {yes_no(health.met)}; {health.detail}.")
    for o in outcomes:
        if o.status == "unable":
            senses = "; ".join(f"{s.paragraph} {s.text}" for s in o.senses)
            lines.append(f"Unable to achieve {o.paragraph} {o.text} ({senses}): {o.reason}")
    verdict = {
        "eligible": f"The {person}'s needs meet the eligibility criteria in {crit.regulation}.",
        "not_eligible": f"The {person}'s needs do not meet the eligibility criteria in {crit.regulation}.",
        "cannot_determine": f"No determination under {crit.regulation} can be made until the missing findings are recorded.",
    }[determination]
    return (verdict, *lines)


def finish(
    *,
    case: AdultAssessment | CarerAssessment,
    crit: Criteria,
    cat: Catalogue,
    on: date,
    trace: Trace,
    conditions: tuple[ConditionFinding, ...],
    health: ConditionFinding | None,
    outcomes: tuple[OutcomeFinding, ...],
    wellbeing: WellbeingFinding | None,
    fluctuation: FluctuationFinding,
    flags: tuple[Flag, ...],
) -> EligibilityResult:
    """Decide (reg 2(1) / 3(1)), add the next steps (Care Act 2014 s.13(2)-(5)) and the CLD Event Outcome,
    and assemble the result, with the reasons for the s.13(2) written record."""
    determination, missing = decide(conditions, crit, cat, trace)
    answer, answer_text = checker_answer(determination)  # type: ignore[arg-type]
    steps = next_steps(determination, crit.kind, cat, trace)  # type: ignore[arg-type]
    cld = cld_event_outcome(determination, trace)  # type: ignore[arg-type]
    differs = tuple(
        Flag(code="finding_differs_from_observations", message=f"outcomes.{o.id}: observations show days unable but the finding is 'achieved'")
        for o in outcomes
        if o.fluctuation is not None and o.fluctuation.differs_from_finding
    )
    return EligibilityResult(
        schema="careact.eligibility/1",
        assessment=crit.kind,
        reference=case.reference,
        on=on,
        regulation=crit.regulation,
        determination=determination,
        public_checker=answer,
        public_checker_text=answer_text,
        conditions=conditions,
        health=health,
        outcomes=outcomes,
        unable_count=sum(1 for o in outcomes if o.counts),
        minimum_unable=crit.minimum_unable,
        wellbeing=wellbeing,
        fluctuation=fluctuation,
        missing_inputs=missing,
        reasons=_reasons(determination, crit, conditions, health, outcomes),
        flags=flags + differs,
        next_steps=steps,
        cld=cld,
        catalogue={"name": cat.name, "version": cat.version, "digest": cat.digest},
        careact_version=__version__,
        inputs=case.model_dump(mode="json", by_alias=True),
    )
