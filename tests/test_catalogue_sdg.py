"""The SDG target catalogue: all 169 targets of the 2030 Agenda, so no real target is a DW309."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dwcp.domain.catalogue import SdgTarget
from tests.helpers import catalogue, lint_changed

SDG_FILE = Path(__file__).parent.parent / "dwcp" / "catalogues" / "sdg_targets.yaml"

# Per goal: (numbered outcome targets, lettered means-of-implementation targets), A/RES/70/1.
SHAPE = {
    1: (5, 2),
    2: (5, 3),
    3: (9, 4),
    4: (7, 3),
    5: (6, 3),
    6: (6, 2),
    7: (3, 2),
    8: (10, 2),
    9: (5, 3),
    10: (7, 3),
    11: (7, 3),
    12: (8, 3),
    13: (3, 2),
    14: (7, 3),
    15: (9, 3),
    16: (10, 2),
    17: (19, 0),
}

EXPECTED_IDS = {
    f"{goal}.{suffix}"
    for goal, (numbered, lettered) in SHAPE.items()
    for suffix in [str(n) for n in range(1, numbered + 1)] + list("abcd"[:lettered])
}


def by_id() -> dict[str, SdgTarget]:
    return {t.id: t for t in catalogue().targets}


def test_the_numbering_adds_up_to_169():
    assert sum(n + a for n, a in SHAPE.values()) == 169
    assert len(EXPECTED_IDS) == 169


def test_exactly_169_targets_of_17_goals():
    found = catalogue().targets
    assert len(found) == 169
    assert {t.goal for t in found} == set(range(1, 18))


def test_ids_are_unique_and_exactly_the_agenda_targets():
    counts = Counter(t.id for t in catalogue().targets)
    assert [i for i, n in counts.items() if n > 1] == []
    assert set(counts) == EXPECTED_IDS


def test_goal_matches_the_id_prefix():
    for target in catalogue().targets:
        assert target.goal == int(target.id.split(".")[0]), target.id


def test_every_id_is_a_quoted_string_in_the_file():
    """Unquoted, 8.10 would load as the float 8.1: every id line must carry a quoted string."""
    id_lines = [
        line.strip() for line in SDG_FILE.read_text("utf-8").splitlines() if "- id:" in line
    ]
    assert len(id_lines) == 169
    unquoted = [
        line for line in id_lines if not re.fullmatch(r'- id: "\d{1,2}\.(\d{1,2}|[a-d])"', line)
    ]
    assert unquoted == []
    ids = by_id()
    assert "8.1" in ids and "8.10" in ids
    assert ids["8.1"].title != ids["8.10"].title
    assert "16.1" in ids and "16.10" in ids and "17.1" in ids and "17.10" in ids


def test_titles_are_short_and_present():
    for target in catalogue().targets:
        assert target.title.strip(), target.id
        assert len(target.title) <= 120, (target.id, len(target.title))


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("8.7", ["forced labour", "child labour", "trafficking"]),
        ("1.3", ["social protection", "floors"]),
        ("5.2", ["violence", "women and girls"]),
        ("16.3", ["rule of law", "justice"]),
        ("13.2", ["climate", "national policies"]),
        ("8.5", ["decent work", "equal pay"]),
        ("8.8", ["labour rights", "migrant"]),
        ("3.8", ["universal health coverage"]),
        ("4.3", ["technical, vocational", "tertiary"]),
        ("10.c", ["remittance"]),
        ("17.17", ["partnerships"]),
    ],
)
def test_spot_titles(target: str, words: list[str]):
    title = by_id()[target].title.lower()
    for word in words:
        assert word in title, (target, word, title)


def test_header_names_the_public_source_and_date():
    header = "".join(
        line
        for line in SDG_FILE.read_text("utf-8").splitlines(keepends=True)
        if line.startswith("#")
    )
    assert "A/RES/70/1" in header
    assert "Transforming our world" in header
    assert "A/RES/71/313" in header
    assert "checked on 2026-12-05" in header


def test_a_programme_citing_real_targets_outside_goal_8_gets_no_dw309():
    cited = ["1.1", "3.8", "4.3", "5.2", "13.2", "16.3"]

    def change(d: Any) -> None:
        d["priorities"][0]["sdg_targets"] = list(cited)

    text, findings = lint_changed(change)
    for target in cited:
        assert f"'{target}'" in text or f'"{target}"' in text, target
    assert [f for f in findings if f.code == "DW309"] == []
    assert findings == []


def test_a_made_up_target_is_still_a_dw309():
    _text, findings = lint_changed(lambda d: d["priorities"][0].__setitem__("sdg_targets", ["4.d"]))
    assert {f.code for f in findings} == {"DW309"}
