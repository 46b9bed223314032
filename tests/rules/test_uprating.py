"""Every year's figures follow from the previous year's by the uprating their source states.

The stated upratings are data, each with its citation: ``rules/data/england/uprating/uprating.toml``
(DWP benefits by the September CPI, the state pensions by the triple lock, the Pension Credit standard
minimum guarantee by earnings or a stated cash amount, the charging allowances by what the local
authority circular or DHSC said, the capital limits frozen). A figure must be a whole number of 5p
and within 5p (unless the entry says otherwise) of the previous figure times the stated factor -- which
catches a mistyped figure such as £30.56 for £30.65 -- and every change of a money figure after its
first value must be accounted for by a stated uprating.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from types import MappingProxyType

import pytest

from careact.errors import RuleSetError
from careact.rules import load_ruleset
from careact.rules.catalogue import DATA_DIR
from careact.rules.model import Layer
from careact.rules.uprating import load_upratings, unexplained_changes, uprating_mismatches

UPRATING = DATA_DIR / "england" / "uprating" / "uprating.toml"


@pytest.fixture(scope="module")
def england():
    return load_ruleset("england")


@pytest.fixture(scope="module")
def upratings():
    return load_upratings(UPRATING)


def _money_parameters_that_change(layer: Layer) -> list[str]:
    return sorted(n for n, p in layer.parameters.items() if p.unit.is_money and len(p.values) > 1)


def test_every_figure_follows_its_stated_uprating(england, upratings):
    mismatches = uprating_mismatches(england, upratings)
    assert not mismatches, "\n".join(map(str, mismatches))


def test_every_change_of_a_money_figure_has_a_stated_uprating(england, upratings):
    names = _money_parameters_that_change(england.base)
    assert "allowances.personal_expenses" in names and "benefits.attendance_allowance" in names
    missing = unexplained_changes(england, upratings, names)
    assert not missing, "no stated uprating for: " + ", ".join(f"{label} from {d}" for label, d in missing)


def _with_value(layer: Layer, name: str, start: date, value, key: str | None = None) -> Layer:
    """A copy of the layer with one figure replaced (as a typo in the data file would)."""
    p = layer.parameters[name]
    values = []
    for v in p.values:
        if v.start == start:
            new = dict(v.value) if key else value
            if key:
                new[key] = value
                new = MappingProxyType(new)
            v = dataclasses.replace(v, value=new)
        values.append(v)
    params = dict(layer.parameters)
    params[name] = dataclasses.replace(p, values=tuple(values))
    return dataclasses.replace(layer, parameters=MappingProxyType(params))


@pytest.mark.parametrize(
    ("name", "start", "key", "typo"),
    [
        ("allowances.personal_expenses", date(2025, 4, 6), None, "30.56"),  # transposed digits, not a 5p step
        (
            "allowances.personal_expenses",
            date(2025, 4, 6),
            None,
            "30.60",
        ),  # a 5p step, but 6p off 30.15 x 1.017
        ("mig.personal_amount", date(2024, 4, 6), "single_pca", "228.20"),
        ("benefits.attendance_allowance", date(2024, 4, 8), "higher", "105.85"),
        ("benefits.pension_credit_standard_minimum_guarantee", date(2019, 4, 8), "couple", "255.52"),
        ("capital.upper_limit", date(2025, 4, 1), None, "23520.00"),
    ],
)
def test_a_mistyped_figure_is_caught(england, upratings, name, start, key, typo):
    broken = _with_value(england.base, name, start, Decimal(typo), key)
    mismatches = uprating_mismatches(broken, upratings)
    label = f"{name}[{key}]" if key else name
    # the mistyped figure is reported (and perhaps the next year's, now uprated from a wrong base); nothing else
    assert (label, start) in [(m.label, m.start) for m in mismatches], mismatches
    assert {m.label for m in mismatches} == {label}
    assert next(m for m in mismatches if m.start == start).actual == Decimal(typo)


def test_a_figure_changed_without_a_stated_uprating_is_reported(england, upratings):
    p = england.base.parameters["income.war_pension_disregard"]
    later = dataclasses.replace(p.values[-1], start=date(2024, 4, 8))
    layer = dataclasses.replace(
        england.base,
        parameters=MappingProxyType(
            {**england.base.parameters, p.name: dataclasses.replace(p, values=(*p.values, later))}
        ),
    )
    assert unexplained_changes(layer, upratings, [p.name]) == [(p.name, date(2024, 4, 8))]


def test_an_uprating_for_a_date_with_no_new_value_is_a_mismatch(england, upratings, tmp_path):
    path = tmp_path / "uprating.toml"
    path.write_text(
        '[[uprating]]\nfrom = 2019-04-06\nparameters = ["allowances.personal_expenses"]\npercent = "2.4"\n'
        'cite = "SI 2014/2672 reg 6"\nstatus = "verified"\n',
        encoding="utf-8",
    )
    [m] = uprating_mismatches(england, load_upratings(path))
    assert (m.label, m.start) == ("allowances.personal_expenses", date(2019, 4, 6))
    assert "no value" in m.reason


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('from = 2024-04-08\nparameters = ["x.y"]\ncite = "c"\nstatus = "verified"\n', "exactly one of"),
        (
            'from = 2024-04-08\nparameters = ["x.y"]\npercent = "1"\nadd = "2"\ncite = "c"\nstatus = "verified"\n',
            "exactly one of",
        ),
        (
            'from = 2024-04-08\nparameters = ["x.y"]\npercent = "1"\ncite = "c"\nstatus = "secondary"\n',
            "needs a 'note'",
        ),
        (
            'from = "2024"\nparameters = ["x.y"]\npercent = "1"\ncite = "c"\nstatus = "verified"\n',
            "'from' must be",
        ),
        (
            'from = 2024-04-08\nparameters = []\npercent = "1"\ncite = "c"\nstatus = "verified"\n',
            "'parameters'",
        ),
        (
            'from = 2024-04-08\nparameters = ["x.y"]\npercent = "one"\ncite = "c"\nstatus = "verified"\n',
            "'percent' must be a decimal",
        ),
        (
            'from = 2024-04-08\nparameters = ["x.y"]\npercent = "1"\ncite = "c"\nstatus = "verified"\nfactor = 2\n',
            "unknown field 'factor'",
        ),
    ],
)
def test_a_malformed_uprating_file_is_rejected_with_the_problem_named(tmp_path, body, message):
    path = tmp_path / "uprating.toml"
    path.write_text("[[uprating]]\n" + body, encoding="utf-8")
    with pytest.raises(RuleSetError) as exc:
        load_upratings(path)
    assert message in str(exc.value)
