"""One CLI: the same conventions on every command, help that is complete, and help examples that run."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from careact.cli import build_parser, main
from careact.cli._common import example_names

PARSER = build_parser()


def _commands(p: argparse.ArgumentParser, name: str = "careact") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, p
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub, sp in action.choices.items():
                yield from _commands(sp, f"{name} {sub}")


COMMANDS = dict(_commands(PARSER))
LEAVES = {n: p for n, p in COMMANDS.items()
          if not any(isinstance(a, argparse._SubParsersAction) for a in p._actions)}


def _visible(p: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in p._actions if a.help != argparse.SUPPRESS and not isinstance(a, argparse._HelpAction)]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_argument_has_help(name: str) -> None:
    for action in _visible(COMMANDS[name]):
        assert action.help and action.help.strip(), f"{name}: {action.option_strings or action.dest} has no help"


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_output_is_text_by_default_with_json_on_request(name: str) -> None:
    if name == "careact serve":
        return  # serves HTTP; prints nothing but where it listens
    fmt = {opt: a for a in LEAVES[name]._actions for opt in a.option_strings}.get("--format")
    assert fmt is not None, f"{name} has no --format"
    assert fmt.default == "text", f"{name}: --format defaults to {fmt.default!r}"


CASE_COMMANDS = ["careact assess", "careact timeline", "careact eligibility", "careact reform compare", "careact batch"]


@pytest.mark.parametrize("name", CASE_COMMANDS)
def test_every_command_taking_a_case_has_example(name: str) -> None:
    options = {opt for a in LEAVES[name]._actions for opt in a.option_strings}
    assert "--example" in options


def test_the_commands_taking_a_case_are_all_listed() -> None:
    takes_case = {n for n, p in LEAVES.items() for a in p._actions
                  if not a.option_strings and a.metavar in ("CASE.json", "INPUT")}
    assert takes_case == set(CASE_COMMANDS)


def test_one_spelling_of_each_flag() -> None:
    spellings: dict[str, set[str]] = {}
    for p in COMMANDS.values():
        for a in _visible(p):
            for opt in a.option_strings:
                spellings.setdefault(re.sub(r"[-_]", "", opt), set()).add(opt)
    doubles = {k: v for k, v in spellings.items() if len(v) > 1}
    assert not doubles


def test_old_spellings_still_work_and_warn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = PARSER.parse_args(["reform", "population", "--reform", "reform_2021", "--synthetic", "5", "--chunksize", "2"])
    assert args.chunk_size == 2
    assert "--chunksize is deprecated" in capsys.readouterr().err
    args = PARSER.parse_args(["batch", "x.csv", "--from-ruleset", "england", "--to-ruleset", "england", "--out",
                              str(tmp_path), "--format", "jsonl"])
    assert args.input_format == "jsonl" and args.format == "text"
    assert "--input-format jsonl" in capsys.readouterr().err


def _examples() -> list[tuple[str, str]]:
    out = []
    for name, p in sorted(COMMANDS.items()):
        text = p.epilog or ""
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("careact ") and "COMMAND" not in line and not line.startswith("careact serve"):
                out.append((name, line))
    return out


EXAMPLES = _examples()


def test_every_command_shows_examples() -> None:
    shown = {name for name, _ in EXAMPLES}
    assert set(LEAVES) - {"careact serve"} <= shown


def _run(line: str, cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    command, _, target = line.partition(" > ")
    argv = shlex.split(command)[1:]
    with contextlib.chdir(cwd):
        code = main(argv)
    out, err = capsys.readouterr()
    if target:
        (cwd / target.strip()).write_text(out, encoding="utf-8")
    return code, out, err


@pytest.mark.parametrize("command, line", EXAMPLES, ids=[f"{c}: {l[:70]}" for c, l in EXAMPLES])
def test_help_examples_run_as_written(command: str, line: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    # an example that reads a file names the command that writes it earlier in the same help
    before = [x for c, x in EXAMPLES if c == command]
    for earlier in before[: before.index(line)]:
        if " > " in earlier:
            assert _run(earlier, tmp_path, capsys)[0] == 0
    code, out, err = _run(line, tmp_path, capsys)
    assert code == 0, err
    assert out.strip()
    if "--format json" in line:
        json.loads(out)


def test_serve_help_examples_parse() -> None:
    for line in (PARSER._subparsers._group_actions[0].choices["serve"].epilog or "").splitlines():  # type: ignore[union-attr]
        if line.strip().startswith("careact serve"):
            PARSER.parse_args(shlex.split(line.strip())[1:])


def test_no_help_names_an_overlay_or_example_that_does_not_exist() -> None:
    from careact.reform.overlays import available_reforms
    from careact.rules import bundled_overlays

    overlays = set(bundled_overlays())
    for name, p in COMMANDS.items():
        text = p.format_help()
        for ref in re.findall(r"(?<![.\w])((?:council|reform)/[a-z][a-z0-9_]+)", text):
            assert ref in overlays, f"{name} help names {ref}"
        for ex in re.findall(r"--example ([a-z0-9_]+)", text):
            assert any(ex in example_names(k) for k in ("charging", "timeline", "eligibility", "reform", "batch", "events")), ex
        for ref in re.findall(r"--reform ([a-z0-9_]+)", text):
            assert ref in available_reforms(), f"{name} help names reform {ref}"


def test_money_is_formatted_in_the_population_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reform", "population", "--reform", "reform_2021", "--synthetic", "12", "--years", "2",
                 "--executor", "serial", "--no-progress"]) == 0
    out = capsys.readouterr().out
    people = next(line for line in out.splitlines() if line.startswith("paid by people"))
    amounts = re.findall(r"[+-]?£[0-9,]+\.[0-9]{2}", people)
    assert len(amounts) == 3, people


def test_money_is_formatted_in_the_batch_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", "--example", "april", "--from-ruleset", "england@2025-03-31", "--to-ruleset",
                 "england@2025-04-07", "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"]) == 0
    out = capsys.readouterr().out
    moved = [line for line in out.splitlines() if line.startswith("  allowances.personal_expenses")]
    assert moved and "£30.15 a week -> £30.65 a week" in moved[0]


@pytest.mark.parametrize("argv", [
    ["batch", "--example", "april", "--from-ruleset", "england@2025-03-31", "--to-ruleset", "england@2025-04-07",
     "--workers", "1", "--progress", "--out"],
    ["reform", "population", "--reform", "reform_2021", "--synthetic", "6", "--years", "1", "--executor", "serial",
     "--progress"],
])
def test_long_commands_show_progress_when_asked(argv: list[str], tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    if argv[-1] == "--out":
        argv = [*argv, str(tmp_path / "out")]
    assert main(argv) == 0
    err = capsys.readouterr().err
    # a bar (tqdm) or a counter, out of the whole run: 4 cases, 6 people, or 6 people x 2 scenarios
    assert re.search(r"\b[0-9]+/(6|4|12)\b", err), err


def test_example_and_file_are_alternatives(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        PARSER.parse_args(["assess", "case.json", "--example", "residential_single"])
    with pytest.raises(SystemExit):
        PARSER.parse_args(["assess"])
    capsys.readouterr()


def test_an_internal_failure_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import careact.charging

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(careact.charging, "assess", broken)
    monkeypatch.delenv("CAREACT_DEBUG", raising=False)
    assert main(["assess", "--example", "residential_single", "--date", "2025-06-01"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" not in err and "this is a bug in careact" in err and len(err.splitlines()) == 1


def test_help_text_is_complete_for_reading(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        main(["--help"])
    assert "examples:" in out.getvalue()
