"""The resident's journey: the questions, one thing per page, how answers are checked, and the case they make.

Answers are a plain JSON object kept with the draft. Each :class:`Page` reads and checks its own
fields (:func:`read_page`), says whether it applies given the answers so far, and whether it has been
answered. :func:`build_case` turns complete answers into a ``careact.case.charging/1`` case; the
answers of pages that no longer apply (a partner's date of birth after "no partner") are left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from .adapter import age_on
from .i18n import M_

__all__ = [
    "CAPITAL_KINDS",
    "FREQUENCIES",
    "INCOME_KINDS",
    "PAGES",
    "Field",
    "FieldError",
    "Option",
    "Page",
    "applicable_pages",
    "assessment_date",
    "build_case",
    "first_incomplete",
    "page",
    "read_date",
    "read_page",
]

Answers = dict[str, Any]
Kind = Literal["radios", "date", "money", "text", "email", "tel", "textarea", "number", "checkbox", "postcode"]

MAX_MONEY = Decimal(100000000)  # £100m: beyond any care fee, income or estate a resident would enter here


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str | None = None
    when: Callable[[Answers], bool] | None = None


@dataclass(frozen=True)
class Field:
    """One question on a page. ``label`` is the question; ``name`` is the short name used in error messages."""

    name: str
    kind: Kind
    label: str
    short: str
    hint: str | None = None
    options: tuple[Option, ...] = ()
    required: bool = True
    required_error: str | None = None
    autocomplete: str | None = None
    when: Callable[[Answers], bool] | None = None
    past: bool = False
    adult: bool = False
    max_future_days: int | None = None
    min_year: int = 1900

    def options_for(self, a: Answers) -> tuple[Option, ...]:
        return tuple(o for o in self.options if o.when is None or o.when(a))

    def applies(self, a: Answers) -> bool:
        return self.when is None or self.when(a)


@dataclass(frozen=True)
class FieldError:
    """A problem with a field: ``target`` is the id of the input to link the error summary to."""

    field: str
    target: str
    message: str
    values: Mapping[str, str] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class Page:
    """A page of the journey. ``list_key`` makes it an item page (one entry of a list) or, with
    ``is_list``, the page that lists the entries and asks whether to add another."""

    slug: str
    title: str
    section: str
    fields: tuple[Field, ...] = ()
    applies: Callable[[Answers], bool] = lambda a: True
    list_key: str | None = None
    is_list: bool = False
    hint: str | None = None
    summary: str | None = None  # the short label on the check-answers page

    def done(self, a: Answers) -> bool:
        if self.list_key is not None:
            items = a.get(self.list_key) or []
            return bool(items) and bool(a.get(f"{self.list_key}_done"))
        return all(f.name in a for f in self.fields if f.required and f.applies(a))


# --------------------------------------------------------------------------- predicates


def _yes(key: str) -> Callable[[Answers], bool]:
    return lambda a: a.get(key) == "yes"


def has_partner(a: Answers) -> bool:
    return a.get("has_partner") == "yes"


def care(a: Answers) -> str | None:
    value = a.get("care_type")
    return str(value) if value is not None else None


def in_care_home(a: Answers) -> bool:
    return care(a) in ("care_home", "temporary")


def owns_home(a: Answers) -> bool:
    return in_care_home(a) and a.get("home_own") in ("sole", "partner", "others")


# --------------------------------------------------------------------------- choices

YES_NO = (Option("yes", M_("Yes")), Option("no", M_("No")))

FREQUENCIES = (
    Option("weekly", M_("Every week")),
    Option("fortnightly", M_("Every 2 weeks")),
    Option("four_weekly", M_("Every 4 weeks")),
    Option("monthly", M_("Every month")),
    Option("quarterly", M_("Every 3 months")),
    Option("annually", M_("Every year")),
)

INCOME_KINDS = (
    Option("state_pension", M_("State Pension")),
    Option("pension_credit_guarantee", M_("Pension Credit: Guarantee Credit")),
    Option("pension_credit_savings", M_("Pension Credit: Savings Credit")),
    Option("occupational_pension", M_("Workplace pension")),
    Option("private_pension", M_("Personal or private pension")),
    Option("annuity", M_("Annuity")),
    Option("attendance_allowance_higher", M_("Attendance Allowance: higher rate")),
    Option("attendance_allowance_lower", M_("Attendance Allowance: lower rate")),
    Option("pip_daily_living_enhanced", M_("Personal Independence Payment (PIP) daily living: enhanced rate")),
    Option("pip_daily_living_standard", M_("Personal Independence Payment (PIP) daily living: standard rate")),
    Option("pip_mobility_enhanced", M_("Personal Independence Payment (PIP) mobility: enhanced rate")),
    Option("pip_mobility_standard", M_("Personal Independence Payment (PIP) mobility: standard rate")),
    Option("dla_care_highest", M_("Disability Living Allowance (DLA) care: highest rate")),
    Option("dla_care_middle", M_("Disability Living Allowance (DLA) care: middle rate")),
    Option("dla_care_lowest", M_("Disability Living Allowance (DLA) care: lowest rate")),
    Option("dla_mobility_higher", M_("Disability Living Allowance (DLA) mobility: higher rate")),
    Option("dla_mobility_lower", M_("Disability Living Allowance (DLA) mobility: lower rate")),
    Option("carers_allowance", M_("Carer's Allowance")),
    Option("esa_contributory", M_("Employment and Support Allowance: new style (contribution-based)")),
    Option("esa_income_related", M_("Employment and Support Allowance: income-related")),
    Option("universal_credit", M_("Universal Credit")),
    Option("earnings", M_("Earnings from a job")),
    Option("self_employed_earnings", M_("Earnings from self-employment")),
    Option("rent_from_lodger", M_("Money from a lodger")),
    Option("other_income", M_("Other income")),
)

CAPITAL_KINDS = (
    Option("bank_account", M_("Current account")),
    Option("savings_account", M_("Savings or building society account")),
    Option("isa", M_("ISA (cash or stocks and shares)")),
    Option("premium_bonds", M_("Premium Bonds")),
    Option("national_savings", M_("Other National Savings and Investments products")),
    Option("stocks_shares", M_("Stocks and shares")),
    Option("unit_trusts", M_("Unit trusts or investment funds")),
    Option("cash", M_("Cash kept at home")),
    Option("second_property", M_("Property that is not your home")),
    Option("land", M_("Land")),
    Option("other_capital", M_("Other savings or investments")),
)

INCOME_OWNERS = (
    Option("person", M_("You")),
    Option("partner", M_("Your partner")),
    Option("joint", M_("Both of you, as a couple")),
)

CAPITAL_OWNERS = (
    Option("person", M_("You alone")),
    Option("partner", M_("Your partner alone"), when=has_partner),
    Option("joint_with_partner", M_("You and your partner jointly"), when=has_partner),
    Option("joint_with_others", M_("You and other people jointly")),
)

RELATIONSHIPS = (
    Option("relative", M_("A relative or family member"), M_("For example a brother, sister, parent or grandchild")),
    Option("child_of_adult", M_("Your son or daughter")),
    Option("former_partner_lone_parent", M_("Your former partner, who is bringing up a child on their own")),
    Option("other", M_("Someone else"), M_("For example a friend or a carer")),
)


def _owner_label(a: Answers) -> bool:
    return has_partner(a)


# --------------------------------------------------------------------------- pages

S_YOU = M_("About you")
S_CARE = M_("Your care")
S_INCOME = M_("Income")
S_CAPITAL = M_("Savings and investments")
S_HOME = M_("Your home")
S_HOUSING = M_("Housing costs")
S_DRE = M_("Extra costs because of disability")
S_CONTACT = M_("Your contact details")

PAGES: tuple[Page, ...] = (
    Page("date-of-birth", M_("What is your date of birth?"), S_YOU, (
        Field("dob", "date", M_("What is your date of birth?"), M_("Date of birth"), M_("For example, 27 3 1948"),
              past=True, adult=True),), summary=M_("Date of birth")),
    Page("partner", M_("Do you have a partner?"), S_YOU, (
        Field("has_partner", "radios", M_("Do you have a partner?"), M_("Partner"),
              M_("A husband, wife or civil partner, or someone you live with as a couple"), YES_NO,
              required_error=M_("Select yes if you have a partner")),), summary=M_("Partner")),
    Page("partner-date-of-birth", M_("What is your partner's date of birth?"), S_YOU, (
        Field("partner_dob", "date", M_("What is your partner's date of birth?"), M_("Your partner's date of birth"),
              M_("For example, 27 3 1948"), past=True),), applies=has_partner,
         summary=M_("Partner's date of birth")),
    Page("care-type", M_("Where will you get care?"), S_CARE, (
        Field("care_type", "radios", M_("Where will you get care?"), M_("Where you get care"), None, (
            Option("home", M_("In my own home"), M_("For example home care visits or a day centre")),
            Option("care_home", M_("In a care home, to live there permanently")),
            Option("temporary", M_("In a care home, for a temporary stay"),
                   M_("You expect to go back home, for example after a short stay or respite")),
        ), required_error=M_("Select where you will get care")),), summary=M_("Where you get care")),
    Page("partner-lives", M_("Where does your partner live?"), S_CARE, (
        Field("partner_lives", "radios", M_("Where does your partner live?"), M_("Where your partner lives"), None, (
            Option("home", M_("In our home")),
            Option("care_home", M_("In a care home")),
            Option("elsewhere", M_("Somewhere else")),
        ), required_error=M_("Select where your partner lives")),),
         applies=lambda a: has_partner(a) and in_care_home(a), summary=M_("Where your partner lives")),
    Page("care-cost", M_("How much does your care cost each week?"), S_CARE, (
        Field("care_cost", "money", M_("How much does your care cost each week?"), M_("Weekly cost of care"),
              M_("Use the amount in your care and support plan, or the care home's weekly fee. "
                 "If you do not know it yet, ask the council or give your best estimate.")),),
         summary=M_("Weekly cost of care")),
    Page("care-start-date", M_("When did you move into the care home, or when will you move in?"), S_CARE, (
        Field("care_start", "date", M_("When did you move into the care home, or when will you move in?"),
              M_("Date you moved in"), M_("For example, 14 4 2025"), max_future_days=366, min_year=1990),),
         applies=lambda a: care(a) == "care_home", summary=M_("Date you moved in")),
    Page("income-any", M_("Do you get any income, benefits or pensions?"), S_INCOME, (
        Field("income_any", "radios", M_("Do you get any income, benefits or pensions?"), M_("Income"),
              M_("Include your partner's income if you have a partner"), YES_NO,
              required_error=M_("Select yes if you get any income, benefits or pensions")),),
         summary=M_("Any income")),
    Page("income-item", M_("Add income"), S_INCOME, (
        Field("kind", "radios", M_("What kind of income is it?"), M_("Kind of income"), None, INCOME_KINDS,
              required_error=M_("Select the kind of income")),
        Field("amount", "money", M_("How much is each payment?"), M_("Amount")),
        Field("frequency", "radios", M_("How often is it paid?"), M_("How often"), None, FREQUENCIES,
              required_error=M_("Select how often it is paid")),
        Field("owner", "radios", M_("Who gets it?"), M_("Who gets it"), None, INCOME_OWNERS,
              required_error=M_("Select who gets it"), when=has_partner),
    ), applies=_yes("income_any"), list_key="income"),
    Page("income-list", M_("Your income"), S_INCOME, (
        Field("more", "radios", M_("Do you need to add more income?"), M_("Add more income"), None, YES_NO,
              required_error=M_("Select yes if you need to add more income")),),
         applies=_yes("income_any"), list_key="income", is_list=True, summary=M_("Income")),
    Page("capital-any", M_("Do you have any savings or investments?"), S_CAPITAL, (
        Field("capital_any", "radios", M_("Do you have any savings or investments?"), M_("Savings and investments"),
              M_("Include bank accounts, savings, shares, and property or land that is not your home. "
                 "Include your partner's if you have a partner."), YES_NO,
              required_error=M_("Select yes if you have any savings or investments")),),
         summary=M_("Any savings or investments")),
    Page("capital-item", M_("Add savings or investments"), S_CAPITAL, (
        Field("kind", "radios", M_("What kind of savings or investment is it?"), M_("Kind of savings"), None,
              CAPITAL_KINDS, required_error=M_("Select the kind of savings or investment")),
        Field("value", "money", M_("How much is it worth today?"), M_("Value"),
              M_("For property or land, what it would sell for")),
        Field("owner", "radios", M_("Who owns it?"), M_("Who owns it"), None, CAPITAL_OWNERS,
              required_error=M_("Select who owns it")),
        Field("owners", "number", M_("If you own it with other people, how many owners are there in all?"),
              M_("Number of owners"), M_("Including you"), required=False),
    ), applies=_yes("capital_any"), list_key="capital"),
    Page("capital-list", M_("Your savings and investments"), S_CAPITAL, (
        Field("more", "radios", M_("Do you need to add more savings or investments?"), M_("Add more savings"), None,
              YES_NO, required_error=M_("Select yes if you need to add more savings or investments")),),
         applies=_yes("capital_any"), list_key="capital", is_list=True, summary=M_("Savings and investments")),
    Page("home-own", M_("Do you own your home?"), S_HOME, (
        Field("home_own", "radios", M_("Do you own your home?"), M_("Own your home"),
              M_("The home you lived in before you went into the care home"), (
                  Option("sole", M_("Yes, in my name only")),
                  Option("partner", M_("Yes, jointly with my partner"), when=has_partner),
                  Option("others", M_("Yes, jointly with other people")),
                  Option("no", M_("No")),
              ), required_error=M_("Select if you own your home")),),
         applies=in_care_home, summary=M_("Own your home")),
    Page("home-value", M_("Your home's value"), S_HOME, (
        Field("home_value", "money", M_("How much is your home worth?"), M_("Value of your home"),
              M_("What it would sell for today. If you own it with someone, give the value of the whole home.")),
        Field("home_mortgage", "money", M_("How much is left to pay on any mortgage or loan secured on it?"),
              M_("Mortgage left to pay"), M_("Leave blank if there is none"), required=False),
        Field("home_owners", "number", M_("How many owners are there in all?"), M_("Number of owners"),
              M_("Including you"), when=lambda a: a.get("home_own") == "others"),
    ), applies=owns_home, summary=M_("Value of your home")),
    Page("home-return", M_("Do you intend to go back to live in your home?"), S_HOME, (
        Field("home_return", "radios", M_("Do you intend to go back to live in your home?"), M_("Going back home"),
              None, YES_NO, required_error=M_("Select yes if you intend to go back to live in your home")),),
         applies=lambda a: owns_home(a) and care(a) == "temporary", summary=M_("Going back home")),
    Page("occupants-any", M_("Does anyone else still live in your home?"), S_HOME, (
        Field("occupants_any", "radios", M_("Does anyone else still live in your home?"), M_("Anyone else living there"),
              M_("Do not include your partner"), YES_NO,
              required_error=M_("Select yes if anyone else still lives in your home")),),
         applies=lambda a: owns_home(a) and care(a) == "care_home", summary=M_("Anyone else living there")),
    Page("occupant-item", M_("Someone who lives in your home"), S_HOME, (
        Field("relationship", "radios", M_("Who are they?"), M_("Who they are"), None, RELATIONSHIPS,
              required_error=M_("Select who they are")),
        Field("dob", "date", M_("What is their date of birth?"), M_("Their date of birth"), M_("For example, 27 3 1958"),
              past=True),
        Field("incapacitated", "radios", M_("Are they disabled, or unable to work because of illness?"),
              M_("Disabled or ill"), None, YES_NO, required_error=M_("Select yes if they are disabled or ill")),
        Field("before", "radios", M_("Did they live there before you moved into the care home?"),
              M_("Lived there before"), None, YES_NO,
              required_error=M_("Select yes if they lived there before you moved into the care home")),
    ), applies=lambda a: owns_home(a) and care(a) == "care_home" and a.get("occupants_any") == "yes",
         list_key="occupants"),
    Page("occupant-list", M_("People who live in your home"), S_HOME, (
        Field("more", "radios", M_("Does anyone else live there?"), M_("Add someone else"), None, YES_NO,
              required_error=M_("Select yes if anyone else lives there")),),
         applies=lambda a: owns_home(a) and care(a) == "care_home" and a.get("occupants_any") == "yes",
         list_key="occupants", is_list=True, summary=M_("People living in your home")),
    Page("housing-any", M_("Do you pay rent, a mortgage, council tax or other housing costs?"), S_HOUSING, (
        Field("housing_any", "radios", M_("Do you pay rent, a mortgage, council tax or other housing costs?"),
              M_("Housing costs"), M_("For the home you live in, or will go back to"), YES_NO,
              required_error=M_("Select yes if you pay housing costs")),),
         applies=lambda a: care(a) in ("home", "temporary"), summary=M_("Any housing costs")),
    Page("housing-costs", M_("Your housing costs"), S_HOUSING, (
        Field("housing_frequency", "radios", M_("How often do you pay them?"), M_("How often"),
              M_("Give every amount below for this period"), FREQUENCIES,
              required_error=M_("Select how often you pay your housing costs")),
        Field("rent", "money", M_("Rent"), M_("Rent"), required=False),
        Field("mortgage", "money", M_("Mortgage"), M_("Mortgage"), required=False),
        Field("council_tax", "money", M_("Council tax"), M_("Council tax"), required=False),
        Field("service_charges", "money", M_("Service charges"), M_("Service charges"), required=False),
        Field("ground_rent", "money", M_("Ground rent"), M_("Ground rent"), required=False),
        Field("housing_benefit", "money", M_("Housing Benefit you get"), M_("Housing Benefit"), required=False),
        Field("council_tax_reduction", "money", M_("Council Tax Reduction you get"), M_("Council Tax Reduction"),
              required=False),
    ), applies=lambda a: care(a) in ("home", "temporary") and a.get("housing_any") == "yes",
         hint=M_("Leave blank anything you do not pay or get."), summary=M_("Housing costs")),
    Page("dre-any", M_("Do you have extra costs because of a disability or illness?"), S_DRE, (
        Field("dre_any", "radios", M_("Do you have extra costs because of a disability or illness?"),
              M_("Extra costs"), M_("For example extra heating, laundry, a special diet, or equipment you pay for"),
              YES_NO, required_error=M_("Select yes if you have extra costs because of a disability or illness")),),
         applies=lambda a: care(a) == "home", summary=M_("Any extra costs")),
    Page("dre-item", M_("Add an extra cost"), S_DRE, (
        Field("description", "text", M_("What is it for?"), M_("What it is for"), M_("For example, extra heating")),
        Field("amount", "money", M_("How much does it cost?"), M_("Amount")),
        Field("frequency", "radios", M_("How often do you pay it?"), M_("How often"), None, FREQUENCIES,
              required_error=M_("Select how often you pay it")),
    ), applies=lambda a: care(a) == "home" and a.get("dre_any") == "yes", list_key="dre"),
    Page("dre-list", M_("Your extra costs"), S_DRE, (
        Field("more", "radios", M_("Do you need to add another cost?"), M_("Add another cost"), None, YES_NO,
              required_error=M_("Select yes if you need to add another cost")),),
         applies=lambda a: care(a) == "home" and a.get("dre_any") == "yes", list_key="dre", is_list=True,
         summary=M_("Extra costs")),
)

CONTACT = Page("contact", M_("Your contact details"), S_CONTACT, (
    Field("name", "text", M_("Full name"), M_("Full name"), autocomplete="name"),
    Field("address", "textarea", M_("Address"), M_("Address"), M_("The address where you live now"),
          autocomplete="street-address"),
    Field("postcode", "postcode", M_("Postcode"), M_("Postcode"), autocomplete="postal-code"),
    Field("email", "email", M_("Email address"), M_("Email address"), M_("We will only use this to contact you about "
          "your assessment"), required=False, autocomplete="email"),
    Field("phone", "tel", M_("Phone number"), M_("Phone number"), required=False, autocomplete="tel"),
    Field("council_reference", "text", M_("Your council reference, if you have one"), M_("Council reference"),
          M_("It may be on a letter from us"), required=False),
), summary=M_("Contact details"))

DECLARATION = Page("declaration", M_("Send your self-assessment"), S_CONTACT, (
    Field("confirm", "checkbox", M_("I confirm that the information I have given is correct and complete, "
                                   "to the best of my knowledge"), M_("Confirmation"),
          required_error=M_("Confirm that the information you have given is correct")),
))

_BY_SLUG = {p.slug: p for p in (*PAGES, CONTACT, DECLARATION)}
LIST_PAGES = {p.list_key: p for p in PAGES if p.is_list}
ITEM_PAGES = {p.list_key: p for p in PAGES if p.list_key and not p.is_list}


def page(slug: str) -> Page | None:
    return _BY_SLUG.get(slug)


def applicable_pages(a: Answers) -> list[Page]:
    return [p for p in PAGES if p.applies(a)]


def first_incomplete(a: Answers) -> Page | None:
    """The first page that applies and is not answered yet (``None``: ready to check)."""
    for p in applicable_pages(a):
        if not p.done(a):
            return p
    return None


def next_page(a: Answers, current: Page) -> str:
    """Where to go after ``current``: an item page leads to its list; otherwise the next page that applies
    (an item page whose list already has entries is passed over for the list), else check-answers."""
    if current.list_key is not None and not current.is_list:
        return LIST_PAGES[current.list_key].slug
    pages = applicable_pages(a)
    slugs = [p.slug for p in pages]
    if current.slug not in slugs:
        return "check-answers"
    for p in pages[slugs.index(current.slug) + 1:]:
        if p.list_key is not None and not p.is_list and a.get(p.list_key):
            continue
        return p.slug
    return "check-answers"


def previous_page(a: Answers, current: str) -> str | None:
    pages = [p for p in applicable_pages(a) if not (p.list_key and not p.is_list)]
    slugs = [p.slug for p in pages]
    cur = _BY_SLUG.get(current)
    if cur is not None and cur.list_key and not cur.is_list:
        return LIST_PAGES[cur.list_key].slug if a.get(cur.list_key) else _any_page(cur.list_key)
    if current in slugs:
        i = slugs.index(current)
        return slugs[i - 1] if i > 0 else None
    if current == "check-answers":
        return slugs[-1] if slugs else None
    return None


def _any_page(list_key: str) -> str:
    return {"income": "income-any", "capital": "capital-any", "occupants": "occupants-any", "dre": "dre-any"}[list_key]


# --------------------------------------------------------------------------- reading a page's answers

_MONEY = re.compile(r"^[0-9]+(\.[0-9]{1,2})?$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
MAX_TEXT = 500


def _digits(text: str) -> bool:
    """ASCII digits only: other scripts' digits are refused rather than silently read."""
    return text.isascii() and text.isdigit()


