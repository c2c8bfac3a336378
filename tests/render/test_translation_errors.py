"""A malformed translation file (`<stem>.<lang>.yaml`) is explained in plain words, as a
programme's schema problems are: file:line:col, the shape expected and how to write it, never
pydantic's wording; through `dwcp lint` (DW094) and `dwcp render --lang`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CliRun

FRENCH = Path("programmes/ZMB-2018-2022.fr.yaml")
PYDANTIC = ("Input should be", "valid dictionary", "TranslatedPassage", "Field required")


def write_french(repo: Path, body: str) -> None:
    (repo / FRENCH).write_text(f"language: fr\n{body}", encoding="utf-8")


def dw094(dwcp: CliRun) -> list[dict[str, object]]:
    result = dwcp("lint", "--format", "json", "--no-cache")
    return [f for f in json.loads(result.out)["findings"] if f["code"] == "DW094"]


def render_error(dwcp: CliRun) -> str:
    result = dwcp("render", "--lang", "fr", "--format", "md", "--out", "o")
    assert result.code == 2
    assert "Traceback" not in result.err
    return result.err


CASES = {
    # a passage given as text alone, or as a list
    "text": (
        "programme:\n  title: Programme pour la Zambie\n",
        (3, 3),
        "`title` (`Programme pour la Zambie`) of programme should be a mapping of keys",
        'write each passage as `{original: "<hash>", text: ...}`',
    ),
    "list": (
        "items:\n  ZMB-P1:\n    title: [Emploi, Travail]\n",
        (4, 5),
        "`title` of items.ZMB-P1 should be a mapping of keys",
        'write each passage as `{original: "<hash>", text: ...}`',
    ),
    # an item's passages given as a list
    "item": (
        "items:\n  ZMB-P1: [Emploi]\n",
        (3, 3),
        "`ZMB-P1` of items should be a mapping of keys",
        'such as `VNM101: {statement: {original: "<hash>", text: ...}}`',
    ),
    "section": (
        "programme: [Programme pour la Zambie]\n",
        (2, 1),
        "`programme` of the translation should be a mapping of keys",
        "`programme:` holds the programme's own passages by field name",
    ),
    "unquoted hash": (
        "programme:\n  title: {original: 123456789012, text: Programme}\n",
        (3, 11),
        "`original` (`123456789012`) of programme.title should be text",
        'in quotes so that YAML reads them as text: `original: "8b7be7f143f5"`',
    ),
    "short hash": (
        'programme:\n  title: {original: "abc", text: Programme}\n',
        (3, 11),
        "`original` (`abc`) of programme.title is not in the expected form",
        "write the 12 hex digits `dwcp lint` gives (DW093)",
    ),
    "no hash": (
        "programme:\n  title: {text: Programme}\n",
        (3, 3),
        "programme.title lacks the required key `original`",
        'write each passage as `{original: "<hash>", text: ...}`',
    ),
    "misspelt": (
        'programme:\n  title: {original: "0123456789ab", txt: Programme}\n',
        (3, 37),
        "unknown key `txt` in programme.title",
        "did you mean `text`?",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_lint_explains_a_malformed_translation(repo: Path, dwcp: CliRun, case: str) -> None:
    body, (line, column), message, hint = CASES[case]
    write_french(repo, body)
    found = dw094(dwcp)
    (first,) = (f for f in found if message in str(f["message"]))
    assert (first["file"], first["line"], first["column"]) == (FRENCH.as_posix(), line, column)
    assert hint in str(first["hint"])
    for words in PYDANTIC:
        assert all(words not in str(f["message"]) + str(f["hint"]) for f in found)


@pytest.mark.parametrize("case", sorted(CASES))
def test_render_explains_a_malformed_translation(repo: Path, dwcp: CliRun, case: str) -> None:
    body, (line, column), message, hint = CASES[case]
    write_french(repo, body)
    err = render_error(dwcp)
    # The render stops with the problem, where it is, and what to write instead.
    assert f"{FRENCH.as_posix()}:{line}:{column}: {message}" in err
    assert hint in err
    assert not any(words in err for words in PYDANTIC)


def test_the_text_output_of_lint_names_file_line_col(repo: Path, dwcp: CliRun) -> None:
    write_french(repo, "programme:\n  title: Programme pour la Zambie\n")
    result = dwcp("lint", "--no-cache")
    assert (
        f"{FRENCH.as_posix()}:3:3: DW094 `title` (`Programme pour la Zambie`) of programme "
        "should be a mapping of keys" in result.out
    )
    assert 'hint: write each passage as `{original: "<hash>", text: ...}`' in result.out
