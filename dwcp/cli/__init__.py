"""The command line: thin typer commands over the library, and the one error boundary.

Heavy modules (models, rich, jinja) are imported inside the commands that need them so
that `dwcp --version` and `dwcp rules` start quickly. Each command module registers its
commands on the shared app when imported.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import NoReturn

from dwcp.cli.app import app
from dwcp.errors import DwcpError
from dwcp.escape import terminal_text

# Importing a command module registers its commands; `dwcp --help` lists them in this order.
_COMMAND_MODULES = (
    "init",  # setting up a programme repository
    "new",  # authoring
    "fmt",
    "lint",  # checking and review
    "diff",
    "report",  # reporting and publishing
    "render",
    "export",
    "reference",  # rules and schema
)
for _name in _COMMAND_MODULES:
    importlib.import_module(f"dwcp.cli.{_name}")

__all__ = ["app", "main"]


def _fail(message: str) -> NoReturn:
    print(f"dwcp: error: {terminal_text(message, multiline=True)}", file=sys.stderr)
    sys.exit(2)


def main() -> None:
    """Console entry point: run the app inside the error boundary."""
    # dwcp uses no pydantic plugins; looking for installed ones costs ~50 ms a run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run builds hundreds of thousands of objects (programme models, findings) that hold
    # no cycles and live until it ends; the collector's default pace would walk them over
    # and over (0.2-0.5 s of a portfolio run). Collect less often, as mypy does.
    gc.set_threshold(100_000, 50, 100)
    try:
        app()
    except DwcpError as exc:
        _fail(exc.message)
    except KeyboardInterrupt:
        _fail("interrupted")
    except RecursionError:
        _fail("input is nested too deeply to process")
    except MemoryError:
        _fail("out of memory; the input is too large")
    except Exception as exc:  # the last line of defence: no traceback for users
        if os.environ.get("DWCP_DEBUG"):
            raise
        _fail(
            f"internal error ({type(exc).__name__}: {exc}); please report it, and set "
            "DWCP_DEBUG=1 to see the traceback"
        )
