"""Identity of a programme: who, where, when and in which state."""

from __future__ import annotations

from typing import Literal

from dwcp.model.common import Date, Model, Text, Visible

Status = Literal[
    "drafting",
    "consultation",
    "validated",
    "signed",
    "implementation",
    "review",
    "extended",
    "closed",
]
GuidanceLanguage = Literal["en", "fr", "es"]
"""The languages dwcp also writes `dwcp new` guidance and reads outcome wording in."""
Language = Literal[GuidanceLanguage, "ar", "pt", "ru"]
"""The languages of a programme and of its documents' labels (Arabic is written right to left)."""

# Statuses before validation, while the text is still being drafted with the constituents.
DRAFT_STATUSES: frozenset[str] = frozenset({"drafting", "consultation"})
# Statuses at or after signature, when a programme must be complete and signed.
SIGNED_STATUSES: frozenset[str] = frozenset(
    {"signed", "implementation", "review", "extended", "closed"}
)


class Revision(Model):
    """One entry of the revisions log."""

    date: Date
    summary: Text
    by: str | None = None
    """Who made or approved the revision."""


class Contact(Visible):
    """A person to contact; internal unless marked otherwise."""

    name: Text
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    internal: bool = True


class Note(Visible):
    """A free note for the programme team; internal unless marked otherwise."""

    text: Text
    internal: bool = True
