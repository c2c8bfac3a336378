"""PDF documents from their HTML, through WeasyPrint.

Importing WeasyPrint takes most of a second (cffi reads Pango's C declarations at import).
For a single document, `PdfEngine` imports it in a forked helper process while this
process lints the programme and renders the HTML; the helper then lays out the PDF.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.connection import Connection
from types import ModuleType
from typing import TYPE_CHECKING, Self

from dwcp.errors import RenderError, UsageError

if TYPE_CHECKING:
    from multiprocessing.context import ForkProcess


@dataclass(frozen=True)
class PdfJob:
    """Everything WeasyPrint needs for one document; picklable, for the helper process."""

    html: str
    base_url: str
    name: str


def pdf_job(html: str, base_url: str, as_of: dt.date, name: str) -> PdfJob:
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
    return PdfJob(dated, base_url, name)


def write_pdf(job: PdfJob) -> bytes:
    """Lay out and write the PDF in this process."""
    weasyprint = _weasyprint()
    # The identifier derives from the content, so it is stable and differs per document.
    identifier = hashlib.sha256(job.html.encode()).hexdigest()[:32].encode()
    try:
        pdf = weasyprint.HTML(string=job.html, base_url=job.base_url).write_pdf(
            pdf_identifier=identifier
        )
    except Exception as exc:  # noqa: BLE001 - any WeasyPrint failure is reported alike
        raise RenderError(
            f"{job.name}: WeasyPrint could not make the PDF ({type(exc).__name__}: {exc})"
        ) from None
    if pdf is None:
        raise RenderError(f"{job.name}: WeasyPrint produced no PDF")
    return bytes(pdf)


def _weasyprint() -> ModuleType:
    # Without Pango, WeasyPrint's import fails with OSError (a C library that cannot be
    # loaded), not ImportError; both get the same advice.
    try:
        import weasyprint
    except (ImportError, OSError) as exc:
        raise UsageError(
            f"PDF output needs WeasyPrint and the Pango library it sets text with ({exc}); "
            "install them with `pip install weasyprint` and, on Debian or Ubuntu, "
            "`apt install libpango-1.0-0 libpangoft2-1.0-0`"
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

    def write(self, job: PdfJob) -> bytes:
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
        assert isinstance(payload, bytes)
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
