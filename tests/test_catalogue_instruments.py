"""The ILO instruments catalogue: every Convention and Protocol, so no real citation is a DW407."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, get_args

import pytest
from ruamel.yaml import YAML

from dwcp.domain.catalogue import Convention, InstrumentStatus, load_catalogue
from tests.helpers import catalogue, lint_changed, outcome

CONVENTIONS_FILE = Path(__file__).parent.parent / "dwcp" / "catalogues" / "conventions.yaml"

CONVENTION_IDS = {f"C{n:03d}" for n in range(1, 192)}
"""C001 to C191; the Conference has adopted more since (C192 in 2025, C193 in 2026)."""
PROTOCOLS = {
    "P029": ("Forced Labour Convention, 1930", 2014),
    "P081": ("Labour Inspection Convention, 1947", 1995),
    "P089": ("Night Work (Women) Convention (Revised), 1948", 1990),
    "P110": ("Plantations Convention, 1958", 1982),
    "P147": ("Merchant Shipping (Minimum Standards) Convention, 1976", 1996),
    "P155": ("Occupational Safety and Health Convention, 1981", 2002),
}
FUNDAMENTAL = {
    "C029": 1998,
    "C087": 1998,
    "C098": 1998,
    "C100": 1998,
    "C105": 1998,
    "C111": 1998,
    "C138": 1998,
    "C182": 1999,
    "C155": 2022,
    "C187": 2022,
    "P029": 2014,
}
GOVERNANCE = {"C081": 2008, "C122": 2008, "C129": 2008, "C144": 2008}
CATEGORIES = {"fundamental", "governance", "technical", "protocol"}
STATUSES = {"up_to_date", "interim", "outdated", "withdrawn", "abrogated"}


def raw_entries() -> list[dict[str, Any]]:
    """The file's entries as written, before the loader merges entries with the same id."""
    data = YAML(typ="safe").load(CONVENTIONS_FILE.read_text("utf-8"))
    entries: list[dict[str, Any]] = data["conventions"]
    return entries


def by_id() -> dict[str, Convention]:
    return catalogue().convention_ids


def test_every_convention_from_c001_to_c191_is_present():
    ids = set(by_id())
    assert sorted(CONVENTION_IDS - ids) == []
    assert len(CONVENTION_IDS) == 191


def test_the_conventions_run_without_a_gap_and_the_protocols_are_all_there():
    ids = set(by_id())
    numbers = sorted(int(i[1:]) for i in ids if i.startswith("C"))
    assert numbers == list(range(1, numbers[-1] + 1))
    assert numbers[-1] >= 191
    assert {i for i in ids if i.startswith("P")} == set(PROTOCOLS)


def test_ids_are_unique_and_well_formed():
    counts = Counter(entry["id"] for entry in raw_entries())
    assert [i for i, n in counts.items() if n > 1] == []
    assert [i for i in counts if not re.fullmatch(r"[CP]\d{3}", i)] == []
    assert len(counts) == len(by_id())


def test_every_entry_states_category_status_and_verified_from_the_vocabulary():
    for entry in raw_entries():
        assert entry["category"] in CATEGORIES, entry["id"]
        assert entry["status"] in STATUSES, entry["id"]
        assert isinstance(entry["verified"], bool), entry["id"]
    assert set(get_args(InstrumentStatus)) == STATUSES


def test_the_year_is_the_year_in_the_title():
    for convention in by_id().values():
        if convention.id.startswith("C"):
            assert convention.title.endswith(f", {convention.year}"), convention.id
            assert convention.category != "protocol", convention.id
        else:
            of, year = PROTOCOLS[convention.id]
            assert convention.title == f"Protocol of {year} to the {of}", convention.id
            assert convention.year == year
            assert convention.category == "protocol"


def test_the_fundamental_instruments_and_their_years():
    found = {c.id: c.fundamental_since for c in by_id().values() if c.fundamental_since}
    assert found == FUNDAMENTAL
    fundamental_category = {c.id for c in by_id().values() if c.category == "fundamental"}
    assert fundamental_category == set(FUNDAMENTAL) - {"P029"}


def test_the_governance_conventions():
    found = {c.id: c.governance_since for c in by_id().values() if c.governance_since}
    assert found == GOVERNANCE
    assert {c.id for c in by_id().values() if c.category == "governance"} == set(GOVERNANCE)


def test_fundamental_and_governance_instruments_are_up_to_date_and_verified():
    for iid in {*FUNDAMENTAL, *GOVERNANCE}:
        assert by_id()[iid].status == "up_to_date", iid
        assert by_id()[iid].verified, iid


@pytest.mark.parametrize(
    ("iid", "title", "year"),
    [
        ("C029", "Forced Labour Convention, 1930", 1930),
        ("C110", "Plantations Convention, 1958", 1958),
        ("C189", "Domestic Workers Convention, 2011", 2011),
        ("C190", "Violence and Harassment Convention, 2019", 2019),
        ("C102", "Social Security (Minimum Standards) Convention, 1952", 1952),
        ("C169", "Indigenous and Tribal Peoples Convention, 1989", 1989),
        ("P110", "Protocol of 1982 to the Plantations Convention, 1958", 1982),
    ],
)
def test_spot_values(iid: str, title: str, year: int):
    assert (by_id()[iid].title, by_id()[iid].year) == (title, year)


@pytest.mark.parametrize(
    ("iid", "status"),
    [
        ("C004", "abrogated"),  # International Labour Conference, 2017
        ("C104", "abrogated"),  # 2018
        ("C045", "abrogated"),  # 2024
        ("C031", "withdrawn"),  # 2000
        ("C060", "withdrawn"),  # 2017
        ("C147", "outdated"),  # Governing Body, November 2021
        ("P147", "outdated"),
        ("C102", "up_to_date"),
    ],
)
def test_withdrawn_abrogated_and_outdated_instruments_are_kept_with_their_status(
    iid: str, status: str
):
    assert by_id()[iid].status == status
    assert by_id()[iid].verified


def test_the_header_names_its_public_sources_and_the_date_checked():
    comments = CONVENTIONS_FILE.read_text("utf-8").split("\nconventions:")[0].splitlines()
    header = " ".join(" ".join(line.lstrip("#").split()) for line in comments)
    for needle in (
        "NORMLEX",
        "Up-to-date Conventions and Recommendations",
        "Declaration on Fundamental Principles and Rights at Work (1998), as amended in 2022",
        "Declaration on Social Justice for a Fair Globalization (2008)",
        "checked on 2026-12-05",
    ):
        assert needle in header, needle


@pytest.mark.parametrize("instrument", ["C110", "C011", "C117", "C149", "P110"])
def test_dw407_passes_instruments_real_programmes_cite(instrument: str):
    _text, findings = lint_changed(lambda d: outcome(d)["conventions"].__setitem__(0, instrument))
    assert findings == []


def test_dw407_passes_a_programme_citing_every_catalogued_instrument():
    ids = sorted(by_id())
    _text, findings = lint_changed(lambda d: outcome(d).__setitem__("conventions", ids))
    assert [f for f in findings if f.code == "DW407"] == []


def test_a_repository_catalogue_without_the_new_fields_still_loads(tmp_path: Path):
    (tmp_path / "conventions.yaml").write_text(
        "conventions:\n"
        "  - id: C110\n"
        '    title: "Plantations Convention, 1958"\n'
        "    year: 1958\n"
        "    category: technical\n",
        encoding="utf-8",
    )
    replaced = load_catalogue(tmp_path).convention_ids["C110"]
    assert (replaced.status, replaced.governance_since, replaced.verified) == (None, None, False)
