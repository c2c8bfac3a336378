"""`dwcp fmt`: canonical key order and layout, every comment kept where it was written."""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from dwcp.model import Programme
from dwcp.source.loader import load, parse
from dwcp.source.validate import to_programme
from dwcp.workflow.fmt import FormatError, format_text
from dwcp.workflow.fmt.engine import same_data
from dwcp.workflow.fmt.order import field_order
from tests.conftest import CliRun
from tests.helpers import CLEAN, programme_files

ROOT = Path(__file__).parent.parent
SAMPLES = programme_files(ROOT / "programmes")
# Every fixture, those of programmes in force today (fixtures/current/) included.
FIXTURES = sorted((ROOT / "tests" / "fixtures").rglob("*.yaml"))
PROGRAMME = "programmes/ZMB-2018-2022.yaml"


def data_of(text: str) -> Any:
    return parse(text).data


def lines_after(text: str, marker: str) -> list[str]:
    """The lines that follow the line holding `marker`."""
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if marker in line)
    return lines[at + 1 :]


# --- the committed files are the reference layout ---------------------------------------


@pytest.mark.parametrize("path", SAMPLES + FIXTURES, ids=lambda p: p.name)
def test_committed_programmes_are_already_formatted(path: Path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path)) == text


# --- key order ----------------------------------------------------------------------------


def test_top_level_keys_follow_the_programme_model():
    text = "status: drafting\ntitle: Zambia DWCP\nperiod: {end: 2022, start: 2018}\ncountry: ZMB\n"
    assert format_text(text) == (
        "country: ZMB\ntitle: Zambia DWCP\nperiod: {start: 2018, end: 2022}\nstatus: drafting\n"
    )


def test_nested_mappings_and_list_items_are_ordered_by_their_own_models():
    text = (
        "priorities:\n"
        "  - title: Jobs\n"
        "    outcomes:\n"
        "      - statement: More jobs.\n"
        "        id: ZMB101\n"
        "    id: ZMB-P1\n"
    )
    assert format_text(text) == (
        "priorities:\n"
        "  - id: ZMB-P1\n"
        "    title: Jobs\n"
        "    outcomes:\n"
        "      - id: ZMB101\n"
        "        statement: More jobs.\n"
    )


def test_internal_flag_closes_an_item_as_the_samples_write_it():
    text = "notes:\n  - internal: false\n    text: Shared with the constituents.\n"
    assert format_text(text) == (
        "notes:\n  - text: Shared with the constituents.\n    internal: false\n"
    )


def test_unknown_keys_are_kept_after_the_known_ones_in_their_own_order():
    text = "zeta: 1\ntitle: T\nalpha: 2\ncountry: ZMB\n"
    assert format_text(text) == "country: ZMB\ntitle: T\nzeta: 1\nalpha: 2\n"


def test_mappings_the_model_does_not_describe_keep_their_order():
    text = "extra:\n  b: 1\n  a: 2\ncountry: ZMB\n"
    assert format_text(text) == "country: ZMB\nextra:\n  b: 1\n  a: 2\n"


def test_field_order_is_read_from_the_models_at_run_time():
    class Base(BaseModel):
        shared: bool = False

    class Item(Base):
        second: int = 0
        first: int = 0

    assert field_order(Item) == ("second", "first", "shared")
    assert field_order(Programme)[:3] == tuple(Programme.model_fields)[:3]


# --- layout -------------------------------------------------------------------------------


def test_indentation_becomes_that_of_the_samples():
    text = "context:\n    constituents:\n    -   group: workers\n        concerns:\n        - Pay\n"
    assert format_text(text) == (
        "context:\n  constituents:\n    - group: workers\n      concerns:\n        - Pay\n"
    )


def test_quoting_flow_style_and_long_lines_stay_as_written():
    statement = "A statement " + "that goes on " * 20 + "and on."
    text = (
        "country: 'ZMB'\n"
        f'title: "{statement}"\n'
        "period: {start: 2018, end: 2022}\n"
        "context:\n  constituents:\n    - {group: workers, organizations: [ZCTU]}\n"
    )
    assert format_text(text) == text


