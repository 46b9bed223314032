"""What the pages show: the answers as a check-your-answers summary, and where each problem in a case leads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .i18n import M_, Translator
from .journey import (
    CAPITAL_KINDS,
    CAPITAL_OWNERS,
    FREQUENCIES,
    INCOME_KINDS,
    INCOME_OWNERS,
    PAGES,
    RELATIONSHIPS,
    Answers,
    Field,
    Page,
    has_partner,
    option_label,
)

__all__ = ["Row", "Section", "item_lines", "problem_page", "summary"]


@dataclass(frozen=True)
class Row:
    key: str
    lines: tuple[str, ...]
    href: str
    change_label: str


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]


def _value(f: Field, raw: Any, t: Translator) -> str:
    if f.kind == "date":
        return t.date(raw)
    if f.kind == "money":
        return t.money(raw)
    if f.kind == "radios":
        return t(option_label(f.options, raw))
    if f.kind == "checkbox":
        return t(M_("Yes"))
    return str(raw)


def item_lines(list_key: str, items: list[dict[str, Any]], a: Answers, t: Translator) -> list[str]:
    """One line per entry of a list, in words."""
    out = []
    for i in items:
        if list_key == "income":
            line = t(M_("{what}: {amount} {how_often}"), what=t(option_label(INCOME_KINDS, i["kind"])),
                     amount=t.money(i["amount"]), how_often=t(option_label(FREQUENCIES, i["frequency"])).lower())
            if has_partner(a):
                line += f" ({t(option_label(INCOME_OWNERS, i.get('owner', 'person')))})"
        elif list_key == "capital":
            line = t(M_("{what}: {amount}"), what=t(option_label(CAPITAL_KINDS, i["kind"])), amount=t.money(i["value"]))
            owner = t(option_label(CAPITAL_OWNERS, i["owner"]))
            if i["owner"] == "joint_with_others":
                owner += " " + t(M_("({count} owners)"), count=i.get("owners", ""))
            line += f" ({owner})"
        elif list_key == "occupants":
            line = t(option_label(RELATIONSHIPS, i["relationship"]))
            if i.get("dob"):
                line += ", " + t(M_("born {date}"), date=t.date(i["dob"]))
        else:
            line = t(M_("{what}: {amount} {how_often}"), what=i["description"], amount=t.money(i["amount"]),
                     how_often=t(option_label(FREQUENCIES, i["frequency"])).lower())
        out.append(line)
    return out


def summary(a: Answers, t: Translator, link: str = "{slug}?change=1") -> list[Section]:
    """The answers grouped by section, each row with a link to change it."""
    sections: dict[str, list[Row]] = {}
    for p in PAGES:
        if not p.applies(a) or (p.list_key and not p.is_list):
            continue
        rows = sections.setdefault(p.section, [])
        href = link.format(slug=p.slug)
        if p.is_list and p.list_key:
            lines = item_lines(p.list_key, list(a.get(p.list_key) or []), a, t)
            rows.append(Row(t(p.summary or p.title), tuple(lines) or (t(M_("None")),), href, t(p.summary or p.title)))
            continue
        for f in p.fields:
            if not f.applies(a) or f.name not in a:
                continue
            if f.kind == "money" and not f.required and not a.get(f.name):
                continue
            label = t(f.short) if len(p.fields) > 1 else t(p.summary or f.short)
            rows.append(Row(label, (_value(f, a[f.name], t),), href, label))
    return [Section(t(title), tuple(rows)) for title, rows in sections.items() if rows]


_PROBLEM_PAGES = (
    ("person.", "date-of-birth"), ("partner.", "partner-date-of-birth"), ("care.start_date", "care-start-date"),
    ("care.", "care-cost"), ("income", "income-list"), ("capital", "capital-list"), ("home.occupants", "occupant-list"),
    ("home.", "home-value"), ("housing_costs", "housing-costs"), ("disability_related_expenditure", "dre-list"),
    ("on", "care-start-date"),
)


def problem_page(field: str) -> Page | None:
    """The page whose answer a problem in the case (named by its field path) comes from."""
    by_slug = {p.slug: p for p in PAGES}
    for prefix, slug in _PROBLEM_PAGES:
        if field.startswith(prefix) or field == prefix.rstrip("."):
            return by_slug[slug]
    return None