def parse_money(raw: str) -> Decimal | None:
    """A resident's amount: ``1,250``, ``£1,250.50`` or ``1250.5``; ``None`` if it is not one."""
    text = raw.strip().replace(",", "").replace(" ", "").removeprefix("£")
    if not _MONEY.match(text):
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _date_parts(form: Mapping[str, str], name: str) -> tuple[str, str, str]:
    return (form.get(f"{name}-day", "").strip(), form.get(f"{name}-month", "").strip(),
            form.get(f"{name}-year", "").strip())


def read_date(f: Field, form: Mapping[str, str], today: date) -> tuple[str | None, FieldError | None, dict[str, str]]:
    day, month, year = _date_parts(form, f.name)
    echo = {f"{f.name}-day": day, f"{f.name}-month": month, f"{f.name}-year": year}
    name = f.short
    if not (day or month or year):
        if not f.required:
            return None, None, echo
        return None, FieldError(f.name, f"{f.name}-day", M_("Enter {name}"), {"name": name}), echo
    missing = [(part, label) for part, label, value in (
        ("day", M_("a day"), day), ("month", M_("a month"), month), ("year", M_("a year"), year)) if not value]
    if missing:
        part, label = missing[0]
        return None, FieldError(f.name, f"{f.name}-{part}", M_("{name} must include {part}"),
                                {"name": name, "part": label}), echo
    if not (_digits(day) and _digits(month) and _digits(year)) or len(year) != 4:
        target = "day" if not _digits(day) else "month" if not _digits(month) else "year"
        return None, FieldError(f.name, f"{f.name}-{target}", M_("{name} must be a real date"), {"name": name}), echo
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None, FieldError(f.name, f"{f.name}-day", M_("{name} must be a real date"), {"name": name}), echo
    if value.year < f.min_year:
        return None, FieldError(f.name, f"{f.name}-year", M_("{name} must be after {year}"),
                                {"name": name, "year": str(f.min_year)}), echo
    if f.past and value >= today:
        return None, FieldError(f.name, f"{f.name}-day", M_("{name} must be in the past"), {"name": name}), echo
    if f.adult and age_on(value, today) < 18:
        return None, FieldError(f.name, f"{f.name}-day",
                                M_("You must be 18 or over to use this service"), {}), echo
    if f.max_future_days is not None and (value - today).days > f.max_future_days:
        return None, FieldError(f.name, f"{f.name}-day", M_("{name} must be within the next year"),
                                {"name": name}), echo
    return value.isoformat(), None, echo