MOLISA = "Ministry of Labour, Invalids and Social Affairs (MOLISA)"


def government_organizations(text: str) -> Any:
    data: Any = parse(text).data
    return data["context"]["constituents"][0]["organizations"]


@pytest.mark.parametrize(
    "organizations",
    [f' ["{MOLISA}"]', f" ['{MOLISA}']", f"\n        - {MOLISA}"],
    ids=["double-quoted", "single-quoted", "block-item"],
)
def test_a_name_with_a_comma_stays_one_organization(organizations: str):
    text = (
        f"context:\n  constituents:\n    - group: government\n      organizations:{organizations}\n"
    )
    formatted = format_text(text)
    assert formatted == text
    assert government_organizations(formatted) == [MOLISA]


def test_a_flow_list_that_splits_a_name_stays_two_items():
    """Lossless: a flow list that loads as two items is two items; DW109 asks about it."""
    text = (
        "context:\n  constituents:\n    - group: government\n"
        "      organizations: [Ministry of Labour, Invalids and Social Affairs (MOLISA)]\n"
    )
    formatted = format_text(text)
    assert formatted == text
    assert len(government_organizations(formatted)) == 2


def test_block_scalars_stay_as_they_are():
    text = (
        "country: ZMB\n"
        "title: |\n"
        "  First line\n"
        "    # an indented line that looks like a comment\n"
        "\n"
        "  Last line   \n"
        "previous: >-\n"
        "  Folded\n"
        "  text\n"
    )
    assert format_text(text) == text


def test_trailing_spaces_extra_blank_lines_and_missing_final_newline_are_tidied():
    text = "country: ZMB   \n\n\n\ntitle: T  # why   \n\n\n"
    assert format_text(text) == "country: ZMB\n\ntitle: T  # why\n"
    assert format_text("country: ZMB") == "country: ZMB\n"


def test_windows_line_ends_become_unix_ones():
    assert format_text("title: T\r\ncountry: ZMB\r\n") == "country: ZMB\ntitle: T\n"


# --- comments -----------------------------------------------------------------------------

SHUFFLED = """\
# yaml-language-server: $schema=../schemas/programme.schema.json
# Zambia, a test programme.
title: Zambia DWCP  # the official title

# Why this status.
status: drafting
country: ZMB
period:
  # The end is the signed one.
  end: 2022  # not extended
  start: 2018
  # Closing remark on the period.
revisions:
  # The first revision.
  - summary: Drafted.  # by the office
    # The date is approximate.
    date: 2018-01-15

  # The second revision.
  - by: Committee
    summary: |  # literal on purpose
      Validated.
      # not a comment: part of the text
    date: 2018-06-01
  # Closing remark on the revisions.
planning:
  assumptions:
    - Stable funding  # first
    # Between the two assumptions.
    - Peace
  currency: USD
# Closing remark on the file.
"""


@pytest.fixture(scope="module")
def formatted() -> str:
    return format_text(SHUFFLED)


def test_the_file_header_stays_on_top(formatted: str):
    assert formatted.startswith(
        "# yaml-language-server: $schema=../schemas/programme.schema.json\n"
        "# Zambia, a test programme.\n"
        "country: ZMB\n"
    )


def test_a_comment_above_a_key_moves_with_the_key(formatted: str):
    assert lines_after(formatted, "# Why this status.")[0] == "status: drafting"
    assert (
        lines_after(formatted, "# The end is the signed one.")[0] == "  end: 2022  # not extended"
    )


def test_an_end_of_line_comment_stays_on_its_key_line(formatted: str):
    assert "title: Zambia DWCP  # the official title\n" in formatted
    assert "    summary: Drafted.  # by the office\n" in formatted


def test_a_blank_line_above_a_key_moves_with_it(formatted: str):
    assert "\n\n# Why this status.\nstatus: drafting\n" in formatted


