"""Templates and documents read nothing outside the template folders and fetch nothing.

Each test plants what a stranger's pull request could: a template that links to a secret
file, a template naming a local file or a URL, a word long enough to stall the PDF layout.
"""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from dwcp.errors import RenderError
from dwcp.resources import Templates, templates_for
from dwcp.views.documents import pdf as pdf_module
from dwcp.views.documents.pdf import PdfJob, pdf_job, write_pdf
from tests.conftest import CliRun
from tests.helpers import BUILTIN_TEMPLATES

AS_OF = "--as-of=2019-07-01"
SECRET = "TOP-SECRET-CANARY-4242"
DOCUMENT = "documents/programme.html.j2"


@pytest.fixture
def secret(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file outside the repository that nothing may publish."""
    path = tmp_path_factory.mktemp("home") / "id_rsa"
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.fixture
def beacon() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that counts the requests it gets."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red; }")

        def log_message(self, *_: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def _override(repo: Path, name: str, text: str) -> None:
    path = repo / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _with_head(extra: str) -> str:
    """The built-in document template with `extra` added to its <head>."""
    builtin = (BUILTIN_TEMPLATES / DOCUMENT).read_text(encoding="utf-8")
    assert "</head>" in builtin
    return builtin.replace("</head>", extra + "</head>", 1)


def test_a_template_linking_outside_its_folder_is_refused(
    dwcp: CliRun, repo: Path, secret: Path
) -> None:
    (repo / "templates" / "documents").mkdir(parents=True)
    (repo / "templates" / "documents" / "leak.txt").symlink_to(secret)
    _override(repo, DOCUMENT, _with_head('{% include "documents/leak.txt" %}'))
    run = dwcp("render", AS_OF, "--out", "out")
    assert run.code == 2, run.out + run.err
    assert "leak.txt" in run.err and "outside the template folder" in run.err
    assert SECRET not in run.out + run.err
    assert not (repo / "out").exists()


@pytest.mark.parametrize("name", ["../../etc/hostname", "/etc/hostname", "a\\..\\b"])
def test_template_names_cannot_climb_out(tmp_path: Path, name: str) -> None:
    env_templates = Templates((tmp_path,))
    with pytest.raises(RenderError, match="not allowed"):
        env_templates.loader().get_source(None, name)  # type: ignore[arg-type]


def test_a_repository_templates_folder_that_links_out_is_refused(
    dwcp: CliRun, repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (repo / "templates").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(RenderError, match="outside the repository"):
        templates_for(repo)
    run = dwcp("render", AS_OF, "--out", "out")
    assert run.code == 2 and "outside the repository" in run.err


def test_labels_override_key_by_key(repo: Path) -> None:
    _override(repo, "i18n/messages.yaml", 'section.context: {en: "Where we stand"}\n')
    messages = templates_for(repo).messages
    assert messages["section.context"]["en"] == "Where we stand"
    assert messages["section.context"]["fr"] == Templates().messages["section.context"]["fr"]
    assert len(messages) == len(Templates().messages)


def test_a_one_key_label_file_renders_and_exports(dwcp: CliRun, repo: Path) -> None:
    _override(repo, "i18n/messages.yaml", 'section.context: {en: "Where we stand"}\n')
    run = dwcp("render", AS_OF, "--format", "html", "--format", "md", "--out", "out")
    assert run.code == 0, run.err
    assert "Where we stand" in (repo / "out" / "ZMB-2018-2022.html").read_text("utf-8")
    assert dwcp("export", "xlsx", "--out", "book.xlsx", AS_OF).code == 0
    assert dwcp("report", "gaps", "--format", "html", "--output", "gaps.html", AS_OF).code == 0


def test_the_pdf_reads_no_file_and_fetches_no_url(
    dwcp: CliRun, repo: Path, secret: Path, beacon: tuple[str, list[str]]
) -> None:
    url, requests = beacon
    head = (
        f'<link rel="attachment" href="{secret.as_uri()}">'
        f'<link rel="stylesheet" href="{url}/style.css">'
        f'<style>@import url("{url}/imported.css");</style>'
    )
    body = f'<img src="{url}/pixel.png"><img src="{secret.as_uri()}">'
    _override(repo, DOCUMENT, _with_head(head).replace("</body>", body + "</body>", 1))
    run = dwcp("render", AS_OF, "--format", "pdf", "--out", "out")
    assert run.code == 0, run.err
    assert requests == []
    data = (repo / "out" / "ZMB-2018-2022.pdf").read_bytes()
    assert SECRET.encode() not in data
    reader = PdfReader(repo / "out" / "ZMB-2018-2022.pdf")
    assert reader.attachments == {}
    assert "left out 4 resource(s)" in run.err


def test_files_inside_the_template_folders_are_served(repo: Path) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "extra.css").write_text("p { color: #123456; }", encoding="utf-8")
    html = '<html><head><link rel="stylesheet" href="extra.css"></head><body><p>x</p></body></html>'
    job = pdf_job(html, templates_for(repo).asset_folders(), dt.date(2024, 1, 1), "t")
    output = write_pdf(job)
    assert output.refused == ()
    assert output.data.startswith(b"%PDF-")


def test_a_sixty_thousand_character_word_renders_quickly(dwcp: CliRun, repo: Path) -> None:
    path = repo / "programmes" / "ZMB-2018-2022.yaml"
    text = path.read_text(encoding="utf-8")
    word = "x" * 60_000
    path.write_text(text.replace("title: ", f"title: {word} ", 1), encoding="utf-8")
    started = time.monotonic()
    run = dwcp("render", AS_OF, "--format", "pdf", "--out", "out", "--force")
    elapsed = time.monotonic() - started
    assert run.code == 0, run.err
    assert elapsed < pdf_module.PDF_SECONDS / 4, elapsed


def test_a_layout_past_the_time_bound_is_stopped() -> None:
    # Not made breakable, in a cell that may break anywhere: without the bound, minutes.
    word = "y" * 5_000
    style = "<style>td { overflow-wrap: anywhere; }</style>"
    html = f"<html><head>{style}</head><body><table><tr><td>{word}</td></tr></table></body></html>"
    job = PdfJob(html, (), "slow.yaml", 0, seconds=1)
    started = time.monotonic()
    with pytest.raises(RenderError, match="longer than 1 s"):
        write_pdf(job)
    assert time.monotonic() - started < 10


def test_fonts_are_dated_without_harfbuzz_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libharfbuzz-subset WeasyPrint subsets fonts with fontTools, which stamps the
    current time into each font unless SOURCE_DATE_EPOCH says otherwise."""
    import fontTools.misc.timeTools as time_tools
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    html = "<html><head></head><body><p>Decent work for all</p></body></html>"
    job = pdf_job(html, [], dt.date(2024, 1, 1), "fonts.yaml")
    monkeypatch.setattr(time_tools.time, "time", lambda: 1_800_000_000.0)
    first = write_pdf(job).data
    monkeypatch.setattr(time_tools.time, "time", lambda: 1_900_000_000.0)
    assert write_pdf(job).data == first
