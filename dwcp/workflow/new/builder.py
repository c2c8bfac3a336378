"""Build a new programme file: every section of the six steps in model field order, with
short guidance comments in the programme's language (ruamel.yaml round-trip objects).

What the file leaves empty is left empty on purpose (empty lists, nulls), so that the
linter's warnings list what is still to write; nothing in it looks like real data.
"""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, get_args

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from dwcp.domain.vocabulary import tripartite_groups
from dwcp.model.common import Period
from dwcp.model.narrative import Narrative, Situation
from dwcp.model.record import Status
from dwcp.workflow.fmt.order import reorder
from dwcp.workflow.new import carry
from dwcp.workflow.new.carry import Previous
from dwcp.workflow.new.guidance import Guidance, guidance

FIRST_STATUS: str = get_args(Status)[0]
"""The earliest status in the lifecycle: a new programme is being drafted."""
WIDTH = 100
"""Guidance comments are wrapped to the line length the samples use."""
_FLOW_KEYS = frozenset({"period", "by_sex", "by_sex_children"})  # short maps on one line


@dataclass(frozen=True)
class Plan:
    """Everything the new file is built from."""

    country: str
    """ISO3 code."""
    country_name: str
    """The country's name in the programme's language."""
    period: Period
    language: str
    file_name: str
    """How the file is named in the header's `dwcp lint` line."""
    schema: str
    """Path of programme.schema.json relative to the new file's folder."""
    objectives: tuple[str, ...] = ()
    """Strategic objective ids from the catalogue, quoted in the step 2 guidance."""
    previous: Previous | None = None
    for_country: str = ""
    """ "for Viet Nam", "pour le Viet Nam": the country as the title names it (UN style)."""


def build(plan: Plan) -> CommentedMap:
    """The new programme as a commented mapping, keys in Programme's field order."""
    say = guidance(plan.language)
    doc = CommentedMap()
    _identity(doc, plan, say)
    doc["narrative"] = _narrative()
    _comment(doc, "narrative", say("narrative"), 0)
    doc["context"] = _context(plan, say)
    _comment(doc, "context", say("context"), 0)
    doc["priorities"] = _priorities(plan, say)
    _comment(doc, "priorities", say("priorities", objectives=", ".join(plan.objectives)), 0)
    doc["planning"] = _map(
        currency=plan.previous.programme.planning.currency if plan.previous else "USD",
        risks=_seq(),
        assumptions=_seq(),
    )
    _comment(doc, "planning", say("planning"), 0)
    committee = _map(name=None, chair=None, meets=None, members=_seq())
    doc["management"] = _map(
        programme_manager=None,
        steering_committee=committee,
        constituent_roles=_seq(),
        implementing_partners=_seq(),
    )
    _comment(doc, "management", say("management"), 0)
    doc["monitoring"] = _map(
        arrangements=_seq(), reporting=_seq(), reviews=_seq(), satisfaction=_seq()
    )
    middle = plan.period.start + (plan.period.end - plan.period.start) // 2
    _comment(doc, "monitoring", say("monitoring", middle=middle, end=plan.period.end), 0)
    for key in ("signatories", "contacts", "notes"):
        doc[key] = _seq()
        _comment(doc, key, say(key), 0)
    # Carried items come as the model dumps them (inherited fields such as `internal` first);
    # the canonical order of `dwcp fmt` puts an item's own fields first.
    reorder(doc)
    return doc


def to_text(doc: CommentedMap | CommentedSeq) -> str:
    stream = io.StringIO()
    _yaml().dump(doc, stream)
    return stream.getvalue()


def _yaml() -> YAML:
    # ruamel's round-trip representer, as `dwcp fmt` uses: a value still to be given is
    # written empty (`generation:`), which YAML reads as null, so the file is canonical.
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # long titles and statements stay on one line, as in the samples
    return yaml


def _identity(doc: CommentedMap, plan: Plan, say: Guidance) -> None:
    previous = plan.previous.programme if plan.previous else None
    period = plan.period
    doc["country"] = plan.country
    named = plan.for_country or plan.country_name
    doc["title"] = say("title", for_country=named, start=period.start, end=period.end)
    doc["period"] = _flow(start=period.start, end=period.end)
    generation = previous.generation if previous else None
    doc["generation"] = generation + 1 if generation is not None else None
    doc["status"] = FIRST_STATUS
    doc["validated"] = None
    doc["language"] = plan.language
    doc["office"] = previous.office if previous else None
    doc["previous"] = plan.previous.stem if plan.previous else None
    doc["revisions"] = _seq()
    for key in ("generation", "office", "previous"):
        if doc[key] is None:
            _eol(doc, key, say(key))
    _eol(doc, "status", say("status"))
    _eol(doc, "revisions", say("revisions"))
    values = {"country": plan.country_name, "start": period.start, "end": period.end}
    header = [f"yaml-language-server: $schema={plan.schema}"]
    header += _lines(say("header", file=plan.file_name, **values), 0)
    if plan.previous:
        header += _lines(say("header_from", previous=plan.previous.stem), 0)
    doc.yaml_set_start_comment("\n".join(header))


