"""Domain changes between two versions of one programme.

The models are compared as plain data, field by field. List items are matched by their id
(`symbol` for projects, a natural key such as a review's kind otherwise) after identical items
are paired, so reordering a list is never a change. Outcomes are matched across priorities,
so moving one is reported as a move. Money is compared through `reports.figures.money_cells`,
per outcome, biennium and currency, and totalled per currency only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TypeVar

from dwcp.analyses.figures import money_cells
from dwcp.domain.money import ZERO, currency_of
from dwcp.model import Programme
from dwcp.workflow.diff.model import (
    FIGURES,
    BudgetRow,
    Change,
    Figures,
    SourceChange,
    Summary,
    TotalsRow,
)
from dwcp.workflow.diff.words import (
    amount,
    amount_change,
    humane,
    plain_fields,
    summary,
    value,
    with_unit,
)

Data = dict[str, object]
K = TypeVar("K")

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
}
_NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "revisions": ("date",),
    "constituents": ("group",),
    "contributes_to": ("outcome",),
    "un_outcomes": ("outcome",),
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
    "pb_outcomes": ("biennium", "number"),
    "milestones": ("year",),
    "actuals": ("date",),
    "resources": ("source", "biennium", "status", "currency"),
    "budget_required": ("biennium", "currency"),
}
_NOUNS: dict[str, str] = {
    "priorities": "priority",
    "outcomes": "outcome",
    "indicators": "indicator",
    "outputs": "output",
    "national_frameworks": "national framework",
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
}
# Items whose text fields are not a description of the item (a signatory's `title` is the
# signer's title), so their summary lists the plain fields instead.
_PLAIN_SUMMARY = frozenset({"signatories", "reviews", "members", "satisfaction", "pb_outcomes"})
_KEY_LENGTH = 40


@dataclass(frozen=True)
class At:
    """Where the walk is: the readable path, the nearest named item and the fields below it."""

    path: str = ""
    label: str = ""
    owner: str = ""
    """List name of the nearest named item ("indicators"), "" for the programme itself."""
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


@dataclass
class Comparison:
    changes: list[Change]
    budget: list[BudgetRow]
    totals: list[TotalsRow]


def compare(old: Programme, new: Programme) -> Comparison:
    """Every domain change from `old` to `new`, budget rows and per-currency totals included."""
    changes: list[Change] = []
    _walk(old.model_dump(), new.model_dump(), ROOT, changes)
    budget = budget_rows(old, new)
    totals = totals_rows(old, new)
    changes.extend(_budget_change(row) for row in budget)
    changes.extend(_totals_change(row) for row in totals)
    return Comparison(changes, budget, totals)


def summarise(programme: Programme) -> Summary:
    outcomes = [o for p in programme.priorities for o in p.outcomes]
    return Summary(
        country=programme.country,
        period=f"{programme.period.start}-{programme.period.end}",
        status=programme.status,
        priorities=len(programme.priorities),
        outcomes=len(outcomes),
        indicators=sum(len(o.indicators) for o in outcomes),
    )


# --- the walk -------------------------------------------------------------------------------

Hook = Callable[[object, object, At, list[Change]], None]


def _walk(old: object, new: object, at: At, out: list[Change]) -> None:
    hook = _hook_for(at)
    if hook is not None:
        hook(old, new, at, out)
    elif old == new:
        return
    elif isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            _walk(old.get(key), new.get(key), at.field(key), out)
    elif isinstance(old, list) and isinstance(new, list):
        _walk_list(old, new, at, out)
    elif isinstance(new, dict) and old is None:
        out.append(Change("added", at.path, None, new, f"{at.where()} added: {summary(new)}"))
    elif isinstance(old, dict) and new is None:
        out.append(Change("removed", at.path, old, None, f"{at.where()} removed"))
    else:
        out.append(_changed(at, old, new))


def _changed(at: At, old: object, new: object) -> Change:
    return Change("changed", at.path, old, new, f"{at.where()}: {value(old)} -> {value(new)}")


def _hook_for(at: At) -> Hook | None:
    if not at.trail:
        return None
    if at.trail[-1] == "period":
        return _period
    return _HOOKS.get((at.owner, at.trail))


def _walk_list(old: list[object], new: list[object], at: At, out: list[Change]) -> None:
    if not any(isinstance(item, dict) for item in [*old, *new]):
        _scalar_list(old, new, at, out)
        return
    name = at.trail[-1]
    for before, after in match(_dicts(old), _dicts(new), name):
        if after is None:
            assert before is not None  # noqa: S101 - narrows the type
            child = _item_at(at, name, before)
            out.append(Change("removed", child.path, before, None, f"{child.label} removed"))
        elif before is None:
            child = _item_at(at, name, after)
            text = f"{child.label} added"
            said = _summary(name, after)
            if said.strip('"') != key_of(name, after):  # a note keyed by its text: say it once
                text = f"{text}: {said}"
            out.append(Change("added", child.path, None, after, text))
        else:
            _walk(before, after, _item_at(at, name, after), out)


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


def _dicts(items: list[object]) -> list[Data]:
    return [item for item in items if isinstance(item, dict)]


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


def match(old: list[Data], new: list[Data], name: str) -> list[tuple[Data | None, Data | None]]:
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
        key = key_of(name, item)
        i = next((i for i in free if key_of(name, old[i]) == key), None)
        if i is not None:
            partner[j] = i
            free.remove(i)
    pairs: list[tuple[Data | None, Data | None]] = [
        (old[partner[j]] if j in partner else None, item) for j, item in enumerate(new)
    ]
    pairs.extend((old[i], None) for i in free)
    return pairs


def _item_at(at: At, name: str, item: Data) -> At:
    key = key_of(name, item)
    noun = "UN outcome" if at.trail[-2:] == ("un_framework", "outcomes") else _NOUNS.get(name)
    noun = noun or humane(name)
    if name in _ID_KEYS or not at.label:
        label = f"{noun[0].upper()}{noun[1:]} {key}"
    else:
        label = f"{at.label} {noun} {key}"
    unit = item.get("unit") if name == "indicators" else None
    return at.item(key, label, name, str(unit) if unit is not None else None)


def _summary(name: str, item: Data) -> str:
    if name in _PLAIN_SUMMARY:
        keys = _NATURAL_KEYS.get(name, ())
        return plain_fields({k: v for k, v in item.items() if k not in keys})
    return summary(item)


# --- hooks: where domain words say it better than field paths --------------------------------


def _period(old: object, new: object, at: At, out: list[Change]) -> None:
    if old == new:
        return
    out.append(Change("changed", at.path, old, new, f"{at.where()}: {_span(old)} -> {_span(new)}"))


def _span(period: object) -> str:
    if isinstance(period, dict):
        return f"{period.get('start')}-{period.get('end')}"
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
            _walk(before.get(key), after.get(key), at.field(key), out)


def _in_year(pair: tuple[object, object], unit: str | None = None) -> str:
    figure = with_unit(value(pair[0]), unit)
    return f"{figure} in {pair[1]}" if pair[1] is not None else figure


def _series(field: str) -> Hook:
    """Milestones (by year) and actuals (by date): `Indicator X milestone 2021: 35 -> 30`."""

    def hook(old: object, new: object, at: At, out: list[Change]) -> None:
        name = at.trail[-1]
        noun = _NOUNS[name]
        olds = _dicts(old) if isinstance(old, list) else []
        news = _dicts(new) if isinstance(new, list) else []
        for before, after in match(olds, news, name):
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
            _walk(was, rest, child, out)

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
    """Amounts of resource lines are read through the budget cells; here only their other
    details (donor, project, allocation, spending) are compared."""
    olds = _dicts(old) if isinstance(old, list) else []
    news = _dicts(new) if isinstance(new, list) else []
    for before, after in match(olds, news, "resources"):
        if before is None or after is None:
            continue
        was = {k: v for k, v in before.items() if k != "amount"}
        now = {k: v for k, v in after.items() if k != "amount"}
        _walk(was, now, _item_at(at, "resources", after), out)


def _skip(old: object, new: object, at: At, out: list[Change]) -> None:
    """Compared elsewhere (budget lines through the money cells, outcomes across priorities)."""
    del old, new, at, out


def _priorities(old: object, new: object, at: At, out: list[Change]) -> None:
    olds = old if isinstance(old, list) else []
    news = new if isinstance(new, list) else []
    _walk_list(olds, news, at, out)
    _outcomes(_dicts(olds), _dicts(news), out)


def _outcomes(old: list[Data], new: list[Data], out: list[Change]) -> None:
    """Outcomes matched across the whole programme, so a move between priorities is a move."""
    owner_old = {id(o): str(p.get("id")) for p in old for o in _dicts(_list(p.get("outcomes")))}
    owner_new = {id(o): str(p.get("id")) for p in new for o in _dicts(_list(p.get("outcomes")))}
    olds = [o for p in old for o in _dicts(_list(p.get("outcomes")))]
    news = [o for p in new for o in _dicts(_list(p.get("outcomes")))]
    for before, after in match(olds, news, "outcomes"):
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
            _walk(before, after, at, out)


def _list(raw: object) -> list[object]:
    return raw if isinstance(raw, list) else []


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


# --- money -----------------------------------------------------------------------------------

CellKey = tuple[str, str, str]
"""(outcome id, biennium, currency)."""
_NOTHING = Figures(ZERO, ZERO, ZERO, ZERO)


@dataclass(frozen=True)
class _Cell:
    priority: str
    figures: Figures


def _cells(programme: Programme) -> dict[CellKey, _Cell]:
    cells: dict[CellKey, _Cell] = {}
    for cell in money_cells(programme):
        figures = Figures(cell.required, cell.secured, cell.pipeline, cell.gap)
        key = (cell.outcome.id, cell.biennium, cell.currency)
        if key in cells:  # an outcome id used twice: keep both visible by adding per cell
            figures = _plus(cells[key].figures, figures)
        cells[key] = _Cell(cell.priority.id, figures)
    return cells


def _plus(a: Figures, b: Figures) -> Figures:
    return Figures(*(a.get(n) + b.get(n) for n in FIGURES))


def _by_source(programme: Programme) -> dict[CellKey, dict[tuple[str, str], Decimal]]:
    """Per money cell, the resource amounts of each (funding source, status)."""
    default = programme.planning.currency
    sums: dict[CellKey, dict[tuple[str, str], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for priority in programme.priorities:
        for outcome in priority.outcomes:
            for line in outcome.resources:
                key = (outcome.id, line.biennium, currency_of(line, default))
                sums[key][(line.source, line.status)] += line.amount
    return sums


def budget_rows(old: Programme, new: Programme) -> list[BudgetRow]:
    """Money cells whose figures, or whose funding sources, changed."""
    old_cells, new_cells = _cells(old), _cells(new)
    old_sources, new_sources = _by_source(old), _by_source(new)
    rows = []
    for key in _union(new_cells, old_cells):
        before = old_cells[key].figures if key in old_cells else _NOTHING
        after = new_cells[key].figures if key in new_cells else _NOTHING
        lines = _source_changes(old_sources.get(key, {}), new_sources.get(key, {}))
        if before != after or lines:
            priority = (new_cells.get(key) or old_cells[key]).priority
            rows.append(BudgetRow(*key, priority, before, after, lines))
    return rows


def _source_changes(
    was: dict[tuple[str, str], Decimal], now: dict[tuple[str, str], Decimal]
) -> tuple[SourceChange, ...]:
    return tuple(
        SourceChange(
            source, status, was.get((source, status), ZERO), now.get((source, status), ZERO)
        )
        for source, status in sorted(was.keys() | now.keys())
        if was.get((source, status), ZERO) != now.get((source, status), ZERO)
    )


def totals_rows(old: Programme, new: Programme) -> list[TotalsRow]:
    """Per currency, the sums of the money cells (never across currencies)."""
    before, after = _totals(old), _totals(new)
    rows = []
    for currency in _union(after, before):
        was, now = before.get(currency, _NOTHING), after.get(currency, _NOTHING)
        if was != now:
            rows.append(TotalsRow(currency, was, now))
    return rows


def _totals(programme: Programme) -> dict[str, Figures]:
    totals: dict[str, Figures] = {}
    for (_, _, currency), cell in _cells(programme).items():
        totals[currency] = _plus(totals.get(currency, _NOTHING), cell.figures)
    return totals


def _union(first: Iterable[K], second: Iterable[K]) -> list[K]:
    seen = dict.fromkeys(first)
    seen.update(dict.fromkeys(second))
    return list(seen)


def figure_changes(old: Figures, new: Figures, said: frozenset[str] = frozenset()) -> list[str]:
    """`secured 100,000 -> 150,000`, ..., and always the gap: `gap 50,000 -> 0`. Figures in
    `said` are left out, having been given already."""
    parts = [
        amount_change(name, old.get(name), new.get(name))
        for name in FIGURES[:3]
        if old.get(name) != new.get(name) and name not in said
    ]
    if old.gap != new.gap:
        parts.append(amount_change("gap", old.gap, new.gap))
    else:
        parts.append(f"gap still {amount(new.gap)}")
    return parts


def budget_message(row: BudgetRow) -> str:
    """`Budget ZMB101 2018-19 (USD): RBTC secured 80,000 -> 90,000; secured 580,000 ->
    590,000; gap 20,000 -> 10,000`.

    Each changed funding line is named with its own amounts, then come the outcome's figures;
    a figure is left out when one line's change already says it (the line is all of it).
    """
    lines = [
        amount_change(f"{line.source} {line.status}", line.old, line.new) for line in row.lines
    ]
    said = frozenset(
        line.status
        for line in row.lines
        if (line.old, line.new) == (row.old.get(line.status), row.new.get(line.status))
    )
    parts = [*lines, *figure_changes(row.old, row.new, said)]
    return f"Budget {row.outcome} {row.biennium} ({row.currency}): {'; '.join(parts)}"


def _budget_change(row: BudgetRow) -> Change:
    path = (
        f"priorities[{row.priority}].outcomes[{row.outcome}].budget[{row.biennium} {row.currency}]"
    )
    return Change("budget", path, _plain(row.old), _plain(row.new), budget_message(row))


def _totals_change(row: TotalsRow) -> Change:
    text = f"Totals ({row.currency}): {'; '.join(figure_changes(row.old, row.new))}"
    return Change("totals", f"totals[{row.currency}]", _plain(row.old), _plain(row.new), text)


def _plain(figures: Figures) -> dict[str, Decimal]:
    return {name: figures.get(name) for name in FIGURES}
