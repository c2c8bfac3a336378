"""Schema problems: plain language, exact positions, and no flood of findings."""

from __future__ import annotations

import pytest

from dwcp.source.loader import parse
from dwcp.source.validate import MAX_SCHEMA_PROBLEMS, SchemaProblem, to_programme
from tests.helpers import CLEAN, clean_data, dump, indicator, line_of, lint_text, outcome


def problems(text: str) -> list[SchemaProblem]:
    result = to_programme(parse(text))
    assert isinstance(result, list), "expected schema problems"
    return result


def test_misspelt_key_gets_did_you_mean():
    data = clean_data()
    outcome(data)["statment"] = outcome(data).pop("statement")
    text = dump(data)
    [problem] = [p for p in problems(text) if p.code == "DW020"]
    assert problem.message == "unknown key `statment` in outcome ZMB101"
    assert problem.hint == "did you mean `statement`?"
    assert problem.mark.line == line_of(text, "statment:")


def test_a_text_cut_at_a_comma_in_a_flow_mapping_says_to_quote_it():
    """`{id: X, statement: Training, with the social partners}` reads `with the social
    partners` as a key: the hint says what happened, not which keys are allowed."""
    text = CLEAN.read_text(encoding="utf-8").replace(
        "statement: Agribusiness training delivered with", "statement: Agribusiness training, with"
    )
    [problem] = [p for p in problems(text) if p.code == "DW020"]
    assert problem.message.startswith("unknown key `with the employers' and workers'")
    assert "put the whole text in quotes" in problem.hint


def test_missing_required_key_points_at_its_parent():
    data = clean_data()
    del indicator(data)["statement"]
    text = dump(data)
    [problem] = problems(text)
    assert problem.code == "DW021"
    assert problem.message == "indicator ZMB101.1 lacks the required key `statement`"
    assert problem.mark.line == line_of(text, "- id: ZMB101.1")


def test_wrong_type_names_the_expected_type_and_value():
    data = clean_data()
    data["period"]["end"] = "twenty"
    [problem] = problems(dump(data))
    assert problem.code == "DW022"
    assert problem.message == "`end` (`twenty`) of period should be a whole number"


def test_invalid_choice_suggests_the_closest_allowed_value():
    data = clean_data()
    data["status"] = "sigend"
    [problem] = problems(dump(data))
    assert problem.code == "DW023"
    assert problem.hint.startswith("did you mean `signed`?")


def test_messages_never_carry_pydantic_wording():
    data = clean_data()
    data["period"]["start"] = 1800
    outcome(data)["biennia"] = ["2018/19"]
    indicator(data)["baseline"]["year"] = "last year"
    for problem in problems(dump(data)):
        assert "Input should" not in problem.message
        assert "pydantic" not in (problem.message + problem.hint)


def test_schema_errors_stop_rules_from_running():
    data = clean_data()
    data["titel"] = data.pop("title")
    del outcome(data)["effect_on_women_and_men"]  # would be DW401 on a valid file
    findings = lint_text(dump(data))
    assert {f.code for f in findings} == {"DW020", "DW021"}


def test_one_root_cause_does_not_flood_the_report():
    items = "".join(
        f"    - {{symbol: S{i}, title: t, funding_source: RB, budget: x}}\n" for i in range(200)
    )
    text = CLEAN.read_text(encoding="utf-8").replace("  projects:\n", "  projects:\n" + items, 1)
    found = problems(text)
    assert len(found) == MAX_SCHEMA_PROBLEMS
    assert "more schema problems" in found[-1].message


@pytest.mark.parametrize(
    "text",
    [
        "country: [1, 2]\ntitle: t\nperiod: {start: 2018, end: 2022}\nstatus: drafting\n",
        "country: ZMB\ntitle: {a: b}\nperiod: 2018\nstatus: drafting\n",
        "country: ZMB\ntitle: t\nperiod: {start: 2018, end: 2022}\nstatus: drafting\npriorities: {}\n",
    ],
)
def test_wrong_shapes_are_schema_findings(text: str):
    assert all(p.code in {"DW020", "DW021", "DW022", "DW023"} for p in problems(text))
