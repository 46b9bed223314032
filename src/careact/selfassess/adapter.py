"""The one place the self-assessment service calls careact's library.

Everything the service needs from the rules engine goes through this module: validating a case,
loading the council's overlays, running the assessment, rendering its explanation, and the rule-set
identity that lets a stored estimate be replayed. Keeping the calls here means a change in the
library's API is absorbed in one file.

:func:`figures_status_from_explanation` works out whether any figure an estimate used is unverified
or only secondary, from the parameter citations in the explanation. When the library's results carry
that status themselves, that function is the one to replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from .. import __version__
from ..charging import ChargingCase
from ..charging import assess as _assess
from ..charging.catalogue import capital_types, income_types
from ..dates import age_on
from ..errors import CareactError, FieldProblem, InputError, NoRulesInForce, RuleSetError, UnknownRuleSet
from ..explain import format_statement, render_param
from ..explain.i18n import gettext_for
from ..rules import Layer, LayerKind, RuleSet, bundled_overlays, load_overlay, load_ruleset
from ..validation import validate_model

CAREACT_VERSION = __version__
"""The careact version an estimate or referral records, for replay."""

__all__ = [
    "BASE_RULESET",
    "CAREACT_VERSION",
    "CareactError",
    "ChargingCase",
    "CouncilRules",
    "Estimate",
    "ExplainedStep",
    "FieldProblem",
    "FiguresStatus",
    "InputError",
    "RuleSetError",
    "age_on",
    "case_document",
    "explained_steps",
    "figures_status_from_explanation",
    "figures_status_of",
    "known_capital_types",
    "known_income_types",
    "load_council_rules",
    "run_estimate",
    "validate_case",
]

BASE_RULESET = "england"

FigureLevel = Literal["verified", "secondary", "unverified"]


# --------------------------------------------------------------------------- the case


def validate_case(data: Mapping[str, Any]) -> ChargingCase:
    """The case as careact validates it (``careact.case.charging/1``); :class:`InputError` names each field."""
    return validate_model(ChargingCase, dict(data))


def case_document(case: ChargingCase) -> dict[str, Any]:
    """The case as careact's JSON contract writes it: what a case-management system imports."""
    doc: dict[str, Any] = case.model_dump(mode="json", by_alias=True, exclude_none=True)
    return doc


def known_income_types() -> frozenset[str]:
    return frozenset(income_types(BASE_RULESET))


def known_capital_types() -> frozenset[str]:
    return frozenset(capital_types(BASE_RULESET))


# --------------------------------------------------------------------------- the council's rules


@dataclass(frozen=True)
class CouncilRules:
    """The national rule set with the council's overlays, loaded and checked once."""

    specs: tuple[str, ...]
    rules: RuleSet

    @property
    def overlay_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.rules.overlays)

    @property
    def overlay_files(self) -> tuple[str, ...]:
        """The overlays given as files (not bundled), which a replay needs to be handed."""
        return tuple(s for s in self.specs if s.endswith(".toml"))

    def identity(self) -> dict[str, Any]:
        ident: dict[str, Any] = self.rules.identity()
        return ident


def load_council_rules(specs: Sequence[str | Path]) -> CouncilRules:
    """The council's overlays (bundled names such as ``council/reading`` or TOML files), on the national rules.

    Raises :class:`RuleSetError` or :class:`UnknownRuleSet` (a :class:`CareactError`) when an overlay
    cannot be loaded or does not fit the national rule set, and :class:`ValueError` when an overlay is
    not a council overlay.
    """
    layers: list[Layer] = []
    for spec in specs:
        layer = load_overlay(spec)
        if layer.kind is not LayerKind.COUNCIL:
            raise ValueError(f"{spec}: is a {layer.kind.value} overlay; the self-assessment takes council overlays only")
        layers.append(layer)
    return CouncilRules(tuple(str(s) for s in specs), load_ruleset(BASE_RULESET, layers))


def bundled_council_overlays() -> tuple[str, ...]:
    return tuple(name for name in bundled_overlays() if name.startswith("council/"))


# --------------------------------------------------------------------------- the estimate


@dataclass(frozen=True)
class FiguresStatus:
    """How far the national and council figures an estimate used have been checked against their sources.

    ``level`` is the weakest status of any figure read: ``verified`` (read in the regulations or a
    primary government source), ``secondary`` (a restatement, such as a council or charity page), or
    ``unverified``. ``secondary`` and ``unverified`` name the parameters concerned.
    """

    level: FigureLevel
    secondary: tuple[str, ...]
    unverified: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"level": self.level, "secondary": list(self.secondary), "unverified": list(self.unverified),
                "sentence": self.sentence}

    @property
    def sentence(self) -> str:
        """The status in a sentence a resident can read (English; the service translates it)."""
        return FIGURES_SENTENCES[self.level]


FIGURES_SENTENCES: dict[FigureLevel, str] = {
    "verified": "Every figure used in this estimate has been checked against the law or official guidance.",
    "secondary": "Some figures used in this estimate come from a reliable summary rather than the law itself. "
    "The council will check them when it does your assessment.",
    "unverified": "Some figures used in this estimate have not yet been checked against an official source. "
    "Treat the estimate as a guide: the council will confirm the figures when it does your assessment.",
}


