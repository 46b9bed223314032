"""The specified outcomes and what "unable to achieve" means: SI 2015/313 reg 2(2)-(3) and reg 3(2)(b)-(3).

Each outcome's finding comes from the practitioner's record. careact applies the regulation to it —
a sense of reg 2(3)/3(3) recorded means the person "is to be regarded as being unable to achieve" the
outcome — and counts the outcomes against the threshold ("two or more" for adults, reg 2(1)(b);
"any of" for carers, reg 3(2)(b)). It never fills in a finding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from ..explain import N_, Trace
from .catalogue import Catalogue, Criteria, Item
from .models import (
    AdultAssessment,
    AdultOutcomeRecord,
    CarerAssessment,
    CarerOutcomeRecord,
    FluctuationSummary,
    OutcomeFinding,
    Period,
    SenseFinding,
)

__all__ = ["OutcomeCount", "assess_outcome", "assess_outcomes", "count_outcomes", "outcome_records", "summarise_fluctuation"]

Record = AdultOutcomeRecord | CarerOutcomeRecord


def outcome_records(case: AdultAssessment | CarerAssessment) -> dict[str, Record]:
    """The case's outcome records keyed by outcome id."""
    return {str(k): v for k, v in case.outcomes.items()}


def _merged_days(ranges: Sequence[tuple[date, date]]) -> int:
    """Days covered by a set of inclusive date ranges, overlaps counted once."""
    total = 0
    current: tuple[date, date] | None = None
    for start, end in sorted(ranges):
        if current is None or start > current[1]:
            if current is not None:
                total += (current[1] - current[0]).days + 1
            current = (start, end)
        elif end > current[1]:
            current = (current[0], end)
    if current is not None:
        total += (current[1] - current[0]).days + 1
    return total


def summarise_fluctuation(record: Record, period: Period, finding_unable: bool | None) -> FluctuationSummary:
    """What the observations of one outcome show over ``period`` (reg 2(4) / 3(4)): a fact, not a finding."""
    fl = record.fluctuation
    assert fl is not None
    observed = [(o.start, o.end) for o in fl.observations]
    unable = [(o.start, o.end) for o in fl.observations if o.unable_to_achieve]
    days_unable = _merged_days(unable)
    return FluctuationSummary(
        pattern=fl.pattern,
        observations=len(fl.observations),
        days_in_period=period.days,
        days_observed=_merged_days(observed),
        days_unable=days_unable,
        differs_from_finding=finding_unable is False and days_unable > 0,
    )


def _senses_text(senses: Sequence[Item]) -> str:
    return "; ".join(f"{s.paragraph} ({s.text})" for s in senses)


Status = Literal["unable", "achieved", "not_assessed", "undetermined"]


def _finding(item: Item, status: Status, counts: bool, **kw: Any) -> OutcomeFinding:
    return OutcomeFinding(
        id=item.id,
        paragraph=item.paragraph,
        text=item.text,
        status=status,
        counts=counts,
        source_status=item.source.status,
        **kw,
    )


