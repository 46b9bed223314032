"""Declarations of the charging parameters: SI 2014/2672 and the Care and Support Statutory Guidance.

Each group is named for the prefix of its parameters; each attribute is one parameter. The dated
values live in ``careact/rules/data/england/*.toml`` (national) and in overlays.
"""

from __future__ import annotations

from ..declare import (
    Group,
    Scope,
    choice,
    count,
    days,
    flag,
    money,
    money_scale,
    rate,
    text_list,
    weeks,
    years,
)

__all__ = [
    "allowances",
    "benefits",
    "capital",
    "care_home_benefits",
    "free_services",
    "income",
    "mig",
    "nhs",
    "options",
    "property_",
    "qualifying_relative",
    "short_term",
    "temporary_resident",
]

_R = "https://www.legislation.gov.uk/uksi/2014/2672"
_SSCBA = "https://www.legislation.gov.uk/ukpga/1992/4/schedule/4/part/III"
_ACT14 = "https://www.legislation.gov.uk/ukpga/2014/23/section/14"
_ANNEX_F = "https://www.gov.uk/guidance/care-and-support-statutory-guidance/annex-f-temporary-and-short-term-residents-in-care-homes"
_PIP = "https://www.legislation.gov.uk/uksi/2013/377"
_SPC = "https://www.legislation.gov.uk/ukpga/2002/16/section/3"
HOUSING_EXTRA_ITEMS = ("water", "buildings_insurance", "contents_insurance")

MIG_CATEGORIES = (
    "single_18_24", "single_25_to_pca", "single_pca", "lone_parent", "couple_member_18_plus", "couple_member_pca",
)
MIG_PREMIUMS = (
    "disability_single", "disability_couple_member", "enhanced_disability_single",
    "enhanced_disability_couple_member", "carer",
)


class capital(Group, prefix="capital"):
    upper_limit = money(
        "Upper capital limit (the 'financial limit' for Care Act 2014 ss 17(8) and 18): above it the adult can be "
        "charged the full cost; at or below it the council must meet eligible needs subject to the means test",
        provision="SI 2014/2672 reg 12", href=f"{_R}/regulation/12")
    lower_limit = money(
        "Lower capital limit: capital at or below it is ignored (no tariff income); tariff income is charged on "
        "capital above it", provision="SI 2014/2672 reg 25", href=f"{_R}/regulation/25")
    tariff_band = money(
        "Tariff income band: a weekly amount is assumed for every band, and any part band, of capital above the "
        "lower limit (up to the upper limit)", provision="SI 2014/2672 reg 25", href=f"{_R}/regulation/25")
    tariff_per_band = money(
        "Weekly tariff income per band (or part band) of capital above the lower limit",
        provision="SI 2014/2672 reg 25", href=f"{_R}/regulation/25", weekly=True)
    sale_expenses_rate = rate(
        "Deduction from the value of a capital asset where there would be expenses attributable to its sale",
        provision="SI 2014/2672 reg 20", href=f"{_R}/regulation/20")
    arrears_disregard_weeks = weeks(
        "Weeks from receipt for which arrears of (or compensation for late payment of) specified benefits are "
        "disregarded as capital", provision="SI 2014/2672 Sch 2", href=f"{_R}/schedule/2")
    home_sale_proceeds_disregard_weeks = weeks(
        "Weeks from the date of sale for which proceeds of sale of the former home, to be used to buy another "
        "home, are disregarded", provision="SI 2014/2672 Sch 2", href=f"{_R}/schedule/2")
    personal_injury_award_disregard_weeks = weeks(
        "Weeks from first receipt for which a lump-sum personal injury payment is disregarded",
        provision="SI 2014/2672 Sch 2", href=f"{_R}/schedule/2")
    premises_acquired_disregard_weeks = weeks(
        "Weeks from acquisition for which premises acquired for the adult to occupy as a home are disregarded",
        provision="SI 2014/2672 Sch 2", href=f"{_R}/schedule/2")


class property_(Group, prefix="property"):
    disregard_weeks = weeks(
        "Period for which a permanent care-home resident's main or only home is disregarded from first permanent "
        "admission (the 12-week property disregard)", provision="SI 2014/2672 Sch 2 para 2",
        href=f"{_R}/schedule/2/paragraph/2")
    readmission_window_weeks = weeks(
        "Window after the end of a first period of permanent residence within which re-admission tops the "
        "property disregard up to 12 weeks in total", provision="SI 2014/2672 Sch 2 para 2",
        href=f"{_R}/schedule/2/paragraph/2")