def test_a_comment_closing_a_block_stays_at_its_end(formatted: str):
    assert lines_after(formatted, "  start: 2018")[:2] == [
        "  # The end is the signed one.",
        "  end: 2022  # not extended",
    ]
    assert lines_after(formatted, "  end: 2022")[0] == "  # Closing remark on the period."
    assert formatted.endswith("    - Peace\n# Closing remark on the file.\n")


def test_comments_between_list_items_stay_between_them(formatted: str):
    assert lines_after(formatted, "    - Stable funding  # first")[:2] == [
        "    # Between the two assumptions.",
        "    - Peace",
    ]
    assert lines_after(formatted, "    by: Committee")[0] == "  # Closing remark on the revisions."


def test_a_comment_above_the_first_key_of_an_item_goes_above_its_dash(formatted: str):
    assert lines_after(formatted, "# The first revision.")[:2] == [
        "  # The date is approximate.",
        "  - date: 2018-01-15",
    ]
    assert lines_after(formatted, "# The second revision.")[0] == "  - date: 2018-06-01"


def test_a_block_scalar_keeps_its_indicator_comment_and_text(formatted: str):
    assert (
        "    summary: |  # literal on purpose\n"
        "      Validated.\n"
        "      # not a comment: part of the text\n"
    ) in formatted


def test_no_comment_is_lost_or_doubled(formatted: str):
    def comments(text: str) -> list[str]:
        return sorted(re.findall(r"# [A-Z][^\n]*", text))

    assert comments(formatted) == comments(SHUFFLED)


def test_formatting_the_commented_example_twice_changes_nothing(formatted: str):
    assert format_text(formatted) == formatted
    assert same_data(data_of(formatted), data_of(SHUFFLED))


# --- the document start marker -----------------------------------------------------------
# yamllint asks for `---` by default; a file that has one keeps it where it was.

BODY = "status: drafting\ncountry: ZMB\n"
ORDERED = "country: ZMB\nstatus: drafting\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("---\n" + BODY, "---\n" + ORDERED),
        ("# schema line\n---\n" + BODY, "# schema line\n---\n" + ORDERED),
        ("---\n# about the file\n" + BODY, "---\n# about the file\n" + ORDERED),
        ("# one\n# two\n---  \n" + BODY, "# one\n# two\n---\n" + ORDERED),
        ("--- # opened here\n" + BODY, "---\n# opened here\n" + ORDERED),
        (BODY, ORDERED),  # none written, none added
    ],
)
def test_document_start_is_kept(source: str, expected: str) -> None:
    assert format_text(source) == expected
    assert format_text(expected) == expected


def test_every_sample_keeps_a_document_start_after_its_header() -> None:
    for sample in SAMPLES:
        text = sample.read_text(encoding="utf-8")
        header, body = text.split("\n", 1)
        opened = f"{header}\n---\n{body}"
        assert format_text(opened) == opened, sample.name


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("country: ZMB\ntitle: [unclosed\n", "bad.yaml:3:1:", "YAML syntax error"),
        ("country: ZMB\ncountry: VNM\n", "bad.yaml:2:1:", "appears twice"),
        ("- country: ZMB\n", "bad.yaml:1:1:", "a list at the top level"),
        ("", "bad.yaml:1:1:", "empty"),
        ("country: !!str ZMB\n", "bad.yaml:1:10:", "tag"),
    ],
    ids=["syntax", "duplicate", "list", "empty", "tag"],
)
def test_bad_input_raises_a_positioned_error(text: str, where: str, words: str):
    with pytest.raises(FormatError) as raised:
        format_text(text, "bad.yaml")
    assert raised.value.message.startswith(where)
    assert words in raised.value.message


def test_merge_keys_are_refused_rather_than_reordered():
    text = "base: &b {currency: EUR}\nplanning:\n  <<: *b\n  risks: []\n"
    with pytest.raises(FormatError, match=r"x\.yaml:3:3: merge keys"):
        format_text(text, "x.yaml")


