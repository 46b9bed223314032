"""One spell of care under the baseline and under a reform, side by side, year by year, each step explained.

>>> from careact.reform import compare                                                   # doctest: +SKIP
>>> c = compare(spell, on=date(2025, 10, 6), reform="reform_2021", years=5)               # doctest: +SKIP
>>> print(c.render_text())                                                                 # doctest: +SKIP

The baseline is the national rule set (or ``rules``) with any council ``overlays``; the reform is the
same with the reform overlay on top. Both run through the same care account and the same charging
engine, so an overlay that changes nothing gives identical figures. ``on`` is the date the comparison
starts: the spell's care start, or the first weekly statement on or after ``on`` for someone already
in care (their capital, income and home as they stand then).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal

from babel.dates import format_date
from babel.numbers import format_currency
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..errors import InputError
from ..explain import N_, Explanation, RuleStep, Trace, gbp
from ..explain.lazy import ExplanationView
from ..money import MoneyOut, NonNegativeMoneyOut
from ..results import CareactResult, ExplanationField, FiguresStatus, check_on, figures_status
from ..rules import Layer, RuleSet
from ..rules.reader import FigureLedger
from .care_account import SIMPLIFICATIONS, WEEKS_IN_YEAR, AccountResult, Assessor, account_start, run_account
from .models import CareSpell, spell_from_mapping
from .overlays import load_reform, reform_ruleset

__all__ = ["COMPARE_SCHEMA", "Comparison", "ComparisonTotals", "ReformLayerInfo", "YearComparison", "compare",
           "merge_figures"]

COMPARE_SCHEMA: Final = "careact.reform.compare/1"

COMPARE = RuleStep(
    id="reform.compare",
    title="Baseline and reform compared",
    citation="Care Act 2014 ss 14-15, 17",
    href="https://www.legislation.gov.uk/ukpga/2014/23/section/15",
)
BASELINE = RuleStep(id="reform.compare.baseline", title="Under the current rules", citation="Care Act 2014 s 14; SI 2014/2672")
REFORM = RuleStep(id="reform.compare.reform", title="Under the reform", citation="The reform overlay (each value cited in it)")
YEAR = RuleStep(id="reform.compare.year", title="One year of care compared", citation="Care Act 2014 s 15 (care account)")

_MODEL = ConfigDict(frozen=True, json_schema_serialization_defaults_required=True)


class YearBaseline(BaseModel):
    model_config = _MODEL
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    wealth_end: NonNegativeMoneyOut


class YearReform(BaseModel):
    model_config = _MODEL
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    accrued_total: NonNegativeMoneyOut
    cap_reached_on: date | None
    wealth_end: NonNegativeMoneyOut


class Change(BaseModel):
    """Reform less baseline (negative: the reform costs less)."""

    model_config = _MODEL
    person_paid: MoneyOut
    council_paid: MoneyOut


class YearComparison(BaseModel):
    """One care-account year under the baseline and under the reform."""

    model_config = _MODEL
    year: int
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    weeks: int
    baseline: YearBaseline
    reform: YearReform
    change: Change

    @property
    def baseline_person(self) -> Decimal:
        return self.baseline.person_paid

    @property
    def baseline_council(self) -> Decimal:
        return self.baseline.council_paid

    @property
    def reform_person(self) -> Decimal:
        return self.reform.person_paid

    @property
    def reform_council(self) -> Decimal:
        return self.reform.council_paid

    @property
    def accrued_total(self) -> Decimal:
        return self.reform.accrued_total

    @property
    def cap_reached_on(self) -> date | None:
        return self.reform.cap_reached_on

    @property
    def baseline_wealth_end(self) -> Decimal:
        return self.baseline.wealth_end

    @property
    def reform_wealth_end(self) -> Decimal:
        return self.reform.wealth_end

    @property
    def person_change(self) -> Decimal:
        return self.change.person_paid

    @property
    def council_change(self) -> Decimal:
        return self.change.council_paid

    def as_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


class BaselineTotals(BaseModel):
    model_config = _MODEL
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    self_funder_weeks: int
    wealth_end: NonNegativeMoneyOut


class ReformTotals(BaseModel):
    model_config = _MODEL
    person_paid: NonNegativeMoneyOut
    council_paid: NonNegativeMoneyOut
    self_funder_weeks: int
    cap: NonNegativeMoneyOut | None
    accrued_towards_cap: NonNegativeMoneyOut
    cap_reached_on: date | None
    weeks_to_cap: int | None
    wealth_end: NonNegativeMoneyOut
    deferred: NonNegativeMoneyOut


class ComparisonTotals(BaseModel):
    """The totals over the whole comparison."""

    model_config = _MODEL
    baseline: BaselineTotals
    reform: ReformTotals
    change: Change


class ReformLayerInfo(BaseModel):
    """The reform overlay compared: its name, version, content digest, description and source."""

    model_config = _MODEL
    name: str
    version: str
    digest: str
    description: str
    source: dict[str, Any] | None


class Comparison(CareactResult):
    """A spell under the baseline and under a reform: totals, year by year, both accounts, explained."""

    model_config = ConfigDict(frozen=True, title="careact reform comparison")
    schema_: Literal["careact.reform.compare/1"] = Field(COMPARE_SCHEMA, alias="schema")
    on: date = Field(description="The date the comparison was asked from.")
    inputs: CareSpell = Field(serialization_alias="case", description="The care spell as normalised by careact.")
    reform_layer: ReformLayerInfo = Field(serialization_alias="reform")
    weeks: int
    totals: ComparisonTotals
    years: tuple[YearComparison, ...]
    baseline: AccountResult = Field(serialization_alias="baseline_account")
    reformed: AccountResult = Field(serialization_alias="reform_account")
    notes: tuple[str, ...] = SIMPLIFICATIONS
    figures: FiguresStatus = Field(
        description="Whether any figure the result rests on is unverified or only from a secondary source.")
    ruleset: dict[str, Any] = Field(description="The identity of the reform's rule set (the baseline's is in baseline_account).")
    careact_version: str
    explanation: ExplanationField = Field(
        None, description="The careact.explain/1 document (a mapping; built when first read); None with explain=False.")

    @property
    def spell(self) -> CareSpell:
        return self.inputs

    @property
    def reform(self) -> str:
        """The reform overlay's name."""
        return self.reform_layer.name

    def as_dict(self, *, segments: bool = False) -> dict[str, Any]:
        """The ``careact.reform.compare/1`` document (with every account segment if ``segments``)."""
        out = self.to_dict()
        if not segments:
            for side in ("baseline_account", "reform_account"):
                del out[side]["segments"]
        return out

    def render_table(self, locale: str = "en_GB") -> str:
        def money(v: Decimal) -> str:
            return format_currency(v, "GBP", locale=locale)

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
        if self.figures.notice:
            parts += ["", self.figures.notice]
        return "\n".join(parts)


