"""Reference catalogues (P&B outcomes, SDG targets, conventions, ...), loaded from YAML data.

The built-in catalogues ship in `dwcp/catalogues/`. A programme repository may add a folder
of files with the same names; their items extend the built-in lists, and an item with an
existing id replaces it, so a new P&B biennium is a YAML edit, not a release.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from dwcp.errors import ConfigError
from dwcp.source.loader import LoadError, decode, parse, read_bytes
from dwcp.source.positions import format_path, locate

BUILTIN_DIR = Path(__file__).parent.parent / "catalogues"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StrategicObjective(_Entry):
    id: str
    title: str
    description: str


def _code_text(value: object) -> object:
    """A code written as a plain number (`code: 3`) is the code "3"; anything else is left
    for validation to judge."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Code = Annotated[str, BeforeValidator(_code_text)]


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("a title cannot be blank")
    return text


class PbTitle(_Entry):
    """A P&B title in another language than English, as the ILO's edition in that language
    words it; `verified` says whether it was seen in a public source (true or false only:
    a quoted "yes" is refused rather than read as a check that was made)."""

    text: Annotated[str, AfterValidator(_not_blank)]
    verified: Annotated[bool, Field(strict=True)]


TitleLanguage = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
"""A two-letter language code (fr, es); English is the entry's own `title`."""


def _no_english(titles: dict[str, PbTitle]) -> dict[str, PbTitle]:
    if "en" in titles:
        raise ValueError("the English title is `title`, not `titles.en`")
    return titles


Titles = Annotated[dict[TitleLanguage, PbTitle], AfterValidator(_no_english)]
"""Titles by language besides the English `title`; empty where the catalogue has none."""


class PbIndicator(_Entry):
    """An output indicator of a P&B, such as 1.1.1."""

    code: Code
    title: str
    titles: Titles = {}
    verified: bool


class PbOutput(_Entry):
    """A P&B output, such as 1.2; `indicators` empty where the catalogue does not list them."""

    code: Code
    title: str
    titles: Titles = {}
    verified: bool
    indicators: list[PbIndicator] = []


class PbOutcome(_Entry):
    """A P&B outcome; `outputs` empty where the catalogue does not list them."""

    code: Code
    title: str
    titles: Titles = {}
    strategic_objective: str | None
    verified: bool
    outputs: list[PbOutput] = []

    @model_validator(mode="before")
    @classmethod
    def _legacy_number(cls, data: object) -> object:
        # Repository catalogues written before codes were strings say `number: 3`.
        if isinstance(data, dict) and "number" in data and "code" not in data:
            return {("code" if k == "number" else k): v for k, v in data.items()}
        return data

    def output(self, code: str) -> PbOutput | None:
        return next((o for o in self.outputs if o.code == code), None)


def title_in(entry: PbOutcome | PbOutput | PbIndicator, language: str) -> str | None:
    """The entry's title in the language: the English `title` for "en", else the catalogue's
    title in that language, or None where it has none (never English in a French document)."""
    if language == "en":
        return entry.title
    translated = entry.titles.get(language)
    return translated.text if translated else None


class PbFramework(_Entry):
    id: str
    name: str
    biennia: list[str]
    outcomes: list[PbOutcome]


class SdgTarget(_Entry):
    id: str
    goal: int
    title: str


InstrumentStatus = Literal["up_to_date", "interim", "outdated", "withdrawn", "abrogated"]
"""NORMLEX's classification of an instrument: up-to-date, with interim status, outdated,
withdrawn, abrogated (see the header of `catalogues/conventions.yaml`)."""


class Convention(_Entry):
    id: str
    title: str
    year: int
    category: Literal["fundamental", "governance", "technical", "protocol"]
    fundamental_since: int | None = None
    governance_since: int | None = None
    """The year the instrument became a governance Convention (2008), if it is one."""
    status: InstrumentStatus | None = None
    """None where the catalogue file does not say (a repository's own entries may not)."""
    verified: bool = False
    """Whether the entry was checked against a public source."""
    revised_by: str | None = None
    """The instrument that revised this one, where the catalogue knows it."""


