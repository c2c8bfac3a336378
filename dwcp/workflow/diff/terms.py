"""What a change is called in programme terms: the `Terms` the walk compares a programme with.

Items are known by their natural keys (an id, a project's symbol, a review's kind) and named
with the programme's nouns ("Indicator ZMB101.1", "Priority P1 UN outcome X"). Some fields
read better in domain words than as field paths: a period as a span of years, an indicator's
baseline, target, milestones and actuals with their unit, outcomes matched across priorities
(so moving one is a move). Amounts of money are compared in `budget.py`, not here; how single
values read (amounts, quotes, units) is in `words.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from dwcp.workflow.diff.model import Change
from dwcp.workflow.diff.walk import At, Data, Hook, Terms, dicts, match, walk, walk_list
from dwcp.workflow.diff.words import humane, plain_fields, summary, value, with_unit

# Natural keys of list items, by list name. Ids make an item's label stand on its own
# ("Indicator ZMB101.1"); other keys are read under their parent ("Priority P1 UN outcome X").
_ID_KEYS: dict[str, str] = {
    "priorities": "id",
    "outcomes": "id",
    "indicators": "id",
    "outputs": "id",
    "national_frameworks": "id",
    "goals": "id",
    "risks": "id",
    "projects": "symbol",
    "un_frameworks": "id",
}
_NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "revisions": ("date",),
    "constituents": ("group",),
    "contributes_to": ("outcome",),
    "un_outcomes": ("outcome", "output"),
    "un_frameworks": ("kind",),
    "lessons_learned": ("text",),
    "partnerships": ("partner",),
    "statistics": ("name",),
    "members": ("organization",),
    "constituent_roles": ("group",),
    "implementing_partners": ("name",),
    "arrangements": ("what",),
    "reporting": ("report",),
    "reviews": ("kind",),
    "satisfaction": ("group", "year"),
    "signatories": ("organization",),
    "contacts": ("name",),
    "notes": ("text",),
    "pb_outcomes": ("biennium", "outcome", "output", "indicator"),
    "milestones": ("year",),
    "actuals": ("date",),
    "resources": ("source", "biennium", "status", "currency"),
    "budget_required": ("biennium", "currency"),
    "composition": ("group",),
    "ratifications": ("instrument",),
    "supervisory_comments": ("body", "year", "instrument"),
}
_NOUNS: dict[str, str] = {
    "priorities": "priority",
    "outcomes": "outcome",
    "indicators": "indicator",
    "outputs": "output",
    "national_frameworks": "national framework",
    "un_frameworks": "UN framework",
    "goals": "national goal",
    "risks": "risk",
    "projects": "project",
    "revisions": "revision",
    "constituents": "constituent group",
    "contributes_to": "contribution to",
    "un_outcomes": "UN outcome",
    "lessons_learned": "lesson",
    "partnerships": "partnership",
    "statistics": "statistic",
    "members": "steering committee member",
    "constituent_roles": "role of",
    "implementing_partners": "implementing partner",
    "arrangements": "monitoring arrangement",
    "reporting": "report",
    "reviews": "review",
    "satisfaction": "satisfaction survey",
    "signatories": "signatory",
    "contacts": "contact",
    "notes": "note",
    "pb_outcomes": "P&B outcome",
    "milestones": "milestone",
    "actuals": "actual",
    "resources": "resource",
    "budget_required": "budget line",
    "composition": "tripartite body seat of",
    "ratifications": "ratification",
    "supervisory_comments": "supervisory comment",
}
# Items whose text fields are not a description of the item (a signatory's `title` is the
# signer's title), so their summary lists the plain fields instead.
_PLAIN_SUMMARY = frozenset({"signatories", "reviews", "members", "satisfaction", "pb_outcomes"})
_KEY_LENGTH = 40


def key_of(name: str, item: Data) -> str:
    """The natural key of a list item as text: `P1`, `annual-review`, `2018-19 1`."""
    if name in _ID_KEYS and item.get(_ID_KEYS[name]) is not None:
        return _key_text(item[_ID_KEYS[name]])
    fields = _NATURAL_KEYS.get(name, ())
    parts = [_key_text(item[f]) for f in fields if item.get(f) is not None]
    if parts:
        return " ".join(parts)
    # No key of its own (a risk without id): its first words stand for it.
    return summary(item).strip('"')[:_KEY_LENGTH]


def _key_text(raw: object) -> str:
    text = raw if isinstance(raw, str) else value(raw)
    text = " ".join(text.split())
    return text if len(text) <= _KEY_LENGTH else text[: _KEY_LENGTH - 1] + "…"


def _keyed(name: str) -> Callable[[Data], str]:
    return lambda item: key_of(name, item)


def item_at(at: At, name: str, item: Data) -> At:
    key = key_of(name, item)
    noun = "UN outcome" if _un_outcomes(at) else _NOUNS.get(name)
    noun = noun or humane(name)
    if name in _ID_KEYS or not at.label:
        label = f"{noun[0].upper()}{noun[1:]} {key}"
    else:
        label = f"{at.label} {noun} {key}"
    unit = item.get("unit") if name == "indicators" else None
    return at.item(key, label, name, str(unit) if unit is not None else None)


def _un_outcomes(at: At) -> bool:
    """Whether the walk is in a UN framework's outcomes, in either form of the file."""
    listed = at.owner == "un_frameworks" and at.trail == ("outcomes",)
    return listed or at.trail[-2:] == ("un_framework", "outcomes")


