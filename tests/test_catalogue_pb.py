"""The P&B catalogue: every biennium from 2006-07 to 2024-25 under the framework then in force,
string codes, outputs from 2020-21, repository extensions, titles in other languages (French
and Spanish, each with its own check) and the reading order of codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from dwcp.domain.catalogue import load_catalogue, title_in
from dwcp.domain.pb_codes import code_key, reference_label, sorted_references
from dwcp.errors import ConfigError
from dwcp.model.results_framework import PbReference
from tests.helpers import catalogue, outcome
from tests.render import changed, make_repo, render

PB_FILE = Path(__file__).parent.parent / "dwcp" / "catalogues" / "pb_outcomes.yaml"

# Biennium -> (framework id, number of outcomes, number of outputs listed).
SHAPE = {
    "2006-07": ("PB-2006-07", 8, 0),
    "2008-09": ("PB-2008-09", 10, 0),
    "2010-11": ("SPF-2010-15", 19, 0),
    "2012-13": ("SPF-2010-15", 19, 0),
    "2014-15": ("SPF-2010-15", 19, 0),
    "2016-17": ("PB-2016-17", 13, 0),
    "2018-19": ("PB-2018-19", 13, 0),
    "2020-21": ("PB-2020-21", 11, 31),
    "2022-23": ("PB-2022-23", 11, 31),
    "2024-25": ("PB-2024-25", 8, 31),
}


@pytest.mark.parametrize("biennium", SHAPE)
def test_every_biennium_from_2006_07_to_2024_25_has_its_list(biennium: str):
    framework_id, outcomes, outputs = SHAPE[biennium]
    framework = catalogue().framework_by_biennium[biennium]
    assert catalogue().covers(biennium)
    assert framework.id == framework_id
    assert len(framework.outcomes) == outcomes
    assert sum(len(o.outputs) for o in framework.outcomes) == outputs


def test_each_biennium_is_in_one_framework_only():
    listed = [b for fw in catalogue().frameworks for b in fw.biennia]
    assert sorted(listed) == sorted(SHAPE)


@pytest.mark.parametrize("biennium", ["2004-05", "2026-27", "2028-29"])
def test_bienniums_without_a_checked_list_are_not_covered(biennium: str):
    assert not catalogue().covers(biennium)
    assert catalogue().pb_outcome(biennium, "1") is None


@pytest.mark.parametrize(
    ("biennium", "code", "title", "objective"),
    [
        ("2006-07", "1a", "Fundamental principles and rights at work", "standards"),
        ("2008-09", "2c", "Sustainable enterprises", "employment"),
        ("2012-13", "11", "Labour administration and labour law", "social-dialogue"),
        ("2014-15", "19", "Mainstreaming decent work", None),
        (
            "2016-17",
            "7",
            "Promoting workplace compliance through labour inspection",
            "social-protection",
        ),
        (
            "2016-17",
            "9",
            "Promoting fair and effective labour migration policies",
            "social-protection",
        ),
        (
            "2018-19",
            "9",
            "Fair and effective international labour migration and mobility",
            "social-protection",
        ),
        ("2018-19", "A", "Effective advocacy for decent work", None),
        (
            "2022-23",
            "8",
            "Comprehensive and sustainable social protection for all",
            "social-protection",
        ),
        (
            "2024-25",
            "1",
            "Strong tripartite constituents and influential and inclusive social dialogue",
            "social-dialogue",
        ),
    ],
)
def test_spot_titles(biennium: str, code: str, title: str, objective: str | None):
    found = catalogue().pb_outcome(biennium, code)
    assert found is not None
    assert (found.title, found.strategic_objective) == (title, objective)


def test_2016_17_outcome_9_is_not_the_2018_19_wording():
    old = catalogue().pb_outcome("2016-17", "9")
    new = catalogue().pb_outcome("2018-19", "9")
    assert old is not None and new is not None
    assert old.title != new.title


def test_outputs_and_their_lookup():
    found = catalogue().pb_output("2024-25", "1.2")
    assert found is not None
    assert "workers' organizations" in found.title
    assert catalogue().pb_output("2022-23", "3.5") is not None
    assert catalogue().pb_output("2018-19", "1.1") is None
    assert catalogue().pb_indicator("2022-23", "1.1.1") is None


def test_every_output_code_nests_under_its_outcome():
    for framework in catalogue().frameworks:
        for pb in framework.outcomes:
            for output in pb.outputs:
                assert output.code.startswith(f"{pb.code}."), output.code
                assert all(i.code.startswith(f"{output.code}.") for i in output.indicators)


def test_codes_are_quoted_strings_in_the_file():
    text = PB_FILE.read_text(encoding="utf-8")
    assert "code: 1\n" not in text
    assert 'code: "1.1"' in text
    assert "checked 2026-12-05" in text
    assert "Programme and Budget for the biennium 2024-25" in text


def test_unverified_titles_say_so():
    verified = {(fw.id, o.code) for fw in catalogue().frameworks for o in fw.outcomes if o.verified}
    assert ("SPF-2010-15", "3") in verified
    assert ("PB-2006-07", "1a") not in verified
    assert ("PB-2024-25", "3") not in verified


def test_enabling_outcome_c_has_its_2020_21_title():
    # GB.340/POL/6, cover page: "Enabling outcome C for 2020-21: Efficient support services and
    # effective use of ILO resources"; 2022-23 renamed it, so the two bienniums are separate.
    titles = {
        biennium: {o.code: o.title for o in catalogue().framework_by_biennium[biennium].outcomes}
        for biennium in ("2020-21", "2022-23")
    }
    assert titles["2020-21"]["C"] == "Efficient support services and effective use of ILO resources"
    assert titles["2022-23"]["C"] != titles["2020-21"]["C"]


def test_a_repository_catalogue_with_integer_numbers_still_loads(tmp_path: Path):
    """The old `number: 7` form of a repository's own list becomes code "7"."""
    (tmp_path / "pb_outcomes.yaml").write_text(
        "frameworks:\n"
        "  - id: PB-2026-27\n"
        "    name: Programme and Budget 2026-27\n"
        "    biennia: [2026-27]\n"
        "    outcomes:\n"
        "      - {number: 7, title: Seven, strategic_objective: null, verified: false}\n"
        "      - code: 1\n"
        "        title: One\n"
        "        strategic_objective: employment\n"
        "        verified: false\n"
        "        outputs:\n"
        '          - {code: "1.1", title: One one, verified: false,'
        ' indicators: [{code: "1.1.1", title: Count, verified: false}]}\n',
        encoding="utf-8",
    )
    extended = load_catalogue(tmp_path)
    assert extended.covers("2026-27")
    seven = extended.pb_outcome("2026-27", "7")
    assert seven is not None and seven.title == "Seven"
    assert extended.pb_outcome("2026-27", 1) is not None
    assert extended.pb_indicator("2026-27", "1.1.1") is not None
    # The built-in frameworks stay; one with the same id would replace its namesake.
    assert extended.covers("2024-25")


