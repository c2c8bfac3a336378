"""Text fit to publish: no field so long, or word so unbroken, that a document cannot lay it out."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from dwcp.lint.findings import Severity, Step
from dwcp.lint.rules.rule import Context, Options, Violation, rule
from dwcp.source.positions import Loc


class TextOptions(Options):
    max_word: int = 100
    """Longest run of characters without a space (a long web address still fits)."""
    max_length: int = 10_000
    """Longest text of one field; narrative belongs in several paragraphs or an annex."""


def _texts(value: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name))
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))


@rule(
    "DW092",
    "text-too-long",
    Severity.WARNING,
    Step.FILE,
    "A text field is too long, or holds a word too long, to lay out in a document.",
    options=TextOptions,
)
def text_too_long(ctx: Context) -> Iterator[Violation]:
    limits = ctx.settings(TextOptions)
    unbroken = re.compile(rf"\S{{{limits.max_word + 1},}}")
    for loc, text in _texts(ctx.programme, ()):
        if len(text) > limits.max_length:
            yield Violation(
                loc,
                f"text of {len(text):,} characters, more than the {limits.max_length:,} a field "
                "may hold",
                "split it into shorter fields or move the detail to an annex",
            )
        word = unbroken.search(text)
        if word is not None:
            yield Violation(
                loc,
                f"a word of {len(word.group(0)):,} characters without a space, more than "
                f"{limits.max_word}",
                "add spaces, or shorten it (documents break such words anywhere)",
            )