def read_page(p: Page, form: Mapping[str, str], a: Answers, today: date
              ) -> tuple[dict[str, Any], list[FieldError], dict[str, str]]:
    """The page's answers from a submitted form, every problem found, and the values to show again."""
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    echo: dict[str, str] = {}
    for f in p.fields:
        if not f.applies(a):
            continue
        if f.kind == "date":
            value, err, shown = read_date(f, form, today)
            echo.update(shown)
            if err:
                errors.append(err)
            elif value is not None:
                values[f.name] = value
            continue
        raw = form.get(f.name, "")
        raw = raw.strip() if isinstance(raw, str) else ""
        echo[f.name] = raw
        if f.kind == "checkbox":
            if raw != "yes":
                errors.append(FieldError(f.name, f.name, f.required_error or M_("Select {name}"), {"name": f.short}))
            else:
                values[f.name] = True
            continue
        if not raw:
            if f.required:
                if f.kind == "radios":
                    errors.append(FieldError(f.name, f"{f.name}-0", f.required_error or M_("Select {name}"),
                                             {"name": f.short}))
                else:
                    errors.append(FieldError(f.name, f.name, M_("Enter {name}"), {"name": f.short}))
            continue
        if len(raw) > MAX_TEXT:
            errors.append(FieldError(f.name, f.name, M_("{name} must be {count} characters or fewer"),
                                     {"name": f.short, "count": str(MAX_TEXT)}))
            continue
        if f.kind == "radios":
            allowed = {o.value for o in f.options_for(a)}
            if raw not in allowed:
                errors.append(FieldError(f.name, f"{f.name}-0", f.required_error or M_("Select {name}"),
                                         {"name": f.short}))
            else:
                values[f.name] = raw
        elif f.kind == "money":
            amount = parse_money(raw)
            if amount is None:
                errors.append(FieldError(f.name, f.name, M_("{name} must be an amount of money, like 150 or 150.50"),
                                         {"name": f.short}))
            elif amount > MAX_MONEY:
                errors.append(FieldError(f.name, f.name, M_("{name} must be £100,000,000 or less"), {"name": f.short}))
            else:
                values[f.name] = f"{amount:.2f}"
        elif f.kind == "number":
            if not _digits(raw) or not 2 <= int(raw) <= 20:
                errors.append(FieldError(f.name, f.name, M_("{name} must be a whole number from 2 to 20"),
                                         {"name": f.short}))
            else:
                values[f.name] = int(raw)
        elif f.kind == "email":
            if not _EMAIL.match(raw):
                errors.append(FieldError(f.name, f.name, M_("Enter an email address in the correct format, "
                                                           "like name@example.com"), {}))
            else:
                values[f.name] = raw
        elif f.kind == "tel":
            if not _PHONE.match(raw):
                errors.append(FieldError(f.name, f.name, M_("Enter a phone number, like 01632 960 001 or "
                                                           "07700 900 982"), {}))
            else:
                values[f.name] = raw
        elif f.kind == "postcode":
            code = re.sub(r"\s+", "", raw.upper())
            code = f"{code[:-3]} {code[-3:]}" if len(code) > 3 else code
            if not _POSTCODE.match(code):
                errors.append(FieldError(f.name, f.name, M_("Enter a real postcode"), {}))
            else:
                values[f.name] = code
        else:
            values[f.name] = raw
    errors += _page_rules(p, values, a, {e.field for e in errors})
    return values, errors, echo


