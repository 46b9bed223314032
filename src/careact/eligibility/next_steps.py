"""What follows a determination: the local authority's next steps, the CLD Event Outcome, the checker answer.

- Eligible adults: Care Act 2014 s.13(3), care and support plan (ss.24-25), financial assessment (s.17).
- Eligible carers: s.13(4), support plan (ss.24-25), financial assessment (s.17).
- Not eligible: the written record and reasons (s.13(2)), written advice and information (s.13(5)), and
  the general prevention and information-and-advice duties (ss.2, 4).
- Cannot determine: complete the assessment (s.13(1)); no determination has been made.

The wording and citations are in ``rules/data/eligibility/next_steps.toml``; the DHSC Adult Social
Care Client Level Data "Event Outcome" values in ``cld_codes.toml``; the checker's plain-English
answers in ``questionnaire.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from ..explain import N_, RuleStep, Trace
from .catalogue import Catalogue, read_data
from .models import CldEventOutcome, NextStep

__all__ = ["CHECKER_ANSWERS", "checker_answer", "cld_event_outcome", "next_steps"]

Determination = Literal["eligible", "not_eligible", "cannot_determine"]

CHECKER_ANSWERS: Mapping[str, str] = MappingProxyType(
    {
        "eligible": "likely",
        "not_eligible": "unlikely",
        "cannot_determine": "needs_full_assessment",
    }
)
"""The public checker's answer for each determination (also in ``questionnaire.toml`` ``[checker]``)."""


def next_steps(determination: Determination, kind: Literal["adult", "carer"], cat: Catalogue, trace: Trace) -> tuple[NextStep, ...]:
    """The steps the Care Act requires (or allows) after ``determination``, each with its provision:
    s.13(2) written record; s.13(3) (adults) / s.13(4) (carers) and ss.24-25, s.17 where eligible;
    s.13(5), s.2 and s.4 where not eligible; s.13(1) while no determination can be made."""
    steps = tuple(
        NextStep(
            id=s["id"],
            text=s["text"],
            duty=s["duty"],
            citation=s["citation"],
            href=s.get("href"),
            guidance=cat.guidance(s.get("guidance")),
        )
        for s in read_data("next_steps")["step"]
        if determination in s["applies_to"] and kind in s["who"]
    )
    with trace.group(
        RuleStep(
            id="eligibility.next_steps",
            title="What the local authority does next",
            citation="Care Act 2014 s.13",
            href="https://www.legislation.gov.uk/ukpga/2014/23/section/13",
        ),
        N_("What the local authority does next (steps: {count})."),
        args={"count": len(steps)},
    ) as group:
        for s in steps:
            trace.add(
                RuleStep(id=f"eligibility.next_step.{s.id}", title=s.id.replace("_", " "), citation=s.citation, href=s.href, guidance=s.guidance),
                N_("{duty}: {text}"),
                args={"duty": s.duty, "text": s.text},
                output=s.id,
            )
        Trace.close(group, output=[s.id for s in steps])
    return steps


def cld_event_outcome(determination: Determination, trace: Trace) -> CldEventOutcome | None:
    """The CLD "Event Outcome" for the completed Assessment event (``None`` while it cannot be determined)."""
    data = read_data("cld_codes")
    col = data["collection"]
    m = data["mapping"][determination]
    rule = RuleStep(
        id="eligibility.cld_event_outcome",
        title="Adult Social Care Client Level Data: Event Outcome",
        citation=f"{col['name']}, field '{col['field']}' ({col['legal_basis']})",
        href=col["href"],
    )
    if "release_1" not in m:
        trace.add(rule, N_("No CLD Event Outcome: {reason}."), args={"reason": m["reason"]}, output=None)
        return None
    statuses = {data["releases"][r]["status"] for r in ("release_1", "release_2")}
    out = CldEventOutcome(
        field=col["field"],
        event_type=col["event_type"],
        release_1=m["release_1"],
        release_2=m["release_2"],
        alternatives_release_1=tuple(m.get("alternatives_release_1", ())),
        alternatives_release_2=tuple(m.get("alternatives_release_2", ())),
        basis=m["reason"],
        source_status="verified" if statuses == {"verified"} else "secondary",
    )
    for release in ("release_1", "release_2"):
        allowed = data["releases"][release]["values"]
        values = [getattr(out, release), *getattr(out, f"alternatives_{release}")]
        bad = [v for v in values if v not in allowed]
        if bad:  # the data is checked by tests; this guards a hand-edited file
            raise ValueError(f"cld_codes.toml: {bad} not in {release} values")
    trace.add(
        rule,
        N_("CLD Event Outcome for the {event_type} event: '{release_2}' (Release 2; Release 1: '{release_1}'), because {reason}."),
        args={"event_type": out.event_type, "release_1": out.release_1, "release_2": out.release_2, "reason": m["reason"]},
        output={"release_1": out.release_1, "release_2": out.release_2},
    )
    return out


def checker_answer(determination: Determination) -> tuple[str, str]:
    """The public checker's answer (``likely`` / ``unlikely`` / ``needs_full_assessment``) and its text."""
    c = read_data("questionnaire")["checker"][determination]
    if c["answer"] != CHECKER_ANSWERS[determination]:  # pragma: no cover - guarded by tests
        raise ValueError("questionnaire.toml [checker] disagrees with CHECKER_ANSWERS")
    return c["answer"], c["text"]
