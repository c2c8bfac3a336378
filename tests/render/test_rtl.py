"""Arabic documents: labels in Arabic, written right to left in the HTML and the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import CliRun

STEM = "ZMB-2018-2022"


def test_arabic_html_is_right_to_left(repo: Path, dwcp: CliRun) -> None:
    result = dwcp("render", "--lang", "ar", "--format", "html", "--format", "md", "--out", "o")
    assert result.code == 0, result.err
    html = (repo / "o" / f"{STEM}.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "برنامج العمل اللائق القطري" in html
    # The English passages keep their own direction inside the Arabic text.
    assert '<span lang="en" dir="ltr" class="untranslated">' in html


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("fr", "ltr"), ("pt", "ltr")])
def test_other_languages_stay_left_to_right(
    repo: Path, dwcp: CliRun, language: str, direction: str
) -> None:
    dwcp("render", "--lang", language, "--format", "html", "--out", "o")
    html = (repo / "o" / f"{STEM}.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}" dir="{direction}">' in html


def flush_lines(png: Path) -> tuple[int, int]:
    """How many lines of ink on the page start at the left edge of the text, and how many
    end at its right edge: a right-to-left page has far more of the second."""
    image = Image.open(png).convert("L")
    width, height = image.size
    grey = image.tobytes()  # one byte per pixel, row by row
    rows = []
    for y in range(height):
        ink = [x for x in range(width) if grey[y * width + x] < 128]
        if ink:
            rows.append((ink[0], ink[-1]))
    left_edge = min(first for first, _ in rows)
    right_edge = max(last for _, last in rows)
    at_left = sum(1 for first, _ in rows if first - left_edge <= 3)
    at_right = sum(1 for _, last in rows if right_edge - last <= 3)
    return at_left, at_right


def poppler(command: str) -> str:
    """The path of one of poppler-utils' commands, or the test is skipped."""
    found = shutil.which(command)
    if found is None:
        pytest.skip(f"{command} is not on PATH (apt-get install poppler-utils; CI installs it)")
    return found


@pytest.fixture(scope="module")
def pdftoppm() -> str:
    return poppler("pdftoppm")


def page_picture(pdftoppm: str, pdf: Path, page: int) -> Path:
    prefix = pdf.with_suffix("")
    subprocess.run(
        [
            pdftoppm,
            "-r",
            "60",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            "-png",
            pdf,
            prefix,
        ],
        check=True,
        timeout=60,
    )
    return prefix.with_suffix(".png")


def test_arabic_pdf_pages_are_laid_out_right_to_left(
    repo: Path, dwcp: CliRun, pdftoppm: str
) -> None:
    for language in ("ar", "en"):
        result = dwcp("render", "--lang", language, "--format", "pdf", "--out", language)
        assert result.code == 0, result.err
    # Page 3 is running text: headings, paragraphs and lists (page 1 is the cover).
    arabic = flush_lines(page_picture(pdftoppm, repo / "ar" / f"{STEM}.pdf", 3))
    english = flush_lines(page_picture(pdftoppm, repo / "en" / f"{STEM}.pdf", 3))
    assert arabic[1] > 2 * arabic[0], f"Arabic page: {arabic} lines flush left, flush right"
    assert english[0] > 2 * english[1], f"English page: {english} lines flush left, flush right"


def test_an_untranslated_passage_survives_pickling() -> None:
    """Rendering hands passages to the PDF helper and to workers: the marker must survive."""
    import pickle

    from dwcp.domain.passages import Untranslated

    passage = pickle.loads(pickle.dumps(Untranslated("Decent work", "en")))  # noqa: S301 - our own bytes
    assert isinstance(passage, Untranslated)
    assert (str(passage), passage.language) == ("Decent work", "en")


@pytest.fixture(scope="module")
def pdftotext() -> str:
    return poppler("pdftotext")


def contents_lines(pdftotext: str, pdf: Path) -> list[str]:
    """The lines of the contents page as laid out (left to right on the page)."""
    shown = subprocess.run(
        [pdftotext, "-layout", "-f", "1", "-l", "1", pdf, "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    # pdftotext marks right-to-left runs with directional formatting characters.
    return [re.sub(r"[\u202a-\u202e]", "", line).strip() for line in shown.splitlines()]


def test_contents_page_numbers_stand_at_the_end_of_each_line(
    repo: Path, dwcp: CliRun, pdftotext: str
) -> None:
    for language in ("ar", "en"):
        result = dwcp("render", "--lang", language, "--format", "pdf", "--out", language)
        assert result.code == 0, result.err
    arabic = contents_lines(pdftotext, repo / "ar" / f"{STEM}.pdf")
    english = contents_lines(pdftotext, repo / "en" / f"{STEM}.pdf")
    # Right to left, a line ends on the left: the page number, then a gap, then the heading.
    numbered_ar = [m for line in arabic if (m := re.match(r"^([1-9]\d*)\s{3,}\S", line))]
    numbered_en = [m for line in english if (m := re.search(r"\S\s{3,}([1-9]\d*)$", line))]
    assert len(numbered_ar) >= 10, "\n".join(arabic)
    assert len(numbered_en) >= 10, "\n".join(english)
    # (The page numbers themselves differ: Arabic text breaks into pages differently.)
    assert not [line for line in arabic if re.search(r"[^\d\s]\s{3,}[1-9]\d*$", line)]
