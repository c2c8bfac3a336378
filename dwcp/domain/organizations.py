"""Whether two organization names in a list look like one name split at its comma.

`organizations: [Ministry of Labour, Invalids and Social Affairs (MOLISA)]` is a YAML flow
list of two items, so a ministry named with a comma silently becomes two organizations. The
judgement looks at the second name against the first, and is meant to be sure rather than
thorough (it feeds an info-level lint hint):

- the second name starts with a lowercase word (`and Social Affairs`, `de l'Emploi`): names
  start with a capital, the middle of a name need not;
- the second name is only an acronym in parentheses (`(MOLISA)`);
- the second name ends with an acronym that abbreviates both names together but not the
  second alone (MOLISA is Ministry Of Labour, Invalids and Social Affairs);
- the first name ends in a portfolio (`Ministry of Labour`) and the second is a short run of
  capitalized portfolio words joined by a conjunction, with no preposition of its own
  (`Invalids and Social Affairs`, `Empleo y Seguridad Social`): a name of its own would say
  what it is of or for (`Chamber of Commerce and Industry`).
"""

from __future__ import annotations

import re

# Function words in the languages dwcp writes (en, fr, es): a conjunction joins portfolios
# inside one name; a preposition starts a portfolio ("of Labour") or marks a name of its own.
_CONJUNCTIONS = frozenset({"and", "&", "et", "y", "e"})
_PREPOSITIONS = frozenset({"of", "for", "de", "du", "des", "del", "la", "le", "los", "las"})
_MAX_PORTFOLIO_WORDS = 6

_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&.\-]*)\)\s*$")
_ONLY_ACRONYM = re.compile(r"\(\s*[A-Za-z0-9&.\-]+\s*\)")
_WORD = re.compile(r"[^\s,()]+")


def fragment_reason(first: str, second: str) -> str | None:
    """Why `second`, written just after `first` in a list, looks like the rest of `first`'s
    name; None when it reads as a name of its own."""
    first, second = first.strip(), second.strip()
    if not first or not second:
        return None
    if _ONLY_ACRONYM.fullmatch(second):
        return "is only an acronym in parentheses"
    letter = next((c for c in second if c.isalpha()), "")
    if letter.islower():
        return "starts with a lowercase word"
    if _abbreviates_both(first, second):
        return "ends with an acronym of both names together"
    if _ends_in_portfolio(first) and _is_portfolio_run(second):
        return "continues the portfolio of the name before it"
    return None


def joined(first: str, second: str) -> str:
    """The one name the two items most likely were, as it would be written quoted."""
    return f"{first.strip()}, {second.strip()}"


def _abbreviates_both(first: str, second: str) -> bool:
    found = _ACRONYM.search(second)
    if found is None:
        return False
    acronym = found.group(1).replace(".", "").upper()
    alone = _initials(second[: found.start()])
    together = _initials(first) + alone
    return _abbreviates(acronym, together) and not _abbreviates(acronym, alone)


def _initials(text: str) -> str:
    return "".join(word[0].upper() for word in _WORD.findall(text))


def _abbreviates(acronym: str, initials: str) -> bool:
    """The acronym starts with the first initial and its letters follow the initials in
    order (acronyms skip words such as `and`, and sometimes `of`)."""
    if len(acronym) < 2 or not initials or acronym[0] != initials[0]:
        return False
    rest = iter(initials[1:])
    return all(letter in rest for letter in acronym[1:])


def _ends_in_portfolio(name: str) -> bool:
    """`Ministry of Labour`: the name ends with a preposition and capitalized words."""
    words: list[str] = _WORD.findall(name)
    if len(words) < 3 or name.endswith(")"):
        return False
    tail = words[-1]
    for word in reversed(words[:-1]):
        if word.lower() in _PREPOSITIONS:
            return tail[0].isupper()
        if not word[0].isupper():
            return False
    return False


def _is_portfolio_run(name: str) -> bool:
    """`Invalids and Social Affairs (MOLISA)`: capitalized words joined by a conjunction,
    with no preposition, short enough to be portfolios rather than a name of its own."""
    text = _ACRONYM.sub("", name).strip()
    words: list[str] = _WORD.findall(text)
    if not 2 < len(words) <= _MAX_PORTFOLIO_WORDS or "(" in text:
        return False
    lowered = [word.lower() for word in words]
    if any(word in _PREPOSITIONS for word in lowered):
        return False
    if not any(word in _CONJUNCTIONS for word in lowered[1:-1]):
        return False
    return all(word[0].isupper() or word.lower() in _CONJUNCTIONS for word in words)
