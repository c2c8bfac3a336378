"""The HTML view of the reports: a self-contained, accessible, escaped, deterministic page."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import get_args

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import escape

from dwcp.analyses.report_data import GapBar, Kind, Report, StepStatus, build_report
from dwcp.analyses.tc import tc_strategy
from dwcp.config import Settings
from dwcp.domain.catalogue import load_catalogue
from dwcp.resources import Templates
from dwcp.views.environment import environment_for
from dwcp.views.reports import charts
from dwcp.views.reports.html import render_html
from tests.conftest import CliRun
from tests.helpers import CLEAN

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2024, 6, 30)
KINDS: tuple[Kind, ...] = get_args(Kind)
SVG_NS = "http://www.w3.org/2000/svg"
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
EVIL = "<script>alert(1)</script>"


class Page(HTMLParser):
    """Parses a page, asserting that every non-void element is closed in order, and keeps
    what the tests look at: tags with their attributes, headings and tables."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[int] = []
        self.tables: list[dict[str, int]] = []
        self.feed(text)
        self.close()
        assert self.stack == [], f"unclosed elements: {self.stack}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)  # <rect .../> in SVG: opened and closed at once

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"end tag for void element {tag}"
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables.append({"caption": 0, "th": 0, "th_col": 0})
        elif tag == "caption":
            self.tables[-1]["caption"] += 1
        elif tag == "th":
            self.tables[-1]["th"] += 1
            self.tables[-1]["th_col"] += values.get("scope") == "col"

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def svgs(page: str) -> dict[str, ET.Element]:
    """Every inline SVG, parsed as XML (so its text is well-formed and escaped), by id."""
    found = {}
    for text in re.findall(r"<svg\b.*?</svg>", page, re.DOTALL):
        element = ET.fromstring(text)
        found[element.attrib["id"]] = element
    return found


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    settings = Settings(root=ROOT)
    catalogue = load_catalogue()
    return {
        kind: build_report(kind, [ROOT / "programmes"], settings, catalogue, AS_OF)
        for kind in KINDS
    }


@pytest.fixture(scope="module")
def pages(reports: dict[str, Report]) -> dict[str, str]:
    return {kind: render_html(report) for kind, report in reports.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_page_structure(pages: dict[str, str], reports: dict[str, Report], kind: str) -> None:
    text = pages[kind]
    assert text.startswith("<!doctype html>\n")
    page = Page(text)
    assert page.all("html") == [{"lang": "en"}]
    assert len(page.all("h1")) == 1
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"heading level skips from h{before} to h{after}"
    report = reports[kind]
    assert len(page.tables) == len(report.tables)
    for t, found in zip(report.tables, page.tables, strict=True):
        assert found["caption"] == 1
        assert found["th"] == found["th_col"] == len(t.columns)
        assert f'id="table-{t.id}"' in text
        for note in t.notes:
            assert f"<li>{escape(note)}</li>" in text
    assert f'<time datetime="{AS_OF.isoformat()}">' in text
    for file in report.programmes:
        assert f"<code>{file}</code>" in text


@pytest.mark.parametrize("kind", KINDS)
def test_self_contained(pages: dict[str, str], kind: str) -> None:
    text = pages[kind]
    page = Page(text)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base"):
        assert not page.all(tag), f"<{tag}> in the page"
    assert "<script" not in text.lower()
    assert set(re.findall(r"https?://[^\s\"'<>)]*", text)) == {SVG_NS}
    for _, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), attrs
        assert all(not v.startswith("javascript:") for v in attrs.values())
        if "href" in attrs:
            assert attrs["href"].startswith("#")
    style = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
    assert style is not None
    assert "@import" not in style.group(1)
    assert "url(" not in style.group(1)
    assert len(page.all("style")) == 1


def test_numbers_are_right_aligned_and_formatted(pages: dict[str, str]) -> None:
    text = pages["gaps"]
    # The terminal and Markdown views write amounts with separators and shares with %.
    assert re.search(r'<th scope="col" class="num">required</th>', text)
    assert re.search(r'<td class="num">[0-9]{1,3}(,[0-9]{3})+</td>', text)
    assert re.search(r'<td class="num">[0-9.]+%</td>', text)
    assert '<th scope="col">file</th>' in text
    # `end` is right in left-to-right pages and left in right-to-left ones.
    assert ".num { text-align: end;" in text


