"""Benchmark `dwcp render`: HTML for the 200-programme portfolio against `dwcp lint
--no-cache` (target at most 1.5x), and the PDF of one typical programme (at most 3 s).

Run with `python benchmarks/bench_render.py [--runs N]` after, or without, bench_lint.py:
the portfolio is built the same way and shared.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import OUT, PORTFOLIO, ROOT, build_portfolio, run, timed_pair


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_portfolio()
    dwcp = [sys.executable, "-m", "dwcp"]
    lint, render = timed_pair(
        [*dwcp, "lint", "--no-cache", "--format", "json", "-o", str(PORTFOLIO / "lint.json")],
        [*dwcp, "render", "--format", "html", "--force", "--out", str(PORTFOLIO / "documents")],
        args.runs,
    )
    sample = ROOT / "programmes" / "VNM-2017-2021.yaml"
    render_pdf = [*dwcp, "render", str(sample), "--format", "pdf", "--out", str(OUT / "pdf")]
    # WeasyPrint's own command on dwcp's HTML of the same programme: what making this PDF
    # costs any tool that uses WeasyPrint, whatever the machine's speed today.
    run([*dwcp, "render", str(sample), "--format", "html", "--out", str(OUT / "pdf")], ROOT)
    html = OUT / "pdf" / f"{sample.stem}.html"
    weasyprint = [sys.executable, "-m", "weasyprint", str(html), str(OUT / "pdf" / "plain.pdf")]
    pdf, plain = timed_pair(render_pdf, weasyprint, args.runs, cwd=ROOT)
    print(f"portfolio: {PORTFOLIO}; medians of {args.runs} runs")
    print(f"dwcp lint --no-cache                 {lint:7.3f} s")
    print(
        f"dwcp render --format html (200)      {render:7.3f} s  {render / lint:.2f}x  target 1.5x"
    )
    print(f"dwcp render --format pdf (VNM, 40KB) {pdf:7.3f} s           target 3 s")
    print(f"weasyprint VNM.html (its own CLI)    {plain:7.3f} s  dwcp is {pdf / plain:.2f}x")
    results = {"lint": lint, "render_html": render, "render_pdf": pdf, "weasyprint_cli": plain}
    (OUT / "bench_render.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