FundingClass = Literal[
    "regular-budget", "voluntary-core", "extra-budgetary", "outside-ilo-accounts"
]
"""How the ILO accounts a funding source (see the header of `catalogues/funding_sources.yaml`)."""


class FundingSource(_Entry):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str
    name: str
    kind: str
    funding_class: FundingClass = Field(alias="class")
    description: str
    verified: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_flag(cls, data: Any) -> Any:
        """Repository catalogues written before classes say `extra_budgetary: true|false`."""
        if not isinstance(data, dict) or "extra_budgetary" not in data:
            return data
        if "class" in data or "funding_class" in data:
            return data  # both given: the flag is left for extra="forbid" to refuse
        data = dict(data)
        if data.pop("extra_budgetary") is True:
            data["class"] = "extra-budgetary"
        else:
            core = data.get("kind") == "voluntary-core"
            data["class"] = "voluntary-core" if core else "regular-budget"
        return data

    @property
    def extra_budgetary(self) -> bool:
        return self.funding_class == "extra-budgetary"


class ConstituentGroupEntry(_Entry):
    id: str
    name: str
    tripartite: bool


class Region(_Entry):
    id: str
    name: str
    countries: list[str]


class ExchangeRate(_Entry):
    """One United Nations operational rate of exchange: units of `currency` per US dollar,
    in force from `effective` until the next rate of that currency."""

    currency: str
    effective: dt.date
    per_usd: Decimal = Field(gt=0)
    verified: bool = False

    @property
    def id(self) -> str:
        """A repository's own entry for the same currency and date replaces the built-in one."""
        return f"{self.currency}@{self.effective.isoformat()}"


class _ObjectivesFile(_Entry):
    strategic_objectives: list[StrategicObjective] = []
    cross_cutting: list[StrategicObjective] = []


class _PbFile(_Entry):
    frameworks: list[PbFramework] = []


class _SdgFile(_Entry):
    targets: list[SdgTarget] = []


class _ConventionsFile(_Entry):
    conventions: list[Convention] = []


class _FundingFile(_Entry):
    funding_sources: list[FundingSource] = []


class _GroupsFile(_Entry):
    constituent_groups: list[ConstituentGroupEntry] = []


class _RegionsFile(_Entry):
    regions: list[Region] = []


class _RatesFile(_Entry):
    exchange_rates: list[ExchangeRate] = []


FILES: dict[str, type[_Entry]] = {
    "strategic_objectives.yaml": _ObjectivesFile,
    "pb_outcomes.yaml": _PbFile,
    "sdg_targets.yaml": _SdgFile,
    "conventions.yaml": _ConventionsFile,
    "funding_sources.yaml": _FundingFile,
    "constituent_groups.yaml": _GroupsFile,
    "regions.yaml": _RegionsFile,
    "exchange_rates.yaml": _RatesFile,
}


