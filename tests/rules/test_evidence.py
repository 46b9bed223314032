"""The evidence behind the figures: each dated value with its status and source, per financial year."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from datetime import date

import pytest

from careact.cli import main
from careact.errors import RuleSetError
from careact.rules import load_layer, load_ruleset
from careact.rules.evidence import (
    figures,
    figures_in_force,
    figures_in_year,
    financial_year,
    financial_year_label,
    summary_by_year,
    year_summary,
    years_covered,
)
from careact.rules.model import Status


@pytest.fixture(scope="module")
def england():
    return load_ruleset("england")


def test_financial_years_run_from_1_april():
    assert financial_year(date(2025, 3, 31)) == 2024
    assert financial_year(date(2025, 4, 1)) == 2025
    assert financial_year_label(2025) == "2025-26"
    assert financial_year_label(1999) == "1999-00"


def test_every_dated_value_and_every_scale_cell_is_a_figure(england):
    layer = england.base
    expected = sum(len(p.values) * (len(p.keys) if p.keys else 1) for p in layer.parameters.values())
    all_figures = figures(england)
    assert len(all_figures) == expected
    pea = [f for f in all_figures if f.parameter == "allowances.personal_expenses"]
    assert [(f.start, f.end) for f in pea[:2]] == [
        (date(2015, 4, 1), date(2015, 4, 5)),
        (date(2015, 4, 6), date(2022, 4, 5)),
    ]
    assert pea[-1].end is None  # the latest value is open-ended
    mig = [f for f in all_figures if f.parameter == "mig.premiums" and f.start == date(2023, 4, 6)]
    assert {f.label: f.status for f in mig}[
        "mig.premiums[carer]"
    ] is Status.SECONDARY  # the cell's own citation
    assert {f.label: f.status for f in mig}["mig.premiums[disability_single]"] is Status.UNVERIFIED


def test_a_value_belongs_to_every_year_it_is_in_force_in(england):
    def aa_starts(year):
        return sorted(
            {
                f.start
                for f in figures_in_year(england, year)
                if f.parameter == "benefits.attendance_allowance"
            }
        )

    # the 2015-16 rate runs to 10 April 2016, so 2016-17 holds both it and the rate from 11 April 2016
    assert aa_starts(2016) == [date(2015, 4, 6), date(2016, 4, 11)]
    assert aa_starts(2015) == [date(2015, 4, 6)]
    # a value unchanged since 2015 belongs to every year
    assert all(
        any(f.parameter == "property.disregard_weeks" for f in figures_in_year(england, y))
        for y in years_covered(england)
    )


def test_the_summary_counts_the_year_figures_by_status(england):
    assert years_covered(england) == range(2015, 2027)  # figures known to 4 April 2027: the 2026-27 year
    rows = summary_by_year(england)
    assert [r.label for r in rows] == [f"{y}-{(y + 1) % 100:02d}" for y in range(2015, 2027)]
    for row in rows:
        in_year = figures_in_year(england, row.year)
        assert row.total == len(in_year)
        assert row.verified == sum(f.status is Status.VERIFIED for f in in_year)
        assert row.unverified == sum(f.status is Status.UNVERIFIED for f in in_year)
        assert row == year_summary(england, row.year)
        assert row.as_dict()["total"] == row.total


def test_in_force_on_a_day_gives_every_cell_with_its_own_citation(england):
    on = date(2026, 7, 1)
    cells = figures_in_force(england, on)
    resolved = england.at(on)
    assert len(cells) == sum(
        len(pv.value) if isinstance(pv.value, Mapping) else 1 for pv in resolved.values()
    )
    carer = next(c for c in cells if c.name == "mig.premiums" and c.key == "carer")
    assert carer.citation.status is Status.UNVERIFIED
    pc = next(
        c
        for c in cells
        if c.name == "benefits.pension_credit_standard_minimum_guarantee" and c.key == "couple"
    )
    assert pc.citation.status is Status.VERIFIED and pc.citation.checked == date(2026, 12, 6)


def test_rules_show_prints_the_status_beside_every_value(capsys):
    assert main(["rules", "show", "england", "--date", "2026-07-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    body = lines[1:-1]
    assert body and all(line.split()[0] in {"verified", "secondary", "unverified"} for line in body)
    assert any(
        line.split()[0] == "unverified" and "allowances.personal_expenses = £31.80" in line for line in body
    )
    assert any(
        line.split()[0] == "verified"
        and "pension_credit_standard_minimum_guarantee[couple] = £363.25" in line
        for line in body
    )
    assert "(source status:" not in "\n".join(body)  # the status has its own column
    n_verified = sum(line.split()[0] == "verified" for line in body)
    assert lines[-1] == (
        f"{len(body)} values: {n_verified} verified, {sum(line.split()[0] == 'secondary' for line in body)} secondary, "
        f"{sum(line.split()[0] == 'unverified' for line in body)} unverified"
    )


RULESET = textwrap.dedent(
    """
    [ruleset]
    name = "t"
    version = "1.0.0"
    jurisdiction = "England"
    description = "test"
    """
)


def _param(values: str) -> str:
    return textwrap.dedent(
        """
        [[parameter]]
        name = "income.savings_credit_disregard"
        """
    ) + textwrap.dedent(values)


def test_checked_is_the_day_the_source_was_read_and_cells_inherit_it(tmp_path):
    (tmp_path / "ruleset.toml").write_text(RULESET)
    (tmp_path / "p.toml").write_text(
        _param(
            """
            [[parameter.values]]
            from = 2024-04-08
            value = { single = "1.00", couple = "2.00" }
            cite = "SI 2024/1 reg 2"
            status = "verified"
            checked = 2026-12-06
            key_status = { couple = "secondary" }
            key_note = { couple = "restated only" }
            """
        )
    )
    layer = load_layer(tmp_path)
    v = layer.parameters["income.savings_credit_disregard"].values[0]
    assert v.citation.checked == date(2026, 12, 6)
    assert v.key_citations["couple"].checked == date(2026, 12, 6)
    assert v.citation.as_dict()["checked"] == "2026-12-06"
    rows = {f.label: f for f in figures(layer)}
    assert rows["income.savings_credit_disregard[couple]"].status is Status.SECONDARY
    assert years_covered(layer) == range(2024, 2025)


@pytest.mark.parametrize("bad", ['"2026-12-06"', "2026-12-06T10:00:00", "20261206"])
def test_checked_must_be_a_date(tmp_path, bad):
    (tmp_path / "ruleset.toml").write_text(RULESET)
    (tmp_path / "p.toml").write_text(
        _param(
            f"""
            [[parameter.values]]
            from = 2024-04-08
            value = {{ single = "1.00", couple = "2.00" }}
            cite = "SI 2024/1 reg 2"
            status = "verified"
            checked = {bad}
            """
        )
    )
    with pytest.raises(RuleSetError) as exc:
        load_layer(tmp_path)
    assert "'checked' must be a TOML date" in str(exc.value)