EXPECTED_CHARTS = {
    "gaps": {"chart-gap-1", "chart-method"},
    "alignment": {"chart-funding"},
    "portfolio": {"chart-gap-1", "chart-method", "chart-funding"},
    "results": {"chart-results"},
}


@pytest.mark.parametrize("kind", KINDS)
def test_charts_present_and_accessible(
    pages: dict[str, str], reports: dict[str, Report], kind: str
) -> None:
    found = svgs(pages[kind])
    assert EXPECTED_CHARTS[kind] <= set(found)
    for chart_id, svg in found.items():
        assert svg.tag == f"{{{SVG_NS}}}svg"
        assert svg.attrib["role"] == "img"
        assert svg.attrib["aria-label"].strip()
        title = svg[0]
        assert title.tag == f"{{{SVG_NS}}}title" and (title.text or "").strip(), chart_id
        assert svg.findall(f".//{{{SVG_NS}}}text"), f"{chart_id} has no text labels"
    report = reports[kind]
    if report.table("gaps-method") is None:
        assert "chart-method" not in found
    if report.table("alignment-funding") is None:
        assert "chart-funding" not in found
    if (
        report.table("gaps-resources-by-outcome") is None
        and report.table("portfolio-programmes") is None
    ):
        assert not any(chart_id.startswith("chart-gap") for chart_id in found)


def test_one_gap_chart_per_programme(pages: dict[str, str], reports: dict[str, Report]) -> None:
    found = svgs(pages["gaps"])
    gap_charts = [svg for chart_id, svg in found.items() if chart_id.startswith("chart-gap-")]
    assert len(gap_charts) == len(reports["gaps"].programmes)
    labels = [svg.attrib["aria-label"] for svg in gap_charts]
    for file in reports["gaps"].programmes:
        assert any(file in label for label in labels)
    # Secured and gap are told apart in text, not by colour alone.
    texts = ["".join(t.itertext()) for t in gap_charts[0].iter(f"{{{SVG_NS}}}text")]
    assert "secured" in texts and "gap (still to find)" in texts
    assert any(t.startswith("required ") and "; gap " in t for t in texts)


def test_portfolio_gap_chart_draws_programmes(
    pages: dict[str, str], reports: dict[str, Report]
) -> None:
    chart = svgs(pages["portfolio"])["chart-gap-1"]
    texts = {"".join(t.itertext()) for t in chart.iter(f"{{{SVG_NS}}}text")}
    assert set(reports["portfolio"].programmes) <= texts


def test_method_heatmap_writes_every_status(
    pages: dict[str, str], reports: dict[str, Report]
) -> None:
    chart = svgs(pages["gaps"])["chart-method"]
    method = reports["gaps"].table("gaps-method")
    assert method is not None
    texts = ["".join(t.itertext()) for t in chart.iter(f"{{{SVG_NS}}}text")]
    statuses = [t for t in texts if t in {"complete", "partial", "missing"}]
    assert statuses == [str(s) for s in method.column("status")]


def test_funding_chart_draws_milestones_and_references(pages: dict[str, str]) -> None:
    chart = svgs(pages["alignment"])["chart-funding"]
    texts = {"".join(t.itertext()) for t in chart.iter(f"{{{SVG_NS}}}text")}
    tc = tc_strategy().with_indicator("1.2")
    assert tc is not None
    for biennium, value in tc.indicator("1.2").milestones.items():
        assert f"{value}%" in texts
        assert f"{value}%: indicator 1.2 milestone for {biennium} (dashed)" in texts
    for reference in tc.references:
        assert f"{reference.percent}%: {reference.label} (dotted)" in texts
    assert any(t.startswith("(portfolio), extra-budgetary") for t in texts)


