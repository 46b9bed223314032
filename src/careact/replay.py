"""Replay: re-run a recorded result and prove it is reproduced byte for byte, or show what changed and why.

A charging result (``careact.result.charging/1``) records everything needed to reproduce it: the
normalised inputs, the assessment date, the rule set's id and digest with every overlay's name,
version and digest, the careact version, and (when asked for) the explanation with every parameter
read. :func:`replay` runs the assessment again with those inputs, that date and those rules, and
compares the *canonical JSON* of the two results (keys sorted, no insignificant whitespace, absent
and ``null`` fields treated alike since ``--format json`` output may leave nulls out)::

    from careact.replay import replay
    report = replay(open("result.json").read())
    report.identical          # True: same bytes
    print(report.render_text())

When the output differs the report lists every field that differs, and says why: a different
careact version, a different rule-set digest (named explicitly, base and each overlay), and each
parameter read whose value, start date or layer differs now — built as
:class:`careact.rules.ParameterChange` values, and taken from :func:`careact.rules.diff` when the
rules that produced the recording are supplied (``recorded_rules=``).

Timeline (``careact.result.timeline/1``) and eligibility (``careact.eligibility/1``) documents are
replayed the same way when they carry their ``inputs``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import __version__
from .errors import CareactError, FieldProblem, InputError, UnknownRuleSet
from .rules import (
    Layer,
    ParameterChange,
    ParamValue,
    RuleSet,
    bundled_overlays,
    diff,
    load_overlay,
    load_ruleset,
)
from .rules.catalogue import with_overlays
from .rules.model import Citation, LayerKind, Status, Unit

__all__ = ["REPLAY_SCHEMA", "Difference", "OverlayCheck", "ReplayReport", "canonical_json", "replay"]

REPLAY_SCHEMA = "careact.replay/1"
CHARGING = "careact.result.charging/1"
TIMELINE = "careact.result.timeline/1"
ELIGIBILITY = "careact.eligibility/1"
MAX_DIFFERENCES = 200


# --------------------------------------------------------------------------- canonical JSON


def _strip_none(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_strip_none(v) for v in value]
    return value


def canonical_json(document: Any) -> str:
    """The canonical JSON text of a result: sorted keys, compact separators, UTF-8, null fields left out."""
    return json.dumps(_strip_none(document), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- the report


@dataclass(frozen=True, slots=True)
class Difference:
    """One field whose recorded and replayed values differ (``None``: absent on that side)."""

    path: str
    recorded: Any
    replayed: Any

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "recorded": self.recorded, "replayed": self.replayed}


@dataclass(frozen=True, slots=True)
class OverlayCheck:
    """A recorded overlay and the overlay replay used for it."""

    name: str
    recorded_version: str | None
    recorded_digest: str | None
    used_version: str | None
    used_digest: str | None
    source: str | None  # the bundled name or path it was loaded from

    @property
    def status(self) -> str:
        if self.used_digest is None:
            return "missing"
        return "same" if self.used_digest == self.recorded_digest else "changed"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "status": self.status, "source": self.source,
            "recorded": {"version": self.recorded_version, "digest": self.recorded_digest},
            "used": {"version": self.used_version, "digest": self.used_digest},
        }


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """What replaying a recorded result found."""

    kind: str  # the schema of the replayed document
    identical: bool
    on: date
    reference: str | None
    recorded_version: str | None
    replayed_version: str
    recorded_ruleset: Mapping[str, Any]
    replayed_ruleset: Mapping[str, Any]
    overlays: tuple[OverlayCheck, ...]
    differences: tuple[Difference, ...]
    differences_total: int
    parameter_changes: tuple[ParameterChange, ...]
    reasons: tuple[str, ...]
    recorded_digest: str
    replayed_digest: str
    replayed: Mapping[str, Any] = field(repr=False)

    @property
    def ruleset_digest_changed(self) -> bool:
        return self.recorded_ruleset.get("digest") != self.replayed_ruleset.get("digest")

    @property
    def base_digest_changed(self) -> bool:
        rec = (self.recorded_ruleset.get("base") or {}).get("digest")
        return rec != (self.replayed_ruleset.get("base") or {}).get("digest")

    @property
    def version_changed(self) -> bool:
        return self.recorded_version != self.replayed_version

    def to_dict(self, *, include_replayed: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "schema": REPLAY_SCHEMA,
            "kind": self.kind,
            "identical": self.identical,
            "on": self.on.isoformat(),
            "reference": self.reference,
            "canonical_digest": {"recorded": self.recorded_digest, "replayed": self.replayed_digest},
            "careact_version": {"recorded": self.recorded_version, "replayed": self.replayed_version,
                                "changed": self.version_changed},
            "ruleset": {
                "recorded": dict(self.recorded_ruleset),
                "replayed": dict(self.replayed_ruleset),
                "digest_changed": self.ruleset_digest_changed,
                "base_digest_changed": self.base_digest_changed,
            },
            "overlays": [o.as_dict() for o in self.overlays],
            "differences": [d.as_dict() for d in self.differences],
            "differences_total": self.differences_total,
            "parameter_changes": [c.as_dict() for c in self.parameter_changes],
            "reasons": list(self.reasons),
        }
        if include_replayed:
            out["replayed"] = dict(self.replayed)
        return out

    def to_json(self, *, include_replayed: bool = False) -> str:
        return json.dumps(self.to_dict(include_replayed=include_replayed), indent=2, sort_keys=True,
                          ensure_ascii=False)

    def render_text(self) -> str:
        lines = []
        who = f" ({self.reference})" if self.reference else ""
        if self.identical:
            lines.append(f"Replayed{who} on {self.on.isoformat()}: byte-identical ({self.replayed_digest}).")
        else:
            lines.append(
                f"Replayed{who} on {self.on.isoformat()}: DIFFERENT — {self.differences_total} field(s) differ "
                f"(recorded {self.recorded_digest}, replayed {self.replayed_digest})."
            )
        lines.append(f"Rules: recorded {self.recorded_ruleset.get('id')} {self.recorded_ruleset.get('digest')}")
        lines.append(f"       replayed {self.replayed_ruleset.get('id')} {self.replayed_ruleset.get('digest')}")
        lines.append(f"careact: recorded {self.recorded_version}, replayed {self.replayed_version}")
        if self.reasons:
            lines.append("")
            lines.append("Why:")
            lines += [f"  - {r}" for r in self.reasons]
        if self.parameter_changes:
            lines.append("")
            lines.append("Parameters read that differ:")
            for c in self.parameter_changes:
                lines.append(f"  - {_describe_change(c)}")
        if self.differences:
            lines.append("")
            lines.append("Fields that differ:")
            for d in self.differences[:40]:
                lines.append(f"  - {d.path}: recorded {_short(d.recorded)}, replayed {_short(d.replayed)}")
            if self.differences_total > 40:
                lines.append(f"  … and {self.differences_total - 40} more (see --format json)")
        return "\n".join(lines)


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else "(absent)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(p: ParamValue) -> str:
    return f"{p.name}[{p.key}]" if p.key else p.name


def _describe_change(c: ParameterChange) -> str:
    if c.before is None and c.after is not None:
        return f"{_label(c.after)}: not read in the recording; now {_short(c.after.as_dict()['value'])} " \
               f"from {c.after.effective_from.isoformat()} ({c.after.layer})"
    if c.after is None and c.before is not None:
        return f"{_label(c.before)}: read in the recording ({_short(c.before.as_dict()['value'])}); not read now"
    assert c.before is not None and c.after is not None
    b, a = c.before.as_dict(), c.after.as_dict()
    parts = []
    if b["value"] != a["value"]:
        parts.append(f"value {_short(b['value'])} → {_short(a['value'])}")
    if b["effective_from"] != a["effective_from"]:
        parts.append(f"in force from {b['effective_from']} → {a['effective_from']}")
    if b["layer"] != a["layer"]:
        parts.append(f"layer {b['layer']} → {a['layer']}")
    if b["citation"] != a["citation"]:
        parts.append(f"citation {_short(b['citation'].get('text'))} → {_short(a['citation'].get('text'))}")
    return f"{_label(c.after)}: " + ("; ".join(parts) or "differs")


# --------------------------------------------------------------------------- reading the recording


def _load_document(result_json: Any) -> dict[str, Any]:
    if isinstance(result_json, (bytes, bytearray)):
        result_json = result_json.decode("utf-8")
    if isinstance(result_json, Path):
        result_json = result_json.read_text(encoding="utf-8")
    if isinstance(result_json, str):
        try:
            result_json = json.loads(result_json)
        except json.JSONDecodeError as exc:
            raise InputError.single("(root)", f"the recorded result is not valid JSON: {exc}", "json") from None
    if hasattr(result_json, "model_dump"):
        result_json = result_json.model_dump(mode="json", by_alias=True)
    if not isinstance(result_json, Mapping):
        raise InputError.single("(root)", "a recorded result must be a JSON object", "type")
    copy: dict[str, Any] = json.loads(json.dumps(result_json, default=str))  # a plain, private copy
    return copy


def _under(prefix: str, exc: InputError) -> InputError:
    return InputError([
        FieldProblem(p.field if p.field == "on" else f"{prefix}.{p.field}".replace(".(root)", ""), p.problem, p.code)
        for p in exc.problems
    ])


def _require(doc: Mapping[str, Any], key: str, what: str) -> Any:
    if doc.get(key) is None:
        raise InputError.single(key, f"is missing: a replayable result records {what}", "missing")
    return doc[key]


def _date(doc: Mapping[str, Any], key: str = "on") -> date:
    from .dates import check_assessment_date

    raw = _require(doc, key, "the assessment date")
    try:
        d = date.fromisoformat(raw) if isinstance(raw, str) and len(raw) == 10 else None
    except ValueError:
        d = None
    if d is None:
        raise InputError.single(key, f"{str(raw)[:40]!r} is not a date (YYYY-MM-DD)", "type") from None
    check_assessment_date(d, key)
    return d


# --------------------------------------------------------------------------- rebuilding the rules


def _bundled_overlay_index() -> dict[str, list[tuple[str, Layer]]]:
    index: dict[str, list[tuple[str, Layer]]] = {}
    for name in bundled_overlays():
        try:
            layer = load_overlay(name)
        except CareactError:  # a broken bundled overlay cannot be the one recorded
            continue
        index.setdefault(layer.name, []).append((name, layer))
    return index


def _rebuild_rules(
    identity: Mapping[str, Any], rules: RuleSet | None, overlays: Iterable[str | Path | Layer]
) -> tuple[RuleSet, tuple[OverlayCheck, ...]]:
    """The rule set to replay with: the recorded base and overlays, found by name (bundled or supplied)."""
    base_rec = identity.get("base") or {}
    if rules is None:
        base_name = base_rec.get("name")
        if not base_name:
            raise InputError.single("ruleset.base.name", "is missing: the recorded rule set is not named", "missing")
        try:
            rules = load_ruleset(str(base_name))
        except (UnknownRuleSet, OSError, ValueError):  # not bundled (or not even a usable name)
            raise InputError.single(
                "ruleset.base.name",
                f"the rule set {base_name!r} is not bundled with careact {__version__}; pass it with rules= "
                "(or --rules DIR)",
                "unknown_value",
            ) from None
    elif rules.overlays:
        raise InputError.single("rules", "pass the base rule set only; overlays are found from the recording",
                                "invalid")
    supplied: dict[str, tuple[str, Layer]] = {}
    for o in overlays:
        layer = o if isinstance(o, Layer) else load_overlay(o)
        supplied[layer.name] = (layer.path if isinstance(o, Layer) else str(o), layer)
    bundled = _bundled_overlay_index()
    layers: list[Layer] = []
    checks: list[OverlayCheck] = []
    problems: list[FieldProblem] = []
    for i, rec in enumerate(identity.get("overlays") or []):
        name = rec.get("name")
        found: tuple[str, Layer] | None = supplied.get(name)
        if found is None:
            candidates = bundled.get(name, [])
            exact = [c for c in candidates if c[1].digest == rec.get("digest")]
            matches = exact or [c for c in candidates if c[1].version == rec.get("version")] or candidates
            found = matches[0] if matches else None
        if found is None:
            problems.append(FieldProblem(
                f"ruleset.overlays[{i}]",
                f"the overlay {name!r} ({rec.get('layer')}, version {rec.get('version')}) is not bundled: pass its "
                "file with overlays= (or --overlay FILE)",
                "missing_overlay",
            ))
            checks.append(OverlayCheck(name, rec.get("version"), rec.get("digest"), None, None, None))
            continue
        source, layer = found
        layers.append(layer)
        checks.append(OverlayCheck(name, rec.get("version"), rec.get("digest"), layer.version, layer.digest, source))
    if problems:
        raise InputError(problems)
    return with_overlays(rules, layers), tuple(checks)


# --------------------------------------------------------------------------- parameters read


def _param_from_dict(p: Mapping[str, Any]) -> ParamValue:
    """A ParamValue from its explanation JSON (values stay in their JSON form: compared as JSON)."""
    cite = p.get("citation") or {}
    try:
        status = Status(cite.get("status", "verified"))
    except ValueError:
        status = Status.UNVERIFIED
    try:
        unit = Unit(str(p.get("unit")))
    except ValueError:
        unit = Unit.TEXT
    try:
        kind = LayerKind(p.get("layer_kind", "national"))
    except ValueError:
        kind = LayerKind.NATIONAL
    value = p.get("value")
    if isinstance(value, str) and unit.is_decimal:
        try:
            value = Decimal(value)
        except ArithmeticError:
            pass
    return ParamValue(
        name=str(p.get("name")),
        value=value,
        unit=unit,
        effective_from=date.fromisoformat(str(p.get("effective_from"))),
        citation=Citation(
            text=str(cite.get("text", "")),
            href=cite.get("href"),
            status=status,
            note=cite.get("note"),
            checked=_checked(cite.get("checked")),
        ),
        layer=str(p.get("layer")),
        layer_kind=kind,
        key=p.get("key"),
    )


def _checked(text: Any) -> date | None:
    """The ``checked`` date of a citation in an explanation (absent, or not a date: none)."""
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _params_read(explanation: Mapping[str, Any] | None) -> dict[tuple[str, str | None], Mapping[str, Any]]:
    out: dict[tuple[str, str | None], Mapping[str, Any]] = {}
    if not explanation:
        return out
    stack = list(reversed(explanation.get("steps") or []))
    while stack:
        step = stack.pop()
        for p in step.get("parameters") or []:
            out.setdefault((p.get("name"), p.get("key")), p)
        stack.extend(reversed(step.get("steps") or []))
    return out


def _same_param(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    keys = ("value", "effective_from", "layer", "citation", "unit")
    return all(a.get(k) == b.get(k) for k in keys)


def _parameter_changes(
    recorded_expl: Mapping[str, Any] | None,
    replayed_expl: Mapping[str, Any] | None,
    current: RuleSet,
    on: date,
    recorded_rules: RuleSet | None,
) -> tuple[ParameterChange, ...]:
    """Parameters read (in either run) whose value, start date, layer or citation differs."""
    before = _params_read(recorded_expl)
    after = _params_read(replayed_expl)
    read = set(before) | set(after)
    if recorded_rules is not None:
        names = {n for n, _ in read}
        changes = []
        for c in diff(recorded_rules, on, current):
            if c.name not in names:
                continue
            keys = {k for n, k in read if n == c.name}
            for key in sorted(keys, key=lambda k: k or ""):
                b = c.before.cell(key) if (c.before is not None and key) else c.before
                a = c.after.cell(key) if (c.after is not None and key) else c.after
                if b is None or a is None or not _same_param(b.as_dict(), a.as_dict()):
                    changes.append(ParameterChange(c.name, b, a))
        return tuple(changes)
    res = current.at(on)
    out = []
    for name, key in sorted(read, key=lambda nk: (nk[0] or "", nk[1] or "")):
        rec = before.get((name, key))
        now: ParamValue | None = None
        if name in res:
            pv = res[name]
            now = pv.cell(key) if key else pv
        if rec is None:
            if now is not None and (name, key) in after:
                out.append(ParameterChange(name, None, now))
            continue
        if now is None:
            out.append(ParameterChange(name, _param_from_dict(rec), None))
        elif not _same_param(rec, now.as_dict()):
            out.append(ParameterChange(name, _param_from_dict(rec), now))
    return tuple(out)


# --------------------------------------------------------------------------- comparing


def _differences(recorded: Any, replayed: Any, path: str = "") -> list[Difference]:
    if isinstance(recorded, Mapping) and isinstance(replayed, Mapping):
        out: list[Difference] = []
        for k in sorted(set(recorded) | set(replayed)):
            sub = f"{path}.{k}" if path else str(k)
            out += _differences(recorded.get(k), replayed.get(k), sub)
        return out
    if isinstance(recorded, list) and isinstance(replayed, list) and len(recorded) == len(replayed):
        out = []
        for i, (a, b) in enumerate(zip(recorded, replayed)):
            out += _differences(a, b, f"{path}[{i}]")
        return out
    if recorded == replayed:
        return []
    return [Difference(path or "(root)", recorded, replayed)]


def _reasons(
    version_rec: str | None,
    id_rec: Mapping[str, Any],
    id_now: Mapping[str, Any],
    overlays: tuple[OverlayCheck, ...],
    changes: tuple[ParameterChange, ...],
    differences: list[Difference],
    had_explanation: bool,
) -> list[str]:
    reasons = []
    if id_rec.get("digest") != id_now.get("digest"):
        reasons.append(
            f"The recorded rule-set digest {id_rec.get('digest')} ({id_rec.get('id')}) differs from the one "
            f"replayed, {id_now.get('digest')} ({id_now.get('id')}): the rules have changed since the recording."
        )
        b_rec, b_now = id_rec.get("base") or {}, id_now.get("base") or {}
        if b_rec.get("digest") != b_now.get("digest"):
            same_version = (b_rec.get("name"), b_rec.get("version")) == (b_now.get("name"), b_now.get("version"))
            reasons.append(
                f"The base rule set replayed is {b_now.get('name')}@{b_now.get('version')} {b_now.get('digest')}; "
                f"the recording used {b_rec.get('name')}@{b_rec.get('version')} {b_rec.get('digest')}"
                + (": the same version number with different content (data corrected without a version bump)."
                   if same_version else ".")
            )
        for o in overlays:
            if o.status == "changed":
                reasons.append(
                    f"The overlay {o.name} is now version {o.used_version} {o.used_digest}; the recording used "
                    f"version {o.recorded_version} {o.recorded_digest}."
                )
    if version_rec != __version__:
        reasons.append(f"careact has changed from version {version_rec} to {__version__}: its calculations may differ.")
    for c in changes:
        reasons.append("A parameter the assessment reads has changed — " + _describe_change(c) + ".")
    if differences and id_rec.get("digest") != id_now.get("digest") and not changes and not had_explanation:
        reasons.append("The recording has no explanation, so the parameters it read cannot be compared; "
                       "record results with their explanation to see which parameter changed.")
    if differences and not reasons:
        reasons.append("Same rules and same careact version, yet the output differs: the recording was edited, "
                       "or the calculation is not deterministic (please report it).")
    return reasons


def _finish(
    kind: str,
    recorded_doc: Mapping[str, Any],
    replayed_doc: Mapping[str, Any],
    *,
    on: date,
    id_rec: Mapping[str, Any],
    id_now: Mapping[str, Any],
    overlays: tuple[OverlayCheck, ...],
    changes: tuple[ParameterChange, ...],
    had_explanation: bool,
    version_rec: str | None,
    reference: str | None,
) -> ReplayReport:
    rec_text, now_text = canonical_json(recorded_doc), canonical_json(replayed_doc)
    identical = rec_text == now_text
    diffs = [] if identical else _differences(_strip_none(recorded_doc), _strip_none(replayed_doc))
    # differences in the result itself first, then the explanation's
    diffs.sort(key=lambda d: (d.path.startswith("explanation"), ))
    return ReplayReport(
        kind=kind,
        identical=identical,
        on=on,
        reference=reference,
        recorded_version=version_rec,
        replayed_version=__version__,
        recorded_ruleset=dict(id_rec),
        replayed_ruleset=dict(id_now),
        overlays=overlays,
        differences=tuple(diffs[:MAX_DIFFERENCES]),
        differences_total=len(diffs),
        parameter_changes=changes,
        reasons=tuple(_reasons(version_rec, id_rec, id_now, overlays, changes, diffs, had_explanation)),
        recorded_digest=_digest(rec_text),
        replayed_digest=_digest(now_text),
        replayed=replayed_doc,
    )


# --------------------------------------------------------------------------- replayers by kind


def _replay_charging(doc: dict[str, Any], rules: RuleSet | None, overlays: tuple[str | Path | Layer, ...],
                     recorded_rules: RuleSet | None) -> ReplayReport:
    from .charging import assess

    on = _date(doc)
    inputs = _require(doc, "inputs", "its normalised inputs")
    id_rec = _require(doc, "ruleset", "the rule set's identity")
    current, checks = _rebuild_rules(id_rec, rules, overlays)
    had_explanation = doc.get("explanation") is not None
    if had_explanation:
        _check_explanation(doc["explanation"], "explanation")
    try:
        result = assess(inputs, on=on, rules=current, explain=had_explanation)
    except InputError as exc:  # the recorded inputs no longer validate: name them from the document's root
        raise _under("inputs", exc) from None
    replayed = result.model_dump(mode="json", by_alias=True)
    changes = _parameter_changes(doc.get("explanation"), replayed.get("explanation"), current, on, recorded_rules)
    return _finish(
        CHARGING, doc, replayed, on=on, id_rec=id_rec, id_now=current.identity(), overlays=checks,
        changes=changes, had_explanation=had_explanation, version_rec=doc.get("careact_version"),
        reference=doc.get("reference"),
    )


def _check_recording(doc: Mapping[str, Any]) -> None:
    """The parts of a recording that replay reads must have the types careact wrote (else name the field)."""
    from pydantic import BaseModel, ConfigDict

    from .validation import validate_model

    class _Overlay(BaseModel):
        model_config = ConfigDict(extra="allow")
        name: str
        version: str | None = None
        digest: str | None = None
        layer: str | None = None

    class _Base(BaseModel):
        model_config = ConfigDict(extra="allow")
        name: str | None = None
        version: str | None = None
        digest: str | None = None

    class _Identity(BaseModel):
        model_config = ConfigDict(extra="allow")
        id: str | None = None
        digest: str | None = None
        base: _Base | None = None
        overlays: list[_Overlay] | None = None

    class _Recording(BaseModel):
        model_config = ConfigDict(extra="allow")
        ruleset: _Identity | None = None
        inputs: dict[str, Any] | None = None
        explanation: dict[str, Any] | None = None
        periods: list[dict[str, Any]] | None = None
        result: dict[str, Any] | None = None
        careact_version: str | None = None
        reference: str | None = None

    validate_model(_Recording, doc)
    if isinstance(doc.get("explanation"), Mapping) and doc["explanation"].get("ruleset") is not None:
        validate_model(_Identity, doc["explanation"]["ruleset"], prefix="explanation.ruleset")


def _check_explanation(value: Any, field: str) -> None:
    """A recorded explanation must be a ``careact.explain/1`` document (its steps are read to name changes)."""
    from .explain.models import ExplanationDoc
    from .validation import validate_model

    validate_model(ExplanationDoc, value, prefix=field)


def _replay_timeline(doc: dict[str, Any], rules: RuleSet | None, overlays: tuple[str | Path | Layer, ...],
                     recorded_rules: RuleSet | None) -> ReplayReport:
    from .charging.timeline import timeline

    inputs = _require(doc, "inputs", "its inputs (the timeline case)")
    start, end = _date(doc, "start"), _date(doc, "end")
    id_rec = _require(doc, "ruleset", "the rule set's identity")
    current, checks = _rebuild_rules(id_rec, rules, overlays)
    periods = doc.get("periods") or []
    if not isinstance(periods, list) or not all(isinstance(p, dict) for p in periods):
        raise InputError.single("periods", "must be a list of objects: the recorded periods", "type")
    for i, p in enumerate(periods):
        if p.get("explanation") is not None:
            _check_explanation(p["explanation"], f"periods[{i}].explanation")
    had_explanation = any(p.get("explanation") is not None for p in periods)
    tl = timeline(inputs, start, end, rules=current, explain=had_explanation)
    replayed = tl.to_dict(explain=had_explanation)
    for key in ("inputs", "careact_version"):  # carried by the recording, not produced by to_dict
        if key in doc and key not in replayed:
            replayed[key] = inputs if key == "inputs" else __version__
    rec_expl = {"steps": [s for p in periods for s in ((p.get("explanation") or {}).get("steps") or [])]}
    now_expl = {"steps": [s for p in replayed.get("periods", []) for s in ((p.get("explanation") or {}).get("steps") or [])]}
    changes = _parameter_changes(rec_expl, now_expl, current, start, recorded_rules) if had_explanation else ()
    return _finish(
        TIMELINE, doc, replayed, on=start, id_rec=id_rec, id_now=current.identity(), overlays=checks,
        changes=changes, had_explanation=had_explanation, version_rec=doc.get("careact_version"),
        reference=(inputs.get("case") or {}).get("reference") if isinstance(inputs, Mapping) else None,
    )


def _replay_eligibility(doc: dict[str, Any], rules: RuleSet | None, overlays: tuple[str | Path | Layer, ...],
                        recorded_rules: RuleSet | None) -> ReplayReport:
    from .eligibility import determine

    result: Mapping[str, Any] = doc["result"] if isinstance(doc.get("result"), Mapping) else doc
    inputs = _require(doc, "inputs", "its inputs (the assessment)")
    on = _date(result)
    explanation = doc.get("explanation")
    determination = determine(inputs, on=on, explain=explanation is not None)
    replayed: dict[str, Any] = determination.to_dict(explain=explanation is not None)
    if "result" not in doc:
        replayed = replayed["result"]
    for key in ("inputs", "careact_version"):
        if key in doc:
            replayed[key] = inputs if key == "inputs" else __version__
    id_now = determination.result.ruleset or {}
    id_rec = (explanation or {}).get("ruleset") or doc.get("ruleset") or {}
    return _finish(
        ELIGIBILITY, doc, replayed, on=on, id_rec=id_rec, id_now=dict(id_now), overlays=(),
        changes=(), had_explanation=explanation is not None, version_rec=doc.get("careact_version"),
        reference=result.get("reference"),
    )


_REPLAYERS = {CHARGING: _replay_charging, TIMELINE: _replay_timeline, ELIGIBILITY: _replay_eligibility}


def replay(
    result_json: str | bytes | Path | Mapping[str, Any] | Any,
    *,
    rules: RuleSet | None = None,
    overlays: Iterable[str | Path | Layer] = (),
    recorded_rules: RuleSet | None = None,
) -> ReplayReport:
    """Re-run a recorded result with its recorded inputs, date and rules, and compare canonical JSON.

    ``result_json``: the result as JSON text, bytes, a path, a parsed mapping or a result model.
    ``rules``: the base rule set to use when the recorded one is not bundled (by name).
    ``overlays``: overlay files (or layers) for recorded overlays that are not bundled; matched by name.
    ``recorded_rules``: the rules that produced the recording, if you have them: parameter changes are
    then taken from :func:`careact.rules.diff` between them and the rules replayed.
    Raises :class:`InputError` when the document cannot be replayed (naming what is missing).
    """
    doc = _load_document(result_json)
    schema = doc.get("schema")
    if schema is None and isinstance(doc.get("result"), Mapping):
        schema = doc["result"].get("schema")
    replayer = _REPLAYERS.get(schema) if isinstance(schema, str) else None
    if replayer is not None:
        _check_recording(doc)
    if replayer is None:
        raise InputError.single(
            "schema", f"cannot replay a {schema!r} document (replayable: {', '.join(sorted(_REPLAYERS))})",
            "unknown_value",
        )
    return replayer(doc, rules, tuple(overlays), recorded_rules)
