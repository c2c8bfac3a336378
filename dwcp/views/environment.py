"""The one Jinja environment factory: sandboxed, strict, escaping by output format."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import jinja2
from jinja2.runtime import Macro
from jinja2.sandbox import SandboxedEnvironment

from dwcp.errors import RenderError
from dwcp.escape import markdown_text
from dwcp.resources import Templates
from dwcp.views import locale
from dwcp.views.i18n import Translator

_DICT_ATTRIBUTES = frozenset(dir(dict))


class DocumentSandbox(SandboxedEnvironment):
    """The sandbox, calling dwcp's label function `t()` and the templates' own macros directly.

    Documents make hundreds of such calls; both are safe by construction (dwcp's code, and
    template code that is itself sandboxed), so the per-call checks are skipped for them
    alone. Every other call is checked as usual.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        # `p.title` on the programme's data: a plain dict key is data, not an attribute, so
        # it needs no check. Names of dict methods keep Jinja's usual attribute-first order.
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if type(obj) is Translator:
            return obj(*args, **kwargs)
        if type(obj) is Macro:
            return context.call(obj, *args, **kwargs)
        return super().call(context, obj, *args, **kwargs)


_CACHE: dict[tuple[Templates, str | None], SandboxedEnvironment] = {}


def environment_for(
    templates: Templates, translate: Translator | None = None
) -> SandboxedEnvironment:
    """The only Jinja environment dwcp makes, for documents, reports and the site: sandboxed
    (templates cannot reach Python internals), StrictUndefined (a misspelt field is an error,
    not an empty string), autoescaping every HTML template, and with `translate` the
    language's labels `t()`, `lang` and filters. One per template sources and language, so
    templates compile once a run, in memory only: compiled code on disk could be planted by
    anyone who can write the folder it is read from."""
    key = (templates, translate.language if translate is not None else None)
    env = _CACHE.get(key)
    if env is None:
        env = _CACHE[key] = _environment(templates, translate)
    return env


def _environment(templates: Templates, translate: Translator | None) -> SandboxedEnvironment:
    env = DocumentSandbox(
        loader=templates.loader(),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if translate is None:
        return env
    language = translate.language
    filters: dict[str, Callable[..., Any]] = {
        "number": lambda v: locale.number(v, language),
        "money": lambda v, currency: locale.money(v, currency, language),
        "date": lambda v: locale.date(v, language),
        "md": markdown_text,
    }
    env.filters.update(filters)
    env.globals["t"] = translate
    env.globals["lang"] = language
    return env


def render_template(
    env: jinja2.Environment, template: str, context: dict[str, Any], name: str
) -> str:
    """Render one template; any template problem becomes a RenderError naming the template
    file and line and what was being rendered, never a traceback."""
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = f"{exc.filename or exc.name}:{exc.lineno}"
        raise RenderError(f"{where}: template error: {exc.message} (rendering {name})") from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {exc.name} not found (rendering {name})") from None
    except (jinja2.TemplateError, RenderError) as exc:
        raise RenderError(f"{_template_line(exc)}: {exc} (rendering {name})") from None


def _template_line(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "template"
