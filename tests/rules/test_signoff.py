"""Sign-off rules (DW801-DW804): a signed programme carries four dated signatures.

The clean programme is in `implementation` and signed on 2018-04-10 by the government,
employers, workers and the ILO. Signatures are only required from `signed` onwards.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.helpers import assert_only, line_of, lint_changed

PARTIES = ["government", "employers", "workers", "ilo"]


def signatory(d: Any, group: str) -> Any:
    return next(s for s in d["signatories"] if s["group"] == group)


def without_signatory(group: str) -> Any:
    def change(d: Any) -> None:
        d["signatories"].remove(signatory(d, group))

    return change


# DW801 missing-signatory


@pytest.mark.parametrize("group", PARTIES)
def test_dw801_signed_programme_lacks_a_signature(group):
    text, findings = lint_changed(without_signatory(group))
    assert_only(findings, "DW801", line_of(text, "signatories:"))
    party = "ILO" if group == "ilo" else group
    assert findings[0].message.endswith(f"has no signature from the {party}")


def test_dw801_un_signature_does_not_stand_in_for_the_workers():
    text, findings = lint_changed(lambda d: signatory(d, "workers").__setitem__("group", "un"))
    assert_only(findings, "DW801", line_of(text, "signatories:"))


def test_dw801_no_signatories_at_all_points_at_status():
    text, findings = lint_changed(lambda d: d.pop("signatories"))
    assert_only(findings, "DW801", line_of(text, "status: implementation"))
    assert len(findings) == 4


@pytest.mark.parametrize("status", ["drafting", "consultation", "validated"])
def test_dw801_signatures_not_required_before_signing(status):
    def change(d):
        d["status"] = status
        del d["signatories"]

    _, findings = lint_changed(change)
    assert findings == []


# DW802 signature-without-date


def test_dw802_signature_without_date():
    text, findings = lint_changed(lambda d: signatory(d, "government").pop("date"))
    assert_only(findings, "DW802", line_of(text, "signer: Minister of Labour"))


def test_dw802_undated_signature_passes_while_validated():
    def change(d):
        d["status"] = "validated"
        del signatory(d, "government")["date"]

    _, findings = lint_changed(change)
    assert findings == []


# DW803 signature-date-implausible


def signed_by_government_on(date: dt.date) -> Any:
    return lambda d: signatory(d, "government").__setitem__("date", date)


def test_dw803_signature_dated_in_the_future():
    text, findings = lint_changed(
        signed_by_government_on(dt.date(2019, 8, 1)), as_of=dt.date(2019, 7, 31)
    )
    assert_only(findings, "DW803", line_of(text, "date: 2019-08-01"))
    assert "is in the future (as of 2019-07-31)" in findings[0].message


def test_dw803_signature_dated_today_passes():
    _, findings = lint_changed(
        signed_by_government_on(dt.date(2019, 8, 1)), as_of=dt.date(2019, 8, 1)
    )
    assert findings == []


def test_dw803_signature_more_than_two_years_before_the_period():
    text, findings = lint_changed(signed_by_government_on(dt.date(2015, 12, 31)))
    assert_only(findings, "DW803", line_of(text, "date: 2015-12-31"))
    assert "is far from the period 2018-2022" in findings[0].message


def test_dw803_signature_two_years_before_the_period_passes():
    _, findings = lint_changed(signed_by_government_on(dt.date(2016, 1, 1)))
    assert findings == []


def test_dw803_is_checked_whatever_the_status():
    def change(d):
        d["status"] = "validated"
        signatory(d, "government")["date"] = dt.date(2015, 12, 31)

    text, findings = lint_changed(change)
    # Four dated signatures on a validated programme are also DW804.
    assert {f.code for f in findings} == {"DW803", "DW804"}
    assert [f.line for f in findings if f.code == "DW803"] == [line_of(text, "date: 2015-12-31")]


# DW804 signed-without-status


@pytest.mark.parametrize("status", ["drafting", "consultation", "validated"])
def test_dw804_four_dated_signatures_but_not_signed(status):
    text, findings = lint_changed(lambda d: d.__setitem__("status", status))
    assert_only(findings, "DW804", line_of(text, f"status: {status}"))


def test_dw804_three_dated_signatures_pass():
    def change(d):
        d["status"] = "validated"
        del signatory(d, "ilo")["date"]

    _, findings = lint_changed(change)
    assert findings == []


@pytest.mark.parametrize("status", ["signed", "implementation", "review", "extended"])
def test_dw804_signed_statuses_pass(status):
    def change(d: Any) -> None:
        d["status"] = status
        if status == "extended":  # an extended programme says to when, or DW105 fires
            d["period"]["extended_to"] = 2023
            d["period"]["extension"] = {"date": "2022-06-30"}
            d["context"]["un_framework"]["period"]["end"] = 2023

    _, findings = lint_changed(change)
    assert findings == []
