"""Internal items never leak: a programme with a marked internal item of every kind, rendered
for the public (html, md, pdf, site) shows no marker; rendered for internal use it does."""

from __future__ import annotations

import functools
import re
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from dwcp.model import Programme
from dwcp.model.common import Visible
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from tests.render import (
    AS_OF,
    STEM,
    changed,
    make_repo,
    md_unescape,
    message,
    pdf_everything,
    pdf_pages,
    render,
    run,
    squash,
)

PREFIX = "ZZSECRET"
FORMATS = ("html", "md", "pdf")
SECRET_BUDGET = "13,579"
SECRET_STATISTIC = "98,765"
SECRET_PIPELINE = "77,777"
PUBLIC_CONTACT = "officer@example.org"  # a contact of the clean fixture: internal by default


def marker(name: str) -> str:
    return f"{PREFIX}{name}ZZ"


def _mark(data: Any) -> None:
    """One internal item of every kind, each text field holding its own marker."""
    m = marker
    context = data["context"]
    context["projects"].append(
        {
            "symbol": m("ProjectSymbol"),
            "title": m("ProjectTitle"),
            "funding_source": "RBSA",
            "donor": m("ProjectDonor"),
            "budget": 13579,
            "period": {"start": 2018, "end": 2020},
            "contributes_to": [{"outcome": "ZMB101", "share_percent": 10}],
            "internal": True,
        }
    )
    context["lessons_learned"] = [
        {"text": "A public lesson"},
        {"text": m("Lesson"), "source": m("LessonSource"), "internal": True},
    ]
    context["partnerships"] = [
        {"partner": m("Partner"), "description": m("PartnerText"), "internal": True}
    ]
    context["statistics"] = [
        {"name": "Public statistic", "value": 12.5, "year": 2017, "source": "LFS"},
        {
            "name": m("Statistic"),
            "value": 98765,
            "unit": m("StatisticUnit"),
            "year": 2017,
            "source": m("StatisticSource"),
            "by_sex": {"women": 1, "men": 2},
            "internal": True,
        },
    ]
    context["labour_standards"] = {
        "ratifications": [{"instrument": "C122", "ratified": "1979-02-23"}],
        "supervisory_comments": [
            {"body": "ceacr", "year": 2017, "summary": "A public comment"},
            {
                "body": "cfa",
                "year": 2017,
                "reference": m("CommentReference"),
                "summary": m("Comment"),
                "internal": True,
            },
        ],
    }
    outcome = data["priorities"][0]["outcomes"][0]
    outcome["outputs"].append({"id": m("OutputId"), "statement": m("Output"), "internal": True})
    pipeline = outcome["resources"][1]  # the fixture's one internal resource
    assert pipeline["internal"] is True
    pipeline.update({"amount": 77777, "donor": m("ResourceDonor"), "project": m("ProjectSymbol")})
    data["planning"]["risks"].append(
        {
            "id": m("RiskId"),
            "description": m("Risk"),
            "likelihood": "low",
            "impact": "low",
            "mitigation": m("Mitigation"),
            "internal": True,
        }
    )
    management = data["management"]
    management["steering_committee"]["members"].append(
        {"group": "other", "organization": m("Member"), "name": m("MemberName"), "internal": True}
    )
    management["implementing_partners"] = [
        {"name": "A public partner", "role": "trains"},
        {"name": m("ImplementingPartner"), "role": m("PartnerRole"), "internal": True},
    ]
    data["monitoring"]["reviews"].append(
        {
            "kind": "mid-term-review",
            "planned": "2020-06-01",
            "findings": m("ReviewFindings"),
            "internal": True,
        }
    )
    # An internal recommendation of a public review (with its management response).
    data["monitoring"]["reviews"][0]["recommendations"] = [
        {"text": m("Recommendation"), "response": "accepted", "internal": True}
    ]
    data["contacts"].append(
        {"name": m("Contact"), "role": m("ContactRole"), "phone": m("Phone"), "internal": True}
    )
    data["notes"] = [{"text": m("Note"), "internal": True}]
    data["narrative"] = {
        "statements": [
            {"group": "workers", "text": "A public statement"},
            {
                "group": "employers",
                "by": m("StatementBy"),
                "text": m("Statement"),
                "internal": True,
            },
        ],
        "executive_summary": [
            {"text": "A public summary"},
            {"text": m("Paragraph"), "internal": True},
        ],
    }
    outcome["strategy"] = [{"text": m("Strategy"), "internal": True}]


