"""A translation file: the text of a programme's passages in another language.

A translation lives beside its programme, in `<stem>.<lang>.yaml` (VNM-2017-2021.fr.yaml
translates VNM-2017-2021.yaml into French), rather than inline as `{en: ..., fr: ...}` in the
programme. Why a sibling file:

- the programme stays the signed text, its schema and every rule unchanged: a translation
  cannot alter what the constituents validated;
- translators work in their own file, often on another schedule, and their changes show in
  review as changes to the translation only;
- each passage records a hash of the original text it translates, so a translation made
  before the original changed is detected (lint rule DW093) rather than silently published.

Passages are keyed by the id of the item that holds them (`VNM101: {statement: ...}`) and,
for the programme's own fields, under `programme:`; a field inside an item without an id of
its own is named by its path, such as `baseline.description` under the indicator's id.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from dwcp.model.common import Model, Text
from dwcp.model.record import Language

HASH_LENGTH = 12
"""Hex digits kept of the SHA-256 of an original passage: enough to tell two texts apart."""

PassageHash = Annotated[
    str, Field(pattern=rf"^[0-9a-f]{{{HASH_LENGTH}}}$", examples=["3f9a1c02d4e7"])
]


class TranslatedPassage(Model):
    """One passage in the translation's language.

    `original` comes first, as translation files write it (`{original: "<hash>", text: ...}`,
    the short hash before the long text): `dwcp fmt` orders keys as the fields are declared.
    """

    original: PassageHash
    """The hash of the original text this translates (`dwcp lint` gives it, DW093): when the
    original changes, the translation is known to be older."""
    text: Text


class Translation(Model):
    """The passages of one programme translated into one language."""

    language: Language
    """The language of this file; it must match the file name (VNM-2017-2021.fr.yaml: fr)."""
    programme: dict[str, TranslatedPassage] = {}
    """The programme's own fields: title and the like."""
    items: dict[str, dict[str, TranslatedPassage]] = {}
    """By item id (a priority, outcome, indicator, output, risk ...), its fields."""
