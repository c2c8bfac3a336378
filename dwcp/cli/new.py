"""`dwcp new`: start a programme file with every section in place."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dwcp.cli.app import app
from dwcp.escape import terminal_text


class Language(StrEnum):
    en = "en"
    fr = "fr"
    es = "es"
    ar = "ar"
    pt = "pt"
    ru = "ru"


@app.command()
def new(
    country: Annotated[
        str,
        typer.Argument(
            metavar="COUNTRY", help='ISO3 code (VNM), ISO2 code (VN) or name ("Viet Nam").'
        ),
    ],
    period: Annotated[str, typer.Option(help="Years of the programme, START-END (2024-2028).")],
    previous: Annotated[
        Path | None,
        typer.Option(
            "--from", help="The previous programme file, to carry forward what continues."
        ),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(help="Language of the programme (default: the previous one's, else en)."),
    ] = None,
) -> None:
    """Start a new programme file in the programmes folder, with guidance in each section.

    With --from, the country context, the projects still running and the office are carried
    forward from the previous programme. An existing file is never overwritten.

    Example: dwcp new VNM --period 2022-2026 --from programmes/VNM-2017-2021.yaml
    """
    from dwcp.cli.common import checked_settings
    from dwcp.config import find_root
    from dwcp.workflow.new import create, display

    settings = checked_settings(find_root(Path.cwd()))
    created = create(country, period, settings, previous, lang.value if lang else None)
    for warning in created.warnings:
        print(f"dwcp: warning: {terminal_text(warning)}", file=sys.stderr)
    shown = terminal_text(display(created.path))
    print(f"wrote {shown}")
    print(f"next: edit it, then run dwcp lint {shown}")