TEXT = changed(_mark)
# What of each internal item the internal documents show, by format. The mid-term review
# shows as its kind; the resource as its amount.
IN_EVERY_FORMAT = [
    *(marker(m) for m in ("Lesson", "Risk", "Mitigation", "Member", "Partner", "PartnerText")),
    *(marker(m) for m in ("Contact", "ContactRole", "Phone", "Note")),
    *(marker(m) for m in ("Comment", "CommentReference")),
    "Mid-term review",
    SECRET_PIPELINE,
]
SHOWN = {
    "html": [
        *IN_EVERY_FORMAT,
        *(marker(m) for m in ("ProjectSymbol", "ProjectTitle", "ProjectDonor", "Statistic")),
        *(marker(m) for m in ("StatisticSource", "Output", "ResourceDonor")),
        *(marker(m) for m in ("ImplementingPartner", "PartnerRole")),
        SECRET_BUDGET,
        SECRET_STATISTIC,
        *(marker(m) for m in ("Statement", "StatementBy", "Paragraph", "Strategy")),
    ],
}
# The Markdown shows everything the HTML shows (issue 15).
SHOWN["md"] = SHOWN["html"]
SHOWN["pdf"] = SHOWN["html"]
# Markers the internal HTML labels as internal items, and the element that holds each.
LABELLED = {
    marker("ProjectSymbol"): "tr",
    marker("Lesson"): "li",
    marker("Statistic"): "tr",
    marker("Output"): "li",
    marker("ResourceDonor"): "tr",
    marker("Risk"): "tr",
    marker("Member"): "tr",
    marker("ImplementingPartner"): "li",
    marker("Partner"): "li",
    marker("Contact"): "tr",
    marker("Note"): "li",
    marker("Comment"): "li",
    "Mid-term review": "tr",
    marker("Statement"): "div",
    marker("Paragraph"): "div",
    marker("Strategy"): "div",
}
SECRETS = (SECRET_BUDGET, SECRET_STATISTIC, SECRET_PIPELINE, "Mid-term review", PUBLIC_CONTACT)


def _visible_types(annotation: Any, seen: set[type[BaseModel]] | None = None) -> set[type]:
    """Every Visible model class reachable from an annotation."""
    seen = set() if seen is None else seen
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return set()
        seen.add(annotation)
        found: set[type] = {annotation} if issubclass(annotation, Visible) else set()
        for field in annotation.model_fields.values():
            found |= _visible_types(field.annotation, seen)
        return found
    if get_origin(annotation) in (list, Union, types.UnionType) or get_args(annotation):
        return set().union(*(_visible_types(a, seen) for a in get_args(annotation)))
    return set()


def _internal_items(node: Any) -> set[type]:
    """The classes of the items marked internal in a programme, at any depth."""
    found: set[type] = set()
    if isinstance(node, Visible) and node.internal:
        found.add(type(node))
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found |= _internal_items(getattr(node, name))
    elif isinstance(node, list | tuple):
        for item in node:
            found |= _internal_items(item)
    return found


def test_the_fixture_marks_an_item_of_every_visible_kind() -> None:
    programme = to_programme(parse(TEXT, "ZMB.yaml"))
    assert isinstance(programme, Programme), programme
    kinds = _visible_types(Programme)
    assert len(kinds) >= 12
    assert _internal_items(programme) == kinds
    markers = set(re.findall(rf"{PREFIX}\w+?ZZ", TEXT))
    assert len(markers) >= 20


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("internal"), {f"{STEM}.yaml": TEXT})
    formats = [arg for fmt in FORMATS for arg in ("--format", fmt)]
    for audience in ("public", "internal"):
        result = render(repo, *formats, "--out", audience, "--audience", audience)
        assert result.code == 0, result.err
        assert PREFIX not in result.out + result.err
        result = run(
            repo, "site", "--as-of", AS_OF, "--out", f"site-{audience}", "--audience", audience
        )
        assert result.code == 0, result.err
    return repo


