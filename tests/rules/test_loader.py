"""Loading and validating rule-set data: every validation failure has its own message and location."""

from __future__ import annotations

from decimal import Decimal

import pytest

from careact.errors import RuleSetError
from careact.rules import load_layer, validate_path
from careact.rules.model import Status, Unit

GOOD = """
[[parameter]]
name = "capital.upper_limit"
description = "Upper capital limit"
unit = "GBP"

[[parameter.values]]
from = 2015-04-01
value = "23250.00"
cite = "SI 2014/2672 reg 12"
href = "https://www.legislation.gov.uk/uksi/2014/2672/regulation/12"
status = "verified"

[[parameter.values]]
from = 2026-04-06
value = 30000
cite = "Test uprating"
status = "unverified"
note = "made up for the test"

[[parameter]]
name = "income.savings_credit_disregard"
description = "Savings credit disregard, as this test's rule set records it"

[[parameter.values]]
from = 2015-04-01
value = { single = "189.00", couple = "144.30" }
cite = "SI 2014/2672 reg 7"
status = "verified"
key_status = { couple = "secondary" }
key_note = { couple = "council page" }
"""


def test_loads_values_as_exact_decimals(make_ruleset):
    layer = load_layer(make_ruleset({"a.toml": GOOD}))
    p = layer.parameters["capital.upper_limit"]
    assert p.unit is Unit.GBP
    assert p.values[0].value == Decimal("23250.00")
    assert isinstance(p.values[1].value, Decimal)
    assert p.values[1].citation.status is Status.UNVERIFIED
    scale = layer.parameters["income.savings_credit_disregard"]
    assert scale.keys == ("single", "couple")
    assert scale.values[0].key_citations["couple"].status is Status.SECONDARY
    assert layer.id == "testland@1.0.0"
    assert layer.digest.startswith("sha256:")


def _problems(make_ruleset, body: str) -> list[str]:
    return [str(p) for p in validate_path(make_ruleset({"p.toml": body}))]


def _param(value_lines: str, head: str = 'name = "capital.upper_limit"') -> str:
    return f"[[parameter]]\n{head}\n{value_lines}"


V = '[[parameter.values]]\nfrom = {d}\nvalue = "{v}"\ncite = "c"\nstatus = "verified"\n'


@pytest.mark.parametrize(
    "body, message, line",
    [
        (_param(V.format(d="2015-04-01", v="1.00"), 'name = "capital.upper_limit"\nunit = "GBP per fortnight"'),
         "capital.upper_limit is declared in GBP, not 'GBP per fortnight'", 1),
        (_param(V.format(d="2015-04-01", v="1.00"), 'name = "capital.upper_limit"\nunit = "GBP/week"'),
         "capital.upper_limit is declared in GBP, not 'GBP/week'", 1),
        (_param(V.format(d="2015-04-01", v="1.00"), 'name = "capital.uper_limit"'),
         "careact declares no parameter 'capital.uper_limit' (did you mean 'capital.upper_limit'", 1),
        (_param(V.format(d="2015-04-01", v="1.00"), 'name = "capital.upper_limit"\nkind = "scale"'),
         "capital.upper_limit is declared as a single value, not kind = 'scale'", 1),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nvalue = "1.00"\nstatus = "verified"\n'),
         "missing citation", 3),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nvalue = "1.00"\ncite = "c"\nstatus = "unverified"\n'),
         "an unverified value needs a 'note'", 3),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nvalue = "1.00"\ncite = "c"\nstatus = "maybe"\n'),
         "'status' must be one of", 3),
        (_param(V.format(d="2016-04-01", v="1.00") + V.format(d="2015-04-01", v="2.00")),
         "values are not in date order", 8),
        (_param(V.format(d="2015-04-01", v="1.00") + V.format(d="2015-04-01", v="2.00")),
         "two values start on 2015-04-01: periods overlap", 8),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nto = 2016-03-31\nvalue = "1.00"\ncite = "c"\nstatus = "verified"\n'
                + V.format(d="2016-06-01", v="2.00")),
         "gap: nothing in force from 2016-04-01 to 2016-05-31", 9),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nto = 2016-12-31\nvalue = "1.00"\ncite = "c"\nstatus = "verified"\n'
                + V.format(d="2016-06-01", v="2.00")),
         "overlaps the previous one", 9),
        (_param(V.format(d="2015-04-01", v="twelve")), "'twelve' is not a decimal number", 3),
        (_param(V.format(d="2015-04-01", v="12.345")), "whole pence", 3),
        (_param(V.format(d="2015-04-01", v="-1.00")), "must not be negative", 3),
        (_param(V.format(d="1900-04-01", v="1.00")), "outside 1990-01-01..2100-12-31", 3),
        (_param('[[parameter.values]]\nfrom = "2015-04-01"\nvalue = "1.00"\ncite = "c"\nstatus = "verified"\n'),
         "'from' must be a TOML date", 3),
        (_param(V.format(d="2015-04-01", v="1"), 'name = "property.disregard_weeks"'),
         "a weeks value must be a whole number", 3),
        (_param(V.format(d="2015-04-01", v="1"), 'name = "capital.sale_expenses_rate"').replace('"1"', "1.5"),
         "a rate is a fraction between 0 and 1", 3),
        (_param(V.format(d="2015-04-01", v="1.00"), 'name = "Bad Name"'),
         "parameter name must be dotted lower_snake", 1),
        (_param(V.format(d="2015-04-01", v="1.00"), 'name = "capital.upper_limit"\ndescription = ""'),
         "'description', if given, must be a non-empty string", 1),
        (_param("", 'name = "capital.upper_limit"'), "needs at least one", 1),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nvalue = { single = "1.00" }\ncite = "c"\nstatus = "verified"\n',
                'name = "income.savings_credit_disregard"'),
         "scale value is missing keys: couple", 3),
        (_param('[[parameter.values]]\nfrom = 2015-04-01\nvalue = "own_contribution_typo"\ncite = "c"\nstatus = "verified"\n',
                'name = "reform.cap.metering"'),
         "'own_contribution_typo' is not one of personal_budget, own_contribution", 3),
        (_param(V.format(d="2015-04-01", v="1.00") + 'colour = "blue"\n'), "unknown field 'colour' in value", 3),
        ("[[parameter]\nname = 1", "not valid TOML", 1),
    ],
)
def test_each_validation_failure_is_reported_with_its_line(make_ruleset, body, message, line):
    problems = _problems(make_ruleset, body)
    assert any(message in p for p in problems), problems
    hit = next(p for p in problems if message in p)
    assert f"p.toml:{line}" in hit, hit