class qualifying_relative(Group, prefix="qualifying_relative"):
    min_age = years(
        "Age from which a relative occupying the home is a 'qualifying relative' for the mandatory property "
        "disregard", provision="SI 2014/2672 Sch 2 para 4", href=f"{_R}/schedule/2/paragraph/4")
    child_under_age = years(
        "A child of the adult occupying the home is a qualifying relative if under this age",
        provision="SI 2014/2672 Sch 2 para 4", href=f"{_R}/schedule/2/paragraph/4")


class allowances(Group, prefix="allowances"):
    personal_expenses = money(
        "Personal expenses allowance: weekly income a care-home resident must be left with after charging",
        provision="SI 2014/2672 reg 6", href=f"{_R}/regulation/6", scope=Scope.FLOOR, weekly=True)


class mig(Group, prefix="mig"):
    personal_amount = money_scale(
        "Minimum income guarantee personal amount by category; couple amounts are per member of the couple",
        MIG_CATEGORIES, provision="SI 2014/2672 reg 7(2)-(4)", href=f"{_R}/regulation/7", scope=Scope.FLOOR)
    premiums = money_scale(
        "Minimum income guarantee premiums: disability and enhanced disability premium (single; couple, per "
        "member) and carer premium", MIG_PREMIUMS, provision="SI 2014/2672 reg 7(5)-(7)",
        href=f"{_R}/regulation/7", scope=Scope.FLOOR)
    child_amount = money(
        "Minimum income guarantee additional amount for each child for whom the adult is responsible and who is a "
        "member of the same household", provision="SI 2014/2672 reg 7(1)(b)", href=f"{_R}/regulation/7",
        scope=Scope.FLOOR, weekly=True)


class income(Group, prefix="income"):
    occupational_pension_partner_share = rate(
        "Share of an occupational or personal pension or retirement annuity disregarded for a care-home resident "
        "who pays at least that share to a spouse or civil partner not in the same home",
        provision="SI 2014/2672 Sch 1", href=f"{_R}/schedule/1")
    savings_credit_disregard = money_scale(
        "Maximum weekly Savings Credit disregard for a care-home resident: single person, couple",
        ("single", "couple"), provision="SI 2014/2672 Sch 1 para 40", href=f"{_R}/schedule/1")
    war_pension_disregard = money(
        "Fixed weekly partial disregard of war widow's and widower's pensions and the other payments that "
        "Income Support disregards in part", provision="SI 2014/2672 Sch 1", href=f"{_R}/schedule/1", weekly=True)
    lodger_disregard_flat = money(
        "Board-and-lodging income: the first amount per lodger per week wholly disregarded",
        provision="SI 2014/2672 Sch 1", href=f"{_R}/schedule/1", weekly=True)
    lodger_disregard_excess_rate = rate(
        "Board-and-lodging income: share of the weekly payments above the flat disregard also disregarded",
        provision="SI 2014/2672 Sch 1", href=f"{_R}/schedule/1")
    subtenant_disregard = money(
        "Rent from a sub-tenant: weekly amount disregarded", provision="SI 2014/2672 Sch 1",
        href=f"{_R}/schedule/1", weekly=True)