def _walk(steps: Iterable[Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for step in steps:
        yield step
        yield from _walk(step.get("steps", []))


def figures_status_of(result: Mapping[str, Any]) -> FiguresStatus:
    """The figures' status of a stored result document: the ``figures`` the library's result carries, or for a
    document recorded without it, the status worked out from its explanation."""
    f = result.get("figures")
    if isinstance(f, Mapping) and f.get("status") in ("verified", "secondary", "unverified"):
        return FiguresStatus(f["status"], tuple(f.get("secondary") or ()), tuple(f.get("unverified") or ()))
    return figures_status_from_explanation(result.get("explanation") or {})


def figures_status_from_explanation(explanation: Mapping[str, Any]) -> FiguresStatus:
    """The figures' status of an estimate, from the citation status of every parameter its explanation read
    (for results recorded before results carried their own ``figures``)."""
    secondary: set[str] = set()
    unverified: set[str] = set()
    for step in _walk(explanation.get("steps", [])):
        for p in step.get("parameters", []):
            status = p.get("citation", {}).get("status", "verified")
            label = p["name"] + (f"[{p['key']}]" if p.get("key") else "")
            if status == "unverified":
                unverified.add(label)
            elif status == "secondary":
                secondary.add(label)
    level: FigureLevel = "unverified" if unverified else "secondary" if secondary else "verified"
    return FiguresStatus(level, tuple(sorted(secondary)), tuple(sorted(unverified)))


@dataclass(frozen=True)
class Estimate:
    """An assessment of a case on a date under the council's rules, with everything a referral stores."""

    on: date
    weekly_charge: Decimal
    council_contribution: Decimal
    cost_of_care: Decimal
    self_funder: bool
    full_cost_reason: str | None
    result: dict[str, Any]
    """The whole ``careact.result.charging/1`` document, explanation and inputs included (replayable)."""
    figures: FiguresStatus
    flags: tuple[dict[str, Any], ...]

    @property
    def explanation(self) -> dict[str, Any]:
        doc: dict[str, Any] = self.result["explanation"]
        return doc

    @property
    def identity(self) -> dict[str, Any]:
        """What a replay needs: the rule set's id and digest with every overlay, the careact version, the date."""
        return {"ruleset": self.result["ruleset"], "careact_version": self.result["careact_version"],
                "on": self.on.isoformat()}

    def summary(self) -> dict[str, Any]:
        """The headline figures, as JSON (money as decimal strings)."""
        return {
            "on": self.on.isoformat(),
            "weekly_charge": f"{self.weekly_charge:.2f}",
            "council_weekly_contribution": f"{self.council_contribution:.2f}",
            "cost_of_care": f"{self.cost_of_care:.2f}",
            "self_funder": self.self_funder,
            "full_cost_reason": self.full_cost_reason,
            "figures": self.figures.as_dict(),
        }


def run_estimate(case: ChargingCase | Mapping[str, Any], on: date, council: CouncilRules) -> Estimate:
    """Assess ``case`` on ``on`` under the council's rules, with the explanation.

    Raises :class:`InputError` naming each field at fault (a date outside the rules' coverage is
    reported on the field ``on``).
    """
    try:
        result = _assess(case if isinstance(case, ChargingCase) else dict(case), on=on, rules=council.rules,
                         explain=True)
    except NoRulesInForce as exc:
        raise InputError.single("on", str(exc), "no_rules_in_force") from None
    doc: dict[str, Any] = result.model_dump(mode="json", by_alias=True)
    flags = tuple({"code": f.code, "message": f.message, "officer": f.needs_officer_decision} for f in result.flags)
    return Estimate(
        on=on,
        weekly_charge=result.weekly_charge,
        council_contribution=result.council_weekly_contribution,
        cost_of_care=result.cost_of_care,
        self_funder=result.self_funder,
        full_cost_reason=result.full_cost_reason,
        result=doc,
        figures=figures_status_of(doc),
        flags=flags,
    )


def replay_estimate(result: Mapping[str, Any], council: CouncilRules) -> tuple[bool, str]:
    """Re-run a stored result document and say whether it is reproduced exactly (with the report's text)."""
    from ..replay import replay

    report = replay(dict(result), overlays=council.overlay_files)
    return report.identical, report.render_text()


# --------------------------------------------------------------------------- the explanation, for people


@dataclass(frozen=True)
class ExplainedStep:
    depth: int
    title: str
    statement: str
    citation: str
    href: str | None
    parameters: tuple[str, ...]
    status: FigureLevel
    lang: str
    """The language the statement is in: the locale's, or ``en`` where careact's catalogue lacks it."""


def explained_steps(explanation: Mapping[str, Any], locale: str = "en_GB") -> list[ExplainedStep]:
    """The explanation's steps in reading order, each statement rendered for ``locale``.

    Statements are translated through careact's catalogue where it has the locale; money and dates are
    formatted for the locale either way.
    """
    gettext = gettext_for(locale)
    out: list[ExplainedStep] = []

    def visit(steps: Iterable[Mapping[str, Any]], depth: int) -> None:
        for step in steps:
            cit = step.get("citation", {})
            law = str(cit.get("text", "")) + (f"; {cit['guidance']}" if cit.get("guidance") else "")
            params = step.get("parameters", [])
            statuses = {p.get("citation", {}).get("status", "verified") for p in params}
            level: FigureLevel = ("unverified" if "unverified" in statuses
                                  else "secondary" if "secondary" in statuses else "verified")
            translated = locale.startswith("en") or gettext(step["template"]) != step["template"]
            out.append(ExplainedStep(
                lang=locale.split("_")[0] if translated else "en",
                depth=depth,
                title=str(step.get("title", "")),
                statement=format_statement(step["template"], step.get("args", {}), locale, gettext),
                citation=law,
                href=cit.get("href"),
                parameters=tuple(render_param(p, locale, gettext) for p in params),
                status=level,
            ))
            visit(step.get("steps", []), depth + 1)

    visit(explanation.get("steps", []), 0)
    return out


def is_unknown_overlay(exc: BaseException) -> bool:
    return isinstance(exc, UnknownRuleSet)
