"""The rule registry and its documentation stay complete and consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dwcp.lint.findings import Step
from dwcp.lint.ruledocs import README_END, README_START, readme_block
from dwcp.lint.rules import ALL_RULES
from dwcp.lint.rules.rule import DOC_SECTIONS, Rule

ROOT = Path(__file__).parent.parent
TESTS = Path(__file__).parent


def test_codes_are_unique_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"DW\d{3}", code) for code in codes)


def test_names_are_unique_kebab_case():
    names = [r.name for r in ALL_RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)


def test_at_least_thirty_methodology_rules_across_every_step():
    domain = [r for r in ALL_RULES if not r.fixed and r.step is not Step.FILE]
    assert len(domain) >= 30
    assert {r.step for r in domain} == set(Step) - {Step.FILE}


def test_file_level_rules_cannot_be_ignored():
    assert all(r.fixed for r in ALL_RULES if r.code < "DW090")


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_is_documented_in_the_fixed_sections(rule: Rule):
    docs = rule.docs()
    assert docs.startswith(f"# {rule.code} {rule.name}\n"), f"{rule.doc_path} heading"
    headings = re.findall(r"^## (.+)$", docs, re.MULTILINE)
    assert headings[: len(DOC_SECTIONS)] == list(DOC_SECTIONS)
    assert "```yaml" in docs
    if rule.options is not None:
        assert "## Options" in docs
        for option in rule.options.model_fields:
            assert option in docs


def test_no_documentation_file_without_a_rule():
    documented = {p.stem for p in (ROOT / "dwcp" / "lint" / "rules" / "docs").glob("*.md")}
    assert documented == {r.code for r in ALL_RULES}


@pytest.mark.parametrize("rule", [r for r in ALL_RULES if not r.fixed], ids=lambda r: r.code)
def test_every_rule_has_a_test_that_makes_it_fire(rule: Rule):
    texts = "".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("test_*.py"))
    assert rule.code in texts


def test_readme_rules_block_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index(README_START) + len(README_START)
    end = readme.index(README_END)
    assert readme[start:end].strip() == readme_block().strip(), (
        "README rules table is stale: run `python -m dwcp rules --format markdown`"
        " and paste it between the markers (or `make readme`)"
    )
