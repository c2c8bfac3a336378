"""The judgements about indicators, milestones and reviews (dwcp.domain.indicators and
dwcp.domain.reviews), each on hand-written cases, and lint, `report gaps` and the export
saying the same thing about the same indicators in English, French and Spanish."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from dwcp.domain.indicators import (
    actual_of,
    actuals_expected,
    counts_people,
    is_sex_disaggregated,
    lacks_sex_disaggregation,
    milestone_checks,
    milestone_due,
)
from dwcp.domain.reviews import review_overdue
from dwcp.model import Programme
from dwcp.model.common import Period
from dwcp.model.delivery import Review
from dwcp.model.results_framework import Actual, Baseline, Indicator, Milestone, Target
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from dwcp.views.spreadsheets.sheets import Source, results_table
from tests.helpers import CLEAN_NAME, clean_data, dump, lint_text
from tests.reports import build, get_table, records

PERIOD = Period(start=2018, end=2022)


def indicator(
    statement: str = "Share of trained youth in work",
    unit: str | None = None,
    disaggregation: tuple[str, ...] = (),
    milestones: tuple[tuple[int, float], ...] = (),
    actuals: tuple[tuple[dt.date, float | None], ...] = (),
    baseline: float | None = 20,
    target: float | None = 40,
) -> Indicator:
    return Indicator(
        id="X1",
        statement=statement,
        unit=unit,
        disaggregation=list(disaggregation),
        baseline=Baseline(value=baseline, year=2017) if baseline is not None else None,
        target=Target(value=target, year=2022) if target is not None else None,
        milestones=[Milestone(year=y, value=v) for y, v in milestones],
        actuals=[Actual(date=d, value=v) for d, v in actuals],
    )


# --- counts people -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "unit"),
    [
        ("Number of jobseekers placed by public employment services", "persons"),
        ("Youth unemployment rate", "%"),
        ("Number of young women and men placed in jobs", "number"),
        ("Share of trained youth in work six months later", "percent"),
        ("Labour inspections carried out", "inspectors"),
        ("Nombre de jeunes placés dans un emploi", None),
        ("Taux de chômage des jeunes", "%"),
        ("Placements par les services de l'emploi", "personnes"),
        ("Tasa de desempleo juvenil", "porcentaje"),
        ("Número de mujeres y hombres jóvenes colocados", "número"),
        ("Colocaciones de los servicios de empleo", "Personas"),
    ],
)
def test_counts_people_by_unit_or_by_what_the_statement_counts(statement: str, unit: str | None):
    assert counts_people(indicator(statement, unit))


@pytest.mark.parametrize(
    ("statement", "unit"),
    [
        ("Number of ILO Conventions ratified", "number"),
        ("Gender pay gap", "%"),
        ("Number of laws adopted", "laws"),
        ("Number of enterprises with a workers' committee", None),
        ("Share of women in managerial positions", "%"),
        ("Labour inspections carried out", "inspections"),
        ("Nombre de conventions de l'OIT ratifiées", "nombre"),
        ("Écart de rémunération entre femmes et hommes", "%"),
        ("Nombre de lois adoptées", "lois"),
        ("Nombre d'entreprises avec un comité de travailleurs", None),
        ("Número de convenios de la OIT ratificados", "número"),
        ("Brecha salarial de género", "porcentaje"),
        ("Número de leyes adoptadas", "leyes"),
        ("Número de empresas visitadas por inspectores", None),
    ],
)
def test_counts_no_people(statement: str, unit: str | None):
    assert not counts_people(indicator(statement, unit))


def test_a_qualifier_opening_a_statement_does_not_end_what_it_counts():
    """Qualifiers are read in lower case: "In" at the start is not "in" after the noun."""
    assert counts_people(indicator("In rural areas, number of youths in work", None))
    assert not counts_people(indicator("Number of farms in which youths work", None))


# --- sex disaggregation --------------------------------------------------------------------


@pytest.mark.parametrize(
    "label",
    [
        "sex",
        "Sex",
        " gender ",
        "sex (women/men)",
        "Sex (Men/Women)",
        "by sex",
        "sexe",
        "Sexe (femmes/hommes)",
        "par sexe",
        "genre",
        "sexo",
        "Género",
        "genero",
        "sexo (mujeres/hombres)",
        "por sexo",
    ],
)
def test_sex_labels_in_every_language(label: str):
    assert is_sex_disaggregated(indicator(disaggregation=("age", label)))


@pytest.mark.parametrize("label", ["age", "sex of owner", "women", "âge", "edad", "sexes"])
def test_other_labels_are_not_a_breakdown_by_sex(label: str):
    assert not is_sex_disaggregated(indicator(disaggregation=(label,)))


def test_sex_disaggregation_is_required_only_of_people_counts():
    people = indicator("Number of young women and men placed in jobs", "persons")
    laws = indicator("Number of laws adopted", "laws")
    assert lacks_sex_disaggregation(people)
    assert not lacks_sex_disaggregation(people.model_copy(update={"disaggregation": ["sexe"]}))
    assert not lacks_sex_disaggregation(laws)


# --- milestones ----------------------------------------------------------------------------


def test_a_milestone_is_due_once_its_year_has_ended():
    milestone = Milestone(year=2019, value=25)
    assert not milestone_due(milestone, dt.date(2019, 12, 31))
    assert milestone_due(milestone, dt.date(2020, 1, 1))


def test_the_actual_of_a_year_is_the_latest_of_that_year():
    found = indicator(
        actuals=(
            (dt.date(2019, 3, 31), 22),
            (dt.date(2019, 9, 30), 24),
            (dt.date(2020, 2, 1), 27),
        )
    )
    actual = actual_of(found, 2019)
    assert actual is not None and actual.value == 24


def test_else_the_first_of_the_next_year():
    found = indicator(actuals=((dt.date(2020, 6, 30), 28), (dt.date(2020, 2, 1), 27)))
    actual = actual_of(found, 2019)
    assert actual is not None and actual.value == 27


def test_an_actual_before_the_year_or_two_years_after_is_not_of_that_year():
    found = indicator(actuals=((dt.date(2018, 12, 31), 22), (dt.date(2021, 1, 1), 30)))
    assert actual_of(found, 2019) is None


def test_an_actual_with_a_value_is_preferred():
    found = indicator(actuals=((dt.date(2019, 3, 31), 22), (dt.date(2019, 9, 30), None)))
    actual = actual_of(found, 2019)
    assert actual is not None and actual.value == 22


def states(found: Indicator, as_of: dt.date) -> list[tuple[int, str]]:
    return [(c.milestone.year, c.state) for c in milestone_checks(found, as_of, PERIOD)]


def test_milestones_met_missed_reported_and_not_due():
    rising = indicator(
        milestones=((2019, 25), (2020, 30), (2021, 35), (2022, 40)),
        actuals=((dt.date(2019, 6, 30), 25), (dt.date(2021, 2, 1), 29)),
    )
    # 2019: 25 reaches 25; 2020: its actual is the first of 2021, 29 < 30; 2021 and 2022
    # have not ended on 2021-07-01.
    assert states(rising, dt.date(2021, 7, 1)) == [
        (2019, "met"),
        (2020, "missed"),
        (2021, "not due"),
        (2022, "not due"),
    ]


def test_a_falling_indicator_is_met_at_or_below_its_milestone():
    falling = indicator(
        baseline=12,
        target=6,
        milestones=((2019, 10), (2020, 8)),
        actuals=((dt.date(2019, 12, 1), 10.5), (dt.date(2020, 12, 1), 7)),
    )
    assert states(falling, dt.date(2021, 1, 1)) == [(2019, "missed"), (2020, "met")]


def test_without_a_baseline_an_actual_is_only_reported():
    found = indicator(baseline=None, milestones=((2019, 25),), actuals=((dt.date(2019, 6, 1), 1),))
    assert states(found, dt.date(2020, 1, 1)) == [(2019, "reported")]


def test_a_milestone_outside_the_period_is_not_judged():
    found = indicator(milestones=((2017, 22), (2019, 25)))
    assert states(found, dt.date(2021, 1, 1)) == [(2019, "no actual")]


def test_actuals_are_expected_only_while_implemented_reviewed_or_extended():
    statuses = ("drafting", "signed", "implementation", "review", "extended", "closed")
    assert {s for s in statuses if actuals_expected(s)} == {"implementation", "review", "extended"}


# --- reviews -------------------------------------------------------------------------------


def test_a_review_is_overdue_the_day_after_it_was_planned_if_not_done():
    planned = Review(kind="annual-review", planned=dt.date(2019, 12, 15))
    assert not review_overdue(planned, dt.date(2019, 12, 15))
    assert review_overdue(planned, dt.date(2019, 12, 16))
    done = planned.model_copy(update={"done": dt.date(2019, 12, 20)})
    assert not review_overdue(done, dt.date(2020, 1, 1))
    assert not review_overdue(Review(kind="annual-review"), dt.date(2020, 1, 1))


# --- lint, report gaps and export agree ----------------------------------------------------

AS_OF = dt.date(2021, 3, 1)
"""2019 and 2020 milestones are due, 2021 ones not yet."""

# (id, statement, unit, disaggregation) per language: people counted with and without a
# label for sex (one of them the long form the old report missed), and counts of no people.
WORDS: dict[str, list[tuple[str, str, str, list[str]]]] = {
    "en": [
        ("P1", "Number of young women and men placed in jobs", "persons", ["sex", "age"]),
        ("P2", "Number of jobseekers placed", "number", ["sex (women/men)"]),
        ("P3", "Youth unemployment rate", "%", ["age"]),
        ("P4", "Share of trained youth in work", "percent", []),
        ("N1", "Number of ILO Conventions ratified", "number", []),
        ("N2", "Gender pay gap", "%", []),
        ("N3", "Number of laws adopted", "laws", []),
    ],
    "fr": [
        ("P1", "Nombre de jeunes femmes et hommes placés", "personnes", ["sexe", "âge"]),
        ("P2", "Nombre de demandeurs d'emploi placés", "nombre", ["Sexe (femmes/hommes)"]),
        ("P3", "Taux de chômage des jeunes", "%", ["âge"]),
        ("P4", "Part des jeunes formés en emploi", "pourcentage", []),
        ("N1", "Nombre de conventions de l'OIT ratifiées", "nombre", []),
        ("N2", "Écart de rémunération entre femmes et hommes", "%", []),
        ("N3", "Nombre de lois adoptées", "lois", []),
    ],
    "es": [
        ("P1", "Número de mujeres y hombres jóvenes colocados", "personas", ["sexo", "edad"]),
        ("P2", "Número de solicitantes de empleo colocados", "número", ["Género"]),
        ("P3", "Tasa de desempleo juvenil", "%", ["edad"]),
        ("P4", "Proporción de jóvenes formados con empleo", "porcentaje", []),
        ("N1", "Número de convenios de la OIT ratificados", "número", []),
        ("N2", "Brecha salarial de género", "porcentaje", []),
        ("N3", "Número de leyes adoptadas", "leyes", []),
    ],
}
NOT_BY_SEX = {"P3", "P4"}
SEX_LABELLED = {"P1", "P2"}

# Milestones (year, value) and actuals (date, value) on a rising indicator, baseline 20 in
# 2017, target 40 in 2022, as of 2021-03-01.
SERIES: dict[str, tuple[list[tuple[int, int]], list[tuple[dt.date, int]]]] = {
    # 2019 met by a 2019 value: nothing to say.
    "P1": ([(2019, 25)], [(dt.date(2019, 6, 30), 26)]),
    # 2019 reported early in 2020 (missed: off track, but not without an actual).
    "P2": ([(2019, 25)], [(dt.date(2020, 2, 1), 24)]),
    # 2019 with only a 2018 value, which is not of 2019 (the old report took it).
    "P3": ([(2019, 25)], [(dt.date(2018, 6, 30), 22)]),
    # 2019 with only a value of 2021, the next milestone's year (the old rule took it);
    # 2021 is not due yet.
    "P4": ([(2019, 25), (2021, 35)], [(dt.date(2021, 2, 1), 30)]),
    # 2020 due with no actual at all.
    "N1": ([(2020, 30)], []),
    # 2021 and 2022 not due yet.
    "N2": ([(2021, 35)], []),
    "N3": ([(2022, 40)], []),
}
DUE_WITHOUT_ACTUAL = {("P3", 2019), ("P4", 2019), ("N1", 2020)}
OFF_TRACK = {("P2", 2019)}


def programme_text(language: str) -> str:
    data: Any = clean_data()
    data["language"] = language
    outcome = data["priorities"][0]["outcomes"][0]
    outcome["indicators"] = [
        {
            "id": f"ZMB101.{code}",
            "statement": statement,
            "unit": unit,
            "baseline": {"value": 20, "year": 2017, "source": "LFS"},
            "target": {"value": 40, "year": 2022},
            "milestones": [{"year": y, "value": v} for y, v in SERIES[code][0]],
            "means_of_verification": ["LFS"],
            "disaggregation": disaggregation,
            "actuals": [{"date": d, "value": v} for d, v in SERIES[code][1]],
        }
        for code, statement, unit, disaggregation in WORDS[language]
    ]
    for review in data["monitoring"]["reviews"]:
        review["done"] = review["planned"]  # keep DW702 out of the way
    return dump(data)


def code_of(indicator_id: str) -> str:
    return indicator_id.removeprefix("ZMB101.")


@pytest.fixture(params=sorted(WORDS))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    text = programme_text(request.param)
    path = tmp_path / "programmes" / "ZMB-2018-2022.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return text, path


def test_lint_and_the_gap_report_name_the_same_indicators(case: tuple[str, Path]):
    text, path = case
    findings = lint_text(text, CLEAN_NAME, as_of=AS_OF)
    dw417 = {code_of(f.message.split()[1]) for f in findings if f.code == "DW417"}
    dw418 = {
        (code_of(f.message.split()[1]), int(f.message.split()[4]))
        for f in findings
        if f.code == "DW418"
    }

    report = build("gaps", path, as_of=AS_OF)
    problems = {
        (code_of(str(row["indicator"])), problem)
        for row in records(get_table(report, "gaps-measurement"))
        for problem in str(row["gaps"]).split("; ")
    }
    not_by_sex = {code for code, problem in problems if problem == "not by sex"}
    due = {
        (code, int(match[1]))
        for code, problem in problems
        if (match := re.fullmatch(r"milestone (\d{4}) due, no actual", problem))
    }
    off_track = {
        (code, int(match[1]))
        for code, problem in problems
        if (match := re.match(r"off track in (\d{4})", problem))
    }

    assert dw417 == not_by_sex == NOT_BY_SEX
    assert dw418 == due == DUE_WITHOUT_ACTUAL
    assert off_track == OFF_TRACK
    assert {p for _, p in problems} <= {"not by sex", "off track in 2019 (24 vs 25)"} | {
        f"milestone {year} due, no actual" for _, year in DUE_WITHOUT_ACTUAL
    }


def test_the_export_says_by_sex_where_lint_finds_a_label(case: tuple[str, Path]):
    text, _ = case
    programme = to_programme(parse(text, CLEAN_NAME))
    assert isinstance(programme, Programme)
    exported = results_table([Source(CLEAN_NAME, programme)])
    keys = [c.key for c in exported.columns]
    flags = {
        code_of(str(row[keys.index("indicator")])): row[keys.index("sex_disaggregated")]
        for row in exported.rows
    }
    assert {code for code, by_sex in flags.items() if by_sex} == SEX_LABELLED
    assert not NOT_BY_SEX & SEX_LABELLED


def test_a_programme_not_yet_implemented_is_asked_for_no_actuals(tmp_path: Path):
    text = programme_text("en").replace("status: implementation", "status: signed")
    path = tmp_path / "programmes" / "ZMB-2018-2022.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    findings = lint_text(text, CLEAN_NAME, as_of=AS_OF)
    assert not [f for f in findings if f.code == "DW418"]
    report = build("gaps", path, as_of=AS_OF)
    gaps = " ".join(str(r["gaps"]) for r in records(get_table(report, "gaps-measurement")))
    assert "due, no actual" not in gaps
    assert "off track in 2019" in gaps