def test_a_repository_framework_with_a_built_in_id_replaces_it(tmp_path: Path):
    (tmp_path / "pb_outcomes.yaml").write_text(
        "frameworks:\n"
        "  - id: PB-2024-25\n"
        "    name: Programme and Budget 2024-25 (as the repository reads it)\n"
        "    biennia: [2024-25]\n"
        "    outcomes:\n"
        '      - {code: "1", title: One, strategic_objective: null, verified: true}\n',
        encoding="utf-8",
    )
    extended = load_catalogue(tmp_path)
    assert [o.code for o in extended.framework_by_biennium["2024-25"].outcomes] == ["1"]
    assert sum(fw.id == "PB-2024-25" for fw in extended.frameworks) == 1


# References: the legacy form, string codes, reading order ------------------------------------


def test_legacy_integer_reference_loads_as_a_string_code():
    ref = PbReference.model_validate({"biennium": "2018-19", "number": 3})
    assert (ref.outcome, ref.output, ref.indicator) == ("3", None, None)
    current, legacy = PbReference.model_json_schema()["anyOf"]
    assert list(current["properties"]) == ["biennium", "outcome", "output", "indicator"]
    assert list(legacy["properties"]) == ["biennium", "number"]
    assert current["additionalProperties"] is False
    assert legacy["additionalProperties"] is False


