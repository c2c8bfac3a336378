"""Benchmark `dwcp lint` (and reports) against the floor of loading the files with ruamel's C loader.

Builds (once) a portfolio of 200 programmes of 10-60 KB from the bundled samples, then times
whole processes, as a user would run them, and prints medians and the ratios the project
targets. Run with `make bench` or `python benchmarks/bench_lint.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
PORTFOLIO = OUT / "portfolio"
PROGRAMMES = PORTFOLIO / "programmes"
SIZE = 200
SEED = 20261124

FLOOR = """
import sys
from pathlib import Path
from ruamel.yaml import YAML
yaml = YAML(typ="safe", pure=False)
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"))
"""


def _countries() -> list[str]:
    import pycountry

    return sorted(c.alpha_3 for c in pycountry.countries)


def _dump(data: Any) -> str:
    stream = io.StringIO()
    yaml = YAML()
    yaml.width = 100
    yaml.dump(data, stream)
    return stream.getvalue()


def _grow(data: dict[str, Any], country: str, target_bytes: int) -> str:
    """Rename to `country` and add outcome copies until the file reaches about the target size."""
    serial = 100
    for priority in data["priorities"]:
        for outcome in priority["outcomes"]:
            serial += 1
            outcome["id"] = f"{country}{serial:03d}"
    for project in data["context"].get("projects", []):
        project["contributes_to"] = []
    text = _dump(data)
    template = copy.deepcopy(data["priorities"][-1]["outcomes"][-1])
    per_outcome = len(_dump({"o": [template]}).encode())
    surplus = (len(text.encode()) - target_bytes) // per_outcome
    if surplus > 0:  # smaller than the sample: drop outcomes, keeping one per priority
        for priority in data["priorities"]:
            while surplus > 0 and len(priority["outcomes"]) > 1:
                priority["outcomes"].pop()
                surplus -= 1
        text = _dump(data)
    missing = max(0, target_bytes - len(text.encode())) // per_outcome
    for _ in range(min(missing, 999 - serial)):
        extra = copy.deepcopy(template)
        serial += 1
        extra["id"] = f"{country}{serial:03d}"
        data["priorities"][serial % len(data["priorities"])]["outcomes"].append(extra)
    text = _dump(data) if missing else text
    return "# yaml-language-server: $schema=../../../../schemas/programme.schema.json\n" + text


def build_portfolio() -> None:
    stamp = PORTFOLIO / "built.json"
    if stamp.is_file() and json.loads(stamp.read_text())["seed"] == SEED:
        return
    from dwcp.source.loader import load

    rng = random.Random(SEED)
    samples = sorted((ROOT / "programmes").glob("*.yaml"))
    bases = [load(p).data for p in samples]
    countries = rng.sample(_countries(), SIZE)
    PROGRAMMES.mkdir(parents=True, exist_ok=True)
    for old in PROGRAMMES.glob("*.yaml"):
        old.unlink()
    for index, country in enumerate(countries):
        data = copy.deepcopy(bases[index % len(bases)])
        assert isinstance(data, dict)
        data["country"] = country
        start = data["period"]["start"]
        end = data["period"]["end"]
        target = rng.randint(10, 56) * 1024
        text = _grow(data, country, target)
        (PROGRAMMES / f"{country}-{start}-{end}.yaml").write_text(text, encoding="utf-8")
    (PORTFOLIO / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    stamp.write_text(json.dumps({"seed": SEED, "files": SIZE}))


def run(command: list[str], cwd: Path = PORTFOLIO) -> None:
    """Run a command; exit 0 or 1 (findings) is a real run, 2 means dwcp refused: stop."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr.decode()}")


def timed(command: list[str], runs: int, cwd: Path = PORTFOLIO) -> float:
    """Median wall time in seconds of `runs` runs of a command (after one warm-up)."""
    run(command, cwd)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run(command, cwd)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def timed_pair(
    first: list[str], second: list[str], runs: int, cwd: Path = PORTFOLIO
) -> tuple[float, float]:
    """Medians of two commands run alternately, so drift in the machine hits both alike."""
    run(first, cwd)
    run(second, cwd)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, samples in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            run(command, cwd)
            samples.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    build_portfolio()
    python = sys.executable
    dwcp = [python, "-m", "dwcp"]
    files = sorted(PROGRAMMES.glob("*.yaml"))
    total_kb = sum(p.stat().st_size for p in files) / 1024
    one = str(files[len(files) // 2])
    report = PORTFOLIO / "lint.json"  # dwcp writes only inside the repository

    floor = timed([python, "-c", FLOOR, str(PROGRAMMES)], args.runs)
    cold, portfolio_report = timed_pair(
        [*dwcp, "lint", "--no-cache", "--format", "json", "-o", str(report)],
        [*dwcp, "report", "portfolio", "--format", "json", "-o", str(PORTFOLIO / "portfolio.json")],
        args.runs,
    )
    run([*dwcp, "lint"])
    warm = timed([*dwcp, "lint", "--format", "json", "-o", str(report)], args.runs)
    single = timed([*dwcp, "lint", "--no-cache", one], args.runs)
    bare = timed([python, "-c", "pass"], args.runs)
    version = timed([*dwcp, "--version"], args.runs)

    rows = [
        ("floor: C safe-load of every file", floor, None, None),
        ("dwcp lint --no-cache (cold)", cold, cold / floor, 1.0),
        ("dwcp lint, unchanged re-run", warm, warm / floor, 0.2),
        ("dwcp lint one file", single, single / bare, 20.0),
        ("dwcp --version", version, version / bare, 15.0),
        ("dwcp report portfolio (vs cold lint)", portfolio_report, portfolio_report / cold, 1.3),
        ("python -c pass", bare, None, None),
    ]
    print(f"portfolio: {len(files)} files, {total_kb:,.0f} KB; medians of {args.runs} runs")
    print_report(rows, "bench_lint.json")


Row = tuple[str, float, float | None, float | None]
"""A measurement: name, median seconds, ratio to its reference, target ratio."""


def print_report(rows: list[Row], out_name: str, width: int = 40) -> None:
    """Print the rows as a table, flag a missed target, and keep the medians in OUT."""
    print(f"{'measurement':{width}} {'median s':>9} {'ratio':>7} {'target':>7}")
    for name, seconds, ratio, target in rows:
        ratio_text = f"{ratio:.2f}x" if ratio is not None else ""
        target_text = f"{target:g}x" if target is not None else ""
        flag = "" if ratio is None or target is None or ratio <= target else "  MISSED"
        print(f"{name:{width}} {seconds:9.3f} {ratio_text:>7} {target_text:>7}{flag}")
    results = {name: seconds for name, seconds, _, _ in rows}
    (OUT / out_name).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
