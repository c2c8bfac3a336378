"""One order of template folders (overrides in order, then the package's), used by every
lookup, and one memoised environment factory that notices a newly overriding file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from dwcp.resources import Templates, builtin_folder, first_file, templates_for
from dwcp.views.environment import environment_for, render_template
from dwcp.views.i18n import Translator

STYLESHEET = "reports/report.css"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def two(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    return first, second


def test_every_lookup_walks_the_same_order(two: tuple[Path, Path]) -> None:
    first, second = two
    templates = Templates((first, second))
    builtin = builtin_folder()
    assert builtin is not None
    assert templates.asset_folders() == [first, second, builtin]
    # Stylesheet lookup, file by file: the second folder's file, then the first's.
    assert templates.read_text(STYLESHEET) == (builtin / STYLESHEET).read_text("utf-8")
    _write(second, STYLESHEET, "second")
    assert templates.read_text(STYLESHEET) == "second"
    _write(first, STYLESHEET, "first")
    assert templates.read_text(STYLESHEET) == "first"
    # The Jinja loader agrees, and names the file it read.
    source, origin, _ = templates.loader().get_source(None, STYLESHEET)  # type: ignore[arg-type]
    assert (source, origin) == ("first", str(first / STYLESHEET))
    # Asset lookup for the PDF, in the order asset_folders gives.
    _write(second, "logo.svg", "<svg/>")
    assert first_file(templates.asset_folders(), Path("logo.svg")) == second / "logo.svg"
    assert first_file(templates.asset_folders(), Path(STYLESHEET)) == first / STYLESHEET


def test_labels_merge_in_the_same_order(two: tuple[Path, Path]) -> None:
    first, second = two
    _write(first, "i18n/messages.yaml", 'site.title: {en: "First"}\n')
    _write(second, "i18n/messages.yaml", 'site.title: {en: "Second", fr: "Deuxième"}\n')
    messages = Templates((first, second)).messages
    assert messages["site.title"]["en"] == "First"
    assert messages["site.title"]["fr"] == "Deuxième"
    assert messages["site.title"]["es"] == Templates().messages["site.title"]["es"]


def test_template_dir_comes_before_the_repository(tmp_path: Path) -> None:
    repo, own = tmp_path / "repo", tmp_path / "own"
    (repo / "templates").mkdir(parents=True)
    own.mkdir()
    templates = templates_for(repo, own)
    assert templates.overrides == (own.resolve(), (repo / "templates").resolve())


def test_one_environment_per_sources_and_language(tmp_path: Path) -> None:
    templates = Templates((tmp_path,))
    english = Translator(templates.messages, "en")
    assert environment_for(templates) is environment_for(Templates((tmp_path,)))
    assert environment_for(templates, english) is environment_for(
        templates, Translator(templates.messages, "en")
    )
    assert environment_for(templates, english) is not environment_for(templates)
    french = environment_for(templates, Translator(templates.messages, "fr"))
    assert french is not environment_for(templates, english)
    assert french.globals["lang"] == "fr"
    assert "t" not in environment_for(templates).globals


@dataclass(frozen=True)
class _Context:
    x: int


def test_a_memoised_environment_sees_a_new_or_changed_override(tmp_path: Path) -> None:
    name = "documents/extra.html.j2"
    _write(tmp_path, name, "one {{ x }}")
    env = environment_for(Templates((tmp_path,)))
    assert render_template(env, name, _Context(1), "test") == "one 1"
    path = _write(tmp_path, name, "two {{ x }}")
    stat = path.stat()
    # A coarse file clock could give the rewrite the same time: move it on explicitly.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert render_template(env, name, _Context(1), "test") == "two 1"
