"""Plain-English rendering of an explanation, fit to quote in a letter.

Money and dates are formatted for the locale with babel (en-GB by default: £1,234.50, 1 June 2025);
statement templates go through the gettext catalogue for the locale.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from .document import format_day, format_money, format_number, format_statement
from .i18n import gettext_for
from .steps import N_

__all__ = ["render_param", "render_text"]


def _money_or_value(value: Any, unit: str, locale: str) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_money_or_value(v, unit, locale)}" for k, v in value.items())
    if unit.startswith("GBP"):
        text = format_money(value, locale)
        return text + (" a week" if unit == "GBP/week" else " a year" if unit == "GBP/year" else "")
    if unit == "rate":
        return format_number(Decimal(value) * 100, locale) + "%"
    if unit == "bool":
        return "yes" if value else "no"
    return f"{value} {unit}" if unit in ("weeks", "years", "months", "days") else str(value)


def render_param(p: Mapping[str, Any], locale: str = "en_GB", gettext: Callable[[str], str] | None = None) -> str:
    """One parameter read, as a line: name, value, from when, and the law."""
    gettext = gettext or gettext_for(locale)
    label = p["name"] + (f"[{p['key']}]" if p.get("key") else "")
    since = format_day(date.fromisoformat(p["effective_from"]), locale)
    cite = p["citation"]["text"]
    status = p["citation"]["status"]
    flag = "" if status == "verified" else f" ({gettext(N_('source status'))}: {status})"
    layer = "" if p["layer_kind"] == "national" else f" [{p['layer_kind']}: {p['layer']}]"
    return (
        f"{label} = {_money_or_value(p['value'], p['unit'], locale)} "
        f"({gettext(N_('from'))} {since}; {cite}){flag}{layer}"
    )


def _render_steps(steps: list[Mapping[str, Any]], prefix: str, depth: int, locale: str, gettext: Callable[[str], str],
                  out: list[str], plain: bool = False) -> None:
    indent = "   " * depth
    for i, step in enumerate(steps, start=1):
        number = f"{prefix}{i}"
        stored = step.get("statement")
        if plain and isinstance(stored, str):  # en-GB, untranslated: the document already holds the text
            statement = stored
        else:
            statement = format_statement(step["template"], step.get("args", {}), locale, gettext)
        out.append(f"{indent}{number}. {statement}")
        cit = step["citation"]
        law = cit["text"] + (f"; {cit['guidance']}" if cit.get("guidance") else "")
        out.append(f"{indent}   {gettext(N_('Law'))}: {law}")
        for p in step.get("parameters", []):
            out.append(f"{indent}   - {render_param(p, locale, gettext)}")
        _render_steps(step.get("steps", []), number + ".", depth + 1, locale, gettext, out, plain)


def render_text(doc: Mapping[str, Any], locale: str = "en_GB", gettext: Callable[[str], str] | None = None) -> str:
    """Render an explanation document (``Explanation.to_dict()`` or stored JSON) as readable text."""
    plain = locale == "en_GB" and gettext is None
    gettext = gettext or gettext_for(locale)
    on = format_day(date.fromisoformat(doc["on"]), locale)
    out = [
        gettext(N_("How this was worked out, using the rules in force on {on}")).format(on=on),
        f"{gettext(N_('Rules'))}: {doc['ruleset']['id']} ({doc['ruleset']['digest'][:19]}…)",
        "",
    ]
    _render_steps(doc["steps"], "", 0, locale, gettext, out, plain)
    return "\n".join(out) + "\n"
