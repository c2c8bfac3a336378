"""Property tests: random damage to real programmes never ends in a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dwcp.source.loader import LoadError, parse
from tests.helpers import CLEAN, dump, make_linter, programme_files

ROOT = Path(__file__).parent.parent
SOURCES = [CLEAN, *programme_files(ROOT / "programmes")]
TEXTS = [p.read_text(encoding="utf-8") for p in SOURCES]
LINTER = make_linter()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(min_value=dt.date(1000, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)
    ),
    max_leaves=6,
)


def lint_never_crashes(text: str) -> None:
    try:
        LINTER.lint_text(text, "programmes/fuzz.yaml")
    except LoadError as exc:
        assert exc.problem.message
        assert exc.problem.mark.line >= 1


def containers(node: Any, found: list[Any]) -> list[Any]:
    if isinstance(node, dict | list):
        found.append(node)
        for child in node.values() if isinstance(node, dict) else node:
            containers(child, found)
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    source=st.sampled_from(TEXTS),
    pick=st.integers(min_value=0),
    value=values,
    action=st.sampled_from(["replace", "delete", "insert"]),
)
def test_random_data_changes_never_crash(source: str, pick: int, value: Any, action: str):
    data = parse(source).data
    target = containers(data, [])[pick % len(containers(data, []))]
    if isinstance(target, dict) and target:
        key = list(target)[pick % len(target)]
        if action == "delete":
            del target[key]
        else:
            target[key if action == "replace" else f"new_{pick % 7}"] = value
    elif isinstance(target, list):
        if action == "delete" and target:
            target.pop(pick % len(target))
        else:
            target.append(value)
    lint_never_crashes(dump(data))


@settings(max_examples=150, deadline=None)
@given(
    source=st.sampled_from(TEXTS),
    position=st.integers(min_value=0),
    garbage=st.text(
        alphabet=st.sampled_from([*":-[]{}&*!|>'\"#%@`\t\n ,?", "\x00", "é"]), max_size=8
    ),
    cut=st.booleans(),
)
def test_random_text_damage_never_crashes(source: str, position: int, garbage: str, cut: bool):
    at = position % (len(source) + 1)
    text = source[:at] if cut else source[:at] + garbage + source[at:]
    lint_never_crashes(text)
