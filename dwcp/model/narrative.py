"""The prose of a programme document: analysis, strategy, statements, the glossary.

Every prose field is Markdown (CommonMark). It is written either as one text, or as a list
of paragraphs of which some may be kept out of public documents (`internal: true`), like
every other internal item.
"""

from __future__ import annotations

from pydantic import Field

from dwcp.model.common import Model, PartyGroup, Text, Visible


class Paragraph(Visible):
    """One paragraph of prose (Markdown); an internal one is left out of public documents."""

    text: Text


Prose = Text | list[Paragraph]
"""Markdown prose: one text, or paragraphs some of which may be internal."""


class Statement(Visible):
    """A statement by one constituent group (or the ILO, the UN) in the document's opening."""

    group: PartyGroup
    by: str | None = None
    """Who makes it: the organization, and perhaps the person and title."""
    text: Prose


class Situation(Model):
    """The analysis of decent work in the country, by pillar of the Decent Work Agenda."""

    overview: Prose | None = None
    """The economic and social setting: growth, population, labour market at a glance."""
    employment: Prose | None = None
    """Employment: jobs, skills, enterprises, informality, youth."""
    social_protection: Prose | None = None
    """Social protection: social security coverage, occupational safety and health, wages."""
    social_dialogue: Prose | None = None
    """Social dialogue and tripartism: the constituents, collective bargaining, institutions."""
    standards: Prose | None = None
    """Standards and fundamental principles and rights at work: ratifications, child labour,
    forced labour, discrimination, freedom of association."""
    gender_equality: Prose | None = None
    """Gender equality and non-discrimination across the pillars."""


class Acronym(Model):
    """An abbreviation the document uses, and what it stands for."""

    term: str = Field(min_length=1, max_length=30)
    meaning: Text


class Narrative(Model):
    """The prose of the programme document, in the order a DWCP reads."""

    foreword: Prose | None = None
    statements: list[Statement] = []
    """Statements by the constituents (and the ILO or the UN) opening the document."""
    executive_summary: Prose | None = None
    formulation: Prose | None = None
    """How the programme was formulated and validated: consultations, workshops, dates."""
    situation: Situation = Situation()
    comparative_advantage: Prose | None = None
    """What the ILO brings that others do not: tripartism, standards, technical expertise."""
    lessons: Prose | None = None
    """The lessons of the previous programme, as prose (context.lessons_learned lists them)."""
    implementation: Prose | None = None
    """How the programme is implemented and coordinated, besides the management fields."""
    communication: Prose | None = None
    """The communication and advocacy plan."""
    funding: Prose | None = None
    """The funding and resource mobilisation strategy."""
    glossary: list[Acronym] = []
    """Acronyms the document uses besides the standard ILO and UN ones dwcp knows."""
