"""The evidence behind a rule set's figures: every dated value with its status and source, by financial year.

Each value of a parameter -- and each cell of a scale, which may carry its own citation -- is a
:class:`Figure`: the value, the days it is in force, and the :class:`~careact.rules.model.Citation`
that says where it comes from, how far it was verified and when the source was read.

A figure belongs to a **financial year** (1 April to 31 March, named by the calendar year it starts
in: ``2025`` is 2025-26) if it is in force on at least one day of that year. A value that changes
during a year (the benefit uprating in the second week of April, a deferred payment interest rate
on 1 January) therefore counts in both years it touches, and a value unchanged since 2015 counts
in every year: the figures of a year are exactly those a council could have applied in it.

>>> from careact.rules import load_ruleset
>>> from careact.rules.evidence import year_summary
>>> row = year_summary(load_ruleset("england"), 2024)
>>> row.label, row.total == row.verified + row.secondary + row.unverified
('2024-25', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlparse

from .model import Citation, Layer, Parameter, ParamValue, Status, Unit
from .ruleset import RuleSet

__all__ = [
    "Figure",
    "YearSummary",
    "citation_problem",
    "figures",
    "figures_in_force",
    "figures_in_year",
    "financial_year",
    "financial_year_label",
    "summary_by_year",
    "year_summary",
    "years_covered",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """One dated value of a parameter (or one cell of a scale), with its source and status."""

    parameter: str
    key: str | None
    value: Any
    unit: Unit
    start: date
    end: date | None  # last day in force (inclusive); None: open-ended
    citation: Citation
    layer: str  # the id of the layer that holds it, e.g. "england@2026.11.0"

    @property
    def label(self) -> str:
        return f"{self.parameter}[{self.key}]" if self.key else self.parameter

    @property
    def status(self) -> Status:
        return self.citation.status

    def in_force_between(self, first: date, last: date) -> bool:
        """Whether the figure is in force on at least one day from ``first`` to ``last`` inclusive."""
        return self.start <= last and (self.end is None or self.end >= first)


@dataclass(frozen=True, slots=True)
class YearSummary:
    """How many of a financial year's figures are verified, secondary and unverified."""

    year: int  # the calendar year the financial year starts in
    verified: int
    secondary: int
    unverified: int

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def total(self) -> int:
        return self.verified + self.secondary + self.unverified

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.label,
            "verified": self.verified,
            "secondary": self.secondary,
            "unverified": self.unverified,
            "total": self.total,
        }


def financial_year(on: date) -> int:
    """The financial year (1 April to 31 March) a day falls in, named by the year it starts in."""
    return on.year if on >= date(on.year, 4, 1) else on.year - 1


def financial_year_label(year: int) -> str:
    """``2025`` -> ``"2025-26"``."""
    return f"{year}-{(year + 1) % 100:02d}"


def _layers(rules: RuleSet | Layer) -> tuple[Layer, ...]:
    return (rules,) if isinstance(rules, Layer) else rules.layers


def _parameter_figures(p: Parameter, layer: Layer) -> Iterator[Figure]:
    for i, v in enumerate(p.values):
        end = v.end
        if end is None and i + 1 < len(p.values):
            end = p.values[i + 1].start - timedelta(days=1)
        if p.keys is None:
            yield Figure(p.name, None, v.value, p.unit, v.start, end, v.citation, layer.id)
            continue
        for k in p.keys:
            cell = v.value[k] if isinstance(v.value, Mapping) else None
            yield Figure(p.name, k, cell, p.unit, v.start, end, v.key_citations.get(k, v.citation), layer.id)


def figures(rules: RuleSet | Layer) -> list[Figure]:
    """Every dated value (every cell of a scale) of a rule set's layers, by parameter, then date."""
    out: list[Figure] = []
    for layer in _layers(rules):
        for name in sorted(layer.parameters):
            out.extend(_parameter_figures(layer.parameters[name], layer))
    return out


def figures_in_year(rules: RuleSet | Layer, year: int) -> list[Figure]:
    """The figures in force on at least one day of the financial year starting 1 April ``year``."""
    first, last = date(year, 4, 1), date(year + 1, 3, 31)
    return [f for f in figures(rules) if f.in_force_between(first, last)]


def _count(items: Iterable[Figure], year: int) -> YearSummary:
    n = dict.fromkeys(Status, 0)
    for f in items:
        n[f.status] += 1
    return YearSummary(year, n[Status.VERIFIED], n[Status.SECONDARY], n[Status.UNVERIFIED])


def year_summary(rules: RuleSet | Layer, year: int) -> YearSummary:
    """Counts of verified, secondary and unverified figures in force in one financial year."""
    return _count(figures_in_year(rules, year), year)


def years_covered(rules: RuleSet | Layer) -> range:
    """The financial years from the first figure to the last year whose figures are known.

    The last year is the one holding the national layer's ``figures_known_to`` date, or, without
    one, the year of the latest start date. A ``figures_known_to`` in the first days of April,
    before that year's annual changes (which fall between 6 and 12 April), closes the year before:
    none of the new year's figures is known.
    """
    layers = _layers(rules)
    starts = [v.start for layer in layers for p in layer.parameters.values() for v in p.values]
    if not starts:
        return range(0)
    known_to = layers[0].figures_known_to
    if known_to is None:
        last = financial_year(max(starts))
    else:
        last = financial_year(known_to - timedelta(days=12))
    return range(financial_year(min(starts)), last + 1)


