"""Carers: SI 2015/313 reg 3.

    3.—(1) A carer's needs meet the eligibility criteria if—
    (a) the needs arise as a consequence of providing necessary care for an adult;
    (b) the effect of the carer's needs is that any of the circumstances specified in paragraph (2)
        apply to the carer; and
    (c) as a consequence of that fact there is, or is likely to be, a significant impact on the
        carer's well-being.

Paragraph (2) has two circumstances, either of which is enough: (a) the carer's physical or mental
health is, or is at risk of, deteriorating; (b) the carer is unable to achieve **any** of eight
outcomes. "Unable to achieve" has three senses for carers (reg 3(3)(a)-(c)); there is no "takes
significantly longer" sense (that is reg 2(3)(d), adults only) and a carer's record that uses it is
rejected with :class:`~careact.eligibility.errors.SenseNotAvailableForCarers`. A carer can be
eligible whether or not the adult cared for has eligible needs.
"""

from __future__ import annotations

from datetime import date

from ..explain import N_, Trace
from ._engine import any_of, finish, wellbeing_condition, yes_no
from .catalogue import Catalogue, Criteria
from .fluctuation import consider_fluctuation
from .models import CarerAssessment, ConditionFinding, EligibilityResult
from .outcomes import assess_outcomes, count_outcomes, outcome_records

__all__ = ["determine_carer", "health_circumstance", "necessary_care_condition"]


def necessary_care_condition(case: CarerAssessment, crit: Criteria, cat: Catalogue, trace: Trace) -> ConditionFinding:
    """reg 3(1)(a): the needs arise as a consequence of providing necessary care for an adult."""
    item = crit.condition("necessary_care")
    met = case.needs_arise_from_providing_necessary_care
    missing: tuple[str, ...]
    if met is None:
        detail, missing = "no finding recorded on whether the needs arise from providing necessary care", ("needs_arise_from_providing_necessary_care",)
    elif met:
        detail, missing = f"recorded: {case.necessary_care or 'necessary care not described'}", ()
    else:
        detail, missing = "the practitioner found that the needs do not arise from providing necessary care for an adult", ()
    trace.add(
        cat.rule("eligibility.carer.necessary_care", "Needs arise from providing necessary care", item.paragraph, guidance="carer_necessary_care", href=crit.href),
        N_("Needs arising as a consequence of providing necessary care for an adult ({paragraph}): {met}; {detail}."),
        args={"paragraph": item.paragraph, "met": yes_no(met), "detail": detail},
        inputs={"needs_arise_from_providing_necessary_care": met, "necessary_care": case.necessary_care},
        output=met,
    )
    return ConditionFinding(id=item.id, paragraph=item.paragraph, text=item.text, met=met, missing=missing, detail=detail)


def health_circumstance(case: CarerAssessment, crit: Criteria, cat: Catalogue, trace: Trace) -> ConditionFinding:
    """reg 3(2)(a): the carer's physical or mental health is, or is at risk of, deteriorating."""
    item = crit.health
    assert item is not None
    met = case.health_deteriorating_or_at_risk
    missing: tuple[str, ...]
    if met is None:
        detail, missing = "no finding recorded on the carer's health", ("health_deteriorating_or_at_risk",)
    elif met:
        detail, missing = f"recorded reason: {case.health_reason}", ()
    else:
        detail, missing = "the practitioner found the carer's health is not deteriorating or at risk of deteriorating", ()
    trace.add(
        cat.rule("eligibility.carer.health", "Carer's health deteriorating or at risk", item.paragraph, guidance="carer_threshold", href=crit.href),
        N_("The carer's physical or mental health is, or is at risk of, deteriorating ({paragraph}): {met}; {detail}."),
        args={"paragraph": item.paragraph, "met": yes_no(met), "detail": detail},
        inputs={"health_deteriorating_or_at_risk": met, "health_reason": case.health_reason},
        output=met,
    )
    return ConditionFinding(id=item.id, paragraph=item.paragraph, text=item.text, met=met, missing=missing, detail=detail)


