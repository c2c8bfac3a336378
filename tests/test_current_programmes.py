"""Programmes written as current DWCPs are (issue 14): P&B 2024-25 outputs and 2026-27
outcomes, two UN frameworks, four priorities of which one enabling, an extension, a national
tripartite forum as signatory, EUR resources against a USD requirement, SDG targets and
instruments outside the old short lists. They lint without errors and publish; the same files
as drafts in consultation, with sketched outcomes, give warnings only."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from dwcp.lint.findings import Finding, Severity
from dwcp.source.loader import load
from tests.helpers import FIXTURES, dump, lint_text
from tests.render import message, run
from tests.test_json_schema import errors_for

ROOT = Path(__file__).parent.parent
CURRENT = sorted((FIXTURES / "current").glob("*.yaml"))
TODAY = dt.date(2026, 12, 5)
"""The date the fixtures describe: Samoa in implementation, Botswana in its extension."""

# Every finding each file is expected to give, by code: a new one, false or not, fails.
EXPECTED: dict[str, Counter[str]] = {
    "WSM-2024-2028.yaml": Counter(
        # The catalogue has no P&B 2026-27 list yet: one warning per outcome citing it.
        DW420=4,
        # The UN Pacific SDCF ends in 2027, the programme in 2028.
        DW208=1,
    ),
    "BWA-2020-2024.yaml": Counter(
        DW420=3,
        # EUR 400,000 from the European Union against a requirement in USD.
        DW512=1,
    ),
}


def findings_of(path: Path, text: str | None = None) -> list[Finding]:
    source = path.read_text(encoding="utf-8") if text is None else text
    return lint_text(source, f"programmes/{path.name}", as_of=TODAY)


def priorities(path: Path) -> list[Any]:
    data: Any = load(path).data
    return list(data["priorities"])


def as_draft(path: Path) -> str:
    """The programme in consultation: no signatures yet, outcomes only sketched."""
    data: Any = YAML().load(path.read_text(encoding="utf-8"))
    data["status"] = "consultation"
    del data["signatories"]
    for priority in data["priorities"]:
        for outcome in priority["outcomes"]:
            for key in ("indicators", "pb_outcomes", "effect_on_women_and_men"):
                outcome.pop(key, None)
    return dump(data)


def test_every_current_fixture_has_its_expected_findings_listed():
    assert [p.name for p in CURRENT] == sorted(EXPECTED)


@pytest.mark.parametrize("path", CURRENT, ids=lambda p: p.name)
def test_a_current_programme_lints_with_only_its_expected_findings(path: Path):
    findings = findings_of(path)
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    assert Counter(f.code for f in findings) == EXPECTED[path.name]


def test_the_2026_27_references_are_warnings_that_say_the_catalogue_lacks_the_biennium():
    findings = [f for p in CURRENT for f in findings_of(p) if f.code == "DW420"]
    assert findings
    assert all(f.severity == Severity.WARNING for f in findings)
    assert all("2026-27" in f.message for f in findings)


def test_four_priorities_of_which_one_enabling_are_within_the_guidance():
    (samoa,) = [p for p in CURRENT if p.name.startswith("WSM")]
    listed = priorities(samoa)
    assert len(listed) == 4
    assert [p["id"] for p in listed if p.get("enabling")] == ["P3"]
    assert "DW301" not in {f.code for f in findings_of(samoa)}


@pytest.mark.parametrize("path", CURRENT, ids=lambda p: p.name)
def test_the_same_programme_as_a_sketched_draft_gives_warnings_only(path: Path):
    findings = findings_of(path, as_draft(path))
    assert [f for f in findings if f.severity == Severity.ERROR] == []
    # The results-chain rules relax to warnings before validation rather than disappear: one
    # each per sketched outcome; with no P&B references left, DW420 has nothing to say.
    outcomes = sum(len(p["outcomes"]) for p in priorities(path))
    sketched = Counter({"DW401": outcomes, "DW402": outcomes, "DW405": outcomes})
    expected = sketched + Counter({k: n for k, n in EXPECTED[path.name].items() if k != "DW420"})
    assert Counter(f.code for f in findings) == expected


def test_the_current_programmes_publish_without_force(tmp_path: Path):
    (tmp_path / "programmes").mkdir()
    for path in CURRENT:
        (tmp_path / "programmes" / path.name).write_bytes(path.read_bytes())
    (tmp_path / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("render", "--as-of", TODAY.isoformat(), "--format", "html", "--format", "md")
    result = run(tmp_path, *args, "--out", str(out))
    assert result.code == 0, result.out + result.err
    samoa = (out / "WSM-2024-2028.html").read_text(encoding="utf-8")
    botswana = (out / "BWA-2020-2024.html").read_text(encoding="utf-8")
    assert "Samoa National Tripartite Forum" in samoa
    assert message("document.extended_to").format(year=2026) in botswana
    assert (out / "WSM-2024-2028.md").is_file()
    assert (out / "BWA-2020-2024.md").is_file()


def test_the_current_programmes_are_formatted():
    result = run(ROOT, "fmt", "--check", "--no-cache", *(str(p) for p in CURRENT))
    assert result.code == 0, result.out + result.err


@pytest.mark.parametrize("path", CURRENT, ids=lambda p: p.name)
def test_the_json_schema_accepts_a_current_programme(path: Path):
    assert errors_for(load(path).data) == []