def summary_by_year(rules: RuleSet | Layer, years: Iterable[int] | None = None) -> list[YearSummary]:
    """The per-year counts for every year covered (or for ``years``)."""
    all_figures = figures(rules)
    out = []
    for year in years if years is not None else years_covered(rules):
        first, last = date(year, 4, 1), date(year + 1, 3, 31)
        out.append(_count((f for f in all_figures if f.in_force_between(first, last)), year))
    return out


def _cells(pv: ParamValue) -> list[ParamValue]:
    if isinstance(pv.value, Mapping):
        return [pv.cell(k) for k in pv.value]
    return [pv]


def figures_in_force(rules: RuleSet, on: date) -> list[ParamValue]:
    """Every value (every cell of a scale, with its own citation) in force on a day, as the rules read it."""
    resolved = rules.at(on)
    return [cell for name in resolved for cell in _cells(resolved[name])]


# --------------------------------------------------------------------------- what a citation must name

# A legal instrument named in the citation text: a numbered statutory instrument (SI 2014/2672,
# SSI 2025/24, WSI 2015/1844, NI SR 2023/43), an Act, Regulations, Order or Rules named with its year
# ("Care Act 2014", "Income Support (General) Regulations 1987", "Up-rating Order 2017"), an Act by its
# usual abbreviation and year ("SSCBA 1992"), or the Care and Support Statutory Guidance.
_INSTRUMENT = re.compile(
    r"\b(?:SI|S\.I\.|SSI|WSI|SR|S\.R\.)\s*\d{4}/\d+"
    r"|\b(?:Act|Regulations|Order|Rules|Measure)(?:\s+\(Northern Ireland\))?\s+\d{4}\b"
    r"|\b(?:SSCBA|SSCB\(NI\)A|SSAA|WRWA)\s+\d{4}\b"
    r"|\bCare and Support Statutory Guidance\b",
    re.IGNORECASE,
)
# A publication of Government or Parliament named in the text: a statement or answer to Parliament,
# a debate, a departmental circular or release.
_OFFICIAL_TEXT = re.compile(
    r"\bwritten (?:ministerial )?(?:statement|answer|question)\b|\bHC(?:WS)?\d+|\bHLWS\d+|\bUIN\b|\bPQ\b"
    r"|\bHansard\b|\bH[CL] Deb\b|\bGrand Committee\b|\blocal authority circular\b|\bLAC\b"
    r"|\b(?:DWP|DHSC)\b",
    re.IGNORECASE,
)
_OFFICIAL_HOSTS = ("gov.uk", "parliament.uk", "gov.wales", "gov.scot", "nidirect.gov.uk", "obr.uk")
_PLACEHOLDERS = {
    "source",
    "sources",
    "link",
    "see",
    "here",
    "page",
    "web",
    "website",
    "tbc",
    "todo",
    "n/a",
    "na",
    "unknown",
    "various",
}


def _names_a_page(text: str, href: str | None) -> bool:
    if not href or not href.startswith(("http://", "https://")) or not urlparse(href).netloc:
        return False
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text) if w.lower() not in _PLACEHOLDERS]
    return len(words) >= 2


def _official_host(href: str | None) -> bool:
    host = urlparse(href or "").netloc.lower().split(":")[0]
    return any(host == h or host.endswith("." + h) for h in _OFFICIAL_HOSTS)


def citation_problem(citation: Citation) -> str | None:
    """What is missing from a citation, or None if it names its source well enough for its status.

    Every citation must name **an instrument** -- a numbered statutory instrument (``SI 2014/2672``,
    ``SSI 2025/24``, ``NI SR 2023/43``), an Act, Regulations, Order or Rules by title and year
    (``Care Act 2014``, ``Social Security Benefits Up-rating Order 2017``), an Act by its usual
    abbreviation (``SSCBA 1992``) or the Care and Support Statutory Guidance -- **or a page**: a
    link (``href``) together with text of at least two words saying what is at it.

    A *verified* citation must name a primary source: an instrument, or a publication of Government
    or Parliament -- linked on an official host (``gov.uk`` including ``legislation.gov.uk``,
    ``parliament.uk``, ``gov.wales``, ``gov.scot``, ``obr.uk``) or named in the text (a written
    statement, answer or question, a debate in Hansard, a local authority circular, a DWP or DHSC
    release).
    """
    text = citation.text.strip()
    instrument = bool(_INSTRUMENT.search(text))
    if not instrument and not _names_a_page(text, citation.href):
        return "names no instrument and no linked page"
    if citation.status is Status.VERIFIED and not (
        instrument or _official_host(citation.href) or _OFFICIAL_TEXT.search(text)
    ):
        return "is marked verified but names no instrument and no publication of Government or Parliament"
    return None