class benefits(Group, prefix="benefits"):
    attendance_allowance = money_scale(
        "Attendance Allowance weekly rates", ("higher", "lower"), provision="SSCBA 1992 Sch 4 Pt III para 1",
        href=_SSCBA)
    carers_allowance = money(
        "Carer's Allowance weekly rate", provision="SSCBA 1992 Sch 4 Pt III para 4", href=_SSCBA, weekly=True)
    dla_care = money_scale(
        "Disability Living Allowance care component weekly rates", ("highest", "middle", "lowest"),
        provision="SSCBA 1992 Sch 4 Pt III para 3; SI 1991/2890 reg 4", href=_SSCBA)
    dla_mobility = money_scale(
        "Disability Living Allowance mobility component weekly rates", ("higher", "lower"),
        provision="SSCBA 1992 Sch 4 Pt III para 3; SI 1991/2890 reg 4", href=_SSCBA)
    pip_daily_living = money_scale(
        "Personal Independence Payment daily living component weekly rates", ("enhanced", "standard"),
        provision="SI 2013/377 reg 24(1)", href="https://www.legislation.gov.uk/uksi/2013/377/regulation/24")
    pip_mobility = money_scale(
        "Personal Independence Payment mobility component weekly rates", ("enhanced", "standard"),
        provision="SI 2013/377 reg 24(2)", href="https://www.legislation.gov.uk/uksi/2013/377/regulation/24")
    income_support_personal_allowance = money_scale(
        "Income Support and income-related ESA personal allowances: single 18-24, single 25 and over, couple",
        ("single_18_24", "single_25_plus", "couple"), provision="SI 1987/1967 Sch 2 para 1",
        href="https://www.legislation.gov.uk/uksi/1987/1967/schedule/2")
    pension_credit_standard_minimum_guarantee = money_scale(
        "Pension Credit standard minimum guarantee: single person, couple (joint amount)", ("single", "couple"),
        provision="SI 2002/1792 reg 6(1)", href="https://www.legislation.gov.uk/uksi/2002/1792/regulation/6")
    state_pension_basic_full = money(
        "Basic State Pension full weekly rate (Category A), for people reaching pensionable age before "
        "6 April 2016", provision="SSCBA 1992 s 44(4)", href="https://www.legislation.gov.uk/ukpga/1992/4/section/44",
        weekly=True)
    pension_credit_savings_credit_threshold = money_scale(
        "Pension Credit savings credit threshold: qualifying income above it earns savings credit (single, couple)",
        ("single", "couple"), provision="State Pension Credit Act 2002 s 3(2), (4); SI 2002/1792 reg 7(1)(c)",
        href=_SPC)
    pension_credit_savings_credit_maximum = money_scale(
        "Pension Credit maximum savings credit (single, couple)", ("single", "couple"),
        provision="State Pension Credit Act 2002 s 3(4), (7); SI 2002/1792 reg 7(1)(a)-(b)", href=_SPC)
    pension_credit_savings_credit_rate = rate(
        "Savings credit: the share of qualifying income above the threshold credited (amount A)",
        provision="State Pension Credit Act 2002 s 3(4); SI 2002/1792 reg 7(1)(b)", href=_SPC)
    pension_credit_savings_credit_taper = rate(
        "Savings credit: the share of income above the appropriate minimum guarantee by which it is reduced "
        "(amount B)", provision="State Pension Credit Act 2002 s 3(4); SI 2002/1792 reg 7(1)(d)", href=_SPC)
    state_pension_new_full = money(
        "New State Pension full weekly rate, for people reaching pensionable age on or after 6 April 2016",
        provision="Pensions Act 2014 s 3", href="https://www.legislation.gov.uk/ukpga/2014/19/section/3", weekly=True)


class short_term(Group, prefix="short_term"):
    max_weeks = weeks(
        "A 'short-term resident' is in a care home for a stay not expected to exceed this many weeks: the council may "
        "charge them as if their care were at home", provision="SI 2014/2672 reg 2(1) ('short-term resident') and "
        "reg 8", href=f"{_R}/regulation/8")


class temporary_resident(Group, prefix="temporary_resident"):
    max_weeks = weeks(
        "A temporary resident's stay is unlikely to exceed this many weeks (or, exceptionally, unlikely to exceed it "
        "substantially)", provision="SI 2014/2672 reg 2(1) ('temporary resident'); Care and Support Statutory "
        "Guidance Annex F para 4", href=_ANNEX_F)


class care_home_benefits(Group, prefix="care_home_benefits"):
    payable_days = days(
        "Attendance Allowance, the DLA care component and the PIP daily living component stay payable for the first "
        "this-many days of a period in a care home whose costs are met from public or local funds (or in hospital)",
        provision="SI 1991/2740 reg 8(1); SI 1991/2890 reg 10; SI 2013/377 reg 30(1)",
        href=f"{_PIP}/regulation/30")
    linking_gap_days = days(
        "Periods in a care home or hospital separated by no more than this many days are one continuous period",
        provision="SI 1991/2740 reg 8(2)(a); SI 2013/377 reg 32(4)(a)", href=f"{_PIP}/regulation/32")