def test_all_problems_reported_at_once(make_ruleset):
    body = _param(V.format(d="2015-04-01", v="x")) + "\n" + _param(
        V.format(d="2015-04-01", v="1.00"), 'name = "c.d"\ndescription = "d"\nunit = "furlongs"'
    )
    problems = validate_path(make_ruleset({"p.toml": body}))
    assert len(problems) == 2
    with pytest.raises(RuleSetError) as info:
        load_layer(make_ruleset({"p.toml": body}))
    assert len(info.value.problems) == 2
    assert "2 problem(s)" in str(info.value)


def test_duplicate_parameter_across_files(make_ruleset):
    p = _param(V.format(d="2015-04-01", v="1.00"))
    problems = [str(x) for x in validate_path(make_ruleset({"a.toml": p, "b.toml": p}))]
    assert any("defined twice" in x for x in problems)


def test_missing_ruleset_metadata(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "ruleset.toml").write_text('[ruleset]\nname = "x"\nversion = "one"\n')
    problems = [str(p) for p in validate_path(tmp_path / "x")]
    assert any("version must be semantic" in p for p in problems)
    assert any("non-empty 'description'" in p for p in problems)


def test_nonexistent_path(tmp_path):
    assert "no such rule-set directory" in str(validate_path(tmp_path / "nope")[0])


def test_digest_ignores_formatting_but_not_values(make_ruleset, tmp_path):
    a = load_layer(make_ruleset({"a.toml": GOOD}, name="testland"))
    reformatted = "# a comment\n" + GOOD.replace('value = "23250.00"', "value = 23250.00")
    b_dir = make_ruleset({"a.toml": reformatted}, name="testland2")
    (b_dir / "ruleset.toml").write_text((b_dir / "ruleset.toml").read_text().replace("testland2", "testland"))
    b = load_layer(b_dir)
    assert a.digest == b.digest
    c_dir = make_ruleset({"a.toml": GOOD.replace("23250.00", "23250.01")}, name="testland3")
    (c_dir / "ruleset.toml").write_text((c_dir / "ruleset.toml").read_text().replace("testland3", "testland"))
    assert load_layer(c_dir).digest != a.digest


def test_bundled_england_digest_is_stable_across_loads():
    from careact.rules.catalogue import DATA_DIR

    first = load_layer(DATA_DIR / "england")
    second = load_layer(DATA_DIR / "england")
    assert first.digest == second.digest