def test_status_colours_have_enough_contrast() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for fill, ink in [*charts.STATUS_COLOURS.values(), charts.OTHER_STATUS]:
        light, dark = sorted((luminance(fill), luminance(ink)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 7


def test_heatmap_with_every_status() -> None:
    statuses = [
        StepStatus("a.yaml", "1-context", "complete", ""),
        StepStatus("a.yaml", "2-priorities", "partial", "DW201: x"),
        StepStatus("b.yaml", "1-context", "missing", "DW101: y"),
    ]
    svg = ET.fromstring(charts.method_heatmap("m", "Method", statuses))
    texts = ["".join(x.itertext()) for x in svg.iter(f"{{{SVG_NS}}}text")]
    # b.yaml has no row for 2-priorities: the cell says so rather than staying blank.
    assert texts[-4:] == ["complete", "partial", "b.yaml", "missing"] or "-" in texts
    assert "1 complete, 1 partial, 1 missing" in svg.attrib["aria-label"]


def test_chart_text_is_escaped() -> None:
    nasty = "<b>&\"'</b>"
    bars = [GapBar(nasty, Decimal(10), Decimal(4), Decimal(6))]
    shares = [charts.Share(nasty, 50.0, nasty)]
    lines = [charts.Line(60, nasty, True)]
    for text in (
        charts.gap_bars("g", nasty, bars, nasty),
        charts.share_bars("s", nasty, shares, lines),
    ):
        assert "<b>" not in text
        svg = ET.fromstring(text)
        assert svg[0].text == nasty
        assert nasty in svg.attrib["aria-label"]
        assert nasty in ["".join(t.itertext()) for t in svg.iter(f"{{{SVG_NS}}}text")]


def _evil_repo(tmp_path: Path) -> Path:
    folder = tmp_path / "programmes"
    folder.mkdir()
    text = CLEAN.read_text(encoding="utf-8")
    text = text.replace(
        "title: More and better jobs for young women and men", f'title: "{EVIL}"'
    ).replace("currency: USD", f'currency: "{EVIL}"')
    # A review recommendation, which the results report shows.
    text = text.replace(
        "- {kind: annual-review, planned: 2019-12-15}",
        f'- {{kind: annual-review, planned: 2019-12-15, recommendations: [{{text: "{EVIL}"}}]}}',
    )
    assert text.count(EVIL) == 3
    (folder / "ZMB-2018-2022.yaml").write_text(text, encoding="utf-8")
    (folder / "XYZ-2020-2024.yaml").write_text(f"country: [{EVIL}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("kind", KINDS)
def test_programme_text_is_escaped(tmp_path: Path, kind: Kind) -> None:
    folder = _evil_repo(tmp_path)
    report = build_report(kind, [folder], Settings(root=tmp_path), load_catalogue(), AS_OF)
    assert report.left_out, "the broken file is left out"
    text = render_html(report)
    assert "<script" not in text.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    Page(text)
    for svg in svgs(text).values():
        assert svg.attrib["role"] == "img"
    left_out = report.left_out[0]
    assert f"<code>{left_out.file}</code>: {escape(left_out.reason)}</li>" in text
    if kind == "alignment":
        assert f"<td>{escape(EVIL)}</td>" in text  # the priority title


def test_deterministic(reports: dict[str, Report], pages: dict[str, str]) -> None:
    settings = Settings(root=ROOT)
    for kind in KINDS:
        assert render_html(reports[kind]).encode() == pages[kind].encode()
        rebuilt = build_report(kind, [ROOT / "programmes"], settings, load_catalogue(), AS_OF)
        assert render_html(rebuilt).encode() == pages[kind].encode()


def test_environment_is_sandboxed_strict_and_escaping() -> None:
    env = environment_for(Templates())
    assert isinstance(env, SandboxedEnvironment)
    assert env.undefined is jinja2.StrictUndefined
    # HTML templates are escaped (a callable decides by template name), and so are strings.
    assert callable(env.autoescape) and env.autoescape("reports/report.html.j2")
    assert env.from_string("{{ x }}").render(x=EVIL) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing }}").render()


def test_template_dir_takes_precedence(tmp_path: Path, reports: dict[str, Report]) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "report.css").write_text("body { color: #123456; }\n", "utf-8")
    text = render_html(reports["alignment"], Templates((tmp_path,)))
    assert "body { color: #123456; }" in text
    assert "<h1>dwcp alignment report</h1>" in text  # the built-in template still applies
    (tmp_path / "reports" / "report.html.j2").write_text(
        "<!doctype html><title>{{ kind }}</title>{{ css }}\n", "utf-8"
    )
    own = render_html(reports["alignment"], Templates((tmp_path,)))
    assert own == "<!doctype html><title>alignment</title>body { color: #123456; }\n\n"


def test_cli_writes_html(dwcp: CliRun, repo: Path) -> None:
    run = dwcp("report", "gaps", "--format", "html", "--output", "x.html", "--as-of", "2019-07-01")
    assert run.code == 0, run.err
    text = (repo / "x.html").read_text(encoding="utf-8")
    page = Page(text)
    assert len(page.all("h1")) == 1
    assert {"chart-gap-1", "chart-method"} <= set(svgs(text))
    assert "programmes/ZMB-2018-2022.yaml" in text