def _page_rules(p: Page, v: dict[str, Any], a: Answers, failed: set[str]) -> list[FieldError]:
    """Checks across a page's fields."""
    out: list[FieldError] = []
    if p.slug == "capital-item" and "owner" not in failed:
        if v.get("owner") == "joint_with_others" and "owners" not in v and "owners" not in failed:
            out.append(FieldError("owners", "owners", M_("Enter how many owners there are in all"), {}))
        elif v.get("owner") != "joint_with_others":
            v.pop("owners", None)
    if p.slug == "occupant-item" and v.get("relationship") in ("relative", "child_of_adult") and "dob" not in v \
            and "dob" not in failed:
        out.append(FieldError("dob", "dob-day", M_("Enter their date of birth"), {}))
    if p.slug == "contact" and not v.get("email") and not v.get("phone") and not ({"email", "phone"} & failed):
        out.append(FieldError("email", "email", M_("Enter an email address or a phone number"), {}))
    if p.slug == "home-value" and "home_value" in v and "home_mortgage" in v \
            and Decimal(v["home_mortgage"]) > Decimal(v["home_value"]):
        out.append(FieldError("home_mortgage", "home_mortgage",
                              M_("The mortgage left to pay must not be more than the home is worth"), {}))
    return out


def apply_answers(a: Answers, p: Page, values: dict[str, Any], item: int | None = None) -> Answers:
    """The answers with a page's values saved (an item page saves entry ``item`` of its list)."""
    out = dict(a)
    if p.list_key is not None and not p.is_list:
        items = list(out.get(p.list_key) or [])
        if item is None or item >= len(items):
            items.append(values)
        else:
            items[item] = values
        out[p.list_key] = items
    elif p.is_list and p.list_key is not None:
        out[f"{p.list_key}_done"] = values.get("more") == "no"
    else:
        for f in p.fields:
            out.pop(f.name, None)
        out.update(values)
    return prune(out)