def determine_carer(case: CarerAssessment, cat: Catalogue, on: date, trace: Trace, minimum_days: int) -> EligibilityResult:
    """Determine whether a carer's needs meet the eligibility criteria (SI 2015/313 reg 3(1)-(4))."""
    crit = cat.carer
    assert crit.outcomes_circumstance is not None
    with trace.group(
        cat.rule("eligibility.carer", crit.heading, crit.regulation.removeprefix(f"{cat.instrument} "), guidance="carer_threshold", href=crit.href),
        N_("Whether the carer's needs meet the eligibility criteria ({regulation}): all three conditions of reg 3(1) must be met."),
        args={"regulation": crit.regulation},
    ) as root:
        fluctuation, flags = consider_fluctuation(case, crit, cat, trace, minimum_days)
        cond_a = necessary_care_condition(case, crit, cat, trace)

        item_b = crit.condition("circumstances")
        with trace.group(
            cat.rule("eligibility.carer.circumstances", "Any of the circumstances in reg 3(2)", item_b.paragraph, guidance="carer_threshold", href=crit.href),
            N_("Either circumstance of reg 3(2) is enough: deteriorating health ({health_paragraph}) or being unable to "
               "achieve any one of the outcomes ({outcomes_paragraph})."),
            args={"health_paragraph": crit.health.paragraph if crit.health else "", "outcomes_paragraph": crit.outcomes_circumstance.paragraph},
        ) as group:
            health = health_circumstance(case, crit, cat, trace)
            with trace.group(
                cat.rule("eligibility.carer.outcomes", "Unable to achieve any of the outcomes", crit.outcomes_circumstance.paragraph, guidance="no_hierarchy", href=crit.href),
                N_("The outcomes in {paragraph}, each considered in turn."),
                args={"paragraph": crit.outcomes_circumstance.paragraph},
            ) as og:
                outcomes = assess_outcomes(outcome_records(case), crit, cat, case.observation_period, trace)
                count = count_outcomes(outcomes, crit)
                trace.add(
                    cat.rule("eligibility.carer.outcome_count", "Number of outcomes the carer is unable to achieve", crit.minimum_unable_paragraph, guidance="carer_threshold", href=crit.href),
                    N_("The carer is unable to achieve {count} of the outcomes ({open} without a usable finding); "
                       "{paragraph} requires {words} of them: {met}."),
                    args={
                        "count": count.unable,
                        "open": count.open,
                        "paragraph": crit.minimum_unable_paragraph,
                        "words": crit.minimum_unable_words,
                        "met": yes_no(count.met),
                    },
                    inputs={"unable": [o.id for o in outcomes if o.counts]},
                    output=count.met,
                )
                Trace.close(og, output=count.met)
            met_b = any_of([health.met, count.met])
            Trace.close(group, output=met_b)
        missing_b = () if met_b is not None else tuple(dict.fromkeys((*health.missing, *count.missing)))
        cond_b = ConditionFinding(
            id=item_b.id,
            paragraph=item_b.paragraph,
            text=item_b.text,
            met=met_b,
            missing=missing_b,
            detail=f"health deteriorating or at risk: {yes_no(health.met)}; unable to achieve {count.unable} outcome(s) "
            f"({crit.minimum_unable_words} suffices): {yes_no(count.met)}",
        )
        cond_c, wellbeing = wellbeing_condition(case, crit, cat, trace)
        if case.cared_for_adult_has_eligible_needs is not None:
            trace.add(
                cat.rule("eligibility.carer.cared_for_adult_irrelevant", "The cared-for adult's eligibility does not matter", "reg 3(1)", guidance="carer_threshold"),
                N_("Whether the adult cared for has eligible needs ({recorded}) does not affect the carer's eligibility."),
                args={"recorded": "recorded as yes" if case.cared_for_adult_has_eligible_needs else "recorded as no"},
                inputs={"cared_for_adult_has_eligible_needs": case.cared_for_adult_has_eligible_needs},
                output=None,
            )
        result = finish(
            case=case,
            crit=crit,
            cat=cat,
            on=on,
            trace=trace,
            conditions=(cond_a, cond_b, cond_c),
            health=health,
            outcomes=outcomes,
            wellbeing=wellbeing,
            fluctuation=fluctuation,
            flags=flags,
        )
        Trace.close(root, output=result.determination)
    return result
