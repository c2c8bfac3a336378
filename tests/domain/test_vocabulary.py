"""The shared vocabularies (dwcp.domain.vocabulary): read from the catalogue, once."""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

from dwcp.cli.new import Language as CliLanguage
from dwcp.domain.catalogue import FundingSource, load_catalogue
from dwcp.domain.vocabulary import (
    LANGUAGES,
    extra_budgetary_sources,
    sources_of_classes,
    sources_of_kinds,
    tripartite_groups,
)
from dwcp.source.loader import load

PACKAGE = Path(__file__).parent.parent.parent / "dwcp"


def test_the_tripartite_groups_are_those_the_catalogue_flags():
    assert tripartite_groups() == ("government", "employers", "workers")


def test_a_repository_catalogue_may_flag_other_groups(tmp_path: Path):
    """The list is read, not written out: flag the ILO as tripartite and it is listed."""
    (tmp_path / "constituent_groups.yaml").write_text(
        "constituent_groups:\n  - {id: ilo, name: ILO, tripartite: true}\n", encoding="utf-8"
    )
    catalogue = load_catalogue(tmp_path)
    assert tripartite_groups(catalogue) == ("government", "employers", "workers", "ilo")


def test_funding_source_classes_come_from_the_catalogue():
    """Domestic trust funds, UN pooled funds and public-private partnerships are
    extra-budgetary in ILO accounts; RBSA is voluntary core (was: only XBTC and XBDC)."""
    assert extra_budgetary_sources() == {"XBTC", "XBDC", "DTF", "UNPOOLED", "PPP"}
    assert sources_of_classes(["voluntary-core"]) == {"RBSA"}
    assert sources_of_classes(["regular-budget"]) == {"RB", "RBTC"}
    voluntary = sources_of_kinds(["voluntary-core", "partnership", "un-pooled", "extra-budgetary"])
    assert voluntary == {"RBSA", "PPP", "UNPOOLED", "XBTC", "XBDC"}
    catalogue = load_catalogue()
    extra = FundingSource(
        id="XBNEW", name="New", kind="grant", funding_class="extra-budgetary", description="-"
    )
    bigger = dataclasses.replace(catalogue, funding_sources=[*catalogue.funding_sources, extra])
    assert extra_budgetary_sources(bigger) == {"XBTC", "XBDC", "DTF", "UNPOOLED", "PPP", "XBNEW"}


def test_a_repository_catalogue_may_still_flag_extra_budgetary(tmp_path: Path):
    """The older `extra_budgetary:` flag still loads: true is extra-budgetary; false is
    voluntary core for a voluntary-core kind, else regular budget."""
    (tmp_path / "funding_sources.yaml").write_text(
        "funding_sources:\n"
        "  - {id: XBOLD, name: Old, kind: project, extra_budgetary: true, description: '-'}\n"
        "  - {id: CORE, name: Core, kind: voluntary-core, extra_budgetary: false, description: '-'}\n"
        "  - {id: RBOLD, name: RB, kind: regular, extra_budgetary: false, description: '-'}\n",
        encoding="utf-8",
    )
    catalogue = load_catalogue(tmp_path)
    classes = {s.id: s.funding_class for s in catalogue.funding_sources}
    assert (classes["XBOLD"], classes["CORE"], classes["RBOLD"]) == (
        "extra-budgetary",
        "voluntary-core",
        "regular-budget",
    )
    assert "XBOLD" in extra_budgetary_sources(catalogue)


def test_the_languages_are_those_of_the_model_and_of_every_label():
    assert LANGUAGES == ("en", "fr", "es", "ar", "pt", "ru")
    messages = load(PACKAGE / "templates" / "i18n" / "messages.yaml").data
    assert isinstance(messages, dict)
    for key, texts in messages.items():
        assert sorted(texts) == sorted(LANGUAGES), key


def test_the_cli_offers_the_same_languages():
    """dwcp new keeps its own --lang choices so the CLI starts without the model; they must
    be the same list."""
    assert tuple(language.value for language in CliLanguage) == LANGUAGES


def test_no_module_writes_the_tripartite_groups_or_the_languages_out_again():
    """Outside the model's Literal types, no tuple, list or set of string literals holds
    all three groups or all three languages."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        types = {id(n.slice) for n in ast.walk(tree) if isinstance(n, ast.Subscript)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple | ast.List | ast.Set) and id(node) not in types:
                words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if {"government", "employers", "workers"} <= words or {"en", "fr", "es"} <= words:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == []


def test_the_funding_catalogue_names_its_sources_and_classes_every_entry():
    """Spot values against the ILO's accounts: RB regular budget, RBSA voluntary core, donor
    projects, domestic trust funds, UN pooled funds and partnerships extra-budgetary."""
    header = (PACKAGE / "catalogues" / "funding_sources.yaml").read_text(encoding="utf-8")
    assert "checked on 2026-12-05" in header
    for source in ("GB.306/TC/1", "GB.267/TC/1", "Programme and Budget"):
        assert source in header
    sources = {s.id: s for s in load_catalogue().funding_sources}
    assert len(sources) == 9
    assert {i: s.funding_class for i, s in sources.items()} == {
        "RB": "regular-budget",
        "RBTC": "regular-budget",
        "RBSA": "voluntary-core",
        "XBTC": "extra-budgetary",
        "XBDC": "extra-budgetary",
        "DTF": "extra-budgetary",
        "UNPOOLED": "extra-budgetary",
        "PPP": "extra-budgetary",
        "GOV-IN-KIND": "outside-ilo-accounts",
    }
    assert {i for i, s in sources.items() if not s.verified} == {"XBDC", "GOV-IN-KIND"}
