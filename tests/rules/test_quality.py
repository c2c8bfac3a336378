"""The reviewer's quality checks of issue 14: DW424-DW427, DW708, DW709 and DW805, each with
the smallest change that breaks the clean fixture and one that keeps it passing."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from dwcp.lint.findings import Severity
from dwcp.lint.rules.measurement import ProgrammeIndicatorLimit
from tests.helpers import (
    assert_only,
    indicator,
    line_of,
    lint_changed,
    outcome,
    with_options,
)
from tests.rules.util import line_is

# DW424 outcome-worded-as-activity -----------------------------------------------------------


def set_statement(text: str, language: str = "en") -> Any:
    def change(d: Any) -> None:
        d["language"] = language
        outcome(d)["statement"] = text

    return change


@pytest.mark.parametrize(
    ("language", "statement", "verb"),
    [
        pytest.param("en", "Train 500 young people in agribusiness", "Train", id="en"),
        pytest.param("en", "By 2022, organize job fairs in every province", "organize", id="en-by"),
        pytest.param("en", "To carry out a tracer survey of trainees", "carry out", id="en-to"),
        pytest.param("fr", "Former 500 jeunes aux métiers agricoles", "Former", id="fr"),
        pytest.param(
            "fr", "D'ici 2022, renforcer les capacités des mandants", "renforcer", id="fr-d-ici"
        ),
        pytest.param("es", "Capacitar a 500 jóvenes en agronegocios", "Capacitar", id="es"),
        pytest.param("es", "Para 2022, organizar ferias de empleo", "organizar", id="es-para"),
    ],
)
def test_dw424_outcome_worded_as_activity(language: str, statement: str, verb: str):
    text, findings = lint_changed(set_statement(statement, language))
    assert_only(findings, "DW424", line_of(text, "statement: " + statement.split(",")[0]))
    assert f"opens with `{verb}`" in findings[0].message
    assert findings[0].severity is Severity.WARNING


@pytest.mark.parametrize(
    ("language", "statement"),
    [
        pytest.param("en", "By 2022, 500 young people trained find decent jobs", id="en-change"),
        pytest.param("en", "Increase in youth employment in agribusiness", id="en-noun"),
        pytest.param(
            "en", "Support to young entrepreneurs reaches rural districts", id="en-noun-2"
        ),
        pytest.param("en", "Former child labourers return to school", id="en-former"),
        pytest.param("fr", "Les capacités des mandants sont renforcées", id="fr-passive"),
        pytest.param("es", "Fortalecidas las capacidades de los mandantes", id="es-participle"),
        # Another language's verb is not read: "Train" is an English verb only.
        pytest.param("fr", "Train de réformes adopté par le Parlement", id="other-language"),
    ],
)
def test_dw424_a_change_passes(language: str, statement: str):
    _text, findings = lint_changed(set_statement(statement, language))
    assert findings == []


# DW425 no-outcome-for-social-partners -------------------------------------------------------


def set_output(text: str) -> Any:
    def change(d: Any) -> None:
        outcome(d)["outputs"][0]["statement"] = text

    return change


def test_dw425_no_outcome_or_output_for_either_group():
    text, findings = lint_changed(set_output("Agribusiness training delivered"))
    assert_only(findings, "DW425", line_is(text, "priorities:"))
    assert sorted(f.message for f in findings) == [
        "no outcome or output is addressed to the employers' organizations",
        "no outcome or output is addressed to the workers' organizations",
    ]


def test_dw425_one_group_named_leaves_the_other():
    _text, findings = lint_changed(set_output("Training delivered with trade unions"))
    assert [f.message for f in findings] == [
        "no outcome or output is addressed to the employers' organizations"
    ]


@pytest.mark.parametrize(
    "statement",
    [
        pytest.param("Training delivered with the social partners", id="social-partners"),
        pytest.param(
            "Zambia Federation of Employers and Zambia Congress of Trade Unions place trainees",
            id="constituent-names",
        ),
        pytest.param("Formation avec les partenaires sociaux", id="fr"),
        pytest.param(
            "Capacitación con organizaciones de empleadores y sindicatos", id="es-both-groups"
        ),
    ],
)
def test_dw425_statements_that_name_the_groups_pass(statement: str):
    _text, findings = lint_changed(set_output(statement))
    assert findings == []


def test_dw425_acronym_in_brackets_counts():
    def change(d: Any) -> None:
        set_output("ZFE and ZCTU place trainees")(d)
        for constituent, name in zip(
            d["context"]["constituents"][1:],
            ["Zambia Federation of Employers (ZFE)", "Zambia Congress of Trade Unions (ZCTU)"],
            strict=True,
        ):
            constituent["organizations"] = [name]

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw425_an_outcome_statement_counts_too():
    def change(d: Any) -> None:
        set_output("Agribusiness training delivered")(d)
        outcome(d)["statement"] = "Employers' and workers' organizations serve young members"

    _text, findings = lint_changed(change)
    assert findings == []


# DW426 too-many-indicators-in-programme -----------------------------------------------------


def with_outcomes(count: int, indicators_each: int) -> Any:
    """ZMB101 copied into `count` outcomes of `indicators_each` indicators, all in priority P1."""

    def change(d: Any) -> None:
        first = outcome(d)
        first["indicators"] = [copy.deepcopy(indicator(d)) for _ in range(indicators_each)]
        for k, ind in enumerate(first["indicators"], start=1):
            ind["id"] = f"ZMB101.{k}"
        for n in range(2, count + 1):
            twin = copy.deepcopy(first)
            twin["id"] = f"ZMB1{n:02d}"
            for k, ind in enumerate(twin["indicators"], start=1):
                ind["id"] = f"ZMB1{n:02d}.{k}"
            for k, out in enumerate(twin["outputs"], start=1):
                out["id"] = f"ZMB1{n:02d}.O{k}"
            twin["resources"] = []
            twin["budget_required"] = []
            d["priorities"][0]["outcomes"].append(twin)
        d["context"]["projects"][0]["contributes_to"] = [{"outcome": "ZMB101"}]

    return change


def test_dw426_too_many_indicators_in_the_programme():
    text, findings = lint_changed(with_outcomes(8, 4), select=["DW426"])
    assert_only(findings, "DW426", line_is(text, "- id: ZMB108.3"))
    assert findings[0].message == (
        "the programme has 32 indicators; keep at most 30 across all outcomes so that the "
        "constituents can monitor them"
    )


def test_dw426_thirty_indicators_pass():
    _text, findings = lint_changed(with_outcomes(6, 5), select=["DW426"])
    assert findings == []


def test_dw426_limit_is_configurable(tmp_path: Path):
    settings = with_options(tmp_path, ProgrammeIndicatorLimit(max=3))
    text, findings = lint_changed(with_outcomes(2, 2), settings=settings, select=["DW426"])
    assert_only(findings, "DW426", line_is(text, "- id: ZMB102.2"))


# DW427 baseline-after-start -----------------------------------------------------------------


def baseline_year(year: int, promised: str | None = None) -> Any:
    def change(d: Any) -> None:
        base = indicator(d)["baseline"]
        base["year"] = year
        if promised is not None:
            base["to_be_established_by"] = promised

    return change


def test_dw427_baseline_after_start():
    # 2019 keeps the milestones in order, so DW416 stays silent.
    text, findings = lint_changed(baseline_year(2019))
    assert_only(findings, "DW427", line_of(text, "baseline:"))
    assert findings[0].message == (
        "indicator ZMB101.1 baseline is dated 2019, after the programme starts in 2018"
    )


def test_dw427_baseline_in_the_start_year_passes():
    _text, findings = lint_changed(baseline_year(2018))
    assert findings == []


def test_dw427_baseline_measured_later_as_planned_passes():
    _text, findings = lint_changed(baseline_year(2019, "2019-06-30"))
    assert findings == []


def test_dw427_baseline_later_than_planned_still_fires():
    text, findings = lint_changed(baseline_year(2019, "2018-06-30"))
    assert_only(findings, "DW427", line_of(text, "baseline:"))


# DW708 no-lessons-learned and DW709 lessons-not-from-previous-review ------------------------


def lessons(*sources: str | None) -> Any:
    def change(d: Any) -> None:
        d["context"]["lessons_learned"] = [
            {"text": f"Lesson {n}", **({"source": s} if s is not None else {})}
            for n, s in enumerate(sources, start=1)
        ]

    return change


def test_dw708_no_lessons_learned():
    text, findings = lint_changed(lambda d: d["context"].pop("lessons_learned"))
    assert_only(findings, "DW708", line_is(text, "context:"))
    assert findings[0].severity is Severity.WARNING


def test_dw708_empty_lessons_learned_is_dw708_alone():
    text, findings = lint_changed(lessons())
    assert_only(findings, "DW708", line_of(text, "lessons_learned:"))


def test_dw709_second_generation_without_a_review_among_the_sources():
    text, findings = lint_changed(lessons("Tripartite consultations, 2017", None))
    assert_only(findings, "DW709", line_of(text, "lessons_learned:"))
    assert findings[0].message == (
        "the programme follows the previous programme, but no lesson learned names a review "
        "or evaluation as its source"
    )


@pytest.mark.parametrize(
    "source",
    [
        "Country Programme Review 2016",
        "Independent evaluation of the DWCP 2013-2016",
        "Évaluation finale du PPTD 2013-2016",
        "Revisión de medio término del PTDP",
    ],
)
def test_dw709_a_lesson_from_a_review_passes(source: str):
    _text, findings = lint_changed(lessons("Tripartite consultations, 2017", source))
    assert findings == []


def test_dw709_names_the_previous_programme_file():
    def change(d: Any) -> None:
        lessons("Tripartite consultations, 2017")(d)
        d["previous"] = "ZMB-2013-2016"
        del d["generation"]

    _text, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW709"]
    assert findings[0].message.startswith("the programme follows `ZMB-2013-2016`, but")


def test_dw709_a_first_programme_is_not_checked():
    def change(d: Any) -> None:
        lessons("Tripartite consultations, 2017")(d)
        d["generation"] = 1

    _text, findings = lint_changed(change)
    assert findings == []


# DW805 consultation-after-validation --------------------------------------------------------


def consulted(date: str) -> Any:
    def change(d: Any) -> None:
        d["context"]["constituents"][2]["consulted_on"] = dt.date.fromisoformat(date)

    return change


def test_dw805_consultation_after_signature():
    text, findings = lint_changed(consulted("2018-06-02"))
    assert_only(findings, "DW805", line_of(text, "2018-06-02"))
    assert findings[0].message == (
        "the consultation of the workers is dated 2018-06-02, after the programme was signed "
        "on 2018-04-10"
    )


def test_dw805_consultation_on_the_day_of_signature_passes():
    _text, findings = lint_changed(consulted("2018-04-10"))
    assert findings == []


def test_dw805_without_dated_signatures_is_not_checked():
    def change(d: Any) -> None:
        consulted("2018-06-02")(d)
        d["status"] = "validated"
        for signatory in d["signatories"]:
            del signatory["date"]

    _text, findings = lint_changed(change)
    assert findings == []


def test_dw805_consultation_after_validation_before_signature():
    """Validated at a workshop on 2018-03-01: a consultation a week later came too late,
    although the programme was signed only on 2018-04-10."""

    def change(d: Any) -> None:
        consulted("2018-03-08")(d)
        d.insert(list(d).index("status") + 1, "validated", dt.date(2018, 3, 1))

    text, findings = lint_changed(change)
    assert_only(findings, "DW805", line_of(text, "2018-03-08"))
    assert findings[0].message == (
        "the consultation of the workers is dated 2018-03-08, after the programme was validated "
        "on 2018-03-01"
    )


def test_dw805_consultation_on_the_day_of_validation_passes():
    def change(d: Any) -> None:
        consulted("2018-03-01")(d)
        d.insert(list(d).index("status") + 1, "validated", dt.date(2018, 3, 1))

    _text, findings = lint_changed(change)
    assert findings == []
