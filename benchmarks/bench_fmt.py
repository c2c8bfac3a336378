"""Benchmark `dwcp fmt` against `dwcp lint`, same run, medians (issue 17).

`dwcp fmt --check --no-cache` over the formatted 200-programme portfolio (cold, as in CI)
against `dwcp lint --no-cache` (target: at most 2x), and `dwcp fmt` of one file (the
pre-commit case) against `python -c pass` (target: at most 25x). Also counts which engine
formatted the files (`--verbose`): the fast one, or the round-trip one for what it declines.
Run with `python benchmarks/bench_fmt.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_lint import OUT, PORTFOLIO, build_portfolio, print_report, run, timed, timed_pair


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_portfolio()
    python = sys.executable
    dwcp = [python, "-m", "dwcp"]
    # fmt rewrites files: it works on a copy, formatted once, so --check only reads.
    copy = OUT / "fmt-portfolio"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(PORTFOLIO / "programmes", copy / "programmes")
    shutil.copy(PORTFOLIO / "pyproject.toml", copy / "pyproject.toml")
    run([*dwcp, "fmt", "--no-cache"], copy)
    engines = _engines([*dwcp, "fmt", "--check", "--no-cache", "--verbose"], copy)
    report = copy / "lint.json"
    lint, check = timed_pair(
        [*dwcp, "lint", "--no-cache", "--format", "json", "-o", str(report)],
        [*dwcp, "fmt", "--check", "--no-cache"],
        args.runs,
        copy,
    )
    one = sorted((copy / "programmes").glob("*.yaml"))[len(engines) // 2]
    single = timed([*dwcp, "fmt", "--no-cache", str(one)], args.runs, copy)
    bare = timed([python, "-c", "pass"], args.runs, copy)
    rows = [
        ("dwcp lint --no-cache (portfolio)", lint, None, None),
        ("dwcp fmt --check --no-cache (portfolio)", check, check / lint, 2.0),
        ("dwcp fmt one file", single, single / bare, 25.0),
        ("python -c pass", bare, None, None),
    ]
    print(f"portfolio: {copy}; medians of {args.runs} runs; engines: {dict(engines)}")
    print_report(rows, "bench_fmt.json", width=42)


def _engines(command: list[str], cwd: Path) -> Counter[str]:
    """How many files each engine formatted, from the `--verbose` lines `name: engine`."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return Counter(
        line.rsplit(": ", 1)[1]
        for line in done.stderr.splitlines()
        if line.endswith((": fast", ": round-trip", ": cache"))
    )


if __name__ == "__main__":
    main()
