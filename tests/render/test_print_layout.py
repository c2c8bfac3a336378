"""The print stylesheet gives table columns set widths (WeasyPrint lays them out faster
than measuring every cell). Whatever the language, the amounts or the words in a cell, no
text may stick out of its cell in the PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from weasyprint.formatting_structure import boxes

from tests.render import STEM, changed, make_repo, render

HUGE = 987_654_321_012  # a 12-digit amount: wider than any set money column
LONG_WORD = "Arbeitsmarktbeobachtungsinformationssystemdatenbankauszugsbericht"


def _enlarged(data: Any) -> None:
    outcome = data["priorities"][0]["outcomes"][0]
    outcome["resources"][0]["amount"] = HUGE
    outcome["budget_required"][0]["amount"] = HUGE
    indicator = outcome["indicators"][0]
    indicator["target"]["value"] = HUGE
    indicator["baseline"]["value"] = HUGE
    indicator["means_of_verification"] = [LONG_WORD]
    data["planning"]["risks"][0]["likelihood"] = "medium"
    data["planning"]["risks"][0]["mitigation"] = LONG_WORD


def _overflows(document: weasyprint.Document) -> Iterator[str]:
    """Text boxes that reach past their cell's padding into its border or beyond."""
    for number, page in enumerate(document.pages, start=1):
        for cell in page._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            right = cell.padding_box_x() + cell.padding_width()
            for box in cell.descendants():
                if isinstance(box, boxes.TextBox) and box.position_x + box.width > right:
                    by = box.position_x + box.width - right
                    yield f"page {number}: {box.text!r} passes its cell by {by:.1f}px"


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_no_text_leaves_its_table_cell(tmp_path: Path, language: str) -> None:
    repo = make_repo(tmp_path, {f"{STEM}.yaml": changed(_enlarged)})
    result = render(repo, "--format", "html", "--lang", language, "--force", "--out", "out")
    assert result.code == 0, result.err
    html = repo / "out" / f"{STEM}.html"
    assert f"{HUGE:,}"[:3] in html.read_text(encoding="utf-8").replace("\u202f", ",")
    document = weasyprint.HTML(filename=html).render()
    assert list(_overflows(document)) == []


def test_the_check_sees_an_overflow(tmp_path: Path) -> None:
    """Without the stylesheet's word breaking, the long word does stick out: the check works."""
    html = tmp_path / "narrow.html"
    html.write_text(
        "<table style='table-layout: fixed; width: 100px'><tr>"
        f"<td style='width: 50px'>{LONG_WORD}</td><td>x</td></tr></table>",
        encoding="utf-8",
    )
    assert list(_overflows(weasyprint.HTML(filename=html).render())) != []


def test_only_sized_tables_have_set_widths(tmp_path: Path) -> None:
    """A template's own tables, without the `sized` class, keep automatic widths."""
    repo = make_repo(tmp_path)
    assert render(repo, "--format", "html", "--out", "out").code == 0
    document = weasyprint.HTML(filename=repo / "out" / f"{STEM}.html").render()
    layouts = {
        box.element.get("class"): box.style["table_layout"]
        for page in document.pages
        for box in page._page_box.descendants()
        # Tables proper: the contents lines are laid out as table rows of their own.
        if isinstance(box, boxes.TableBox) and box.element.tag == "table"
    }
    assert layouts["sized matrix"] == "fixed"
    assert layouts["alignment"] == "auto"
    assert {cls for cls, layout in layouts.items() if layout == "fixed"} == {
        cls for cls in layouts if cls.startswith("sized ")
    }
