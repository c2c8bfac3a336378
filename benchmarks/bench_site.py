"""Benchmark gather-once (issue 13): `dwcp site` over the 200-programme portfolio against
`dwcp report portfolio` on the same files (target at most 1.2x), and `dwcp render --format
html` against `dwcp lint --no-cache` (target at most 1.5x). Medians, commands run alternately.

Run with `python benchmarks/bench_site.py [--runs N]`; the portfolio is built as in
bench_lint.py and shared with it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import OUT, PORTFOLIO, build_portfolio, timed_pair


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_portfolio()
    dwcp = [sys.executable, "-m", "dwcp"]
    report, site = timed_pair(
        [*dwcp, "report", "portfolio", "--format", "json", "-o", str(PORTFOLIO / "portfolio.json")],
        [*dwcp, "site", "--out", str(PORTFOLIO / "site")],
        args.runs,
    )
    lint, render = timed_pair(
        [*dwcp, "lint", "--no-cache", "--format", "json", "-o", str(PORTFOLIO / "lint.json")],
        [*dwcp, "render", "--format", "html", "--force", "--out", str(PORTFOLIO / "documents")],
        args.runs,
    )
    print(f"portfolio: {PORTFOLIO}; medians of {args.runs} runs")
    print(f"dwcp report portfolio                {report:7.3f} s")
    print(f"dwcp site                            {site:7.3f} s  {site / report:.2f}x  target 1.2x")
    print(f"dwcp lint --no-cache                 {lint:7.3f} s")
    print(
        f"dwcp render --format html --force    {render:7.3f} s  {render / lint:.2f}x  target 1.5x"
    )
    results = {"report_portfolio": report, "site": site, "lint": lint, "render_html": render}
    (OUT / "bench_site.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
