"""Every name a built-in template reads is declared by its typed context.

The templates are read statically, every branch included: top-level names must be fields of
the context (or the environment's globals), and attribute chains that start from a typed
value (a context field, a loop over a typed list, a `set` of one) must follow declared
fields of dataclasses and of the programme model. A repository's own templates may rely on
these names, so a template that reads an undeclared one fails here, not in a user's render.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import Any

import pytest
from jinja2 import meta, nodes
from jinja2.exceptions import SecurityError
from pydantic import BaseModel

from dwcp.model import Programme
from dwcp.resources import Templates
from dwcp.views.documents.template_data import DocumentContext, SiteIndex
from dwcp.views.environment import environment_for
from dwcp.views.i18n import Translator
from dwcp.views.reports.html import ReportPage
from tests.helpers import BUILTIN_TEMPLATES, clean_data

CONTEXTS: dict[str, tuple[type, bool]] = {
    "documents/programme.html.j2": (DocumentContext, True),
    "documents/programme.md.j2": (DocumentContext, True),
    "documents/progress.html.j2": (DocumentContext, True),
    "documents/progress.md.j2": (DocumentContext, True),
    "site/index.html.j2": (SiteIndex, True),
    "reports/report.html.j2": (ReportPage, False),
}
"""Each template's context type, and whether it is rendered with the labels (t, lang)."""


def _declared(kind: type) -> dict[str, Any] | None:
    """A typed value's fields and their types; None for anything else (not checked)."""
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {name: f.annotation for name, f in kind.model_fields.items()}
    if isinstance(kind, type) and is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return {f.name: hints[f.name] for f in fields(kind)}
    return None


def _plain(kind: Any) -> Any:
    """`X | None` and Annotated[X, ...] as X."""
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _plain(typing.get_args(kind)[0])
    if origin in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(kind) if a is not type(None)]
        return _plain(rest[0]) if len(rest) == 1 else None
    return kind


def _item(kind: Any) -> Any:
    """The type of one item of a list or tuple type; None when unknown."""
    kind = _plain(kind)
    origin = typing.get_origin(kind)
    if origin in (list, Sequence) or (origin is tuple and len(typing.get_args(kind)) == 2):
        return typing.get_args(kind)[0]
    return None


class Checker:
    """Walks a template, typing names where it can, and records undeclared attributes."""

    def __init__(self, template: str) -> None:
        self.template = template
        self.problems: list[str] = []

    def type_of(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        if isinstance(node, nodes.Name):
            return scope.get(node.name)
        if isinstance(node, nodes.Getattr):
            return self.attribute(self.type_of(node.node, scope), node.attr, node.lineno)
        if isinstance(node, nodes.Getitem):
            self.visit(node.arg, scope)
            return _item(self.type_of(node.node, scope))
        self.visit_children(node, scope)
        return None

    def attribute(self, kind: Any, name: str, line: int) -> Any:
        declared = _declared(_plain(kind))
        if declared is None:
            return None
        if name not in declared:
            owner = _plain(kind).__name__
            self.problems.append(f"{self.template}:{line}: {owner} declares no {name!r}")
            return None
        return declared[name]

    def bind(self, target: nodes.Node, kind: Any, scope: dict[str, Any]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = kind
        elif isinstance(target, nodes.Tuple):
            parts = typing.get_args(_plain(kind)) if kind is not None else ()
            for i, item in enumerate(target.items):
                self.bind(item, parts[i] if i < len(parts) else None, scope)

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            inner = {**scope, "loop": None}
            self.bind(node.target, _item(self.type_of(node.iter, scope)), inner)
            for child in [*node.body, *([node.test] if node.test else [])]:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.type_of(node.node, scope), scope)
        elif isinstance(node, nodes.Macro):
            inner = {**scope, **{arg.name: None for arg in node.args}}
            for child in [*node.defaults, *node.body]:
                self.visit(child, inner)
        elif isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            self.type_of(node, scope)
        else:
            self.visit_children(node, scope)

    def visit_children(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        for child in node.iter_child_nodes():
            self.visit(child, scope)


def problems(name: str, source: str, context: type, labelled: bool) -> list[str]:
    """What `source` (the template `name`) reads that `context` does not declare."""
    templates = Templates()
    translate = Translator(templates.messages, "en") if labelled else None
    env = environment_for(templates, translate)
    tree = env.parse(source)
    declared = _declared(context)
    assert declared is not None
    # A name set in one branch only counts as undeclared to Jinja; it is the template's own.
    own = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    unknown = meta.find_undeclared_variables(tree) - own - set(declared) - set(env.globals)
    checker = Checker(name)
    checker.visit(tree, dict(declared))
    return [f"{name}: no {n!r} in {context.__name__}" for n in sorted(unknown)] + checker.problems


@pytest.mark.parametrize("name", CONTEXTS)
def test_builtin_templates_read_only_declared_names(name: str) -> None:
    context, labelled = CONTEXTS[name]
    source = (BUILTIN_TEMPLATES / name).read_text(encoding="utf-8")
    assert problems(name, source, context, labelled) == []


def test_every_builtin_template_has_a_context() -> None:
    found = {p.relative_to(BUILTIN_TEMPLATES).as_posix() for p in BUILTIN_TEMPLATES.rglob("*.j2")}
    assert found == set(CONTEXTS)


UNDECLARED = {
    "top-level": ("{{ nothing }}", DocumentContext, "no 'nothing'"),
    "programme": ("{{ p.no_such_field }}", DocumentContext, "Programme declares no"),
    "nested-model": (
        "{% for pr in p.priorities %}{% for o in pr.outcomes %}{{ o.colour }}{% endfor %}"
        + "{% endfor %}",
        DocumentContext,
        "Outcome declares no 'colour'",
    ),
    "optional": (
        "{% if provenance.commit %}{{ provenance.commit.author }}{% endif %}",
        DocumentContext,
        "Commit declares no 'author'",
    ),
    "set": (
        "{% set un = p.context.un_frameworks[0] %}{{ un.title }}",
        DocumentContext,
        "declares no 'title'",
    ),
    "site-row": (
        "{% for r in rows %}{% for m in r.money %}{{ m.pipeline }}{% endfor %}{% endfor %}",
        SiteIndex,
        "SiteMoney declares no 'pipeline'",
    ),
    "report-chart": (
        "{% for chart in charts %}{{ chart.source }}{% endfor %}",
        ReportPage,
        "ChartView declares no 'source'",
    ),
    "report-labels": ("{{ t('site.title') }}", ReportPage, "no 't'"),
}


@pytest.mark.parametrize("case", UNDECLARED.values(), ids=UNDECLARED.keys())
def test_an_undeclared_name_is_found(case: tuple[str, type, str]) -> None:
    source, context, expected = case
    labelled = context is not ReportPage
    found = problems("t.j2", source, context, labelled)
    assert len(found) == 1 and expected in found[0], found


@pytest.mark.parametrize("reach", ["p.model_dump()", "p.model_copy()", "p.period.years()"])
def test_of_the_programme_model_templates_read_fields_only(reach: str) -> None:
    programme = Programme.model_validate(clean_data())
    env = environment_for(Templates())
    assert env.from_string("{{ p.period.start }}").render(p=programme) == str(
        programme.period.start
    )
    with pytest.raises(SecurityError, match="unsafe"):
        env.from_string(f"{{{{ {reach} }}}}").render(p=programme)
