"""The package's own templates, compiled ahead of time into Python modules that ship with it.

Compiling the programme document's template takes longer than rendering a dozen documents
with it, and every process of a run (each worker of `dwcp render`) would pay for it again.
So `make templates` (dwcp.views.template_compiler) writes Jinja's Python code
for each built-in template into dwcp/views/compiled/, with the SHA-256 of the template text
it came from and the Jinja version that made it; pip byte-compiles those modules on install.

A template is taken from there only when it comes from the package itself (a repository's
or --template-dir's file of the same name is compiled as before, in the sandbox) and its
text and Jinja's version are the ones recorded; anything else is compiled as usual. The
code is package code, read through the import system: nothing compiled is ever read from
the programme repository or a cache folder. The environment compiles with the optimizer
off, so the code does not depend on the language (constant folding would call the
language's filters at compile time).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from functools import cache
from importlib.abc import InspectLoader
from importlib.resources import files
from types import CodeType
from typing import Any

import jinja2

from dwcp.resources import Templates

COMPILED = "dwcp.views.compiled"
INDEX = "index.json"
# The template files Jinja loads: templates proper and the stylesheet documents include.
ENDINGS = (".j2", ".css")


def module_name(template: str) -> str:
    """The module holding a template's code: documents/programme.html.j2 ->
    documents__programme_html."""
    stem = template.removesuffix(".j2")
    return stem.replace("/", "__").replace(".", "_").replace("-", "_")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _recorded() -> dict[str, str]:
    """Template name -> hash of the text its shipped code was made from; empty when the
    code was made by another Jinja version than the one installed (or is missing)."""
    index = files(COMPILED).joinpath(INDEX)
    if not index.is_file():
        return {}
    data = json.loads(index.read_text(encoding="utf-8"))
    if data.get("jinja") != jinja2.__version__:
        return {}
    templates: dict[str, str] = data.get("templates", {})
    return templates


def shipped_code(template: str, text: str) -> CodeType | None:
    """The shipped code of a built-in template whose text is `text`, or None when there is
    none for this text and Jinja version (then it is compiled as usual)."""
    if _recorded().get(template) != text_hash(text):
        return None
    name = f"{COMPILED}.{module_name(template)}"
    spec = importlib.util.find_spec(name)
    loader = spec.loader if spec is not None else None
    if not isinstance(loader, InspectLoader):
        return None
    return loader.get_code(name)


class CompiledFirstLoader(jinja2.BaseLoader):
    """The Jinja loader of `Templates` that takes the package's templates from their
    shipped code, and compiles any other (an override, or a text the code is not from)."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.fallback = templates.loader()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        return self.fallback.get_source(environment, template)

    def load(
        self,
        environment: jinja2.Environment,
        name: str,
        globals: Any = None,
    ) -> jinja2.Template:
        # As jinja2.BaseLoader.load, from one reading of the file, with the shipped code in
        # place of a compile where there is code for this very text.
        stamp = self.templates.stamp(name)
        found = self.templates.find(name)
        if found is None:
            raise jinja2.TemplateNotFound(name)
        code = shipped_code(name, found.text) if found.builtin else None
        if code is None:
            code = environment.compile(found.text, name, found.origin)
        else:  # tracebacks and error messages name the template, not the generated module
            code = code.replace(co_filename=found.origin)
        return environment.template_class.from_code(
            environment, code, globals, lambda: self.templates.stamp(name) == stamp
        )