def test_reference_codes_and_label():
    ref = PbReference(biennium="2024-25", outcome="1", output="1.2", indicator="1.2.1")
    assert ref.code == "1.2.1"
    assert reference_label(ref) == "outcome 1, output 1.2, indicator 1.2.1"
    assert reference_label(PbReference(biennium="2008-09", outcome="2a")) == "outcome 2a"


def test_codes_sort_by_their_numbers():
    codes = ["11", "A", "2", "1.10", "1", "1.2", "1b", "1a"]
    assert sorted(codes, key=code_key) == ["1", "1.2", "1.10", "1a", "1b", "2", "11", "A"]


def test_references_sort_by_biennium_then_code():
    refs = [
        PbReference(biennium="2024-25", outcome="11"),
        PbReference(biennium="2024-25", outcome="2", output="2.1"),
        PbReference(biennium="2022-23", outcome="3"),
        PbReference(biennium="2024-25", outcome="2"),
    ]
    ordered = [(r.biennium, r.code) for r in sorted_references(refs)]
    assert ordered == [("2022-23", "3"), ("2024-25", "2"), ("2024-25", "2.1"), ("2024-25", "11")]


def test_an_uncovered_biennium_does_not_block_the_render(tmp_path: Path):
    """A 2028-29 reference is DW420's warning only, so `dwcp render` publishes without --force."""

    def change(data: Any) -> None:
        data["period"]["end"] = 2029
        outcome(data)["pb_outcomes"] = [{"biennium": "2028-29", "outcome": "1", "output": "1.2"}]

    repo = make_repo(tmp_path, {"ZMB-2018-2029.yaml": changed(change)})
    result = render(repo, "--format", "html", "--out", "out")
    assert result.code == 0, result.err
    html = (repo / "out" / "ZMB-2018-2029.html").read_text(encoding="utf-8")
    # Named in words; the title is left out where the catalogue has none.
    assert "P&amp;B 2028-29, outcome 1, output 1.2<" in html


# Titles in other languages (issue 15) ---------------------------------------------------------

# The ILO's editions in these languages the built-in file gives titles from.
TITLE_LANGUAGES = {"fr", "es"}


def _entries_with_titles(node: Any) -> list[Any]:
    """Every mapping in the raw YAML data that carries `titles`, at any depth."""
    found = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found += [item] if "titles" in item else []
            stack += list(item.values())
        elif isinstance(item, list):
            stack += item
    return found


def test_every_french_and_spanish_title_is_written_and_flagged_with_a_boolean():
    data = YAML(typ="safe").load(PB_FILE.read_text(encoding="utf-8"))
    entries = _entries_with_titles(data)
    assert entries
    for entry in entries:
        assert set(entry["titles"]) == TITLE_LANGUAGES, entry["code"]
        for language, title in entry["titles"].items():
            assert set(title) == {"text", "verified"}, (entry["code"], language)
            assert isinstance(title["text"], str) and title["text"].strip(), entry["code"]
            assert title["verified"] is True or title["verified"] is False
            assert title["text"] != entry["title"], (entry["code"], language)


@pytest.mark.parametrize("biennium", ["2016-17", "2018-19", "2020-21", "2022-23", "2024-25"])
def test_every_outcome_from_2016_17_has_french_and_spanish_titles(biennium: str):
    for pb in catalogue().framework_by_biennium[biennium].outcomes:
        assert set(pb.titles) == TITLE_LANGUAGES, (biennium, pb.code)


