"""Every CLI entry point that reads a file, fed generated and hostile files: never a traceback.

Each test writes a generated file and runs ``careact.cli.main`` on it in this process (so thousands
of files take seconds, not a subprocess each). Whatever the file holds -- a bundled example with one
thing broken, arbitrary JSON, nesting thousands of levels deep, ``NaN`` and ``Infinity``, numbers too
large for a float, integers thousands of digits long, invalid UTF-8, a 100,000-character string --
the command must finish with a status careact documents and, when it rejects the input, name the
field at fault on every line. The internal-error status (70) and a traceback are failures.

Derandomised (the same files every run, so a red build is reproducible); set CAREACT_FUZZ_RANDOM=1 to
explore new ones. Together the tests below run 5,450 files (assess 1,800, eligibility 900, timeline
700, reform compare 500, replay 400, batch 650, reform population 200, rules validate 300); each test
checks that all of its own ran.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careact.cli import EXIT_INTERNAL, main
from careact.cli._common import example_data, example_names, example_path

_RANDOM = os.environ.get("CAREACT_FUZZ_RANDOM") == "1"


def fuzz(n: int) -> Any:
    return settings(max_examples=n, deadline=None, database=None, derandomize=not _RANDOM,
                    suppress_health_check=list(HealthCheck))


# --------------------------------------------------------------------------- generated content

HUGE_INT = "1" + "0" * 5000
LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(-10**9, 10**9), st.text(max_size=12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", "-1.00", "12.345", "1e400", "0.5", "1/3", "2015-03-31", "1800-01-01", "9999-12-31",
                     "0001-01-01", "2025-02-30", "yes", "x" * 100_000, "\u0000", "£12.50", "١٢"]),
)
ANY_JSON = st.recursive(LEAF, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                        max_leaves=12)


class _Huge:
    """Stands for an integer literal too long for Python's int conversion (written into the text)."""


def _deep(depth: int, kind: str) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


@st.composite
def mutated(draw: st.DrawFn, value: Any, depth: int = 0) -> Any:
    """``value`` with one thing changed somewhere inside it."""
    if isinstance(value, dict) and value and depth < 8 and draw(st.integers(0, 3)) > 0:
        key = draw(st.sampled_from(sorted(value)))
        return {**value, key: draw(mutated(value[key], depth + 1))}
    if isinstance(value, list) and value and depth < 8 and draw(st.integers(0, 3)) > 0:
        i = draw(st.integers(0, len(value) - 1))
        return [*value[:i], draw(mutated(value[i], depth + 1)), *value[i + 1:]]
    action = draw(st.sampled_from(["replace", "drop", "extra", "wrap", "nan", "inf", "huge", "deep", "float",
                                   "long", "negative", "date"]))
    if action == "drop" and isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value)))
        return {k: v for k, v in value.items() if k != key}
    if action == "extra" and isinstance(value, dict):
        return {**value, draw(st.text(min_size=1, max_size=8)): draw(ANY_JSON)}
    if action == "wrap":
        return [value]
    if action == "nan":
        return float("nan")
    if action == "inf":
        return draw(st.sampled_from([float("inf"), -float("inf")]))
    if action == "huge":
        return _Huge()
    if action == "deep":
        return _deep(draw(st.integers(20, 3000)), draw(st.sampled_from(["list", "dict"])))
    if action == "float":
        return draw(st.floats(allow_nan=False, allow_infinity=False))
    if action == "long":
        return "9" * draw(st.integers(14, 400)) if draw(st.booleans()) else "y" * 100_000
    if action == "negative":
        return "-1.00"
    if action == "date":
        return draw(st.sampled_from(["1800-01-01", "2015-03-31", "2099-12-31", "2100-01-01", "9999-12-31",
                                     "0001-01-01", "2024-02-29", "2025-02-29", "20250601", "2025-W01"]))
    return draw(ANY_JSON)


def _dumps(value: Any) -> bytes:
    marker = "__careact_huge__"

    def default(o: Any) -> Any:
        if isinstance(o, _Huge):
            return marker
        raise TypeError(type(o).__name__)

    try:
        text = json.dumps(value, default=default, allow_nan=True)
    except RecursionError:  # a structure deeper than json.dumps itself can write
        text = "[" * 5000 + "]" * 5000
    return text.replace(f'"{marker}"', HUGE_INT).encode("utf-8", "surrogatepass")


HOSTILE = [
    b"", b" ", b"\xef\xbb\xbf{}", b"{", b"[" * 100_000, b'{"a":' * 5000, b"NaN", b"Infinity", b"-Infinity",
    b'{"care": {"weekly_cost": NaN}}', b"1e400", HUGE_INT.encode(), b"\xff\xfe\x00", b"\xc3\x28", b"null", b"[]",
    b'"' + b"x" * 100_000 + b'"', b"{}garbage", b'{"a": 1, "a": 2}', b"\x00" * 10, b"true",
]


