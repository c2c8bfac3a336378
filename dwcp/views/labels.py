"""Words instead of ids for templates: strategic objectives by title, P&B references with
their titles, UN outcomes and national goals by statement, regions by name, the document's
title and generation. Each is a Jinja filter (see dwcp.views.environment); the names come
from the catalogue the programmes were linted against and from catalogues/ilo_style.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from dwcp.domain.catalogue import (
    Catalogue,
    PbIndicator,
    PbOutcome,
    PbOutput,
    load_catalogue,
    title_in,
)
from dwcp.domain.pb_codes import sorted_references
from dwcp.model import Programme
from dwcp.model.results_framework import PbReference, UnLink
from dwcp.views import locale


def objective_title(objective: str, catalogue: Catalogue, language: str) -> str:
    """ "Social protection", "Protection sociale"; the id itself when the catalogue lacks it."""
    translated = locale.style().strategic_objectives.get(objective, {}).get(language)
    if translated:
        return translated
    entries = [*catalogue.strategic_objectives, *catalogue.cross_cutting]
    return next((o.title for o in entries if o.id == objective), objective)


def region_name(region: str, catalogue: Catalogue, language: str) -> str:
    """ "Asia and the Pacific", "Asie et Pacifique"; the id itself when unknown."""
    translated = locale.style().regions.get(region, {}).get(language)
    if translated:
        return translated
    return next((r.name for r in catalogue.regions if r.id == region), region)


def pb_label(ref: PbReference, catalogue: Catalogue, language: str) -> str:
    """ "P&B 2024-25, outcome 1, output 1.2: <the output's title>"; the title in the
    document's language where the catalogue has it, else none (a French document never
    prints an English title)."""
    words = locale.style().pb_words.get(language, locale.style().pb_words["en"])
    parts = [f"{words['pb']} {ref.biennium}", f"{words['outcome']} {ref.outcome}"]
    parts += [f"{words['output']} {ref.output}"] if ref.output else []
    parts += [f"{words['indicator']} {ref.indicator}"] if ref.indicator else []
    label = words.get("separator", ", ").join(parts)
    title = _pb_title(ref, catalogue, language)
    return f"{label}: {title}" if title else label


def _pb_title(ref: PbReference, catalogue: Catalogue, language: str) -> str | None:
    entry: PbOutcome | PbOutput | PbIndicator | None
    if ref.indicator:
        entry = catalogue.pb_indicator(ref.biennium, ref.indicator)
    elif ref.output:
        entry = catalogue.pb_output(ref.biennium, ref.output)
    else:
        entry = catalogue.pb_outcome(ref.biennium, ref.outcome)
    return title_in(entry, language) if entry else None


def pb_sorted(refs: Iterable[PbReference]) -> list[PbReference]:
    """In numeric order: 2010-11 outcome 2 before outcome 11."""
    return sorted_references(list(refs))


def un_statement(link: UnLink | str, programme: Programme) -> str:
    """The statement of the UN framework outcome (or output) a link names, after its id:
    "UNSDCF-2: By 2026, more people ..."; the id alone when the file does not list it."""
    outcome_id = link if isinstance(link, str) else link.outcome
    output_id = None if isinstance(link, str) else link.output
    for outcome in programme.context.un_outcomes():
        if outcome.id != outcome_id:
            continue
        if output_id is None:
            return f"{outcome.id}: {outcome.statement.rstrip('.')}"
        output = next((o for o in outcome.outputs if o.id == output_id), None)
        if output is not None:
            return f"{output.id}: {output.statement.rstrip('.')}"
    return outcome_id if output_id is None else f"{outcome_id}/{output_id}"


def goal_statement(goal: str, programme: Programme) -> str:
    """The statement of a national goal by its id ("SEDP-G1: ..."); the id alone if unknown."""
    for framework in programme.context.national_frameworks:
        for listed in framework.goals:
            if listed.id == goal:
                return f"{listed.id}: {listed.statement.rstrip('.')}"
    return goal


def document_title(programme: Programme) -> str:
    """The title, followed by the period only when the title does not already name it:
    "Decent Work Country Programme Viet Nam 2017-2021", not "... 2017-2021 (2017\u20132021)"."""
    start, end = str(programme.period.start), str(programme.period.end)
    if start in programme.title and end in programme.title:
        return programme.title
    return f"{programme.title} ({start}\u2013{end})"


def filters(catalogue: Catalogue, language: str) -> dict[str, Callable[..., Any]]:
    """The template filters of this module, bound to the catalogue and the language."""
    return {
        "objective": lambda v: objective_title(v, catalogue, language),
        "region": lambda v: region_name(v, catalogue, language),
        "pb": lambda v: pb_label(v, catalogue, language),
        "pb_sorted": pb_sorted,
        "un_statement": un_statement,
        "goal_statement": goal_statement,
        "document_title": document_title,
        "generation": lambda v: locale.programme_generation(v, language),
        "country": lambda v, form="short": _country(v, form, language),
    }


def _country(alpha3: str, form: str, language: str) -> str:
    """`p.country | country` short name; `country('text')` with its article;
    `country('formal')`; `country('for')`: "pour le Viet Nam"."""
    forms = {
        "short": locale.country_name,
        "text": locale.country_in_text,
        "formal": locale.country_formal,
        "for": locale.for_country,
    }
    return forms.get(form, locale.country_name)(alpha3, language)


@cache
def builtin_catalogue() -> Catalogue:
    """The built-in catalogue, for rendering without a repository's own."""
    return load_catalogue()
