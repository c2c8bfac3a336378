"""Step 2 rules on priorities, each with the smallest change that breaks it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from dwcp.config import RawConfig, Settings, load_settings
from dwcp.lint.findings import Finding, Severity
from dwcp.lint.rules.priorities import PriorityLimit
from tests.helpers import CLEAN, assert_only, line_of, lint_changed, lint_text, with_options
from tests.rules.util import flow, line_is


def priority(d: Any) -> Any:
    return d["priorities"][0]


def add_priorities(count: int) -> Any:
    """A change that copies P1 until there are `count` complete priorities, P1 to P<count>."""

    def change(d: Any) -> None:
        for n in range(2, count + 1):
            twin = copy.deepcopy(priority(d))
            twin["id"] = f"P{n}"
            out = twin["outcomes"][0]
            out["id"] = f"ZMB10{n}"
            out["indicators"][0]["id"] = f"ZMB10{n}.1"
            out["outputs"][0]["id"] = f"ZMB10{n}.O1"
            for line in out["resources"]:
                line.pop("project", None)  # one project's budget funds one outcome (DW514)
            d["priorities"].append(twin)

    return change


def add_priority_without_outcomes(d: Any) -> None:
    """A second priority, anchored like P1, that has no outcomes yet."""
    d["priorities"].append(
        {
            "id": "P2",
            "title": "Social protection for rural workers",
            "strategic_objectives": ["social-protection"],
            "national_goals": ["7NDP-1"],
            "un_outcomes": [flow(outcome="UNSDPF-1", alignment="partial")],
            "outcomes": [],
        }
    )


def only(findings: list[Finding], code: str) -> Finding:
    """The one finding of `code`."""
    [finding] = [f for f in findings if f.code == code]
    return finding


# DW301 too-many-priorities ------------------------------------------------------------------


def test_dw301_three_priorities_pass():
    _text, findings = lint_changed(add_priorities(3))
    assert findings == []


def test_dw301_four_priorities_warn_on_the_fourth():
    """Issue 14: at most three is the methodology's guidance, so a warning, not an error."""
    text, findings = lint_changed(add_priorities(4))
    assert_only(findings, "DW301", line_is(text, "- id: P4"))
    assert findings[0].severity is Severity.WARNING
    assert "guidance" in findings[0].message


@pytest.mark.parametrize("role", ["enabling", "cross_cutting"])
def test_dw301_enabling_or_cross_cutting_priorities_are_not_counted(role: str):
    def change(d: Any) -> None:
        add_priorities(4)(d)
        d["priorities"][3].insert(2, role, True)

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw301_counts_only_the_others_and_says_so():
    def change(d: Any) -> None:
        add_priorities(5)(d)
        d["priorities"][0].insert(2, "cross_cutting", True)

    text, findings = lint_changed(change)
    assert_only(findings, "DW301", line_is(text, "- id: P5"))
    assert "4 priorities besides 1 enabling or cross-cutting" in findings[0].message


def test_a_priority_both_enabling_and_cross_cutting_is_a_schema_error():
    def change(d: Any) -> None:
        priority(d).insert(2, "enabling", True)
        priority(d).insert(3, "cross_cutting", True)

    text, findings = lint_changed(change)
    [finding] = findings
    assert finding.code.startswith("DW0")
    assert "P1 is marked both enabling and cross_cutting" in finding.hint
    assert finding.line == line_is(text, "- id: P1")


def test_an_outcome_both_enabling_and_cross_cutting_is_a_schema_error():
    def change(d: Any) -> None:
        outcome = priority(d)["outcomes"][0]
        outcome.insert(2, "enabling", True)
        outcome.insert(3, "cross_cutting", True)

    _text, findings = lint_changed(change)
    assert [f.code[:3] for f in findings] == ["DW0"]
    assert "ZMB101 is marked both" in findings[0].hint


def test_an_enabling_outcome_loads_and_lints_clean():
    _text, findings = lint_changed(lambda d: priority(d)["outcomes"][0].insert(2, "enabling", True))
    assert findings == []


def test_dw301_limit_option_allows_four(tmp_path: Path):
    settings = with_options(tmp_path, PriorityLimit(max=4))
    _text, findings = lint_changed(add_priorities(4), settings=settings)
    assert findings == []


