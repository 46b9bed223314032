"""Every code example in the documentation runs.

For each page under ``docs/`` (the generated reference excepted: it is rebuilt from the package on
every docs build), the fenced blocks run in order in one namespace, in a fresh working directory:

* ```` ```python ```` blocks are executed;
* ```` ```console ```` blocks whose first line is ``$ careact ...`` run each ``$ careact`` command
  in-process through :func:`careact.cli.main`, which must exit 0; any output lines shown in the
  block (other than ``...``) must appear in what the command printed;
* a ```` ```toml ````, ```` ```json ```` or ```` ```csv ```` block with a ``title="NAME"`` is written
  to the file ``NAME`` first, so later blocks can read it (the page shows the file it uses).

An HTML comment on the line before a block changes that: ``<!-- not-tested: reason -->`` skips the
block (used sparingly, for a long-running server, say), and ``<!-- requires: module ... -->`` skips
it when an optional dependency is not installed (matplotlib for plots, fastapi for the HTTP API).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXCLUDED = ("reference/generated/",)

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)(?P<info>[^`]*)$")
_COMMENT = re.compile(r"^\s*<!--\s*(?P<kind>not-tested|requires)\s*:\s*(?P<text>.*?)\s*-->\s*$")
_TITLE = re.compile(r'title="(?P<title>[^"]+)"')


@dataclass
class Block:
    page: Path
    line: int  # 1-based line of the first line of content
    lang: str
    info: str
    text: str
    skip: str | None = None  # reason, for not-tested
    requires: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def extract_blocks(page: Path) -> list[Block]:
    """The fenced code blocks of a markdown page, in order, with the HTML comment just before each."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, lang, info = m["indent"], m["fence"], m["lang"].lower(), m["info"].strip()
        # the nearest non-blank line before the fence, for a directive comment
        j = i - 1
        while j >= 0 and not lines[j].strip():
            j -= 1
        directive = _COMMENT.match(lines[j]) if j >= 0 else None
        body: list[str] = []
        k = i + 1
        close = re.compile(rf"^{re.escape(indent)}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        while k < len(lines) and not close.match(lines[k]):
            line = lines[k]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            k += 1
        block = Block(page, i + 2, lang, info, "\n".join(body) + "\n")
        if directive and directive["kind"] == "not-tested":
            block.skip = directive["text"] or "marked not-tested"
        elif directive and directive["kind"] == "requires":
            block.requires = tuple(directive["text"].replace(",", " ").split())
        blocks.append(block)
        i = k + 1
    return blocks


def doc_pages() -> list[Path]:
    pages = []
    for page in sorted(DOCS.rglob("*.md")):
        rel = page.relative_to(DOCS).as_posix()
        if any(rel.startswith(x) for x in EXCLUDED):
            continue
        pages.append(page)
    return pages


def _missing(modules: tuple[str, ...]) -> list[str]:
    def absent(name: str) -> bool:
        try:
            return importlib.util.find_spec(name) is None
        except (ImportError, ValueError):  # a parent missing, or a module blocked in sys.modules
            return True

    return [m for m in modules if absent(m)]


def run_console(block: Block) -> None:
    """Run each ``$ careact`` command of a console block in-process; check exit status and output."""
    from careact.cli import main

    commands: list[tuple[list[str], list[str]]] = []
    for raw in block.text.splitlines():
        if raw.startswith("$ "):
            commands.append((shlex.split(raw[2:]), []))
        elif commands and raw.strip():
            commands[-1][1].append(raw.rstrip())
    for argv, expected in commands:
        if not argv or argv[0] != "careact":
            continue
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(argv[1:])
            except SystemExit as exc:  # argparse: --help exits 0, a usage error 2
                status = exc.code if isinstance(exc.code, int) else 1
        printed = out.getvalue() + err.getvalue()
        assert status == 0, f"{block.where}: `{shlex.join(argv)}` exited {status}:\n{printed}"
        actual = [line.rstrip() for line in printed.splitlines()]
        pos = 0
        for want in expected:
            if want.strip() in ("...", "…"):
                continue
            try:
                pos = actual.index(want, pos) + 1
            except ValueError:
                raise AssertionError(
                    f"{block.where}: `{shlex.join(argv)}` did not print the line shown in the docs "
                    f"(in this order):\n  {want!r}\nIt printed:\n{printed}"
                ) from None


def run_page(page: Path) -> list[str]:
    """Run every block of ``page``; return the reasons blocks were skipped."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    skipped: list[str] = []
    for block in extract_blocks(page):
        if block.skip:
            skipped.append(f"{block.where}: not tested: {block.skip}")
            continue
        missing = _missing(block.requires)
        if missing:
            skipped.append(f"{block.where}: needs {', '.join(missing)}")
            continue
        title = _TITLE.search(block.info)
        if block.lang in ("toml", "json", "csv", "text") and title:
            Path(title["title"]).write_text(block.text, encoding="utf-8")
        elif block.lang in ("python", "py"):
            code = compile("\n" * (block.line - 1) + block.text, str(block.page), "exec")
            exec(code, namespace)
        elif block.lang == "console" and block.text.startswith("$ careact"):
            run_console(block)
    return skipped


PAGES = doc_pages()


@pytest.mark.parametrize("page", PAGES, ids=[p.relative_to(DOCS).as_posix() for p in PAGES])
def test_page_examples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each documentation page's examples run, in order, in one namespace."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    skipped = run_page(page)
    blocks = extract_blocks(page)
    runnable = [b for b in blocks if b.lang in ("python", "py") or (b.lang == "console" and b.text.startswith("$ careact"))]
    if runnable and len(skipped) == len(runnable):
        pytest.skip("; ".join(skipped))


def test_docs_have_examples() -> None:
    """The harness finds the documentation and its examples (guards against a silent no-op)."""
    assert PAGES, "no documentation pages found"
    total = sum(1 for p in PAGES for b in extract_blocks(p) if b.lang == "python")
    assert total >= 10, f"only {total} python examples found in docs/"


def test_not_tested_is_rare() -> None:
    """``not-tested`` is for the few examples that cannot run in a test (a server that never returns)."""
    marked = [b.where for p in PAGES for b in extract_blocks(p) if b.skip]
    assert len(marked) <= 6, f"too many examples marked not-tested: {marked}"


def test_extract_blocks(tmp_path: Path) -> None:
    """The block extractor: languages, titles, directives, indented fences."""
    page = tmp_path / "p.md"
    page.write_text(
        "# t\n\n```python\nx = 1\n```\n\n<!-- not-tested: serves forever -->\n```console\n$ careact serve\n```\n\n"
        '<!-- requires: matplotlib -->\n\n```python\nimport matplotlib\n```\n\n'
        '```toml title="a.toml"\n[overlay]\n```\n\n!!! note\n    ```python\n    y = 2\n    ```\n',
        encoding="utf-8",
    )
    blocks = extract_blocks(page)
    assert [b.lang for b in blocks] == ["python", "console", "python", "toml", "python"]
    assert blocks[0].text == "x = 1\n" and blocks[0].line == 4
    assert blocks[1].skip == "serves forever"
    assert blocks[2].requires == ("matplotlib",)
    assert _TITLE.search(blocks[3].info)["title"] == "a.toml"
    assert blocks[4].text == "y = 2\n"


def test_generated_reference_covers_the_package(tmp_path: Path) -> None:
    """docs/gen_reference.py writes a page naming every bundled parameter, overlay and rule step."""
    import importlib.util as iu
    import sys

    spec = iu.spec_from_file_location("gen_reference", DOCS / "gen_reference.py")
    assert spec and spec.loader
    gen = iu.module_from_spec(spec)
    sys.modules["gen_reference"] = gen  # dataclasses look their module up while the file runs
    try:
        spec.loader.exec_module(gen)
    finally:
        sys.modules.pop("gen_reference", None)
    out = tmp_path / "generated"
    assert gen.main(["--quiet", "--out", str(out)]) == 0

    from careact.rules import bundled_overlays, bundled_rulesets, load_overlay, load_ruleset

    for name in bundled_rulesets():
        text = (out / f"ruleset-{name}.md").read_text(encoding="utf-8")
        for pname in load_ruleset(name).parameter_names:
            assert f"`{pname}`" in text, f"{pname} missing from the {name} reference"
    overlays = (out / "overlays.md").read_text(encoding="utf-8")
    for name in bundled_overlays():
        assert f"`{name}`" in overlays
        for pname in load_overlay(name).parameters:
            assert f"`{pname}`" in overlays
    steps_page = (out / "rule-steps.md").read_text(encoding="utf-8")
    steps, _ = gen.collect_steps()
    for sid in steps:
        assert f"`{sid}`" in steps_page
    assert any(s.startswith("charging.") for s in steps)
    flags = (out / "_partials" / "flags.md").read_text(encoding="utf-8")
    assert flags.count("`careact.charging.") >= 5, "the flag extractor found too few charging flags"
    for f in ("catalogues.md", "unverified.md", "figures-by-year.md", "validation-messages.md", "schemas.md", "cli.md",
              "schemas/explain-1.json", "schemas/charging-case-1.json", "_partials/unverified-national.md"):
        assert (out / f).exists(), f