def summary_of(name: str, item: Data) -> str:
    if name in _PLAIN_SUMMARY:
        keys = _NATURAL_KEYS.get(name, ())
        return plain_fields({k: v for k, v in item.items() if k not in keys})
    return summary(item)


def hook_for(at: At) -> Hook | None:
    if not at.trail:
        return None
    if at.trail[-1] == "period":
        return _period
    return _HOOKS.get((at.owner, at.trail))


# --- hooks: where domain words say it better than field paths --------------------------------


def _period(old: object, new: object, at: At, out: list[Change]) -> None:
    if old == new:
        return
    out.append(Change("changed", at.path, old, new, f"{at.where()}: {_span(old)} -> {_span(new)}"))


def _span(period: object) -> str:
    if isinstance(period, dict):
        span = f"{period.get('start')}-{period.get('end')}"
        extended = period.get("extended_to")
        return span if extended is None else f"{span}, extended to {extended}"
    return value(period)


def _point(old: object, new: object, at: At, out: list[Change]) -> None:
    """An indicator's baseline or target: `Indicator X target 2022: 40 -> 55 per cent`."""
    before = old if isinstance(old, dict) else {}
    after = new if isinstance(new, dict) else {}
    old_pair = (before.get("value"), before.get("year"))
    new_pair = (after.get("value"), after.get("year"))
    if old_pair != new_pair:
        if old_pair[1] == new_pair[1]:
            year = f" {new_pair[1]}" if new_pair[1] is not None else ""
            text = f"{value(old_pair[0])} -> {with_unit(value(new_pair[0]), at.unit)}"
            message = f"{at.where()}{year}: {text}"
        else:
            message = f"{at.where()}: {_in_year(old_pair)} -> {_in_year(new_pair, at.unit)}"
        shown = (
            {"value": old_pair[0], "year": old_pair[1]},
            {"value": new_pair[0], "year": new_pair[1]},
        )
        out.append(Change("changed", at.path, shown[0], shown[1], message))
    for key in [*after, *(k for k in before if k not in after)]:
        if key not in ("value", "year"):
            walk(before.get(key), after.get(key), at.field(key), out, PROGRAMME)


def _in_year(pair: tuple[object, object], unit: str | None = None) -> str:
    figure = with_unit(value(pair[0]), unit)
    return f"{figure} in {pair[1]}" if pair[1] is not None else figure