def test_anchors_and_aliases_survive_reordering():
    text = "planning: &plan\n  risks: []\n  currency: EUR\nextra: *plan\ncountry: ZMB\n"
    result = format_text(text)
    assert same_data(data_of(result), data_of(text))
    assert format_text(result) == result


# --- property tests: random key orders, layouts and comments ------------------------------


@dataclass
class Writer:
    """Writes plain programme data as YAML text in a random key order and indentation,
    with comments in random places that name the key or item they belong to."""

    seed: int | str
    comments: bool
    indent: int = 2
    dash_offset: int = 2

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    def text(self, data: dict[str, Any]) -> str:
        # A blank line sets the file header apart from comments above the first key.
        lines = ["# A generated programme.", ""] if self.comments else []
        self.mapping(data, "", 0, None, lines)
        return "\n".join(lines) + "\n"

    def chance(self, share: float) -> bool:
        return self.comments and self.rng.random() < share

    def mapping(
        self, data: dict[str, Any], path: str, column: int, dash: str | None, lines: list[str]
    ) -> None:
        keys = list(data)
        self.rng.shuffle(keys)
        for index, key in enumerate(keys):
            where = f"{path}.{key}" if path else key
            on_dash = index == 0 and dash is not None
            if not on_dash:
                if index and self.chance(0.2):
                    lines.append("")
                if self.chance(0.4):
                    lines.append(" " * column + f"# above {where}")
            start = dash if on_dash and dash is not None else " " * column
            self.entry(f"{start}{key}:", data[key], where, column, lines)

    def entry(self, start: str, value: Any, where: str, column: int, lines: list[str]) -> None:
        end = f"  # end {where}" if self.chance(0.4) else ""
        if isinstance(value, dict) and value:
            lines.append(start + end)
            self.mapping(value, where, column + self.indent, None, lines)
        elif isinstance(value, list) and value:
            lines.append(start + end)
            self.sequence(value, where, column + self.dash_offset, lines)
        else:
            lines.append(f"{start} {scalar(value)}{end}")

    def sequence(self, items: list[Any], path: str, column: int, lines: list[str]) -> None:
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if self.chance(0.3):
                lines.append(" " * column + f"# item {where}")
            dash = " " * column + "- "
            if isinstance(item, dict) and item:
                self.mapping(item, where, column + 2, dash, lines)
            else:
                end = f"  # end {where}" if self.chance(0.3) else ""
                lines.append(f"{dash}{scalar(item)}{end}")


def scalar(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid double-quoted YAML scalar
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict | list):
        return "{}" if isinstance(value, dict) else "[]"
    return str(value)  # numbers and dates read back as themselves


def programme_data(path: Path) -> dict[str, Any]:
    data = load(path).data
    assert isinstance(data, dict)
    return data


CLEAN_DATA = programme_data(CLEAN)


def layouts(comments: bool) -> st.SearchStrategy[Writer]:
    """Writers with a random key order and indentation, with or without comments."""
    return st.builds(
        Writer,
        st.integers(0, 2**32),
        st.just(comments),
        indent=st.sampled_from([2, 4]),
        dash_offset=st.sampled_from([0, 2, 4]),
    )


# Few examples, and no shrinking: each one formats a whole programme.
FAST = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
)


@FAST
@given(layout=st.one_of(layouts(comments=True), layouts(comments=False)))
def test_formatting_keeps_the_data_of_any_key_order_and_layout(layout: Writer):
    text = layout.text(CLEAN_DATA)
    result = format_text(text)
    assert same_data(data_of(result), data_of(text))
    assert format_text(result) == result


@FAST
@given(first=layouts(comments=False), second=layouts(comments=False))
def test_key_order_and_indentation_do_not_change_the_result(first: Writer, second: Writer):
    assert format_text(first.text(CLEAN_DATA)) == format_text(second.text(CLEAN_DATA))


