"""`dwcp fmt` formats translation files (`<stem>.<lang>.yaml`) too: keys in the translation
model's order, the programmes' layout, comments kept, the same safety net, --check and --diff
as for programmes; a translation is never formatted as, or taken for, a programme."""

from __future__ import annotations

from pathlib import Path

import pytest

from dwcp.model.translation import Translation
from dwcp.source.file_names import is_translation_file
from dwcp.workflow.fmt import format_text
from dwcp.workflow.fmt.fast import format_best
from tests.conftest import CliRun

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p for p in (ROOT / "programmes").glob("*.yaml") if is_translation_file(p))
FRENCH = Path("programmes/ZMB-2018-2022.fr.yaml")
HASH = '"0123456789ab"'

FORMATTED = (
    "# Traduction française\n"
    "language: fr\n"
    "programme:\n"
    f"  title: {{original: {HASH}, text: Programme pour la Zambie}}  # relu\n"
    "items:\n"
    "  ZMB-P1:\n"
    "    # le titre de la priorité\n"
    f"    title: {{original: {HASH}, text: Emploi}}\n"
    "    rationale:\n"
    f"      original: {HASH}\n"
    "      text: Des emplois décents\n"
)
UNFORMATTED = (
    "# Traduction française\n"
    "items:\n"
    "    ZMB-P1:\n"
    "        # le titre de la priorité\n"
    f"        title: {{text: Emploi, original: {HASH}}}\n"
    "        rationale:\n"
    "            text: Des emplois décents\n"
    f"            original: {HASH}\n"
    "programme:\n"
    f"    title: {{text: Programme pour la Zambie, original: {HASH}}}  # relu\n"
    "language: fr\n"
)


def test_there_is_a_committed_translation_to_check() -> None:
    assert SAMPLES


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_committed_translations_are_already_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_text(text, str(path), Translation) == text
    assert format_best(text, str(path), Translation) == (text, "fast")


def test_keys_follow_the_translation_model_and_ids_keep_their_order() -> None:
    # Top level and passages in model order; ids and field names are data, never sorted.
    assert format_text(UNFORMATTED, "x.fr.yaml", Translation) == FORMATTED
    ids = f"items:\n  B2:\n    text: {{original: {HASH}, text: x}}\n  A1: {{}}\n"
    assert format_text(ids, "x.fr.yaml", Translation) == ids


def test_both_engines_agree_on_a_translation() -> None:
    fast, engine = format_best(UNFORMATTED, "x.fr.yaml", Translation)
    assert engine == "fast"
    assert fast == format_text(UNFORMATTED, "x.fr.yaml", Translation) == FORMATTED


def test_fmt_rewrites_an_unformatted_translation(dwcp: CliRun, repo: Path) -> None:
    (repo / FRENCH).write_text(UNFORMATTED, encoding="utf-8")
    run = dwcp("fmt")
    assert run.code == 0, run.err
    assert run.out == f"reformatted {FRENCH}\n1 file reformatted, 1 left unchanged\n"
    assert (repo / FRENCH).read_text(encoding="utf-8") == FORMATTED
    assert "# relu" in FORMATTED and "# le titre de la priorité" in FORMATTED  # comments kept


def test_check_reports_an_unformatted_translation_and_writes_nothing(
    dwcp: CliRun, repo: Path
) -> None:
    (repo / FRENCH).write_text(UNFORMATTED, encoding="utf-8")
    run = dwcp("fmt", "--check")
    assert run.code == 1
    assert f"would reformat {FRENCH}\n" in run.out
    assert "1 file would be reformatted, 1 already formatted" in run.out
    assert (repo / FRENCH).read_text(encoding="utf-8") == UNFORMATTED


def test_diff_shows_the_translation_change(dwcp: CliRun, repo: Path) -> None:
    (repo / FRENCH).write_text(UNFORMATTED, encoding="utf-8")
    run = dwcp("fmt", "--diff")
    assert run.code == 1
    assert run.out.startswith(f"--- {FRENCH}\n+++ {FRENCH}\n@@ ")
    assert f"\n+    title: {{original: {HASH}, text: Emploi}}\n" in run.out
    assert (repo / FRENCH).read_text(encoding="utf-8") == UNFORMATTED


def test_a_formatted_translation_is_left_untouched(
    dwcp: CliRun, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []
    monkeypatch.setattr("dwcp.workflow.fmt.apply.write_atomic", lambda p, _: written.append(p))
    (repo / FRENCH).write_text(FORMATTED, encoding="utf-8")
    run = dwcp("fmt", "--check")
    assert (run.code, run.out) == (0, "0 files would be reformatted, 2 already formatted\n")
    assert dwcp("fmt").code == 0
    assert written == []


def test_a_translation_named_on_its_own_is_formatted_itself(dwcp: CliRun, repo: Path) -> None:
    (repo / FRENCH).write_text(UNFORMATTED, encoding="utf-8")
    run = dwcp("fmt", "--check", str(FRENCH))
    assert run.code == 1
    assert run.out == f"would reformat {FRENCH}\n1 file would be reformatted, 0 already formatted\n"


def test_a_broken_translation_is_named_with_line_and_column(dwcp: CliRun, repo: Path) -> None:
    broken = "language: fr\nprogramme:\n  title: {original: 1, text: a}\n  title: x\n"
    (repo / FRENCH).write_text(broken, encoding="utf-8")
    run = dwcp("fmt")
    assert run.code == 2
    assert f"{FRENCH}:4:3: key `title` appears twice" in run.err
    assert "could not be formatted" in run.out
    assert (repo / FRENCH).read_text(encoding="utf-8") == broken
    assert "Traceback" not in run.err


def test_a_translation_is_not_formatted_as_a_programme(dwcp: CliRun, repo: Path) -> None:
    # The same text: canonical as a programme (none of its keys is a programme field, so
    # they keep their order), not as a translation. Neither answer is cached for the other.
    text = f"programme:\n  title: {{text: T, original: {HASH}}}\n"
    (repo / "programmes" / "X.yaml").write_text(text, encoding="utf-8")
    (repo / "programmes" / "X.fr.yaml").write_text(text, encoding="utf-8")
    assert dwcp("fmt", "--check", "programmes/X.yaml").code == 0
    run = dwcp("fmt", "--check", "programmes/X.fr.yaml")
    assert run.code == 1
    assert "would reformat programmes/X.fr.yaml" in run.out
    assert "programme" not in run.err  # never reported as an invalid programme
