"""The eligibility catalogue: SI 2015/313 regs 2-3 and Care Act 2014 s.1(2), read from data.

The wording, paragraph numbers, thresholds and citations live in
``careact/rules/data/eligibility/outcomes.toml``; this module loads them into immutable values and
builds the citations that explanation steps carry. Nothing here restates the law.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from ..explain import RuleStep
from ..explain.jsonable import jsonable
from ..rules.params.eligibility import eligibility_adult, eligibility_carer, eligibility_wellbeing
from ..rules.reader import Reader

__all__ = [
    "DATA_DIR",
    "Catalogue",
    "Criteria",
    "Item",
    "Provision",
    "Source",
    "load_catalogue",
    "read_data",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "rules" / "data" / "eligibility"

Kind = Literal["adult", "carer"]


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


@lru_cache(maxsize=8)
def read_data(name: str) -> Mapping[str, Any]:
    """One eligibility data file (``outcomes``, ``questionnaire``, ``cld_codes``, ``next_steps``), parsed
    and frozen (mappings read-only, lists as tuples), so the cached copy cannot be changed by a caller."""
    with (DATA_DIR / f"{name}.toml").open("rb") as fh:
        frozen: Mapping[str, Any] = _freeze(tomllib.load(fh))
    return frozen


@dataclass(frozen=True, slots=True)
class Source:
    """Where the wording of an item was read, and how far it was checked (verified/secondary/unverified)."""

    id: str
    status: str
    href: str
    note: str


@dataclass(frozen=True, slots=True)
class Item:
    """One numbered provision with an id: a condition, an outcome, a sense of "unable" or a well-being area."""

    id: str
    paragraph: str
    text: str
    source: Source
    guidance: str | None = None


@dataclass(frozen=True, slots=True)
class Provision:
    """A provision without an id of its own (reg 2(3) chapeau, reg 2(4) and so on)."""

    paragraph: str
    text: str
    source: Source
    guidance: str | None = None


@dataclass(frozen=True, slots=True)
class Criteria:
    """The eligibility criteria for one kind of person: reg 2 (adults) or reg 3 (carers)."""

    kind: Kind
    regulation: str  # "SI 2015/313 reg 2"
    heading: str
    href: str
    minimum_unable: int
    minimum_unable_paragraph: str
    minimum_unable_words: str
    conditions: tuple[Item, ...]
    outcomes: tuple[Item, ...]
    unable: Provision
    senses: tuple[Item, ...]
    fluctuation: Provision
    health: Item | None = None  # carers only: reg 3(2)(a)
    outcomes_circumstance: Provision | None = None  # carers only: reg 3(2)(b)

    def condition(self, cid: str) -> Item:
        return next(c for c in self.conditions if c.id == cid)

    def outcome(self, oid: str) -> Item:
        return next(o for o in self.outcomes if o.id == oid)

    def sense(self, sid: str) -> Item:
        return next(s for s in self.senses if s.id == sid)

    @property
    def outcome_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.outcomes)

    @property
    def sense_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.senses)

    def in_force(self, r: Reader) -> Criteria:
        """The criteria in force on the reader's date: which outcomes the regulation specifies, which senses
        of "unable to achieve" it gives and how many outcomes must be unachievable are dated parameters
        (each read is recorded in the explanation); the wording is this catalogue's."""
        group: Any = eligibility_adult if self.kind == "adult" else eligibility_carer
        outcomes: tuple[str, ...] = r(group.outcomes)
        senses: tuple[str, ...] = r(group.senses)
        minimum: int = r(group.minimum_unable)
        known_o, known_s = {o.id: o for o in self.outcomes}, {s.id: s for s in self.senses}
        missing = [x for x in outcomes if x not in known_o] + [x for x in senses if x not in known_s]
        if missing:  # pragma: no cover - a rule set naming ids the catalogue has no wording for
            raise LookupError(f"the eligibility catalogue has no wording for {', '.join(missing)}")
        return replace(self, outcomes=tuple(known_o[x] for x in outcomes), senses=tuple(known_s[x] for x in senses),
                       minimum_unable=minimum)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Everything the eligibility rules read from data, with the digest that identifies it."""

    name: str
    version: str
    digest: str
    instrument: str  # "SI 2015/313"
    instrument_title: str
    instrument_href: str
    in_force_from: date
    adult: Criteria
    carer: Criteria
    wellbeing_citation: str
    wellbeing_href: str
    wellbeing_areas: tuple[Item, ...]
    guidance_citation: str
    guidance_href: str
    guidance_status: str
    guidance_paragraphs: Mapping[str, str]
    minimum_observation_days: int
    minimum_observation_note: str

    def criteria(self, kind: Kind) -> Criteria:
        return self.adult if kind == "adult" else self.carer

    def in_force(self, kind: Kind, r: Reader) -> Catalogue:
        """This catalogue as the rule set has it on the reader's date, for one kind of assessment: the
        criteria (:meth:`Criteria.in_force`) and the areas of well-being (Care Act 2014 s 1(2)), each
        read recorded in the explanation."""
        areas: tuple[str, ...] = r(eligibility_wellbeing.areas)
        known = {a.id: a for a in self.wellbeing_areas}
        crit = self.criteria(kind).in_force(r)
        return replace(self, wellbeing_areas=tuple(known[a] for a in areas if a in known),
                       **{kind: crit})  # type: ignore[arg-type]

    def wellbeing_area(self, aid: str) -> Item:
        return next(a for a in self.wellbeing_areas if a.id == aid)

    @property
    def wellbeing_area_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.wellbeing_areas)

    def cite(self, paragraph: str) -> str:
        """``"reg 2(3)(a)"`` as a full citation: ``"SI 2015/313 reg 2(3)(a)"``."""
        return f"{self.instrument} {paragraph}"

    def guidance(self, topic: str | None) -> str | None:
        """The statutory guidance paragraph for ``topic``, marked when its number is unverified."""
        if topic is None or topic not in self.guidance_paragraphs:
            return None
        para = self.guidance_paragraphs[topic]
        mark = "" if self.guidance_status == "verified" else " (paragraph number unverified)"
        return f"{self.guidance_citation} para {para}{mark}"

    def rule(self, rid: str, title: str, paragraph: str, *, guidance: str | None = None, href: str | None = None) -> RuleStep:
        """An explanation rule citing ``paragraph`` of SI 2015/313 (and guidance ``topic``)."""
        return RuleStep(
            id=rid, title=title, citation=self.cite(paragraph), href=href, guidance=self.guidance(guidance)
        )

    def identity(self) -> dict[str, Any]:
        """The identity an explanation records in place of a rule set."""
        base = {"name": self.name, "version": self.version, "digest": self.digest}
        return {"id": f"{self.name}@{self.version}", "digest": self.digest, "base": base, "overlays": []}


def _source(sources: Mapping[str, Any], key: str) -> Source:
    s = sources[key]
    return Source(id=key, status=s["status"], href=s.get("href", ""), note=s.get("note", ""))


def _item(raw: Mapping[str, Any], sources: Mapping[str, Any], default_source: str | None = None) -> Item:
    return Item(
        id=raw["id"],
        paragraph=raw["paragraph"],
        text=raw["text"],
        source=_source(sources, raw.get("source", default_source or "")),
        guidance=raw.get("guidance"),
    )


def _provision(raw: Mapping[str, Any], sources: Mapping[str, Any]) -> Provision:
    return Provision(
        paragraph=raw["paragraph"], text=raw["text"], source=_source(sources, raw["source"]), guidance=raw.get("guidance")
    )


def _criteria(kind: Kind, raw: Mapping[str, Any], sources: Mapping[str, Any]) -> Criteria:
    return Criteria(
        kind=kind,
        regulation=raw["regulation"],
        heading=raw["heading"],
        href=raw["href"],
        minimum_unable=int(raw["minimum_unable"]),
        minimum_unable_paragraph=raw["minimum_unable_paragraph"],
        minimum_unable_words=raw["minimum_unable_words"],
        conditions=tuple(_item(c, sources) for c in raw["condition"]),
        outcomes=tuple(_item(o, sources) for o in raw["outcome"]),
        unable=_provision(raw["unable"], sources),
        senses=tuple(_item(s, sources) for s in raw["sense"]),
        fluctuation=_provision(raw["fluctuation"], sources),
        health=_item(raw["health"], sources) if "health" in raw else None,
        outcomes_circumstance=_provision(raw["outcomes_circumstance"], sources) if "outcomes_circumstance" in raw else None,
    )


def _digest(data: Mapping[str, Any]) -> str:
    canonical = json.dumps(jsonable(data), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The bundled catalogue (loaded once; the returned value is immutable)."""
    raw = read_data("outcomes")
    sources = raw["sources"]
    wb = raw["wellbeing"]
    wb_source = wb["source"]
    guidance = raw["guidance"]
    fl = raw["fluctuation"]
    return Catalogue(
        name=raw["catalogue"]["name"],
        version=raw["catalogue"]["version"],
        digest=_digest(raw),
        instrument=raw["instrument"]["citation"],
        instrument_title=raw["instrument"]["title"],
        instrument_href=raw["instrument"]["href"],
        in_force_from=raw["instrument"]["in_force_from"],
        adult=_criteria("adult", raw["adult"], sources),
        carer=_criteria("carer", raw["carer"], sources),
        wellbeing_citation=wb["citation"],
        wellbeing_href=wb["href"],
        wellbeing_areas=tuple(_item(a, sources, wb_source) for a in wb["area"]),
        guidance_citation=guidance["citation"],
        guidance_href=guidance["href"],
        guidance_status=guidance["status"],
        guidance_paragraphs=MappingProxyType(dict(guidance["paragraphs"])),
        minimum_observation_days=int(fl["minimum_observation_days"]),
        minimum_observation_note=fl["note"],
    )
