"""The 2021 reform, bundled twice: the metering as amended in November 2021 (reform_2021: Health and Care Act
2022 s 166, only what the adult is charged counts) and the original metering (reform_2021_original_metering:
Care Act 2014 s 15(2) as enacted, the whole cost at the local authority rate counts). Both state their daily
living costs (£200 a week, HC WMS 17 Nov 2021) and careact's convention for a self-funder's personal expenses
allowance as documented reform parameters.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from careact.reform.care_account import run_account
from careact.reform.engine import charging_assessor
from careact.reform.models import CareSpell
from careact.reform.overlays import ReformTerms, available_reforms, load_reform, reform_ruleset
from careact.rules.catalogue import DATA_DIR


def _spell(capital: str, income: str = "250.00", weeks: int = 6 * 52) -> CareSpell:
    return CareSpell(id="x", date_of_birth=date(1945, 6, 1), care_start=date(2023, 10, 2), setting="care_home",
                     la_weekly_rate=D("700.00"), weekly_income=D(income), capital=D(capital), home_value=D("0"), weeks=weeks)


def test_both_variants_are_bundled_and_differ_only_in_metering():
    assert {"reform_2021", "reform_2021_original_metering"} <= set(available_reforms())
    amended, original = load_reform("reform_2021"), load_reform("reform_2021_original_metering")
    assert set(amended.parameters) == set(original.parameters)
    differ = {n for n in amended.parameters if [v.value for v in amended.parameters[n].values] != [v.value for v in original.parameters[n].values]}
    assert differ == {"reform.cap.metering"}
    assert original.parameters["reform.cap.metering"].values[0].value == "personal_budget"
    assert amended.parameters["reform.cap.metering"].values[0].value == "own_contribution"


def test_the_reform_terms_are_stated():
    for name in ("reform_2021", "reform_2021_original_metering"):
        terms = ReformTerms.from_resolved(reform_ruleset(name).at(date(2024, 1, 1)))
        assert terms.dlc_weekly == D("200.00")
        assert terms.self_funder_pea is not None and terms.self_funder_keeps_pea is True


def test_original_metering_counts_the_whole_cost_less_daily_living_costs():
    """Means-tested throughout (capital £60,000, under the £100,000 upper limit): the original metering accrues
    £700 - £200 = £500 a week and reaches £86,000 in 172 weeks; the amended metering accrues only the adult's own
    charge less daily living costs, and does not reach it in six years."""
    original = run_account(_spell("60000.00"), reform_ruleset("reform_2021_original_metering"), assessor=charging_assessor)
    amended = run_account(_spell("60000.00"), reform_ruleset("reform_2021"), assessor=charging_assessor)
    assert original.weeks_to_cap == 172
    assert amended.cap_reached_on is None and amended.accrued < D("86000.00")


def test_the_self_funder_convention_changes_how_fast_capital_runs_down(tmp_path: Path):
    """A self-funder with £150,000: keeping the PEA from income (the convention, true) draws more from capital
    each week than paying from all income first (false)."""
    text = (DATA_DIR / "overlays" / "reform" / "reform_2021.toml").read_text(encoding="utf-8")
    text = text.replace('name = "reform.reform_2021"', 'name = "reform.reform_2021_spend_income"')
    head, _, tail = text.partition('name = "reform.self_funder_keeps_pea"')
    tail = tail.replace("value = true", "value = false", 1)
    path = tmp_path / "spend_income.toml"
    path.write_text(head + 'name = "reform.self_funder_keeps_pea"' + tail, encoding="utf-8")
    keeps = run_account(_spell("150000.00", weeks=52), reform_ruleset("reform_2021"), assessor=charging_assessor)
    spends = run_account(_spell("150000.00", weeks=52), reform_ruleset(path), assessor=charging_assessor)
    assert keeps.self_funder_weeks == spends.self_funder_weeks == 52
    assert spends.capital_end > keeps.capital_end
    # the difference is what is drawn from capital: each week, the allowance kept from income (the personal
    # expenses allowance, never below £24.90 since 2015, and the Savings Credit disregard)
    drawn = {name: sum((seg.figures.drawdown * seg.weeks for seg in run.segments), D(0)) for name, run in (("keeps", keeps), ("spends", spends))}
    assert spends.capital_end - keeps.capital_end == drawn["keeps"] - drawn["spends"] > 52 * D("24.90")
