"""`dwcp render`: documents that can be trusted. Lint errors block, provenance is shown,
output is reproducible, templates are sandboxed and atomic, text from the file stays text;
and the PDF is a paged A4 document with the headings and figures of the HTML."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dwcp import __version__
from tests.conftest import Run
from tests.helpers import line_of
from tests.render import (
    AS_OF,
    SOURCE,
    STEM,
    Page,
    changed,
    files_under,
    git_commit_all,
    make_repo,
    md_unescape,
    message,
    pdf_pages,
    render,
    squash,
)

ALL_FORMATS = ("--format", "html", "--format", "md", "--format", "pdf")
TEXT_FORMATS = ("--format", "html", "--format", "md")
ILO_AS_OF = "1 July 2019"
"""AS_OF as the ILO writes dates (day, month, year), not Babel's US English "July 1, 2019"."""
A4 = (595.28, 841.89)  # points
EPOCH = 1_700_000_000
TITLE = "Decent Work Country Programme for Zambia"


@dataclass
class Rendered:
    repo: Path
    commit: str
    result: Run

    def read(self, ext: str, out: str = "out") -> str:
        return (self.repo / out / f"{STEM}.{ext}").read_text(encoding="utf-8")

    def data(self, ext: str, out: str = "out") -> bytes:
        return (self.repo / out / f"{STEM}.{ext}").read_bytes()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The clean fixture, committed to git, rendered in every format."""
    repo = make_repo(tmp_path_factory.mktemp("clean"))
    commit = git_commit_all(repo)
    return Rendered(repo, commit, render(repo, *ALL_FORMATS, "--out", "out"))


@pytest.fixture(scope="module")
def pdf(clean: Rendered) -> list[str]:
    return pdf_pages(clean.repo / "out" / f"{STEM}.pdf")


# --- the clean render ------------------------------------------------------------------------


def test_clean_programme_renders_every_format(clean: Rendered) -> None:
    assert clean.result.code == 0, clean.result.err
    assert files_under(clean.repo / "out") == {f"{STEM}.{ext}" for ext in ("html", "md", "pdf")}
    assert clean.result.out.count("wrote ") == 3


def test_clean_documents_are_not_marked_unvalidated(clean: Rendered, pdf: list[str]) -> None:
    sentence = message("document.not_validated")
    assert sentence not in clean.read("html")
    assert sentence not in clean.read("md")
    assert sentence not in squash(" ".join(pdf))


def test_html_provenance(clean: Rendered) -> None:
    footer = Page(clean.read("html").split('<footer id="provenance"', 1)[1]).text
    assert f"{message('provenance.source')} {SOURCE}" in footer
    assert f"{message('provenance.tool')} dwcp {__version__}" in footer
    assert f"{message('provenance.as_of')} {ILO_AS_OF}" in footer
    assert f"{message('provenance.commit')} {clean.commit}" in footer
    assert message("provenance.uncommitted") not in footer


def test_markdown_provenance(clean: Rendered) -> None:
    md = clean.read("md")
    last = md_unescape(md.rstrip().splitlines()[-1])
    assert f"`{SOURCE}`" in last
    assert f"`{clean.commit}`" in last
    assert f"dwcp {__version__}" in last
    assert ILO_AS_OF in last
    assert message("provenance.uncommitted") not in last


def test_pdf_provenance(clean: Rendered, pdf: list[str]) -> None:
    last = squash(pdf[-1])
    assert SOURCE in last
    assert f"dwcp {__version__}" in last
    assert clean.commit in last.replace(" ", "")


def test_uncommitted_changes_are_shown(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    commit = git_commit_all(repo)
    with (repo / SOURCE).open("a", encoding="utf-8") as stream:
        stream.write("# edited after the commit\n")
    result = render(repo, "--format", "html", "--out", "out")
    assert result.code == 0, result.err
    footer = Page((repo / "out" / f"{STEM}.html").read_text(encoding="utf-8")).text
    assert f"{commit} ({message('provenance.uncommitted')})" in footer


def test_no_commit_outside_git(tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    assert render(repo, *TEXT_FORMATS, "--out", "out").code == 0
    assert message("provenance.commit") not in (repo / "out" / f"{STEM}.html").read_text()
    assert message("provenance.commit") not in (repo / "out" / f"{STEM}.md").read_text()


# --- reproducible output ---------------------------------------------------------------------


def test_html_and_markdown_are_byte_identical_across_runs(clean: Rendered) -> None:
    assert render(clean.repo, *TEXT_FORMATS, "--out", "again").code == 0
    # And from a fresh interpreter, with its own hash seed and no warm caches.
    command = [sys.executable, "-m", "dwcp", "render", "--as-of", AS_OF, *TEXT_FORMATS]
    fresh = subprocess.run(
        [*command, "--out", "fresh"], cwd=clean.repo, capture_output=True, text=True, check=False
    )
    assert fresh.returncode == 0, fresh.stderr
    for ext in ("html", "md"):
        assert clean.data(ext, "again") == clean.data(ext)
        assert clean.data(ext, "fresh") == clean.data(ext)


def test_pdf_is_byte_identical_with_source_date_epoch(clean: Rendered) -> None:
    env = {"SOURCE_DATE_EPOCH": str(EPOCH)}
    for out in ("epoch1", "epoch2"):
        assert render(clean.repo, "--format", "pdf", "--out", out, env=env).code == 0
    assert clean.data("pdf", "epoch1") == clean.data("pdf", "epoch2")
    created = dt.datetime.fromtimestamp(EPOCH, dt.UTC).strftime("D:%Y%m%d%H%M%S")
    metadata = PdfReader(clean.repo / "epoch1" / f"{STEM}.pdf").metadata
    assert metadata is not None
    assert str(metadata["/CreationDate"]).startswith(created)


# --- lint errors block; --force marks -------------------------------------------------------


def _without_effect(data: Any) -> None:
    del data["priorities"][0]["outcomes"][0]["effect_on_women_and_men"]


BROKEN = changed(_without_effect)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("broken"), {f"{STEM}.yaml": BROKEN})


def test_lint_error_blocks_the_render(broken: Path) -> None:
    result = render(broken, *ALL_FORMATS, "--out", "blocked")
    assert result.code == 1
    line = line_of(BROKEN, "- id: ZMB101", exact=True)
    assert f"{SOURCE}:{line}:" in result.err
    assert "DW401" in result.err
    assert "--force" in result.err
    assert files_under(broken / "blocked") == set()
    assert "wrote" not in result.out


def test_forced_render_says_it_is_not_validated(broken: Path) -> None:
    result = render(broken, *ALL_FORMATS, "--out", "forced", "--force")
    assert result.code == 0, result.err
    sentence = message("document.not_validated")
    html = (broken / "forced" / f"{STEM}.html").read_text(encoding="utf-8")
    cover = html.split('<header class="cover"', 1)[1].split("</header>", 1)[0]
    assert Page(f"<p{cover}").text.count(sentence) == 1
    md = (broken / "forced" / f"{STEM}.md").read_text(encoding="utf-8")
    assert sentence in md.split("\n## ", 1)[0]
    first_page = squash(pdf_pages(broken / "forced" / f"{STEM}.pdf")[0])
    assert sentence in first_page


def _two_portfolio(data: Any) -> None:
    """Another country's programme that reuses the clean fixture's outcome code ZMB101."""
    data["country"] = "MWI"
    data["title"] = "Decent Work Country Programme for Malawi"


def test_same_file_name_in_two_folders_is_refused_not_overwritten(tmp_path: Path) -> None:
    """Two programmes that would land on one output file: exit 2, nothing written."""

    def other_title(data: Any) -> None:
        data["title"] = "Second programme"

    repo = make_repo(
        tmp_path,
        {f"a/{STEM}.yaml": changed(lambda _: None), f"b/{STEM}.yaml": changed(other_title)},
    )
    result = render(repo, "--format", "md", "--out", "o")
    assert result.code == 2
    assert "would both be written to" in result.err
    assert not (repo / "o").exists() or not list((repo / "o").rglob("*.md"))


# --- the PDF ------------------------------------------------------------------------------------


def test_pdf_has_the_headings_and_figures(pdf: list[str]) -> None:
    text = squash(" ".join(pdf))
    for key in (
        "section.executive_summary",
        "section.priorities",
        "section.annexes",
        "funding.gaps",
    ):
        assert message(key) in text, key
    assert TITLE in squash(pdf[0])
    assert "US$500,000" in text  # ILO style: US$ before the figure, no cents
    assert "Share of trained youth in work six months later" in text


def test_pdf_is_a4_and_several_pages(clean: Rendered) -> None:
    """A4 portrait, but for the results matrix on A4 landscape (issue 15)."""
    reader = PdfReader(clean.repo / "out" / f"{STEM}.pdf")
    assert len(reader.pages) > 1
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    landscape = [n for n, size in enumerate(sizes) if size[0] > size[1]]
    assert landscape, "the results matrix is printed landscape"
    assert landscape == list(range(landscape[0], landscape[-1] + 1))
    for n, size in enumerate(sizes):
        wanted = A4[::-1] if n in landscape else A4
        assert size == pytest.approx(wanted, abs=1)


def test_pdf_pages_are_numbered(pdf: list[str]) -> None:
    total = len(pdf)
    missing = [n for n, text in enumerate(pdf, 1) if f"{n} / {total}" not in text]
    assert missing == []


def test_pdf_metadata(clean: Rendered) -> None:
    metadata = PdfReader(clean.repo / "out" / f"{STEM}.pdf").metadata
    assert metadata is not None
    assert metadata.title is not None and metadata.title.startswith(TITLE)
    assert str(metadata["/Creator"]) == f"dwcp {__version__}"
    # Without SOURCE_DATE_EPOCH the creation date is the as-of date, not the clock.
    assert str(metadata["/CreationDate"]).startswith("D:" + AS_OF.replace("-", ""))