@FAST
@given(layout=layouts(comments=True))
def test_every_comment_stays_with_its_key_or_item(layout: Writer):
    result = format_text(layout.text(CLEAN_DATA))
    lines = result.splitlines()
    for number, line in enumerate(lines):
        found = re.search(r"# (above|end|item) (\S+)$", line)
        if found is None:
            continue
        kind, where = found.groups()
        name = re.sub(r"\[\d+\]$", "", where).rsplit(".", 1)[-1]
        if kind == "end":
            owner = line
        else:
            owner = next(x for x in lines[number + 1 :] if x.strip() and x.lstrip()[0] != "#")
            assert indent(owner) == indent(line), (where, owner)
        if kind == "item" or (kind == "end" and where.endswith("]")):
            assert owner.lstrip().startswith("- "), (where, owner)
        else:
            assert re.match(rf"\s*(- )?{re.escape(name)}:", owner), (where, owner)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_every_sample_keeps_its_data_when_shuffled_and_commented(path: Path):
    data = programme_data(path)
    text = Writer(path.name, comments=True, indent=4, dash_offset=0).text(data)
    assert same_data(data_of(format_text(text)), data)


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


# --- dwcp fmt -----------------------------------------------------------------------------


def shuffle_file(path: Path) -> str:
    """Move `title:` above `country:` and return the original text."""
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    country = next(i for i, line in enumerate(lines) if line.startswith("country:"))
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    lines[country], lines[title] = lines[title], lines[country]
    path.write_text("".join(lines), encoding="utf-8")
    return original


def test_check_lists_files_that_would_change_and_writes_nothing(dwcp: CliRun, repo: Path):
    path = repo / PROGRAMME
    shuffle_file(path)
    shuffled = path.read_text(encoding="utf-8")
    run = dwcp("fmt", "--check")
    assert run.code == 1
    assert f"would reformat {PROGRAMME}\n" in run.out
    assert "1 file would be reformatted, 0 already formatted" in run.out
    assert path.read_text(encoding="utf-8") == shuffled


def test_check_passes_on_formatted_files(dwcp: CliRun):
    run = dwcp("fmt", "--check")
    assert (run.code, run.out) == (0, "0 files would be reformatted, 1 already formatted\n")


def test_fmt_rewrites_the_programmes_folder_by_default(dwcp: CliRun, repo: Path):
    original = shuffle_file(repo / PROGRAMME)
    (repo / "programmes" / "VNM.yaml").write_text("country: VNM\n", encoding="utf-8")
    run = dwcp("fmt")
    assert run.code == 0
    assert run.out == f"reformatted {PROGRAMME}\n1 file reformatted, 1 left unchanged\n"
    assert (repo / PROGRAMME).read_text(encoding="utf-8") == original


def test_only_files_that_change_are_written(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
):
    written: list[Path] = []
    monkeypatch.setattr("dwcp.workflow.fmt.apply.write_atomic", lambda p, _: written.append(p))
    (repo / "programmes" / "VNM.yaml").write_text("title: T\ncountry: VNM\n", encoding="utf-8")
    assert dwcp("fmt").code == 0
    assert written == [(repo / "programmes" / "VNM.yaml").resolve()]


def test_diff_prints_a_unified_diff_and_writes_nothing(dwcp: CliRun, repo: Path):
    shuffle_file(repo / PROGRAMME)
    run = dwcp("fmt", "--diff", PROGRAMME)
    assert run.code == 1
    assert run.out.startswith(f"--- {PROGRAMME}\n+++ {PROGRAMME}\n@@ ")
    assert "\n+country: ZMB\n" in run.out
    assert "\n-country: ZMB\n" in run.out
    assert "1 file would be reformatted" in run.err
    assert dwcp("fmt", "--check").code == 1


