"""The PDF helper process: same bytes as writing in-process, clear errors, no stray processes."""

from __future__ import annotations

import datetime as dt
import importlib.abc
import multiprocessing
import os
import sys
from pathlib import Path

import pytest
import weasyprint

from dwcp import parallel
from dwcp.errors import RenderError, UsageError
from dwcp.views.documents.pdf import PdfEngine, pdf_job, write_pdf
from tests.render import make_repo, run

HTML = "<html lang='en'><head><title>T</title></head><body><h1>Zambia 2020-2022</h1></body></html>"
AS_OF = dt.date(2024, 6, 30)

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods() or parallel.usable_cores() < 2,
    reason="the helper process needs fork and two cores",
)


def test_job_dates_the_document_from_the_as_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    job = pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml")
    assert '<meta name="dcterms.created" content="2024-06-30T00:00:00Z">' in job.html


def test_job_dates_the_document_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    job = pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml")
    assert '<meta name="dcterms.modified" content="1970-01-02T00:00:00Z">' in job.html


@needs_fork
def test_helper_writes_the_same_bytes_as_this_process() -> None:
    job = pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml")
    with PdfEngine() as engine:
        from_helper = engine.write(job)
        again = engine.write(job)
    assert from_helper.data.startswith(b"%PDF-")
    assert from_helper == again == write_pdf(job)


@needs_fork
def test_weasyprint_failure_names_the_programme(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_: object) -> None:
        raise ValueError("no layout today")

    monkeypatch.setattr(weasyprint, "HTML", broken)  # the forked helper inherits it
    with PdfEngine() as engine, pytest.raises(RenderError) as caught:
        engine.write(pdf_job(HTML, ["/tmp"], AS_OF, "programmes/ZMB.yaml"))
    assert "programmes/ZMB.yaml" in str(caught.value)
    assert "ValueError: no layout today" in str(caught.value)


@needs_fork
def test_a_helper_that_dies_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    def die(**_: object) -> None:
        os._exit(3)

    monkeypatch.setattr(weasyprint, "HTML", die)
    with PdfEngine() as engine:
        for _ in range(2):  # and again, once the pipe is broken
            with pytest.raises(RenderError, match="stopped"):
                engine.write(pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml"))


@needs_fork
def test_leaving_the_engine_stops_the_helper_even_unused() -> None:
    with PdfEngine():
        assert len(multiprocessing.active_children()) == 1
    assert multiprocessing.active_children() == []


def test_one_core_writes_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 1)
    with PdfEngine() as engine:
        assert multiprocessing.active_children() == []
        pdf = engine.write(pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml"))
    assert pdf.data.startswith(b"%PDF-")


# --- through the command line ------------------------------------------------------------

SAMPLES = Path(__file__).parents[2] / "programmes"
PAIR = ("VNM-2017-2021", "ZMB-2020-2022")


def test_several_pdfs_match_the_pdf_rendered_alone(tmp_path: Path) -> None:
    """Two programmes go to forked workers, one goes to the helper: the bytes are the same."""
    texts = {
        f"{stem}.yaml": (SAMPLES / f"{stem}.yaml").read_text(encoding="utf-8") for stem in PAIR
    }
    repo = make_repo(tmp_path, texts)
    pdf = ("--as-of", "2025-06-30", "--format", "pdf")
    both = run(repo, "render", *pdf, "--out", "both")
    alone = run(repo, "render", f"programmes/{PAIR[0]}.yaml", *pdf, "--out", "alone")
    assert (both.code, alone.code) == (0, 0), both.err + alone.err
    assert sorted(p.name for p in (repo / "both").iterdir()) == [f"{s}.pdf" for s in PAIR]
    first = (repo / "both" / f"{PAIR[0]}.pdf").read_bytes()
    assert first == (repo / "alone" / f"{PAIR[0]}.pdf").read_bytes()
    assert first != (repo / "both" / f"{PAIR[1]}.pdf").read_bytes()


# --- WeasyPrint or Pango missing -----------------------------------------------------------


class _Unloadable(importlib.abc.MetaPathFinder):
    """Makes `import weasyprint` fail as it does without Pango (OSError) or without the
    package (ImportError)."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def find_spec(self, name: str, *_: object) -> None:
        if name == "weasyprint":
            raise self.error


@pytest.fixture(params=[OSError("cannot load library 'pango-1.0-0'"), ImportError("no weasyprint")])
def unloadable(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delitem(sys.modules, "weasyprint")
    monkeypatch.setattr(sys, "meta_path", [_Unloadable(request.param), *sys.meta_path])
    return str(request.param)


def test_missing_weasyprint_or_pango_says_what_to_install(unloadable: str) -> None:
    with pytest.raises(UsageError) as caught:
        write_pdf(pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml"))
    assert unloadable in str(caught.value)
    assert "pip install weasyprint" in str(caught.value)
    assert "libpango-1.0-0" in str(caught.value)


@needs_fork
def test_missing_pango_in_the_helper_is_the_same_message(unloadable: str) -> None:
    with PdfEngine() as engine, pytest.raises(UsageError) as caught:
        engine.write(pdf_job(HTML, ["/tmp"], AS_OF, "ZMB.yaml"))
    assert unloadable in str(caught.value)
    assert "libpango-1.0-0" in str(caught.value)


def test_missing_pango_through_the_command_line(unloadable: str, tmp_path: Path) -> None:
    repo = make_repo(tmp_path)
    result = run(repo, "render", "--as-of", "2019-07-01", "--format", "pdf", "--out", "out")
    assert result.code == 2
    assert result.err.startswith("dwcp: error: PDF output needs WeasyPrint")
    assert unloadable in result.err
    assert "Traceback" not in result.err + result.out
    assert not (repo / "out").exists()