@dataclass(frozen=True)
class Catalogue:
    """All reference lists, with lookups the rules and reports use."""

    strategic_objectives: list[StrategicObjective] = field(default_factory=list)
    cross_cutting: list[StrategicObjective] = field(default_factory=list)
    frameworks: list[PbFramework] = field(default_factory=list)
    targets: list[SdgTarget] = field(default_factory=list)
    conventions: list[Convention] = field(default_factory=list)
    funding_sources: list[FundingSource] = field(default_factory=list)
    constituent_groups: list[ConstituentGroupEntry] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    exchange_rates: list[ExchangeRate] = field(default_factory=list)
    sources: str = field(default="", compare=False)
    """A hash of the bytes of every catalogue file loaded ("" when built in code)."""

    def fingerprint(self) -> str:
        """Changes whenever the catalogue does: the result caches key on it."""
        return self.sources or hashlib.sha256(repr(self).encode()).hexdigest()

    @cached_property
    def objective_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.strategic_objectives)

    @cached_property
    def sdg_ids(self) -> frozenset[str]:
        return frozenset(t.id for t in self.targets)

    @cached_property
    def convention_ids(self) -> dict[str, Convention]:
        return {c.id: c for c in self.conventions}

    @cached_property
    def funding_by_id(self) -> dict[str, FundingSource]:
        return {f.id: f for f in self.funding_sources}

    @cached_property
    def framework_by_biennium(self) -> dict[str, PbFramework]:
        return {b: fw for fw in self.frameworks for b in fw.biennia}

    def covers(self, biennium: str) -> bool:
        """Whether the catalogue has an outcome list for the biennium at all."""
        return biennium in self.framework_by_biennium

    def pb_outcome(self, biennium: str, code: str | int) -> PbOutcome | None:
        framework = self.framework_by_biennium.get(biennium)
        if framework is None:
            return None
        return next((o for o in framework.outcomes if o.code == str(code)), None)

    def pb_output(self, biennium: str, code: str) -> PbOutput | None:
        """The output with this code (such as 1.2) in the biennium's framework."""
        framework = self.framework_by_biennium.get(biennium)
        outputs = (p for o in framework.outcomes for p in o.outputs) if framework else ()
        return next((p for p in outputs if p.code == code), None)

    def pb_indicator(self, biennium: str, code: str) -> PbIndicator | None:
        """The output indicator with this code (such as 1.2.1) in the biennium's framework."""
        framework = self.framework_by_biennium.get(biennium)
        if framework is None:
            return None
        indicators = (i for o in framework.outcomes for p in o.outputs for i in p.indicators)
        return next((i for i in indicators if i.code == code), None)

    @cached_property
    def region_of(self) -> dict[str, str]:
        return {c: r.id for r in self.regions for c in r.countries}


def load_catalogue(extra_dir: Path | None = None) -> Catalogue:
    """Load the built-in catalogues, then merge a repository's own folder over them."""
    if extra_dir is None or not any((extra_dir / name).is_file() for name in FILES):
        return _builtin()
    return _load(extra_dir)


@cache
def _builtin() -> Catalogue:
    """The built-in catalogues alone, read once per process (a repository without its own
    shares them with everything that asks for the built-in ones; nothing changes a loaded
    catalogue)."""
    return _load(None)


def _load(extra_dir: Path | None) -> Catalogue:
    merged: dict[str, list[_Entry]] = {}
    sources = hashlib.sha256()
    for name, model in FILES.items():
        for lists in _read(BUILTIN_DIR / name, model, sources.update):
            _merge(merged, lists)
        if extra_dir is not None and (extra_dir / name).is_file():
            for lists in _read(extra_dir / name, model, sources.update):
                _merge(merged, lists)
    return Catalogue(**merged, sources=sources.hexdigest())  # type: ignore[arg-type]


def _read(
    path: Path, model: type[_Entry], record: Callable[[bytes], None]
) -> list[dict[str, list[_Entry]]]:
    """Parse one catalogue file, recording the very bytes parsed (so a file edited while
    dwcp runs cannot leave a cache keyed on content it never read)."""
    try:
        raw = read_bytes(path)
        document = parse(decode(raw), str(path))
    except LoadError as exc:
        mark = exc.problem.mark
        raise ConfigError(f"{path}:{mark.line}:{mark.column}: {exc.problem.message}") from None
    for part in (os.fsencode(path), raw):
        record(len(part).to_bytes(8, "big") + part)
    try:
        parsed = model.model_validate(document.data)
    except ValidationError as exc:
        first = exc.errors(include_url=False, include_input=False)[0]
        mark, loc = locate(document.data, document.marks, first["loc"])
        raise ConfigError(
            f"{path}:{mark.line}:{mark.column}: catalogue entry {format_path(loc)}: {first['msg']}"
        ) from None
    return [{key: list(value) for key, value in parsed}]


def _merge(merged: dict[str, list[_Entry]], lists: dict[str, list[_Entry]]) -> None:
    for key, items in lists.items():
        current = merged.setdefault(key, [])
        index = {_identity(item): i for i, item in enumerate(current)}
        for item in items:
            position = index.get(_identity(item))
            if position is None:
                index[_identity(item)] = len(current)
                current.append(item)
            else:
                current[position] = item


def _identity(item: _Entry) -> object:
    return getattr(item, "id", None) or getattr(item, "code", None)
