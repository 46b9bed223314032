"""One spell of care under the baseline and under a reform, side by side, year by year, each step explained.

>>> from careact.reform import compare, CareSpell                           # doctest: +SKIP
>>> c = compare(spell, reform="reform_2021", years=5)                         # doctest: +SKIP
>>> print(c.render_text())                                                     # doctest: +SKIP

The baseline is the national rule set (with any council overlays); the reform is the same with the
reform overlay on top. Both run through the same care account and the same charging engine, so an
overlay that changes nothing gives identical figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_currency

from ..explain import N_, Explanation, RuleStep, Trace, gbp
from ..rules import Layer
from .care_account import SIMPLIFICATIONS, WEEKS_IN_YEAR, AccountResult, Assessor, run_account
from .models import CareSpell, spell_from_mapping
from .overlays import load_reform, reform_ruleset

__all__ = ["COMPARE_SCHEMA", "Comparison", "YearComparison", "compare"]

COMPARE_SCHEMA = "careact.reform.compare/1"

COMPARE = RuleStep(
    id="reform.compare",
    title="Baseline and reform compared",
    citation="Care Act 2014 ss 14-15, 17",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/15",
)
BASELINE = RuleStep(id="reform.compare.baseline", title="Under the current rules", citation="Care Act 2014 s 14; SI 2014/2672")
REFORM = RuleStep(id="reform.compare.reform", title="Under the reform", citation="The reform overlay (each value cited in it)")
YEAR = RuleStep(id="reform.compare.year", title="One year of care compared", citation="Care Act 2014 s 15 (care account)")


@dataclass(frozen=True, slots=True)
class YearComparison:
    year: int
    start: date
    end: date
    weeks: int
    baseline_person: Decimal
    baseline_council: Decimal
    reform_person: Decimal
    reform_council: Decimal
    accrued_total: Decimal
    cap_reached_on: date | None
    baseline_wealth_end: Decimal
    reform_wealth_end: Decimal

    @property
    def person_change(self) -> Decimal:
        return self.reform_person - self.baseline_person

    @property
    def council_change(self) -> Decimal:
        return self.reform_council - self.baseline_council

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "weeks": self.weeks,
            "baseline": {
                "person_paid": str(self.baseline_person),
                "council_paid": str(self.baseline_council),
                "wealth_end": str(self.baseline_wealth_end),
            },
            "reform": {
                "person_paid": str(self.reform_person),
                "council_paid": str(self.reform_council),
                "accrued_total": str(self.accrued_total),
                "cap_reached_on": self.cap_reached_on.isoformat() if self.cap_reached_on else None,
                "wealth_end": str(self.reform_wealth_end),
            },
            "change": {"person_paid": str(self.person_change), "council_paid": str(self.council_change)},
        }


@dataclass(frozen=True)
class Comparison:
    spell: CareSpell
    reform: str
    reform_layer: dict[str, Any]
    baseline: AccountResult
    reformed: AccountResult
    years: tuple[YearComparison, ...]
    explanation: Explanation | None

    def as_dict(self, *, segments: bool = False) -> dict[str, Any]:
        b, r = self.baseline, self.reformed
        return {
            "schema": COMPARE_SCHEMA,
            "case": self.spell.as_dict(),
            "reform": self.reform_layer,
            "weeks": b.weeks,
            "totals": {
                "baseline": {
                    "person_paid": str(b.person_paid),
                    "council_paid": str(b.council_paid),
                    "self_funder_weeks": b.self_funder_weeks,
                    "wealth_end": str(b.wealth_end),
                },
                "reform": {
                    "person_paid": str(r.person_paid),
                    "council_paid": str(r.council_paid),
                    "self_funder_weeks": r.self_funder_weeks,
                    "cap": str(r.cap_amount) if r.cap_amount is not None else None,
                    "accrued_towards_cap": str(r.accrued),
                    "cap_reached_on": r.cap_reached_on.isoformat() if r.cap_reached_on else None,
                    "weeks_to_cap": r.weeks_to_cap,
                    "wealth_end": str(r.wealth_end),
                    "deferred": str(r.deferred),
                },
                "change": {
                    "person_paid": str(r.person_paid - b.person_paid),
                    "council_paid": str(r.council_paid - b.council_paid),
                },
            },
            "years": [y.as_dict() for y in self.years],
            "baseline_account": b.as_dict(segments=segments),
            "reform_account": r.as_dict(segments=segments),
            "notes": list(SIMPLIFICATIONS),
            "explanation": self.explanation.to_dict() if self.explanation is not None else None,
        }

    def render_table(self, locale: str = "en_GB") -> str:
        money = lambda v: format_currency(v, "GBP", locale=locale)
        head = ("Year", "From", "Baseline: adult", "Baseline: council", "Reform: adult", "Reform: council", "Adult change", "Accrued")
        rows = [head]
        for y in self.years:
            rows.append(
                (
                    str(y.year),
                    format_date(y.start, "d MMM yyyy", locale=locale),
                    money(y.baseline_person),
                    money(y.baseline_council),
                    money(y.reform_person),
                    money(y.reform_council),
                    money(y.person_change),
                    money(y.accrued_total),
                )
            )
        b, r = self.baseline, self.reformed
        rows.append(
            (
                "All",
                "",
                money(b.person_paid),
                money(b.council_paid),
                money(r.person_paid),
                money(r.council_paid),
                money(r.person_paid - b.person_paid),
                money(r.accrued),
            )
        )
        widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
        lines = []
        for j, row in enumerate(rows):
            lines.append("  ".join(cell.rjust(widths[i]) if i > 1 else cell.ljust(widths[i]) for i, cell in enumerate(row)))
            if j == 0 or j == len(rows) - 2:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def render_text(self, locale: str = "en_GB") -> str:
        r = self.reformed
        parts = [
            (f"{self.spell.id}: {self.reform} compared with the current rules over {self.baseline.weeks} weeks "
            f"from {format_date(self.spell.care_start, 'd MMMM yyyy', locale=locale)}"),
            "",
            self.render_table(locale),
            "",
        ]
        if r.cap_amount is not None:
            if r.cap_reached_on is not None:
                parts.append(
                    f"The cap of {format_currency(r.cap_amount, 'GBP', locale=locale)} is reached on "
                    f"{format_date(r.cap_reached_on, 'd MMMM yyyy', locale=locale)} (week {r.weeks_to_cap})."
                )
            else:
                parts.append(
                    f"The cap of {format_currency(r.cap_amount, 'GBP', locale=locale)} is not reached: "
                    f"{format_currency(r.accrued, 'GBP', locale=locale)} accrued."
                )
        parts.append("")
        parts.append("Simplifications: " + " ".join(SIMPLIFICATIONS))
        if self.explanation is not None:
            parts += ["", self.explanation.render_text(locale)]
        return "\n".join(parts)


def _years(a: AccountResult, b: AccountResult) -> tuple[YearComparison, ...]:
    out = []
    for ya, yb in zip(a.years, b.years):
        out.append(
            YearComparison(
                year=ya.index,
                start=ya.start,
                end=ya.end,
                weeks=ya.weeks,
                baseline_person=ya.person_paid,
                baseline_council=ya.council_paid,
                reform_person=yb.person_paid,
                reform_council=yb.council_paid,
                accrued_total=yb.accrued_total,
                cap_reached_on=yb.cap_reached_on,
                baseline_wealth_end=ya.wealth_end,
                reform_wealth_end=yb.wealth_end,
            )
        )
    return tuple(out)


def compare(
    spell: CareSpell | Mapping[str, Any],
    *,
    reform: str | Path | Layer,
    years: int | None = None,
    base: str = "england",
    overlays: Sequence[str | Path | Layer] = (),
    explain: bool = True,
    assessor: Assessor | None = None,
) -> Comparison:
    """Run ``spell`` for ``years`` (default: its own length) under the baseline and under ``reform``."""
    if not isinstance(spell, CareSpell):
        spell = spell_from_mapping(spell)
    if assessor is None:
        from .engine import charging_assessor

        assessor = charging_assessor
    layer = load_reform(reform)
    baseline_rules = reform_ruleset(None, base=base, overlays=overlays)
    reform_rules = baseline_rules.with_overlay(layer)
    weeks = years * WEEKS_IN_YEAR if years else None
    a = run_account(spell, baseline_rules, assessor=assessor, weeks=weeks, explain=explain)
    b = run_account(spell, reform_rules, assessor=assessor, weeks=weeks, explain=explain)
    rows = _years(a, b)
    layer_info = {
        "name": layer.name,
        "version": layer.version,
        "digest": layer.digest,
        "description": layer.description,
        "source": layer.source.as_dict() if layer.source else None,
    }
    explanation = None
    if explain:
        trace = Trace()
        with trace.group(
            COMPARE,
            N_("{case}: the current rules and {reform} compared over {weeks} weeks"),
            args={"case": spell.id, "reform": layer.name, "weeks": a.weeks},
        ) as top:
            with trace.group(BASELINE, N_("Under the current rules the adult pays {person} and the council {council}"),
                             args={"person": gbp(a.person_paid), "council": gbp(a.council_paid)}) as g:
                if g is not None and a.trace is not None:
                    g.children.extend(a.trace.steps)
            with trace.group(REFORM, N_("Under {reform} the adult pays {person} and the council {council}"),
                             args={"reform": layer.name, "person": gbp(b.person_paid), "council": gbp(b.council_paid)}) as g:
                if g is not None and b.trace is not None:
                    g.children.extend(b.trace.steps)
            for y in rows:
                trace.add(
                    YEAR,
                    N_(
                        "Year {year} ({start} to {end}): the adult pays {bp} now and {rp} under the reform "
                        "(a change of {dp}); the council pays {bc} now and {rc} under the reform"
                    ),
                    args={
                        "year": y.year,
                        "start": y.start,
                        "end": y.end,
                        "bp": gbp(y.baseline_person),
                        "rp": gbp(y.reform_person),
                        "dp": gbp(y.person_change),
                        "bc": gbp(y.baseline_council),
                        "rc": gbp(y.reform_council),
                    },
                    output=y.as_dict(),
                )
            Trace.close(top, output={"person_change": str(b.person_paid - a.person_paid)})
        explanation = Explanation.from_trace("reform.compare", spell.care_start, reform_rules.identity(), trace)
    return Comparison(
        spell=spell,
        reform=layer.name,
        reform_layer=layer_info,
        baseline=a,
        reformed=b,
        years=rows,
        explanation=explanation,
    )