def test_dw301_limit_option_flags_the_first_priority_past_it(tmp_path: Path):
    settings = with_options(tmp_path, PriorityLimit(max=4))
    text, findings = lint_changed(add_priorities(5), settings=settings)
    assert_only(findings, "DW301", line_is(text, "- id: P5"))
    assert "at most 4" in findings[0].message


def test_dw301_limit_option_read_from_pyproject(tmp_path: Path):
    """`[tool.dwcp.rules.DW301]` in pyproject.toml reaches the rule."""
    (tmp_path / "pyproject.toml").write_text("[tool.dwcp.rules.DW301]\nmax = 1\n", encoding="utf-8")
    text, findings = lint_changed(add_priorities(2), settings=load_settings(tmp_path))
    assert_only(findings, "DW301", line_is(text, "- id: P2"))


# DW302 no-priorities ------------------------------------------------------------------------


def test_dw302_no_priorities():
    text, findings = lint_changed(lambda d: d.__setitem__("priorities", []))
    # With no outcomes left the project points at an unknown outcome (DW205) and the decent
    # work UN outcome is covered by no priority (DW311).
    assert {f.code for f in findings} == {"DW302", "DW205", "DW311"}
    assert only(findings, "DW302").line == line_of(text, "priorities: []")


@pytest.mark.parametrize(
    ("status", "severity"),
    [
        pytest.param("drafting", Severity.WARNING, id="drafting-warns"),
        pytest.param("consultation", Severity.WARNING, id="consultation-warns"),
        pytest.param("validated", Severity.ERROR, id="validated"),
        pytest.param("implementation", Severity.ERROR, id="implementation"),
    ],
)
def test_dw302_is_a_warning_only_while_drafting_or_in_consultation(status: str, severity: Severity):
    def change(d: Any) -> None:
        d["priorities"] = []
        d["status"] = status

    _text, findings = lint_changed(change)
    assert only(findings, "DW302").severity is severity


# DW303 priority-without-outcomes ------------------------------------------------------------


def test_dw303_priority_without_outcomes():
    text, findings = lint_changed(add_priority_without_outcomes)
    assert_only(findings, "DW303", line_is(text, "- id: P2"))


@pytest.mark.parametrize(
    ("status", "severity"),
    [
        pytest.param("drafting", Severity.WARNING, id="drafting-warns"),
        pytest.param("consultation", Severity.WARNING, id="consultation-warns"),
        pytest.param("validated", Severity.ERROR, id="validated"),
        pytest.param("signed", Severity.ERROR, id="signed"),
        pytest.param("implementation", Severity.ERROR, id="implementation"),
    ],
)
def test_dw303_is_a_warning_only_while_drafting_or_in_consultation(status: str, severity: Severity):
    def change(d: Any) -> None:
        add_priority_without_outcomes(d)
        d["status"] = status

    _text, findings = lint_changed(change)
    assert only(findings, "DW303").severity is severity


