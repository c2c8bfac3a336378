"""Benchmark the results report (issue 16): `dwcp report results` over the 200-programme
portfolio against `dwcp lint --no-cache` on the same files (target at most 1.3x). Medians,
commands run alternately.

Run with `python benchmarks/bench_results.py [--runs N]`; the portfolio is built as in
bench_lint.py and shared with it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import OUT, PORTFOLIO, build_portfolio, timed_pair

TARGET = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_portfolio()
    dwcp = [sys.executable, "-m", "dwcp"]
    lint, results = timed_pair(
        [*dwcp, "lint", "--no-cache", "--format", "json", "-o", str(PORTFOLIO / "lint.json")],
        [*dwcp, "report", "results", "--format", "json", "-o", str(PORTFOLIO / "results.json")],
        args.runs,
    )
    ratio = results / lint
    print(f"portfolio: {PORTFOLIO}; medians of {args.runs} runs")
    print(f"dwcp lint --no-cache                 {lint:7.3f} s")
    print(f"dwcp report results                  {results:7.3f} s  {ratio:.2f}x  target {TARGET}x")
    out = {"lint": lint, "report_results": results, "ratio": ratio}
    (OUT / "bench_results.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
