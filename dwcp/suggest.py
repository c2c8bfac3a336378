"""Did-you-mean hints for a misspelt word, code or name, shared by every message that names
an unknown one (configuration keys, rule codes, report filters, countries)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice most like `word`; None when none is close enough.

    Ties go to the choice that starts like `word` for longest, then to the earlier one:
    difflib.get_close_matches takes the larger string, which made DW4O1 into DW419.
    """
    ranked = [(_likeness(choice, word), -index, choice) for index, choice in enumerate(choices)]
    (ratio, _), _, choice = max(ranked, default=((0.0, 0), 0, ""))
    return choice if ratio >= cutoff else None


def did_you_mean(guesses: Sequence[str]) -> str:
    """`did you mean ZMB?`, `did you mean CHL, CHN or CYP?`; "" when there is no guess."""
    if not guesses:
        return ""
    listed = ", ".join(guesses[:-1]) + " or " if len(guesses) > 1 else ""
    return f"did you mean {listed}{guesses[-1]}?"


def _likeness(choice: str, word: str) -> tuple[float, int]:
    similar = difflib.SequenceMatcher(None, choice, word).ratio()
    pairs = list(zip(choice, word, strict=False))
    same_start = next((i for i, (a, b) in enumerate(pairs) if a != b), len(pairs))
    return similar, same_start
