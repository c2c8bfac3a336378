"""`--format junit`: one test suite per file, one failing test case per finding."""

from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET

from dwcp.escape import xml_document, xml_text
from dwcp.lint.results import LintResult


def render(result: LintResult) -> str:
    suites = ET.Element("testsuites", name="dwcp", tests="0", failures="0")
    by_file = {name: list(group) for name, group in groupby(result.findings, key=lambda f: f.file)}
    total = 0
    for name in result.files or sorted(by_file):
        findings = by_file.get(name, [])
        suite = ET.SubElement(
            suites,
            "testsuite",
            name=xml_text(name),
            tests=str(max(len(findings), 1)),
            failures=str(len(findings)),
            errors="0",
        )
        if not findings:
            ET.SubElement(suite, "testcase", name="dwcp lint", classname=xml_text(name))
        for finding in findings:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{finding.code} {finding.name} at {finding.line}:{finding.column}",
                classname=xml_text(name),
            )
            failure = ET.SubElement(
                case, "failure", message=xml_text(finding.message), type=finding.severity.value
            )
            failure.text = xml_text(
                f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
                f"{finding.message}\npath: {finding.path}\nhint: {finding.hint}"
            )
        total += max(len(findings), 1)
    suites.set("tests", str(total))
    suites.set("failures", str(len(result.findings)))
    return xml_document(ET.tostring(suites, encoding="unicode", xml_declaration=True)) + "\n"