def remove_item(a: Answers, list_key: str, item: int) -> Answers:
    out = dict(a)
    items = list(out.get(list_key) or [])
    if 0 <= item < len(items):
        del items[item]
    out[list_key] = items
    if not items:
        out.pop(f"{list_key}_done", None)
    return out


def prune(a: Answers) -> Answers:
    """Drop answers that no longer fit: a partner's income once there is no partner, say."""
    out = dict(a)
    if not has_partner(out):
        out["income"] = [i for i in out.get("income") or [] if i.get("owner", "person") == "person"]
        out["capital"] = [c for c in out.get("capital") or [] if c.get("owner") not in ("partner", "joint_with_partner")]
        if out.get("home_own") == "partner":
            out.pop("home_own")
    for key in ("income", "capital", "occupants", "dre"):
        if key in out and not out[key]:
            out.pop(key)
            out.pop(f"{key}_done", None)
    return out


# --------------------------------------------------------------------------- the case


def assessment_date(a: Answers, today: date) -> date:
    """The date to estimate on: today, or the day of moving into a care home if that is still to come."""
    start = a.get("care_start")
    if care(a) == "care_home" and start:
        return max(today, date.fromisoformat(start))
    return today


_SETTINGS = {"home": "non_residential", "care_home": "permanent_residential", "temporary": "temporary_residential"}


