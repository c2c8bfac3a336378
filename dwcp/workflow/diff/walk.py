"""The generic walk: two models compared as plain data, field by field.

Nothing here knows what a programme is. List items are paired by identity (identical items
first, then by the key `Terms` gives them), so reordering a list is never a change; what an
item is called, and the places where the domain has better words than a field path, come
from `Terms` (see `terms.py` for the programme's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from dwcp.workflow.diff.model import Change
from dwcp.workflow.diff.words import humane, summary, value

Data = dict[str, object]


@dataclass(frozen=True)
class At:
    """Where the walk is: the readable path, the nearest named item and the fields below it."""

    path: str = ""
    label: str = ""
    owner: str = ""
    """List name of the nearest named item ("indicators"), "" for the model itself."""
    trail: tuple[str, ...] = ()
    unit: str | None = None
    """The unit of the indicator being compared, for its values."""

    def field(self, name: str) -> At:
        path = f"{self.path}.{name}" if self.path else name
        return replace(self, path=path, trail=(*self.trail, name))

    def item(self, key: str, label: str, owner: str, unit: str | None = None) -> At:
        return At(f"{self.path}[{key}]", label, owner, (), unit or self.unit)

    def where(self) -> str:
        if self.label:
            return " ".join([self.label, *(humane(t) for t in self.trail)])
        if len(self.trail) == 1:
            word = humane(self.trail[0])
            return word[:1].upper() + word[1:]
        return self.path


ROOT = At()

Hook = Callable[[object, object, At, list[Change]], None]
"""Compares one field in the domain's own words, instead of the walk: (old, new, at, out)."""


@dataclass(frozen=True)
class Terms:
    """What the walk needs to know about the models it compares."""

    key_of: Callable[[str, Data], str]
    """The natural key, as text, of an item of the list named `name`."""
    item_at: Callable[[At, str, Data], At]
    """Where an item of the list `name` is, under `at`, and what it is called."""
    summary: Callable[[str, Data], str]
    """An added item of the list `name` in a few words."""
    hook_for: Callable[[At], Hook | None]
    """The hook that compares the field at `at`, if the domain says it better."""


def walk(old: object, new: object, at: At, out: list[Change], terms: Terms) -> None:
    """Append to `out` every change from `old` to `new` below `at`."""
    hook = terms.hook_for(at)
    if hook is not None:
        hook(old, new, at, out)
    elif old == new:
        return
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            walk(old.get(key), new.get(key), at.field(key), out, terms)
    elif isinstance(old, list) and isinstance(new, list):
        walk_list(old, new, at, out, terms)
    elif isinstance(new, dict) and old is None:
        out.append(Change("added", at.path, None, new, f"{at.where()} added: {summary(new)}"))
    elif isinstance(old, dict) and new is None:
        out.append(Change("removed", at.path, old, None, f"{at.where()} removed"))
    else:
        out.append(changed(at, old, new))


def changed(at: At, old: object, new: object) -> Change:
    return Change("changed", at.path, old, new, f"{at.where()}: {value(old)} -> {value(new)}")


def walk_list(
    old: list[object], new: list[object], at: At, out: list[Change], terms: Terms
) -> None:
    if not any(isinstance(item, dict) for item in [*old, *new]):
        _scalar_list(old, new, at, out)
        return
    name = at.trail[-1]
    for before, after in match(dicts(old), dicts(new), lambda item: terms.key_of(name, item)):
        if after is None:
            assert before is not None  # noqa: S101 - narrows the type
            child = terms.item_at(at, name, before)
            out.append(Change("removed", child.path, before, None, f"{child.label} removed"))
        elif before is None:
            child = terms.item_at(at, name, after)
            text = f"{child.label} added"
            said = terms.summary(name, after)
            if said.strip('"') != terms.key_of(name, after):  # keyed by its text: say it once
                text = f"{text}: {said}"
            out.append(Change("added", child.path, None, after, text))
        else:
            walk(before, after, terms.item_at(at, name, after), out, terms)


def _scalar_list(old: list[object], new: list[object], at: At, out: list[Change]) -> None:
    """Lists of words or codes (SDG targets, sources of verification): what came and went."""
    gone = Counter(map(repr, old)) - Counter(map(repr, new))
    came = Counter(map(repr, new)) - Counter(map(repr, old))
    if not gone and not came:
        return  # the same items in another order
    parts = []
    if came:
        parts.append("added " + ", ".join(value(x) for x in _once(new, came)))
    if gone:
        parts.append("removed " + ", ".join(value(x) for x in _once(old, gone)))
    out.append(Change("changed", at.path, old, new, f"{at.where()}: {'; '.join(parts)}"))


def _once(items: list[object], wanted: Counter[str]) -> list[object]:
    left = Counter(wanted)
    picked = []
    for item in items:
        if left[repr(item)] > 0:
            left[repr(item)] -= 1
            picked.append(item)
    return picked


def dicts(items: object) -> list[Data]:
    """The mapping items of a list (nothing when `items` is no list)."""
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict)]


def match(
    old: list[Data], new: list[Data], key_of: Callable[[Data], str]
) -> list[tuple[Data | None, Data | None]]:
    """Pair old and new items: identical ones first, then by key in order of appearance.

    Returns pairs in the new order, then the old items that found no partner.
    """
    free = list(range(len(old)))
    partner: dict[int, int] = {}
    for j, item in enumerate(new):
        i = next((i for i in free if old[i] == item), None)
        if i is not None:
            partner[j] = i
            free.remove(i)
    for j, item in enumerate(new):
        if j in partner:
            continue
        key = key_of(item)
        i = next((i for i in free if key_of(old[i]) == key), None)
        if i is not None:
            partner[j] = i
            free.remove(i)
    pairs: list[tuple[Data | None, Data | None]] = [
        (old[partner[j]] if j in partner else None, item) for j, item in enumerate(new)
    ]
    pairs.extend((old[i], None) for i in free)
    return pairs
