"""Small filters the document templates use hundreds of times per document: the internal
tag, outcome numbers, section headings. Written as Jinja macros they cost several
microseconds a call, a filter a fraction of one; each writes HTML or Markdown as the
template's escaping says."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

import jinja2
from jinja2.nodes import EvalContext
from markupsafe import Markup

from dwcp.escape import markdown_text
from dwcp.views.i18n import Translator


class _Section(Protocol):
    id: str
    key: str
    number: str | None


class _Item(Protocol):
    internal: bool


def document_filters(translate: Translator) -> dict[str, Callable[..., Any]]:
    """`item | internal_tag`, `ids | outcome_refs(numbers)`, `section | heading` and
    `sections | title(id)`, with the labels of `translate`'s language."""

    @jinja2.pass_eval_context
    def internal_tag(eval_ctx: EvalContext, item: _Item) -> str:
        """ "[Internal] " before an internal item, as a marked span in HTML, bold in Markdown."""
        if not item.internal:
            return ""
        label = translate("document.internal_item")
        if eval_ctx.autoescape:
            return Markup('<span class="internal-tag">[{}]</span> ').format(label)
        return f"**[{label}]** "

    @jinja2.pass_eval_context
    def outcome_refs(eval_ctx: EvalContext, ids: Iterable[str], numbers: Mapping[str, str]) -> str:
        """Outcome ids as the document numbers them ("1.1, 2.3"); an unknown id as written."""
        shown = [numbers.get(i, i) for i in ids]
        return ", ".join(shown if eval_ctx.autoescape else map(markdown_text, shown))

    def heading(section: _Section) -> str:
        """A section's heading with its number: "3. Country context"."""
        words = translate(f"section.{section.key}")
        return f"{section.number}. {words}" if section.number else words

    def title(sections: Sequence[_Section], section_id: str) -> str:
        """The heading of the section `section_id` (empty when the document has none)."""
        return "".join(heading(s) for s in sections if s.id == section_id)

    return {
        "internal_tag": internal_tag,
        "outcome_refs": outcome_refs,
        "heading": heading,
        "title": title,
    }
