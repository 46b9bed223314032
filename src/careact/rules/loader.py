"""Loading and validating rule-set data files.

Parameters are TOML, read with the standard library's ``tomllib`` (``parse_float=Decimal``, so a
number written ``0.5`` is an exact decimal and never a float). TOML was chosen because it is in the
standard library, has native dates (a value's start date is a date, not a string to re-parse), and
reads cleanly in a code review.

A **rule set** is a directory holding ``ruleset.toml`` (its name, version and description) and any
number of parameter files (``*.toml``, each a list of ``[[parameter]]`` tables). An **overlay** is a
single file with an ``[overlay]`` table and ``[[parameter]]`` tables. The format is documented in
``docs/guides/overlays.md``.

Validation collects every problem — with the file, the parameter and the line — before raising a
single :class:`~careact.errors.RuleSetError`, so ``careact rules validate`` can report them all.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import RuleSetError, RuleSetProblem
from .checks import floor_problems, scope_problems
from .declare import Decl
from .model import Citation, DatedValue, Layer, LayerKind, Parameter, Status, Unit
from .params import declarations

__all__ = ["DATE_MAX", "DATE_MIN", "base_problems", "canonical_digest", "load_layer", "make_overlay",
           "overlay_problems", "parse_layer_files", "suggest", "validate_path"]

DATE_MIN = date(1990, 1, 1)
DATE_MAX = date(2100, 12, 31)
_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_VERSION_RE = re.compile(r"^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$")
_PARAM_KEYS = {"name", "description", "unit", "kind", "keys", "values"}
_MAX_MONEY = Decimal("1000000000000.00")
_VALUE_KEYS = {"from", "to", "value", "cite", "href", "status", "note", "checked", "key_status", "key_note", "key_cite"}


# --------------------------------------------------------------------------- line locator


@dataclass
class _Lines:
    """Finds the line of each ``[[parameter]]`` table and each of its ``[[parameter.values]]``."""

    params: list[int] = field(default_factory=list)
    values: list[list[int]] = field(default_factory=list)

    @classmethod
    def scan(cls, text: str) -> _Lines:
        out = cls()
        for no, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if line.startswith("[[parameter]]"):
                out.params.append(no)
                out.values.append([])
            elif line.startswith("[[parameter.values]]") and out.values:
                out.values[-1].append(no)
        return out

    def param(self, i: int) -> int | None:
        return self.params[i] if i < len(self.params) else None

    def value(self, i: int, j: int) -> int | None:
        if i < len(self.values) and j < len(self.values[i]):
            return self.values[i][j]
        return self.param(i)


# --------------------------------------------------------------------------- parsing


@dataclass
class _Collector:
    problems: list[RuleSetProblem] = field(default_factory=list)

    def add(self, file: str, message: str, parameter: str | None = None, line: int | None = None) -> None:
        self.problems.append(RuleSetProblem(file=file, message=message, parameter=parameter, line=line))


def _read_toml(path: Path, out: _Collector) -> tuple[dict[str, Any] | None, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        out.add(str(path), f"cannot read file: {exc.strerror or exc}")
        return None, ""
    try:
        return tomllib.loads(text, parse_float=Decimal), text
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        out.add(str(path), f"not valid TOML: {exc}", line=int(m.group(1)) if m else None)
        return None, text


def _coerce_value(decl: Decl[Any], raw: Any) -> tuple[Any, str | None]:
    """Check a raw TOML value against its declaration; return (value, problem)."""
    unit = decl.unit
    if unit.is_decimal:
        if isinstance(raw, bool):
            return None, f"a {unit.value} value must be a number, not a boolean"
        if isinstance(raw, int):
            raw = Decimal(raw)
        if isinstance(raw, str):
            try:
                raw = Decimal(raw)
            except ArithmeticError:
                return None, f"{raw!r} is not a decimal number"
        if not isinstance(raw, Decimal) or not raw.is_finite():
            return None, f"a {unit.value} value must be a decimal number, got {type(raw).__name__}"
        if raw < 0:
            return None, f"a {unit.value} value must not be negative (got {raw})"
        if unit.is_money and raw != raw.quantize(Decimal("0.01")):
            return None, f"a money value must be in whole pence (got {raw})"
        if unit.is_money and raw > _MAX_MONEY:
            return None, f"a money value must be at most {_MAX_MONEY} (got {raw})"
        if unit is Unit.RATE and raw > 1:
            return None, f"a rate is a fraction between 0 and 1 (got {raw}; write 5% as 0.05)"
        if unit is Unit.RATE and len(raw.as_tuple().digits) > 12:
            return None, f"a rate has at most 12 significant digits (got {raw})"
        if unit.is_money:
            raw = raw.quantize(Decimal("0.01"))
        return raw, None
    if unit.is_integer:
        if isinstance(raw, bool) or not isinstance(raw, int):
            return None, f"a {unit.value} value must be a whole number, got {type(raw).__name__}"
        if raw < 0:
            return None, f"a {unit.value} value must not be negative (got {raw})"
        if decl.minimum is not None and raw < decl.minimum:
            return None, f"must be at least {decl.minimum} (got {raw})"
        if decl.maximum is not None and raw > decl.maximum:
            return None, f"must be at most {decl.maximum} (got {raw})"
        return raw, None
    if unit is Unit.BOOL:
        if not isinstance(raw, bool):
            return None, f"a bool value must be true or false, got {type(raw).__name__}"
        return raw, None
    if unit is Unit.DATE:
        if not isinstance(raw, date) or hasattr(raw, "hour"):
            return None, f"a date value must be a TOML date, got {type(raw).__name__}"
        return raw, None
    if unit is Unit.LIST:
        if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
            return None, "a list value must be a list of ids (strings)"
        if len(set(raw)) != len(raw):
            return None, "a list value must not repeat an id"
        if decl.choices is not None:
            bad = [x for x in raw if x not in decl.choices]
            if bad:
                return None, f"unknown ids {', '.join(map(repr, bad))} (known: {', '.join(decl.choices)})"
        return tuple(raw), None
    if not isinstance(raw, str) or not raw.strip():
        return None, "a text value must be a non-empty string"
    if decl.choices is not None and raw not in decl.choices:
        return None, f"{raw!r} is not one of {', '.join(decl.choices)}"
    return raw, None


def _parse_citation(
    entry: Mapping[str, Any], where: tuple[str, str, int | None], out: _Collector
) -> Citation | None:
    file, pname, line = where
    cite = entry.get("cite")
    status_raw = entry.get("status")
    ok = True
    if not isinstance(cite, str) or not cite.strip():
        out.add(file, "missing citation: every value needs a non-empty 'cite'", pname, line)
        ok = False
    try:
        status = Status(str(status_raw))
    except ValueError:
        out.add(
            file,
            f"'status' must be one of verified, secondary, unverified (got {status_raw!r})",
            pname,
            line,
        )
        ok = False
        status = Status.UNVERIFIED
    note = entry.get("note")
    if ok and status is not Status.VERIFIED and not (isinstance(note, str) and note.strip()):
        article = "an" if status.value[0] in "aeiou" else "a"
        out.add(file, f"{article} {status.value} value needs a 'note' saying what is uncertain", pname, line)
        ok = False
    href = entry.get("href")
    if href is not None and (not isinstance(href, str) or not href.startswith(("http://", "https://"))):
        out.add(file, f"'href' must be an http(s) URL (got {href!r})", pname, line)
        ok = False
    checked = entry.get("checked")
    if checked is not None and (not isinstance(checked, date) or hasattr(checked, "hour")):
        out.add(file, f"'checked' must be a TOML date (the day the source was read), got {checked!r}", pname, line)
        ok = False
    if not ok:
        return None
    assert isinstance(cite, str)
    return Citation(text=cite.strip(), href=href, status=status, note=note, checked=checked)


def suggest(name: str, known: Iterable[str]) -> str:
    """' (did you mean ...?)' for a misspelt parameter name, or ''."""
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(repr(c) for c in close) + "?)"


def _parse_parameter(
    raw: Any, i: int, file: str, lines: _Lines, out: _Collector, *, partial_ok: bool = False
) -> Parameter | None:
    line = lines.param(i)
    if not isinstance(raw, dict):
        out.add(file, "each [[parameter]] must be a table", None, line)
        return None
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME_RE.match(name):
        out.add(file, f"parameter name must be dotted lower_snake segments, got {name!r}", None, line)
        return None
    before = len(out.problems)
    for key in sorted(set(raw) - _PARAM_KEYS):
        out.add(file, f"unknown field {key!r} in parameter", name, line)
    known = declarations()
    decl = known.get(name)
    if decl is None:
        out.add(file, f"careact declares no parameter {name!r}{suggest(name, known)}", name, line)
        return None
    desc = raw.get("description")
    if desc is not None and (not isinstance(desc, str) or not desc.strip()):
        out.add(file, "'description', if given, must be a non-empty string", name, line)
    if "unit" in raw and raw["unit"] != decl.unit.value:
        out.add(file, f"{name} is declared in {decl.unit.value}, not {raw['unit']!r}: "
                f"write unit = \"{decl.unit.value}\" or leave the unit out", name, line)
    kind = raw.get("kind", "scale" if decl.is_scale else "scalar")
    if kind != ("scale" if decl.is_scale else "scalar"):
        out.add(file, f"{name} is declared as a {'scale' if decl.is_scale else 'single value'}, "
                f"not kind = {kind!r}", name, line)
    if "keys" in raw and (not isinstance(raw["keys"], list) or tuple(raw["keys"]) != decl.keys):
        want = list(decl.keys) if decl.keys else "no keys (it is not a scale)"
        out.add(file, f"{name} is declared with keys {want}, not {raw['keys']!r}", name, line)
    unit = decl.unit
    keys = decl.keys

    raw_values = raw.get("values")
    if not isinstance(raw_values, list) or not raw_values:
        out.add(file, "a parameter needs at least one [[parameter.values]] entry", name, line)
        return None

    values: list[DatedValue] = []
    for j, entry in enumerate(raw_values):
        vline = lines.value(i, j)
        where = (file, name, vline)
        if not isinstance(entry, dict):
            out.add(file, "each value must be a table", name, vline)
            continue
        for key in sorted(set(entry) - _VALUE_KEYS):
            out.add(file, f"unknown field {key!r} in value", name, vline)
        start = entry.get("from")
        if not isinstance(start, date) or (start is None):
            out.add(file, f"'from' must be a TOML date (YYYY-MM-DD), got {start!r}", name, vline)
            continue
        if hasattr(start, "hour"):
            out.add(file, "'from' must be a date, not a date-time", name, vline)
            continue
        if not (DATE_MIN <= start <= DATE_MAX):
            out.add(file, f"'from' {start} is outside {DATE_MIN}..{DATE_MAX}", name, vline)
            continue
        end = entry.get("to")
        if end is not None:
            if not isinstance(end, date) or hasattr(end, "hour"):
                out.add(file, f"'to' must be a TOML date, got {end!r}", name, vline)
                continue
            if not (DATE_MIN <= end <= DATE_MAX):
                out.add(file, f"'to' {end} is outside {DATE_MIN}..{DATE_MAX}", name, vline)
                continue
            if end < start:
                out.add(file, f"'to' {end} is before 'from' {start}", name, vline)
                continue
        citation = _parse_citation(entry, where, out)
        if "value" not in entry:
            out.add(file, "missing 'value'", name, vline)
            continue
        rawv = entry["value"]
        key_cites: dict[str, Citation] = {}
        if keys is not None:
            if not isinstance(rawv, dict):
                out.add(file, "a scale value must be a table of keys", name, vline)
                continue
            missing = [k for k in keys if k not in rawv]
            extra = sorted(set(rawv) - set(keys))
            if missing:
                out.add(file, f"scale value is missing keys: {', '.join(missing)}", name, vline)
            if extra:
                out.add(file, f"scale value has unknown keys: {', '.join(extra)}", name, vline)
            cells: dict[str, Any] = {}
            for k in keys:
                if k in rawv:
                    v, problem = _coerce_value(decl, rawv[k])
                    if problem:
                        out.add(file, f"[{k}] {problem}", name, vline)
                    cells[k] = v
            value: Any = MappingProxyType(cells)
            for fld in ("key_status", "key_note", "key_cite"):
                sub = entry.get(fld, {})
                if not isinstance(sub, dict) or set(sub) - set(keys):
                    out.add(file, f"'{fld}' must be a table whose keys are scale keys", name, vline)
            if citation is not None:
                for k in keys:
                    if any(k in entry.get(f, {}) for f in ("key_status", "key_note", "key_cite")):
                        sub_entry = {
                            "cite": entry.get("key_cite", {}).get(k, citation.text),
                            "href": citation.href,
                            "status": entry.get("key_status", {}).get(k, citation.status.value),
                            "note": entry.get("key_note", {}).get(k, citation.note),
                            "checked": citation.checked,
                        }
                        kc = _parse_citation(sub_entry, (file, f"{name}[{k}]", vline), out)
                        if kc is not None:
                            key_cites[k] = kc
        else:
            if any(f in entry for f in ("key_status", "key_note", "key_cite")):
                out.add(file, "key_status/key_note/key_cite are only for scales", name, vline)
            value, problem = _coerce_value(decl, rawv)
            if problem:
                out.add(file, problem, name, vline)
        if citation is None:
            continue
        values.append(
            DatedValue(
                start=start,
                value=value,
                citation=citation,
                end=end,
                key_citations=MappingProxyType(key_cites),
            )
        )

    # the timeline: sorted, no overlaps, no gaps after the first start
    for j in range(1, len(values)):
        prev, cur = values[j - 1], values[j]
        vline = lines.value(i, j)
        if cur.start < prev.start:
            out.add(file, f"values are not in date order: {cur.start} comes after {prev.start}", name, vline)
        elif cur.start == prev.start:
            out.add(file, f"two values start on {cur.start}: periods overlap", name, vline)
        elif prev.end is not None and cur.start <= prev.end:
            out.add(
                file,
                f"value from {cur.start} overlaps the previous one, in force to {prev.end}",
                name,
                vline,
            )
        elif prev.end is not None and cur.start > prev.end + timedelta(days=1) and not partial_ok:
            out.add(
                file,
                f"gap: nothing in force from {prev.end + timedelta(days=1)} to {cur.start - timedelta(days=1)}",
                name,
                vline,
            )
    if len(out.problems) > before:
        return None
    return Parameter(
        name=name,
        description=decl.description,
        unit=unit,
        values=tuple(values),
        keys=keys,
        source=file,
        note=desc.strip() if isinstance(desc, str) else None,
        line=line,
    )


def _parse_parameters(
    doc: dict[str, Any], text: str, file: str, out: _Collector, *, header: str | None, partial_ok: bool
) -> list[Parameter]:
    allowed = {"parameter"} | ({header} if header else set())
    for key in sorted(set(doc) - allowed):
        out.add(file, f"unknown top-level table {key!r} (expected {', '.join(sorted(allowed))})")
    raw_params = doc.get("parameter", [])
    if not isinstance(raw_params, list):
        out.add(file, "'parameter' must be an array of tables: [[parameter]]")
        return []
    lines = _Lines.scan(text)
    params = []
    for i, raw in enumerate(raw_params):
        p = _parse_parameter(raw, i, file, lines, out, partial_ok=partial_ok)
        if p is not None:
            params.append(p)
    return params


# --------------------------------------------------------------------------- canonical form and digest


def _canon(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _canon(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_canon(v) for v in value]
    return value


def _canonical_parameter(p: Parameter) -> dict[str, Any]:
    return {
        "name": p.name,
        "description": p.description,
        "unit": p.unit.value,
        "keys": list(p.keys) if p.keys else None,
        **({"note": p.note} if p.note else {}),
        "values": [
            {
                "from": v.start.isoformat(),
                "to": v.end.isoformat() if v.end else None,
                "value": _canon(v.value),
                "citation": v.citation.as_dict(),
                "key_citations": {k: c.as_dict() for k, c in sorted(v.key_citations.items())},
            }
            for v in p.values
        ],
    }


def canonical_digest(meta: Mapping[str, Any], parameters: Iterable[Parameter]) -> str:
    """SHA-256 of the canonical JSON form of a layer: sorted keys, decimals as strings, ISO dates.

    Formatting, comments, key order and file layout do not change the digest; any change to a
    value, date, citation or description does.
    """
    body = {
        "meta": _canon(dict(meta)),
        "parameters": [_canonical_parameter(p) for p in sorted(parameters, key=lambda p: p.name)],
    }
    blob = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- layers


def _meta_problems(meta: Any, file: str, out: _Collector, required: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(meta, dict):
        out.add(file, "missing metadata table")
        return {}
    for key in required:
        if not isinstance(meta.get(key), str) or not meta[key].strip():
            out.add(file, f"metadata needs a non-empty {key!r}")
    known_to = meta.get("figures_known_to")
    if known_to is not None and (not isinstance(known_to, date) or hasattr(known_to, "hour")):
        out.add(file, f"figures_known_to must be a TOML date, got {known_to!r}")
    version = meta.get("version")
    if isinstance(version, str) and not _VERSION_RE.match(version):
        out.add(file, f"version must be semantic (MAJOR.MINOR.PATCH), got {version!r}")
    return meta


def _parse(path: Path) -> tuple[Layer | None, list[RuleSetProblem]]:
    """Parse a rule-set directory or overlay file: every problem, and a layer of the parameters that are
    valid (``None`` only when the metadata itself is unusable)."""
    out = _Collector()
    path = Path(path)
    params: list[Parameter] = []
    if path.is_dir():
        meta_file = path / "ruleset.toml"
        doc, _ = _read_toml(meta_file, out) if meta_file.exists() else (None, "")
        if not meta_file.exists():
            out.add(str(meta_file), "a rule-set directory needs a ruleset.toml")
        meta = _meta_problems(
            (doc or {}).get("ruleset"), str(meta_file), out, ("name", "version", "description", "jurisdiction")
        )
        for extra in sorted(set(doc or {}) - {"ruleset"}):
            out.add(str(meta_file), f"unknown top-level table {extra!r} in ruleset.toml")
        kind = LayerKind.NATIONAL
        source = None
        for f in sorted(path.glob("*.toml")):
            if f.name == "ruleset.toml":
                continue
            pdoc, text = _read_toml(f, out)
            if pdoc is not None:
                params += _parse_parameters(pdoc, text, str(f), out, header=None, partial_ok=False)
    elif path.is_file():
        doc, text = _read_toml(path, out)
        if doc is None:
            return None, out.problems
        return _overlay_from_doc(doc, text, str(path), out)
    else:
        out.add(str(path), "no such rule-set directory or overlay file")
        return None, out.problems

    return _finish(meta, kind, source, params, str(path), out)


def _overlay_from_doc(doc: dict[str, Any], text: str, file: str, out: _Collector) -> tuple[Layer | None, list[RuleSetProblem]]:
    meta = _meta_problems(doc.get("overlay"), file, out, ("name", "version", "description", "base", "source"))
    layer = meta.get("layer")
    if layer in (LayerKind.COUNCIL.value, LayerKind.REFORM.value):
        kind = LayerKind(layer)
    else:
        out.add(file, f"overlay 'layer' must be council or reform (got {layer!r})")
        kind = LayerKind.COUNCIL
    source = None
    if isinstance(meta.get("source"), str):
        source = Citation(text=meta["source"], href=meta.get("href"))
    params = _parse_parameters(doc, text, file, out, header="overlay", partial_ok=True)
    return _finish(meta, kind, source, params, file, out)


def _finish(meta: dict[str, Any], kind: LayerKind, source: Citation | None, params: list[Parameter], file: str,
            out: _Collector) -> tuple[Layer | None, list[RuleSetProblem]]:
    seen: dict[str, str] = {}
    for p in params:
        if p.name in seen:
            out.add(p.source, f"parameter defined twice (also in {seen[p.name]})", p.name)
        seen[p.name] = p.source
    out.problems += scope_problems(kind, params, file)
    if not all(isinstance(meta.get(k), str) for k in ("name", "version", "description")):
        return None, out.problems
    meta_public = {k: v for k, v in meta.items() if k != "path"}
    digest = canonical_digest(meta_public, params)
    layer = Layer(
        name=meta["name"],
        version=meta["version"],
        kind=kind,
        description=meta["description"].strip(),
        parameters=MappingProxyType({p.name: p for p in sorted(params, key=lambda p: p.name)}),
        digest=digest,
        base=meta.get("base"),
        source=source,
        jurisdiction=meta.get("jurisdiction"),
        path=file,
        figures_known_to=meta.get("figures_known_to"),
    )
    return layer, out.problems


def parse_layer_files(path: Path) -> tuple[Layer | None, list[RuleSetProblem]]:
    """Parse and validate a rule-set directory or an overlay file; return (layer, problems)."""
    layer, problems = _parse(Path(path))
    if problems:
        return None, problems
    return layer, problems


def load_layer(path: Path | str) -> Layer:
    """Load and validate a rule-set directory or overlay file, raising :class:`RuleSetError` on any problem."""
    layer, problems = parse_layer_files(Path(path))
    if problems or layer is None:
        raise RuleSetError(problems)
    return layer


def validate_path(path: Path | str) -> list[RuleSetProblem]:
    """Every problem in a rule-set directory or overlay file, in one pass (empty if it is valid).

    Besides the file itself, an overlay is checked against the rule set it names as its base: that
    it may set what it sets (a council overlay may not change a figure the law fixes nationally), that
    no figure falls below a national floor (the minimum income guarantee, the personal expenses
    allowance) and, for a reform, that it is marked as one.
    """
    layer, problems = _parse(Path(path))
    if layer is not None and layer.kind is not LayerKind.NATIONAL:
        problems = problems + overlay_problems(layer)
    return problems


def overlay_problems(layer: Layer) -> list[RuleSetProblem]:
    """An overlay's problems against its base rule set (which must be bundled or a rule-set path)."""
    from ..errors import CareactError
    from .catalogue import load_ruleset

    try:
        base = load_ruleset(layer.base or "")
    except CareactError as exc:
        return [RuleSetProblem(layer.path, f"cannot load its base rule set {layer.base!r}: {exc}")]
    return base_problems(base, layer)


