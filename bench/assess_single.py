"""One full charging assessment with its explanation, in-process.

Target: ≤ 100 µs median for ``careact.charging.assess(case_json, on)`` — a case as JSON in, a
validated :class:`ChargingResult` with its ``careact.explain/1`` explanation out.

For every bundled example: warm up, then ``--repeat`` rounds of ``--number`` calls, each round
giving a mean per call; the figure per example is the median of its rounds, and the headline is the
median over the examples. The same is measured without the explanation (``explain=False``) and for
serialising the result to JSON, for reference. A cProfile run says where the time goes.

    python bench/assess_single.py [--number 200] [--repeat 15]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    Figure,
    Report,
    add_output_args,
    code_block,
    cprofile_top,
    median,
    profile_by_module,
    table,
    time_per_call,
)
from cases import ON, examples


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--number", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=15)
    add_output_args(ap)
    args = ap.parse_args()

    from careact.charging import assess
    from careact.rules import load_ruleset

    load_ruleset("england")  # loaded once per process, as in any real use
    cases = examples()
    report = Report(
        write_docs=args.write_docs,
        name="assess_single",
        title="One charging assessment with its explanation",
        method=f"""
`careact.charging.assess(case, on={ON.isoformat()})` with `case` the JSON document of each bundled
example (`careact.charging.example_names()`), then `result.explanation.to_dict()`, so the time covers
validating the input, the assessment, building the `ChargingResult` and building its explanation
document (`careact.explain/1`, which results otherwise build lazily on first read). The
rule set is loaded once before timing (as in any process that assesses more than once). Per
example: 50 warm-up calls, then {args.repeat} rounds of {args.number} calls; the figure is the
median of the rounds' mean time per call. The headline is the median over the examples. Garbage
collection stays on. The profile is cProfile over 100 calls of each example (cProfile roughly
doubles the times; read it for proportions).
""",
    )
    print(f"assess_single: {len(cases)} examples × {args.repeat} rounds × {args.number} calls")
    rows = []
    full, lazy, bare, dump = [], [], [], []
    for name, case in cases.items():
        t_full = median(time_per_call(lambda case=case: _with_explanation(assess, case), number=args.number,
                                      repeat=args.repeat)) * 1e6
        t_lazy = median(time_per_call(lambda case=case: assess(case, on=ON), number=args.number,
                                      repeat=args.repeat)) * 1e6
        t_bare = median(
            time_per_call(lambda case=case: assess(case, on=ON, explain=False), number=args.number, repeat=args.repeat)
        ) * 1e6
        result = assess(case, on=ON)
        t_dump = median(
            time_per_call(lambda result=result: result.model_dump_json(by_alias=True), number=args.number, repeat=args.repeat)
        ) * 1e6
        steps = _count_steps(result.explanation)
        rows.append((f"`{name}`", steps, f"{t_full:.0f}", f"{t_lazy:.0f}", f"{t_bare:.0f}", f"{t_dump:.0f}"))
        full.append(t_full)
        lazy.append(t_lazy)
        bare.append(t_bare)
        dump.append(t_dump)
        print(f"  {name}: {t_full:.0f} µs with explanation, {t_lazy:.0f} µs explanation not read, "
              f"{t_bare:.0f} µs without, {t_dump:.0f} µs to JSON")

    head = median(full)
    report.add(
        Figure("one assessment with its explanation (median over examples)", head, "µs", "≤ 100 µs", head <= 100,
               f"range {min(full):.0f}-{max(full):.0f} µs over {len(full)} examples")
    )
    report.add(
        Figure("one assessment, explanation recorded but not read", median(lazy), "µs", "(information)", None,
               "the result's explanation document is built only when first read")
    )
    report.add(
        Figure("one assessment without explanation", median(bare), "µs", "(information)", None,
               "the bulk path, one core")
    )
    report.add(
        Figure("result to JSON (`model_dump_json`)", median(dump), "µs", "(information)", None,
               "with the explanation")
    )
    report.section(
        "Per example",
        table(rows, ("example", "explanation steps", "µs with explanation", "µs, explanation not read",
                     "µs without", "µs to JSON")),
    )

    def all_cases() -> None:
        for case in cases.values():
            _with_explanation(assess, case)

    def all_cases_bare() -> None:
        for case in cases.values():
            assess(case, on=ON, explain=False)

    areas = profile_by_module(all_cases, 100)
    report.section(
        "Where the time goes (with explanation): own time by area",
        table([(a, f"{share * 100:.1f}%") for a, share in areas[:14]], ("area", "share of own time")),
    )
    report.section("Profile: top functions, with explanation (cProfile, own time)",
                   code_block(cprofile_top(all_cases, 100, limit=30)))
    report.section("Profile: top functions, without explanation (cProfile, cumulative time)",
                   code_block(cprofile_top(all_cases_bare, 100, limit=30, sort="cumtime")))
    report.write()
    return 0


def _with_explanation(assess, case):
    """Assess and build the explanation document (results build it lazily, on first read)."""
    result = assess(case, on=ON)
    doc = result.explanation
    if hasattr(doc, "to_dict"):
        doc.to_dict()
    return result


def _count_steps(doc) -> int:
    if not doc:
        return 0
    stack, n = list(doc.get("steps", ())), 0
    while stack:
        s = stack.pop()
        n += 1
        stack.extend(s.get("steps", ()))
    return n


if __name__ == "__main__":
    sys.exit(main())
