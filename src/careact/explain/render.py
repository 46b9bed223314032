"""Plain-English rendering of an explanation, fit to quote in a letter.

Money and dates are formatted for the locale with babel (en-GB by default: £1,234.50, 1 June 2025);
statement templates go through the gettext catalogue for the locale.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from functools import lru_cache
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
    if gettext is None:  # the common case: the line depends only on the parameter read, so it is made once
        value = p["value"]
        frozen = tuple(sorted(value.items())) if isinstance(value, Mapping) else value
        cit = p["citation"]
        try:
            hash(frozen)
        except TypeError:  # a list or nested table: rendered directly
            return _render_param(p, locale, gettext_for(locale))
        return _param_line(p["name"], p.get("key"), frozen, p["unit"], p["effective_from"], cit["text"], cit["status"],
                           p["layer_kind"], p["layer"], locale)
    return _render_param(p, locale, gettext)


@lru_cache(maxsize=4096)
def _param_line(name: str, key: str | None, value: Any, unit: str, effective_from: str, cite: str, status: str,
                layer_kind: str, layer: str, locale: str) -> str:
    return _render_param({"name": name, "key": key, "value": dict(value) if isinstance(value, tuple) else value,
                          "unit": unit, "effective_from": effective_from, "citation": {"text": cite, "status": status},
                          "layer_kind": layer_kind, "layer": layer}, locale, gettext_for(locale))


def _render_param(p: Mapping[str, Any], locale: str, gettext: Callable[[str], str]) -> str:
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
            out.append(f"{indent}   - {render_param(p, locale, None if plain else gettext)}")
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
