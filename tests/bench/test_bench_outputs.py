"""Benchmarks never overwrite tracked pages unless asked; no page names a path on a development machine."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


@pytest.fixture
def common(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.syspath_prepend(str(BENCH))
    import _common

    monkeypatch.setattr(_common, "DOCS", tmp_path / "docs")
    monkeypatch.setattr(_common, "RESULTS", tmp_path / "results")
    monkeypatch.setattr(_common, "ROOT", tmp_path)
    return _common


def test_a_run_writes_to_results_unless_asked(common, tmp_path: Path) -> None:
    report = common.Report(name="probe", title="t", method="m", machine={**common.machine()})
    path = report.write()
    assert path.parent == tmp_path / "results" and not (tmp_path / "docs").exists()


def test_write_docs_writes_the_tracked_page(common, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import index

    monkeypatch.setattr(index, "write_index", lambda: tmp_path / "docs" / "index.md")
    report = common.Report(name="probe", title="t", method="m", write_docs=True)
    assert report.write() == tmp_path / "docs" / "probe.md"


def test_every_script_that_reports_takes_write_docs() -> None:
    for script in BENCH.glob("*.py"):
        text = script.read_text(encoding="utf-8")
        if "Report(" in text and script.name != "_common.py":
            assert "write_docs=args.write_docs" in text and "add_output_args(ap)" in text, script.name


def test_the_index_is_rebuilt_only_when_asked() -> None:
    index = ROOT / "docs" / "benchmarks" / "index.md"
    before = index.read_bytes()
    r = subprocess.run([sys.executable, str(BENCH / "index.py")], capture_output=True, text=True, timeout=60,
                       check=False)
    assert r.returncode == 2 and "--write-docs" in r.stderr
    assert index.read_bytes() == before


MACHINE_PATH = re.compile(r"(/work/|/home/[a-z]|/Users/|/root/|/opt/pypi|[A-Z]:\\\\Users\\\\|\.pyenv/|site-packages/)")


def test_no_doc_names_a_path_on_a_development_machine() -> None:
    pages = [ROOT / "README.md", ROOT / "CHANGELOG.md", *(ROOT / "docs").rglob("*.md")]
    found = []
    for page in pages:
        if "reference/generated" in page.as_posix():
            continue  # generated at build time, not tracked
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            if MACHINE_PATH.search(line):
                found.append(f"{page.relative_to(ROOT)}:{n}: {line.strip()[:120]}")
    assert not found, "\n".join(found)
