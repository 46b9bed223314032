"""Fluctuating needs: SI 2015/313 reg 2(4) (adults) and reg 3(4) (carers).

Where the level of need fluctuates, the local authority must take into account the person's
circumstances "over such period as it considers necessary to establish accurately" the level of need.
The regulation sets no minimum period; careact records the period and that the paragraph was applied,
and flags (never rejects) a period shorter than a review threshold kept in data
(``outcomes.toml`` ``[fluctuation] minimum_observation_days``), which is careact configuration, not law.
"""

from __future__ import annotations

from ..explain import N_, RuleStep, Trace
from .catalogue import Catalogue, Criteria
from .models import AdultAssessment, CarerAssessment, Flag, FluctuationFinding
from .outcomes import outcome_records

__all__ = ["consider_fluctuation"]


def consider_fluctuation(
    case: AdultAssessment | CarerAssessment,
    crit: Criteria,
    cat: Catalogue,
    trace: Trace,
    minimum_days: int,
) -> tuple[FluctuationFinding, tuple[Flag, ...]]:
    """Record whether reg 2(4) / 3(4) applies, over which period, and flag a short period."""
    records = outcome_records(case)
    fluctuating = tuple(item.id for item in crit.outcomes if (r := records.get(item.id)) and r.fluctuation)
    period = case.observation_period
    person = "adult" if crit.kind == "adult" else "carer"
    rule = cat.rule(
        f"eligibility.{crit.kind}.fluctuation",
        "Fluctuating needs: circumstances over a period",
        crit.fluctuation.paragraph,
        guidance="fluctuating",
        href=crit.href,
    )
    if period is None:
        finding = FluctuationFinding(
            applied=False,
            paragraph=crit.fluctuation.paragraph,
            minimum_days=minimum_days,
            minimum_note=cat.minimum_observation_note,
            fluctuating_outcomes=fluctuating,
        )
        if fluctuating:
            trace.add(
                rule,
                N_("The {person}'s needs are recorded as fluctuating, but no observation period is recorded; "
                   "{paragraph} requires their circumstances to be taken into account over a period."),
                args={"person": person, "paragraph": crit.fluctuation.paragraph},
                inputs={"fluctuating_outcomes": list(fluctuating)},
                output=False,
            )
            flag = Flag(code="fluctuation_without_period", message=f"needs fluctuate but no observation period is recorded ({crit.fluctuation.paragraph})")
            return finding, (flag,)
        trace.add(
            rule,
            N_("No fluctuation in the level of need is recorded, so {paragraph} is not engaged."),
            args={"paragraph": crit.fluctuation.paragraph},
            output=False,
        )
        return finding, ()

    days = period.days
    short = days < minimum_days
    finding = FluctuationFinding(
        applied=True,
        paragraph=crit.fluctuation.paragraph,
        period_start=period.start,
        period_end=period.end,
        days=days,
        minimum_days=minimum_days,
        minimum_note=cat.minimum_observation_note,
        shorter_than_minimum=short,
        fluctuating_outcomes=fluctuating,
    )
    flags: tuple[Flag, ...] = ()
    with trace.group(
        rule,
        N_("The {person}'s circumstances are taken into account over the {days} days from {start} to {end} "
           "({paragraph}): each finding is the level of need over that period."),
        args={"person": person, "days": days, "start": period.start, "end": period.end, "paragraph": crit.fluctuation.paragraph},
        inputs={"observation_period": {"start": period.start, "end": period.end}, "fluctuating_outcomes": list(fluctuating)},
    ) as step:
        if short:
            trace.add(
                RuleStep(
                    id=f"eligibility.{crit.kind}.fluctuation.short_period",
                    title="Observation period shorter than careact's review threshold",
                    citation=f"careact configuration, not law (cf. {cat.cite(crit.fluctuation.paragraph)})",
                    guidance=cat.guidance("fluctuating"),
                ),
                N_("The observation period ({days} days) is shorter than careact's review threshold of {minimum} days. "
                   "This is a prompt to check that the period was long enough to establish the level of need; the "
                   "regulation itself sets no minimum."),
                args={"days": days, "minimum": minimum_days},
                output=True,
            )
            flags = (
                Flag(
                    code="short_observation_period",
                    message=f"observation period of {days} days is shorter than careact's review threshold of "
                    f"{minimum_days} days (not a legal minimum; {crit.fluctuation.paragraph} leaves the period to the local authority)",
                ),
            )
        Trace.close(step, output=True)
    return finding, flags