def _context(plan: Plan, say: Guidance) -> CommentedMap:
    context = CommentedMap()
    notes: dict[str, list[str]] = {key: [say(key)] for key in _CONTEXT_KEYS}
    previous = plan.previous
    if previous is None:
        context["national_frameworks"] = _seq()
        context["un_frameworks"] = _seq()
        blanks = [carry.blank_constituent(group) for group in tripartite_groups()]
        context["constituents"] = _node(blanks)
        for key in _CONTEXT_KEYS[3:]:
            context[key] = _blank(key)
    else:
        _carried_context(context, notes, previous, plan.period, say)
    for key, lines in notes.items():
        _comment(context, key, "\n".join(lines), 2)
    return context


_CONTEXT_KEYS = (
    "national_frameworks",
    "un_frameworks",
    "constituents",
    "projects",
    "lessons_learned",
    "partnerships",
    "statistics",
    "tripartite_body",
    "labour_standards",
)


def _blank(key: str) -> Any:
    """A context section still to write: an empty list; nothing for the tripartite body,
    which needs a name; the two lists of the labour standards."""
    if key == "tripartite_body":
        return None
    if key == "labour_standards":
        return _map(ratifications=_seq(), supervisory_comments=_seq())
    return _seq()


def _carried_context(
    context: CommentedMap,
    notes: dict[str, list[str]],
    previous: Previous,
    period: Period,
    say: Guidance,
) -> None:
    old, stem = previous.programme, previous.stem
    span = {"previous": stem, "start": period.start, "end": period.end}
    frameworks = _node(carry.national_frameworks(old))
    for framework, model in zip(frameworks, old.context.national_frameworks, strict=True):
        if model.period is not None and model.period.end < period.start:
            _comment(framework, "period", say("framework_ended", end=model.period.end), 6)
    context["national_frameworks"] = frameworks
    context["un_frameworks"] = _node(carry.un_frameworks(old, period))
    for un in carry.un_frameworks_left(old, period):
        if un.period is not None:
            notes["un_frameworks"].append(
                say("un_framework_left", un_start=un.period.start, un_end=un.period.end, **span)
            )
    if carry.reasons_dropped(old, period):
        notes["un_frameworks"].append(say("un_framework_reasons_left", previous=stem))
    context["constituents"] = _node(carry.constituents(old))
    notes["constituents"].append(say("constituents_from", previous=stem))
    context["projects"] = _node(carry.continuing_projects(old, period))
    if carry.links_dropped(old, period):
        notes["projects"].append(say("projects_from", **span))
    elif context["projects"]:
        notes["projects"].append(say("carried", previous=stem))
    for key, models in (
        ("lessons_learned", old.context.lessons_learned),
        ("partnerships", old.context.partnerships),
        ("statistics", old.context.statistics),
    ):
        context[key] = _node(carry.items(models))
        if models:
            notes[key].append(say("carried", previous=stem))
    body = old.context.tripartite_body
    context["tripartite_body"] = _node(carry.written(body)) if body else None
    context["labour_standards"] = _node(carry.labour_standards(old)) or _blank("labour_standards")
    for key in ("tripartite_body", "labour_standards"):
        if context[key]:
            notes[key].append(say("carried", previous=stem))


def _priorities(plan: Plan, say: Guidance) -> CommentedSeq:
    """One priority to name, with no outcome yet: the outcome is sketched in comments.

    A real but empty outcome would be a linter error (gender effect, P&B link, indicator,
    baseline and target are errors even while drafting), while a priority without outcomes
    is only a warning in a draft.
    """
    priority = _map(
        id=f"{plan.country}-P1",
        title=say("priority_title"),
        rationale=None,
        strategic_objectives=_seq(),
        national_goals=_seq(),
        un_outcomes=_seq(),
        sdg_targets=_seq(),
        outcomes=_seq(),
    )
    _comment(priority, "outcomes", say("outcomes"), 4)
    _comment_after(priority, "outcomes", _outcome_sketch(plan, say), 4)
    return _seq(priority)