def base_problems(base: Any, layer: Layer) -> list[RuleSetProblem]:
    """Whether ``layer`` may go on ``base``: its base name, its kind, and the national floors."""
    problems: list[RuleSetProblem] = []
    if layer.kind is LayerKind.NATIONAL:
        return [RuleSetProblem(layer.path, "a national rule set cannot be used as an overlay")]
    if layer.base != base.base.name:
        problems.append(RuleSetProblem(layer.path, f"overlay is for rule set {layer.base!r}, not {base.base.name!r}"))
    problems += floor_problems(base, layer)
    return problems


_EPOCH = date(2015, 4, 1)


def make_overlay(
    values: Mapping[str, Any],
    *,
    name: str,
    layer: str = "council",
    base: str = "england",
    version: str = "0.0.0",
    start: date = _EPOCH,
    description: str | None = None,
    source: str = "set in code by the caller",
    cite: str | None = None,
    status: str = "unverified",
    note: str | None = "set in code, not read from a published source",
) -> Layer:
    """An overlay built in memory, checked exactly as an overlay file is.

    ``values`` maps each declared parameter to its value (a scale to a mapping of its keys), in force
    from ``start``; or to a list of dated entries (``{"from": date, "value": ..., "to": date,
    "cite": ..., "status": ..., "note": ...}``). Money is a decimal string, an ``int`` or a ``Decimal``
    -- never a float. Each value cites ``cite`` (the overlay's name if not given) with ``status``
    ``unverified`` unless said otherwise, so a result that uses it says so::

        higher = make_overlay({"options.minimum_charge": "2.00"}, name="council.mine")
        result = careact.charging.assess(case, on=day, overlays=[higher])

    Raises :class:`~careact.errors.RuleSetError` naming every problem at once.
    """
    file = f"<overlay {name}>"
    params: list[dict[str, Any]] = []
    for pname, given in values.items():
        entries = given if isinstance(given, list) and given and all(isinstance(e, Mapping) for e in given) else [{"value": given}]
        rows = []
        for e in entries:
            row: dict[str, Any] = {"from": start, "cite": cite or f"{name} (an overlay set in code)", "status": status}
            if note is not None and status != "verified":
                row["note"] = note
            row.update(e)
            if isinstance(row.get("value"), Decimal):
                row["value"] = str(row["value"])
            elif isinstance(row.get("value"), Mapping):
                row["value"] = {k: (str(v) if isinstance(v, Decimal) else v) for k, v in row["value"].items()}
            rows.append(row)
        params.append({"name": pname, "values": rows})
    doc: dict[str, Any] = {
        "overlay": {"name": name, "version": version, "layer": layer, "base": base,
                    "description": description or f"{name}: {len(params)} value(s) set in code",
                    "source": source},
        "parameter": params,
    }
    out = _Collector()
    built, problems = _overlay_from_doc(doc, "", file, out)
    if problems or built is None:
        raise RuleSetError(problems)
    return built