def build_case(a: Answers, reference: str | None = None) -> dict[str, Any]:
    """The careact charging case (``careact.case.charging/1``) the answers describe."""
    case: dict[str, Any] = {"schema": "careact.case.charging/1", "person": {"date_of_birth": a["dob"]}}
    if reference:
        case["reference"] = reference
    partner = has_partner(a)
    setting = _SETTINGS[a["care_type"]]
    if partner:
        where = "home" if care(a) == "home" else a.get("partner_lives", "home")
        case["partner"] = {"date_of_birth": a["partner_dob"], "lives_in_the_home": where == "home",
                           "in_care_home": where == "care_home"}
    care_doc: dict[str, Any] = {"setting": setting, "weekly_cost": a["care_cost"]}
    if setting == "permanent_residential":
        care_doc["start_date"] = a["care_start"]
    case["care"] = care_doc
    if a.get("income_any") == "yes":
        case["income"] = [
            {"type": i["kind"], "amount": i["amount"], "frequency": i["frequency"],
             "owner": i.get("owner", "person") if partner else "person"}
            for i in a.get("income") or []
        ]
    if a.get("capital_any") == "yes":
        items = []
        for c in a.get("capital") or []:
            item: dict[str, Any] = {"type": c["kind"], "value": c["value"], "owner": c["owner"]}
            if c["owner"] == "joint_with_others":
                item["joint_owners"] = c["owners"]
            items.append(item)
        case["capital"] = items
    if owns_home(a):
        owner = {"sole": "person", "partner": "joint_with_partner", "others": "joint_with_others"}[a["home_own"]]
        home: dict[str, Any] = {"value": a["home_value"], "owner": owner}
        if owner == "joint_with_others":
            home["joint_owners"] = a["home_owners"]
        if a.get("home_mortgage"):
            home["mortgage_outstanding"] = a["home_mortgage"]
        if care(a) == "temporary":
            home["intends_to_return"] = a.get("home_return") == "yes"
        if care(a) == "care_home" and a.get("occupants_any") == "yes":
            home["occupants"] = [
                {"relationship": o["relationship"],
                 **({"date_of_birth": o["dob"]} if o.get("dob") else {}),
                 "incapacitated": o["incapacitated"] == "yes",
                 "lived_there_since_before_admission": o["before"] == "yes"}
                for o in a.get("occupants") or []
            ]
        case["home"] = home
    if care(a) in ("home", "temporary") and a.get("housing_any") == "yes":
        costs: dict[str, Any] = {"frequency": a["housing_frequency"]}
        for key in ("rent", "mortgage", "council_tax", "service_charges", "ground_rent", "housing_benefit",
                    "council_tax_reduction"):
            if a.get(key):
                costs[key] = a[key]
        case["housing_costs"] = costs
    if care(a) == "home" and a.get("dre_any") == "yes":
        case["disability_related_expenditure"] = [
            {"description": d["description"], "amount": d["amount"], "frequency": d["frequency"]}
            for d in a.get("dre") or []
        ]
    return case


def option_label(options: Sequence[Option], value: Any) -> str:
    for o in options:
        if o.value == value:
            return o.label
    return str(value)
