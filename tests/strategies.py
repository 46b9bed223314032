"""Hypothesis strategies for charging cases: valid ones (every setting, single and couple, every income
and capital type in the catalogues) and malformed ones (each a valid case with one thing broken).

Cases are generated as the JSON documents careact receives (``careact.case.charging/1``): money as
decimal strings or whole numbers, dates as ISO strings. Use them through the public API::

    from tests.strategies import charging_cases
    @given(charging_cases())
    def test_x(drawn): case, on = drawn.case, drawn.on

Everything here is pure data; nothing is cached between examples.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from careact.charging.catalogue import capital_types, income_types, pension_age_bands

__all__ = [
    "ALL_CAPITAL_TYPES",
    "ASSESSMENT_DATES",
    "CAPITAL_TYPES",
    "FIRST_DAY",
    "FREQUENCIES",
    "INCOME_TYPES",
    "LAST_DAY",
    "MUTATIONS",
    "SETTINGS",
    "Drawn",
    "Malformed",
    "assessment_dates",
    "capital_items",
    "cares",
    "charging_cases",
    "date_of_birth",
    "homes",
    "housing_costs",
    "income_items",
    "malformed_batches",
    "malformed_cases",
    "money",
    "money_json",
    "mutate",
    "partners",
    "persons",
]

# The rule set covers financial years 2015-16 to 2026-27.
FIRST_DAY = date(2015, 4, 6)
LAST_DAY = date(2027, 3, 31)
ASSESSMENT_DATES = (FIRST_DAY, LAST_DAY)

SETTINGS = ("permanent_residential", "temporary_residential", "respite", "non_residential")
RESIDENTIAL = ("permanent_residential", "temporary_residential", "respite")
FREQUENCIES = ("weekly", "fortnightly", "four_weekly", "monthly", "quarterly", "annually")
INCOME_TYPES: tuple[str, ...] = tuple(sorted(income_types()))
# the main home is described in ``case.home``; the main_home* catalogue entries are rejected in ``capital``
ALL_CAPITAL_TYPES: tuple[str, ...] = tuple(sorted(capital_types()))
CAPITAL_TYPES: tuple[str, ...] = tuple(t for t in ALL_CAPITAL_TYPES if not t.startswith("main_home"))
# dates of birth the pension-credit-age table covers (the minimum income guarantee needs it)
BORN_FROM = pension_age_bands()[0].born_from
BORN_TO = pension_age_bands()[-1].born_to

# income types whose night-time rate can be part-disregarded when no night care is arranged
NIGHT_RATE_TYPES = tuple(
    t for t, it in sorted(income_types().items()) if it.council_option == "options.disregard_night_care_difference"
)
PENSION_SHARE_TYPES = tuple(
    t for t, it in sorted(income_types().items()) if it.conditional_disregard_param == "income.occupational_pension_partner_share"
)
DATED_CAPITAL_TYPES = tuple(
    t for t, ct in sorted(capital_types().items()) if ct.condition == "within_weeks_of_receipt"
)


@dataclass(frozen=True)
class Drawn:
    """A generated case: the JSON document and the assessment date."""

    case: dict[str, Any]
    on: date
    couple: bool
    setting: str


@dataclass(frozen=True)
class Malformed:
    """A broken case: the document, the assessment date, what was broken and where."""

    case: Any
    on: date
    mutation: str
    path: str  # the dotted path of the field broken ("" for the whole document)


# --------------------------------------------------------------------------- money and dates


def money(min_value: Decimal | int = 0, max_value: Decimal | int = 10_000) -> st.SearchStrategy[Decimal]:
    """A whole number of pence between the bounds, as a Decimal with two places."""
    lo, hi = int(Decimal(min_value) * 100), int(Decimal(max_value) * 100)
    return st.integers(lo, hi).map(lambda p: (Decimal(p) / 100).quantize(Decimal("0.01")))


def money_json(min_value: Decimal | int = 0, max_value: Decimal | int = 10_000) -> st.SearchStrategy[str | int]:
    """Money as it arrives in JSON: a decimal string (``"12.50"``) or, when whole, sometimes an integer."""

    def encode(args: tuple[Decimal, bool]) -> str | int:
        amount, as_int = args
        if as_int and amount == amount.to_integral_value():
            return int(amount)
        return f"{amount:.2f}"

    return st.tuples(money(min_value, max_value), st.booleans()).map(encode)


def assessment_dates() -> st.SearchStrategy[date]:
    return st.dates(FIRST_DAY, LAST_DAY)


def _iso(d: date) -> str:
    return d.isoformat()


def _years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


@st.composite
def date_of_birth(draw: st.DrawFn, on: date, min_age: int = 18, max_age: int = 105) -> str:
    latest = min(_years_before(on, min_age), BORN_TO)
    earliest = max(_years_before(on, max_age), BORN_FROM)
    return _iso(draw(st.dates(earliest, latest)))


# --------------------------------------------------------------------------- parts of a case


@st.composite
def persons(draw: st.DrawFn, on: date) -> dict[str, Any]:
    person: dict[str, Any] = {"date_of_birth": draw(date_of_birth(on))}
    if draw(st.booleans()):
        person["registered_blind"] = draw(st.booleans())
    for flag in ("disability_premium", "enhanced_disability_premium", "carer_premium"):
        if draw(st.integers(0, 3)) == 0:
            person[flag] = draw(st.booleans())
    return person


@st.composite
def partners(draw: st.DrawFn, on: date) -> dict[str, Any]:
    partner: dict[str, Any] = {"date_of_birth": draw(date_of_birth(on))}
    for flag in ("lives_in_the_home", "in_care_home", "disability_premium", "enhanced_disability_premium"):
        if draw(st.integers(0, 2)) == 0:
            partner[flag] = draw(st.booleans())
    return partner


@st.composite
def income_items(
    draw: st.DrawFn, *, couple: bool, setting: str, types: tuple[str, ...] = INCOME_TYPES
) -> dict[str, Any]:
    kind = draw(st.sampled_from(types))
    item: dict[str, Any] = {"type": kind, "amount": draw(money_json(0, 1_500))}
    if draw(st.booleans()):
        item["frequency"] = draw(st.sampled_from(FREQUENCIES))
    if couple and draw(st.booleans()):
        item["owner"] = draw(st.sampled_from(("person", "partner", "joint")))
    if kind in PENSION_SHARE_TYPES and couple and setting == "permanent_residential" and draw(st.booleans()):
        item["half_paid_to_partner"] = draw(st.booleans())
    if kind in NIGHT_RATE_TYPES and setting == "non_residential" and draw(st.booleans()):
        item["night_care_provided"] = draw(st.booleans())
    if draw(st.integers(0, 4)) == 0:
        item["description"] = draw(st.text(min_size=1, max_size=20))
    return item


@st.composite
def capital_items(
    draw: st.DrawFn, *, couple: bool, on: date, types: tuple[str, ...] = CAPITAL_TYPES
) -> dict[str, Any]:
    kind = draw(st.sampled_from(types))
    item: dict[str, Any] = {"type": kind, "value": draw(money_json(0, 60_000))}
    owners = ["person", "joint_with_others"] + (["partner", "joint_with_partner"] if couple else [])
    owner = draw(st.sampled_from(owners))
    if owner != "person" or draw(st.booleans()):
        item["owner"] = owner
    if owner == "joint_with_others":
        choice = draw(st.integers(0, 2))
        if choice in (0, 2):
            item["joint_owners"] = draw(st.integers(2, 6))
        if choice in (1, 2):
            item["share"] = draw(st.sampled_from(("1/2", "1/3", "0.25", "0.5", "2/3", "0.99")))
    elif owner == "joint_with_partner" and draw(st.booleans()):
        item["share"] = draw(st.sampled_from(("1/2", "0.5")))
    if draw(st.integers(0, 4)) == 0:
        value = Decimal(str(item["value"]))
        item["debt_secured"] = f"{draw(money(0, value)):.2f}"
    if kind in DATED_CAPITAL_TYPES or draw(st.integers(0, 5)) == 0:
        item["received_on"] = _iso(draw(st.dates(on - timedelta(days=365 * 3), on)))
    return item


@st.composite
def homes(draw: st.DrawFn, *, couple: bool, on: date) -> dict[str, Any]:
    home: dict[str, Any] = {"value": draw(money_json(0, 900_000))}
    owner = draw(st.sampled_from(("person", "joint_with_others") + (("joint_with_partner",) if couple else ())))
    if owner != "person" or draw(st.booleans()):
        home["owner"] = owner
    if owner == "joint_with_others":
        home["joint_owners"] = draw(st.integers(2, 4))
    if draw(st.booleans()):
        value = Decimal(str(home["value"]))
        home["mortgage_outstanding"] = f"{draw(money(0, value)):.2f}"
    if draw(st.integers(0, 2)) == 0:
        home["occupants"] = draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "relationship": st.sampled_from(
                            ("partner", "former_partner_lone_parent", "family_member", "relative",
                             "child_of_adult", "other")
                        )
                    },
                    optional={
                        "date_of_birth": st.dates(_years_before(on, 100), on).map(_iso),
                        "incapacitated": st.booleans(),
                        "lived_there_since_before_admission": st.booleans(),
                    },
                ),
                max_size=2,
            )
        )
    for flag in ("intends_to_return", "being_sold_to_buy_another"):
        if draw(st.integers(0, 3)) == 0:
            home[flag] = draw(st.booleans())
    return home


def housing_costs() -> st.SearchStrategy[dict[str, Any]]:
    fields = ("rent", "mortgage", "council_tax", "service_charges", "ground_rent", "housing_benefit",
              "council_tax_reduction")
    return st.fixed_dictionaries(
        {}, optional={**{f: money_json(0, 300) for f in fields}, "frequency": st.sampled_from(FREQUENCIES)}
    )


@st.composite
def cares(draw: st.DrawFn, *, setting: str, on: date) -> dict[str, Any]:
    care: dict[str, Any] = {"setting": setting, "weekly_cost": draw(money_json(0, 2_500))}
    if setting == "permanent_residential":
        care["start_date"] = _iso(draw(st.dates(on - timedelta(days=365 * 4), on)))
        if draw(st.integers(0, 3)) == 0:
            care["property_disregard_weeks_used"] = draw(st.integers(0, 12))
    elif draw(st.integers(0, 5)) == 0:
        care["start_date"] = _iso(draw(st.dates(on - timedelta(days=365), on)))
    if draw(st.integers(0, 2)) == 0:
        care["delivery"] = draw(st.sampled_from(("council_arranged", "direct_payment")))
    if setting != "non_residential" and draw(st.integers(0, 3)) == 0:
        care["third_party_top_up"] = draw(money_json(0, 300))
    if draw(st.integers(0, 9)) == 0:
        care["for_carer"] = draw(st.booleans())
    if draw(st.integers(0, 9)) == 0:
        free = draw(
            st.sampled_from(
                ("intermediate_care_or_reablement", "community_equipment", "minor_adaptation",
                 "mental_health_aftercare", "care_for_cjd")
            )
        )
        care["free_service"] = free
        if free == "intermediate_care_or_reablement":
            care["service_started_on"] = _iso(draw(st.dates(on - timedelta(days=60), on)))
    return care


# --------------------------------------------------------------------------- whole cases


@st.composite
def charging_cases(
    draw: st.DrawFn,
    *,
    couple: bool | None = None,
    setting: str | None = None,
    on: date | None = None,
    income_types: tuple[str, ...] = INCOME_TYPES,
    capital_types: tuple[str, ...] = CAPITAL_TYPES,
    max_income: int = 5,
    max_capital: int = 5,
    extras: bool = True,
) -> Drawn:
    """A valid charging case (as JSON) and its assessment date.

    ``couple``/``setting``/``on`` fix those choices; ``income_types``/``capital_types`` narrow the
    catalogue entries drawn; ``extras=False`` leaves out the home, housing costs, disability-related
    expenditure, notional capital, discretionary disregards and free services (for properties that
    want only income and capital to move).
    """
    on = on or draw(assessment_dates())
    couple = draw(st.booleans()) if couple is None else couple
    setting = setting or draw(st.sampled_from(SETTINGS))
    case: dict[str, Any] = {"person": draw(persons(on)), "care": draw(cares(setting=setting, on=on))}
    if not extras:
        case["care"].pop("free_service", None)
        case["care"].pop("service_started_on", None)
        case["care"].pop("for_carer", None)
    if draw(st.booleans()):
        case["schema"] = "careact.case.charging/1"
    if draw(st.integers(0, 3)) == 0:
        case["reference"] = draw(st.text(st.characters(codec="utf-8"), max_size=12))
    if couple:
        case["partner"] = draw(partners(on))
    children = draw(st.integers(0, 3)) if draw(st.integers(0, 4)) == 0 else 0
    if children:
        case["dependent_children"] = children
        if not couple and draw(st.booleans()):
            case["lone_parent"] = True
    if income_types:
        case["income"] = draw(
            st.lists(income_items(couple=couple, setting=setting, types=income_types), max_size=max_income)
        )
    if capital_types:
        case["capital"] = draw(st.lists(capital_items(couple=couple, on=on, types=capital_types), max_size=max_capital))
    if extras:
        if draw(st.integers(0, 2)) == 0:
            case["home"] = draw(homes(couple=couple, on=on))
        if setting == "non_residential" and draw(st.booleans()):
            case["housing_costs"] = draw(housing_costs())
        if draw(st.integers(0, 2)) == 0:
            case["disability_related_expenditure"] = draw(
                st.lists(
                    st.fixed_dictionaries(
                        {"description": st.sampled_from(("laundry", "heating", "telecare", "cleaner")),
                         "amount": money_json(0, 80)},
                        optional={"frequency": st.sampled_from(FREQUENCIES)},
                    ),
                    max_size=3,
                )
            )
        if draw(st.integers(0, 4)) == 0:
            case["use_standard_dre_allowance"] = draw(st.booleans())
        if draw(st.integers(0, 5)) == 0:
            case["notional_capital"] = [{"amount": draw(money_json(0, 40_000)), "reason": "gift to a relative"}]
        if draw(st.integers(0, 5)) == 0:
            applies = draw(st.sampled_from(("home", "capital", "income")))
            dd: dict[str, Any] = {"applies_to": applies, "reason": "council discretion"}
            if applies != "home":
                dd["amount"] = draw(money_json(0, 500))
            case["discretionary_disregards"] = [dd]
    return Drawn(case=case, on=on, couple=couple, setting=setting)


# --------------------------------------------------------------------------- malformed cases
#
# Each mutation takes a valid case (a deep copy) and breaks one thing, returning the path it broke.
# A mutation is only drawn where it applies (e.g. "negative income" needs an income line).

_NOT_MONEY: tuple[Any, ...] = (
    1.5, 0.1, -3, "-0.01", "12.345", "1e-3", "abc", "", "NaN", "Infinity", "-Infinity", True, False, None,
    [], {}, "£12", "12,50", "1e400", "1e27", 10**30, "99999999999999999999999999999",
)
_NOT_DATES: tuple[Any, ...] = ("2025-13-01", "2025-02-30", "yesterday", "", 20250101, 3.5, True, None, [], {},
                               "01/02/2025", "2025-06-01T12:00:00Z extra")
_NOT_SHARES: tuple[Any, ...] = ("0", "1.5", "-0.5", "abc", "1/0", "0/1", 0.5, True, "", "3/2", [], "NaN")
_NOT_BOOLS: tuple[Any, ...] = ("maybe", 2, [], {}, "yes please", 1.5)
_NOT_OBJECTS: tuple[Any, ...] = ("x", 1, [], True, 1.5)
_NOT_LISTS: tuple[Any, ...] = ("x", 1, {}, True, {"type": "cash"})


def _money_paths(case: dict[str, Any]) -> list[tuple[str, ...]]:
    paths: list[tuple[Any, ...]] = [("care", "weekly_cost")]
    for i, _ in enumerate(case.get("income", [])):
        paths.append(("income", i, "amount"))
    for i, c in enumerate(case.get("capital", [])):
        paths.append(("capital", i, "value"))
        if "debt_secured" in c:
            paths.append(("capital", i, "debt_secured"))
    if "home" in case:
        paths.append(("home", "value"))
        paths.append(("home", "mortgage_outstanding"))
    if "housing_costs" in case:
        paths.append(("housing_costs", "rent"))
        paths.append(("housing_costs", "council_tax"))
    for i, _ in enumerate(case.get("disability_related_expenditure", [])):
        paths.append(("disability_related_expenditure", i, "amount"))
    for i, _ in enumerate(case.get("notional_capital", [])):
        paths.append(("notional_capital", i, "amount"))
    if case["care"].get("setting") != "non_residential":
        paths.append(("care", "third_party_top_up"))
    return paths


def _date_paths(case: dict[str, Any]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [("person", "date_of_birth")]
    if "partner" in case:
        paths.append(("partner", "date_of_birth"))
    if "start_date" in case["care"]:
        paths.append(("care", "start_date"))
    for i, _c in enumerate(case.get("capital", [])):
        paths.append(("capital", i, "received_on"))
    return paths


def _required_paths(case: dict[str, Any]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [("person",), ("care",), ("person", "date_of_birth"), ("care", "setting"),
                                    ("care", "weekly_cost")]
    if "partner" in case:
        paths.append(("partner", "date_of_birth"))
    for i, _ in enumerate(case.get("income", [])):
        paths += [("income", i, "type"), ("income", i, "amount")]
    for i, _ in enumerate(case.get("capital", [])):
        paths += [("capital", i, "type"), ("capital", i, "value")]
    if "home" in case:
        paths.append(("home", "value"))
    for i, _ in enumerate(case.get("disability_related_expenditure", [])):
        paths += [("disability_related_expenditure", i, "description"), ("disability_related_expenditure", i, "amount")]
    for i, _ in enumerate(case.get("notional_capital", [])):
        paths += [("notional_capital", i, "amount"), ("notional_capital", i, "reason")]
    if case["care"].get("setting") == "permanent_residential":
        paths.append(("care", "start_date"))
    return paths


def _object_paths(case: dict[str, Any]) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [("person",), ("care",)]
    for key in ("partner", "home", "housing_costs"):
        if key in case:
            paths.append((key,))
    for key in ("income", "capital"):
        for i, _ in enumerate(case.get(key, [])):
            paths.append((key, i))
    return paths


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _parent(case: Any, path: tuple[Any, ...]) -> Any:
    node = case
    for part in path[:-1]:
        node = node[part]
    return node


def _set(case: Any, path: tuple[Any, ...], value: Any) -> None:
    _parent(case, path)[path[-1]] = value


def _delete(case: Any, path: tuple[Any, ...]) -> None:
    del _parent(case, path)[path[-1]]


def _m_bad_money(rng: random.Random, case: dict[str, Any]) -> str:
    path = rng.choice(_money_paths(case))
    _set(case, path, rng.choice(_NOT_MONEY))
    return _dotted(path)


def _m_bad_date(rng: random.Random, case: dict[str, Any]) -> str:
    path = rng.choice(_date_paths(case))
    bad = rng.choice(_NOT_DATES)
    if bad is None and path[-1] in ("date_of_birth",):
        bad = "not a date"
    elif bad is None:  # optional dates may be null: pick a non-null bad value
        bad = "yesterday"
    _set(case, path, bad)
    return _dotted(path)


def _m_missing(rng: random.Random, case: dict[str, Any]) -> str:
    path = rng.choice(_required_paths(case))
    _delete(case, path)
    return _dotted(path)


def _m_null_required(rng: random.Random, case: dict[str, Any]) -> str:
    path = rng.choice(_required_paths(case))
    _set(case, path, None)
    return _dotted(path)


def _m_unknown_field(rng: random.Random, case: dict[str, Any]) -> str:
    path = rng.choice([(), *_object_paths(case)])
    node = _parent(case, (*path, "x")) if path else case
    name = rng.choice(("incme", "Amount", "weekly_costs", "extra", "dob", "schema_", "__proto__"))
    while name in node:
        name += "_"
    node[name] = rng.choice(("1", 1, None, {}, []))
    return _dotted((*path, name))


def _m_unknown_type(rng: random.Random, case: dict[str, Any]) -> str:
    key = rng.choice([k for k in ("income", "capital") if case.get(k)])
    i = rng.randrange(len(case[key]))
    case[key][i]["type"] = rng.choice(
        ("pension", "State_Pension", "", " ", "savings", "unknown_type", 7, None, ["cash"])
        if key == "income" else
        ("pension", "Cash", "", "savings", "unknown_type", 7, None, ["cash"], "main_home", "main_home_12_week")
    )
    return _dotted((key, i, "type"))


def _m_bad_enum(rng: random.Random, case: dict[str, Any]) -> str:
    choices: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = [
        (("care", "setting"), ("residential", "home_care", "", 1, None)),
        (("care", "delivery"), ("cash", "dp", 0)),
        (("care", "free_service"), ("reablement", "free", 3)),
    ]
    for i, _ in enumerate(case.get("income", [])):
        choices.append((("income", i, "frequency"), ("daily", "Weekly", "", 52, "yearly")))
        choices.append((("income", i, "owner"), ("spouse", "both", "", 0)))
    for i, _ in enumerate(case.get("capital", [])):
        choices.append((("capital", i, "owner"), ("joint", "spouse", "", 2)))
    if "home" in case:
        choices.append((("home", "owner"), ("partner", "joint", "")))
    path, bads = rng.choice(choices)
    _set(case, path, rng.choice(bads))
    return _dotted(path)


def _m_bad_bool(rng: random.Random, case: dict[str, Any]) -> str:
    choices: list[tuple[Any, ...]] = [("person", "registered_blind"), ("lone_parent",), ("use_standard_dre_allowance",),
                                      ("care", "for_carer")]
    if "partner" in case:
        choices.append(("partner", "lives_in_the_home"))
    if "home" in case:
        choices.append(("home", "intends_to_return"))
    path = rng.choice(choices)
    _set(case, path, rng.choice(_NOT_BOOLS))
    return _dotted(path)


def _m_bad_share(rng: random.Random, case: dict[str, Any]) -> str:
    joint = [i for i, c in enumerate(case.get("capital", [])) if c.get("owner") == "joint_with_others"]
    if joint:
        i = rng.choice(joint)
        path: tuple[Any, ...] = ("capital", i, "share")
    else:
        case["home"] = {"value": "100000", "owner": "joint_with_others"}
        path = ("home", "share")
    _set(case, path, rng.choice(_NOT_SHARES))
    return _dotted(path)


def _m_bad_int(rng: random.Random, case: dict[str, Any]) -> str:
    choices: list[tuple[tuple[Any, ...], tuple[Any, ...]]] = [
        (("dependent_children",), (-1, 21, 2.5, "two", None, 10**40)),
        (("care", "property_disregard_weeks_used"), (-1, 1.5, "x", None)),
    ]
    for i, c in enumerate(case.get("capital", [])):
        if c.get("owner") == "joint_with_others":
            choices.append((("capital", i, "joint_owners"), (1, 0, -2, "two", 2.5)))
    path, bads = rng.choice(choices)
    _set(case, path, rng.choice(bads))
    return _dotted(path)


def _m_wrong_container(rng: random.Random, case: dict[str, Any]) -> str:
    if (rng.random() < 0.5):
        path = rng.choice(_object_paths(case))
        _set(case, path, rng.choice(_NOT_OBJECTS))
    else:
        key = rng.choice(("income", "capital", "disability_related_expenditure", "notional_capital",
                                    "discretionary_disregards"))
        path = (key,)
        case[key] = rng.choice(_NOT_LISTS)
    return _dotted(path)


def _m_inconsistent(rng: random.Random, case: dict[str, Any]) -> str:
    """Break a cross-field rule (the model's consistency checks)."""
    options = []
    if "partner" not in case:
        options += ["partner_income", "partner_capital", "lone_parent_no_child"]
    else:
        options += ["lone_parent_with_partner"]
    if case["care"]["setting"] == "permanent_residential":
        options.append("no_start_date")
    if case["care"]["setting"] == "non_residential":
        options.append("top_up_at_home")
    options += ["reablement_no_start", "share_for_sole_owner", "joint_others_no_owners"]
    which = rng.choice(options)
    if which == "partner_income":
        case.setdefault("income", []).append({"type": "state_pension", "amount": "10.00", "owner": "partner"})
        return f"income[{len(case['income']) - 1}].owner"
    if which == "partner_capital":
        case.setdefault("capital", []).append({"type": "cash", "value": "10.00", "owner": "joint_with_partner"})
        return f"capital[{len(case['capital']) - 1}].owner"
    if which == "lone_parent_no_child":
        case["lone_parent"] = True
        case["dependent_children"] = 0
        return "lone_parent"
    if which == "lone_parent_with_partner":
        case["lone_parent"] = True
        case["dependent_children"] = 1
        return "lone_parent"
    if which == "no_start_date":
        case["care"].pop("start_date", None)
        return "care.start_date"
    if which == "top_up_at_home":
        case["care"]["third_party_top_up"] = "25.00"
        return "care.third_party_top_up"
    if which == "reablement_no_start":
        case["care"]["free_service"] = "intermediate_care_or_reablement"
        case["care"].pop("service_started_on", None)
        return "care.service_started_on"
    if which == "share_for_sole_owner":
        case.setdefault("capital", []).append({"type": "cash", "value": "10.00", "owner": "person", "share": "1/2"})
        return f"capital[{len(case['capital']) - 1}].share"
    case.setdefault("capital", []).append({"type": "cash", "value": "10.00", "owner": "joint_with_others"})
    return f"capital[{len(case['capital']) - 1}].joint_owners"


def _m_not_a_case(rng: random.Random, case: dict[str, Any]) -> Any:
    return rng.choice(([], "case", 42, None, 1.5, True, [case]))


def _m_bad_schema(rng: random.Random, case: dict[str, Any]) -> str:
    case["schema"] = rng.choice(("careact.case.charging/2", "charging", "", 1, None))
    return "schema"


def _m_bad_text(rng: random.Random, case: dict[str, Any]) -> str:
    choices: list[tuple[Any, ...]] = [("reference",)]
    for i, _ in enumerate(case.get("notional_capital", [])):
        choices.append(("notional_capital", i, "reason"))
    for i, _ in enumerate(case.get("disability_related_expenditure", [])):
        choices.append(("disability_related_expenditure", i, "description"))
    path = rng.choice(choices)
    bad: Any = rng.choice((123, [], {}, 1.5) if path == ("reference",) else ("", 7, [], {}))
    _set(case, path, bad)
    return _dotted(path)


MUTATIONS: dict[str, Any] = {
    "bad_money": _m_bad_money,
    "bad_date": _m_bad_date,
    "missing_required": _m_missing,
    "null_required": _m_null_required,
    "unknown_field": _m_unknown_field,
    "unknown_type": _m_unknown_type,
    "bad_enum": _m_bad_enum,
    "bad_bool": _m_bad_bool,
    "bad_share": _m_bad_share,
    "bad_int": _m_bad_int,
    "wrong_container": _m_wrong_container,
    "inconsistent": _m_inconsistent,
    "bad_schema": _m_bad_schema,
    "bad_text": _m_bad_text,
    "not_a_case": _m_not_a_case,
}


def mutate(case: dict[str, Any], on: date, rng: random.Random, name: str | None = None) -> Malformed:
    """A deep copy of ``case`` with one thing broken (mutation ``name``, or one chosen by ``rng``)."""
    case = copy.deepcopy(case)
    applicable = [m for m in MUTATIONS if m != "unknown_type" or case.get("income") or case.get("capital")]
    name = name or rng.choice(applicable)
    if name == "bad_text" and "reference" not in case and not case.get("notional_capital") \
            and not case.get("disability_related_expenditure"):
        case["reference"] = "r"
    if name == "not_a_case":
        return Malformed(case=_m_not_a_case(rng, case), on=on, mutation=name, path="")
    path = MUTATIONS[name](rng, case)
    return Malformed(case=case, on=on, mutation=name, path=path)


@st.composite
def malformed_cases(draw: st.DrawFn, base: st.SearchStrategy[Drawn] | None = None) -> Malformed:
    """A valid case with one thing broken, and the path of what was broken ("" for the whole document)."""
    drawn = draw(base if base is not None else charging_cases(max_income=3, max_capital=3))
    return mutate(drawn.case, drawn.on, random.Random(draw(st.integers(0, 2**32 - 1))))


@st.composite
def malformed_batches(draw: st.DrawFn, size: int = 20) -> list[Malformed]:
    """``size`` broken copies of one valid case, every mutation kind in turn, then random ones.

    The fast path for fuzzing: one drawn case yields many malformed ones, so tens of thousands of
    malformed inputs cost seconds, not minutes. Reproducible: the mutations are chosen by a
    ``random.Random`` seeded from a Hypothesis-drawn integer.
    """
    drawn = draw(charging_cases(max_income=3, max_capital=3))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    kinds = list(MUTATIONS)
    out = []
    for k in range(size):
        name = kinds[k] if k < len(kinds) else None
        if name == "unknown_type" and not (drawn.case.get("income") or drawn.case.get("capital")):
            name = None
        out.append(mutate(drawn.case, drawn.on, rng, name))
    return out