def test_dw303_drafting_programme_without_signatures_has_only_the_warning():
    """A draft is not signed yet; dropping the signatures leaves DW303 alone, as a warning."""

    def change(d: Any) -> None:
        add_priority_without_outcomes(d)
        d["status"] = "drafting"
        del d["signatories"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW303", line_is(text, "- id: P2"))
    assert findings[0].severity is Severity.WARNING


def test_dw303_configured_severity_beats_the_status(tmp_path: Path):
    """`severity = {DW303 = "info"}` wins over the drafting downgrade."""
    settings = Settings(root=tmp_path, raw=RawConfig(severity={"DW303": "info"}))

    def change(d: Any) -> None:
        add_priority_without_outcomes(d)
        d["status"] = "drafting"

    _text, findings = lint_changed(change, settings=settings)
    assert only(findings, "DW303").severity is Severity.INFO


# DW304 priority-without-objective -----------------------------------------------------------


def test_dw304_priority_names_no_strategic_objective():
    text, findings = lint_changed(lambda d: priority(d).__delitem__("strategic_objectives"))
    assert_only(findings, "DW304", line_is(text, "- id: P1"))
    assert findings[0].severity is Severity.WARNING


# DW305 unknown-strategic-objective ----------------------------------------------------------


def test_dw305_unknown_strategic_objective():
    text, findings = lint_changed(lambda d: priority(d)["strategic_objectives"].append("jobs"))
    assert_only(findings, "DW305", line_of(text, "strategic_objectives: [employment, jobs]"))
    assert findings[0].path == "priorities[0].strategic_objectives[1]"


@pytest.mark.parametrize("objective", ["social-protection", "social-dialogue", "standards"])
def test_dw305_every_catalogue_objective_passes(objective: str):
    _text, findings = lint_changed(
        lambda d: priority(d)["strategic_objectives"].__setitem__(0, objective)
    )
    assert findings == []


# DW306 unknown-national-goal ----------------------------------------------------------------


def test_dw306_unknown_national_goal():
    text, findings = lint_changed(lambda d: priority(d)["national_goals"].__setitem__(0, "7NDP-9"))
    assert_only(findings, "DW306", line_of(text, "national_goals: [7NDP-9]"))


def test_dw306_framework_id_counts_as_a_goal():
    """A priority may point at a whole national plan rather than one of its goals."""
    _text, findings = lint_changed(lambda d: priority(d)["national_goals"].__setitem__(0, "7NDP"))
    assert findings == []


# DW307 unknown-un-outcome -------------------------------------------------------------------


def test_dw307_unknown_un_outcome():
    text, findings = lint_changed(
        lambda d: priority(d)["un_outcomes"].append(flow(outcome="UNSDPF-9", alignment="partial"))
    )
    assert_only(findings, "DW307", line_of(text, "outcome: UNSDPF-9"))


def test_dw307_every_link_is_unknown_without_a_un_framework():
    """Links to UN outcomes need the framework that defines them."""
    text, findings = lint_changed(lambda d: d["context"].__delitem__("un_framework"))
    # DW202 reports the missing framework itself.
    assert {f.code for f in findings} == {"DW202", "DW307"}
    assert only(findings, "DW307").line == line_of(text, "outcome: UNSDPF-1")


# DW308 priority-not-in-un-framework ---------------------------------------------------------


def test_dw308_priority_reaches_no_un_outcome():
    text, findings = lint_changed(lambda d: priority(d).__setitem__("un_outcomes", []))
    # The decent work UN outcome is now covered by no priority, which DW311 notes.
    assert {f.code for f in findings} == {"DW308", "DW311"}
    assert only(findings, "DW308").line == line_is(text, "- id: P1")


def test_dw308_silent_without_a_un_framework():
    def change(d: Any) -> None:
        del d["context"]["un_framework"]
        del priority(d)["un_outcomes"]

    _text, findings = lint_changed(change)
    assert {f.code for f in findings} == {"DW202"}


# DW309 unknown-sdg-target -------------------------------------------------------------------


def test_dw309_unknown_sdg_target():
    text, findings = lint_changed(lambda d: priority(d)["sdg_targets"].__setitem__(0, "8.99"))
    assert_only(findings, "DW309", line_of(text, "sdg_targets: ['8.99']"))


def test_dw309_quoted_8_10_passes():
    _text, findings = lint_changed(lambda d: priority(d)["sdg_targets"].__setitem__(0, "8.10"))
    assert findings == []


def test_unquoted_sdg_target_is_a_schema_error_not_a_silent_8_1():
    """Unquoted 8.10 loads as the number 8.1; the schema rejects it rather than misread it."""
    text = CLEAN.read_text(encoding="utf-8").replace('sdg_targets: ["8.6"]', "sdg_targets: [8.10]")
    findings = lint_text(text)
    assert_only(findings, "DW022", line_of(text, "sdg_targets: [8.10]"))


# DW310 priority-not-in-national-plan --------------------------------------------------------


def test_dw310_priority_has_no_national_goal():
    text, findings = lint_changed(lambda d: priority(d).__setitem__("national_goals", []))
    assert_only(findings, "DW310", line_is(text, "- id: P1"))


def test_dw310_silent_without_a_national_framework():
    def change(d: Any) -> None:
        del d["context"]["national_frameworks"]
        del priority(d)["national_goals"]

    _text, findings = lint_changed(change)
    assert {f.code for f in findings} == {"DW201"}


# DW311 decent-work-un-outcome-uncovered -----------------------------------------------------


def test_dw311_decent_work_un_outcome_uncovered():
    def change(d: Any) -> None:
        d["context"]["un_framework"]["outcomes"].append(
            flow(id="UNSDPF-2", statement="Social protection for all", decent_work=True)
        )

    text, findings = lint_changed(change)
    assert_only(findings, "DW311", line_of(text, "UNSDPF-2"))
    assert findings[0].severity is Severity.INFO


def test_dw311_other_un_outcomes_may_stay_uncovered():
    def change(d: Any) -> None:
        d["context"]["un_framework"]["outcomes"].append(
            flow(id="UNSDPF-2", statement="Clean water for all")
        )

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw311_partial_alignment_covers_the_outcome():
    _text, findings = lint_changed(
        lambda d: priority(d)["un_outcomes"][0].__setitem__("alignment", "partial")
    )
    assert findings == []


# Several UN frameworks, outcome-level links, DW312 and DW313 ------------------------------


def as_list(d: Any) -> Any:
    """The fixture's one `un_framework` written as the `un_frameworks` list; returns it."""
    frameworks = [d["context"].pop("un_framework")]
    d["context"].insert(1, "un_frameworks", frameworks)
    return frameworks


def add_framework(d: Any) -> Any:
    """A second framework, the one in force after the first, with outputs; returns it."""
    second = {
        "id": "UNSDCF-2022",
        "kind": "unsdcf",
        "name": "UN Sustainable Development Cooperation Framework",
        "period": flow(start=2022, end=2026),
        "outcomes": [
            {
                "id": "UNSDCF-1",
                "statement": "People have decent work",
                "outputs": [flow(id="UNSDCF-1.1", statement="Skills systems are modernised")],
            }
        ],
    }
    as_list(d).append(second)
    return second


def zmb101(d: Any) -> Any:
    return priority(d)["outcomes"][0]


def test_two_frameworks_in_the_list_lint_clean():
    _text, findings = lint_changed(add_framework)
    assert findings == []


def test_dw307_outcome_level_link_to_an_unknown_un_outcome():
    def change(d: Any) -> None:
        add_framework(d)
        zmb101(d).insert(5, "un_outcomes", [flow(outcome="UNSDCF-9", alignment="full")])

    text, findings = lint_changed(change)
    assert_only(findings, "DW307", line_of(text, "outcome: UNSDCF-9"))
    assert "outcome ZMB101 links to UN outcome `UNSDCF-9`" in findings[0].message


def test_outcome_level_link_to_an_output_of_the_second_framework_passes():
    def change(d: Any) -> None:
        add_framework(d)
        link = flow(outcome="UNSDCF-1", alignment="partial", output="UNSDCF-1.1")
        zmb101(d).insert(5, "un_outcomes", [link])

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw312_link_to_an_output_the_un_outcome_does_not_list():
    def change(d: Any) -> None:
        add_framework(d)
        link = flow(outcome="UNSDCF-1", alignment="partial", output="UNSDCF-1.7")
        zmb101(d).insert(5, "un_outcomes", [link])

    text, findings = lint_changed(change)
    assert_only(findings, "DW312", line_of(text, "output: UNSDCF-1.7"))
    assert findings[0].severity is Severity.ERROR


def test_dw312_leaves_an_unknown_outcome_to_dw307():
    text, findings = lint_changed(
        lambda d: priority(d)["un_outcomes"].append(
            flow(outcome="UNSDPF-9", alignment="partial", output="X1")
        )
    )
    assert_only(findings, "DW307", line_of(text, "outcome: UNSDPF-9"))


def test_dw313_un_outcome_id_used_in_two_frameworks():
    def change(d: Any) -> None:
        second = add_framework(d)
        second["outcomes"].append(flow(id="UNSDPF-1", statement="Same id, other framework"))

    text, findings = lint_changed(change)
    assert_only(findings, "DW313", line_of(text, "Same id, other framework"))
    assert "UN outcome id `UNSDPF-1` is used twice" in findings[0].message


def test_dw313_framework_id_used_twice():
    def change(d: Any) -> None:
        add_framework(d)["id"] = "UNSDPF"
        d["context"]["un_frameworks"][0].insert(0, "id", "UNSDPF")

    _text, findings = lint_changed(change)
    assert [(f.code, f.message.split(" (")[0]) for f in findings] == [
        ("DW313", "UN framework id `UNSDPF` is used twice")
    ]


def test_dw308_a_priority_reaches_the_un_framework_through_its_outcomes():
    def change(d: Any) -> None:
        links = priority(d).pop("un_outcomes")
        zmb101(d).insert(5, "un_outcomes", links)

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw311_an_outcome_level_link_covers_the_un_outcome():
    def change(d: Any) -> None:
        priority(d)["un_outcomes"] = []
        zmb101(d).insert(5, "un_outcomes", [flow(outcome="UNSDPF-1", alignment="partial")])

    _text, findings = lint_changed(change)
    assert findings == []
