"""Issue 14 in the documents: an extended period, enabling and cross-cutting items, several
UN frameworks and outcome-level UN links, labelled in the document's language."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from tests.render import STEM, changed, make_repo, md_unescape, message, render
from tests.rules.util import flow


def current(d: Any) -> None:
    """The clean programme extended, with a second framework, roles and an outcome link."""
    d["period"]["extended_to"] = 2024
    d["period"]["extension"] = flow(date="2022-06-30")
    first = d["context"].pop("un_framework")
    first["period"]["end"] = 2022
    second = {
        "kind": "unsdcf",
        "name": "Cooperation Framework 2023-2027",
        "period": flow(start=2023, end=2027),
        "outcomes": [
            {
                "id": "CF1",
                "statement": "People have decent work",
                "outputs": [flow(id="CF1.1", statement="Skills systems are modernised")],
            }
        ],
    }
    d["context"].insert(1, "un_frameworks", [first, second])
    d["priorities"][0].insert(2, "cross_cutting", True)
    outcome = d["priorities"][0]["outcomes"][0]
    outcome.insert(2, "enabling", True)
    outcome.insert(7, "un_outcomes", [flow(outcome="CF1", alignment="partial", output="CF1.1")])


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("current"), {f"{STEM}.yaml": changed(current)})


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_markdown_labels_the_extension_and_the_roles(repo: Path, language: str) -> None:
    out = f"out-{language}"
    result = render(repo, "--format", "md", "--format", "html", "--lang", language, "--out", out)
    assert result.code == 0, result.out + result.err
    for ext in ("md", "html"):
        text = (repo / out / f"{STEM}.{ext}").read_text(encoding="utf-8")
        text = md_unescape(text) if ext == "md" else html.unescape(text)
        text = text.replace("\u202f:", ":")  # French typography's space before a colon
        extended = message("document.extended_to", language).format(year=2024)
        assert f"2018\u20132022, {extended}" in text
        assert f"({message('priority.cross_cutting', language)})" in text
        outcome = message("results.outcome", language)
        assert f"{outcome} 1.1 ({message('results.enabling', language)})" in text
        # The link to output CF1.1 names it by its statement, as in the HTML.
        assert "CF1.1: Skills" in text
        assert "Cooperation Framework 2023-2027" in text and "CF1.1: Skills" in text
