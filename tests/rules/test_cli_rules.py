"""``careact rules``: list, show, validate (including an overlay against its base), diff."""

from __future__ import annotations

import json
import textwrap

from careact.cli import main
from careact.rules import bundled_overlays

BAD_REFORM = textwrap.dedent(
    """
    [overlay]
    name = "reform.broken"
    version = "1.0.0"
    layer = "reform"
    base = "england"
    description = "a reform file with two mistakes"
    source = "test"

    [[parameter]]
    name = "reform.cap.amount"
    description = "cap"
    unit = "GBP/week"
    [[parameter.values]]
    from = 2025-04-01
    value = "1.00"
    cite = "c"
    status = "verified"

    [[parameter]]
    name = "capital.upper_limit"
    description = "limit"
    unit = "rate"
    [[parameter.values]]
    from = 2025-04-01
    value = "0.5"
    cite = "c"
    status = "verified"
    """
)


def test_every_bundled_overlay_validates(capsys):
    from careact.rules.catalogue import DATA_DIR

    for name in bundled_overlays():
        assert main(["rules", "validate", str(DATA_DIR / "overlays" / f"{name}.toml")]) == 0
    assert main(["rules", "validate", str(DATA_DIR / "england")]) == 0


def test_validate_checks_an_overlay_against_its_base_and_its_reform_terms(tmp_path, capsys):
    path = tmp_path / "broken.toml"
    path.write_text(BAD_REFORM)
    assert main(["rules", "validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "2 problem(s)" in err
    assert "[capital.upper_limit]: capital.upper_limit is declared in GBP, not 'rate'" in err
    assert "[reform.cap.amount]: reform.cap.amount is declared in GBP, not 'GBP/week'" in err


def test_diff_shows_the_april_uprating(capsys):
    assert main(["rules", "diff", "england@2025-04-06", "england@2025-04-07", "--format", "json"]) == 0
    changes = {c["name"] for c in json.loads(capsys.readouterr().out)["changes"]}
    assert "allowances.personal_expenses" not in changes  # PEA changed on 6 April 2025, a day earlier
    assert any(name.startswith("benefits.") for name in changes)


def test_show_and_list(capsys):
    assert main(["rules", "list"]) == 0
    assert "england@" in capsys.readouterr().out
    assert main(["rules", "show", "england", "--date", "2025-06-01", "--overlay", "council/reading", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    layers = {p["layer_kind"] for p in doc["parameters"]}
    assert layers == {"national", "council"}
