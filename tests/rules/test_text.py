"""DW092 text-too-long: text a document can lay out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dwcp.lint.rules.writing import TextOptions
from tests.helpers import assert_only, lint_changed, with_options


def title(text: str) -> Any:
    def change(d: Any) -> None:
        d["priorities"][0]["outcomes"][0]["statement"] = text

    return change


def test_dw092_clean_text_passes():
    _text, findings = lint_changed(title("Young women and men find decent jobs " * 20))
    assert [f for f in findings if f.code == "DW092"] == []


def test_dw092_a_long_unbroken_word():
    text, findings = lint_changed(title("See " + "x" * 101))
    line = next(n for n, s in enumerate(text.splitlines(), 1) if "x" * 101 in s)
    assert_only(findings, "DW092", line)
    assert "a word of 101 characters without a space" in findings[0].message
    assert findings[0].path.endswith("outcomes[0].statement")


def test_dw092_a_word_at_the_limit_passes():
    _text, findings = lint_changed(title("See " + "x" * 100))
    assert [f for f in findings if f.code == "DW092"] == []


def test_dw092_a_field_too_long():
    _text, findings = lint_changed(title("word " * 2_001))
    assert [f.code for f in findings] == ["DW092"]
    assert "text of 10,005 characters" in findings[0].message


@pytest.mark.parametrize(("word", "fires"), [(150, False), (201, True)])
def test_dw092_limits_are_options(tmp_path: Path, word: int, fires: bool):
    settings = with_options(tmp_path, TextOptions(max_word=200))
    _text, findings = lint_changed(title("x" * word), settings=settings)
    assert any(f.code == "DW092" for f in findings) is fires