def assess_outcome(
    item: Item,
    record: Record | None,
    crit: Criteria,
    cat: Catalogue,
    period: Period | None,
    trace: Trace,
) -> OutcomeFinding:
    """Apply reg 2(3) (adults) or reg 3(3) (carers) to the practitioner's finding on one outcome.

    ``unable`` where the record gives at least one sense of "unable to achieve" (reg 2(3)(a)-(d) /
    3(3)(a)-(c), any one suffices); ``achieved`` where the practitioner found the outcome achieved;
    ``not_assessed`` or ``undetermined`` (with the missing inputs named) otherwise.
    """
    field = f"outcomes.{item.id}"
    senses = tuple(crit.sense(s) for s in record.senses) if record else ()
    paragraphs = [item.paragraph, *(s.paragraph for s in senses)]
    rule = cat.rule(
        f"eligibility.{crit.kind}.outcome.{item.id}",
        item.text,
        "; ".join(dict.fromkeys(paragraphs)) if senses else f"{item.paragraph}, {crit.unable.paragraph}",
        guidance="unable_to_achieve",
        href=crit.href,
    )
    args = {"outcome": item.text, "paragraph": item.paragraph, "unable_paragraph": crit.unable.paragraph}
    if record is None:
        f = _finding(item, "not_assessed", False, missing=(field,))
        trace.add(rule, N_("{outcome} ({paragraph}): no finding recorded."), args=args, output=f.status)
        return f

    unable = record.unable_to_achieve is True or record.achieved is False or bool(senses)
    achieved = not unable and (record.unable_to_achieve is False or record.achieved is True)
    fluctuates = record.fluctuation is not None
    inputs = {"finding": "unable" if unable else "achieved" if achieved else None, "senses": list(record.senses)}
    sense_findings = tuple(SenseFinding(id=s.id, paragraph=s.paragraph, text=s.text) for s in senses)

    if fluctuates and period is None:
        f = _finding(item, "undetermined", False, senses=sense_findings, reason=record.reason, missing=("observation_period",))
        trace.add(
            rule,
            N_("{outcome} ({paragraph}): the need fluctuates but no observation period is recorded, so the finding "
               "cannot be taken as the level of need over a period ({fluctuation_paragraph})."),
            args={**args, "fluctuation_paragraph": crit.fluctuation.paragraph},
            inputs=inputs,
            output=f.status,
        )
        return f

    summary = summarise_fluctuation(record, period, True if unable else False if achieved else None) if fluctuates and period else None

    if unable and not senses:
        f = _finding(item, "undetermined", False, reason=record.reason, missing=(f"{field}.senses",), fluctuation=summary)
        template = N_("{outcome} ({paragraph}): recorded as unable to achieve, but without the sense of "
                      "{unable_paragraph} that applies.")
    elif unable:
        f = _finding(item, "unable", True, senses=sense_findings, reason=record.reason, fluctuation=summary)
        args["senses"] = _senses_text(senses)
        args["reason"] = record.reason or ""
        template = N_("{outcome} ({paragraph}): unable to achieve, in the sense of {senses}. Recorded reason: {reason}")
    elif achieved:
        f = _finding(item, "achieved", False, reason=record.reason, fluctuation=summary)
        template = N_("{outcome} ({paragraph}): achieved; none of the senses of 'unable to achieve' in "
                      "{unable_paragraph} was found.")
    else:
        f = _finding(item, "undetermined", False, reason=record.reason, missing=(f"{field}.unable_to_achieve",), fluctuation=summary)
        template = N_("{outcome} ({paragraph}): no finding on whether it can be achieved.")

    with trace.group(rule, template, args=args, inputs=inputs) as step:
        if summary is not None and period is not None:
            trace.add(
                cat.rule(
                    f"eligibility.{crit.kind}.outcome.{item.id}.fluctuation",
                    "Fluctuating need over the observation period",
                    crit.fluctuation.paragraph,
                    guidance="fluctuating",
                ),
                N_("Over the observation period ({period_days} days) the observations cover {observed} days; the "
                   "outcome could not be achieved on {unable} of them. The finding above is the practitioner's "
                   "judgement of the level of need over the whole period."),
                args={"period_days": summary.days_in_period, "observed": summary.days_observed, "unable": summary.days_unable},
                inputs={"pattern": summary.pattern, "observations": summary.observations},
                output=summary.model_dump(mode="json"),
            )
        Trace.close(step, output=f.status)
    return f


def assess_outcomes(
    records: Mapping[str, Record], crit: Criteria, cat: Catalogue, period: Period | None, trace: Trace
) -> tuple[OutcomeFinding, ...]:
    """Every specified outcome, in the regulation's order (reg 2(2) / 3(2)(b)): there is no hierarchy."""
    return tuple(assess_outcome(item, records.get(item.id), crit, cat, period, trace) for item in crit.outcomes)


@dataclass(frozen=True, slots=True)
class OutcomeCount:
    """The outcomes counted against the threshold, and whether the threshold is met (``None``: not yet known)."""

    unable: int
    open: int  # outcomes with no usable finding yet
    minimum: int
    met: bool | None
    missing: tuple[str, ...]


def count_outcomes(findings: Sequence[OutcomeFinding], crit: Criteria) -> OutcomeCount:
    """Count the outcomes the person is unable to achieve against ``crit.minimum_unable``.

    reg 2(1)(b) "two or more" (``>= 2``); reg 3(2)(b) "any of" (``>= 1``). Met once the count reaches the
    minimum; not met once even every open outcome could not reach it; otherwise not yet known, and the
    open outcomes' missing inputs are listed.
    """
    unable = sum(1 for f in findings if f.counts)
    open_ = [f for f in findings if f.status in ("not_assessed", "undetermined")]
    if unable >= crit.minimum_unable:
        return OutcomeCount(unable, len(open_), crit.minimum_unable, True, ())
    if unable + len(open_) < crit.minimum_unable:
        return OutcomeCount(unable, len(open_), crit.minimum_unable, False, ())
    missing = tuple(dict.fromkeys(m for f in open_ for m in f.missing))
    return OutcomeCount(unable, len(open_), crit.minimum_unable, None, missing)