def _years(a: AccountResult, b: AccountResult) -> tuple[YearComparison, ...]:
    out = []
    for ya, yb in zip(a.years, b.years):
        out.append(
            YearComparison.model_construct(
                year=ya.index,
                start=ya.start,
                end=ya.end,
                weeks=ya.weeks,
                baseline=YearBaseline(person_paid=ya.person_paid, council_paid=ya.council_paid, wealth_end=ya.wealth_end),
                reform=YearReform(person_paid=yb.person_paid, council_paid=yb.council_paid,
                                  accrued_total=yb.accrued_total, cap_reached_on=yb.cap_reached_on,
                                  wealth_end=yb.wealth_end),
                change=Change(person_paid=yb.person_paid - ya.person_paid, council_paid=yb.council_paid - ya.council_paid),
            )
        )
    return tuple(out)


def _totals(a: AccountResult, b: AccountResult) -> ComparisonTotals:
    return ComparisonTotals(
        baseline=BaselineTotals(person_paid=a.person_paid, council_paid=a.council_paid,
                                self_funder_weeks=a.self_funder_weeks, wealth_end=a.wealth_end),
        reform=ReformTotals(person_paid=b.person_paid, council_paid=b.council_paid, self_funder_weeks=b.self_funder_weeks,
                            cap=b.cap_amount, accrued_towards_cap=b.accrued, cap_reached_on=b.cap_reached_on,
                            weeks_to_cap=b.weeks_to_cap, wealth_end=b.wealth_end, deferred=b.deferred),
        change=Change(person_paid=b.person_paid - a.person_paid, council_paid=b.council_paid - a.council_paid),
    )


