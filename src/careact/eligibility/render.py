"""A plain-English summary of an eligibility result (en-GB), fit to start a s.13(2) written record.

The explanation (``EligibilityDetermination.explanation``) is the full, translatable, cited record;
this summary lists the determination, the conditions, the outcomes that count and why, what is missing
and what happens next.
"""

from __future__ import annotations

from babel.dates import format_date

from .models import EligibilityResult

__all__ = ["render_result_text"]

_DETERMINATION = {
    "eligible": "the needs meet the eligibility criteria",
    "not_eligible": "the needs do not meet the eligibility criteria",
    "cannot_determine": "cannot yet be determined",
}


def _met(value: bool | None) -> str:
    return "met" if value is True else "not met" if value is False else "not yet known"


def render_result_text(result: EligibilityResult, locale: str = "en_GB") -> str:
    """The result as readable text."""
    person = "adult" if result.assessment == "adult" else "carer"
    out = [
        f"Eligibility of the {person}'s needs ({result.regulation}): {_DETERMINATION[result.determination]}",
        f"Date of determination: {format_date(result.on, format='long', locale=locale)}"
        + (f"; reference: {result.reference}" if result.reference else ""),
        "",
        "Conditions (all must be met):",
    ]
    for c in result.conditions:
        out.append(f"  {c.paragraph}: {_met(c.met)} - {c.detail}")
    if result.health is not None:
        h = result.health
        out.append(f"    {h.paragraph} (health): {_met(h.met)} - {h.detail}")
    out.append("")
    out.append(f"Outcomes the {person} is unable to achieve: {result.unable_count} (at least {result.minimum_unable} needed)")
    for o in result.outcomes:
        if o.status == "unable":
            senses = "; ".join(f"{s.paragraph} {s.text}" for s in o.senses)
            out.append(f"  - {o.paragraph} {o.text}")
            out.append(f"      in the sense of {senses}")
            out.append(f"      reason recorded: {o.reason}")
    others = [o for o in result.outcomes if o.status != "unable"]
    if others:
        out.append("  Other outcomes: " + "; ".join(f"{o.paragraph} {o.status.replace('_', ' ')}" for o in others))
    if result.wellbeing is not None:
        w = result.wellbeing
        areas = "; ".join(f"{a.paragraph} {a.text}" for a in w.areas) or "none recorded"
        out.append("")
        out.append(f"Well-being: significant impact {'yes' if w.significant else 'no' if w.significant is False else 'not recorded'}"
                   + (f" ({'likely' if w.likelihood == 'is_likely' else 'actual'})" if w.likelihood else "")
                   + f"; areas: {areas}")
    f = result.fluctuation
    if f.applied:
        out.append("")
        out.append(f"Fluctuating needs ({f.paragraph}): considered over {f.days} days, {f.period_start} to {f.period_end}")
    if result.missing_inputs:
        out.append("")
        out.append("Missing findings (record these to reach a determination):")
        out.extend(f"  - {m}" for m in result.missing_inputs)
    if result.flags:
        out.append("")
        out.append("Flags:")
        out.extend(f"  - {fl.message}" for fl in result.flags)
    out.append("")
    out.append("Next steps:")
    for s in result.next_steps:
        out.append(f"  - {s.text} [{s.duty}; {s.citation}]")
    if result.cld is not None:
        out.append("")
        out.append(
            f"CLD {result.cld.event_type} Event Outcome: '{result.cld.release_2}' (Release 2); '{result.cld.release_1}' (Release 1)"
        )
    out.append("")
    out.append(f"Public checker answer: {result.public_checker.replace('_', ' ')}")
    if result.figures is not None and result.figures.status != "verified":
        which = result.figures.unverified if result.figures.status == "unverified" else result.figures.secondary
        words = "not yet confirmed against the regulations" if result.figures.status == "unverified" else \
            "read from a secondary source, not yet from the regulations themselves"
        out.append("")
        out.append(f"This determination rests on criteria {words}: {', '.join(which)}.")
    return "\n".join(out) + "\n"
