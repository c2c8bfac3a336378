"""Helpers for the document and site tests: programme repositories built in a folder, the
real CLI run in-process (so module-scoped fixtures can share one render), and readers for
the HTML, Markdown and PDF it writes."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dwcp.cli import main
from dwcp.resources import Templates
from tests.conftest import Run
from tests.helpers import CLEAN, clean_data, dump

AS_OF = "2019-07-01"
"""The date the clean fixture passes every rule as of."""
STEM = "ZMB-2018-2022"
SOURCE = f"programmes/{STEM}.yaml"
MESSAGES = Templates().messages


def message(key: str, language: str = "en") -> str:
    return MESSAGES[key][language]


def changed(change: Callable[[Any], object]) -> str:
    """The clean fixture with `change` applied to its data, as YAML text."""
    data = clean_data()
    change(data)
    return dump(data)


def make_repo(root: Path, programmes: dict[str, str] | None = None) -> Path:
    """A programme repository: programmes/<name> for each text (default: the clean fixture)."""
    texts = programmes or {f"{STEM}.yaml": CLEAN.read_text(encoding="utf-8")}
    for name, text in texts.items():
        path = root / "programmes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text("[tool.dwcp]\n", encoding="utf-8")
    return root


def run(repo: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """The real entry point, in `repo`, with its exit code and output: run(repo, "site")."""
    out, err = io.StringIO(), io.StringIO()
    code: object = 0
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(repo)
        mp.setattr(sys, "argv", ["dwcp", *args])
        for name in ("GITHUB_ACTIONS", "DWCP_DEBUG", "SOURCE_DATE_EPOCH"):
            mp.delenv(name, raising=False)
        # A repository above the temporary folder must not lend the test its git commit.
        mp.setenv("GIT_CEILING_DIRECTORIES", str(repo.parent))
        for name, value in (env or {}).items():
            mp.setenv(name, value)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main()
            except SystemExit as exc:
                code = exc.code
    return Run(
        code if isinstance(code, int) else int(code is not None), out.getvalue(), err.getvalue()
    )


def render(repo: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    return run(repo, "render", "--as-of", AS_OF, *args, env=env)


def git_commit_all(repo: Path) -> str:
    """Make `repo` a git repository with everything committed; the commit id."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str) -> str:
        identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
        command = ["git", "-C", str(repo), *identity, "-c", "commit.gpgsign=false", *args]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "programmes")
    return git("rev-parse", "HEAD").strip()


def files_under(folder: Path) -> set[str]:
    """Every file below `folder`, as POSIX paths relative to it."""
    if not folder.exists():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def squash(text: str) -> str:
    """Whitespace runs (PDF line breaks, narrow spaces) as one plain space."""
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_everything(path: Path) -> str:
    """All text a PDF reader can show: pages, metadata and bookmarks."""
    reader = PdfReader(path)
    parts = [page.extract_text() for page in reader.pages]
    parts.extend(str(v) for v in (reader.metadata or {}).values())
    parts.extend(_outline_titles(reader.outline))
    return "\n".join(parts)


def _outline_titles(items: Any) -> Iterator[str]:
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item)
        else:
            yield str(item.title)


def md_unescape(text: str) -> str:
    """What a Markdown reader shows for text escaped by the `md` filter."""
    text = re.sub(r"\\(.)", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class Page(HTMLParser):
    """What the tests read in an HTML page: html lang, h1 count, headings, links, ids and
    the visible text (style and script left out)."""

    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "caption", "th", "dt"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.h1: list[str] = []
        self.headings: list[str] = []
        self.hrefs: list[str] = []
        self.sources: list[str] = []
        self.ids: set[str] = set()
        self._open: list[tuple[str, list[str]]] = []
        self._skip = 0
        self.text_parts: list[str] = []
        self.feed(text)
        self.close()

    @property
    def text(self) -> str:
        return squash(" ".join(self.text_parts))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        if "id" in values:
            self.ids.add(values["id"])
        if "href" in values:
            self.hrefs.append(values["href"])
        if "src" in values:
            self.sources.append(values["src"])
        if tag in ("style", "script"):
            self._skip += 1
        if tag in self.HEADINGS:
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            text = squash("".join(parts))
            self.headings.append(text)
            if tag == "h1":
                self.h1.append(text)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.text_parts.append(data)
        for _, parts in self._open:
            parts.append(data)


def md_headings(text: str) -> list[str]:
    return [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]


def unnumbered(headings: list[str]) -> list[str]:
    """Headings without the chapter number the document gives them ("2. Country context")."""
    return [re.sub(r"^[0-9]+\\?\. ", "", h) for h in headings]
