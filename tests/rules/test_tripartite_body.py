"""A national tripartite body standing for the groups of its composition: as a signatory
(DW801, DW804) and on, or as, the steering committee (DW603, DW604).

The clean programme is in `implementation`, signed by the government, employers, workers
and the ILO; its committee has one member of each and none is a tripartite body.
"""

from __future__ import annotations

from typing import Any

import pytest

from dwcp.domain.tripartism import groups_represented
from dwcp.model.country_context import TripartiteBody
from tests.helpers import assert_only, catalogue, line_of, lint_changed
from tests.rules.util import flow

FORUM = "National Tripartite Forum"
GROUPS = ["government", "employers", "workers"]


def describe_body(d: Any, groups: list[str] = GROUPS) -> None:
    d["context"]["tripartite_body"] = {
        "name": FORUM,
        "established": 2013,
        "composition": [flow(group=group) for group in groups],
    }


def forum_signs_for(*groups: str) -> Any:
    """The forum signs instead of the signatories of these groups."""

    def change(d: Any) -> None:
        kept = [s for s in d["signatories"] if s["group"] not in groups]
        forum = flow(organization=FORUM, group="tripartite-body", signer="Chair", date="2018-04-10")
        d["signatories"] = [*kept, forum]

    return change


# DW801 missing-signatory --------------------------------------------------------------------


def test_dw801_the_body_signs_for_the_groups_of_its_composition():
    """The Samoa memorandum: the ILO and the national tripartite forum sign."""

    def change(d: Any) -> None:
        describe_body(d)
        forum_signs_for(*GROUPS)(d)

    _, findings = lint_changed(change)
    assert findings == []


def test_dw801_the_body_signs_beside_the_government():
    def change(d: Any) -> None:
        describe_body(d)
        forum_signs_for("employers", "workers")(d)

    _, findings = lint_changed(change)
    assert findings == []


def test_dw801_the_body_does_not_sign_for_a_group_outside_its_composition():
    def change(d: Any) -> None:
        describe_body(d, ["government", "employers"])
        forum_signs_for("employers", "workers")(d)

    text, findings = lint_changed(change)
    assert_only(findings, "DW801", line_of(text, "signatories:"))
    assert findings[0].message == (
        "programme is `implementation` but has no signature from the workers (the tripartite "
        f"body signs, but the composition of {FORUM} does not include the workers)"
    )


def test_dw801_an_undescribed_body_signs_for_no_group():
    text, findings = lint_changed(forum_signs_for("employers", "workers"))
    assert_only(findings, "DW801", line_of(text, "signatories:"))
    assert len(findings) == 2
    assert findings[0].message.endswith(
        "(the tripartite body signs, but context.tripartite_body does not describe the "
        "tripartite body)"
    )


# DW804 signed-without-status ----------------------------------------------------------------


def test_dw804_counts_the_body_signature():
    def change(d: Any) -> None:
        describe_body(d)
        forum_signs_for(*GROUPS)(d)
        d["status"] = "validated"

    text, findings = lint_changed(change)
    assert_only(findings, "DW804", line_of(text, "status: validated"))


# DW603 committee-missing-group, DW604 committee-gender-imbalance ----------------------------


def body_is_the_committee(d: Any) -> None:
    d["management"]["steering_committee"]["members"] = [
        flow(group="tripartite-body", organization=FORUM)
    ]


def test_dw603_dw604_a_committee_that_is_the_body_passes():
    def change(d: Any) -> None:
        describe_body(d)
        body_is_the_committee(d)

    _, findings = lint_changed(change)
    assert findings == []


def test_dw603_a_committee_that_includes_the_body_passes():
    def change(d: Any) -> None:
        describe_body(d)
        members = d["management"]["steering_committee"]["members"]
        members[:] = [m for m in members if m["group"] not in ("employers", "workers")]
        members.append(flow(group="tripartite-body", organization=FORUM))

    _, findings = lint_changed(change)
    assert findings == []


@pytest.mark.parametrize(
    ("composition", "why"),
    [
        (["government", "employers"], f"the composition of {FORUM} does not include the workers"),
        (None, "context.tripartite_body does not describe the tripartite body"),
    ],
)
def test_dw603_the_body_does_not_cover_a_group(composition: list[str] | None, why: str):
    def change(d: Any) -> None:
        if composition is not None:
            describe_body(d, composition)
        body_is_the_committee(d)

    text, findings = lint_changed(change)
    assert_only(findings, "DW603", line_of(text, "members:"))
    assert findings[-1].message == (
        f"the steering committee has no member from the workers (the tripartite body sits on "
        f"it, but {why})"
    )


def test_dw604_still_counts_the_people_beside_the_body():
    def change(d: Any) -> None:
        describe_body(d)
        members = d["management"]["steering_committee"]["members"]
        for member in members:
            member["sex"] = "male"
        members.append(flow(group="tripartite-body", organization=FORUM))

    _, findings = lint_changed(change)
    assert [f.code for f in findings] == ["DW604"]
    assert "members' sex not recorded" not in findings[0].message


# The judgement itself -----------------------------------------------------------------------


def test_groups_represented_by_parties_and_the_body():
    body = TripartiteBody.model_validate(
        {"name": FORUM, "composition": [{"group": "employers"}, {"group": "workers"}]}
    )
    assert groups_represented(["government", "ilo"], body, catalogue()) == {"government"}
    assert groups_represented(["tripartite-body"], body, catalogue()) == {"employers", "workers"}
    assert groups_represented(["tripartite-body"], None, catalogue()) == frozenset()
