"""Prose fields: CommonMark to safe HTML and back to sanitized Markdown (dwcp.views.prose),
and the acronyms a document lists (dwcp.domain.acronyms)."""

from __future__ import annotations

from typing import Any

import pytest

from dwcp.domain.acronyms import acronyms_in, used_as_word
from dwcp.model import Programme
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from dwcp.views.prose import to_html, to_markdown
from tests.render import changed

TEXT = """# Heading

Some *emphasis*, **strong** and `code <b>`.

- one
- two

  second paragraph of two

1. first
2. second

> quoted
"""


def test_html_keeps_the_structure_below_the_documents_headings() -> None:
    html = to_html(TEXT, 4)
    assert "<h4>Heading</h4>" in html
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert "<code>code &lt;b&gt;</code>" in html
    assert "<ul>" in html and "<ol>" in html and "<blockquote>" in html
    assert "<h1" not in to_html("# One\n\n###### Six", 3) and "<h6>Six</h6>" in to_html(
        "###### Six"
    )


def test_markdown_round_trip_shows_the_same_document() -> None:
    """Written back as Markdown, the prose parses to the same HTML (code spans become text)."""
    back = to_markdown(TEXT, 4)
    assert back.startswith("#### Heading\n")
    assert to_html(back, 1) == to_html(TEXT.replace("`code <b>`", "code <b>"), 4)


@pytest.mark.parametrize(
    ("link", "kept"),
    [
        ("https://www.ilo.org/", True),
        ("http://example.org/a(b)", True),
        ("mailto:someone@example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("/relative/page", False),
        ("#anchor", False),
    ],
)
def test_only_http_and_mailto_links_are_links(link: str, kept: bool) -> None:
    html = to_html(f"[text]({link})")
    assert ("<a href=" in html) is kept
    md = to_markdown(f"[text]({link})")
    assert md.startswith("[text](") is kept


def test_an_image_is_its_description() -> None:
    assert to_html("![a chart](https://example.org/c.png)") == "<p>a chart</p>\n"
    assert to_markdown("![a chart](https://example.org/c.png)") == "a chart\n"


def _glossary(data: Any) -> None:
    data["narrative"] = {"glossary": [{"term": "ILO", "meaning": "Our own meaning"}]}
    data["priorities"][0]["rationale"] = "Work with the UNCT and the RBSA."


def test_the_glossary_wins_and_only_used_standard_acronyms_are_listed() -> None:
    programme = to_programme(parse(changed(_glossary), "ZMB.yaml"))
    assert isinstance(programme, Programme)
    found = dict(acronyms_in(programme, "en"))
    assert found["ILO"] == "Our own meaning"
    assert found["UNCT"] == "United Nations country team"
    assert "RBSA" in found
    assert "ACTRAV" not in found
    assert list(found) == sorted(found, key=str.casefold)


@pytest.mark.parametrize(
    ("text", "term", "used"),
    [
        ("Work with the UN country team.", "UN", True),
        ("UNICEF and UNDAF only.", "UN", False),
        ("ILOSTAT data, then the ILO.", "ILO", True),
        ("ILOSTAT data only.", "ILO", False),
        ("Aligned with P&B outcome 1.", "P&B", True),
        ("ACT/EMP and ACTRAV", "ACTRAV", True),
        ("ACT/EMPLOYERS", "ACT/EMP", False),
        ("(SDG)", "SDG", True),
        ("SDG_8", "SDG", False),
        ("", "UN", False),
    ],
)
def test_a_standard_acronym_counts_only_as_a_whole_word(text: str, term: str, used: bool) -> None:
    assert used_as_word(text, term) is used