@functools.cache
def _document(repo: Path, audience: str, fmt: str) -> str:
    path = repo / audience / f"{STEM}.{fmt}"
    if fmt == "pdf":
        # Narrow table columns break long words across lines, so the text is also given
        # with every line break and space taken out: a split marker is still found.
        text = pdf_everything(path)
        return squash(text) + "\n" + "".join(text.split())
    return path.read_text(encoding="utf-8")


def _secrets_in(text: str) -> list[str]:
    found = re.findall(rf"{PREFIX}\w*", text, flags=re.IGNORECASE)
    return found + [s for s in SECRETS if s in text]


@pytest.mark.parametrize("fmt", FORMATS)
def test_public_documents_hold_no_internal_item(repo: Path, fmt: str) -> None:
    assert _secrets_in(_document(repo, "public", fmt)) == []


def test_public_pdf_bytes_hold_no_marker(repo: Path) -> None:
    data = (repo / "public" / f"{STEM}.pdf").read_bytes()
    for encoded in (PREFIX.encode(), PREFIX.encode("utf-16-be")):
        assert encoded not in data
        assert encoded.lower() not in data


def test_public_site_holds_no_internal_item(repo: Path) -> None:
    site = repo / "site-public"
    pages = sorted(site.rglob("*.html"))
    assert {p.relative_to(site).as_posix() for p in pages} >= {
        "index.html",
        f"programmes/{STEM}.html",
        "reports/alignment.html",
        "reports/gaps.html",
        "reports/portfolio.html",
    }
    for path in site.rglob("*"):
        if path.is_file():
            assert _secrets_in(path.read_text(encoding="utf-8")) == [], path


def test_public_documents_carry_no_internal_banner(repo: Path) -> None:
    banner = message("document.internal_banner")
    for fmt in FORMATS:
        assert banner not in _document(repo, "public", fmt), fmt
    assert banner not in (repo / "site-public" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_internal_documents_show_internal_items(repo: Path, fmt: str) -> None:
    text = _document(repo, "internal", fmt)
    if fmt == "md":
        text = md_unescape(text)
    missing = [shown for shown in SHOWN[fmt] if shown not in text]
    assert missing == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_internal_documents_carry_the_banner(repo: Path, fmt: str) -> None:
    banner = message("document.internal_banner")
    assert banner.startswith("INTERNAL")
    assert banner in _document(repo, "internal", fmt)


def test_internal_pdf_has_the_banner_on_every_page(repo: Path) -> None:
    pages = pdf_pages(repo / "internal" / f"{STEM}.pdf")
    assert len(pages) > 1
    assert [n for n, text in enumerate(pages, 1) if "INTERNAL" not in text] == []


def test_internal_html_labels_each_internal_item(repo: Path) -> None:
    html = _document(repo, "internal", "html")
    for shown, element in LABELLED.items():
        at = html.index(shown)
        start = html.rindex(f"<{element}", 0, at)
        assert html.startswith(f'<{element} class="internal">', start), shown


def test_internal_markdown_labels_each_internal_item(repo: Path) -> None:
    label = message("document.internal_item")
    md = _document(repo, "internal", "md")
    lines = [line for line in md.splitlines() if marker("Lesson") in line]
    assert lines
    assert all(label in line.lower() for line in lines), lines


def test_internal_site_shows_internal_items(repo: Path) -> None:
    site = repo / "site-internal"
    page = (site / "programmes" / f"{STEM}.html").read_text(encoding="utf-8")
    assert marker("Lesson") in page
    assert message("document.internal_banner") in page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert message("document.internal_banner") in index
