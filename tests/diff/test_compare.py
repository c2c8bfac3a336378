"""The domain comparison of two Programme models, without git: messages, keys and money."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dwcp.model import Programme
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from dwcp.workflow.diff.compare import compare
from dwcp.workflow.diff.finding_changes import compare_findings, keyed_path
from dwcp.workflow.diff.views import md
from dwcp.workflow.diff.words import amount, with_unit
from tests.helpers import clean_data, dump, indicator, lint_text, outcome


def programme(edit: Callable[[Any], object] | None = None) -> Programme:
    data = clean_data()
    if edit is not None:
        edit(data)
    loaded = to_programme(parse(dump(data)))
    assert isinstance(loaded, Programme), loaded
    return loaded


def messages(
    edit: Callable[[Any], object], before: Callable[[Any], object] | None = None
) -> list[str]:
    return [c.message for c in compare(programme(before), programme(edit)).changes]


def test_same_programme_has_no_changes():
    assert messages(lambda _: None) == []


def test_milestones_are_matched_by_year():
    def edit(data: Any) -> None:
        milestones = indicator(data)["milestones"]
        milestones[1]["value"] = 30
        milestones.insert(0, {"year": 2022, "value": 40})

    assert messages(edit) == [
        "Indicator ZMB101.1 milestone 2022 added: 40 per cent",
        "Indicator ZMB101.1 milestone 2021: 35 -> 30 per cent",
    ]


def test_target_moved_to_another_year():
    assert messages(lambda d: indicator(d)["target"].update(year=2021)) == [
        "Indicator ZMB101.1 target: 40 in 2022 -> 40 per cent in 2021"
    ]


def test_indicator_removed_and_baseline_source_changed():
    def edit(data: Any) -> None:
        indicator(data)["baseline"]["source"] = "Labour force survey 2018"

    assert messages(edit) == [
        (
            'Indicator ZMB101.1 baseline source: "Labour force survey 2017" -> '
            '"Labour force survey 2018"'
        )
    ]
    assert messages(lambda d: outcome(d)["indicators"].clear()) == ["Indicator ZMB101.1 removed"]


def test_lists_of_codes_say_what_came_and_went():
    def edit(data: Any) -> None:
        data["priorities"][0]["sdg_targets"] = ["8.5", "8.6"]
        outcome(data)["conventions"] = []

    assert messages(edit) == [
        "Priority P1 SDG targets: added 8.5",
        "Outcome ZMB101 conventions: removed C122",
    ]


def test_project_is_keyed_by_symbol():
    def edit(data: Any) -> None:
        project = data["context"]["projects"][0]
        project["budget"] = 650000
        project["contributes_to"][0]["share_percent"] = 80

    assert messages(edit) == [
        "Project ZMB/18/02/RBS budget: 500,000 -> 650,000",
        "Project ZMB/18/02/RBS contribution to ZMB101 share percent: 100 -> 80",
    ]


def test_period_and_title():
    def edit(data: Any) -> None:
        data["period"]["end"] = 2023
        data["title"] = "Decent Work Country Programme for Zambia, extended"

    assert messages(edit) == [
        (
            'Title: "Decent Work Country Programme for Zambia" -> '
            '"Decent Work Country Programme for Zambia, extended"'
        ),
        "Period: 2018-2022 -> 2018-2023",
    ]


def test_a_source_swap_with_equal_totals_is_still_a_budget_change():
    def edit(data: Any) -> None:
        outcome(data)["resources"][1]["source"] = "XBTC"

    assert messages(edit) == [
        (
            "Budget ZMB101 2018-19 (USD): XBDC pipeline 100,000 -> 0; "
            "XBTC pipeline 0 -> 100,000; gap still 100,000"
        )
    ]


def rbtc_line(amount: int) -> Callable[[Any], None]:
    """A second secured line beside RBSA's 500,000, so the outcome's secured is not RBTC's."""

    def edit(data: Any) -> None:
        line = {"source": "RBTC", "amount": amount, "biennium": "2018-19", "status": "secured"}
        outcome(data)["resources"].append(line)

    return edit


