"""Reform overlays: finding them, checking them, and reading the reform terms in force on a date.

A reform is an ordinary overlay file (``[overlay]`` header with ``layer = "reform"`` and
``[[parameter]]`` tables; see ``docs/guides/reform.md``). It may override national parameters
(``capital.upper_limit``, ``capital.lower_limit``, ``capital.tariff_band``,
``capital.tariff_per_band``) and set the reform terms declared in
:mod:`careact.rules.params.reform` (a cap and how it meters, daily living costs, a second upper
capital limit, the home in the means test for care at home, deferred payments at home, free personal
care). The loader checks every value against its declaration -- name, unit, allowed choices -- so a
misspelt term or a wrong unit is rejected with the file and the fix. Every term is optional: a
reform without ``reform.cap.amount`` has no cap; one without ``reform.daily_living_costs.weekly``
nets nothing off before metering. A policy team can write its own file and run it by path with no
code, or build one in memory with :func:`careact.rules.make_overlay` (``layer="reform"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..errors import RuleSetError, RuleSetProblem, UnknownRuleSet
from ..explain import NullTrace
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
from ..rules.params.reform import (
    METERING_CHOICES,
    METERING_RATE_CHOICES,
    reform,
    reform_cap,
    reform_capital,
    reform_daily_living_costs,
    reform_free_personal_care,
)
from ..rules.reader import Reader

__all__ = [
    "METERING_CHOICES",
    "METERING_RATE_CHOICES",
    "ReformTerms",
    "available_reforms",
    "check_reform_layer",
    "load_reform",
    "reform_ruleset",
]


def available_reforms() -> tuple[str, ...]:
    """Names of the bundled reform overlays (``reform_2021``, ``care_act_2016``, ...)."""
    return tuple(n.split("/", 1)[1] for n in bundled_overlays() if n.startswith("reform/"))


def check_reform_layer(layer: Layer) -> None:
    """A reform overlay must say ``layer = "reform"`` (its terms are checked against their declarations
    when it is loaded)."""
    if layer.kind is not LayerKind.REFORM:
        raise RuleSetError([RuleSetProblem(layer.path, f"a reform overlay needs layer = \"reform\" (got {layer.kind.value!r})")])


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
    rules: RuleSet | None = None,
) -> RuleSet:
    """``rules`` (or the ``base`` rule set) with any council ``overlays``, then the reform on top (none: the baseline)."""
    from ..results import resolve_rules

    if rules is not None:
        ruleset: RuleSet = resolve_rules(rules, list(overlays))
    else:
        ruleset = load_ruleset(base, overlays=list(overlays))
    if reform is None:
        return ruleset
    return ruleset.with_overlay(load_reform(reform))


def _term(r: Reader, decl: Any) -> ParamValue | None:
    """A reform term in force (recorded as read), or ``None`` where the rule set does not set it."""
    return r.param(decl) if r.has(decl) else None


@dataclass(frozen=True, slots=True)
class ReformTerms:
    """The reform terms in force on one date (each ``None`` when the rule set does not set it)."""

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

    @classmethod
    def read(cls, r: Reader) -> ReformTerms:
        """The terms in force where ``r`` reads, each one set recorded as read (so the explanation cites it)."""
        return cls(
            on=r.on,
            cap=_term(r, reform_cap.amount),
            metering=_term(r, reform_cap.metering),
            metering_rate=_term(r, reform_cap.metering_rate),
            daily_living_costs=_term(r, reform_daily_living_costs.weekly),
            ucl_home_disregarded=_term(r, reform_capital.upper_limit_home_disregarded),
            home_counted_domiciliary=_term(r, reform.home_counted_domiciliary),
            deferred_payments_domiciliary=_term(r, reform.deferred_payments_domiciliary),
            free_personal_care=_term(r, reform_free_personal_care.enabled),
            personal_share=_term(r, reform_free_personal_care.domiciliary_personal_share),
        )

    @classmethod
    def from_resolved(cls, res: Resolved) -> ReformTerms:
        """The terms in force in ``res``, read without recording (for inspection, not for a rule)."""
        return cls.read(Reader(res, NullTrace()))

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
    def dpa_at_home(self) -> bool:
        return bool(self.deferred_payments_domiciliary is not None and self.deferred_payments_domiciliary.value)
