"""Benchmark the authoring and review commands on the 200-programme portfolio.

`dwcp fmt` of the unformatted portfolio, then `dwcp fmt --check` of the formatted one, cold
(no cache, as in CI) and warm (files remembered as canonical, as on an officer's machine),
and `dwcp export xlsx` of the whole portfolio, next to `dwcp lint --no-cache` for scale. No target is set by
the issues for these; the figures tell users what to expect. Run with
`python benchmarks/bench_workflow.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import OUT, PORTFOLIO, build_portfolio, run, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build_portfolio()
    dwcp = [sys.executable, "-m", "dwcp"]
    lint = timed([*dwcp, "lint", "--no-cache", "--format", "json", "-o", "lint.json"], args.runs)
    # fmt rewrites files: it works on a copy, so the shared portfolio stays as built.
    copy = OUT / "fmt-portfolio"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(PORTFOLIO / "programmes", copy / "programmes")
    shutil.copy(PORTFOLIO / "pyproject.toml", copy / "pyproject.toml")
    started = time.perf_counter()
    run([*dwcp, "fmt"], copy)
    first = time.perf_counter() - started

    cold = timed([*dwcp, "fmt", "--check", "--no-cache"], args.runs, copy)
    run([*dwcp, "fmt", "--check"], copy)  # fills the cache for the warm runs
    warm = timed([*dwcp, "fmt", "--check"], args.runs, copy)
    export = timed([*dwcp, "export", "xlsx", "--out", "portfolio.xlsx"], args.runs)
    rows = {
        "dwcp lint --no-cache": lint,
        "dwcp fmt (200 unformatted files, once)": first,
        "dwcp fmt --check (formatted, no cache)": cold,
        "dwcp fmt --check (formatted, remembered)": warm,
        "dwcp export xlsx (200 programmes)": export,
    }
    print(f"portfolio: {PORTFOLIO}; medians of {args.runs} runs")
    for name, seconds in rows.items():
        print(f"{name:40} {seconds:7.3f} s")
    (OUT / "bench_workflow.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    (PORTFOLIO / "portfolio.xlsx").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
