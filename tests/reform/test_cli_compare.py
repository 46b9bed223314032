"""``careact reform ...`` and the compare result: side by side, year by year, each step explained."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal as D

from careact.cli import main
from careact.reform import compare

CASE = {
    "id": "mrs-a",
    "date_of_birth": "1941-09-14",
    "care_start": "2024-04-01",
    "setting": "care_home",
    "la_weekly_rate": "800.00",
    "weekly_fee": "1000.00",
    "weekly_income": "250.00",
    "capital": "60000.00",
    "home_value": "200000.00",
}


def test_compare_year_by_year_and_explained():
    c = compare(CASE, on=date(2024, 4, 1), reform="reform_2021", years=5)
    d = c.as_dict()
    assert d["schema"] == "careact.reform.compare/1" and len(d["years"]) == 5
    assert D(d["totals"]["reform"]["accrued_towards_cap"]) == D("86000.00")
    assert sum(D(y["change"]["person_paid"]) for y in d["years"]) == D(d["totals"]["change"]["person_paid"])
    ids = c.explanation.step_ids()
    for step in ("reform.compare", "reform.care_account", "reform.care_account.metering", "reform.care_account.cap_reached",
                 "reform.compare.year"):
        assert step in ids
    # the means test inside each phase is the engine's own explanation, with its citations
    text = c.render_text()
    assert "The cap of £86,000.00 is reached on" in text and "Health and Care Act 2022 s.166" in text


def test_cli_compare_json(tmp_path, capsys):
    p = tmp_path / "case.json"
    p.write_text(json.dumps(CASE))
    assert main(["reform", "compare", str(p), "--reform", "care_act_2016", "--years", "4", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reform"]["name"] == "reform.care_act_2016" and out["totals"]["reform"]["weeks_to_cap"] == 127


def test_cli_compare_text_with_policy_file(tmp_path, capsys, write_overlay, param):
    policy = write_overlay("lower_cap", param("reform.cap.amount", "GBP", "50000.00") + param("reform.daily_living_costs.weekly", "GBP/week", "200.00"))
    p = tmp_path / "case.json"
    p.write_text(json.dumps(CASE))
    assert main(["reform", "compare", str(p), "--reform", str(policy), "--years", "3"]) == 0
    out = capsys.readouterr().out
    assert "The cap of £50,000.00 is reached" in out


def test_cli_bad_case_names_the_field(tmp_path, capsys):
    p = tmp_path / "case.json"
    p.write_text(json.dumps({**CASE, "la_weekly_rate": 800.5}))
    assert main(["reform", "compare", str(p), "--reform", "reform_2021", "--years", "1"]) == 2
    assert "la_weekly_rate" in capsys.readouterr().err


def test_cli_population_synthetic(tmp_path, capsys):
    assert main(["reform", "population", "--reform", "reform_2021", "--synthetic", "12", "--years", "2",
                 "--executor", "serial", "--format", "json", "--out", str(tmp_path)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["run"]["cases"] == 12 and (tmp_path / "people.parquet").exists() and (tmp_path / "summary.parquet").exists()


def test_cli_list(capsys):
    assert main(["reform", "list"]) == 0
    out = capsys.readouterr().out
    for name in ("care_act_2016", "reform_2021", "cap_75k_floor_100k", "free_personal_care", "home_in_domiciliary_means_test"):
        assert name in out