@st.composite
def document(draw: st.DrawFn, seeds: list[Any]) -> bytes:
    """A file: usually a seed with one thing broken, sometimes arbitrary JSON or hostile bytes."""
    kind = draw(st.sampled_from(["mutated"] * 6 + ["seed", "json", "hostile", "bytes", "spliced"]))
    if kind == "json":
        return _dumps(draw(ANY_JSON))
    if kind == "hostile":
        return draw(st.sampled_from(HOSTILE))
    if kind == "bytes":
        return draw(st.binary(max_size=64))
    seed = draw(st.sampled_from(seeds))
    if kind == "seed":
        return _dumps(seed)
    if kind == "spliced":
        text = _dumps(seed)
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.sampled_from([b"NaN", b"]", b",", b"\xff", b"{", b"1e999", b'"'])) + text[at:]
    return _dumps(draw(mutated(seed)))


# --------------------------------------------------------------------------- running the CLI


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def run_cli(argv: list[str]) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: only for a wrong command line, which these never are
            code = 99 if exc.code is None else int(exc.code) if isinstance(exc.code, int) else 99
        except BaseException:
            pytest.fail(f"careact {' '.join(argv)} raised:\n{traceback.format_exc()}")
    return Outcome(code, out.getvalue(), err.getvalue())


PROBLEM_LINE = re.compile(r"^  (\S[^:]*): (\S.*)$")


def check(outcome: Outcome, argv: list[str], content: bytes, ok_codes: tuple[int, ...] = (0, 2)) -> None:
    where = f"careact {' '.join(argv)} on {content[:300]!r}"
    assert outcome.code != EXIT_INTERNAL, f"{where}: {outcome.err}"
    assert "Traceback" not in outcome.err, f"{where}: {outcome.err}"
    assert outcome.code in ok_codes, f"{where}: exit {outcome.code}: {outcome.err[:2000]}"
    if outcome.code == 2:
        lines = outcome.err.splitlines()
        assert lines and lines[0] == "careact: the input was rejected:", f"{where}: {outcome.err[:2000]}"
        assert len(lines) > 1
        for line in lines[1:]:
            assert PROBLEM_LINE.match(line), f"{where}: a problem without a field: {line[:300]!r}"
        assert len(outcome.err) < 20_000, f"{where}: the error is {len(outcome.err)} characters long"


def _seeds(kind: str) -> list[Any]:
    return [example_data(kind, n) for n in example_names(kind)]


CHARGING = _seeds("charging")
TIMELINE = _seeds("timeline") + CHARGING[:2]
ELIGIBILITY = _seeds("eligibility")
REFORM = _seeds("reform")


def _recorded() -> list[Any]:
    from careact.charging import assess, example_case
    from careact.charging.timeline import timeline
    from careact.eligibility import determine

    docs: list[Any] = [assess(example_case(n), on=date(2025, 6, 1)).model_dump(mode="json", by_alias=True)
                       for n in ("residential_single", "home_care_pensioner")]
    docs.append(json.loads(json.dumps(timeline(TIMELINE[0], date(2025, 4, 1), date(2025, 9, 30)).to_dict())))
    docs.append(determine(ELIGIBILITY[0], explain=False).to_dict(explain=False))
    return docs


RECORDED = _recorded()


SCALE = float(os.environ.get("CAREACT_FUZZ_SCALE", "1"))  # e.g. 0.1 for a quick local run
PER_EXAMPLE = 5  # files per generated example: the same coverage with less of the generator's own overhead