class nhs(Group, prefix="nhs"):
    fnc_weekly = money_scale(
        "NHS-funded nursing care: the weekly amount the NHS pays a care home for nursing care by a registered nurse "
        "(standard rate; higher rate for those on the high band since before October 2007)", ("standard", "higher"),
        provision="Care Act 2014 s 22(3); National Health Service Commissioning Board and Clinical Commissioning "
        "Groups (Responsibilities and Standing Rules) Regulations 2012 (SI 2012/2996) Part 6",
        href="https://www.legislation.gov.uk/ukpga/2014/23/section/22")


class free_services(Group, prefix="free_services"):
    intermediate_care_weeks = weeks(
        "Intermediate care and reablement must be free for the first this-many weeks (or the whole period if "
        "shorter); a council may provide it free for longer", provision="SI 2014/2672 reg 3(2)(b)",
        href=f"{_R}/regulation/3", scope=Scope.FLOOR)
    minor_adaptation_limit = money(
        "An adaptation is 'minor' (and so must be provided free) if it costs this amount or less",
        provision="SI 2014/2673 reg 2", href="https://www.legislation.gov.uk/uksi/2014/2673/regulation/2",
        scope=Scope.FLOOR)


class options(Group, prefix="options"):
    """The choices the regulations leave to the local authority; the national default applies the law as written."""

    mig_uplift_rate = rate(
        "Council uplift to the minimum income guarantee, as a fraction of it (0 = the national MIG)",
        provision="SI 2014/2672 reg 7 (the MIG is a floor)", href=f"{_R}/regulation/7", scope=Scope.COUNCIL)
    mig_uplift_weekly = money(
        "Council flat weekly addition to the minimum income guarantee (0 = none)",
        provision="SI 2014/2672 reg 7 (the MIG is a floor)", href=f"{_R}/regulation/7", scope=Scope.COUNCIL,
        weekly=True)
    dre_standard_allowance = money(
        "Council standard weekly disability-related expenditure allowance, used when the adult asks for it "
        "instead of itemising (0 = none)", provision="Care and Support Statutory Guidance Annex C",
        scope=Scope.COUNCIL, weekly=True)
    dre_standard_allowance_automatic = flag(
        "Whether the standard DRE allowance is given to everyone whose disability benefits are taken into "
        "account, without a claim", provision="Care and Support Statutory Guidance Annex C")
    dre_limited_to_disability_benefits = flag(
        "Whether the disability-related expenditure allowed is limited to the disability benefits taken into "
        "account", provision="Care and Support Statutory Guidance Annex C")
    disposable_income_taken_rate = rate(
        "The share of income above the allowances that the council takes as the charge (1 = all of it)",
        provision="Care Act 2014 s 14 (a power to charge, not a duty to charge the maximum)", href=_ACT14,
        scope=Scope.COUNCIL)
    minimum_charge = money(
        "Weekly charges for care at home below this amount are not collected (0 = every charge is collected)",
        provision="Care Act 2014 s 14", href=_ACT14, scope=Scope.COUNCIL, weekly=True)
    apply_maximum_weekly_charge = flag(
        "Whether the council caps the weekly charge for care at home at options.maximum_weekly_charge",
        provision="Care Act 2014 s 14", href=_ACT14)
    maximum_weekly_charge = money(
        "The council's maximum weekly charge for care at home (used only when options.apply_maximum_weekly_charge)",
        provision="Care Act 2014 s 14", href=_ACT14, scope=Scope.COUNCIL, weekly=True)
    charge_carers_services = flag(
        "Whether the council charges carers for support provided to meet the carer's own needs",
        provision="Care Act 2014 s 14(1)(a) (charging for meeting needs under s 20) and s 14(3)", href=_ACT14)
    direct_payment_gross_and_collect = flag(
        "Pay direct payments gross and invoice the adult's contribution, instead of paying them net",
        provision="Care and Support (Direct Payments) Regulations 2014 (SI 2014/2871)")
    disregard_night_care_difference = flag(
        "Care at home: disregard the difference between the night and day rates of AA, DLA care or PIP daily "
        "living when the council meets no needs at night", provision="Care and Support Statutory Guidance Annex C")
    disregard_war_pension_fully = flag(
        "Disregard in full the war widow's pensions and other payments that otherwise have a fixed amount "
        "disregarded", provision="SI 2014/2672 Sch 1; Care and Support Statutory Guidance Annex C")
    non_residential_capital_limits = flag(
        "Whether the council uses its own (higher) capital limits for care other than in a care home",
        provision="Care and Support Statutory Guidance chapter 8 (discretion to set higher capital limits)")
    non_residential_upper_limit = money(
        "Council upper capital limit for care other than in a care home (used only when "
        "options.non_residential_capital_limits)", provision="Care and Support Statutory Guidance chapter 8",
        scope=Scope.COUNCIL)
    non_residential_lower_limit = money(
        "Council lower capital limit for care other than in a care home (used only when "
        "options.non_residential_capital_limits)", provision="Care and Support Statutory Guidance chapter 8",
        scope=Scope.COUNCIL)
    respite_assessed_as_non_residential = flag(
        "Charge a short-term resident (a stay in a care home, respite or temporary, planned to last no more than "
        "short_term.max_weeks) under the rules for care at home", provision="SI 2014/2672 reg 8 (short-term "
        "residents)", href=f"{_R}/regulation/8")
    savings_credit_disregard_non_residential = flag(
        "Apply the savings credit disregard to care at home too",
        provision="SI 2014/2672 Sch 1 para 40 (care-home residents); council discretion")
    short_term_nights_limit = count(
        "Where the council charges short stays as care at home: the most nights it charges that way (0 = no limit "
        "beyond the short-term definition); nights beyond it are charged under the rules for temporary residents",
        provision="SI 2014/2672 reg 8 (a power, which a council may use in part)", href=f"{_R}/regulation/8",
        scope=Scope.COUNCIL)
    short_term_limit_scope = choice(
        "Whether options.short_term_nights_limit counts the nights of each stay (per_stay) or of every short stay in "
        "the financial year (per_year)", ("per_stay", "per_year"), provision="SI 2014/2672 reg 8",
        href=f"{_R}/regulation/8")
    temporary_partner_protection = flag(
        "For a temporary resident with a partner at home: leave the partner the basic level of income support or "
        "pension credit they would get in their own right, by raising the resident's allowances by any shortfall",
        provision="Care and Support Statutory Guidance Annex F para 3", href=_ANNEX_F)
    property_disregard_starts = choice(
        "Where a stay began as temporary: the 12-week property disregard runs from the first day as a permanent "
        "resident (permanent_start) or from the first day in the care home (first_care_home_admission)",
        ("permanent_start", "first_care_home_admission"), provision="SI 2014/2672 Sch 2 para 2(1); Care and Support "
        "Statutory Guidance Annex F para 7", href=f"{_R}/schedule/2/paragraph/2")
    couples_affordability_check = flag(
        "Care at home, a member of a couple: raise the MIG so that it plus the partner's income (less the partner's "
        "share of housing costs) is at least the couple's benefit rate", provision="Care Act 2014 s 14 (discretion "
        "to charge less); SI 2014/2672 reg 7 (the MIG is a floor)", href=f"{_R}/regulation/7")
    couples_affordability_working_age = flag(
        "Apply the couples affordability check below pension credit age too (against the income-related couple "
        "personal allowance)", provision="Care Act 2014 s 14 (discretion to charge less)", href=_ACT14)
    couples_partner_housing_share = rate(
        "The partner's share of the household's housing costs in the couples affordability check",
        provision="Care Act 2014 s 14 (discretion to charge less)", href=_ACT14, scope=Scope.COUNCIL)
    half_pension_unmarried_partner = flag(
        "Disregard half of a pension a care-home resident pays to an unmarried partner at home, as for a spouse or "
        "civil partner", provision="Care Act 2014 s 14 (discretion to charge less); SI 2014/2672 Sch 1 para 16 (spouse "
        "or civil partner)", href=f"{_R}/schedule/1")
    housing_costs_extra_items = text_list(
        "Housing costs the council allows beyond those SI 2014/2672 Sch 1 para 2(3) lists (water, buildings "
        "insurance, contents insurance)", provision="Care Act 2014 s 14 (discretion to charge less); SI 2014/2672 "
        "Sch 1 para 2", href=f"{_R}/schedule/1/paragraph/2", scope=Scope.COUNCIL, choices=HOUSING_EXTRA_ITEMS)
    mig_uplift_working_age_weekly = money(
        "Council flat weekly addition to the minimum income guarantee of adults below pension credit age (0 = none)",
        provision="SI 2014/2672 reg 7 (the MIG is a floor)", href=f"{_R}/regulation/7", scope=Scope.COUNCIL,
        weekly=True)