def test_one_funding_line_changed_is_labelled_as_that_line():
    """RBTC's own 80,000 -> 90,000, then the outcome's secured and gap, never the outcome's
    total under RBTC's name."""
    assert messages(rbtc_line(90000), before=rbtc_line(80000)) == [
        (
            "Budget ZMB101 2018-19 (USD): RBTC secured 80,000 -> 90,000; "
            "secured 580,000 -> 590,000; gap 20,000 -> 10,000"
        ),
        "Totals (USD): secured 580,000 -> 590,000; gap 20,000 -> 10,000",
    ]


def test_the_only_line_of_a_figure_is_not_said_twice():
    def edit(data: Any) -> None:
        outcome(data)["resources"][0]["amount"] = 550000

    assert messages(edit)[0] == (
        "Budget ZMB101 2018-19 (USD): RBSA secured 500,000 -> 550,000; gap 100,000 -> 50,000"
    )


def test_a_line_moved_from_pipeline_to_secured():
    def edit(data: Any) -> None:
        outcome(data)["resources"][1]["status"] = "secured"

    assert messages(edit)[0] == (
        "Budget ZMB101 2018-19 (USD): XBDC pipeline 100,000 -> 0; XBDC secured 0 -> 100,000; "
        "secured 500,000 -> 600,000; gap 100,000 -> 0"
    )


def test_a_new_biennium_of_budget():
    def edit(data: Any) -> None:
        outcome(data)["budget_required"].append({"biennium": "2020-21", "amount": 300000})

    assert messages(edit) == [
        "Budget ZMB101 2020-21 (USD): required 0 -> 300,000; gap 0 -> 300,000",
        "Totals (USD): required 600,000 -> 900,000; gap 100,000 -> 400,000",
    ]


def test_resource_details_other_than_amounts_are_compared():
    def edit(data: Any) -> None:
        outcome(data)["resources"][0]["donor"] = "Sweden"

    assert messages(edit) == [
        "Outcome ZMB101 resource RBSA 2018-19 secured donor: (none) -> Sweden"
    ]


def test_a_risk_without_id_is_named_by_its_words():
    def edit(data: Any) -> None:
        data["planning"]["risks"].append({"description": "Elections delay the plan"})

    assert messages(edit) == ["Risk Elections delay the plan added"]


# --- findings keyed by ids ------------------------------------------------------------------


def test_keyed_path_replaces_positions_by_ids():
    data = clean_data()
    path = "priorities[0].outcomes[0].indicators[0].milestones[1].value"
    assert keyed_path(path, data) == (
        "priorities[P1].outcomes[ZMB101].indicators[ZMB101.1].milestones[2021].value"
    )


def test_keyed_path_keeps_what_it_cannot_follow():
    assert keyed_path("priorities[3].title", clean_data()) == "priorities[3].title"
    assert keyed_path("priorities[0]", None) == "priorities[0]"


def test_findings_compared_as_multisets():
    data = clean_data()
    del outcome(data)["effect_on_women_and_men"]
    text = dump(data)
    twice = lint_text(text) + lint_text(text)
    new, resolved = compare_findings(lint_text(text), twice, data, data)
    assert [f.code for f in new] == ["DW401"]
    assert resolved == []


# --- words ----------------------------------------------------------------------------------


def test_amounts_and_units():
    from decimal import Decimal

    assert amount(Decimal(1500000)) == "1,500,000"
    assert amount(Decimal("1234.5")) == "1,234.5"
    assert with_unit("55", "percent") == "55 per cent"
    assert with_unit("300", "people") == "300 people"
    assert with_unit("(none)", "people") == "(none)"


def test_markdown_escape_leaves_no_html_or_table_break():
    assert md("a <b> | `c` *d* [e](f)\nnext") == "a &lt;b&gt; \\| \\`c\\` \\*d\\* \\[e\\](f) next"


def test_signatory_added_lists_who_signed_and_when():
    def edit(data: Any) -> None:
        data["signatories"].append(
            {
                "organization": "UN Resident Coordinator",
                "group": "un",
                "signer": "Resident Coordinator",
                "title": "Head of the UN country team",
                "date": "2018-04-12",
            }
        )

    assert messages(edit) == [
        (
            "Signatory UN Resident Coordinator added: group un, signer "
            '"Resident Coordinator", title "Head of the UN country team", date 2018-04-12'
        )
    ]