def test_a_broken_file_is_reported_and_the_others_are_still_formatted(dwcp: CliRun, repo: Path):
    broken = repo / "programmes" / "BAD.yaml"
    broken.write_text("country: ZMB\ncountry: VNM\n", encoding="utf-8")
    original = shuffle_file(repo / PROGRAMME)
    run = dwcp("fmt")
    assert run.code == 2
    assert "programmes/BAD.yaml:2:1: key `country` appears twice" in run.err
    assert "1 file reformatted, 0 left unchanged, 1 could not be formatted" in run.out
    assert broken.read_text(encoding="utf-8") == "country: ZMB\ncountry: VNM\n"
    assert (repo / PROGRAMME).read_text(encoding="utf-8") == original
    assert "Traceback" not in run.err


def test_an_unreadable_file_is_reported_with_its_name(dwcp: CliRun, repo: Path):
    (repo / "programmes" / "BIN.yaml").write_bytes(b"country: \xff\n")
    run = dwcp("fmt", "--check")
    assert run.code == 2
    assert "programmes/BIN.yaml:1:10: file is not valid UTF-8" in run.err


def test_files_outside_the_repository_are_refused(
    dwcp: CliRun, tmp_path_factory: pytest.TempPathFactory
):
    outside = tmp_path_factory.mktemp("elsewhere") / "X.yaml"
    outside.write_text("title: T\ncountry: X\n", encoding="utf-8")
    run = dwcp("fmt", str(outside))
    assert run.code == 2
    assert "refusing to write outside the repository" in run.err
    assert outside.read_text(encoding="utf-8") == "title: T\ncountry: X\n"
    assert dwcp("fmt", "--check", str(outside)).code == 1  # reading and checking is fine


def test_a_missing_path_is_a_usage_error(dwcp: CliRun):
    run = dwcp("fmt", "nowhere.yaml")
    assert run.code == 2
    assert "dwcp: error: nowhere.yaml: no such file or folder" in run.err


def test_files_found_canonical_are_remembered_by_content(dwcp: CliRun, repo: Path, cache_dir: Path):
    assert dwcp("fmt", "--check").code == 0
    [cached] = cache_dir.rglob("fmt.json")
    remembered = json.loads(cached.read_text(encoding="utf-8"))
    assert len(remembered["entries"]) == 1
    # An edit changes the content, so the remembered answer no longer applies.
    path = repo / "programmes" / CLEAN.name
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    moved = next(line for line in rest.splitlines() if line.startswith("status:"))
    path.write_text(first + "\n" + rest.replace(moved + "\n", "") + moved + "\n", "utf-8")
    run = dwcp("fmt", "--check")
    assert run.code == 1
    assert "would reformat programmes/ZMB-2018-2022.yaml" in run.out


def _with_texts(data: Any, texts: list[str]) -> Any:
    """The data with its statements, titles and names replaced, in order, by the given texts."""
    counter = iter(range(len(texts) * 1000))
    textual = {"statement", "title", "name", "rationale", "description", "text"}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            return {
                k: texts[next(counter) % len(texts)]
                if k in textual and isinstance(v, str)
                else walk(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(data)


# Text that YAML treats specially: quotes, colons, hashes, leading dashes and spaces, numbers
# and booleans as text, line breaks and characters from every script the programmes use.
TEXTS = st.lists(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0x2FFF)
        | st.sampled_from([":", "#", "'", '"', "-", " ", "\n", "{", "[", "&", "*", "!", "%"]),
        min_size=1,
        max_size=40,
    ).filter(lambda t: t.strip() and "\n" not in t.strip())
    | st.sampled_from(["yes", "null", "1.5", "2021-01-01", "- item", "key: value", " # not"]),
    min_size=1,
    max_size=12,
)


@FAST
@given(texts=TEXTS, layout=layouts(comments=True))
def test_random_valid_programmes_keep_their_data(texts: list[str], layout: Writer):
    data = _with_texts(CLEAN_DATA, texts)
    text = layout.text(data)
    assert same_data(data_of(text), data)  # the generated file says what we meant
    assert isinstance(to_programme(parse(text, "random.yaml")), Programme)
    result = format_text(text)
    assert same_data(data_of(result), data)
    assert format_text(result) == result