def test_titles_seen_in_a_public_source_are_the_verified_ones():
    verified = {
        (fw.id, o.code, language)
        for fw in catalogue().frameworks
        for o in fw.outcomes
        for language, title in o.titles.items()
        if title.verified
    }
    assert verified == {("PB-2020-21", "C", "fr"), ("PB-2022-23", "8", "fr")}
    assert "checked 2026-12-06" in PB_FILE.read_text(encoding="utf-8")


def test_title_in_a_language_never_falls_back_to_english():
    eight = catalogue().pb_outcome("2022-23", "8")
    old = catalogue().pb_outcome("2010-11", "8")
    assert eight is not None and old is not None
    assert title_in(eight, "en") == eight.title
    assert title_in(eight, "fr") == "Une protection sociale complète et durable pour tous"
    assert title_in(eight, "pt") is None
    assert title_in(old, "fr") is None  # 2010-11 has English titles only


# A repository's own framework for a biennium the built-in catalogue lacks, up to the
# title of its first outcome.
FRAMEWORK_2026_27 = (
    "frameworks:\n"
    "  - id: PB-2026-27\n"
    "    name: Programme and Budget 2026-27\n"
    "    biennia: [2026-27]\n"
    "    outcomes:\n"
    "      - code: 1\n"
    "        title: One\n"
)


def test_a_repository_catalogue_may_give_titles_in_other_languages(tmp_path: Path):
    (tmp_path / "pb_outcomes.yaml").write_text(
        FRAMEWORK_2026_27 + "        titles:\n"
        "          fr: {text: Un, verified: true}\n"
        "          pt: {text: Um, verified: false}\n"
        "        strategic_objective: null\n"
        "        verified: false\n"
        "        outputs:\n"
        '          - {code: "1.1", title: One one, verified: false,'
        " titles: {es: {text: Uno uno, verified: false}},"
        ' indicators: [{code: "1.1.1", title: Count, verified: false,'
        " titles: {fr: {text: Nombre, verified: false}}}]}\n"
        "      - {code: 2, title: Two, strategic_objective: null, verified: false}\n",
        encoding="utf-8",
    )
    extended = load_catalogue(tmp_path)
    one, two = extended.pb_outcome("2026-27", "1"), extended.pb_outcome("2026-27", "2")
    output, indicator = (
        extended.pb_output("2026-27", "1.1"),
        extended.pb_indicator("2026-27", "1.1.1"),
    )
    assert one is not None and two is not None and output is not None and indicator is not None
    assert (title_in(one, "fr"), title_in(one, "pt"), title_in(one, "es")) == ("Un", "Um", None)
    assert one.titles["fr"].verified is True
    assert title_in(output, "es") == "Uno uno"
    assert title_in(indicator, "fr") == "Nombre"
    assert two.titles == {} and title_in(two, "fr") is None  # the shape without titles


@pytest.mark.parametrize(
    ("titles", "message"),
    [
        ("{en: {text: One, verified: true}}", "the English title is `title`"),
        ("{fr: {text: '  ', verified: true}}", "a title cannot be blank"),
        ("{fr: {text: Un, verified: 'yes'}}", "valid boolean"),
        ("{fr: {text: Un}}", "Field required"),
        ("{fr: Un}", "valid dictionary"),
        ("{French: {text: Un, verified: false}}", "should match pattern"),
    ],
)
def test_a_repository_catalogue_with_a_bad_title_is_refused_at_its_place(
    tmp_path: Path, titles: str, message: str
):
    path = tmp_path / "pb_outcomes.yaml"
    path.write_text(
        FRAMEWORK_2026_27 + f"        titles: {titles}\n"
        "        strategic_objective: null\n"
        "        verified: false\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as raised:
        load_catalogue(tmp_path)
    assert str(raised.value).startswith(f"{path}:8:")
    assert message in str(raised.value)
