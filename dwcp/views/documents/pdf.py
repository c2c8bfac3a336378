"""PDF documents from their HTML, through WeasyPrint.

Importing WeasyPrint takes most of a second (cffi reads Pango's C declarations at import).
For a single document, `PdfEngine` imports it in a forked helper process while this
process lints the programme and renders the HTML; the helper then lays out the PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from dwcp.errors import RenderError, UsageError
from dwcp.resources import first_file

if TYPE_CHECKING:
    from multiprocessing.context import ForkProcess


# A document that takes longer than this to lay out is stopped with a clear message.
PDF_SECONDS = 120
# Longer runs of unbroken text get break opportunities, so layout time stays linear.
LONG_RUN = 48
MAX_DATA_URL = 256 * 1024


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF records about itself besides its text: the full provenance, which a
    final edition leaves out of the printed colophon."""

    title: str
    country: str
    producer: str
    """dwcp and its version (the PDF's Creator; WeasyPrint names itself as Producer)."""
    keywords: tuple[str, ...] = ()
    custom: tuple[tuple[str, str], ...] = ()
    """Extra entries of the document information dictionary, written as dwcp<Name>."""


@dataclass(frozen=True)
class PdfJob:
    """Everything WeasyPrint needs for one document; picklable, for the helper process."""

    html: str
    folders: tuple[str, ...]
    """Folders the document may read files from (templates); nothing else is fetched."""
    name: str
    epoch: int
    """Creation time in seconds, also stamped into embedded fonts."""
    seconds: int = PDF_SECONDS
    metadata: PdfMetadata | None = None


def pdf_job(
    html: str,
    folders: Sequence[Path | str],
    as_of: dt.date,
    name: str,
    seconds: int = PDF_SECONDS,
    metadata: PdfMetadata | None = None,
) -> PdfJob:
    """Fix the creation date (SOURCE_DATE_EPOCH, else the as-of date) so the same
    inputs give the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    stamp = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch and epoch.isdigit()
        else dt.datetime.combine(as_of, dt.time(), dt.UTC)
    )
    created = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    dated = html.replace(
        "</head>",
        f'<meta name="dcterms.created" content="{created}">'
        f'<meta name="dcterms.modified" content="{created}"></head>',
        1,
    )
    paths = tuple(str(Path(f).resolve()) for f in folders)
    return PdfJob(breakable(dated), paths, name, int(stamp.timestamp()), seconds, metadata)


_TEXT = re.compile(r"(<(style|script)\b.*?</\2>|<[^>]*>)|([^<]+)", re.DOTALL | re.IGNORECASE)
_RUN = re.compile(rf"[^\s&;]{{{LONG_RUN},}}")


def breakable(html: str) -> str:
    """Insert zero-width spaces into very long unbroken runs of text (not into tags or
    stylesheets): WeasyPrint's line breaking is quadratic in the length of a word."""
    return _TEXT.sub(_break_text, html)


def _break_text(match: re.Match[str]) -> str:
    text = match.group(3)
    if text is None:
        return match.group(0)
    return _RUN.sub(lambda m: "\u200b".join(_chunks(m.group(0))), text)


def _chunks(run: str) -> list[str]:
    return [run[i : i + LONG_RUN] for i in range(0, len(run), LONG_RUN)]


@dataclass(frozen=True)
class PdfOutput:
    data: bytes
    refused: tuple[str, ...] = ()
    """Resources the document named outside the template folders, left out."""


def write_pdf(job: PdfJob) -> PdfOutput:
    """Lay out and write the PDF in this process."""
    weasyprint = _weasyprint()
    # The identifier derives from the content, so it is stable and differs per document.
    identifier = hashlib.sha256(job.html.encode()).hexdigest()[:32].encode()
    fetcher = _confined_fetcher(job.folders)
    base_url = Path(job.folders[0]).as_uri() + "/" if job.folders else None
    try:
        with _fonts_dated(job.epoch), _time_limit(job.seconds, job.name):
            html = weasyprint.HTML(string=job.html, base_url=base_url, url_fetcher=fetcher)
            document = html.render()
            _set_metadata(document.metadata, job.metadata)
            pdf = document.write_pdf(pdf_identifier=identifier, custom_metadata=True)
    except RenderError:
        raise
    except Exception as exc:  # noqa: BLE001 - any WeasyPrint failure is reported alike
        raise RenderError(
            f"{job.name}: WeasyPrint could not make the PDF ({type(exc).__name__}: {exc})"
        ) from None
    if pdf is None:
        raise RenderError(f"{job.name}: WeasyPrint produced no PDF")
    return PdfOutput(bytes(pdf), tuple(sorted(fetcher.refused)))


