"""`dwcp site`: a static site whose every relative link resolves, whose every page declares
its language and has one h1, and which leaves out (and fails on) blocked programmes."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import Run
from tests.render import (
    AS_OF,
    STEM,
    Page,
    changed,
    files_under,
    make_repo,
    message,
    render,
    run,
    unnumbered,
)

FRENCH = "SEN-2018-2022"
REPORTS = ("alignment", "gaps", "portfolio")


def _senegal(data: Any, effect: bool = True) -> None:
    """The clean fixture moved to Senegal, in French (codes and symbols renamed)."""
    text_fields = ("ZMB", "SEN")
    data["country"] = "SEN"
    data["language"] = "fr"
    data["title"] = "Programme par pays de promotion du travail décent pour le Sénégal"
    data["office"] = "Bureau de pays de l'OIT pour le Sénégal"
    outcome = data["priorities"][0]["outcomes"][0]
    outcome["id"] = outcome["id"].replace(*text_fields)
    for indicator in outcome["indicators"]:
        indicator["id"] = indicator["id"].replace(*text_fields)
    for output in outcome["outputs"]:
        output["id"] = output["id"].replace(*text_fields)
    for resource in outcome["resources"]:
        if "project" in resource:
            resource["project"] = resource["project"].replace(*text_fields)
    project = data["context"]["projects"][0]
    project["symbol"] = project["symbol"].replace(*text_fields)
    project["contributes_to"][0]["outcome"] = outcome["id"]
    if not effect:
        del outcome["effect_on_women_and_men"]


def _site(repo: Path, out: str, *args: str) -> Run:
    return run(repo, "site", "--as-of", AS_OF, "--out", out, *args)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    programmes = {
        f"{STEM}.yaml": changed(lambda _: None),
        f"{FRENCH}.yaml": changed(_senegal),
    }
    repo = make_repo(tmp_path_factory.mktemp("site"), programmes)
    result = _site(repo, "site")
    assert result.code == 0, result.err
    return repo


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_site_has_the_index_programmes_and_reports(site: Path) -> None:
    assert files_under(site / "site") == {
        "index.html",
        f"programmes/{STEM}.html",
        f"programmes/{FRENCH}.html",
        *(f"reports/{kind}.html" for kind in REPORTS),
    }


def test_index_links_every_programme_and_report(site: Path) -> None:
    hrefs = set(Page((site / "site" / "index.html").read_text(encoding="utf-8")).hrefs)
    expected = {f"programmes/{STEM}.html", f"programmes/{FRENCH}.html"}
    expected |= {f"reports/{kind}.html" for kind in REPORTS}
    assert expected <= hrefs


def test_every_link_is_relative_and_resolves(site: Path) -> None:
    root = (site / "site").resolve()
    ids = {path: Page(path.read_text(encoding="utf-8")).ids for path in _pages(root)}
    broken = []
    for page_path in _pages(root):
        page = Page(page_path.read_text(encoding="utf-8"))
        for href in page.hrefs + page.sources:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, f"{page_path}: {href} is not local"
            target = (page_path.parent / unquote(parts.path)).resolve() if parts.path else page_path
            inside = target.is_file() and root in target.parents
            if not inside or parts.fragment not in ids.get(target, set()) | {""}:
                broken.append((page_path.name, href))
    assert broken == []


def test_every_page_has_a_language_and_one_h1(site: Path) -> None:
    for path in _pages(site / "site"):
        page = Page(path.read_text(encoding="utf-8"))
        assert page.lang in ("en", "fr", "es"), path
        assert len(page.h1) == 1, (path, page.h1)


def test_programme_pages_are_in_the_programme_language(site: Path) -> None:
    french = Page((site / "site" / "programmes" / f"{FRENCH}.html").read_text(encoding="utf-8"))
    assert french.lang == "fr"
    assert message("section.priorities", "fr") in unnumbered(french.headings)
    english = Page((site / "site" / "programmes" / f"{STEM}.html").read_text(encoding="utf-8"))
    assert english.lang == "en"


def test_programme_pages_are_the_rendered_documents(site: Path) -> None:
    assert render(site, "--format", "html", "--out", "documents").code == 0
    for stem in (STEM, FRENCH):
        page = (site / "site" / "programmes" / f"{stem}.html").read_bytes()
        assert page == (site / "documents" / f"{stem}.html").read_bytes()


def test_index_language_follows_lang(site: Path) -> None:
    result = _site(site, "site-fr", "--lang", "fr")
    assert result.code == 0, result.err
    index = Page((site / "site-fr" / "index.html").read_text(encoding="utf-8"))
    assert index.lang == "fr"
    assert index.h1 == [message("site.title", "fr")]


def test_blocked_programme_fails_the_site_and_is_not_listed(tmp_path: Path) -> None:
    programmes = {
        f"{STEM}.yaml": changed(lambda _: None),
        f"{FRENCH}.yaml": changed(lambda data: _senegal(data, effect=False)),
    }
    repo = make_repo(tmp_path, programmes)
    result = _site(repo, "site")
    assert result.code == 1
    assert f"programmes/{FRENCH}.yaml:" in result.err
    assert "DW401" in result.err
    out = repo / "site"
    assert f"programmes/{FRENCH}.html" not in files_under(out)
    assert f"programmes/{STEM}.html" in files_under(out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"programmes/{STEM}.html" in index
    for path in _pages(out):
        text = path.read_text(encoding="utf-8")
        assert FRENCH not in text, path
        assert "Sénégal" not in text, path
