"""Every HTML page's `<html lang>` comes from its context, never from the template: the
documents and the site index from the language asked, the report pages (labels in English)
from the one place that says so, dwcp.views.reports.html.LANGUAGE."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dwcp.analyses.report_data import build_report
from dwcp.config import Settings
from dwcp.domain.catalogue import load_catalogue
from dwcp.views.reports import html
from tests.helpers import CLEAN

ROOT = Path(__file__).resolve().parents[2]
HTML_TEMPLATES = sorted((ROOT / "dwcp" / "templates").rglob("*.html.j2"))


def test_there_are_html_templates() -> None:
    assert any(path.match("reports/report.html.j2") for path in HTML_TEMPLATES)


@pytest.mark.parametrize("path", HTML_TEMPLATES, ids=lambda p: p.parent.name + "/" + p.name)
def test_no_html_template_writes_a_language_of_its_own(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for tag in re.findall(r"<html\b[^>]*>", text):
        assert 'lang="{{ lang }}"' in tag, tag
    assert not re.search(r"""\blang=["'][a-z]""", text)  # no hard-coded lang anywhere


def test_the_report_page_language_comes_from_its_context(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / CLEAN.name).write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    report = build_report(
        "gaps", [tmp_path], Settings(root=tmp_path), load_catalogue(), dt.date(2024, 6, 30)
    )
    assert '<html lang="en">' in html.render_html(report)
    monkeypatch.setattr(html, "LANGUAGE", "fr")
    assert '<html lang="fr">' in html.render_html(report)
