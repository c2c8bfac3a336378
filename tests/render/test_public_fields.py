"""Every public field of a rich programme appears in every format: HTML, Markdown and the
PDF's text show the same fields (issue 15). The Viet Nam sample, with a narrative in every
prose field, is walked field by field; each text and date it holds must be found."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
from pydantic import BaseModel
from ruamel.yaml import YAML

from dwcp.model import Programme
from dwcp.model.narrative import Situation
from dwcp.model.public import visible
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from dwcp.views import locale
from tests.helpers import dump
from tests.render import Page, make_repo, md_unescape, pdf_everything, render, squash

SAMPLE = Path(__file__).parents[2] / "programmes" / "VNM-2017-2021.yaml"
STEM = SAMPLE.stem
# Fields shown as a label or a name rather than as written: codes, flags, and strategic
# objectives (shown by their titles; tests/render/test_un_style.py checks those).
NOT_VERBATIM = frozenset({"country", "language", "currency", "internal", "strategic_objectives"})


def _text() -> str:
    data = YAML().load(SAMPLE.read_text(encoding="utf-8"))
    narrative = {
        "foreword": "Foreword text of the programme.",
        "statements": [
            {"group": "government", "by": "The Minister of Labour", "text": "Government word."},
            {"group": "workers", "text": [{"text": "Workers word, first."}, {"text": "Second."}]},
        ],
        "executive_summary": "Summary of the whole programme.",
        "formulation": "Formulated in consultations.",
        "situation": {name: f"Situation of {name}." for name in Situation.model_fields},
        "comparative_advantage": "The advantage of tripartism.",
        "lessons": "Lessons as prose.",
        "implementation": "Implementation as prose.",
        "communication": "Communication plan text.",
        "funding": "Funding strategy text.",
        "glossary": [{"term": "QQX", "meaning": "A glossary meaning"}],
    }
    data["narrative"] = narrative
    for p, priority in enumerate(data["priorities"]):
        priority["strategy"] = f"Priority strategy {p}."
        priority["theory_of_change"] = f"Priority change {p}."
        for o, outcome in enumerate(priority["outcomes"]):
            outcome["strategy"] = f"Outcome strategy {p}-{o}."
            outcome["theory_of_change"] = f"Outcome change {p}-{o}."
    return dump(data)


TEXT = _text()


def _values(node: Any, path: str) -> Iterator[tuple[str, Any]]:
    """(path, value) of every text and date below node, codes and flags left out."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            if name not in NOT_VERBATIM:
                yield from _values(getattr(node, name), f"{path}.{name}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _values(item, f"{path}[{i}]")
    elif isinstance(node, str | dt.date):
        yield path, node


def _expected(programme: Programme) -> list[tuple[str, str]]:
    literal = _literal_paths(programme)
    found = []
    for path, value in _values(programme, "p"):
        if path in literal:
            continue  # a value of a closed list (status, group...): shown as its label
        shown = locale.date(value, "en") if isinstance(value, dt.date) else value
        found.append((path, squash(shown)))
    return found


def _literal_paths(programme: Programme) -> set[str]:
    """Paths of values that are Literal choices, from the model's annotations."""

    def literal(annotation: Any) -> bool:
        if get_origin(annotation) is Literal:
            return True
        return any(literal(a) for a in get_args(annotation))

    paths: set[str] = set()

    def walk(node: Any, path: str) -> None:
        if isinstance(node, BaseModel):
            for name, field in type(node).model_fields.items():
                value = getattr(node, name)
                if isinstance(value, str) and literal(field.annotation):
                    paths.add(f"{path}.{name}")
                walk(value, f"{path}.{name}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")

    walk(programme, "p")
    return paths


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    repo = make_repo(tmp_path_factory.mktemp("fields"), {f"{STEM}.yaml": TEXT})
    formats = ("--format", "html", "--format", "md", "--format", "pdf")
    result = render(repo, *formats, "--force", "--out", "out")
    assert result.code == 0, result.err
    out = repo / "out"
    raw_html = (out / f"{STEM}.html").read_text(encoding="utf-8")
    raw_md = (out / f"{STEM}.md").read_text(encoding="utf-8")
    html = Page(raw_html).text
    md = md_unescape(raw_md)
    pdf = pdf_everything(out / f"{STEM}.pdf")
    return {
        "html": squash(html),
        "md": squash(md.replace("&#8203;", "")),
        # Narrow columns break words across lines: compare without any white space.
        "pdf": "".join(pdf.split()),
        "toc-html": "\n".join(_html_toc(raw_html)),
        "toc-md": "\n".join(_md_toc(raw_md)),
    }


def _html_toc(html: str) -> list[str]:
    nav = html[html.index('<nav class="toc"') : html.index("</nav>")]
    return [squash(Page("<li" + item).text) for item in nav.split("<li")[1:]]


def _md_toc(md: str) -> list[str]:
    lines = md[md.index("## Contents") :].splitlines()[2:]
    return [md_unescape(line.strip().removeprefix("- ")) for line in lines[: lines.index("")]]


def test_the_tables_of_contents_list_the_same_sections(rendered: dict[str, str]) -> None:
    toc = rendered["toc-html"].splitlines()
    assert toc == rendered["toc-md"].splitlines()
    assert "1. Introduction" in toc and "Annex 1. Results matrix" in toc
    # Each entry is a heading of the document, in HTML and in the PDF (which is the HTML).
    for entry in toc:
        assert entry in rendered["html"]
        assert "".join(entry.split()) in rendered["pdf"]


def _programme() -> Programme:
    programme = to_programme(parse(TEXT, f"{STEM}.yaml"))
    assert isinstance(programme, Programme), programme
    return visible(programme, "public")


def test_the_fixture_has_a_narrative_in_every_prose_field() -> None:
    programme = _programme()
    assert all(getattr(programme.narrative.situation, n) for n in Situation.model_fields)
    assert len(_expected(programme)) > 300


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_every_public_field_appears(rendered: dict[str, str], fmt: str) -> None:
    text = rendered[fmt]
    missing = []
    for path, value in _expected(_programme()):
        wanted = "".join(value.split()) if fmt == "pdf" else value
        if wanted not in text:
            missing.append(f"{path}: {value[:60]!r}")
    assert missing == []
