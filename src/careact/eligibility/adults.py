"""Adults who need care and support: SI 2015/313 reg 2.

    2.—(1) An adult's needs meet the eligibility criteria if—
    (a) the adult's needs arise from or are related to a physical or mental impairment or illness;
    (b) as a result of the adult's needs the adult is unable to achieve two or more of the outcomes
        specified in paragraph (2); and
    (c) as a consequence there is, or is likely to be, a significant impact on the adult's well-being.

The outcomes (reg 2(2)), the four senses of "unable to achieve" (reg 2(3)(a)-(d)) and the
fluctuating-needs rule (reg 2(4)) are read from ``rules/data/eligibility/outcomes.toml``.
"""

from __future__ import annotations

from datetime import date

from ..explain import N_, Trace
from ._engine import finish, wellbeing_condition, yes_no
from .catalogue import Catalogue, Criteria
from .fluctuation import consider_fluctuation
from .models import AdultAssessment, ConditionFinding, EligibilityResult
from .outcomes import assess_outcomes, count_outcomes, outcome_records

__all__ = ["determine_adult", "impairment_condition"]


def impairment_condition(case: AdultAssessment, crit: Criteria, cat: Catalogue, trace: Trace) -> ConditionFinding:
    """reg 2(1)(a): the needs arise from or are related to a physical or mental impairment or illness."""
    item = crit.condition("impairment")
    met = case.needs_arise_from_impairment_or_illness
    missing: tuple[str, ...]
    if met is None:
        detail, missing = "no finding recorded on whether the needs arise from an impairment or illness", ("needs_arise_from_impairment_or_illness",)
    elif met:
        detail, missing = f"recorded: {case.impairment_or_illness or 'impairment or illness not described'}", ()
    else:
        detail, missing = "the practitioner found that the needs do not arise from or relate to an impairment or illness", ()
    trace.add(
        cat.rule("eligibility.adult.impairment", "Needs arise from an impairment or illness", item.paragraph, guidance="impairment", href=crit.href),
        N_("Needs arising from or related to a physical or mental impairment or illness ({paragraph}): {met}; {detail}."),
        args={"paragraph": item.paragraph, "met": yes_no(met), "detail": detail},
        inputs={
            "needs_arise_from_impairment_or_illness": met,
            "impairment_or_illness": case.impairment_or_illness,
        },
        output=met,
    )
    return ConditionFinding(id=item.id, paragraph=item.paragraph, text=item.text, met=met, missing=missing, detail=detail)


def determine_adult(case: AdultAssessment, cat: Catalogue, on: date, trace: Trace, minimum_days: int) -> EligibilityResult:
    """Determine whether an adult's needs meet the eligibility criteria (SI 2015/313 reg 2(1)-(4))."""
    crit = cat.adult
    with trace.group(
        cat.rule("eligibility.adult", crit.heading, crit.regulation.removeprefix(f"{cat.instrument} "), guidance="threshold", href=crit.href),
        N_("Whether the adult's needs meet the eligibility criteria ({regulation}): all three conditions of reg 2(1) must be met."),
        args={"regulation": crit.regulation},
    ) as root:
        fluctuation, flags = consider_fluctuation(case, crit, cat, trace, minimum_days)
        cond_a = impairment_condition(case, crit, cat, trace)

        item_b = crit.condition("outcomes")
        with trace.group(
            cat.rule("eligibility.adult.outcomes", "Unable to achieve two or more outcomes", f"{item_b.paragraph}, (2), (3)", guidance="no_hierarchy", href=crit.href),
            N_("The specified outcomes ({paragraph}), each considered in turn; there is no hierarchy among them."),
            args={"paragraph": "reg 2(2)"},
        ) as group:
            outcomes = assess_outcomes(outcome_records(case), crit, cat, case.observation_period, trace)
            count = count_outcomes(outcomes, crit)
            trace.add(
                cat.rule("eligibility.adult.outcome_count", "Number of outcomes the adult is unable to achieve", crit.minimum_unable_paragraph, guidance="unable_to_achieve", href=crit.href),
                N_("The adult is unable to achieve {count} of the specified outcomes ({open} without a usable finding); "
                   "{paragraph} requires {words} ({minimum}): {met}."),
                args={
                    "count": count.unable,
                    "open": count.open,
                    "paragraph": crit.minimum_unable_paragraph,
                    "words": crit.minimum_unable_words,
                    "minimum": crit.minimum_unable,
                    "met": yes_no(count.met),
                },
                inputs={"unable": [o.id for o in outcomes if o.counts]},
                output=count.met,
            )
            Trace.close(group, output=count.met)
        cond_b = ConditionFinding(
            id=item_b.id,
            paragraph=item_b.paragraph,
            text=item_b.text,
            met=count.met,
            missing=count.missing,
            detail=f"unable to achieve {count.unable} outcome(s), {count.open} without a usable finding; "
            f"{crit.minimum_unable_words} ({crit.minimum_unable}) required",
        )
        cond_c, wellbeing = wellbeing_condition(case, crit, cat, trace)
        if case.carer_meeting_needs is not None:
            trace.add(
                cat.rule("eligibility.adult.carer_support_disregarded", "Care provided by a carer is disregarded", "reg 2(1)", guidance="ignore_carer_support"),
                N_("Whether a carer is meeting some of the needs ({recorded}) is disregarded: eligibility is determined as if the needs were unmet."),
                args={"recorded": "recorded as yes" if case.carer_meeting_needs else "recorded as no"},
                inputs={"carer_meeting_needs": case.carer_meeting_needs},
                output=None,
            )
        result = finish(
            case=case,
            crit=crit,
            cat=cat,
            on=on,
            trace=trace,
            conditions=(cond_a, cond_b, cond_c),
            health=None,
            outcomes=outcomes,
            wellbeing=wellbeing,
            fluctuation=fluctuation,
            flags=flags,
        )
        Trace.close(root, output=result.determination)
    return result
