"""Reform overlays: finding them, checking them, and reading the reform terms in force on a date.

A reform is an ordinary overlay file (``[overlay]`` header with ``layer = "reform"`` and
``[[parameter]]`` tables; see ``docs/guides/reform.md``). It may override national parameters
(``capital.upper_limit``, ``capital.lower_limit``, ``capital.tariff_band``,
``capital.tariff_per_band``) and add the reform parameters below. Every parameter is optional: a
reform without ``reform.cap.amount`` has no cap; one without ``reform.daily_living_costs.weekly``
nets nothing off before metering. A policy team can write its own file and run it by path with no
code.

=============================================  ========  ===============================================
parameter                                      unit      meaning
=============================================  ========  ===============================================
``reform.cap.amount``                          GBP       lifetime cap (Care Act 2014 s.15(1))
``reform.cap.metering``                        text      ``personal_budget`` (s.15(2) as enacted: the whole
                                                         LA-rate cost counts) or ``own_contribution``
                                                         (Health and Care Act 2022 s.166: only what the
                                                         adult is charged; self-funders their IPB)
``reform.cap.metering_rate``                   text      ``la_rate`` (the cost to the LA, default) or
                                                         ``actual_cost`` (what the care actually costs)
``reform.daily_living_costs.weekly``           GBP/week  care homes: excluded from metering, charged after
                                                         the cap (s.15(6)-(7))
``reform.capital.upper_limit_home_disregarded``  GBP     a second upper limit where the home is not
                                                         counted (the 2016 design's £27,000)
``reform.home_counted_domiciliary``            bool      the home counts in the means test for care at home
``reform.deferred_payments_domiciliary``       bool      deferred payments are available for care at home
``reform.free_personal_care.enabled``          bool      personal care is free (no means test)
``reform.free_personal_care.domiciliary_personal_share``  rate  the share of a home-care package that is
                                                         personal care
``reform.self_funder_keeps_pea``               bool      a self-funder running down capital keeps the PEA
                                                         (or MIG) from income (default true; a modelling
                                                         convention, not a rule)
=============================================  ========  ===============================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..errors import RuleSetError, RuleSetProblem, UnknownRuleSet
from ..rules import (
    Layer,
    LayerKind,
    ParamValue,
    Resolved,
    RuleSet,
    bundled_overlays,
    load_overlay,
    load_ruleset,
)

__all__ = [
    "METERING_CHOICES",
    "METERING_RATE_CHOICES",
    "REFORM_PARAMETERS",
    "ReformTerms",
    "available_reforms",
    "check_reform_layer",
    "load_reform",
    "reform_ruleset",
]

CAP = "reform.cap.amount"
METERING = "reform.cap.metering"
METERING_RATE = "reform.cap.metering_rate"
DLC = "reform.daily_living_costs.weekly"
UCL_HOME_DISREGARDED = "reform.capital.upper_limit_home_disregarded"
HOME_COUNTED_DOM = "reform.home_counted_domiciliary"
DPA_DOM = "reform.deferred_payments_domiciliary"
FPC = "reform.free_personal_care.enabled"
FPC_SHARE = "reform.free_personal_care.domiciliary_personal_share"
SELF_FUNDER_PEA = "reform.self_funder_keeps_pea"

METERING_CHOICES = ("personal_budget", "own_contribution")
METERING_RATE_CHOICES = ("la_rate", "actual_cost")

REFORM_PARAMETERS: dict[str, str] = {
    CAP: "GBP",
    METERING: "text",
    METERING_RATE: "text",
    DLC: "GBP/week",
    UCL_HOME_DISREGARDED: "GBP",
    HOME_COUNTED_DOM: "bool",
    DPA_DOM: "bool",
    FPC: "bool",
    FPC_SHARE: "rate",
    SELF_FUNDER_PEA: "bool",
}
_TEXT_CHOICES = {METERING: METERING_CHOICES, METERING_RATE: METERING_RATE_CHOICES}


def available_reforms() -> tuple[str, ...]:
    """Names of the bundled reform overlays (``reform_2021``, ``care_act_2016``, ...)."""
    return tuple(n.split("/", 1)[1] for n in bundled_overlays() if n.startswith("reform/"))


def check_reform_layer(layer: Layer) -> None:
    """Reject a reform overlay whose reform parameters have the wrong unit or an unknown choice."""
    problems: list[RuleSetProblem] = []
    if layer.kind is not LayerKind.REFORM:
        problems.append(RuleSetProblem(layer.path, f"a reform overlay needs layer = \"reform\" (got {layer.kind.value!r})"))
    for name, p in layer.parameters.items():
        if not name.startswith("reform."):
            continue
        want = REFORM_PARAMETERS.get(name)
        if want is None:
            known = ", ".join(sorted(REFORM_PARAMETERS))
            problems.append(RuleSetProblem(layer.path, f"unknown reform parameter (known: {known})", parameter=name))
            continue
        if p.unit.value != want:
            problems.append(RuleSetProblem(layer.path, f"must be in {want}, not {p.unit.value}", parameter=name))
            continue
        choices = _TEXT_CHOICES.get(name)
        if choices:
            for v in p.values:
                if v.value not in choices:
                    problems.append(
                        RuleSetProblem(
                            layer.path,
                            f"value {v.value!r} from {v.start} is not one of {', '.join(choices)}",
                            parameter=name,
                        )
                    )
    if problems:
        raise RuleSetError(problems)


def load_reform(spec: str | Path | Layer) -> Layer:
    """A reform overlay: a bundled name (``reform_2021`` or ``reform/reform_2021``), a file path, or a Layer."""
    if isinstance(spec, Layer):
        layer = spec
    else:
        text = str(spec)
        if not text.endswith(".toml") and "/" not in text and text in available_reforms():
            text = f"reform/{text}"
        try:
            layer = load_overlay(text)
        except UnknownRuleSet:
            raise UnknownRuleSet(str(spec), available=available_reforms()) from None
    check_reform_layer(layer)
    return layer


def reform_ruleset(
    reform: str | Path | Layer | None,
    *,
    base: str = "england",
    overlays: Iterable[str | Path | Layer] = (),
) -> RuleSet:
    """The national rule set with any council ``overlays``, then the reform on top (none: the baseline)."""
    rules = load_ruleset(base, overlays=list(overlays))
    if reform is None:
        return rules
    return rules.with_overlay(load_reform(reform))


@dataclass(frozen=True, slots=True)
class ReformTerms:
    """The reform parameters in force on one date (each ``None`` when the rule set does not set it)."""

    on: date
    cap: ParamValue | None
    metering: ParamValue | None
    metering_rate: ParamValue | None
    daily_living_costs: ParamValue | None
    ucl_home_disregarded: ParamValue | None
    home_counted_domiciliary: ParamValue | None
    deferred_payments_domiciliary: ParamValue | None
    free_personal_care: ParamValue | None
    personal_share: ParamValue | None
    self_funder_pea: ParamValue | None = None

    @classmethod
    def from_resolved(cls, res: Resolved) -> ReformTerms:
        g = res.get
        return cls(
            on=res.on,
            cap=g(CAP),
            metering=g(METERING),
            metering_rate=g(METERING_RATE),
            daily_living_costs=g(DLC),
            ucl_home_disregarded=g(UCL_HOME_DISREGARDED),
            home_counted_domiciliary=g(HOME_COUNTED_DOM),
            deferred_payments_domiciliary=g(DPA_DOM),
            free_personal_care=g(FPC),
            personal_share=g(FPC_SHARE),
            self_funder_pea=g(SELF_FUNDER_PEA),
        )

    # convenience views (plain values)
    @property
    def has_cap(self) -> bool:
        return self.cap is not None

    @property
    def cap_amount(self) -> Decimal | None:
        return self.cap.value if self.cap is not None else None

    @property
    def metering_basis(self) -> str:
        return self.metering.value if self.metering is not None else "personal_budget"

    @property
    def metering_rate_basis(self) -> str:
        return self.metering_rate.value if self.metering_rate is not None else "la_rate"

    @property
    def dlc_weekly(self) -> Decimal:
        return self.daily_living_costs.value if self.daily_living_costs is not None else Decimal("0.00")

    @property
    def fpc(self) -> bool:
        return bool(self.free_personal_care is not None and self.free_personal_care.value)

    @property
    def home_counted_at_home(self) -> bool:
        return bool(self.home_counted_domiciliary is not None and self.home_counted_domiciliary.value)

    @property
    def self_funder_keeps_pea(self) -> bool:
        """careact's convention when the reform does not say: a self-funder keeps the PEA (or MIG) from income."""
        return True if self.self_funder_pea is None else bool(self.self_funder_pea.value)

    @property
    def dpa_at_home(self) -> bool:
        return bool(self.deferred_payments_domiciliary is not None and self.deferred_payments_domiciliary.value)