def _set_metadata(target: Any, metadata: PdfMetadata | None) -> None:
    """WeasyPrint's metadata from the job's; with custom entries only dwcp's (not every
    <meta> of the page, which custom_metadata would otherwise copy)."""
    target.custom = {}
    if metadata is None:
        return
    target.title = metadata.title
    target.generator = metadata.producer
    target.keywords = [metadata.country, *metadata.keywords]
    target.custom = {f"dwcp{key.title().replace('-', '')}": value for key, value in metadata.custom}


def _confined_fetcher(folders: tuple[str, ...]) -> Any:
    """A WeasyPrint URL fetcher that serves files inside the template folders and small
    data: URLs, and refuses everything else (other files, http, https, ftp...)."""
    # urllib.request here, not at the top: it imports ssl and http.client, which an HTML or
    # Markdown render never needs.
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [Path(f) for f in folders]

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allow_redirects=False)
            self.refused: set[str] = set()

        def fetch(self, url: str, headers: object = None) -> Any:
            if url.startswith("data:") and len(url) <= MAX_DATA_URL:
                return super().fetch(url, headers)
            if url.startswith("file:"):
                found = _inside(roots, Path(url2pathname(urlsplit(url).path)))
                if found is not None:
                    return URLFetcherResponse(found.as_uri(), found.read_bytes())
            self.refused.add(url[:200])
            raise ValueError("refused: only files inside the template folders are read")

    return ConfinedFetcher()


def _inside(roots: list[Path], path: Path) -> Path | None:
    """The file `path` names, looked up file by file in the template folders (in their
    order), or None when it lies outside them all."""
    for root in roots:
        if path.is_relative_to(root):
            found = first_file(roots, path.relative_to(root))
            if found is not None:
                return found
    return None


@contextmanager
def _fonts_dated(epoch: int) -> Iterator[None]:
    """fontTools (WeasyPrint's font subsetter when HarfBuzz's is missing) stamps embedded
    fonts with the time unless SOURCE_DATE_EPOCH is set; set it for the document's time."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


class _Timeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: int, name: str) -> Iterator[None]:
    """Stop a layout that runs past `seconds` (main thread only, where signals arrive)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(*_: object) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise RenderError(
            f"{name}: the PDF took longer than {seconds} s to lay out and was stopped; "
            "look for very long tables or text without spaces"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _weasyprint() -> ModuleType:
    # Without Pango, WeasyPrint's import fails with OSError (a C library that cannot be
    # loaded), not ImportError; both get the same advice.
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise UsageError(
            f"PDF output needs WeasyPrint and the Pango library it sets text with ({exc}); "
            "install them with `pip install weasyprint` and, on Debian or Ubuntu, "
            "`apt install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0`"
        ) from None
    module: ModuleType = weasyprint  # untyped package
    return module


class PdfEngine:
    """Writes PDFs in a helper process that imported WeasyPrint ahead of time.

    Use as a context manager; leaving it stops the helper, whether or not it was used.
    Falls back to this process where fork is missing or there is one core to work on.
    """

    def __init__(self) -> None:
        self._conn: Connection | None = None
        self._process: ForkProcess | None = None
        if "fork" not in get_all_start_methods() or _cores() < 2:
            return
        context = get_context("fork")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child,), daemon=True)
        process.start()
        child.close()
        self._conn, self._process = parent, process

    def write(self, job: PdfJob) -> PdfOutput:
        if self._conn is None:
            return write_pdf(job)
        try:
            self._conn.send(job)
            kind, payload = self._conn.recv()
        except (EOFError, OSError):
            raise RenderError(f"{job.name}: the PDF helper process stopped") from None
        if kind == "usage":
            raise UsageError(payload)
        if kind == "error":
            raise RenderError(payload)
        assert isinstance(payload, PdfOutput)  # noqa: S101 - narrows the type
        return payload

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _cores() -> int:
    from dwcp.parallel import usable_cores

    return usable_cores()


def _serve(conn: Connection) -> None:
    """The helper: import WeasyPrint at once, then write each PDF it is sent."""
    # Ctrl-C is the parent's to handle (it stops the helper), not a traceback from here.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _weasyprint()
        missing = None
    except UsageError as exc:  # reported for each job, without importing (and failing) again
        missing = str(exc)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if missing is not None:
            conn.send(("usage", missing))
            continue
        try:
            conn.send(("pdf", write_pdf(job)))
        except UsageError as exc:
            conn.send(("usage", str(exc)))
        except RenderError as exc:
            conn.send(("error", str(exc)))