def _series(field: str) -> Hook:
    """Milestones (by year) and actuals (by date): `Indicator X milestone 2021: 35 -> 30`."""

    def hook(old: object, new: object, at: At, out: list[Change]) -> None:
        name = at.trail[-1]
        noun = _NOUNS[name]
        for before, after in match(dicts(old), dicts(new), _keyed(name)):
            item = after if after is not None else before
            assert item is not None  # noqa: S101 - narrows the type
            child = at.item(
                value(item.get(field)), f"{at.label} {noun} {value(item.get(field))}", name
            )
            if before is None or after is None:
                out.append(_point_added(before, after, child, at.unit))
                continue
            if before.get("value") != after.get("value"):
                text = f"{value(before.get('value'))} -> {with_unit(value(after.get('value')), at.unit)}"
                out.append(
                    Change(
                        "changed",
                        f"{child.path}.value",
                        before.get("value"),
                        after.get("value"),
                        f"{child.label}: {text}",
                    )
                )
            rest = {k: v for k, v in after.items() if k not in (field, "value")}
            was = {k: v for k, v in before.items() if k not in (field, "value")}
            walk(was, rest, child, out, PROGRAMME)

    return hook


def _point_added(before: Data | None, after: Data | None, at: At, unit: str | None) -> Change:
    item = after if after is not None else before
    assert item is not None  # noqa: S101 - narrows the type
    figure = item.get("value")
    shown = with_unit(value(figure), unit) if figure is not None else summary(item)
    if after is not None:
        return Change("added", at.path, None, after, f"{at.label} added: {shown}")
    return Change("removed", at.path, before, None, f"{at.label} removed (was {shown})")


def _resources(old: object, new: object, at: At, out: list[Change]) -> None:
    """Amounts of resource lines are read through the budget cells (`budget.py`); here only
    their other details (donor, project, allocation, spending) are compared."""
    for before, after in match(dicts(old), dicts(new), _keyed("resources")):
        if before is None or after is None:
            continue
        was = {k: v for k, v in before.items() if k != "amount"}
        now = {k: v for k, v in after.items() if k != "amount"}
        walk(was, now, item_at(at, "resources", after), out, PROGRAMME)


def _skip(old: object, new: object, at: At, out: list[Change]) -> None:
    """Compared elsewhere (budget lines through the money cells, outcomes across priorities)."""
    del old, new, at, out


def _priorities(old: object, new: object, at: At, out: list[Change]) -> None:
    olds = old if isinstance(old, list) else []
    news = new if isinstance(new, list) else []
    walk_list(olds, news, at, out, PROGRAMME)
    _outcomes(dicts(olds), dicts(news), out)


def _outcomes(old: list[Data], new: list[Data], out: list[Change]) -> None:
    """Outcomes matched across the whole programme, so a move between priorities is a move."""
    owner_old = {id(o): str(p.get("id")) for p in old for o in dicts(p.get("outcomes"))}
    owner_new = {id(o): str(p.get("id")) for p in new for o in dicts(p.get("outcomes"))}
    olds = [o for p in old for o in dicts(p.get("outcomes"))]
    news = [o for p in new for o in dicts(p.get("outcomes"))]
    for before, after in match(olds, news, _keyed("outcomes")):
        item = after if after is not None else before
        assert item is not None  # noqa: S101 - narrows the type
        owner = owner_new[id(after)] if after is not None else owner_old[id(before)]
        key = key_of("outcomes", item)
        at = At(f"priorities[{owner}].outcomes[{key}]", f"Outcome {key}", "outcomes")
        if before is None:
            out.append(Change("added", at.path, None, after, f"{at.label} added: {summary(item)}"))
        elif after is None:
            out.append(Change("removed", at.path, before, None, f"{at.label} removed"))
        else:
            was = owner_old[id(before)]
            if was != owner:
                text = f"{at.label} moved: priority {was} -> {owner}"
                out.append(Change("moved", at.path, was, owner, text))
            walk(before, after, at, out, PROGRAMME)


_HOOKS: dict[tuple[str, tuple[str, ...]], Hook] = {
    ("", ("priorities",)): _priorities,
    ("priorities", ("outcomes",)): _skip,
    ("outcomes", ("budget_required",)): _skip,
    ("outcomes", ("resources",)): _resources,
    ("indicators", ("baseline",)): _point,
    ("indicators", ("target",)): _point,
    ("indicators", ("milestones",)): _series("year"),
    ("indicators", ("actuals",)): _series("date"),
}

PROGRAMME = Terms(key_of=key_of, item_at=item_at, summary=summary_of, hook_for=hook_for)
"""The terms of a DWCP programme."""
