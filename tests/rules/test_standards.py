"""Labour standards and statistics in the country context (DW210-DW213) and the instruments
an outcome cites (DW407, DW422, DW423), each with the smallest change that breaks it.

The clean programme runs 2018-2022, has one outcome (ZMB101, citing C122, "Young women and
men find decent jobs in agribusiness") and records no ratifications or statistics.
"""

from __future__ import annotations

from typing import Any

import pytest

from dwcp.lint.findings import Severity
from tests.helpers import assert_only, line_of, lint_changed, outcome
from tests.rules.util import flow


def standards(d: Any, ratified: list[str] | None = None, **more: Any) -> Any:
    """Give the context labour standards: these instruments ratified, and `more` keys."""
    items = [flow(instrument=code, ratified="2000-06-12") for code in ratified or []]
    d["context"]["labour_standards"] = {"ratifications": items, **more}
    return d["context"]["labour_standards"]


def comment(**fields: Any) -> dict[str, Any]:
    return {
        "body": "ceacr",
        "year": 2017,
        "instrument": "C122",
        "summary": "Asks for data.",
        **fields,
    }


def statistic(**fields: Any) -> dict[str, Any]:
    base = {
        "name": "Unemployment rate",
        "value": 12.5,
        "year": 2017,
        "source": "Labour force survey",
    }
    return {**base, **fields}


# DW210 supervisory-comment-unaddressed ------------------------------------------------------


def test_dw210_a_comment_no_outcome_addresses():
    text, findings = lint_changed(
        lambda d: standards(d, ["C122"], supervisory_comments=[comment()])
    )
    assert_only(findings, "DW210", line_of(text, "body: ceacr"))
    assert findings[0].severity is Severity.INFO
    assert findings[0].message == (
        "the CEACR comment of 2017 on C122 is addressed by no outcome of the programme"
    )


def test_dw210_passes_a_comment_an_outcome_addresses():
    _, findings = lint_changed(
        lambda d: standards(d, ["C122"], supervisory_comments=[comment(addressed_by=["ZMB101"])])
    )
    assert findings == []


def test_dw210_names_a_freedom_of_association_case_by_its_body():
    case = comment(body="cfa", reference="Case No. 3300")
    del case["instrument"]
    _, findings = lint_changed(lambda d: standards(d, supervisory_comments=[case]))
    assert [f.message for f in findings] == [
        "the CFA comment of 2017 is addressed by no outcome of the programme"
    ]


# DW211 unknown-standards-reference ----------------------------------------------------------


def test_dw211_a_ratification_of_an_instrument_that_does_not_exist():
    text, findings = lint_changed(lambda d: standards(d, ["C122", "C87"]))
    assert_only(findings, "DW211", line_of(text, "instrument: C87"))
    assert findings[0].severity is Severity.ERROR
    assert "`C87`, which is not a known ILO instrument" in findings[0].message


def test_dw211_a_comment_on_an_unknown_instrument_or_addressed_by_an_unknown_outcome():
    bad = comment(instrument="C999", addressed_by=["ZMB101", "ZMB999"])
    text, findings = lint_changed(lambda d: standards(d, supervisory_comments=[bad]))
    assert {f.code for f in findings} == {"DW211"}
    assert [f.line for f in findings] == [
        line_of(text, "instrument: C999"),
        line_of(text, "- ZMB999"),
    ]
    assert "outcome `ZMB999`, which is not in this programme" in findings[1].message


def test_dw211_passes_known_instruments_and_outcomes():
    good = comment(addressed_by=["ZMB101"])
    _, findings = lint_changed(
        lambda d: standards(d, ["C122", "P029"], supervisory_comments=[good])
    )
    assert findings == []


# DW212 children-split-as-women-men ----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Children aged 5-17 in child labour",
        "Child labour rate",
        "Enfants astreints au travail",
        "Trabajo infantil, 5-17 años",
        "Niñas y niños en trabajo peligroso",
    ],
)
def test_dw212_a_statistic_about_children_split_into_women_and_men(name: str):
    split = statistic(name=name, by_sex=flow(women=5.0, men=7.0))
    text, findings = lint_changed(lambda d: d["context"].__setitem__("statistics", [split]))
    assert_only(findings, "DW212", line_of(text, "by_sex:"))
    assert findings[0].severity is Severity.WARNING


def test_dw212_population_children_says_so_whatever_the_name():
    split = statistic(name="Hazardous work, 5-17", population="children", by_sex=flow(women=1.0))
    _, findings = lint_changed(lambda d: d["context"].__setitem__("statistics", [split]))
    assert [f.code for f in findings] == ["DW212"]


@pytest.mark.parametrize(
    "split",
    [
        statistic(name="Children in child labour", by_sex_children=flow(girls=5.0, boys=7.0)),
        statistic(name="Unemployment rate", by_sex=flow(women=5.0, men=7.0)),
        statistic(name="Childcare workers", by_sex=flow(women=5.0, men=7.0)),
        statistic(
            name="Employment rate of parents of children under 6",
            population="adults",
            by_sex=flow(women=5.0, men=7.0),
        ),
    ],
    ids=["girls-boys", "adults", "childcare", "population-adults"],
)
def test_dw212_passes_girls_and_boys_and_statistics_about_adults(split: dict[str, Any]):
    _, findings = lint_changed(lambda d: d["context"].__setitem__("statistics", [split]))
    assert findings == []


# DW213 statistic-after-programme-start ------------------------------------------------------


