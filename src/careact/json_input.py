"""Reading JSON input safely: one guarded parser for every file, line and request body careact reads.

Python's ``json`` module recurses once per level of nesting, turns ``NaN``/``Infinity`` (and numbers
such as ``1e400``) into non-finite floats, and gives up on integers longer than 4,300 digits with a
bare ``ValueError``. careact reads JSON from people's files, from standard input and from HTTP request
bodies, so every reader goes through :func:`parse_json`, which checks before and after parsing:

* **size** -- a document larger than ``max_bytes`` is refused unread (``too_large``);
* **depth** -- nesting deeper than ``max_depth`` arrays and objects is refused before any parser
  sees it (``too_deep``), with the line and column where the limit is crossed;
* **text** -- the bytes must be UTF-8 (a leading byte-order mark is allowed) and valid JSON
  (``json``), with the line and column of the first error;
* **numbers** -- ``NaN``, ``Infinity``, ``-Infinity``, numbers too large for a float and integers
  longer than :data:`MAX_INTEGER_DIGITS` digits are refused (``not_finite`` / ``too_long``), each
  naming the field where it was found (``care.weekly_cost``).

Every refusal is an :class:`~careact.errors.InputError` naming the field: the JSON path of the value
at fault, or the name of the whole document (``where``) when the document itself is wrong.

The limits here are the defaults for HTTP request bodies (:data:`MAX_REQUEST_BYTES`) and for files
given on the command line (:data:`MAX_FILE_BYTES`); the nesting limit is the same for both. No output
careact writes nests deeper than a dozen levels.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import FieldProblem, InputError

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INTEGER_DIGITS",
    "MAX_REQUEST_BYTES",
    "json_depth",
    "parse_json",
    "read_json_file",
]

MAX_REQUEST_BYTES = 256 * 1024  # an HTTP request body
MAX_FILE_BYTES = 16 * 1024 * 1024  # a case, a recorded result or a line of a batch file
MAX_DEPTH = 32  # arrays and objects inside one another
MAX_INTEGER_DIGITS = 1000  # far beyond any amount careact accepts, far below Python's own limit

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")


def json_depth(raw: bytes, limit: int) -> tuple[int, int | None]:
    """The deepest nesting of arrays and objects in ``raw``, and where it first passed ``limit``.

    Returns ``(depth, offset)``: ``offset`` is the byte offset of the bracket that first went deeper
    than ``limit`` (counting stops there), or ``None`` when the document stays within it. Strings
    are blanked out first (keeping their length), so brackets inside them do not count; unbalanced
    input is left for the JSON parser to reject.
    """
    blanked = _STRING.sub(lambda m: b'"' + b" " * (len(m.group()) - 2) + b'"', raw)
    depth = deepest = 0
    for m in _BRACKET.finditer(blanked):
        if m.group() in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest, m.start()
        else:
            depth -= 1
    return deepest, None


def _line_col(raw: bytes, offset: int) -> tuple[int, int]:
    line = raw.count(b"\n", 0, offset) + 1
    col = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


class _Refused:
    """A number the parser met but careact does not accept, kept in place so its field can be named."""

    __slots__ = ("code", "text")

    def __init__(self, text: str, code: str) -> None:
        self.text = text
        self.code = code


def _parse_constant(text: str) -> _Refused:
    return _Refused(text, "not_finite")


def _parse_float(text: str) -> float | _Refused:
    """A number written with a fraction or an exponent: a float (money fields refuse it, by name)."""
    if len(text) > MAX_INTEGER_DIGITS:
        return _Refused(text, "too_long")
    value = float(text)
    return value if math.isfinite(value) else _Refused(text, "not_finite")


def _parse_int(text: str) -> int | _Refused:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return _Refused(text, "too_long")
    return int(text)


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    key = _clip(key)
    return f"{path}.{key}" if path else key


def _refused(value: Any) -> Iterator[tuple[str, _Refused]]:
    """Every refused number in a parsed document, with its JSON path, in document order (no recursion)."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Refused):
            yield path, node
        elif isinstance(node, dict):
            stack.extend((_join(path, k), v) for k, v in reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend((_join(path, i), v) for i, v in reversed(list(enumerate(node))))


def _number_problem(path: str, where: str, bad: _Refused) -> FieldProblem:
    field = path or where
    if bad.code == "too_long":
        return FieldProblem(field, f"a number {len(bad.text):,} characters long is not something careact reads "
                            f"(at most {MAX_INTEGER_DIGITS} digits)", "too_long")
    return FieldProblem(field, f"{_clip(bad.text)} is not a finite number; JSON input must use finite numbers "
                        "(and money is written as a decimal string, e.g. \"12.50\")", "not_finite")


def parse_json(raw: bytes | str, *, where: str = "(body)", max_bytes: int = MAX_REQUEST_BYTES,
               max_depth: int = MAX_DEPTH) -> Any:
    """Parse one JSON document within careact's limits, or raise :class:`InputError` naming the field.

    ``where`` names the whole document in errors about the document itself (``"(body)"``, ``"case"``,
    ``"line 12"``); errors about one value inside it name that value's JSON path.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > max_bytes:
        raise InputError.single(where, f"is {len(data):,} bytes; careact reads at most {max_bytes:,}", "too_large")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    _, offset = json_depth(data, max_depth)
    if offset is not None:
        line, col = _line_col(data, offset)
        raise InputError.single(where, f"nests arrays and objects more than {max_depth} levels deep "
                                f"(line {line} column {col})", "too_deep")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise InputError.single(where, f"is not UTF-8 text (line {line} column {col})", "encoding") from None
    if not text.strip():
        raise InputError.single(where, "is empty: careact expected a JSON document", "json")
    try:
        value = json.loads(text, parse_constant=_parse_constant, parse_float=_parse_float, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InputError.single(where, f"is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}",
                                "json") from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - the checks above come first
        raise InputError.single(where, f"is not acceptable JSON ({type(exc).__name__})", "json") from None
    problems = [_number_problem(path, where, bad) for path, bad in _refused(value)]
    if problems:
        raise InputError(problems)
    return value


def read_json_file(path: str | Path, *, where: str = "file", max_bytes: int = MAX_FILE_BYTES,
                   max_depth: int = MAX_DEPTH, stdin: BinaryIO | None = None) -> Any:
    """Read and parse a JSON file (``"-"`` for standard input) within careact's limits.

    The size is checked before the file is read, so a huge file is refused without reading it.
    """
    name = str(path)
    label = "standard input" if name == "-" else name
    try:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
        else:
            p = Path(name)
            if p.is_dir():
                raise InputError.single(where, f"{_clip(label, 200)} is a directory, not a JSON file", "io")
            size = p.stat().st_size
            if size > max_bytes:
                raise InputError.single(where, f"{_clip(label, 200)} is {size:,} bytes; careact reads at most "
                                        f"{max_bytes:,}", "too_large")
            data = p.read_bytes()
    except OSError as exc:
        raise InputError.single(where, f"cannot read {_clip(label, 200)}: {exc.strerror or type(exc).__name__}",
                                "io") from None
    if len(data) > max_bytes:
        raise InputError.single(where, f"{label} is more than {max_bytes:,} bytes; careact reads at most "
                                f"{max_bytes:,}", "too_large")
    try:
        return parse_json(data, where=where, max_bytes=max_bytes, max_depth=max_depth)
    except InputError as exc:
        # name the file in document-level problems, so the message says which file was wrong
        raise InputError(FieldProblem(p.field, f"{_clip(label, 200)} {p.problem}" if p.field == where else p.problem,
                                      p.code) for p in exc.problems) from None
