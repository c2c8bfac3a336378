"""Management rules (DW601-DW605): the programme manager, steering committee and roles.

The clean committee has four members: government (female), employers (male), workers
(female) and ILO (male).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dwcp.lint.rules.management import Balance
from tests.helpers import assert_only, line_of, lint_changed, with_options


def members(d: Any) -> Any:
    return d["management"]["steering_committee"]["members"]


def member(d: Any, group: str) -> Any:
    return next(m for m in members(d) if m["group"] == group)


def add_member(d: Any, group: str, organization: str, sex: str) -> None:
    members(d).append({"group": group, "organization": organization, "sex": sex})


# DW601 no-programme-manager


def test_dw601_no_programme_manager():
    text, findings = lint_changed(lambda d: d["management"].pop("programme_manager"))
    assert_only(findings, "DW601", line_of(text, "management:"))


# DW602 no-steering-committee


def test_dw602_no_steering_committee():
    text, findings = lint_changed(lambda d: d["management"].pop("steering_committee"))
    assert_only(findings, "DW602", line_of(text, "management:"))


def test_dw602_committee_without_members():
    text, findings = lint_changed(lambda d: d["management"]["steering_committee"].pop("members"))
    assert_only(findings, "DW602", line_of(text, "steering_committee:"))


# DW603 committee-missing-group


@pytest.mark.parametrize("group", ["government", "employers", "workers"])
def test_dw603_committee_missing_a_constituent_group(group):
    """The member's seat goes to the UN instead, so women and men stay balanced."""
    text, findings = lint_changed(lambda d: member(d, group).__setitem__("group", "un"))
    assert_only(findings, "DW603", line_of(text, "members:"))
    assert findings[0].message == f"the steering committee has no member from the {group}"


def test_dw603_hint_is_grammatical_for_the_government():
    _, findings = lint_changed(lambda d: member(d, "government").__setitem__("group", "un"))
    assert "the government' " not in findings[0].hint


def test_dw603_committee_without_the_ilo_passes():
    """The ILO sits on most committees, but only the three constituents are required."""
    _, findings = lint_changed(lambda d: member(d, "ilo").__setitem__("group", "un"))
    assert findings == []


def test_dw603_is_left_to_dw602_when_there_are_no_members():
    _, findings = lint_changed(lambda d: d["management"]["steering_committee"].pop("members"))
    assert {f.code for f in findings} == {"DW602"}


# DW604 committee-gender-imbalance


def test_dw604_one_woman_in_four_fails():
    text, findings = lint_changed(lambda d: member(d, "government").__setitem__("sex", "male"))
    assert_only(findings, "DW604", line_of(text, "members:"))
    assert "25 per cent women and 75 per cent men" in findings[0].message


def test_dw604_one_man_in_four_fails():
    text, findings = lint_changed(lambda d: member(d, "ilo").__setitem__("sex", "female"))
    assert_only(findings, "DW604", line_of(text, "members:"))
    assert "75 per cent women and 25 per cent men" in findings[0].message


def test_dw604_half_women_passes():
    """The clean committee: two women, two men."""
    _, findings = lint_changed(lambda _: None)
    assert findings == []


def test_dw604_two_women_in_five_passes():
    """40 per cent is exactly the default floor, which is allowed."""
    _, findings = lint_changed(
        lambda d: add_member(d, "workers", "Federation of Free Trade Unions", "male")
    )
    assert findings == []


def test_dw604_members_without_sex_are_left_out_of_the_count():
    """Two of four have their sex recorded, one woman and one man: balanced."""

    def change(d):
        del member(d, "employers")["sex"]
        del member(d, "workers")["sex"]

    _, findings = lint_changed(change)
    assert findings == []


def test_dw604_no_sex_recorded():
    def change(d):
        for m in members(d):
            del m["sex"]

    text, findings = lint_changed(change)
    assert_only(findings, "DW604", line_of(text, "members:"))
    assert "balance cannot be checked" in findings[0].message


def test_dw604_lower_floor_through_configuration(tmp_path: Path):
    """With min_share_percent = 20, one woman in four (25 per cent) is enough..."""
    settings = with_options(tmp_path, Balance(min_share_percent=20))
    _, findings = lint_changed(
        lambda d: member(d, "government").__setitem__("sex", "male"), settings=settings
    )
    assert findings == []


def test_dw604_lower_floor_still_fails_an_all_male_committee(tmp_path: Path):
    """... but no woman at all still fails, and the message quotes the configured floor."""
    settings = with_options(tmp_path, Balance(min_share_percent=20))

    def change(d):
        for m in members(d):
            m["sex"] = "male"

    text, findings = lint_changed(change, settings=settings)
    assert_only(findings, "DW604", line_of(text, "members:"))
    assert "each should be at least 20 per cent" in findings[0].message


def test_dw604_higher_floor_through_configuration(tmp_path: Path):
    """With min_share_percent = 50, two women in five (40 per cent) is not enough."""
    settings = with_options(tmp_path, Balance(min_share_percent=50))
    text, findings = lint_changed(
        lambda d: add_member(d, "workers", "Federation of Free Trade Unions", "male"),
        settings=settings,
    )
    assert_only(findings, "DW604", line_of(text, "members:"))


# DW605 constituent-roles-missing


@pytest.mark.parametrize("group", ["government", "employers", "workers"])
def test_dw605_role_of_a_constituent_group_missing(group):
    def change(d):
        roles = d["management"]["constituent_roles"]
        roles[:] = [r for r in roles if r["group"] != group]

    text, findings = lint_changed(change)
    assert_only(findings, "DW605", line_of(text, "management:"))
    assert findings[0].message == f"the roles of the {group} in implementation are not described"


def test_dw605_no_roles_at_all_names_every_group():
    text, findings = lint_changed(lambda d: d["management"].pop("constituent_roles"))
    assert_only(findings, "DW605", line_of(text, "management:"))
    assert "government, employers, workers" in findings[0].message


def test_dw604_share_exactly_at_a_decimal_floor_passes(tmp_path: Path):
    """42 men of 125 are 33.6 per cent, exactly the floor; in binary floats
    100 - 100 * 83 / 125 is 33.599999999999994, which failed."""
    settings = with_options(tmp_path, Balance(min_share_percent=33.6))

    def change(d: Any) -> None:
        # The clean committee's two men and two women, plus 40 men and 81 women.
        for i in range(121):
            add_member(d, "government", f"Ministry {i}", "male" if i < 40 else "female")

    _, findings = lint_changed(change, settings=settings)
    assert findings == []


def test_dw604_share_just_under_a_decimal_floor_fails(tmp_path: Path):
    settings = with_options(tmp_path, Balance(min_share_percent=33.7))

    def change(d: Any) -> None:
        for i in range(121):
            add_member(d, "government", f"Ministry {i}", "male" if i < 40 else "female")

    text, findings = lint_changed(change, settings=settings)
    assert_only(findings, "DW604", line_of(text, "members:"))
    assert "66 per cent women and 34 per cent men" in findings[0].message
    assert "each should be at least 33.7 per cent" in findings[0].message