def _narrative() -> CommentedMap:
    """Every prose field empty, in the model's order (lists as empty lists)."""
    lists = ("statements", "glossary")
    empty: dict[str, Any] = {n: _seq() if n in lists else None for n in Narrative.model_fields}
    empty["situation"] = _map(**dict.fromkeys(Situation.model_fields))
    return _map(**empty)


def _outcome_sketch(plan: Plan, say: Guidance) -> list[str]:
    """An outcome with one indicator, in model field order, as YAML text to uncomment."""
    period = plan.period
    code = f"{plan.country}101"
    bienniums = _bienniums(period)
    baseline = _map(value=None, year=None, source=None)
    target = _flow(value=None, year=period.end)
    indicator = _map(
        id=f"{code}-1",
        statement=say("skeleton_indicator"),
        unit=None,
        baseline=baseline,
        target=target,
        milestones=_seq(),
        means_of_verification=_seq(),
        disaggregation=_flow_seq("sex"),
        actuals=_seq(),
    )
    _eol(indicator, "baseline", say("skeleton_baseline"))
    _eol(indicator, "target", say("skeleton_target", start=period.start, end=period.end))
    reference = _flow(biennium=bienniums[0], outcome=None)
    outcome = _map(
        id=code,
        statement=say("skeleton_statement", end=period.end),
        enabling=False,
        cross_cutting=False,
        biennia=_flow_seq(*bienniums),
        effect_on_women_and_men=say("skeleton_effect"),
        pb_outcomes=_seq(reference),
        un_outcomes=_seq(),
        conventions=_seq(),
        indicators=_seq(indicator),
        outputs=_seq(),
        budget_required=_seq(),
        resources=_seq(),
        responsible=None,
        strategy=None,
        theory_of_change=None,
    )
    _eol(outcome, "pb_outcomes", say("skeleton_pb_number"))
    return textwrap.dedent(to_text(_seq(outcome))).splitlines()


def _bienniums(period: Period) -> list[str]:
    """The ILO bienniums the period touches: 2023-2027 gives 2022-23, 2024-25 and 2026-27."""
    return [str(biennium) for biennium in period.bienniums()]


def _comment(mapping: CommentedMap, key: str, text: str, indent: int) -> None:
    """Guidance above a key; top-level sections get a blank line before it."""
    lines = _lines(text, indent)
    if indent == 0:
        lines.insert(0, "")
    mapping.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=indent)


def _comment_after(mapping: CommentedMap, key: str, lines: Sequence[str], indent: int) -> None:
    """Comment lines right after a key's one-line value (ruamel has no public call for it)."""
    pad = " " * indent
    body = "".join(f"{pad}# {line}".rstrip() + "\n" for line in lines)
    slots = mapping.ca.items.setdefault(key, [None, None, None, None])
    slots[2] = CommentToken("\n" + body, CommentMark(0), None)


def _eol(mapping: CommentedMap, key: str, text: str) -> None:
    """A comment at the end of a key's line (the emitter puts one space before the token)."""
    slots = mapping.ca.items.setdefault(key, [None, None, None, None])
    slots[2] = CommentToken(f" # {text}\n", CommentMark(0), None)


def _lines(text: str, indent: int) -> list[str]:
    """Each paragraph of `text` wrapped to fit the line after the indent and `# `."""
    width = WIDTH - indent - 2
    return [
        line
        for paragraph in text.split("\n")
        for line in textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    ]


def _map(**items: Any) -> CommentedMap:
    mapping = CommentedMap()
    mapping.update(items)
    return mapping


def _flow(**items: Any) -> CommentedMap:
    mapping = _map(**items)
    mapping.fa.set_flow_style()
    return mapping


def _seq(*items: Any) -> CommentedSeq:
    return CommentedSeq(items)


def _flow_seq(*items: Any) -> CommentedSeq:
    sequence = _seq(*items)
    sequence.fa.set_flow_style()
    return sequence


def _node(value: Any, key: str = "") -> Any:
    """Plain data (from carried models) as round-trip YAML nodes: mappings keep their order,
    amounts become plain numbers, text on several lines becomes a literal block."""
    if isinstance(value, Mapping):
        mapping = _map(**{str(k): _node(v, str(k)) for k, v in value.items()})
        if key in _FLOW_KEYS:
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list | tuple):
        return _seq(*(_node(item) for item in value))
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dt.date | int | float | str | bool) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} into a programme file")
