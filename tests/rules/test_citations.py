"""Every value names its source: an instrument, or a page it links to; a verified value, a primary one.

What counts (``careact.rules.evidence.citation_problem``):

- **an instrument** named in the citation text -- a numbered statutory instrument (``SI 2014/2672``,
  ``SSI 2025/24``, ``WSI 2015/1844``, ``NI SR 2023/43``), an Act, Regulations, Order or Rules by title
  and year (``Care Act 2014``, ``Social Security Benefits Up-rating Order 2017``), an Act by its usual
  abbreviation and year (``SSCBA 1992``), or the Care and Support Statutory Guidance; or
- **a page**: an ``href`` (an http(s) URL with a host) and citation text of at least two words
  saying what is at it ("source", "link", "see", "here" and the like do not count).

A value marked *verified* must in addition name a primary source: an instrument, or a publication
of Government or Parliament -- linked on an official host (``gov.uk``, ``legislation.gov.uk``,
``parliament.uk``, ``gov.wales``, ``gov.scot``, ``obr.uk``) or named in the text (a written statement,
answer or question, Hansard, a local authority circular, a DWP or DHSC release).

This applies to every dated value and every cell of a scale (a cell may have its own citation) in
the bundled national rule sets and overlays, and to the stated upratings.
"""

from __future__ import annotations

import pytest

from careact.rules import bundled_overlays, bundled_rulesets, load_overlay, load_ruleset
from careact.rules.catalogue import DATA_DIR
from careact.rules.evidence import citation_problem, figures
from careact.rules.model import Citation, Status
from careact.rules.uprating import load_upratings


def _layers():
    for name in bundled_rulesets():
        yield name, load_ruleset(name).base
    for name in bundled_overlays():
        yield name, load_overlay(name)


@pytest.mark.parametrize(("name", "layer"), list(_layers()), ids=lambda x: x if isinstance(x, str) else "")
def test_every_value_names_its_source(name, layer):
    problems = [
        f"{f.label} from {f.start} ({f.status.value}): {problem} -- cite {f.citation.text!r}, href {f.citation.href!r}"
        for f in figures(layer)
        if (problem := citation_problem(f.citation))
    ]
    assert not problems, "\n".join(problems)


def test_every_stated_uprating_names_its_source():
    paths = [
        p for name in bundled_rulesets() if (p := DATA_DIR / name / "uprating" / "uprating.toml").exists()
    ]
    assert DATA_DIR / "england" / "uprating" / "uprating.toml" in paths
    problems = [
        f"{path.parent.parent.name}: {u.targets[0]} from {u.starts[0]}: {problem}"
        for path in paths
        for u in load_upratings(path)
        if (problem := citation_problem(u.citation))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("citation", "ok"),
    [
        (Citation("SI 2014/2672 reg 6, as amended by SI 2023/277 reg 2(2)"), True),
        (Citation("SSI 2025/24 reg 16", status=Status.SECONDARY, note="n"), True),
        (Citation("NI SR 2024/73 art 15 (old values; NI parity)", status=Status.SECONDARY, note="n"), True),
        (Citation("Income Support (General) Regulations 1987 Sch 2 para 1"), True),
        (Citation("SSCBA 1992 s 44(4)"), True),
        (Citation("Care Act 2014 s 14(1)"), True),
        (Citation("Care and Support Statutory Guidance Annex C para 39"), True),
        # a page: linked, and named
        (
            Citation(
                "Reading BC Appendix B 2024-25",
                href="https://www.reading.gov.uk/x",
                status=Status.SECONDARY,
                note="n",
            ),
            True,
        ),
        # named but not linked, and not an instrument
        (Citation("Reading BC Appendix B 2024-25", status=Status.SECONDARY, note="n"), False),
        (Citation("Council policy", status=Status.SECONDARY, note="n"), False),
        # linked but not named
        (Citation("source", href="https://example.org/rates", status=Status.SECONDARY, note="n"), False),
        (Citation("see link", href="https://example.org/rates", status=Status.SECONDARY, note="n"), False),
        (Citation("rates page", href="not a url", status=Status.SECONDARY, note="n"), False),
        # verified needs a primary source
        (
            Citation(
                "thecareadviceline.org benefit rates 2024/25",
                href="https://www.thecareadviceline.org/benefits",
            ),
            False,
        ),
        (
            Citation(
                "DWP Benefit and pension rates 2024 to 2025",
                href="https://www.gov.uk/government/publications/x",
            ),
            True,
        ),
        (
            Citation("Written statement HCWS268 (27 Nov 2017)", href="https://parallelparliament.co.uk/x"),
            True,
        ),
        (Citation("House of Commons Library CBP-9872", href="https://commonslibrary.parliament.uk/x"), True),
    ],
)
def test_what_counts_as_naming_a_source(citation, ok):
    assert (citation_problem(citation) is None) is ok, citation_problem(citation)