def merge_figures(on: date, *statuses: FiguresStatus) -> FiguresStatus:
    """One :class:`~careact.results.FiguresStatus` for the figures of several results together."""
    ledger = FigureLedger()
    for st in statuses:
        ledger.unverified.update(dict.fromkeys(st.unverified))
        ledger.secondary.update(dict.fromkeys(st.secondary))
    return figures_status(ledger, on)


def _spell(case: CareSpell | Mapping[str, Any], on: date | None) -> CareSpell:
    if isinstance(case, CareSpell):
        return case
    if not isinstance(case, Mapping):
        raise InputError.single("case", f"must be a care spell (a mapping or a CareSpell), not {type(case).__name__}", "type")
    return spell_from_mapping(case, care_start=on)


def compare(
    case: CareSpell | Mapping[str, Any],
    *,
    on: date | None = None,
    reform: str | Path | Layer,
    years: int | None = None,
    rules: RuleSet | None = None,
    overlays: Sequence[str | Path | Layer] = (),
    explain: bool = True,
    base: str = "england",
    assessor: Assessor | None = None,
) -> Comparison:
    """Run ``case`` from ``on`` for ``years`` (default: what is left of the spell) under the baseline and ``reform``.

    ``case`` is a care spell (``careact.case.reform/1``; a mapping may leave out ``care_start``, which
    is then ``on``). ``rules`` is the baseline rule set (default: the bundled ``base`` set), with
    ``overlays`` (council policy, applied to both sides) on top; ``reform`` is a bundled reform name,
    an overlay file or an in-memory :class:`~careact.rules.Layer` (``layer = "reform"``). Raises
    :class:`~careact.errors.InputError` naming every field at fault.

    .. versionchanged:: 0.2.0
       ``on`` is required and ``rules`` may be given; without ``on`` the comparison starts at the
       spell's care start, with a :class:`DeprecationWarning`, until 0.3.
    """
    if on is None:
        spell = _spell(case, None)
        warnings.warn("careact.reform.compare: pass on= (the date the comparison starts, compare(case, on=..., "
                      "reform=...)); without it the spell's care start is used until careact 0.3",
                      DeprecationWarning, stacklevel=2)
        day = spell.care_start
    else:
        day = check_on(on)
        spell = _spell(case, day)
    if years is not None and (isinstance(years, bool) or not isinstance(years, int) or years < 1):
        raise InputError.single("years", f"must be a whole number of years, at least 1 (got {years!r})", "range")
    if assessor is None:
        from .engine import charging_assessor

        assessor = charging_assessor
    layer = load_reform(reform)
    baseline_rules = reform_ruleset(None, base=base, overlays=overlays, rules=rules)
    reform_rules = baseline_rules.with_overlay(layer)
    start = account_start(spell, day)
    weeks = years * WEEKS_IN_YEAR if years else None
    a = run_account(spell, baseline_rules, assessor=assessor, weeks=weeks, on=day, explain=explain)
    b = run_account(spell, reform_rules, assessor=assessor, weeks=weeks, on=day, explain=explain)
    rows = _years(a, b)
    layer_info = ReformLayerInfo(
        name=layer.name,
        version=layer.version,
        digest=layer.digest,
        description=layer.description,
        source=layer.source.as_dict() if layer.source else None,
    )
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
                if g is not None and a.explanation is not None:
                    g.children.extend(a.explanation.explanation.steps)
            with trace.group(REFORM, N_("Under {reform} the adult pays {person} and the council {council}"),
                             args={"reform": layer.name, "person": gbp(b.person_paid), "council": gbp(b.council_paid)}) as g:
                if g is not None and b.explanation is not None:
                    g.children.extend(b.explanation.explanation.steps)
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
        explanation = ExplanationView(Explanation.from_trace("reform.compare", start, reform_rules.identity(), trace))
    return Comparison.model_construct(
        on=day,
        inputs=spell,
        reform_layer=layer_info,
        weeks=a.weeks,
        totals=_totals(a, b),
        years=rows,
        baseline=a.model_copy(update={"explanation": None}),
        reformed=b.model_copy(update={"explanation": None}),
        figures=merge_figures(start, a.figures, b.figures),
        ruleset=reform_rules.identity(),
        careact_version=__version__,
        explanation=explanation,
    )
