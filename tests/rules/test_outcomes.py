"""Step 3 rules on outcomes, each with the smallest change that breaks it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from dwcp.config import load_settings
from dwcp.lint.findings import Severity
from dwcp.lint.rules.outcomes import IndicatorLimit
from tests.helpers import assert_only, indicator, line_of, lint_changed, outcome, with_options
from tests.rules.util import line_is

OUTCOME_LINE = "- id: ZMB101"


def with_indicators(count: int) -> Any:
    """A change that copies the first indicator until ZMB101 has `count`, ZMB101.1 onwards."""

    def change(d: Any) -> None:
        for n in range(2, count + 1):
            twin = copy.deepcopy(indicator(d))
            twin["id"] = f"ZMB101.{n}"
            outcome(d)["indicators"].append(twin)

    return change


def set_pb(key: str, value: object) -> Any:
    return lambda d: outcome(d)["pb_outcomes"][0].__setitem__(key, value)


# DW401 outcome-without-gender-effect --------------------------------------------------------


def test_dw401_effect_on_women_and_men_missing():
    """With the key absent the finding sits on the outcome itself."""
    text, findings = lint_changed(lambda d: outcome(d).__delitem__("effect_on_women_and_men"))
    assert_only(findings, "DW401", line_is(text, OUTCOME_LINE))
    assert findings[0].severity is Severity.ERROR


@pytest.mark.parametrize("blank", ["", "   "], ids=["empty", "whitespace"])
def test_dw401_effect_on_women_and_men_blank(blank: str):
    text, findings = lint_changed(
        lambda d: outcome(d).__setitem__("effect_on_women_and_men", blank)
    )
    assert_only(findings, "DW401", line_of(text, "effect_on_women_and_men:"))


# DW402 outcome-without-pb-link --------------------------------------------------------------


def test_dw402_pb_outcomes_empty():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("pb_outcomes", []))
    assert_only(findings, "DW402", line_of(text, "pb_outcomes: []"))


def test_dw402_pb_outcomes_missing():
    text, findings = lint_changed(lambda d: outcome(d).__delitem__("pb_outcomes"))
    assert_only(findings, "DW402", line_is(text, OUTCOME_LINE))


# DW403 unknown-pb-outcome -------------------------------------------------------------------


@pytest.mark.parametrize("number", [0, 11, 99])
def test_dw403_number_outside_the_framework(number: int):
    """P&B 2018-19 has policy outcomes 1 to 10 (and enabling outcomes A to C); the fixture
    still writes the legacy `number:` form, which loads as outcome code str(number)."""
    text, findings = lint_changed(set_pb("number", number))
    assert_only(findings, "DW403", line_of(text, f"biennium: 2018-19, number: {number}"))
    message = findings[0].message
    assert f"P&B outcome {number} of 2018-19" in message
    assert "(its outcomes are 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, A, B, C)" in message


def test_dw403_unknown_code_gets_a_guess():
    text, findings = lint_changed(
        lambda d: outcome(d).__setitem__("pb_outcomes", [{"biennium": "2018-19", "outcome": "10a"}])
    )
    assert_only(findings, "DW403", line_of(text, "outcome: 10a") - 1)
    assert findings[0].hint == "did you mean 10?"


def test_dw403_unknown_output_of_a_known_outcome():
    def change(d: Any) -> None:
        outcome(d)["pb_outcomes"] = [{"biennium": "2022-23", "outcome": "3", "output": "3.9"}]

    text, findings = lint_changed(change)
    assert_only(findings, "DW403", line_of(text, "output:"))
    assert "output 3.9 of P&B outcome 3 (2022-23)" in findings[0].message
    assert "(3.1, 3.2, 3.3, 3.4, 3.5)" in findings[0].message


def test_dw403_2024_25_reference_with_an_output_is_clean():
    """The programme runs to 2024, so a 2024-25 reference with an output lints clean."""

    def change(d: Any) -> None:
        d["period"]["end"] = 2024
        outcome(d)["pb_outcomes"] = [{"biennium": "2024-25", "outcome": "1", "output": "1.2"}]

    _text, findings = lint_changed(change, name="programmes/ZMB-2018-2024.yaml")
    assert [f for f in findings if f.code.startswith("DW4")] == []


def test_dw403_indicator_is_unchecked_where_the_catalogue_lists_none():
    def change(d: Any) -> None:
        ref = {"biennium": "2022-23", "outcome": "1", "output": "1.2", "indicator": "1.2.7"}
        outcome(d)["pb_outcomes"] = [ref]

    _text, findings = lint_changed(change)
    assert findings == []


def test_a_biennium_must_start_in_an_even_year():
    """2019-20 is no ILO biennium: the schema says so (DW023) before any rule runs."""
    text, findings = lint_changed(set_pb("biennium", "2019-20"))
    assert_only(findings, "DW023", line_of(text, "biennium: 2019-20"))


def test_dw403_last_outcome_of_the_framework_passes():
    _text, findings = lint_changed(set_pb("number", 10))
    assert findings == []


def test_dw403_2006_09_codes_are_checked():
    text, findings = lint_changed(
        lambda d: outcome(d).__setitem__(
            "pb_outcomes",
            [{"biennium": "2018-19", "outcome": "1"}, {"biennium": "2008-09", "outcome": "2d"}],
        )
    )
    codes = [f.code for f in findings]
    assert sorted(codes) == ["DW403", "DW404"]
    [dw403] = [f for f in findings if f.code == "DW403"]
    assert "P&B outcome 2d of 2008-09" in dw403.message
    assert dw403.line == line_of(text, "biennium: 2008-09")


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ({"biennium": "2024-25", "outcome": "1", "output": "2.1"}, "does not belong to outcome 1"),
        ({"biennium": "2024-25", "outcome": "1", "indicator": "1.1.1"}, "needs the output"),
        ({"biennium": "2024-25", "outcome": "1", "output": 1.2}, "in quotes"),
    ],
    ids=["output-of-another-outcome", "indicator-without-output", "unquoted-output"],
)
def test_pb_reference_codes_must_nest(ref: dict[str, object], problem: str):
    """The model refuses codes that do not nest, or a decimal YAML would have rounded."""
    _text, findings = lint_changed(lambda d: outcome(d).__setitem__("pb_outcomes", [ref]))
    assert [f.code for f in findings] == ["DW023"]
    assert problem in findings[0].hint


# DW420 pb-biennium-not-in-catalogue ---------------------------------------------------------


def test_dw420_biennium_the_catalogue_does_not_cover_is_a_warning():
    """2028-29 has no list in the catalogue: a warning that says so, never a DW403 error."""

    def change(d: Any) -> None:
        d["period"]["end"] = 2029
        outcome(d)["pb_outcomes"] = [{"biennium": "2028-29", "outcome": "1", "output": "1.2"}]

    text, findings = lint_changed(change, name="programmes/ZMB-2018-2029.yaml")
    dw4 = [f for f in findings if f.code.startswith("DW4")]
    assert_only(dw4, "DW420", line_of(text, "biennium: 2028-29"))
    assert dw4[0].severity is Severity.WARNING
    assert "2028-29" in dw4[0].message
    assert "catalogue has no outcome list" in dw4[0].message
    assert "outcome 1, output 1.2" in dw4[0].message
    assert all(f.severity is not Severity.ERROR for f in findings)


def test_dw420_not_for_a_covered_biennium():
    _text, findings = lint_changed(set_pb("biennium", "2020-21"))
    assert "DW420" not in {f.code for f in findings}


# DW404 pb-biennium-outside-period -----------------------------------------------------------


def test_dw404_pb_biennium_before_the_period():
    text, findings = lint_changed(set_pb("biennium", "2016-17"))
    assert_only(findings, "DW404", line_of(text, "biennium: 2016-17"))
    assert findings[0].severity is Severity.WARNING


def test_dw404_biennium_straddling_the_end_passes():
    """2022-23 shares 2022 with the 2018-2022 period."""
    _text, findings = lint_changed(set_pb("biennium", "2022-23"))
    assert findings == []


def test_dw404_unknown_biennium_outside_the_period():
    text, findings = lint_changed(set_pb("biennium", "2004-05"))
    # No P&B framework covers 2004-05 either, which DW420 reports on the same line.
    assert {f.code for f in findings} == {"DW420", "DW404"}
    assert {f.line for f in findings} == {line_of(text, "biennium: 2004-05")}


# DW405 outcome-without-indicator ------------------------------------------------------------


def test_dw405_outcome_without_indicators():
    text, findings = lint_changed(lambda d: outcome(d).__setitem__("indicators", []))
    assert_only(findings, "DW405", line_of(text, "indicators: []"))


# DW406 too-many-indicators ------------------------------------------------------------------


def test_dw406_six_indicators_pass():
    _text, findings = lint_changed(with_indicators(6))
    assert findings == []


def test_dw406_seven_indicators_fail_on_the_seventh():
    text, findings = lint_changed(with_indicators(7))
    assert_only(findings, "DW406", line_is(text, "- id: ZMB101.7"))
    assert findings[0].severity is Severity.WARNING


def test_dw406_limit_option_lowers_the_limit(tmp_path: Path):
    settings = with_options(tmp_path, IndicatorLimit(max=2))
    text, findings = lint_changed(with_indicators(3), settings=settings)
    assert_only(findings, "DW406", line_is(text, "- id: ZMB101.3"))
    assert "at most 2" in findings[0].message


def test_dw406_limit_option_raises_the_limit(tmp_path: Path):
    settings = with_options(tmp_path, IndicatorLimit(max=7))
    _text, findings = lint_changed(with_indicators(7), settings=settings)
    assert findings == []


def test_dw406_limit_option_read_from_pyproject(tmp_path: Path):
    """`[tool.dwcp.rules.DW406]` in pyproject.toml reaches the rule."""
    (tmp_path / "pyproject.toml").write_text("[tool.dwcp.rules.DW406]\nmax = 1\n", encoding="utf-8")
    text, findings = lint_changed(with_indicators(2), settings=load_settings(tmp_path))
    assert_only(findings, "DW406", line_is(text, "- id: ZMB101.2"))


# DW407 unknown-convention -------------------------------------------------------------------


@pytest.mark.parametrize(
    "convention",
    [
        pytest.param("C999", id="no-such-convention"),
        pytest.param("c122", id="lower-case"),
        pytest.param("C87", id="two-digits"),
    ],
)
def test_dw407_unknown_convention(convention: str):
    text, findings = lint_changed(lambda d: outcome(d)["conventions"].__setitem__(0, convention))
    assert_only(findings, "DW407", line_of(text, f"conventions: [{convention}]"))


@pytest.mark.parametrize("instrument", ["C087", "P029"], ids=["convention", "protocol"])
def test_dw407_catalogue_instruments_pass(instrument: str):
    _text, findings = lint_changed(lambda d: outcome(d)["conventions"].__setitem__(0, instrument))
    assert findings == []


# DW408 outcome-biennium-outside-period ------------------------------------------------------


def test_dw408_biennium_before_the_period():
    text, findings = lint_changed(lambda d: outcome(d)["biennia"].__setitem__(0, "2016-17"))
    assert_only(findings, "DW408", line_of(text, "biennia: [2016-17, 2020-21]"))
    assert findings[0].path == "priorities[0].outcomes[0].biennia[0]"


def test_dw408_biennium_after_the_period():
    text, findings = lint_changed(lambda d: outcome(d)["biennia"].append("2024-25"))
    assert_only(findings, "DW408", line_of(text, "biennia: [2018-19, 2020-21, 2024-25]"))
    assert findings[0].path == "priorities[0].outcomes[0].biennia[2]"


def test_dw408_biennium_straddling_the_end_passes():
    _text, findings = lint_changed(lambda d: outcome(d)["biennia"].append("2022-23"))
    assert findings == []
