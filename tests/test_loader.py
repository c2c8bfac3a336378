"""The loader: positions, and a clear positioned problem for every kind of bad input."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from dwcp.source.loader import MAX_DEPTH, LoadError, load, parse
from dwcp.source.positions import Mark, format_path, locate


def problem(text: str) -> tuple[str, Mark, str]:
    with pytest.raises(LoadError) as caught:
        parse(text)
    found = caught.value.problem
    return found.code, found.mark, found.message


def test_positions_of_keys_and_items_are_one_based():
    document = parse("a: 1\nb:\n  - x\n  - {c: 2}\n")
    assert locate(document.data, document.marks, ("a",))[0] == Mark(1, 1)
    assert locate(document.data, document.marks, ("b", 1))[0] == Mark(4, 5)
    assert locate(document.data, document.marks, ("b", 1, "c"))[0] == Mark(4, 6)


def test_locate_skips_segments_that_are_not_in_the_data():
    document = parse("a:\n  b: 1\n")
    mark, loc = locate(document.data, document.marks, ("a", "union-tag", "b"))
    assert mark == Mark(2, 3)
    assert format_path(loc) == "a.b"


def test_a_missing_last_key_stays_in_the_path_but_points_at_its_parent():
    document = parse("items:\n  - name: x\n")
    mark, loc = locate(document.data, document.marks, ("items", 0, "title"))
    assert (mark, format_path(loc)) == (Mark(2, 5), "items[0].title")


def test_scalars_follow_the_yaml_1_2_core_schema():
    document = parse("a: [1, 2.5, 2020-01-02, yes, true, null, '5', ~, 0x1F, .inf]\n")
    assert document.data == {
        "a": [1, 2.5, dt.date(2020, 1, 2), "yes", True, None, "5", None, 31, float("inf")]
    }


def test_anchors_and_aliases_are_allowed_in_moderation():
    document = parse("base: &b {x: 1}\ncopy: *b\n")
    assert document.data == {"base": {"x": 1}, "copy": {"x": 1}}


@pytest.mark.parametrize(
    ("text", "code", "mark"),
    [
        pytest.param("", "DW014", Mark(1, 1), id="empty"),
        pytest.param("# only a comment\n", "DW014", Mark(1, 1), id="only-comment"),
        pytest.param("- a\n- b\n", "DW014", Mark(1, 1), id="list-at-top"),
        pytest.param("just text\n", "DW014", Mark(1, 1), id="scalar-at-top"),
        pytest.param("a: 1\nb: 2\na: 3\n", "DW002", Mark(3, 1), id="duplicate-key"),
        pytest.param("a:\n\tb: 1\n", "DW001", Mark(2, 1), id="tab"),
        pytest.param('a: "open\nb: 2\n', "DW001", Mark(1, 4), id="unclosed-quote"),
        pytest.param("a: [1, 2\n", "DW001", Mark(2, 1), id="unclosed-flow"),
        pytest.param("a: 1\n  b: 2\n", "DW001", Mark(2, 4), id="bad-indentation"),
        pytest.param("a: !!python/object/apply:os.system [ls]\n", "DW003", Mark(1, 4), id="py-tag"),
        pytest.param("a: !custom x\n", "DW003", Mark(1, 4), id="local-tag"),
        pytest.param("a: !!str x\n", "DW003", Mark(1, 4), id="standard-tag"),
        pytest.param("a: 1\n---\nb: 2\n", "DW005", Mark(2, 1), id="two-documents"),
        pytest.param("a: *nowhere\n", "DW001", Mark(1, 4), id="undefined-alias"),
        pytest.param("a: &x [*x]\n", "DW001", Mark(1, 8), id="self-referencing-alias"),
        pytest.param("? [a, b]\n: 1\n", "DW001", Mark(1, 3), id="complex-key"),
        pytest.param("a: \x07\n", "DW013", Mark(1, 4), id="control-character"),
    ],
)
def test_bad_input_gives_a_positioned_problem(text: str, code: str, mark: Mark):
    found_code, found_mark, message = problem(text)
    assert (found_code, found_mark) == (code, mark), message
    assert message and "Traceback" not in message


def test_duplicate_key_names_the_first_occurrence():
    assert "first on line 1" in problem("a: 1\na: 2\n")[2]


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        ref = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([ref] * 9)}]")
    started = time.perf_counter()
    code, _, _ = problem("\n".join(lines) + "\n")
    assert code == "DW004"
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="flow"),
        pytest.param("- " * 50_000 + "x\n", id="block-sequences"),
        pytest.param(
            "".join(f"{' ' * i}k:\n" for i in range(200)) + " " * 200 + "v\n", id="block-maps"
        ),
    ],
)
def test_deep_nesting_is_refused_without_crashing(text: str):
    code, mark, _ = problem(text)
    assert code == "DW006"
    assert mark.line >= 1
    assert MAX_DEPTH == 100


def test_nesting_at_the_limit_is_fine():
    depth = MAX_DEPTH - 1
    document = parse("a: " + "[" * depth + "]" * depth + "\n")
    assert isinstance(document.data, dict)


def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "fragment", "mark"),
    [
        pytest.param("a: 1\n".encode("utf-16"), "UTF-16", Mark(1, 1), id="utf16-bom"),
        pytest.param("a: 1\n".encode("utf-16-le"), "UTF-16", Mark(1, 1), id="utf16-no-bom"),
        pytest.param(b"a: 1\nb: caf\xe9\n", "not valid UTF-8", Mark(2, 7), id="latin-1"),
        pytest.param(b"a: 1\n\x00\x01\x02", "NUL byte", Mark(2, 1), id="binary"),
    ],
)
def test_encoding_problems(tmp_path: Path, content: bytes, fragment: str, mark: Mark):
    with pytest.raises(LoadError) as caught:
        load(_write(tmp_path, "p.yaml", content))
    assert caught.value.problem.code == "DW013"
    assert fragment in caught.value.problem.message
    assert caught.value.problem.mark == mark


def test_utf8_bom_is_accepted(tmp_path: Path):
    assert load(_write(tmp_path, "p.yaml", b"\xef\xbb\xbfa: 1\n")).data == {"a": 1}


def test_a_folder_is_not_a_programme(tmp_path: Path):
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(LoadError) as caught:
        load(tmp_path / "dir.yaml")
    assert caught.value.problem.code == "DW011"
    assert "folder" in caught.value.problem.message


def test_a_dangling_link_is_reported(tmp_path: Path):
    link = tmp_path / "gone.yaml"
    link.symlink_to(tmp_path / "missing.yaml")
    with pytest.raises(LoadError) as caught:
        load(link)
    assert caught.value.problem.code == "DW011"
    assert "link" in caught.value.problem.message


def test_files_of_many_megabytes_are_refused_before_parsing(tmp_path: Path):
    path = _write(tmp_path, "big.yaml", b"a: " + b"x" * (20 * 1024 * 1024) + b"\n")
    started = time.perf_counter()
    with pytest.raises(LoadError) as caught:
        load(path)
    assert caught.value.problem.code == "DW012"
    assert time.perf_counter() - started < 1


def test_a_large_but_allowed_file_loads(tmp_path: Path):
    body = "".join(f"k{i}: value {i}\n" for i in range(100_000))
    document = load(_write(tmp_path, "large.yaml", body.encode()))
    assert isinstance(document.data, dict)
    assert len(document.data) == 100_000


def test_an_empty_value_reads_as_null():
    # YAML reads `key:` with nothing after it as null, not as empty text.
    assert parse("generation:\ntitle: x\n").data == {"generation": None, "title": "x"}
