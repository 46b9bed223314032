"""National values pinned to their citations, for a date in every financial year 2015-16 to 2026-27.

For each date the bundled England rule set must resolve each figure below to exactly this value, in force
from this date, with exactly this citation (text and link) and verification status. A change to a figure,
to its commencement date or to its citation must therefore come with a deliberate change to this table.

The table was generated once from src/careact/rules/data/england/*.toml and checked by eye against
the project's reference notes (shared/reference/parameters.md) (sections A2-A5). Differences from that reference, all deliberate in
the data and explained in its notes:
- 2026-27 disability and enhanced disability premiums: the data derives them at CPI (51.55 / 25.15),
  parameters.md at 7% (53.15 / 25.95); mig.toml's header gives the reasoning (DHSC's "up to £510 more per
  year"). Both are UNVERIFIED.
- 2023-24 and 2024-25 couple savings credit disregards: secondary in the data (careawareias), UNVERIFIED
  (derived) in parameters.md.
Dates: 2 April 2015 (the "as made" figures, in force 1-5 April 2015 only), then 1 July of each year.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from careact.rules import load_ruleset

CITATIONS = {
    'capital.upper_limit@2015-04-01': (
        'SI 2014/2672 reg 12 (as made)',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/12/made',
    ),
    'capital.lower_limit@2015-04-01': (
        'SI 2014/2672 reg 25 (as made)',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/25/made',
    ),
    'capital.tariff_band@2015-04-01': (
        'SI 2014/2672 reg 25 (calculation of tariff income from capital)',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/25/made',
    ),
    'capital.tariff_per_band@2015-04-01': (
        "SI 2014/2672 reg 25; restated in the 2024-25 local authority circular, Annex 'Capital limits'",
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'allowances.personal_expenses@2015-04-01': (
        'SI 2014/2672 reg 6 (as made)',
        'https://www.legislation.gov.uk/uksi/2015/644/note/made',
    ),
    'mig.personal_amount@2015-04-01': (
        'SI 2014/2672 reg 7(2)-(4) (as made)',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/7/made',
    ),
    'mig.child_amount@2015-04-01': (
        'SI 2014/2672 reg 7(1)(b) (as made)',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/7/made',
    ),
    'mig.premiums@2015-04-01': (
        'SI 2014/2672 reg 7(5)-(7) (as made)',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/7/made',
    ),
    'income.savings_credit_disregard@2015-04-01': (
        'SI 2014/2672 Sch 1 para 40 (as made)',
        'https://www.legislation.gov.uk/uksi/2014/2672/schedule/1',
    ),
    'allowances.personal_expenses@2015-04-06': (
        'SI 2014/2672 reg 6, as amended by SI 2015/644 reg 3',
        'https://www.legislation.gov.uk/uksi/2015/644/made',
    ),
    'mig.personal_amount@2015-04-06': (
        'SI 2014/2672 reg 7(2)-(4), as amended by SI 2015/644 reg 3',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/7',
    ),
    'mig.child_amount@2015-04-06': (
        'SI 2014/2672 reg 7(1)(b), as amended by SI 2015/644 reg 3',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/7',
    ),
    'mig.premiums@2015-04-06': (
        'SI 2014/2672 reg 7(5)-(7), as amended by SI 2015/644 reg 3',
        'https://www.legislation.gov.uk/uksi/2014/2672/regulation/7',
    ),
    'capital.upper_limit@2016-04-01': (
        'SI 2014/2672 reg 12; unchanged 2016-17',
        'https://www.caremanagementmatters.co.uk/charging-for-care-and-support/',
    ),
    'capital.lower_limit@2016-04-01': (
        'SI 2014/2672 reg 25; unchanged 2016-17',
        'https://www.caremanagementmatters.co.uk/charging-for-care-and-support/',
    ),
    'capital.upper_limit@2017-04-01': (
        'SI 2014/2672 reg 12; unchanged 2017-18',
        'https://www.caremanagementmatters.co.uk/charging-for-care-and-support/',
    ),
    'capital.lower_limit@2017-04-01': (
        'SI 2014/2672 reg 25; unchanged 2017-18',
        'https://www.caremanagementmatters.co.uk/charging-for-care-and-support/',
    ),
    'capital.upper_limit@2018-04-01': (
        'Social care charging for local authorities: 2018 to 2019 (circular), as quoted',
        'https://www.caremanagementmatters.co.uk/charging-for-care-and-support/',
    ),
    'capital.lower_limit@2018-04-01': (
        'Social care charging for local authorities: 2018 to 2019 (circular), as quoted',
        'https://www.caremanagementmatters.co.uk/charging-for-care-and-support/',
    ),
    'capital.upper_limit@2019-04-01': (
        'SI 2014/2672 reg 12; unchanged 2019-20',
        'https://app.croneri.co.uk/whats-new/means-test-threshold-residential-care-frozen-tenth-year?product=218',
    ),
    'capital.lower_limit@2019-04-01': (
        'SI 2014/2672 reg 25; unchanged 2019-20',
        'https://app.croneri.co.uk/whats-new/means-test-threshold-residential-care-frozen-tenth-year?product=218',
    ),
    'capital.upper_limit@2020-04-01': (
        'Social care charging for local authorities: 2020 to 2021 (circular), as quoted',
        'https://app.croneri.co.uk/whats-new/means-test-threshold-residential-care-frozen-tenth-year?product=218',
    ),
    'capital.lower_limit@2020-04-01': (
        'Social care charging for local authorities: 2020 to 2021 (circular), as quoted',
        'https://app.croneri.co.uk/whats-new/means-test-threshold-residential-care-frozen-tenth-year?product=218',
    ),
    'capital.upper_limit@2021-04-01': (
        'SI 2014/2672 reg 12; unchanged 2021-22',
        'https://www.fjg.co.uk/adult-social-care-reform-update-2022/',
    ),
    'capital.lower_limit@2021-04-01': (
        'SI 2014/2672 reg 25; unchanged 2021-22',
        'https://www.gov.uk/government/publications/build-back-better-our-plan-for-health-and-social-care/adult-social-care-charging-reform-further-details',
    ),
    'capital.upper_limit@2022-04-01': (
        'SI 2014/2672 reg 12; unchanged 2022-23 (SI 2022/243 amends only regs 6, 7, Sch 1 para 40, Sch 2)',
        'https://www.legislation.gov.uk/uksi/2022/243/note/made',
    ),
    'capital.lower_limit@2022-04-01': (
        'SI 2014/2672 reg 25; unchanged 2022-23 (SI 2022/243 does not amend reg 25)',
        'https://www.legislation.gov.uk/uksi/2022/243/note/made',
    ),
    'allowances.personal_expenses@2022-04-06': (
        'SI 2014/2672 reg 6, as amended by SI 2022/243 reg 2(2)',
        'https://www.legislation.gov.uk/uksi/2022/243/made',
    ),
    'mig.personal_amount@2022-04-06': (
        'SI 2014/2672 reg 7(2)-(4), as amended by SI 2022/243 reg 2(3); old values in SI 2023/277 reg 2(3)(b)-(c)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'mig.child_amount@2022-04-06': (
        'SI 2014/2672 reg 7(1)(b), as amended by SI 2022/243; old value in SI 2023/277 reg 2(3)(a)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'mig.premiums@2022-04-06': (
        'SI 2014/2672 reg 7(5)-(7), as amended by SI 2022/243 reg 2(3) (made text not read)',
        'https://www.legislation.gov.uk/uksi/2022/243/made',
    ),
    'income.savings_credit_disregard@2022-04-06': (
        'SI 2014/2672 Sch 1 para 40, as amended by SI 2022/243 reg 2(4)',
        'https://www.fjg.co.uk/adult-social-care-reform-update-2022/',
    ),
    'capital.upper_limit@2023-04-01': (
        'SI 2014/2672 reg 12; unchanged 2023-24 (SI 2023/277 amends only regs 6, 7, Sch 1 para 40)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'capital.lower_limit@2023-04-01': (
        'SI 2014/2672 reg 25; unchanged 2023-24 (SI 2023/277 does not amend reg 25)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'allowances.personal_expenses@2023-04-06': (
        'SI 2014/2672 reg 6, as amended by SI 2023/277 reg 2(2)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'mig.personal_amount@2023-04-06': (
        'SI 2014/2672 reg 7(2)-(4), as amended by SI 2023/277 reg 2(3)(b)-(d)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'mig.child_amount@2023-04-06': (
        'SI 2014/2672 reg 7(1)(b), as amended by SI 2023/277 reg 2(3)(a)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'mig.premiums@2023-04-06': (
        'SI 2014/2672 reg 7(5)-(7), as amended by SI 2023/277 reg 2(3) (paras (5)-(7) of reg 2(3) not visible)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'mig.premiums[carer]@2023-04-06': (
        'Reading BC Care and Support Charging Framework, Appendix B 2023-24 (as recorded in parameters.md)',
        'https://www.legislation.gov.uk/uksi/2023/277/made',
    ),
    'income.savings_credit_disregard@2023-04-06': (
        'SI 2014/2672 Sch 1 para 40, as amended by SI 2023/277 reg 2 (amendment not visible in excerpt)',
        'https://www.careawareias.co.uk/post/inflationary-increases-to-allowances',
    ),
    'capital.upper_limit@2024-04-01': (
        'Social care - charging for care and support: local authority circular (9 Feb 2024), Summary',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'capital.lower_limit@2024-04-01': (
        'Social care - charging for care and support: local authority circular (9 Feb 2024), Summary',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'allowances.personal_expenses@2024-04-06': (
        'SI 2014/2672 reg 6, as amended by the Care and Support (Charging and Assessment of Resources) (Amendment) Regulations 2024 (SI number not found); 2024-25 LA circular',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'mig.personal_amount@2024-04-06': (
        'SI 2014/2672 reg 7(2)-(4), as amended by the Care and Support (Charging and Assessment of Resources) (Amendment) Regulations 2024 (SI number not found); 2024-25 LA circular annex',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'mig.child_amount@2024-04-06': (
        'SI 2014/2672 reg 7(1)(b), as amended by the 2024 amending regulations (SI number not found)',
        'https://www.reading.gov.uk/adult-care/carecharges/care-and-support-charging-and-financial-assessment-framework-policies/appendix-b-financial-assessment-allowances-schedule/',
    ),
    'mig.premiums@2024-04-06': (
        'SI 2014/2672 reg 7(5)-(7), as amended by the 2024 amending regulations (SI number not found); 2024-25 LA circular annex (not readable)',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'mig.premiums[carer]@2024-04-06': (
        'Reading BC Care and Support Charging Framework, Appendix B 2024-25',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2024-to-2025/social-care-charging-for-care-and-support-local-authority-circular',
    ),
    'income.savings_credit_disregard@2024-04-06': (
        'SI 2014/2672 Sch 1 para 40, as amended by the 2024 amending regulations (SI number not found); 2024-25 LA circular',
        'https://www.careawareias.co.uk/post/inflationary-increases-to-allowances',
    ),
    'capital.upper_limit@2025-04-01': (
        'Social care charging for local authorities: 2025 to 2026 (circular, published 3 Feb 2025)',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular',
    ),
    'capital.lower_limit@2025-04-01': (
        'Social care charging for local authorities: 2025 to 2026 (circular, published 3 Feb 2025)',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular',
    ),
    'allowances.personal_expenses@2025-04-06': (
        'SI 2014/2672 reg 6, as amended by the Care and Support (Charging and Assessment of Resources) (Amendment) Regulations 2025 (SI number not found); 2025-26 LA circular',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular',
    ),
    'mig.personal_amount@2025-04-06': (
        'SI 2014/2672 reg 7(2)-(4), as amended by the Care and Support (Charging and Assessment of Resources) (Amendment) Regulations 2025 (SI number not found); 2025-26 LA circular',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular',
    ),
    'mig.child_amount@2025-04-06': (
        'SI 2014/2672 reg 7(1)(b), as amended by the 2025 amending regulations (SI number not found)',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular',
    ),
    'mig.premiums@2025-04-06': (
        'SI 2014/2672 reg 7(5)-(7), as amended by the 2025 amending regulations (SI number not found); 2025-26 LA circular',
        'https://ruils.co.uk/article/2025-2026-benefit-and-minimum-income-guarantee-rates',
    ),
    'income.savings_credit_disregard@2025-04-06': (
        'SI 2014/2672 Sch 1 para 40, as amended by the 2025 amending regulations (SI number not found)',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2025-to-2026/social-care-charging-for-care-and-support-2025-to-2026-local-authority-circular',
    ),
    'capital.upper_limit@2026-04-01': (
        'Social care charging for local authorities: 2026 to 2027 (circular) -- not read',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027/social-care-charging-for-care-and-support-2026-to-2027-local-authority-circular',
    ),
    'capital.lower_limit@2026-04-01': (
        'Social care charging for local authorities: 2026 to 2027 (circular) -- not read',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027/social-care-charging-for-care-and-support-2026-to-2027-local-authority-circular',
    ),
    'allowances.personal_expenses@2026-04-06': (
        '2026-27 LA circular / 2026 amending regulations -- neither read',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027/social-care-charging-for-care-and-support-2026-to-2027-local-authority-circular',
    ),
    'mig.personal_amount@2026-04-06': (
        '2026-27 LA circular / 2026 amending regulations -- neither read; DHSC announcement of 12 Feb 2026 (7% working-age uplift)',
        'https://britbrief.co.uk/health/nhs/400-annual-cash-boost-for-social-care-recipients-announced.html',
    ),
    'mig.child_amount@2026-04-06': (
        '2026 amending regulations / 2026-27 circular -- not read',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027/social-care-charging-for-care-and-support-2026-to-2027-local-authority-circular',
    ),
    'mig.premiums@2026-04-06': (
        '2026 amending regulations / 2026-27 circular -- not read',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027/social-care-charging-for-care-and-support-2026-to-2027-local-authority-circular',
    ),
    'income.savings_credit_disregard@2026-04-06': (
        '2026 amending regulations / 2026-27 circular -- not read',
        'https://www.gov.uk/government/publications/social-care-charging-for-local-authorities-2026-to-2027/social-care-charging-for-care-and-support-2026-to-2027-local-authority-circular',
    ),
}

VALUES = [
    # (date, parameter[cell], value, in force from, status, citation id)
    # ---- 2015-04-02
    ('2015-04-02', 'capital.upper_limit', '23250.00', '2015-04-01', 'secondary', 'capital.upper_limit@2015-04-01'),
    ('2015-04-02', 'capital.lower_limit', '14250.00', '2015-04-01', 'secondary', 'capital.lower_limit@2015-04-01'),
    ('2015-04-02', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2015-04-02', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2015-04-02', 'allowances.personal_expenses', '24.40', '2015-04-01', 'verified', 'allowances.personal_expenses@2015-04-01'),
    ('2015-04-02', 'mig.personal_amount[single_18_24]', '71.70', '2015-04-01', 'verified', 'mig.personal_amount@2015-04-01'),
    ('2015-04-02', 'mig.personal_amount[single_25_to_pca]', '90.50', '2015-04-01', 'verified', 'mig.personal_amount@2015-04-01'),
    ('2015-04-02', 'mig.personal_amount[single_pca]', '185.45', '2015-04-01', 'verified', 'mig.personal_amount@2015-04-01'),
    ('2015-04-02', 'mig.personal_amount[lone_parent]', '90.50', '2015-04-01', 'verified', 'mig.personal_amount@2015-04-01'),
    ('2015-04-02', 'mig.personal_amount[couple_member_18_plus]', '71.05', '2015-04-01', 'verified', 'mig.personal_amount@2015-04-01'),
    ('2015-04-02', 'mig.personal_amount[couple_member_pca]', '141.55', '2015-04-01', 'verified', 'mig.personal_amount@2015-04-01'),
    ('2015-04-02', 'mig.child_amount', '82.95', '2015-04-01', 'verified', 'mig.child_amount@2015-04-01'),
    ('2015-04-02', 'mig.premiums[disability_single]', '39.85', '2015-04-01', 'verified', 'mig.premiums@2015-04-01'),
    ('2015-04-02', 'mig.premiums[disability_couple_member]', '28.40', '2015-04-01', 'unverified', 'mig.premiums@2015-04-01'),
    ('2015-04-02', 'mig.premiums[enhanced_disability_single]', '19.45', '2015-04-01', 'verified', 'mig.premiums@2015-04-01'),
    ('2015-04-02', 'mig.premiums[enhanced_disability_couple_member]', '13.95', '2015-04-01', 'unverified', 'mig.premiums@2015-04-01'),
    ('2015-04-02', 'mig.premiums[carer]', '42.75', '2015-04-01', 'unverified', 'mig.premiums@2015-04-01'),
    ('2015-04-02', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2015-04-02', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2015-07-01
    ('2015-07-01', 'capital.upper_limit', '23250.00', '2015-04-01', 'secondary', 'capital.upper_limit@2015-04-01'),
    ('2015-07-01', 'capital.lower_limit', '14250.00', '2015-04-01', 'secondary', 'capital.lower_limit@2015-04-01'),
    ('2015-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2015-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2015-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2015-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2015-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2015-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2015-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2015-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2015-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2015-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2015-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2015-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2015-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2015-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2015-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2015-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2015-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2016-07-01
    ('2016-07-01', 'capital.upper_limit', '23250.00', '2016-04-01', 'secondary', 'capital.upper_limit@2016-04-01'),
    ('2016-07-01', 'capital.lower_limit', '14250.00', '2016-04-01', 'secondary', 'capital.lower_limit@2016-04-01'),
    ('2016-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2016-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2016-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2016-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2016-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2016-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2016-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2016-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2016-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2016-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2016-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2016-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2016-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2016-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2016-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2016-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2016-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2017-07-01
    ('2017-07-01', 'capital.upper_limit', '23250.00', '2017-04-01', 'secondary', 'capital.upper_limit@2017-04-01'),
    ('2017-07-01', 'capital.lower_limit', '14250.00', '2017-04-01', 'secondary', 'capital.lower_limit@2017-04-01'),
    ('2017-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2017-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2017-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2017-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2017-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2017-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2017-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2017-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2017-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2017-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2017-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2017-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2017-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2017-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2017-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2017-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2017-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2018-07-01
    ('2018-07-01', 'capital.upper_limit', '23250.00', '2018-04-01', 'secondary', 'capital.upper_limit@2018-04-01'),
    ('2018-07-01', 'capital.lower_limit', '14250.00', '2018-04-01', 'secondary', 'capital.lower_limit@2018-04-01'),
    ('2018-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2018-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2018-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2018-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2018-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2018-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2018-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2018-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2018-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2018-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2018-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2018-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2018-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2018-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2018-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2018-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2018-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2019-07-01
    ('2019-07-01', 'capital.upper_limit', '23250.00', '2019-04-01', 'secondary', 'capital.upper_limit@2019-04-01'),
    ('2019-07-01', 'capital.lower_limit', '14250.00', '2019-04-01', 'secondary', 'capital.lower_limit@2019-04-01'),
    ('2019-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2019-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2019-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2019-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2019-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2019-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2019-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2019-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2019-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2019-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2019-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2019-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2019-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2019-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2019-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2019-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2019-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2020-07-01
    ('2020-07-01', 'capital.upper_limit', '23250.00', '2020-04-01', 'secondary', 'capital.upper_limit@2020-04-01'),
    ('2020-07-01', 'capital.lower_limit', '14250.00', '2020-04-01', 'secondary', 'capital.lower_limit@2020-04-01'),
    ('2020-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2020-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2020-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2020-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2020-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2020-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2020-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2020-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2020-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2020-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2020-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2020-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2020-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2020-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2020-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2020-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2020-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2021-07-01
    ('2021-07-01', 'capital.upper_limit', '23250.00', '2021-04-01', 'secondary', 'capital.upper_limit@2021-04-01'),
    ('2021-07-01', 'capital.lower_limit', '14250.00', '2021-04-01', 'secondary', 'capital.lower_limit@2021-04-01'),
    ('2021-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2021-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2021-07-01', 'allowances.personal_expenses', '24.90', '2015-04-06', 'verified', 'allowances.personal_expenses@2015-04-06'),
    ('2021-07-01', 'mig.personal_amount[single_18_24]', '72.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2021-07-01', 'mig.personal_amount[single_25_to_pca]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2021-07-01', 'mig.personal_amount[single_pca]', '189.00', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2021-07-01', 'mig.personal_amount[lone_parent]', '91.40', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2021-07-01', 'mig.personal_amount[couple_member_18_plus]', '71.80', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2021-07-01', 'mig.personal_amount[couple_member_pca]', '144.30', '2015-04-06', 'verified', 'mig.personal_amount@2015-04-06'),
    ('2021-07-01', 'mig.child_amount', '83.65', '2015-04-06', 'verified', 'mig.child_amount@2015-04-06'),
    ('2021-07-01', 'mig.premiums[disability_single]', '40.35', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2021-07-01', 'mig.premiums[disability_couple_member]', '28.75', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2021-07-01', 'mig.premiums[enhanced_disability_single]', '19.70', '2015-04-06', 'verified', 'mig.premiums@2015-04-06'),
    ('2021-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.15', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2021-07-01', 'mig.premiums[carer]', '43.25', '2015-04-06', 'unverified', 'mig.premiums@2015-04-06'),
    ('2021-07-01', 'income.savings_credit_disregard[single]', '5.75', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    ('2021-07-01', 'income.savings_credit_disregard[couple]', '8.60', '2015-04-01', 'secondary', 'income.savings_credit_disregard@2015-04-01'),
    # ---- 2022-07-01
    ('2022-07-01', 'capital.upper_limit', '23250.00', '2022-04-01', 'secondary', 'capital.upper_limit@2022-04-01'),
    ('2022-07-01', 'capital.lower_limit', '14250.00', '2022-04-01', 'secondary', 'capital.lower_limit@2022-04-01'),
    ('2022-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2022-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2022-07-01', 'allowances.personal_expenses', '25.65', '2022-04-06', 'verified', 'allowances.personal_expenses@2022-04-06'),
    ('2022-07-01', 'mig.personal_amount[single_18_24]', '74.60', '2022-04-06', 'verified', 'mig.personal_amount@2022-04-06'),
    ('2022-07-01', 'mig.personal_amount[single_25_to_pca]', '94.15', '2022-04-06', 'verified', 'mig.personal_amount@2022-04-06'),
    ('2022-07-01', 'mig.personal_amount[single_pca]', '194.70', '2022-04-06', 'verified', 'mig.personal_amount@2022-04-06'),
    ('2022-07-01', 'mig.personal_amount[lone_parent]', '94.15', '2022-04-06', 'verified', 'mig.personal_amount@2022-04-06'),
    ('2022-07-01', 'mig.personal_amount[couple_member_18_plus]', '73.95', '2022-04-06', 'unverified', 'mig.personal_amount@2022-04-06'),
    ('2022-07-01', 'mig.personal_amount[couple_member_pca]', '148.65', '2022-04-06', 'unverified', 'mig.personal_amount@2022-04-06'),
    ('2022-07-01', 'mig.child_amount', '86.20', '2022-04-06', 'verified', 'mig.child_amount@2022-04-06'),
    ('2022-07-01', 'mig.premiums[disability_single]', '41.55', '2022-04-06', 'unverified', 'mig.premiums@2022-04-06'),
    ('2022-07-01', 'mig.premiums[disability_couple_member]', '29.60', '2022-04-06', 'unverified', 'mig.premiums@2022-04-06'),
    ('2022-07-01', 'mig.premiums[enhanced_disability_single]', '20.30', '2022-04-06', 'unverified', 'mig.premiums@2022-04-06'),
    ('2022-07-01', 'mig.premiums[enhanced_disability_couple_member]', '14.60', '2022-04-06', 'unverified', 'mig.premiums@2022-04-06'),
    ('2022-07-01', 'mig.premiums[carer]', '44.55', '2022-04-06', 'unverified', 'mig.premiums@2022-04-06'),
    ('2022-07-01', 'income.savings_credit_disregard[single]', '5.90', '2022-04-06', 'secondary', 'income.savings_credit_disregard@2022-04-06'),
    ('2022-07-01', 'income.savings_credit_disregard[couple]', '8.85', '2022-04-06', 'secondary', 'income.savings_credit_disregard@2022-04-06'),
    # ---- 2023-07-01
    ('2023-07-01', 'capital.upper_limit', '23250.00', '2023-04-01', 'secondary', 'capital.upper_limit@2023-04-01'),
    ('2023-07-01', 'capital.lower_limit', '14250.00', '2023-04-01', 'secondary', 'capital.lower_limit@2023-04-01'),
    ('2023-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2023-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2023-07-01', 'allowances.personal_expenses', '28.25', '2023-04-06', 'verified', 'allowances.personal_expenses@2023-04-06'),
    ('2023-07-01', 'mig.personal_amount[single_18_24]', '82.15', '2023-04-06', 'verified', 'mig.personal_amount@2023-04-06'),
    ('2023-07-01', 'mig.personal_amount[single_25_to_pca]', '103.65', '2023-04-06', 'verified', 'mig.personal_amount@2023-04-06'),
    ('2023-07-01', 'mig.personal_amount[single_pca]', '214.35', '2023-04-06', 'verified', 'mig.personal_amount@2023-04-06'),
    ('2023-07-01', 'mig.personal_amount[lone_parent]', '103.65', '2023-04-06', 'unverified', 'mig.personal_amount@2023-04-06'),
    ('2023-07-01', 'mig.personal_amount[couple_member_18_plus]', '81.40', '2023-04-06', 'unverified', 'mig.personal_amount@2023-04-06'),
    ('2023-07-01', 'mig.personal_amount[couple_member_pca]', '163.65', '2023-04-06', 'unverified', 'mig.personal_amount@2023-04-06'),
    ('2023-07-01', 'mig.child_amount', '94.90', '2023-04-06', 'verified', 'mig.child_amount@2023-04-06'),
    ('2023-07-01', 'mig.premiums[disability_single]', '45.75', '2023-04-06', 'unverified', 'mig.premiums@2023-04-06'),
    ('2023-07-01', 'mig.premiums[disability_couple_member]', '32.60', '2023-04-06', 'unverified', 'mig.premiums@2023-04-06'),
    ('2023-07-01', 'mig.premiums[enhanced_disability_single]', '22.35', '2023-04-06', 'unverified', 'mig.premiums@2023-04-06'),
    ('2023-07-01', 'mig.premiums[enhanced_disability_couple_member]', '16.05', '2023-04-06', 'unverified', 'mig.premiums@2023-04-06'),
    ('2023-07-01', 'mig.premiums[carer]', '49.05', '2023-04-06', 'secondary', 'mig.premiums[carer]@2023-04-06'),
    ('2023-07-01', 'income.savings_credit_disregard[single]', '6.50', '2023-04-06', 'secondary', 'income.savings_credit_disregard@2023-04-06'),
    ('2023-07-01', 'income.savings_credit_disregard[couple]', '9.75', '2023-04-06', 'secondary', 'income.savings_credit_disregard@2023-04-06'),
    # ---- 2024-07-01
    ('2024-07-01', 'capital.upper_limit', '23250.00', '2024-04-01', 'verified', 'capital.upper_limit@2024-04-01'),
    ('2024-07-01', 'capital.lower_limit', '14250.00', '2024-04-01', 'verified', 'capital.lower_limit@2024-04-01'),
    ('2024-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2024-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2024-07-01', 'allowances.personal_expenses', '30.15', '2024-04-06', 'secondary', 'allowances.personal_expenses@2024-04-06'),
    ('2024-07-01', 'mig.personal_amount[single_18_24]', '87.65', '2024-04-06', 'unverified', 'mig.personal_amount@2024-04-06'),
    ('2024-07-01', 'mig.personal_amount[single_25_to_pca]', '110.60', '2024-04-06', 'unverified', 'mig.personal_amount@2024-04-06'),
    ('2024-07-01', 'mig.personal_amount[single_pca]', '228.70', '2024-04-06', 'unverified', 'mig.personal_amount@2024-04-06'),
    ('2024-07-01', 'mig.personal_amount[lone_parent]', '110.60', '2024-04-06', 'unverified', 'mig.personal_amount@2024-04-06'),
    ('2024-07-01', 'mig.personal_amount[couple_member_18_plus]', '86.85', '2024-04-06', 'unverified', 'mig.personal_amount@2024-04-06'),
    ('2024-07-01', 'mig.personal_amount[couple_member_pca]', '174.60', '2024-04-06', 'unverified', 'mig.personal_amount@2024-04-06'),
    ('2024-07-01', 'mig.child_amount', '101.25', '2024-04-06', 'secondary', 'mig.child_amount@2024-04-06'),
    ('2024-07-01', 'mig.premiums[disability_single]', '48.80', '2024-04-06', 'unverified', 'mig.premiums@2024-04-06'),
    ('2024-07-01', 'mig.premiums[disability_couple_member]', '34.80', '2024-04-06', 'unverified', 'mig.premiums@2024-04-06'),
    ('2024-07-01', 'mig.premiums[enhanced_disability_single]', '23.85', '2024-04-06', 'unverified', 'mig.premiums@2024-04-06'),
    ('2024-07-01', 'mig.premiums[enhanced_disability_couple_member]', '17.15', '2024-04-06', 'unverified', 'mig.premiums@2024-04-06'),
    ('2024-07-01', 'mig.premiums[carer]', '52.35', '2024-04-06', 'secondary', 'mig.premiums[carer]@2024-04-06'),
    ('2024-07-01', 'income.savings_credit_disregard[single]', '6.95', '2024-04-06', 'secondary', 'income.savings_credit_disregard@2024-04-06'),
    ('2024-07-01', 'income.savings_credit_disregard[couple]', '10.40', '2024-04-06', 'secondary', 'income.savings_credit_disregard@2024-04-06'),
    # ---- 2025-07-01
    ('2025-07-01', 'capital.upper_limit', '23250.00', '2025-04-01', 'secondary', 'capital.upper_limit@2025-04-01'),
    ('2025-07-01', 'capital.lower_limit', '14250.00', '2025-04-01', 'secondary', 'capital.lower_limit@2025-04-01'),
    ('2025-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2025-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2025-07-01', 'allowances.personal_expenses', '30.65', '2025-04-06', 'secondary', 'allowances.personal_expenses@2025-04-06'),
    ('2025-07-01', 'mig.personal_amount[single_18_24]', '89.15', '2025-04-06', 'secondary', 'mig.personal_amount@2025-04-06'),
    ('2025-07-01', 'mig.personal_amount[single_25_to_pca]', '112.50', '2025-04-06', 'secondary', 'mig.personal_amount@2025-04-06'),
    ('2025-07-01', 'mig.personal_amount[single_pca]', '232.60', '2025-04-06', 'secondary', 'mig.personal_amount@2025-04-06'),
    ('2025-07-01', 'mig.personal_amount[lone_parent]', '112.50', '2025-04-06', 'unverified', 'mig.personal_amount@2025-04-06'),
    ('2025-07-01', 'mig.personal_amount[couple_member_18_plus]', '88.35', '2025-04-06', 'unverified', 'mig.personal_amount@2025-04-06'),
    ('2025-07-01', 'mig.personal_amount[couple_member_pca]', '177.55', '2025-04-06', 'unverified', 'mig.personal_amount@2025-04-06'),
    ('2025-07-01', 'mig.child_amount', '102.95', '2025-04-06', 'unverified', 'mig.child_amount@2025-04-06'),
    ('2025-07-01', 'mig.premiums[disability_single]', '49.65', '2025-04-06', 'secondary', 'mig.premiums@2025-04-06'),
    ('2025-07-01', 'mig.premiums[disability_couple_member]', '35.40', '2025-04-06', 'unverified', 'mig.premiums@2025-04-06'),
    ('2025-07-01', 'mig.premiums[enhanced_disability_single]', '24.25', '2025-04-06', 'secondary', 'mig.premiums@2025-04-06'),
    ('2025-07-01', 'mig.premiums[enhanced_disability_couple_member]', '17.45', '2025-04-06', 'unverified', 'mig.premiums@2025-04-06'),
    ('2025-07-01', 'mig.premiums[carer]', '53.25', '2025-04-06', 'unverified', 'mig.premiums@2025-04-06'),
    ('2025-07-01', 'income.savings_credit_disregard[single]', '7.05', '2025-04-06', 'unverified', 'income.savings_credit_disregard@2025-04-06'),
    ('2025-07-01', 'income.savings_credit_disregard[couple]', '10.60', '2025-04-06', 'unverified', 'income.savings_credit_disregard@2025-04-06'),
    # ---- 2026-07-01
    ('2026-07-01', 'capital.upper_limit', '23250.00', '2026-04-01', 'unverified', 'capital.upper_limit@2026-04-01'),
    ('2026-07-01', 'capital.lower_limit', '14250.00', '2026-04-01', 'unverified', 'capital.lower_limit@2026-04-01'),
    ('2026-07-01', 'capital.tariff_band', '250.00', '2015-04-01', 'secondary', 'capital.tariff_band@2015-04-01'),
    ('2026-07-01', 'capital.tariff_per_band', '1.00', '2015-04-01', 'verified', 'capital.tariff_per_band@2015-04-01'),
    ('2026-07-01', 'allowances.personal_expenses', '31.80', '2026-04-06', 'unverified', 'allowances.personal_expenses@2026-04-06'),
    ('2026-07-01', 'mig.personal_amount[single_18_24]', '95.40', '2026-04-06', 'secondary', 'mig.personal_amount@2026-04-06'),
    ('2026-07-01', 'mig.personal_amount[single_25_to_pca]', '120.40', '2026-04-06', 'unverified', 'mig.personal_amount@2026-04-06'),
    ('2026-07-01', 'mig.personal_amount[single_pca]', '241.45', '2026-04-06', 'secondary', 'mig.personal_amount@2026-04-06'),
    ('2026-07-01', 'mig.personal_amount[lone_parent]', '120.40', '2026-04-06', 'unverified', 'mig.personal_amount@2026-04-06'),
    ('2026-07-01', 'mig.personal_amount[couple_member_18_plus]', '94.55', '2026-04-06', 'unverified', 'mig.personal_amount@2026-04-06'),
    ('2026-07-01', 'mig.personal_amount[couple_member_pca]', '184.30', '2026-04-06', 'unverified', 'mig.personal_amount@2026-04-06'),
    ('2026-07-01', 'mig.child_amount', '106.85', '2026-04-06', 'unverified', 'mig.child_amount@2026-04-06'),
    ('2026-07-01', 'mig.premiums[disability_single]', '51.55', '2026-04-06', 'unverified', 'mig.premiums@2026-04-06'),
    ('2026-07-01', 'mig.premiums[disability_couple_member]', '36.75', '2026-04-06', 'unverified', 'mig.premiums@2026-04-06'),
    ('2026-07-01', 'mig.premiums[enhanced_disability_single]', '25.15', '2026-04-06', 'unverified', 'mig.premiums@2026-04-06'),
    ('2026-07-01', 'mig.premiums[enhanced_disability_couple_member]', '18.10', '2026-04-06', 'unverified', 'mig.premiums@2026-04-06'),
    ('2026-07-01', 'mig.premiums[carer]', '55.25', '2026-04-06', 'unverified', 'mig.premiums@2026-04-06'),
    ('2026-07-01', 'income.savings_credit_disregard[single]', '7.30', '2026-04-06', 'unverified', 'income.savings_credit_disregard@2026-04-06'),
    ('2026-07-01', 'income.savings_credit_disregard[couple]', '11.00', '2026-04-06', 'unverified', 'income.savings_credit_disregard@2026-04-06'),
]

FINANCIAL_YEARS = range(2015, 2027)


@pytest.fixture(scope="module")
def england():
    return load_ruleset("england")


def _resolve(rules, on: str, label: str):
    name, _, key = label.partition("[")
    pv = rules.at(date.fromisoformat(on))[name]
    return pv[key.rstrip("]")] if key else pv


@pytest.mark.parametrize(("on", "label", "value", "effective_from", "status", "cite_id"), VALUES, ids=[f"{r[1]}@{r[0]}" for r in VALUES])
def test_national_value_and_citation(england, on, label, value, effective_from, status, cite_id):
    pv = _resolve(england, on, label)
    assert pv.value == Decimal(value)
    assert str(pv.value) == value  # same scale too: "23250.00", not "23250"
    assert pv.effective_from.isoformat() == effective_from
    assert pv.citation.status.value == status
    text, href = CITATIONS[cite_id]
    assert pv.citation.text == text
    assert pv.citation.href == href
    assert pv.layer_kind.value == "national"


def test_the_table_covers_every_financial_year_and_every_cell(england):
    dates = {r[0] for r in VALUES}
    assert {f"{y}-07-01" for y in FINANCIAL_YEARS} | {"2015-04-02"} == dates
    per_date = {d: [r[1] for r in VALUES if r[0] == d] for d in dates}
    cells = per_date["2025-07-01"]
    assert all(v == cells for v in per_date.values())
    expected = (
        ["capital.upper_limit", "capital.lower_limit", "capital.tariff_band", "capital.tariff_per_band",
         "allowances.personal_expenses"]
        + [f"mig.personal_amount[{k}]" for k in england.parameter("mig.personal_amount").keys]
        + ["mig.child_amount"]
        + [f"mig.premiums[{k}]" for k in england.parameter("mig.premiums").keys]
        + [f"income.savings_credit_disregard[{k}]" for k in england.parameter("income.savings_credit_disregard").keys]
    )
    assert cells == expected


def test_every_citation_in_the_table_is_used():
    assert {r[5] for r in VALUES} == set(CITATIONS)


@pytest.mark.parametrize("year", FINANCIAL_YEARS)
def test_capital_limits_are_the_same_every_year(england, year):
    """£14,250 / £23,250 in every year 2015-16 to 2026-27 (unchanged since April 2010)."""
    res = england.at(date(year, 4, 1))
    assert (res["capital.lower_limit"].value, res["capital.upper_limit"].value) == (Decimal("14250.00"), Decimal("23250.00"))


def test_mig_and_pea_change_on_6_april():
    """The annual amending regulations take effect on 6 April (2015, 2022-2026): the day before, the
    previous year's figures apply."""
    rules = load_ruleset("england")
    for year, before, after in [(2015, "24.40", "24.90"), (2022, "24.90", "25.65"), (2023, "25.65", "28.25"),
                                (2024, "28.25", "30.15"), (2025, "30.15", "30.65"), (2026, "30.65", "31.80")]:
        assert rules.at(date(year, 4, 5))["allowances.personal_expenses"].value == Decimal(before)
        assert rules.at(date(year, 4, 6))["allowances.personal_expenses"].value == Decimal(after)