def test_dw213_a_statistic_referring_to_a_year_after_the_start():
    late = statistic(name="Unemployment rate, Q2 2020", year=2020)
    text, findings = lint_changed(lambda d: d["context"].__setitem__("statistics", [late]))
    assert_only(findings, "DW213", line_of(text, "year: 2020"))
    assert findings[0].message == (
        'statistic "Unemployment rate, Q2 2020" refers to 2020, after the programme start in '
        "2018, so it was not available when the programme was drafted"
    )


def test_dw213_a_statistic_published_after_the_start():
    late = statistic(year=2017, published=2019)
    text, findings = lint_changed(lambda d: d["context"].__setitem__("statistics", [late]))
    assert_only(findings, "DW213", line_of(text, "published: 2019"))
    assert "was published in 2019" in findings[0].message


@pytest.mark.parametrize("fields", [{"year": 2018}, {"year": 2016, "published": 2018}])
def test_dw213_passes_figures_of_the_start_year_or_before(fields: dict[str, int]):
    _, findings = lint_changed(
        lambda d: d["context"].__setitem__("statistics", [statistic(**fields)])
    )
    assert findings == []


# DW407 unknown-convention -------------------------------------------------------------------


def test_dw407_hint_pads_a_real_instrument_written_without_zeros():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("conventions", ["C87"]))
    assert_only(findings, "DW407", line_of(text, "- C87"))
    assert findings[0].hint == "write it C087"


def test_dw407_keeps_the_general_hint_for_an_id_that_names_nothing():
    _, findings = lint_changed(lambda d: outcome(d).__setitem__("conventions", ["C500"]))
    assert [f.code for f in findings] == ["DW407"]
    assert findings[0].hint.startswith("write C plus three digits")


# DW422 unratified-convention-cited-as-ratified ----------------------------------------------

CLAIM = "Labour laws are modernized in line with ratified conventions"


def cite(d: Any, statement: str, conventions: list[str]) -> None:
    outcome(d)["statement"] = statement
    outcome(d)["conventions"] = conventions


def test_dw422_an_unratified_convention_cited_as_ratified():
    def change(d: Any) -> None:
        standards(d, ["C122", "C100"])
        cite(d, CLAIM, ["C100", "C183", "C175"])

    text, findings = lint_changed(change)
    assert_only(findings, "DW422", line_of(text, CLAIM))
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message == (
        "outcome ZMB101 speaks of ratified conventions but cites C183, C175, which the "
        "country's recorded ratifications do not include"
    )


@pytest.mark.parametrize(
    "statement",
    [
        "Lois révisées conformément aux conventions ratifiées",
        "Leyes acordes a convenios ratificados",
    ],
)
def test_dw422_reads_french_and_spanish(statement: str):
    def change(d: Any) -> None:
        standards(d, ["C122"])
        cite(d, statement, ["C183"])

    _, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW422"]


def test_dw422_reads_the_outputs_and_points_at_the_one_that_says_it():
    # Naming the social partners keeps DW425 quiet, as the fixture's own output does.
    output = "Legal gap analysis against ratified conventions, with the social partners"

    def change(d: Any) -> None:
        standards(d, ["C122"])
        outcome(d)["conventions"] = ["C183"]
        outcome(d)["outputs"][0]["statement"] = output

    text, findings = lint_changed(change)
    assert_only(findings, "DW422", line_of(text, output))


def test_dw422_a_denounced_ratification_does_not_count():
    def change(d: Any) -> None:
        standards(d, ["C122"])["ratifications"].append(
            flow(instrument="C183", ratified="2001-01-01", status="denounced")
        )
        cite(d, CLAIM, ["C183"])

    _, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW422"]


@pytest.mark.parametrize(
    ("ratified", "statement", "conventions"),
    [
        (["C122", "C183"], CLAIM, ["C183"]),  # ratified
        ([], CLAIM, ["C183"]),  # no ratifications recorded: nothing is known
        (["C122"], "Convention No. 183 ratified by 2022", ["C183"]),  # a result, not a claim
        (["C122"], "Laws reflect not yet ratified conventions", ["C183"]),
        (["C122"], "Campaign on non-ratified conventions", ["C183"]),
        (["C122"], "Campaign on unratified conventions", ["C183"]),
        (["C122"], "Laws in line with international labour standards", ["C183"]),
    ],
    ids=["ratified", "none-recorded", "result", "not-yet", "non-", "unratified", "no-claim"],
)
def test_dw422_passes(ratified: list[str], statement: str, conventions: list[str]):
    def change(d: Any) -> None:
        standards(d, ratified)
        cite(d, statement, conventions)

    _, findings = lint_changed(change)
    assert findings == []


# DW423 instrument-not-up-to-date ------------------------------------------------------------


def test_dw423_an_outdated_instrument_names_its_revisions():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("conventions", ["C003"]))
    assert_only(findings, "DW423", line_of(text, "- C003"))
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message == (
        "outcome ZMB101 cites C003, Maternity Protection Convention, 1919, which is outdated "
        "(revised by C103, then by C183)"
    )
    assert findings[0].hint == "cite C183, Maternity Protection Convention, 2000"


@pytest.mark.parametrize(("code", "status"), [("C031", "withdrawn"), ("C045", "abrogated")])
def test_dw423_withdrawn_and_abrogated_instruments(code: str, status: str):
    _, findings = lint_changed(lambda d: outcome(d).__setitem__("conventions", [code]))
    assert [f.code for f in findings] == ["DW423"]
    assert f"which is {status}" in findings[0].message
    assert "NORMLEX" in findings[0].hint  # the catalogue does not know what revised them


@pytest.mark.parametrize("code", ["C122", "C110", "P110"])  # up to date, interim, interim
def test_dw423_passes_up_to_date_and_interim_instruments(code: str):
    _, findings = lint_changed(lambda d: outcome(d).__setitem__("conventions", [code]))
    assert findings == []