def _counted(n: int, body: Callable[[Any], None], strategy: st.SearchStrategy[Any]) -> int:
    """Run ``body`` on ``n`` generated files (``PER_EXAMPLE`` per example); check that all ``n`` ran."""
    n = max(1, round(n * SCALE))
    ran = 0

    @fuzz(-(-n // PER_EXAMPLE))
    @given(st.lists(strategy, min_size=PER_EXAMPLE, max_size=PER_EXAMPLE))
    def inner(examples: list[Any]) -> None:
        nonlocal ran
        for example in examples:
            ran += 1
            body(example)

    inner()
    assert ran >= n, f"only {ran} of {n} generated files were run"
    return ran


def _file_test(tmp_path: Path, n: int, seeds: list[Any], argv: Callable[[str], list[str]],
               suffix: str = ".json", ok_codes: tuple[int, ...] = (0, 2)) -> int:
    path = tmp_path / f"input{suffix}"

    def body(content: bytes) -> None:
        path.write_bytes(content)
        args = argv(str(path))
        check(run_cli(args), args, content, ok_codes)

    return _counted(n, body, document(seeds))


# --------------------------------------------------------------------------- the entry points

def test_assess(tmp_path: Path) -> None:
    _file_test(tmp_path, 1500, CHARGING, lambda p: ["assess", p, "--date", "2025-06-01"])


def test_assess_json_with_explanation(tmp_path: Path) -> None:
    _file_test(tmp_path, 300, CHARGING,
                      lambda p: ["assess", p, "--date", "2016-06-01", "--format", "json", "--explain"])


def test_eligibility(tmp_path: Path) -> None:
    _file_test(tmp_path, 900, ELIGIBILITY, lambda p: ["eligibility", p, "--explain"])


def test_timeline(tmp_path: Path) -> None:
    _file_test(tmp_path, 700, TIMELINE,
                      lambda p: ["timeline", p, "--from", "2025-03-01", "--to", "2025-12-31"])


def test_reform_compare(tmp_path: Path) -> None:
    _file_test(tmp_path, 500, REFORM,
                      lambda p: ["reform", "compare", p, "--reform", "reform_2021", "--years", "1"])


def test_replay(tmp_path: Path) -> None:
    # 1: the replay differs (a recorded figure was changed), which is a documented outcome
    _file_test(tmp_path, 400, RECORDED, lambda p: ["replay", p], ok_codes=(0, 1, 2))


def test_batch_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "out"

    @st.composite
    def lines(draw: st.DrawFn) -> bytes:
        return b"\n".join(draw(st.lists(document(CHARGING), min_size=1, max_size=3)))

    path = tmp_path / "cases.jsonl"

    def body(content: bytes) -> None:
        path.write_bytes(content)
        args = ["batch", str(path), "--from-ruleset", "england@2025-03-31", "--to-ruleset", "england@2025-04-07",
                "--out", str(out), "--restart", "--workers", "1", "--no-progress"]
        outcome = run_cli(args)
        check(outcome, args, content)
        for name in ("errors.jsonl", "results.jsonl"):  # every bad line is recorded with named fields
            for line in (out / name).read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                for problem in record.get("problems", ()):
                    assert problem["field"] and problem["problem"], record

    _counted(400, body, lines())


CSV_TEXT = example_path("batch", "april").read_text(encoding="utf-8")


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    rows = [line.split(",") for line in CSV_TEXT.splitlines()]
    for _ in range(draw(st.integers(1, 4))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(rows[r]) - 1))
        rows[r][c] = draw(st.one_of(st.text(max_size=12).map(lambda t: t.replace(",", ";").replace("\n", " ")),
                                    st.sampled_from(["NaN", "1e400", "-5", "1800-01-01", "x" * 5000, "income.a.b",
                                                     "income.0", "income.99999.amount", '"'])))
    if draw(st.booleans()):
        rows.append(rows[-1] + ["extra"])
    return "\n".join(",".join(r) for r in rows).encode("utf-8")


def test_batch_csv(tmp_path: Path) -> None:
    path, out = tmp_path / "cases.csv", tmp_path / "out"

    def body(content: bytes) -> None:
        path.write_bytes(content)
        args = ["batch", str(path), "--from-ruleset", "england@2025-03-31", "--to-ruleset", "england@2025-04-07",
                "--out", str(out), "--restart", "--workers", "1", "--no-progress"]
        check(run_cli(args), args, content)

    _counted(250, body, st.one_of(csv_files(), document(CHARGING)))


SPELL_COLUMNS = ["id", "date_of_birth", "care_start", "weeks", "setting", "la_weekly_rate", "weekly_fee",
                 "weekly_income", "capital", "home_value", "tenure"]


@st.composite
def population_files(draw: st.DrawFn) -> bytes:
    rows = []
    for spell in REFORM:
        row = [str(spell.get(c, "")) for c in SPELL_COLUMNS]
        rows.append(row)
    for _ in range(draw(st.integers(1, 3))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(SPELL_COLUMNS) - 1))
        rows[r][c] = draw(st.one_of(st.text(max_size=10).map(lambda t: t.replace(",", ";").replace("\n", " ")),
                                    st.sampled_from(["NaN", "1e400", "-5", "0", "1800-01-01", "2014-01-01",
                                                     "9999-12-31", "x" * 5000, "100000"])))
    return "\n".join([",".join(SPELL_COLUMNS), *(",".join(r) for r in rows)]).encode("utf-8")


def test_reform_population(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"

    def body(content: bytes) -> None:
        path.write_bytes(content)
        args = ["reform", "population", "--population", str(path), "--reform", "reform_2021", "--years", "1",
                "--executor", "serial", "--no-progress"]
        check(run_cli(args), args, content)

    _counted(200, body, st.one_of(population_files(), st.binary(max_size=64)))


RULES_TEXT = (Path(__file__).resolve().parents[2] / "src" / "careact" / "rules" / "data" / "overlays" / "council"
              / "reading.toml").read_text(encoding="utf-8")


@st.composite
def toml_files(draw: st.DrawFn) -> bytes:
    lines = RULES_TEXT.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = draw(st.one_of(st.text(max_size=30), st.sampled_from(["value = nan", "value = inf", 'from = 1800-01-01',
                                                                         "[[parameter]]", "x = " + "[" * 500])))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def test_rules_validate(tmp_path: Path) -> None:
    path = tmp_path / "overlay.toml"

    def body(content: bytes) -> None:
        path.write_bytes(content)
        args = ["rules", "validate", str(path)]
        outcome = run_cli(args)
        # 1: problems found, each with its file, line and parameter where known
        check(outcome, args, content, ok_codes=(0, 1, 2))
        if outcome.code == 1:
            assert all(line.startswith(("  ", str(path))) for line in outcome.err.splitlines()), outcome.err[:500]

    _counted(300, body, st.one_of(toml_files(), st.binary(max_size=64)))
