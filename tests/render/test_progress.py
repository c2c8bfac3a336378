"""`dwcp render --document progress`: where every outcome and indicator stands as of a date,
with the statuses and counts of `dwcp report results`, the reviews' findings and
recommendations, public or internal, in the programme's language."""

from __future__ import annotations

import copy
import html
from pathlib import Path
from typing import Any

import pytest

from tests.render import STEM, changed, git_commit_all, make_repo, md_unescape, message, run

AS_OF = "2020-01-15"
"""The 2019 milestones are due; the targets (2022) are not."""
PUBLIC_RECOMMENDATION = "Extend the tracer survey to every province"
INTERNAL_RECOMMENDATION = "Replace the implementing partner in Copperbelt"
FINDING = "Placements held up in the drought year"


def _with_results(data: Any) -> None:
    """A second indicator of outcome 1.1 that missed its 2019 milestone, and a review done
    with findings and recommendations, one internal."""
    outcome = data["priorities"][0]["outcomes"][0]
    second = copy.deepcopy(outcome["indicators"][0])
    second["id"] = "ZMB101.2"
    second["statement"] = "Share of placed youth still in work a year later"
    second["actuals"] = [{"date": "2019-06-30", "value": 21}]
    outcome["indicators"].append(second)
    data["monitoring"]["reviews"][0] = {
        "kind": "annual-review",
        "planned": "2019-12-15",
        "done": "2019-12-16",
        "key_findings": [FINDING],
        "recommendations": [
            {
                "text": PUBLIC_RECOMMENDATION,
                "response": "accepted",
                "implementation": "in-progress",
            },
            {"text": INTERNAL_RECOMMENDATION, "response": "rejected", "internal": True},
        ],
    }


def _french(data: Any) -> None:
    _with_results(data)
    data["language"] = "fr"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("progress"), {f"{STEM}.yaml": changed(_with_results)})
    # A French programme of its own (one repository would hold the outcome codes twice).
    french = make_repo(repo / "french", {f"{STEM}.yaml": changed(_french)})
    for folder, args in (
        (repo, ("--out", "public")),
        (repo, ("--out", "internal", "--audience", "internal")),
        (french, ("--out", str(repo / "fr"))),
    ):
        result = run(
            folder,
            "render",
            "--document",
            "progress",
            "--as-of",
            AS_OF,
            "--format",
            "html",
            "--format",
            "md",
            *args,
        )
        assert result.code == 0, result.err
    return repo


def _read(repo: Path, out: str, ext: str) -> str:
    text = (repo / out / f"{STEM}.{ext}").read_text(encoding="utf-8")
    return md_unescape(text) if ext == "md" else html.unescape(text)


@pytest.mark.parametrize("ext", ["html", "md"])
def test_statuses_of_every_indicator(rendered: Path, ext: str) -> None:
    text = _read(rendered, "public", ext)
    assert message("progress.kind") in text
    assert "ZMB101.1" in text and "ZMB101.2" in text
    assert message("export.status.on_track") in text
    assert message("export.status.off_track") in text
    # Neither target is due: none met of the two indicators with a milestone due.
    assert message("progress.summary").format(met=0, due=2) in text


def test_counts_by_status_per_outcome_priority_and_programme(rendered: Path) -> None:
    text = _read(rendered, "public", "md")
    # Worst first: not met, off track, partly met, no data, on track, met, not yet due.
    assert "| 1.1 | 0 | 1 | 0 | 0 | 1 | 0 | 0 |" in text
    assert f"| **{message('priority.heading').format(n=1)}** | 0 | 1 | 0 | 0 | 1 | 0 | 0 |" in text
    assert f"| **{message('progress.programme')}** | 0 | 1 | 0 | 0 | 1 | 0 | 0 |" in text


@pytest.mark.parametrize("ext", ["html", "md"])
def test_findings_and_public_recommendations_with_their_responses(rendered: Path, ext: str) -> None:
    text = _read(rendered, "public", ext)
    assert FINDING in text
    assert PUBLIC_RECOMMENDATION in text
    assert message("response.accepted") in text
    assert message("implementation.in-progress") in text
    assert INTERNAL_RECOMMENDATION not in text


@pytest.mark.parametrize("ext", ["html", "md"])
def test_internal_recommendation_marked_in_the_internal_document(rendered: Path, ext: str) -> None:
    text = _read(rendered, "internal", ext)
    assert INTERNAL_RECOMMENDATION in text
    assert message("document.internal_item") in text


@pytest.mark.parametrize("ext", ["html", "md"])
def test_in_the_programme_language(rendered: Path, ext: str) -> None:
    text = _read(rendered, "fr", ext)
    for label in ("progress.kind", "progress.reviews", "export.status.off_track"):
        assert message(label, "fr") in text
    assert message("progress.reviews") not in text


def test_without_since_the_document_says_changes_are_not_compared(rendered: Path) -> None:
    assert message("progress.changes_unknown") in _read(rendered, "public", "md")


def test_the_programme_document_has_no_progress(rendered: Path) -> None:
    result = run(rendered, "render", "--as-of", AS_OF, "--format", "md", "--out", "programme")
    assert result.code == 0, result.err
    assert message("progress.kind") not in _read(rendered, "programme", "md")


def _on_track_before(data: Any) -> None:
    """The previous report's version: ZMB101.2 had reached its 2019 milestone then."""
    _with_results(data)
    data["priorities"][0]["outcomes"][0]["indicators"][1]["actuals"] = [
        {"date": "2019-06-30", "value": 26}
    ]


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose committed version is the previous report's, changed since."""
    repo = make_repo(tmp_path_factory.mktemp("since"), {f"{STEM}.yaml": changed(_on_track_before)})
    git_commit_all(repo)
    (repo / "programmes" / f"{STEM}.yaml").write_text(changed(_with_results), encoding="utf-8")
    return repo


def _progress(repo: Path, *args: str) -> Any:
    return run(repo, "render", "--document", "progress", "--as-of", AS_OF, "--format", "md", *args)


def test_since_lists_the_indicators_whose_status_changed(history: Path) -> None:
    result = _progress(history, "--since", "HEAD", "--out", "since")
    assert result.code == 0, result.err
    text = _read(history, "since", "md")
    assert message("progress.changes_since").format(rev="HEAD") in text
    on, off = message("export.status.on_track"), message("export.status.off_track")
    outcome = message("results.outcome")
    assert f"- ZMB101.2 ({outcome} 1.1): {on} → {off}" in text
    assert "- ZMB101.1 (" not in text  # on track then and now: unchanged


def test_since_an_unknown_revision_is_refused(history: Path) -> None:
    result = _progress(history, "--since", "no-such-rev", "--out", "unknown")
    assert result.code != 0
    assert "no-such-rev" in result.err
    assert not (history / "unknown").exists()


def test_since_needs_a_progress_report(history: Path) -> None:
    result = run(history, "render", "--as-of", AS_OF, "--since", "HEAD", "--out", "programme")
    assert result.code != 0
    assert "--document progress" in result.err
