"""The one Jinja environment factory: sandboxed, strict, escaping by output format."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.nodes import EvalContext
from jinja2.runtime import LoopContext, Macro
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup
from pydantic import BaseModel

from dwcp.domain.catalogue import Catalogue
from dwcp.domain.passages import Untranslated
from dwcp.domain.vocabulary import RIGHT_TO_LEFT
from dwcp.errors import RenderError
from dwcp.escape import markdown_text
from dwcp.resources import Templates
from dwcp.views import labels, locale, prose
from dwcp.views.compiled_templates import CompiledFirstLoader
from dwcp.views.document_filters import document_filters
from dwcp.views.i18n import Translator

if TYPE_CHECKING:
    from _typeshed import DataclassInstance as Context


class Sandbox(SandboxedEnvironment):
    """The sandbox, reading the fields of typed contexts and of the programme model, and
    calling dwcp's label function `t()` and the templates' own macros, directly.

    Documents make thousands of such look-ups and hundreds of such calls; all are safe by
    construction (declared data fields, dwcp's code, and template code that is itself
    sandboxed), so the per-access checks are skipped for them alone. Of a pydantic model a
    template reads the fields only, not its methods (model_dump, model_copy...); every other
    attribute and call is checked as usual.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        names = _FIELDS.get(type(obj))  # the look-up inline: templates make thousands
        if attribute in (names if names is not None else _fields_of(type(obj))):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel):
            return attr in _fields_of(type(obj))
        return super().is_safe_attribute(obj, attr, value)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        if type(obj) is Translator:
            return obj(*args, **kwargs)
        if type(obj) is Macro:
            return context.call(obj, *args, **kwargs)
        return super().call(context, obj, *args, **kwargs)


_CACHE: dict[tuple[Templates, str | None, str], SandboxedEnvironment] = {}
# The data fields of each type a template has read: a plain dict look-up on the hot path.
# Jinja's own `loop` object joins them: its counters are plain read-only properties.
_FIELDS: dict[type, frozenset[str]] = {
    LoopContext: frozenset(
        ("index", "index0", "revindex", "revindex0", "first", "last", "length", "depth", "depth0")
    )
}


def environment_for(
    templates: Templates, translate: Translator | None = None, catalogue: Catalogue | None = None
) -> SandboxedEnvironment:
    """The only Jinja environment dwcp makes, for documents, reports and the site: sandboxed
    (templates cannot reach Python internals), StrictUndefined (a misspelt field is an error,
    not an empty string), autoescaping every HTML template, and with `translate` the
    language's labels `t()`, `lang` and filters (those of dwcp.views.labels read `catalogue`,
    the built-in one when None). One per template sources, language and catalogue, so
    templates compile once a run, in memory only: compiled code on disk could be planted by
    anyone who can write the folder it is read from."""
    language = translate.language if translate is not None else None
    key = (templates, language, catalogue.fingerprint() if catalogue is not None else "")
    env = _CACHE.get(key)
    if env is None:
        env = _CACHE[key] = _environment(templates, translate, catalogue)
    return env


def _environment(
    templates: Templates, translate: Translator | None, catalogue: Catalogue | None
) -> SandboxedEnvironment:
    env = Sandbox(
        loader=CompiledFirstLoader(templates),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_mark_untranslated,
        # No constant folding: it would run the language's filters at compile time, and
        # the package's templates are compiled once for every language (compiled_templates).
        optimized=False,
    )
    if translate is None:
        return env
    language = translate.language
    filters: dict[str, Callable[..., Any]] = {
        "number": lambda v: locale.number(v, language),
        "money": lambda v, currency: locale.money(v, currency, language),
        "money_short": lambda v, currency: locale.money_short(v, currency, language),
        "date": lambda v: locale.date(v, language),
        "md": _markdown,
        **labels.filters(catalogue or labels.builtin_catalogue(), language),
        **document_filters(translate),
        # Prose fields (CommonMark): safe HTML for HTML templates, sanitized Markdown for
        # Markdown ones; the optional argument is the first heading level prose may use.
        "commonmark": prose.to_html,
        "commonmark_md": prose.to_markdown,
    }
    env.filters.update(filters)
    env.globals["t"] = translate
    env.globals["lang"] = language
    env.globals["dir"] = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    return env


def compiling_environment() -> SandboxedEnvironment:
    """The environment the package's templates are compiled ahead of time in: the built-in
    templates with every filter (code does not depend on the language: no folding)."""
    templates = Templates(())
    return _environment(templates, Translator(templates.messages, "en"), None)


@jinja2.pass_eval_context
def _mark_untranslated(eval_ctx: EvalContext, value: object) -> object:
    """A passage a translation lacks, printed in the original: marked so the reader sees it
    (HTML: its language and a class the stylesheet shows; Markdown: the language code)."""
    if not isinstance(value, Untranslated):
        return value
    if eval_ctx.autoescape:
        direction = "rtl" if value.language in RIGHT_TO_LEFT else "ltr"
        return Markup('<span lang="{}" dir="{}" class="untranslated">{}</span>').format(
            value.language, direction, str(value)
        )
    return f"{value} [{value.language}]"


def _markdown(value: object) -> str:
    text = markdown_text(value)
    return rf"{text} \[{value.language}\]" if isinstance(value, Untranslated) else text


def _fields_of(kind: type) -> frozenset[str]:
    """`_data_fields`, found once per type."""
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = _data_fields(kind)
    return names


def _data_fields(cls: type) -> frozenset[str]:
    """The declared fields of a typed context (a dataclass) or a pydantic model; none else."""
    if issubclass(cls, BaseModel):
        names = list(cls.model_fields)
    elif is_dataclass(cls):
        names = [f.name for f in fields(cls)]
    else:
        names = []
    return frozenset(n for n in names if not n.startswith("_"))


def render_template(env: jinja2.Environment, template: str, context: Context, name: str) -> str:
    """Render one template with a typed context, whose fields are the template's top-level
    names; any template problem becomes a RenderError naming the template file and line and
    what was being rendered, never a traceback."""
    names = {f.name: getattr(context, f.name) for f in fields(context)}
    try:
        return env.get_template(template).render(names)
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
